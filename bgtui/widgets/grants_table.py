"""Efficiency grants: app or process, resource types as chips, persistent or a countdown, the reason.

The snapshot has one view per granted type; types granted together (same app or process, same
timing and reason) share a row.
"""

from __future__ import annotations

from typing import Any, ClassVar

from emulator.snapshot import Snapshot

from bgtui import format as fmt
from bgtui.describe import GrantGroup, group_grants
from bgtui.widgets.cells import bar, countdown_variable, resource_chips
from bgtui.widgets.snapshot_view import SnapshotDrivenTable
from bgtui.widgets.table import Cell, Column

__all__ = ["GrantsTable"]


class GrantsTable(SnapshotDrivenTable):
    KIND = "grant"
    EMPTY = "No efficiency resources granted. Select a system app and press e to apply some."
    COLUMNS: ClassVar[tuple[Column, ...]] = (
        Column("app", "App", 10),
        Column("scope", "Scope", 13),
        Column("types", "Resource types", 12, flex=2),
        Column("time", "Time left", 14),
        Column("reason", "Reason", 8, flex=1, drop=1),
    )

    def rows(self, snapshot: Snapshot) -> list[tuple[Any, Any]]:
        return list(group_grants(snapshot.efficiency_grants).items())

    def cells(self, view: GrantGroup) -> dict[str, Cell]:
        first = view[0]
        if first.persistent or first.remaining_ms is None:
            time: Cell = [("persistent", "accent")]
        else:
            colour = countdown_variable(first.remaining_ms, False)
            fraction = first.remaining_ms / first.time_out_ms if first.time_out_ms else 0
            time = [*bar(fraction, 5, colour), (" " + fmt.remaining(first.remaining_ms), colour)]
        scope = "app" if first.scope == "app" else f"process {first.pid}"
        return {
            "app": [(self.label(first.bundle_name), "bold")],
            "scope": [(scope, None)],
            "types": resource_chips(tuple(g.type_name for g in view)),
            "time": time,
            "reason": [(first.reason, None)],
        }
