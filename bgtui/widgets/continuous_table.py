"""Continuous tasks: id, app, ability, modes as chips, notification id, active or suspended and why."""

from __future__ import annotations

from typing import Any, ClassVar

from emulator.snapshot import ContinuousTaskView, Snapshot

from bgtui.describe import suspend_reason_text
from bgtui.widgets.cells import mode_chips
from bgtui.widgets.snapshot_view import SnapshotDrivenTable
from bgtui.widgets.table import Cell, Column

__all__ = ["ContinuousTable"]



class ContinuousTable(SnapshotDrivenTable):
    KIND = "continuous"
    EMPTY = "No continuous tasks. Select an app and press s to start one."
    COLUMNS: ClassVar[tuple[Column, ...]] = (
        Column("id", "Id", 4, right=True),
        Column("app", "App", 10),
        Column("ability", "Ability", 15, drop=2),
        Column("modes", "Modes", 10, flex=2),
        Column("notification", "Notif", 5, right=True, drop=1),
        Column("request", "Req", 3, drop=3),
        Column("shares", "Shares", 7, drop=4),
        Column("state", "State", 10, flex=2),
    )

    def rows(self, snapshot: Snapshot) -> list[tuple[Any, Any]]:
        return [(t.continuous_task_id, t) for t in snapshot.continuous_tasks]

    def cells(self, view: ContinuousTaskView) -> dict[str, Cell]:
        if view.suspended:
            state: Cell = [("suspended: " + suspend_reason_text(view.suspend_reason), "state-suspended")]
        else:
            state = [("active", "state-foreground")]
        return {
            "id": [(str(view.continuous_task_id), "bold")],
            "app": [(self.label(view.bundle_name), "bold")],
            "ability": [(f"{view.ability_name} #{view.ability_id}", None)],
            "modes": mode_chips(view.modes),
            "notification": [(str(view.notification_id), None) if view.notification_id >= 0 else ("—", "dim")],
            "state": state,
            "request": [("req", None) if view.by_request_object else ("—", "dim")],
            "shares": _shares(view),
        }


def _shares(view: ContinuousTaskView) -> Cell:
    """Which task's notification it shares ("with 1"), "shared" for that task, "merge" when it allows it."""
    other = view.combined_notification_task_id
    if other >= 0 and other != view.continuous_task_id:
        return [(f"with {other}", None)]
    if other >= 0:
        return [("shared", None)]
    return [("merge", "dim")] if view.combined_task_notification else [("—", "dim")]
