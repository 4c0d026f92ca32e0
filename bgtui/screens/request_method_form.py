"""The ContinuousTaskRequest methods (API 21-26): which one, on a request of which modes and submodes.

Nothing blocks: what the kit refuses (no mode, no special-scenario mode) is a note, since the refusal is
what a QA engineer came to see.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from emulator.errors import error
from emulator.kit.continuous_args import MODE_SPECIAL
from textual.app import ComposeResult
from textual.widgets import Label
from textual.widgets.option_list import Option

from bgtui.screens.form import Choice, FormScreen, Picker
from bgtui.screens.request_form import PAIRS, _key, _label

__all__ = ["RequestMethod", "REQUEST_METHODS", "RequestMethodSpec", "RequestMethodForm"]


class RequestMethod(NamedTuple):
    name: str
    words: str


REQUEST_METHODS: tuple[RequestMethod, ...] = (
    RequestMethod("isModeSupported", "isModeSupported() (API 21): may the app use these modes?"),
    RequestMethod("requestAuthFromUser", "requestAuthFromUser(context, callback) (API 22): a banner asks the user"),
    RequestMethod("checkSpecialScenarioAuth", "checkSpecialScenarioAuth(context) (API 22): the user's answer; "
                                              "rejects when the app never asked"),
    RequestMethod("requestAuthFromUserByDialog", "requestAuthFromUserByDialog(context, callback) (API 26): the "
                                                 "system dialog asks"),
    RequestMethod("checkSpecialScenarioAuthResult", "checkSpecialScenarioAuthResult(context) (API 26): the "
                                                    "user's answer, NOT_DETERMINED when never asked"),
)


@dataclass(frozen=True)
class RequestMethodSpec:
    method: str
    pairs: tuple[tuple[int, int], ...]


def _refusal(name: str) -> str:
    return error(name).message  # "BussinessError <code>: ..."


class RequestMethodForm(FormScreen[RequestMethodSpec]):
    FORM_TITLE = "A ContinuousTaskRequest method"
    AUTO_FOCUS = "#method"
    DEFAULT_CSS = "RequestMethodForm SelectionList { max-height: 8; }"

    def __init__(self, label: str) -> None:
        super().__init__()
        self._label = label

    @property
    def ABOUT(self) -> str:  # type: ignore[override]
        return (f"{self._label} makes new ContinuousTaskRequest() with these modes and calls the method with its "
                "main ability's context; the answer shows as the app receives it. A sets what the user answers.")

    def fields(self) -> ComposeResult:
        yield Choice(*[Option(m.words, id=m.name) for m in REQUEST_METHODS], id="method")
        yield Label("backgroundTaskModes + backgroundTaskSubmodes (space toggles; none: a fresh request)",
                    classes="form-label")
        special = next(p for p in PAIRS if p[0] == MODE_SPECIAL)
        yield Picker(*[(_label(p), _key(p), p == special) for p in PAIRS], id="pairs")

    def _pairs(self) -> tuple[tuple[int, int], ...]:
        chosen = set(self.query_one("#pairs", Picker).selected)
        return tuple(p for p in PAIRS if _key(p) in chosen)

    def notes(self) -> list[str]:
        method, pairs = self.result().method, self._pairs()
        if method.startswith("check"):
            return ["reads only the context: the modes do not matter"]
        if not pairs:
            return [f"no mode: the kit answers {_refusal('ERR_BGTASK_CONTINUOUS_MODE_OR_SUBMODE_IS_EMPTY')}"]
        if method.startswith("request") and all(m != MODE_SPECIAL for m, _s in pairs):
            return [f"no special-scenario mode: the kit answers {_refusal('ERR_BGTASK_SPECIAL_SCENARIO_PROCESSING_EMPTY')}"]
        return []

    def result(self) -> RequestMethodSpec:
        return RequestMethodSpec(REQUEST_METHODS[self.query_one(Choice).highlighted or 0].name, self._pairs())
