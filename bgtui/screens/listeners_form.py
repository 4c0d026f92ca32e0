"""The selected app's listeners: on/off for each continuous-task event, and (system apps) the state subscription."""

from __future__ import annotations

from emulator.apps import KEEP_BACKGROUND_RUNNING
from emulator.service.continuous_calls import GET_BACKGROUND_TASK_INFO
from emulator.service.continuous_listeners import ACTIVE, CANCEL, STATE, SUSPEND
from emulator.snapshot import AppView
from textual.app import ComposeResult
from textual.widgets import Label

from bgtui.screens.form import Check, FormScreen

__all__ = ["ListenersForm", "LISTENER_TYPES", "LISTENER_WORDS"]

LISTENER_TYPES = (CANCEL, SUSPEND, ACTIVE)
LISTENER_WORDS = {
    CANCEL: "on('continuousTaskCancel'): hear when the user or the system ends one of its tasks",
    SUSPEND: "on('continuousTaskSuspend'): the system then suspends its tasks instead of cancelling them",
    ACTIVE: "on('continuousTaskActive'): hear when a suspended task becomes active again",
    STATE: "subscribeContinuousTaskState (system API): every app's task starting, updating, stopping",
}


def _id(kind: str) -> str:
    return "listen-" + kind


class ListenersForm(FormScreen[frozenset[str]]):
    """Dismisses with the set of types the app should listen to; the action calls on/off for the difference."""

    FORM_TITLE = "Listeners"
    AUTO_FOCUS = f"#{_id(CANCEL)}"

    def __init__(self, app: AppView) -> None:
        super().__init__()
        self._app = app

    @property
    def ABOUT(self) -> str:  # type: ignore[override]
        return (f"As {self._app.label}: what the app listens to (space toggles). What a listener hears appears in "
                "the log as the app hearing it.")

    def fields(self) -> ComposeResult:
        kinds = LISTENER_TYPES + ((STATE,) if self._app.system_app else ())
        for kind in kinds:
            yield Check(LISTENER_WORDS[kind], kind in self._app.listeners, id=_id(kind))
        if not self._app.system_app:
            yield Label("subscribeContinuousTaskState is a system API: install a system app to try it",
                        classes="form-about")

    def notes(self) -> list[str]:
        out = []
        if self._app.state == "dead":
            out.append("the app is not running: a listener belongs to a process (launch it with f)")
        if KEEP_BACKGROUND_RUNNING not in self._app.permissions:
            out.append("on/off: the app lacks KEEP_BACKGROUND_RUNNING, which they need: the device answers 201")
        if self._app.system_app and GET_BACKGROUND_TASK_INFO not in self._app.permissions:
            out.append("subscribeContinuousTaskState: the app lacks GET_BACKGROUND_TASK_INFO: the device answers 201")
        return out

    def result(self) -> frozenset[str]:
        return frozenset(c.id.removeprefix("listen-") for c in self.query(Check) if c.value and c.id)
