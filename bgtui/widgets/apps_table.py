"""Apps: state, flags, declared modes, permissions, the daily transient quota, what keeps each awake."""

from __future__ import annotations

from typing import Any, ClassVar

from emulator.apps import KEEP_BACKGROUND_RUNNING
from emulator.service.transient_model import INIT_QUOTA_MS, MIN_ALLOW_QUOTA_TIME_MS
from emulator.snapshot import AppView, Snapshot

from bgtui import format as fmt
from bgtui.describe import awake_text
from bgtui.widgets.cells import bar, countdown_variable, mode_chips, state
from bgtui.widgets.snapshot_view import SnapshotDrivenTable
from bgtui.widgets.table import Cell, Column

__all__ = ["AppsTable"]



class AppsTable(SnapshotDrivenTable):
    KIND = "app"
    EMPTY = "No apps installed."
    TIME_DEPENDENT = True
    COLUMNS: ClassVar[tuple[Column, ...]] = (
        Column("app", "App", 10),
        Column("state", "State", 12),
        Column("pid", "pid", 6, drop=4, right=True),
        Column("flags", "Flags", 6, drop=5),
        Column("modes", "Declared modes", 14, drop=2),
        Column("perms", "Perms", 7, drop=3),
        Column("listens", "Listens", 8, drop=4),
        Column("quota", "Daily quota left", 16),
        Column("awake", "Keeps it awake", 14, flex=2, want=28),  # "nothing: suspended in 0:04.4" whole
    )

    def rows(self, snapshot: Snapshot) -> list[tuple[Any, Any]]:
        return [(a.bundle_name, a) for a in snapshot.apps]

    def cells(self, view: AppView) -> dict[str, Cell]:
        flags = " ".join(f for f, on in (("sys", view.system_app), ("atom", view.atomic_service)) if on)
        quota = view.quota_left_ms
        colour = countdown_variable(quota, quota < MIN_ALLOW_QUOTA_TIME_MS)
        awake, awake_style = awake_text(view, self.now_ms)
        return {
            "app": [(view.label, "bold")],
            "state": state(view.state),
            "pid": [(str(view.pid) if view.pid >= 0 else "—", "dim")],
            "flags": [(flags or "—", None if flags else "dim")],
            "modes": mode_chips(view.background_modes) or [("none", "dim")],
            "perms": [("keep-bg", None) if KEEP_BACKGROUND_RUNNING in view.permissions else ("—", "dim")],
            "quota": [*bar(quota / INIT_QUOTA_MS, 7, colour),
                      (("▸" if view.quota_counting else " ") + fmt.remaining(quota), colour)],
            "awake": [(awake, awake_style)],
            "listens": [(listens_text(view.listeners) or "—", None if view.listeners else "dim")],
        }


_LISTEN_WORDS = {"continuousTaskCancel": "cancel", "continuousTaskSuspend": "suspend",
                 "continuousTaskActive": "active", "subscribeContinuousTaskState": "state"}


def listens_text(listeners: tuple[str, ...]) -> str:
    """"cancel suspend": the app's on() types and its state subscription, short."""
    return " ".join(_LISTEN_WORDS.get(t, t) for t in listeners)
