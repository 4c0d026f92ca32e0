"""Send anyway: where a form's own check blocks a call that the device would still receive.

A form mixing this in splits its problems in two: `blocking()` (the call cannot be made at all: no app)
and `passable()` (the kit passes it on, or answers it itself: no resource type, a negative task id...).
While only passable problems stand, OK stays disabled and a clearly marked "Send anyway" button (ctrl+o)
sends it as it is, so the device's own answer can be seen: QA test exactly those paths.
"""

from __future__ import annotations

from typing import ClassVar, TypeVar

from textual.binding import Binding
from textual.widgets import Button

from bgtui.screens.form import FormScreen

__all__ = ["SendAnyway"]

T = TypeVar("T")


class SendAnyway(FormScreen[T]):
    BINDINGS: ClassVar[list[Binding]] = [Binding("ctrl+o", "send_anyway", "Send anyway", show=False)]
    sending_anyway = False

    def blocking(self) -> list[str]:
        return []

    def passable(self) -> list[str]:
        return []

    def problems(self) -> list[str]:
        return self.blocking() + self.passable()

    def on_mount(self) -> None:
        button = Button("Send anyway (ctrl+o)", variant="warning", id="anyway")
        button.display = False
        self.query_one("#form-buttons").mount(button, before="#ok")
        super().on_mount()

    def revalidate(self) -> None:
        super().revalidate()
        buttons = self.query("#anyway")
        if buttons:
            buttons.first(Button).display = self._may_send_anyway()

    def _may_send_anyway(self) -> bool:
        return not self.blocking() and bool(self.passable())

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "anyway":
            self.action_send_anyway()

    def action_send_anyway(self) -> None:
        if self._may_send_anyway():
            self.sending_anyway = True
            self.dismiss(self.result())
