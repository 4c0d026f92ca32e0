"""The fake user's answer to special-scenario authorisation prompts (requestAuthFromUser / ...ByDialog)."""

from __future__ import annotations

from emulator.device import AUTH_DIALOG_ANSWERS
from textual.app import ComposeResult
from textual.widgets.option_list import Option

from bgtui.screens.form import Choice, FormScreen

__all__ = ["AuthAnswerForm", "ANSWER_LABELS"]

ANSWER_LABELS = {"allow_once": "Allow this time only", "always_allow": "Always allow", "deny": "Deny",
                 "no_answer": "No answer (the prompt stays up)"}


class AuthAnswerForm(FormScreen[str]):
    FORM_TITLE = "Authorisation answer"
    AUTO_FOCUS = "#answer"
    ABOUT = ("What the user answers, 1 s after it appears, when an app asks to run specialScenarioProcessing "
             "tasks: the banner (requestAuthFromUser, no deny button: deny swipes it away) or the dialog "
             "(requestAuthFromUserByDialog).")

    def __init__(self, current: str) -> None:
        super().__init__()
        self._current = current

    def fields(self) -> ComposeResult:
        yield Choice(*[Option(ANSWER_LABELS[a], id=a) for a in AUTH_DIALOG_ANSWERS], id="answer")

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one(Choice).highlighted = AUTH_DIALOG_ANSWERS.index(self._current)

    def result(self) -> str:
        return AUTH_DIALOG_ANSWERS[self.query_one(Choice).highlighted or 0]
