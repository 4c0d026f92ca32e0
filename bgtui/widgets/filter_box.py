"""The event log's filter box: an Input whose footer shows its own two keys, not the main screen's."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding
from textual.widgets import Input

__all__ = ["FilterBox"]


class FilterBox(Input):
    OWN_FOOTER: ClassVar[bool] = True  # bgtui.widgets.key_bar: while it has the focus, only its keys show
    BINDINGS: ClassVar[list[Binding]] = [
        Binding("enter", "submit", "Keep filter"),
        Binding("escape", "clear_filter", "Clear filter"),
    ]

    def action_clear_filter(self) -> None:
        self.parent.key_escape()  # type: ignore[union-attr]  # EventLogPanel: clears and goes back to the log
