"""Small device forms: the battery level, the device type."""

from __future__ import annotations

from dataclasses import dataclass

from emulator.device import DEVICE_TYPES
from textual.app import ComposeResult
from textual.widgets import Input, Label
from textual.widgets.option_list import Option

from bgtui.screens.form import Choice, FormScreen, int_value

__all__ = ["BatteryForm", "BatterySetting", "DeviceTypeForm"]


@dataclass(frozen=True)
class BatterySetting:
    level: int
    threshold: int


class BatteryForm(FormScreen[BatterySetting]):
    FORM_TITLE = "Battery"
    AUTO_FOCUS = "#level"
    ABOUT = ("At or below the threshold the battery service publishes BATTERY_LOW once: new transient "
             "tasks then get at most 1 min. Rising above it publishes BATTERY_OKAY.")

    def __init__(self, level: int, threshold: int) -> None:
        super().__init__()
        self._level, self._threshold = level, threshold

    def fields(self) -> ComposeResult:
        yield Label("Battery level (%)", classes="form-label")
        yield Input(str(self._level), id="level", restrict=r"[0-9]*")
        yield Label("Low-battery threshold (%)", classes="form-label")
        yield Input(str(self._threshold), id="threshold", restrict=r"[0-9]*")

    def _value(self, name: str) -> int | None:
        value = int_value(self.query_one(f"#{name}", Input).value)
        return value if value is not None and 0 <= value <= 100 else None

    def problems(self) -> list[str]:
        return [f"{label} must be a whole number from 0 to 100"
                for name, label in (("level", "the level"), ("threshold", "the threshold"))
                if self._value(name) is None]

    def notes(self) -> list[str]:
        level, threshold = self._value("level"), self._value("threshold")
        if level is not None and threshold is not None and level <= threshold:
            return [f"{level}% <= {threshold}%: low battery (BATTERY_LOW)"]
        return []

    def result(self) -> BatterySetting:
        level, threshold = self._value("level"), self._value("threshold")
        assert level is not None and threshold is not None
        return BatterySetting(level, threshold)


class DeviceTypeForm(FormScreen[str]):
    FORM_TITLE = "Device type"
    AUTO_FOCUS = "#type"
    ABOUT = "taskKeeping continuous tasks are allowed on 2in1 devices (bgtask.support_task_keeping)."

    def __init__(self, current: str) -> None:
        super().__init__()
        self._current = current

    def fields(self) -> ComposeResult:
        yield Choice(*[Option(name, id=name) for name in DEVICE_TYPES], id="type")

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one(Choice).highlighted = DEVICE_TYPES.index(self._current)

    def result(self) -> str:
        choice = self.query_one(Choice)
        return DEVICE_TYPES[choice.highlighted or 0]
