"""How the native layer reads a progressInfo (Common::GetprogressInfo / GetprogressInfoParam, common.cpp:597-655
at HEAD e75584cd) and a DataTransferProgress (GetDataTransferProgress, bg_continuous_task_napi_module.cpp:1888-1922).

A reader returns the value, or the internal name of the error the native layer throws. A progressValue outside
0..100 throws the 9800006 progress error at once (HandleErrCode(..., true)); the caller's own error thrown after
it is dropped, as the first exception thrown in a call wins.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from emulator.kit.args import MISSING, is_bool, is_number, is_object, napi_string, to_int32
from emulator.kit.efficiency_args import read_property
from emulator.kit.wantAgent import WantAgent

__all__ = ["ProgressArgs", "read_progress_info", "read_data_transfer_progress", "PROGRESS_INVALID", "UNSET"]

PROGRESS_INVALID = "ERR_BGTASK_CONTINUOUS_PROGRESS_INFO_INVALID"
UNSET = -1  # progressValue_ {-1} (progress_info.h)


@dataclass(frozen=True, slots=True)
class ProgressArgs:
    """A ProgressInfo as the native layer read it (strings cut to 63 bytes like every NAPI string)."""
    title: str
    file_name: str
    progress_value: int = UNSET
    is_mute: bool = False

    def to_json(self) -> dict[str, Any]:
        """ProgressInfo::ParseToJsonStr's keys."""
        return {"title": self.title, "fileName": self.file_name, "progressValue": self.progress_value,
                "isMute": self.is_mute}

    @classmethod
    def from_json(cls, value: Any) -> ProgressArgs | None:
        """ProgressInfo::ParseFromJson: title and fileName strings required; the rest kept when well typed."""
        if not isinstance(value, dict) or not isinstance(value.get("title"), str) \
                or not isinstance(value.get("fileName"), str):
            return None
        pv = value.get("progressValue")
        mute = value.get("isMute")
        return cls(value["title"], value["fileName"], pv if isinstance(pv, int) and not isinstance(pv, bool) else UNSET,
                   mute if isinstance(mute, bool) else False)


def _is_plain_object(value: Any) -> bool:
    """napi_typeof(...) == napi_object: null (None) is napi_null; an array is an object."""
    return value is not None and value is not MISSING and is_object(value)


def read_progress_info(holder: Any) -> ProgressArgs | str:
    """GetprogressInfo on the object holding a `progressInfo` property."""
    info = read_property(holder, "progressInfo")
    if info is MISSING and isinstance(holder, dict) and "progressInfo" in holder:
        info = None  # a key set to None is a present null
    if not _is_plain_object(info):
        return "ERR_BGTASK_INVALID_PARAM"
    title, file_name = read_property(info, "title"), read_property(info, "fileName")
    if not isinstance(title, str) or not isinstance(file_name, str):
        return "ERR_BGTASK_INVALID_PARAM"
    value = read_property(info, "progressValue")
    progress = UNSET
    if value is not MISSING and is_number(value):
        progress = to_int32(value)
        if not 0 <= progress <= 100:
            return PROGRESS_INVALID
    mute = read_property(info, "isMute")
    return ProgressArgs(napi_string(title), napi_string(file_name), progress, mute if is_bool(mute) else False)


@dataclass(frozen=True, slots=True)
class TransferArgs:
    task_id: int
    progress: ProgressArgs
    want_agent: WantAgent | None  # replaces the task's when given as a WantAgent


def read_data_transfer_progress(value: Any) -> TransferArgs | str:
    """GetDataTransferProgress: anything wrong but the progress value is the 401 "input param is invalid"."""
    if not _is_plain_object(value):
        return "ERR_BGTASK_INVALID_PARAM"
    raw = read_property(value, "continuousTaskId")
    task_id = to_int32(raw) if raw is not MISSING and is_number(raw) else -1
    if task_id == -1:
        return "ERR_BGTASK_INVALID_PARAM"
    agent = read_property(value, "wantAgent")
    progress = read_progress_info(value)
    if isinstance(progress, str):
        return progress
    return TransferArgs(task_id, progress, agent if isinstance(agent, WantAgent) else None)
