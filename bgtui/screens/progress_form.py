"""API 22+: updateDataTransferProgress for a data-transfer task, and set/getBackgroundTaskState (system API)."""

from __future__ import annotations

from dataclasses import dataclass

from emulator.kit.enums import UserAuthResult
from emulator.service.continuous_auth import SET_BACKGROUND_TASK_STATE
from emulator.snapshot import AppView
from textual.app import ComposeResult
from textual.widgets import Input, Label, Select

from bgtui.screens.anyway import SendAnyway
from bgtui.screens.form import Check, int_value

__all__ = ["ProgressSpec", "ProgressForm", "StateSpec", "StateForm", "DEFAULT_USER_ID"]

DEFAULT_USER_ID = 100  # the device's one user (uids are 100 * 200000 + appId)


@dataclass(frozen=True)
class ProgressSpec:
    task_id: int
    title: str
    file_name: str
    progress: int | None
    mute: bool


class ProgressForm(SendAnyway[ProgressSpec]):
    FORM_TITLE = "Update a data transfer's progress"
    AUTO_FOCUS = "#progress"

    def __init__(self, label: str, task_id: int) -> None:
        super().__init__()
        self._label, self._task_id = label, task_id

    @property
    def ABOUT(self) -> str:  # type: ignore[override]
        return (f"As {self._label}: updateDataTransferProgress(context, {{continuousTaskId, progressInfo}}) (API 22): "
                "the task's notification shows the progress.")

    def fields(self) -> ComposeResult:
        yield Label("continuousTaskId", classes="form-label")
        yield Input(str(self._task_id) if self._task_id >= 0 else "", id="task-id", restrict=r"-?[0-9_]*")
        yield Label("progressInfo.progressValue (0-100; empty: leave it out)", classes="form-label")
        yield Input("50", id="progress", restrict=r"-?[0-9_]*")
        yield Label("progressInfo.title", classes="form-label")
        yield Input("Uploading", id="title")
        yield Label("progressInfo.fileName", classes="form-label")
        yield Input("photo.jpg", id="file")
        yield Check("progressInfo.isMute", False, id="mute")

    def _int(self, name: str) -> int | None:
        return int_value(self.query_one(f"#{name}", Input).value)

    def blocking(self) -> list[str]:
        return [] if self._int("task-id") is not None else ["continuousTaskId must be a whole number"]

    def passable(self) -> list[str]:
        progress = self._int("progress")
        if progress is not None and not 0 <= progress <= 100:
            return ["progressValue goes from 0 to 100"]
        return []

    def result(self) -> ProgressSpec:
        task_id = self._int("task-id")
        assert task_id is not None
        return ProgressSpec(task_id, self.query_one("#title", Input).value, self.query_one("#file", Input).value,
                            self._int("progress"), bool(self.query_one("#mute", Check).value))


@dataclass(frozen=True)
class StateSpec:
    function: str  # "setBackgroundTaskState" | "getBackgroundTaskState"
    user_id: int
    bundle_name: str
    app_index: int
    auth_result: int


class StateForm(SendAnyway[StateSpec]):
    FORM_TITLE = "Background task state (system API)"
    AUTO_FOCUS = "#function"

    def __init__(self, label: str, apps: dict[str, AppView], selected: str | None) -> None:
        super().__init__()
        self._label, self._apps, self._selected = label, apps, selected

    @property
    def ABOUT(self) -> str:  # type: ignore[override]
        return (f"As {self._label}: setBackgroundTaskState / getBackgroundTaskState(BackgroundTaskStateInfo) "
                "(API 22): the user's authorisation of an app's special-scenario tasks.")

    def fields(self) -> ComposeResult:
        yield Select([(f, f) for f in ("getBackgroundTaskState", "setBackgroundTaskState")],
                     value="getBackgroundTaskState", allow_blank=False, id="function")
        yield Label("bundleName", classes="form-label")
        yield Select([(f"{a.label}  ({b})", b) for b, a in self._apps.items()],
                     value=self._selected or next(iter(self._apps)), allow_blank=False, id="bundle")
        yield Label("userId", classes="form-label")
        yield Input(str(DEFAULT_USER_ID), id="user", restrict=r"-?[0-9_]*")
        yield Label("appIndex", classes="form-label")
        yield Input("0", id="index", restrict=r"-?[0-9_]*")
        yield Label("authResult (set only)", classes="form-label")
        yield Select([(f"{m.name} ({m.value})", m.value) for m in UserAuthResult], value=UserAuthResult.GRANTED_ONCE.value,
                     allow_blank=False, id="result")

    def _int(self, name: str) -> int | None:
        return int_value(self.query_one(f"#{name}", Input).value)

    def blocking(self) -> list[str]:
        return [f"{n} must be a whole number" for n, i in (("userId", "user"), ("appIndex", "index"))
                if self._int(i) is None]

    def passable(self) -> list[str]:
        return [f"{n} -1: the kit refuses it (the state param is invalid)" for n, i in
                (("userId", "user"), ("appIndex", "index")) if self._int(i) == -1]

    def notes(self) -> list[str]:
        caller, out = self._apps.get(self._selected or ""), []
        if caller is None:
            return out
        if SET_BACKGROUND_TASK_STATE not in caller.permissions:
            out.append(f"the caller lacks {SET_BACKGROUND_TASK_STATE.removeprefix('ohos.permission.')}: the device "
                       "answers 201")
        elif not caller.system_app:
            out.append("not a system app: the device answers 202")
        return out

    def result(self) -> StateSpec:
        user, index = self._int("user"), self._int("index")
        assert user is not None and index is not None
        return StateSpec(str(self.query_one("#function", Select).value), user, str(self.query_one("#bundle", Select).value),
                         index, int(self.query_one("#result", Select).value))  # type: ignore[arg-type]
