"""The notification drawer: the continuous tasks' notifications, which the user may swipe away."""

from __future__ import annotations

from typing import Any, ClassVar

from emulator.snapshot import NotificationView, Snapshot

from bgtui.widgets.snapshot_view import SnapshotDrivenTable
from bgtui.widgets.table import Cell, Column

__all__ = ["NotificationsTable"]


def _extras(view: NotificationView) -> list[Any]:
    """A data transfer's progress (its download template) and an authorisation banner's buttons."""
    out: list[Any] = []
    if view.progress is not None:
        _title, file_name, value = view.progress
        out.append((f"{file_name} {value}% ", "bold"))
    if view.buttons:
        out.append((" ".join(f"[{b}]" for b in view.buttons) + " ", "bold"))
    return out


class NotificationsTable(SnapshotDrivenTable):
    KIND = "notification"
    EMPTY = "No notifications. A continuous task posts one; press w to swipe it away."
    COLUMNS: ClassVar[tuple[Column, ...]] = (
        Column("id", "Id", 4, right=True),
        Column("app", "App", 10),
        Column("title", "Title", 10, flex=1),
        Column("text", "Text", 10, flex=2, drop=1),
        Column("tasks", "Tasks", 6, drop=2),
    )

    def rows(self, snapshot: Snapshot) -> list[tuple[Any, Any]]:
        return [((n.notification_id, n.label), n) for n in snapshot.notifications]  # two can share an id

    def cells(self, view: NotificationView) -> dict[str, Cell]:
        return {
            "id": [(str(view.notification_id), "bold")],
            "app": [(self.label(view.bundle_name), "bold")],
            "title": [(view.title, None)],
            "text": _extras(view) + [(view.text, "dim")],  # first: a long text is cut at the end
            "tasks": [(", ".join(map(str, view.task_ids)), None)],
        }
