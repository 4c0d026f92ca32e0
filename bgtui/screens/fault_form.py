"""Fault injection: the next N calls of a kit function fail with an IPC code, or storage fails."""

from __future__ import annotations

from dataclasses import dataclass

from emulator.faults import INJECTABLE_CODES
from emulator.kit.bound import KIT_FUNCTIONS
from textual.app import ComposeResult
from textual.widgets import Input, Label, Select

from bgtui.screens.form import FormScreen, int_value

__all__ = ["FaultRequest", "FaultForm", "STORAGE"]

STORAGE = "storage"


@dataclass(frozen=True)
class FaultRequest:
    function: str  # a kit function, or STORAGE
    code: int
    times: int


class FaultForm(FormScreen[FaultRequest]):
    FORM_TITLE = "Inject a fault"
    AUTO_FOCUS = "#times"
    ABOUT = ("The call fails after the JS-layer checks, where the IPC to the service fails on a device. "
             "Storage failure makes persisting answer 9800007 while the change itself stays.")

    def fields(self) -> ComposeResult:
        options = [(f, f) for f in sorted(KIT_FUNCTIONS)] + [("storage: persisting fails (9800007)", STORAGE)]
        yield Label("What fails", classes="form-label")
        default = "requestSuspendDelay" if "requestSuspendDelay" in KIT_FUNCTIONS else options[0][1]
        yield Select(options, value=default, allow_blank=False, id="function")
        yield Label("With the code", classes="form-label")
        yield Select([(f"{code} {name}", code) for code, name in INJECTABLE_CODES.items()], value=9800003,
                     allow_blank=False, id="code")
        yield Label("For the next N calls", classes="form-label")
        yield Input("1", id="times", restrict=r"[0-9]*")

    def _function(self) -> str:
        return str(self.query_one("#function", Select).value)

    def problems(self) -> list[str]:
        if self._function() == STORAGE:
            return []
        times = int_value(self.query_one("#times", Input).value)
        return [] if times is not None and times >= 1 else ["N must be a whole number of at least 1"]

    def notes(self) -> list[str]:
        return ["storage keeps failing until the overrides are reset (R)"] if self._function() == STORAGE else []

    def result(self) -> FaultRequest:
        code = self.query_one("#code", Select).value
        times = int_value(self.query_one("#times", Input).value) or 1
        return FaultRequest(self._function(), int(code) if isinstance(code, int) else 9800003, times)
