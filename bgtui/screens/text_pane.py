"""A scrollable pane of plain text: a query's answer, the hidumper dump."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

__all__ = ["TextPane"]


class TextPane(ModalScreen[None]):
    DEFAULT_CSS = """
    TextPane {
        align: center middle;
        & > #pane {
            width: 100;
            max-width: 100%;
            height: auto;
            max-height: 100%;
            border: round $primary;
            border-title-style: bold;
            border-subtitle-color: $text-muted;
            background: $surface;
        }
        & #pane-scroll { height: auto; max-height: 100%; padding: 0 1; }
        & #pane-text { width: auto; }
    }
    """
    BINDINGS: ClassVar[list[Binding]] = [Binding("escape,q,enter", "close", "Close")]
    AUTO_FOCUS = "#pane-scroll"

    def __init__(self, title: str, text: str) -> None:
        super().__init__()
        self._title, self.text = title, text

    def compose(self) -> ComposeResult:
        with Vertical(id="pane") as pane:
            pane.border_title = self._title
            pane.border_subtitle = "↑↓ pgup pgdn scroll · esc closes"
            with VerticalScroll(id="pane-scroll"):
                yield Static(Content(self.text), id="pane-text")

    def action_close(self) -> None:
        self.dismiss(None)
