"""Transient tasks: a live countdown per task, counting or paused and why, the callback, quota used."""

from __future__ import annotations

from typing import Any, ClassVar

from emulator.service.transient_model import INIT_QUOTA_MS
from emulator.snapshot import Snapshot, TransientTaskView

from bgtui import format as fmt
from bgtui.describe import transient_status
from bgtui.widgets.cells import bar, countdown_variable
from bgtui.widgets.snapshot_view import SnapshotDrivenTable
from bgtui.widgets.table import Cell, Column

__all__ = ["TransientTable"]



class TransientTable(SnapshotDrivenTable):
    KIND = "transient"
    EMPTY = "No transient tasks. Select an app and press t to request one."
    TIME_DEPENDENT = True
    COLUMNS: ClassVar[tuple[Column, ...]] = (
        Column("id", "Id", 4, right=True),
        Column("app", "App", 10),
        Column("reason", "Reason", 10, drop=3),
        Column("bar", "Time left", 12, drop=2),
        Column("left", "Left", 7, right=True),
        Column("status", "Counting or paused, and why", 30, flex=4),
        Column("quota", "Quota used", 10, drop=4, right=True),
    )

    def rows(self, snapshot: Snapshot) -> list[tuple[Any, Any]]:
        quota = {a.bundle_name: a.quota_left_ms for a in snapshot.apps}
        return [(t.request_id, (t, quota.get(t.bundle_name, INIT_QUOTA_MS))) for t in snapshot.transient_tasks]

    def cells(self, view: tuple[TransientTaskView, int]) -> dict[str, Cell]:
        task, quota_left = view
        expiring = task.callback_fired_ms is not None
        colour = countdown_variable(task.remaining_ms, expiring)
        if not task.counting and not expiring:
            colour = "dim"
        status, status_style = transient_status(task, self.now_ms, short=True)
        width = self._bar_width()
        name_style = "countdown-expiring" if expiring else "bold"
        return {
            "id": [(str(task.request_id), name_style)],
            "app": [(self.label(task.bundle_name), name_style)],
            "reason": [(task.reason or "''", None)],
            "bar": bar(task.remaining_ms / task.actual_delay_ms if task.actual_delay_ms else 0, width, colour),
            "left": [(fmt.remaining(task.remaining_ms), colour)],
            "status": [(status, status_style)],
            "quota": [(fmt.remaining(INIT_QUOTA_MS - quota_left), "dim")],
        }

    def _bar_width(self) -> int:
        for column, width in self._columns(self.scrollable_content_region.width):
            if column.key == "bar":
                return width
        return 0
