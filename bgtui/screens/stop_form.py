"""The system stops a continuous task: the cause."""

from __future__ import annotations

from emulator.actions import STOP_CAUSES
from emulator.snapshot import Snapshot
from textual.app import ComposeResult
from textual.widgets.option_list import Option

from bgtui.screens.form import Choice, FormScreen

__all__ = ["StopCauseForm", "CAUSE_WORDS", "low_speed_targets"]

CAUSE_WORDS = {
    "not_running": "not running: the declared work is not happening (reason from the task's first mode)",
    "low_speed": "low speed: a data transfer is too slow (every dataTransfer task of the app ends)",
    "misuse": "misuse: the app uses continuous tasks illegally (every task of the app ends)",
}


def low_speed_targets(snap: Snapshot, bundle: str) -> list[int]:
    """The tasks "low speed" would stop: the app's tasks with dataTransfer (HandleStopContinuousTask)."""
    return [t.continuous_task_id for t in snap.continuous_tasks
            if t.bundle_name == bundle and "dataTransfer" in t.modes]


class StopCauseForm(FormScreen[str]):
    FORM_TITLE = "System: stop the continuous task"
    AUTO_FOCUS = "#cause"

    def __init__(self, task_id: int, has_data_transfer: bool = True) -> None:
        super().__init__()
        self._task_id = task_id
        self._has_data_transfer = has_data_transfer

    def notes(self) -> list[str]:
        if self.result() == "low_speed" and not self._has_data_transfer:
            return ["the app has no dataTransfer task: \"low speed\" would change nothing"]
        return []

    @property
    def ABOUT(self) -> str:  # type: ignore[override]
        return f"The system (resource scheduler) stops continuous task {self._task_id}. Why?"

    def fields(self) -> ComposeResult:
        yield Choice(*[Option(CAUSE_WORDS.get(c, c), id=c) for c in STOP_CAUSES], id="cause")

    def result(self) -> str:
        return STOP_CAUSES[self.query_one(Choice).highlighted or 0]
