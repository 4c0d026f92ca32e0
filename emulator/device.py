"""The fake device: battery, charging, screen, device type, task-keeping support.

Every change is an event. The service hears of the device only through common events, as on a
real device: the battery service publishes BATTERY_LOW once when the level falls to the
threshold or below and BATTERY_OKAY once when it rises above it (powermgr_battery_manager
battery_notify.cpp; service-rules §1.1); the screen publishes SCREEN_ON / SCREEN_OFF.
Charging is shown but the background task service ignores it (service-rules §1.1).
"""

from __future__ import annotations

from typing import Callable

from emulator.events import EventKind

__all__ = ["Device", "DEVICE_TYPES", "DEFAULT_LOW_BATTERY_THRESHOLD", "AUTH_DIALOG_ANSWERS"]

DEVICE_TYPES = ("phone", "tablet", "2in1", "wearable", "tv", "car")
# What the fake user answers to a special-scenario authorisation banner or dialog (requestAuthFromUser*).
AUTH_DIALOG_ANSWERS = ("allow_once", "always_allow", "deny", "no_answer")
_ANSWER_WORDS = {"allow_once": "allow this time only", "always_allow": "always allow", "deny": "deny",
                 "no_answer": "leave it unanswered"}
DEFAULT_LOW_BATTERY_THRESHOLD = 20  # soc.low default of the battery manager

Emit = Callable[..., object]
Publish = Callable[[str], None]


