"""The base of every form: a modal that validates as you type and dismisses with its result.

Problems block OK (a value that cannot be sent at all, like "abc" for a timeout); notes do not
(a call the device will refuse is still worth sending: the refusal is what you came to see).

The keys are the form's own (enter sends, esc cancels, tab moves; the footer shows them): no key
of the screen behind acts while a form is open, and the clock stands still (bgtui.modal_clock).
A form taller than the screen scrolls its fields; its buttons stay in view.
"""

from __future__ import annotations

from typing import ClassVar, Generic, TypeVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, OptionList, Select, SelectionList, Static

from bgtui.widgets.key_bar import KeyBar

__all__ = ["FormScreen", "Picker", "Check", "Choice", "int_value", "app_options"]

T = TypeVar("T")


def int_value(text: str) -> int | None:
    try:
        return int(text.strip().replace("_", ""))
    except ValueError:
        return None


def app_options(apps: dict[str, str]) -> list[tuple[str, str]]:
    """Select options from {bundle: label}."""
    return [(f"{label}  ({bundle})", bundle) for bundle, label in apps.items()]


class Picker(SelectionList[str], inherit_bindings=False):
    """Several choices: space toggles one; enter is left to the form (it sends it)."""

    BINDINGS: ClassVar[list[Binding]] = [
        Binding("down", "cursor_down", show=False), Binding("up", "cursor_up", show=False),
        Binding("home", "first", show=False), Binding("end", "last", show=False),
        Binding("pagedown", "page_down", show=False), Binding("pageup", "page_up", show=False),
        Binding("space", "select", "Toggle", show=False),
    ]


class Check(Checkbox, inherit_bindings=False):
    """A checkbox that space toggles; enter is left to the form (it sends it)."""

    BINDINGS: ClassVar[list[Binding]] = [Binding("space", "toggle_button", "Toggle", show=False)]


class Choice(OptionList):
    """One choice: arrows move, enter chooses and sends the form."""


class FormScreen(ModalScreen[T | None], Generic[T]):
    DEFAULT_CSS = """
    FormScreen {
        align: center middle;
        & > #form {
            width: 72;
            max-width: 100%;
            height: auto;
            max-height: 100%;
            border: round $primary;
            border-title-style: bold;
            background: $surface;
            padding: 0 0 0 1;
        }
        & #form-body { height: auto; padding-right: 1; scrollbar-size-vertical: 1; }
        & .form-label { color: $text-muted; margin-top: 1; }
        & .form-about { color: $text-muted; }
        & #form-notes { color: $text-warning; height: auto; }
        & #form-problems { color: $text-error; height: auto; }
        & #form-buttons { height: auto; align-horizontal: right; margin-top: 1; padding-right: 1; }
        & #form-buttons > Button { margin-left: 1; }
        & SelectionList { height: auto; max-height: 11; }
        & Input.-invalid { border: tall $error; }
    }
    """
    BINDINGS: ClassVar[list[Binding]] = [
        Binding("enter", "submit", "OK"),
        Binding("escape", "cancel", "Cancel"),
        Binding("tab", "app.focus_next", "Next field"),
    ]
    PAUSE_REASON: ClassVar[str] = "form open"
    FORM_TITLE: ClassVar[str] = "Form"
    ABOUT: ClassVar[str] = ""

    def compose(self) -> ComposeResult:
        with Vertical(id="form") as form:
            form.border_title = self.FORM_TITLE
            with VerticalScroll(id="form-body", can_focus=False):
                if self.ABOUT:
                    yield Static(self.ABOUT, classes="form-about")
                yield from self.fields()
                yield Static(id="form-notes")
                yield Static(id="form-problems")
            with Horizontal(id="form-buttons"):
                yield Button("OK", variant="primary", id="ok")
                yield Button("Cancel", id="cancel")
        yield KeyBar(palette=False, own_keys=True)

    # -- for subclasses ----------------------------------------------------------------------
    def fields(self) -> ComposeResult:
        yield from ()

    def problems(self) -> list[str]:
        """What stops the form from being sent."""
        return []

    def notes(self) -> list[str]:
        """What the device will say about it (shown, not blocking)."""
        return []

    def result(self) -> T:
        raise NotImplementedError

    # -- machinery ---------------------------------------------------------------------------
    def on_mount(self) -> None:
        for widget in self.query(Input):
            widget.cursor_blink = not self.app.is_headless  # deterministic screenshots
        self.revalidate()

    def on_resize(self) -> None:
        """The fields get what the screen has left after the footer, the frame and the buttons (the
        buttons are never scrolled away)."""
        chrome = 1 + 2 + 1 + 3  # footer, frame, the buttons' margin, the buttons
        self.query_one("#form-body").styles.max_height = max(3, self.size.height - chrome)

    def revalidate(self) -> None:
        problems, notes = self.problems(), self.notes()
        self.query_one("#form-problems", Static).update(Content("\n".join(f"✗ {p}" for p in problems)))
        self.query_one("#form-notes", Static).update(Content("\n".join(f"! {n}" for n in notes)))
        self.query_one("#ok", Button).disabled = bool(problems)

    @on(Input.Changed)
    @on(Checkbox.Changed)
    @on(Select.Changed)
    @on(SelectionList.SelectedChanged)
    @on(OptionList.OptionHighlighted, "Choice")
    def _changed(self) -> None:
        self.revalidate()

    @on(OptionList.OptionSelected, "Choice")
    def _chosen(self) -> None:
        self.action_submit()

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.action_submit()

    @on(Button.Pressed, "#ok")
    def _ok(self) -> None:
        self.action_submit()

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.action_cancel()

    def action_submit(self) -> None:
        if not self.problems():
            self.dismiss(self.result())

    def action_cancel(self) -> None:
        self.dismiss(None)
