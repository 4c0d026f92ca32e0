"""Continuous-task modes and efficiency resource types: names, numbers, bits, reason maps.

Sources: service-rules §2.1, §2.8, §2.9, §3.1; api-surface §3.1, §3.2.
"""

from __future__ import annotations

from typing import Iterable

# module.json5 strings known to the bundle manager, value = index + 1 (api-surface §3.1).
MODULE_MODE_NAMES: dict[str, int] = {
    "dataTransfer": 1, "audioPlayback": 2, "audioRecording": 3, "location": 4,
    "bluetoothInteraction": 5, "multiDeviceConnection": 6, "wifiInteraction": 7, "voip": 8,
    "taskKeeping": 9, "pictureInPicture": 10, "screenFetch": 11, "avPlaybackAndRecord": 12,
    "specialScenarioProcessing": 13, "nearlink": 14,
}

# The nine names the string[] overloads accept (g_backgroundModes; index + 1 = value).
JS_MODE_NAMES: tuple[str, ...] = (
    "dataTransfer", "audioPlayback", "audioRecording", "location", "bluetoothInteraction",
    "multiDeviceConnection", "wifiInteraction", "voip", "taskKeeping",
)
BG_MODE_ID_BEGIN, BG_MODE_ID_END = 1, 9

# Names reported back in ContinuousTaskInfo.backgroundModes (background_mode.cpp).
_REPORTED_NAMES: dict[int, str] = {**{i + 1: n for i, n in enumerate(JS_MODE_NAMES)},
                                   10: "workout", 13: "specialScenarioProcessing", 14: "nearlink"}

DATA_TRANSFER, AUDIO_PLAYBACK, AUDIO_RECORDING, LOCATION = 1, 2, 3, 4
BLUETOOTH_INTERACTION, MULTI_DEVICE_CONNECTION, WIFI_INTERACTION, VOIP, TASK_KEEPING = 5, 6, 7, 8, 9
SPECIAL_SCENARIO_PROCESSING, NEARLINK = 13, 14
AV_PLAYBACK_AND_RECORD_BIT = 1 << (12 - 1)  # module.json5 "avPlaybackAndRecord"
ATOMIC_SERVICE_MODES = frozenset({AUDIO_PLAYBACK, LOCATION, MULTI_DEVICE_CONNECTION})

# Detailed cancel reason when the system stops a task for its first mode (BACKGROUND_MODE_TO_CANCEL_REASON_MAP).
CANCEL_REASON_BY_MODE: dict[int, int] = {1: 4, 2: 6, 3: 7, 4: 8, 5: 9, 6: 10, 8: 13, 13: 14}
# Suspend reason by the task's first mode (continuous_task_suspend_reason.cpp); unknown -> -1.
SUSPEND_REASON_BY_MODE: dict[int, int] = {1: 4, 2: 6, 3: 7, 4: 8, 5: 9, 6: 10, 8: 13, 13: 19, 14: 17}


def mode_bit(mode: int) -> int:
    return 1 << (mode - 1)


def mode_bitmask(names: Iterable[str]) -> int:
    """The bundle manager's bitmask for module.json5 strings; unknown strings are ignored."""
    mask = 0
    for name in names:
        value = MODULE_MODE_NAMES.get(name)
        if value is not None:
            mask |= mode_bit(value)
    return mask


def unknown_mode_names(names: Iterable[str]) -> tuple[str, ...]:
    return tuple(n for n in names if n not in MODULE_MODE_NAMES)


def mode_numbers() -> tuple[int, ...]:
    """Every mode number a device reports by name."""
    return tuple(_REPORTED_NAMES)


def mode_name(mode: int) -> str:
    """The string a device reports for a mode number ("default" for unknown ones)."""
    return _REPORTED_NAMES.get(mode, "default")


def mode_number(name: str) -> int | None:
    """The number of one of the nine JS mode names, or None."""
    try:
        return JS_MODE_NAMES.index(name) + 1
    except ValueError:
        return None


# Efficiency resource types (resource_type.h; service-rules §3.1).
RESOURCE_TYPE_NAMES: tuple[str, ...] = (
    "CPU", "COMMON_EVENT", "TIMER", "WORK_SCHEDULER", "BLUETOOTH", "GPS", "AUDIO", "RUNNING_LOCK", "SENSOR",
)
MAX_RESOURCE_MASK = (1 << len(RESOURCE_TYPE_NAMES)) - 1  # 511


def resource_names(mask: int) -> tuple[str, ...]:
    """Decode a resource bitmask into type names, lowest bit first."""
    return tuple(name for i, name in enumerate(RESOURCE_TYPE_NAMES) if mask & (1 << i))
