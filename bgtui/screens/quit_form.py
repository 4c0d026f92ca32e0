"""Quitting with recorded but unsaved actions asks first: save them, discard them, or stay."""

from __future__ import annotations

from typing import ClassVar, Literal

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from bgtui.widgets.key_bar import KeyBar

__all__ = ["QuitChoice", "QuitForm"]

QuitChoice = Literal["save", "discard", "stay"]


class QuitForm(ModalScreen[QuitChoice]):
    DEFAULT_CSS = """
    QuitForm {
        align: center middle;
        & > #quit {
            width: 64; max-width: 100%; height: auto; max-height: 100%;
            border: round $warning; border-title-style: bold; background: $surface; padding: 0 1;
        }
        & #quit-buttons { height: auto; align-horizontal: right; margin-top: 1; }
        & #quit-buttons > Button { margin-left: 1; }
    }
    """
    BINDINGS: ClassVar[list[Binding]] = [
        Binding("s", "choose('save')", "Save…"),
        Binding("d", "choose('discard')", "Discard and quit"),
        Binding("escape", "choose('stay')", "Stay"),
    ]
    PAUSE_REASON: ClassVar[str] = "quit?"
    AUTO_FOCUS = "#save"

    def __init__(self, unsaved: int) -> None:
        super().__init__()
        self._unsaved = unsaved

    def compose(self) -> ComposeResult:
        with Vertical(id="quit") as box:
            box.border_title = "Quit bgtui?"
            yield Static(f"{self._unsaved} recorded action(s) are not saved. Save them as a scenario file "
                         "(it replays to the same event log), discard them, or stay?")
            with Horizontal(id="quit-buttons"):
                yield Button("Save…", variant="primary", id="save")
                yield Button("Discard and quit", variant="error", id="discard")
                yield Button("Stay", id="stay")
        yield KeyBar(palette=False, own_keys=True)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id)  # type: ignore[arg-type]

    def action_choose(self, choice: QuitChoice) -> None:
        self.dismiss(choice)
