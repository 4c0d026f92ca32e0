"""API-21 request objects: start a continuous task from a ContinuousTaskRequest, or update one by its task id.

The pairs offered are every (BackgroundTaskMode, BackgroundTaskSubmode) the kit accepts together: each mode
with SUBMODE_NORMAL_NOTIFICATION where the kit allows it, and each other submode with the mode it belongs to,
so every mode and every submode the kit knows is offered.
"""

from __future__ import annotations

from dataclasses import dataclass

from emulator.apps import KEEP_BACKGROUND_RUNNING
from emulator.kit.continuous_args import (
    NORMAL_NOTIFICATION_MODES, SUBMODE_MODE, SUBMODE_NORMAL_NOTIFICATION, V9_MODE_BY_MODE, V9_MODE_BY_SUBMODE,
)
from emulator.kit.enums import BackgroundTaskMode, BackgroundTaskSubmode
from emulator.modes import MODULE_MODE_NAMES
from emulator.snapshot import AppView
from textual.app import ComposeResult
from textual.widgets import Input, Label, Select

from bgtui.screens.anyway import SendAnyway
from bgtui.screens.form import Check, Picker, app_options, int_value

__all__ = ["RequestForm", "RequestSpec", "PAIRS", "pair_mode_name", "TaskIdForm"]

INT32_MIN, INT32_MAX = -(2**31), 2**31 - 1

PAIRS: tuple[tuple[int, int], ...] = (
    *[(m.value, SUBMODE_NORMAL_NOTIFICATION) for m in BackgroundTaskMode if m.value in NORMAL_NOTIFICATION_MODES],
    *[(SUBMODE_MODE[s.value], s.value) for s in BackgroundTaskSubmode if s.value in SUBMODE_MODE],
)
_MODULE_NAMES = {v: k for k, v in MODULE_MODE_NAMES.items()}


def pair_mode_name(pair: tuple[int, int]) -> str:
    """The module.json5 mode the pair stands for (Common::TaskModeTypeConversion), e.g. "audioPlayback"."""
    mode, sub = pair
    v9 = V9_MODE_BY_MODE[mode] if sub == SUBMODE_NORMAL_NOTIFICATION else V9_MODE_BY_SUBMODE[sub]
    return _MODULE_NAMES.get(v9, str(v9))


def _key(pair: tuple[int, int]) -> str:
    return f"{pair[0]}:{pair[1]}"


def _label(pair: tuple[int, int]) -> str:
    return (f"{BackgroundTaskMode(pair[0]).name} + {BackgroundTaskSubmode(pair[1]).name.removeprefix('SUBMODE_')}"
            f"  ({pair_mode_name(pair)})")


@dataclass(frozen=True)
class RequestSpec:
    bundle_name: str
    pairs: tuple[tuple[int, int], ...]
    combined: bool
    task_id: int  # -1 for a start
    anyway: bool = False


