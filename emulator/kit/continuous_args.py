"""How the NAPI layer reads continuous-task arguments (research-napi §2.5-2.8, §2.12).

Each reader returns the value, or the internal name of the error the native layer throws.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from emulator.apps import UIAbilityContext
from emulator.kit.args import MISSING, get_field, is_array, is_bool, is_number, is_object, to_int32
from emulator.kit.efficiency_args import read_property
from emulator.kit.progress_args import PROGRESS_INVALID, ProgressArgs, read_progress_info
from emulator.kit.wantAgent import WantAgent
from emulator.modes import BG_MODE_ID_BEGIN, BG_MODE_ID_END, mode_number

__all__ = ["read_context", "read_modes", "read_want_agent", "to_uint32", "check_ability", "read_request",
           "RequestArgs", "Err"]

Err = str  # an internal error name, e.g. "ERR_CONTEXT_NULL_OR_TYPE_ERR"

# ContinuousTaskSubmode range and pairing (background_task_mode.cpp; api-surface §3.3).
SUBMODE_BEGIN, SUBMODE_END = 1, 12  # SUBMODE_CAR_KEY_NORMAL_NOTIFICATION .. END (exclusive)
SUBMODE_NORMAL_NOTIFICATION = 2
NORMAL_NOTIFICATION_MODES = frozenset({2, 3, 4, 5, 6, 7, 8, 9, 14})  # IsModeTypeMatching
SUBMODE_MODE = {1: 5, 3: 1, 4: 12, 5: 12, 6: 12, 7: 12, 8: 12, 9: 13, 10: 13, 11: 13}  # GetSubModeTypeMatching
# GetV9BackgroundModeByMode / BySubMode (background_task_mode.cpp). The pairing checks above admit only
# pairs these maps know, so their "unknown" answer (BackgroundMode::END) cannot arise.
V9_MODE_BY_MODE = {2: 2, 3: 3, 4: 4, 5: 5, 6: 6, 7: 7, 8: 8, 9: 9, 13: 13, 14: 14}
V9_MODE_BY_SUBMODE = {3: 1, 1: 5, 4: 2, 5: 2, 6: 3, 7: 3, 8: 8, 9: 13, 10: 13, 11: 13}


def read_context(value: Any) -> UIAbilityContext | Err:
    """GetAbilityContext: a stage-model UIAbility context, else 9800406."""
    if isinstance(value, UIAbilityContext):
        return value
    return "ERR_CONTEXT_NULL_OR_TYPE_ERR"


def check_ability(ctx: UIAbilityContext, *, token: bool) -> Err | None:
    """GetAbilityInfo() null -> 9800409; GetToken() null -> 9800410 (start's and stop's paths only)."""
    if getattr(ctx, "abilityInfo", None) is None:
        return "ERR_ABILITY_INFO_EMPTY"
    if token and ctx.token is None:
        return "ERR_GET_TOKEN_ERR"
    return None


def to_uint32(value: int | float) -> int:
    """napi_get_value_uint32: truncate, wrap to 32 bits; NaN and +/-Infinity give 0."""
    return to_int32(value) & 0xFFFFFFFF


def read_modes(value: Any) -> tuple[list[int], bool] | Err:
    """(modes, is_batch). A number (GetMode, checked against 1..9 later) or an array of the nine names (GetModes).

    The array must not be empty and each element must be one of the nine names; duplicates are dropped.
    """
    if not is_array(value):
        if not is_number(value):
            return "ERR_BGMODE_NULL_OR_TYPE_ERR"
        return [to_uint32(value)], False
    if not value:
        return "ERR_BGMODE_NULL_OR_TYPE_ERR"
    modes: list[int] = []
    for item in value:
        mode = mode_number(item) if isinstance(item, str) else None
        if mode is None:
            return "ERR_BGMODE_NULL_OR_TYPE_ERR"
        if mode not in modes:
            modes.append(mode)
    return modes, True


def mode_in_range(modes: list[int]) -> bool:
    return all(BG_MODE_ID_BEGIN <= m <= BG_MODE_ID_END for m in modes)


def read_want_agent(value: Any) -> WantAgent | Err:
    """typeof must be object (null counts) and it must unwrap to a WantAgent, else 9800408."""
    if isinstance(value, WantAgent):
        return value
    return "ERR_WANTAGENT_NULL_OR_TYPE_ERR"


def _number_list(value: Any) -> list[int] | None:
    """An array of numbers read as int32, none negative (GetContinuousTaskRequest)."""
    if not is_array(value):
        return None
    out = []
    for item in value:
        number = to_int32(item) if is_number(item) else -1
        if number < 0:
            return None
        out.append(number)
    return out


MODE_DATA_TRANSFER, MODE_SPECIAL = 1, 13  # BackgroundTaskMode numbers
INVALID_CONTINUOUSTASK_ID = -2  # common.cpp:31: GetContinuousTaskRequest refuses a continuousTaskId of -2


@dataclass(frozen=True, slots=True)
class RequestArgs:
    """A ContinuousTaskRequest as the native layer read it; modes are still the BackgroundTaskMode numbers."""
    modes: list[int]
    submodes: list[int]
    want_agent: WantAgent
    continuous_task_id: int  # -1 when missing or not a number
    combined: bool  # only a boolean true counts
    progress: ProgressArgs | None = None  # a request's progressInfo (API 26.1), when it has one

    def service_modes(self) -> list[int]:
        """Common::TaskModeTypeConversion: the BackgroundMode (v9) number each pair stands for."""
        return [V9_MODE_BY_MODE[m] if s == SUBMODE_NORMAL_NOTIFICATION else V9_MODE_BY_SUBMODE[s]
                for m, s in zip(self.modes, self.submodes)]


def read_request(value: Any) -> RequestArgs | Err:
    """Common::GetContinuousTaskRequest then StartBackgroundRunningCheckModes (all answered as 9800005)."""
    if not is_object(value) or is_array(value):
        return "ERR_BGTASK_CONTINUOUS_REQUEST_NULL_OR_TYPE"
    modes = _number_list(get_field(value, "backgroundTaskModes"))
    submodes = _number_list(get_field(value, "backgroundTaskSubmodes"))
    agent = get_field(value, "wantAgent")
    if modes is None or submodes is None or not isinstance(agent, WantAgent):
        return "ERR_BGTASK_CONTINUOUS_REQUEST_NULL_OR_TYPE"
    raw_id = get_field(value, "continuousTaskId")
    task_id = to_int32(raw_id) if raw_id is not MISSING and is_number(raw_id) else -1
    if task_id == INVALID_CONTINUOUSTASK_ID:
        return "ERR_BGTASK_CONTINUOUS_REQUEST_NULL_OR_TYPE"
    combined = get_field(value, "combinedTaskNotification") is True
    progress = None
    if read_property(value, "progressInfo") is not MISSING or (isinstance(value, dict) and "progressInfo" in value):
        progress = read_progress_info(value)
        if isinstance(progress, str):  # a progressValue out of range throws first (its 9800006 wins)
            return progress if progress == PROGRESS_INVALID else "ERR_BGTASK_CONTINUOUS_REQUEST_NULL_OR_TYPE"
    if not modes or not submodes:
        return "ERR_BGTASK_CONTINUOUS_MODE_OR_SUBMODE_IS_EMPTY"
    if len(modes) != len(submodes):
        return "ERR_BGTASK_CONTINUOUS_MODE_OR_SUBMODE_LENGTH_MISMATCH"
    special = check_special_modes(modes, combined)
    if special is not None:
        return special
    for mode, sub in zip(modes, submodes):
        if sub >= SUBMODE_END or sub < SUBMODE_BEGIN:
            return "ERR_BGTASK_CONTINUOUS_MODE_OR_SUBMODE_CROSS_BORDER"
        if sub == SUBMODE_NORMAL_NOTIFICATION:
            if mode not in NORMAL_NOTIFICATION_MODES:
                return "ERR_BGTASK_CONTINUOUS_MODE_OR_SUBMODE_TYPE_MISMATCH"
        elif SUBMODE_MODE.get(sub) != mode:
            return "ERR_BGTASK_CONTINUOUS_MODE_OR_SUBMODE_TYPE_MISMATCH"
    return RequestArgs(modes, submodes, agent, task_id, combined, progress)


def check_special_modes(modes: list[int], combined: bool) -> Err | None:
    """CheckSpecialModeParma (bg_continuous_task_napi_module.cpp:656-691), thrown for start and update alike:
    no merged notification for a special-scenario or dataTransfer request, one special mode, and alone."""
    special = modes.count(MODE_SPECIAL)
    if combined and special:
        return "ERR_BGTASK_CONTINUOUS_SPECIAL_SCENARIO_PROCESSING_NOT_MERGE_NOTIFICATION"
    if combined and MODE_DATA_TRANSFER in modes:
        return "ERR_BGTASK_CONTINUOUS_DATA_TRANSFER_NOT_MERGE_NOTIFICATION"
    if special > 1:
        return "ERR_BGTASK_SPECIAL_SCENARIO_PROCESSING_ONLY_ALLOW_ONE_APPLICATION"
    if special == 1 and len(modes) > 1:
        return "ERR_BGTASK_SPECIAL_SCENARIO_PROCESSING_CONFLICTS_WITH_OTHER_TASK"
    return None


def read_include_suspended(value: Any) -> bool | Err:
    """GetIncludeSuspended: a boolean, else the wantAgent detail (the first of two throws wins)."""
    return value if is_bool(value) else "ERR_WANTAGENT_NULL_OR_TYPE_ERR"