def _check_percent(name: str, value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{name} must be an int from 0 to 100, not {value!r}")
    if not 0 <= value <= 100:
        raise ValueError(f"{name} must be from 0 to 100, not {value}")
    return value


def _check_bool(name: str, value: object) -> bool:
    if not isinstance(value, bool):
        raise TypeError(f"{name} must be True or False, not {value!r}")
    return value


class Device:
    def __init__(self, emit: Emit, publish: Publish) -> None:
        self._emit = emit
        self._publish = publish
        self._battery_level = 100
        self._low_threshold = DEFAULT_LOW_BATTERY_THRESHOLD
        self._battery_low = False  # what the battery service last published
        self._charging = False
        self._screen_on = True
        self._device_type = "phone"
        self._task_keeping_override: bool | None = None
        self._auth_answer = "no_answer"
        self._auth_answer_listeners: list[Callable[[str], None]] = []
        self.boot_ms = 0  # virtual time of the last boot; uptime = now - boot_ms

    # -- battery -------------------------------------------------------------------------
    @property
    def battery_level(self) -> int:
        return self._battery_level

    @battery_level.setter
    def battery_level(self, value: int) -> None:
        value = _check_percent("battery_level", value)
        if value == self._battery_level:
            return
        old, self._battery_level = self._battery_level, value
        self._emit(EventKind.BATTERY, f"battery {old}% -> {value}%", level=value)
        self._publish_battery_state()

    @property
    def low_battery_threshold(self) -> int:
        return self._low_threshold

    @low_battery_threshold.setter
    def low_battery_threshold(self, value: int) -> None:
        value = _check_percent("low_battery_threshold", value)
        if value == self._low_threshold:
            return
        self._low_threshold = value
        self._emit(EventKind.BATTERY, f"low-battery threshold set to {value}%", threshold=value)
        self._publish_battery_state()

    @property
    def battery_low(self) -> bool:
        """True between a published BATTERY_LOW and the next BATTERY_OKAY."""
        return self._battery_low

    def _publish_battery_state(self) -> None:
        low = self._battery_level <= self._low_threshold
        if low == self._battery_low:
            return
        self._battery_low = low
        name = "BATTERY_LOW" if low else "BATTERY_OKAY"
        rule = (f"level {self._battery_level}% <= threshold {self._low_threshold}%" if low
                else f"level {self._battery_level}% > threshold {self._low_threshold}%")
        self._emit(EventKind.COMMON_EVENT, f"battery service published COMMON_EVENT_{name}: {rule}",
                   event=name)
        self._publish(name)

    @property
    def charging(self) -> bool:
        return self._charging

    @charging.setter
    def charging(self, value: bool) -> None:
        value = _check_bool("charging", value)
        if value == self._charging:
            return
        self._charging = value
        self._emit(EventKind.CHARGING,
                   f"charger {'connected' if value else 'disconnected'} "
                   "(the background task service ignores charging)", charging=value)

    # -- screen --------------------------------------------------------------------------
    @property
    def screen_on(self) -> bool:
        return self._screen_on

    @screen_on.setter
    def screen_on(self, value: bool) -> None:
        value = _check_bool("screen_on", value)
        if value == self._screen_on:
            return
        self._screen_on = value
        name = "SCREEN_ON" if value else "SCREEN_OFF"
        self._emit(EventKind.SCREEN, f"screen turned {'on' if value else 'off'}: COMMON_EVENT_{name} published",
                   screen_on=value)
        self._publish(name)

    # -- device type ---------------------------------------------------------------------
    @property
    def device_type(self) -> str:
        return self._device_type

    @device_type.setter
    def device_type(self, value: str) -> None:
        if value not in DEVICE_TYPES:
            raise ValueError(f"device_type must be one of {', '.join(DEVICE_TYPES)}, not {value!r}")
        if value == self._device_type:
            return
        self._device_type = value
        self._emit(EventKind.DEVICE_TYPE,
                   f"device type is now {value}; bgtask.support_task_keeping={self.support_task_keeping}",
                   device_type=value)

    @property
    def support_task_keeping(self) -> bool:
        """System parameter bgtask.support_task_keeping: true on 2-in-1 devices unless overridden."""
        if self._task_keeping_override is not None:
            return self._task_keeping_override
        return self._device_type == "2in1"

    @support_task_keeping.setter
    def support_task_keeping(self, value: bool | None) -> None:
        """Set the parameter explicitly, or None to follow the device type again."""
        if value is not None:
            _check_bool("support_task_keeping", value)
        self._task_keeping_override = value
        self._emit(EventKind.TASK_KEEPING_SUPPORT,
                   f"bgtask.support_task_keeping={self.support_task_keeping}"
                   + (" (set explicitly)" if value is not None else f" (follows device type {self._device_type})"),
                   support_task_keeping=self.support_task_keeping)

    # -- the user's answer to authorisation prompts -------------------------------------------------
    @property
    def auth_dialog_answer(self) -> str:
        """What the user answers to a special-scenario authorisation banner or dialog, shortly after it appears:
        "allow_once", "always_allow", "deny" (on a banner, which has no deny button: swipe it away) or
        "no_answer" (the default: it stays up until this changes)."""
        return self._auth_answer

    @auth_dialog_answer.setter
    def auth_dialog_answer(self, value: str) -> None:
        if value not in AUTH_DIALOG_ANSWERS:
            raise ValueError(f"auth_dialog_answer must be one of {', '.join(AUTH_DIALOG_ANSWERS)}, not {value!r}")
        if value == self._auth_answer:
            return
        self._auth_answer = value
        self._emit(EventKind.AUTH_ANSWER, f"the user will {_ANSWER_WORDS[value]} when asked to let an app run "
                   "special-scenario tasks in the background", auth_dialog_answer=value)
        for listener in self._auth_answer_listeners:
            listener(value)

    def add_auth_answer_listener(self, listener: Callable[[str], None]) -> None:
        self._auth_answer_listeners.append(listener)

    def overrides(self) -> dict[str, object]:
        """Settings that differ from a fresh device, for the dashboard's overrides banner."""
        out: dict[str, object] = {}
        if self._battery_level != 100:
            out["battery_level"] = self._battery_level
        if self._low_threshold != DEFAULT_LOW_BATTERY_THRESHOLD:
            out["low_battery_threshold"] = self._low_threshold
        if self._charging:
            out["charging"] = True
        if not self._screen_on:
            out["screen_on"] = False
        if self._device_type != "phone":
            out["device_type"] = self._device_type
        if self._task_keeping_override is not None:
            out["support_task_keeping"] = self._task_keeping_override
        if self._auth_answer != "no_answer":
            out["auth_dialog_answer"] = self._auth_answer
        return out
