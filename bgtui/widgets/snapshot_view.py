"""The base of every widget that renders the app's snapshot."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from emulator.snapshot import Snapshot

from bgtui.widgets.table import SnapshotTable

if TYPE_CHECKING:
    from textual.widget import Widget

__all__ = ["watch_snapshot", "SnapshotDrivenTable"]


def watch_snapshot(widget: Widget, callback: Any) -> None:
    """Call `callback(snapshot)` now (if there is one) and on every tick of the app's clock."""

    def on_snapshot(snapshot: Snapshot | None) -> None:
        if snapshot is not None:
            callback(snapshot)

    widget.watch(widget.app, "snapshot", on_snapshot, init=True)


class SnapshotDrivenTable(SnapshotTable):
    """A table whose rows come from each new snapshot through `rows(snapshot)`."""

    KIND: ClassVar[str] = "row"

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.labels: dict[str, str] = {}
        self._counted: int | None = None

    def on_mount(self) -> None:
        watch_snapshot(self, self.show)

    def rows(self, snapshot: Snapshot) -> list[tuple[Any, Any]]:
        raise NotImplementedError

    def show(self, snapshot: Snapshot) -> None:
        if len(self.labels) != len(snapshot.apps):
            self.labels = {a.bundle_name: a.label for a in snapshot.apps}
        count = self.row_count
        self.set_rows(self.rows(snapshot), snapshot.now_ms)
        if self.row_count != count or self._counted is None:
            self._counted = self.row_count  # the frame's subtitle counts the rows
            self.set_class(self.row_count == 0, "-empty")
            self.border_subtitle = str(self.row_count) if self.row_count else ""

    def label(self, bundle_name: str) -> str:
        return self.labels.get(bundle_name, bundle_name)