class RequestForm(SendAnyway[RequestSpec]):
    AUTO_FOCUS = "#pairs"
    DEFAULT_CSS = "RequestForm SelectionList { max-height: 9; }"

    def __init__(self, apps: dict[str, AppView], selected: str | None, *, update: bool = False, task_id: int = -1,
                 current: tuple[tuple[int, int], ...] = ()) -> None:
        super().__init__()
        self._apps = apps
        self._selected = selected if selected in apps else next(iter(apps), None)
        self._update, self._task_id, self._current = update, task_id, current

    @property
    def FORM_TITLE(self) -> str:  # type: ignore[override]
        return "Update a continuous task by its id" if self._update else "Start from a ContinuousTaskRequest"

    @property
    def ABOUT(self) -> str:  # type: ignore[override]
        if self._update:
            return ("updateBackgroundRunning(context, request): request.continuousTaskId names the task; its "
                    "modes and submodes replace the task's.")
        return ("startBackgroundRunning(context, request) (API 21): up to ten tasks per ability; tasks whose "
                "requests allow it share one notification.")

    def fields(self) -> ComposeResult:
        yield Label("As the app", classes="form-label")
        yield Select(app_options({b: a.label for b, a in self._apps.items()}), value=self._selected or Select.NULL,
                     allow_blank=False, id="app")
        if self._update:
            yield Label("continuousTaskId", classes="form-label")
            yield Input(str(self._task_id), id="task-id", restrict=r"-?[0-9_]*")
        yield Label("backgroundTaskModes + backgroundTaskSubmodes (space toggles)", classes="form-label")
        chosen = set(self._current) or {PAIRS[0]}
        yield Picker(*[(_label(p), _key(p), p in chosen) for p in PAIRS], id="pairs")
        if not self._update:
            yield Check("combinedTaskNotification (this task's notification may be shared)", False, id="combined")
            yield Label("continuousTaskId: share the notification of this task of the app (-1: its own)",
                        classes="form-label")
            yield Input(str(self._task_id), id="task-id", restrict=r"-?[0-9_]*")

    def _app(self) -> AppView | None:
        value = self.query_one("#app", Select).value
        return self._apps.get(value) if isinstance(value, str) else None

    def _pairs(self) -> tuple[tuple[int, int], ...]:
        chosen = set(self.query_one("#pairs", Picker).selected)
        return tuple(p for p in PAIRS if _key(p) in chosen)

    def _given_id(self) -> int | None:
        value = int_value(self.query_one("#task-id", Input).value)
        return value if value is not None and INT32_MIN <= value <= INT32_MAX else None

    def _flag(self, name: str) -> bool:
        return bool(self.query(f"#{name}").first(Check).value) if self.query(f"#{name}") else False

    def blocking(self) -> list[str]:
        return ["choose an app"] if self._app() is None else []

    def passable(self) -> list[str]:
        out = []
        if not self._pairs():
            out.append("choose at least one mode (the kit answers 9800005: mode or submode is empty)")
        task_id = self._given_id()
        if task_id is None:
            out.append(f"continuousTaskId must be a whole number from {INT32_MIN} to {INT32_MAX}")
        elif self._update and task_id < 0:
            out.append("continuousTaskId must be >= 0 (the kit answers 9800005)")
        return out

    def notes(self) -> list[str]:
        app, out = self._app(), []
        if app is None:
            return out
        names = [pair_mode_name(p) for p in self._pairs()]
        if KEEP_BACKGROUND_RUNNING not in app.permissions:
            out.append("the app lacks KEEP_BACKGROUND_RUNNING: the device answers 201")
        undeclared = [n for n in dict.fromkeys(names) if n not in app.background_modes]
        if undeclared:
            out.append(f"not declared in module.json5: {', '.join(undeclared)}: the device answers 9800005")
        task_id = self._given_id()
        if not self._update and task_id is not None and task_id >= 0 and not self._flag("combined"):
            out.append(f"shares task {task_id}'s notification without combinedTaskNotification: the device refuses")
        if app.state != "foreground" and not self._update and any(n != "audioPlayback" for n in names):
            out.append("the app is in the background: only audioPlayback, or modes it held when it left the "
                       "foreground, are allowed")
        return out

    def result(self) -> RequestSpec:
        app = self._app()
        assert app is not None
        task_id = self._given_id()
        combined = self._flag("combined")
        return RequestSpec(app.bundle_name, self._pairs(), combined, task_id if task_id is not None else -1,
                           self.sending_anyway)


class TaskIdForm(SendAnyway[int]):
    """stopBackgroundRunning(context, continuousTaskId): which id."""

    FORM_TITLE = "Stop a continuous task by its id"
    AUTO_FOCUS = "#task-id"

    def __init__(self, label: str, task_id: int) -> None:
        super().__init__()
        self._label, self._task_id = label, task_id

    @property
    def ABOUT(self) -> str:  # type: ignore[override]
        return (f"As {self._label}: stopBackgroundRunning(context, continuousTaskId) (API 21). The service stops the "
                "task with that id.")

    def fields(self) -> ComposeResult:
        yield Label("continuousTaskId", classes="form-label")
        yield Input(str(self._task_id) if self._task_id >= 0 else "", id="task-id", restrict=r"-?[0-9_]*")

    def _given_id(self) -> int | None:
        value = int_value(self.query_one("#task-id", Input).value)
        return value if value is not None and INT32_MIN <= value <= INT32_MAX else None

    def blocking(self) -> list[str]:
        return [f"continuousTaskId must be a whole number from {INT32_MIN} to {INT32_MAX}"] if self._given_id() is None else []

    def passable(self) -> list[str]:
        task_id = self._given_id()
        return ["continuousTaskId must be >= 0 (the kit answers 9800005)"] if task_id is not None and task_id < 0 else []

    def result(self) -> int:
        task_id = self._given_id()
        assert task_id is not None
        return task_id
