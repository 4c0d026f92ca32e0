"""The device policy's knobs in one form: suspension grace, the unhandled-timeout action, what an
uncaught exception in app code does, task keeping."""

from __future__ import annotations

from dataclasses import dataclass

from emulator.policy import (DEFAULT_SUSPEND_GRACE_MS, DEFAULT_UNCAUGHT_EXCEPTION, DEFAULT_UNHANDLED_TIMEOUT,
                             UNCAUGHT_EXCEPTION_ACTIONS, UNHANDLED_TIMEOUT_ACTIONS)
from textual.app import ComposeResult
from textual.widgets import Input, Label, Select

from bgtui.screens.form import FormScreen

__all__ = ["PolicySetting", "PolicyForm", "grace_ms"]

_TIMEOUT_WORDS = {"terminate": "terminate the process (the docs' rule)", "suspend": "only suspend it",
                  "none": "leave it alone"}
_UNCAUGHT_WORDS = {"crash": "crashes the app (the device: a JS crash)", "log": "is only logged; the app goes on"}
_KEEPING = (("auto", "follow the device type (on for 2in1)"), (True, "on"), (False, "off"))


@dataclass(frozen=True)
class PolicySetting:
    suspend_grace_ms: int
    unhandled_timeout: str
    task_keeping: bool | str  # True, False or "auto"
    uncaught_exception: str = DEFAULT_UNCAUGHT_EXCEPTION


def grace_ms(text: str) -> int | None:
    """"6s", "1m 30s", "6000" (ms): whole ms >= 0, or None."""
    from emulator.scenario.timefmt import DurationError, parse_duration

    text = text.strip()
    try:
        value = parse_duration(int(text.replace("_", "")) if text.replace("_", "").isdigit() else text)
    except (DurationError, ValueError):
        return None
    return value if isinstance(value, int) and value >= 0 else None


class PolicyForm(FormScreen[PolicySetting]):
    FORM_TITLE = "Device policies"
    AUTO_FOCUS = "#grace"
    ABOUT = ("What other parts of the device do with the service's decisions (not the service itself). "
             "R puts every knob back as on a fresh device.")

    def __init__(self, grace: int, unhandled: str, task_keeping: bool | str,
                 uncaught: str = DEFAULT_UNCAUGHT_EXCEPTION) -> None:
        super().__init__()
        self._grace, self._unhandled, self._keeping = grace, unhandled, task_keeping
        self._uncaught = uncaught

    def fields(self) -> ComposeResult:
        from emulator.scenario.timefmt import format_duration

        yield Label(f"Suspension grace: a background app holding nothing is suspended after (default "
                    f"{format_duration(DEFAULT_SUSPEND_GRACE_MS)}; ms or 6s, 1m...)", classes="form-label")
        yield Input(format_duration(self._grace), id="grace")
        yield Label(f"An unhandled transient timeout (the task force-cancelled): the app's process is... (default "
                    f"{DEFAULT_UNHANDLED_TIMEOUT})", classes="form-label")
        yield Select([(_TIMEOUT_WORDS.get(a, a), a) for a in UNHANDLED_TIMEOUT_ACTIONS], value=self._unhandled,
                     allow_blank=False, id="unhandled")
        yield Label(f"An exception raised by app code (a callback, a listener)... (default "
                    f"{DEFAULT_UNCAUGHT_EXCEPTION})", classes="form-label")
        yield Select([(_UNCAUGHT_WORDS.get(a, a), a) for a in UNCAUGHT_EXCEPTION_ACTIONS], value=self._uncaught,
                     allow_blank=False, id="uncaught")
        yield Label("taskKeeping continuous tasks allowed (bgtask.support_task_keeping)", classes="form-label")
        yield Select([(words, str(value)) for value, words in _KEEPING], value=str(self._keeping),
                     allow_blank=False, id="keeping")

    def problems(self) -> list[str]:
        if grace_ms(self.query_one("#grace", Input).value) is None:
            return ["the grace period must be a duration >= 0: whole ms, or like 6s, 1m 30s"]
        return []

    def result(self) -> PolicySetting:
        grace = grace_ms(self.query_one("#grace", Input).value)
        assert grace is not None
        keeping = {str(v): v for v, _w in _KEEPING}[str(self.query_one("#keeping", Select).value)]
        return PolicySetting(grace, str(self.query_one("#unhandled", Select).value), keeping,
                             str(self.query_one("#uncaught", Select).value))
