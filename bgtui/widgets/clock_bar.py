"""The header: virtual date and time, the clock (running at ×speed or paused), the device."""

from __future__ import annotations

from emulator.snapshot import Snapshot
from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget

from bgtui import format as fmt
from bgtui.widgets.snapshot_view import watch_snapshot

__all__ = ["ClockBar"]

WIDE = 120


class ClockBar(Widget):
    DEFAULT_CSS = """
    ClockBar {
        height: 1;
        background: $panel;
        color: $foreground;
        padding: 0 1;
    }
    """

    acting_as: reactive[str] = reactive("")
    """The app the keys act as (the selected row's app)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._snapshot: Snapshot | None = None

    def on_mount(self) -> None:
        watch_snapshot(self, self._on_snapshot)

    def _on_snapshot(self, snapshot: Snapshot) -> None:
        self._snapshot = snapshot
        self.refresh()

    def render(self) -> Content:
        snap = self._snapshot
        if snap is None:
            return Content("bgtui")
        wide = self.size.width >= WIDE
        driver = self.app.driver  # type: ignore[attr-defined]
        sep = ("  │  " if wide else " │ ", "$text-muted")
        parts: list[tuple[str, str] | str] = [(fmt.clock(snap.now_ms), "bold")]
        if driver.running:
            parts += ["  ", (f"▶ {fmt.speed(driver.speed)}", "bold $countdown-normal")]
        else:
            parts += ["  ", ("PAUSED", "bold reverse $countdown-warning")]
        if wide and snap.next_event_ms is not None:
            parts.append((f"   next event in {fmt.remaining(snap.next_event_ms - snap.now_ms)}", "$text-muted"))
        parts += self._scenario(sep, wide)
        parts += self._modes(sep, wide)
        d = snap.device
        battery = f"battery {d.battery_level}%" if wide else f"bat {d.battery_level}%"
        parts += [sep, (battery, "bold $countdown-expiring" if d.battery_low else "bold")]
        if d.battery_low:
            parts.append((" LOW" if not wide else f" low (≤{d.low_battery_threshold}%)", "$countdown-expiring"))
        if d.charging:
            parts.append((" ⚡charging" if wide else " ⚡", "$countdown-normal"))
        parts += [sep, ("screen " + ("on" if d.screen_on else "off"), "" if d.screen_on else "bold $warning")]
        parts += [sep, (d.device_type, "")]
        if not snap.service_ready:
            parts += [sep, ("service NOT READY", "bold $error")]
        if self.acting_as:
            parts += [sep, ("as ", "$text-muted"), (self.acting_as, "bold $text-accent")]
        return Content.assemble(*parts)

    def _modes(self, sep: tuple[str, str], wide: bool) -> list[tuple[str, str] | str]:
        """Presenter mode (keys do not change the world) and a served tab (its own session)."""
        app = self.app
        out: list[tuple[str, str] | str] = []
        if app.gate.held_by("presenter"):  # type: ignore[attr-defined]
            out += [sep, ("PRESENTER" if wide else "PRES", "bold reverse $text-accent")]
        if getattr(app, "served", False):
            out += [sep, ("this tab's own session" if wide else "own tab", "$text-muted")]
        return out

    def _scenario(self, sep: tuple[str, str], wide: bool) -> list[tuple[str, str] | str]:
        """The scenario playing, and how it goes: failures so far, or ended."""
        session = self.app.session  # type: ignore[attr-defined]
        if session.name is None:
            return []
        out: list[tuple[str, str] | str] = [sep, ("▸ " + session.name, "bold $text-accent")]
        if session.failures:
            out.append((f" ✗ {session.failures} failed", "bold $text-error"))
        elif session.ended:
            out.append((" ✓ ended" if wide else " ✓", "$text-success"))
        return out
