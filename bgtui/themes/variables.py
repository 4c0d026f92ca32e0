"""The dashboard's own theme variables: the one list of their names.

Every name here is a Textual CSS variable (``$countdown-warning`` in TCSS) whose value is a
colour. Theme files set them under ``[variables]``; a theme that leaves one out gets a value
derived from its own colours (see ``bgtui.themes.defaults``).
"""

from __future__ import annotations

from typing import Mapping

COUNTDOWN_VARIABLES: tuple[str, ...] = (
    "countdown-normal",  # a transient task with plenty of time left
    "countdown-warning",  # under a minute left
    "countdown-expiring",  # the "about to time out" callback has fired
)

STATE_VARIABLES: tuple[str, ...] = (
    "state-foreground",  # app process in the foreground
    "state-background",  # running in the background
    "state-suspended",
    "state-dead",
)

REFUSED_VARIABLE = "refused"  # refusal / error text in the event log
CHIP_TEXT_VARIABLE = "chip-text"  # text drawn on every chip

# Continuous-task mode chips, keyed by the ArkTS BackgroundMode member name.
MODE_CHIP_VARIABLES: dict[str, str] = {
    "DATA_TRANSFER": "chip-mode-data-transfer",
    "AUDIO_PLAYBACK": "chip-mode-audio-playback",
    "AUDIO_RECORDING": "chip-mode-audio-recording",
    "LOCATION": "chip-mode-location",
    "BLUETOOTH_INTERACTION": "chip-mode-bluetooth-interaction",
    "MULTI_DEVICE_CONNECTION": "chip-mode-multi-device-connection",
    "WIFI_INTERACTION": "chip-mode-wifi-interaction",
    "VOIP": "chip-mode-voip",
    "TASK_KEEPING": "chip-mode-task-keeping",
}

# Efficiency resource chips, keyed by the ArkTS ResourceType member name.
RESOURCE_CHIP_VARIABLES: dict[str, str] = {
    "CPU": "chip-res-cpu",
    "COMMON_EVENT": "chip-res-common-event",
    "TIMER": "chip-res-timer",
    "WORK_SCHEDULER": "chip-res-work-scheduler",
    "BLUETOOTH": "chip-res-bluetooth",
    "GPS": "chip-res-gps",
    "AUDIO": "chip-res-audio",
    "RUNNING_LOCK": "chip-res-running-lock",
    "SENSOR": "chip-res-sensor",
}

CHIP_BACKGROUND_VARIABLES: tuple[str, ...] = (
    *MODE_CHIP_VARIABLES.values(),
    *RESOURCE_CHIP_VARIABLES.values(),
)

# Variables drawn as text on the theme's background (checked for contrast).
TEXT_VARIABLES: tuple[str, ...] = (*COUNTDOWN_VARIABLES, *STATE_VARIABLES, REFUSED_VARIABLE)

APP_VARIABLES: tuple[str, ...] = (*TEXT_VARIABLES, CHIP_TEXT_VARIABLE, *CHIP_BACKGROUND_VARIABLES)
"""Every app variable, in a stable order. The dashboard's TCSS may use exactly these."""


def _squash(name: str) -> str:
    return name.replace("_", "").replace("-", "").lower()


_MODE_BY_SQUASHED = {_squash(key): value for key, value in MODE_CHIP_VARIABLES.items()}
_RESOURCE_BY_SQUASHED = {_squash(key): value for key, value in RESOURCE_CHIP_VARIABLES.items()}


def mode_chip_variable(mode: str) -> str:
    """The chip variable for a continuous-task mode.

    Accepts the enum member name (``"DATA_TRANSFER"``) or the ``backgroundModes`` string
    (``"dataTransfer"``). Raises ``KeyError`` for anything else.
    """
    try:
        return _MODE_BY_SQUASHED[_squash(mode)]
    except KeyError:
        raise KeyError(f"no chip variable for background mode {mode!r}") from None


def resource_chip_variable(resource: str) -> str:
    """The chip variable for an efficiency resource type (``"RUNNING_LOCK"`` or ``"runningLock"``)."""
    try:
        return _RESOURCE_BY_SQUASHED[_squash(resource)]
    except KeyError:
        raise KeyError(f"no chip variable for resource type {resource!r}") from None

_APP_VARIABLE_SET = frozenset(APP_VARIABLES)


def has_every_app_variable(variables: Mapping[str, str]) -> bool:
    """True when nothing is left to derive (the shipped themes give every app variable)."""
    return variables.keys() >= _APP_VARIABLE_SET
