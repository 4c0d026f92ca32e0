"""The overrides banner: every setting that differs from a fresh device, and the key to reset them."""

from __future__ import annotations

from emulator.snapshot import Snapshot
from textual.content import Content
from textual.widgets import Static

from bgtui.widgets.snapshot_view import watch_snapshot

__all__ = ["OverridesBanner", "describe_override"]


def describe_override(name: str, value: object) -> str:
    words = {
        "battery_level": lambda v: f"battery {v}%",
        "low_battery_threshold": lambda v: f"low-battery threshold {v}%",
        "charging": lambda v: "charging",
        "screen_on": lambda v: "screen off",
        "device_type": lambda v: f"device {v}",
        "support_task_keeping": lambda v: f"task keeping {'on' if v else 'off'}",
        "auth_dialog_answer": lambda v: f"auth prompts: {str(v).replace('_', ' ')}",
        "suspend_grace_ms": lambda v: f"suspend grace {v} ms",
        "unhandled_timeout": lambda v: f"unhandled timeout: {v}",
        "uncaught_exception": lambda v: f"app exceptions: {v}",
        "service_ready": lambda v: "service not ready",
        "fault": lambda v: f"fault: {v}",
    }
    return words.get(name, lambda v: f"{name} {v}")(value)


class OverridesBanner(Static):
    DEFAULT_CSS = """
    OverridesBanner {
        height: 1;
        background: $warning-muted;
        color: $text-warning;
        padding: 0 1;
        display: none;
        &.-active { display: block; }
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._overrides: object = None

    def on_mount(self) -> None:
        watch_snapshot(self, self._on_snapshot)

    def _on_snapshot(self, snapshot: Snapshot) -> None:
        if snapshot.overrides == self._overrides:
            return
        self._overrides = snapshot.overrides
        self.set_class(bool(snapshot.overrides), "-active")
        items = " · ".join(describe_override(name, value) for name, value in snapshot.overrides)
        self.update(Content.assemble(("Overrides", "bold"), " (", ("R", "bold reverse"), " resets all): ", items),
                    layout=False)
