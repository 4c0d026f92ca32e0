"""Queries the app can make: which one (the answer opens in a pane and goes to the log)."""

from __future__ import annotations

from typing import NamedTuple

from textual.app import ComposeResult
from textual.widgets.option_list import Option

from bgtui.screens.form import Choice, FormScreen

__all__ = ["Query", "QUERIES", "QueryForm"]


class Query(NamedTuple):
    key: str
    function: str
    words: str
    system: bool = False  # a system API (a normal app is answered 202)


QUERIES: tuple[Query, ...] = (
    Query("remaining", "getRemainingDelayTime", "getRemainingDelayTime(requestId): of the selected transient task "
                                                 "(or the app's newest)"),
    Query("transient", "getTransientTaskInfo", "getTransientTaskInfo(): the app's quota left and its tasks"),
    Query("continuous", "getAllContinuousTasks", "getAllContinuousTasks(context): the app's tasks, suspended too"),
    Query("continuous_active", "getAllContinuousTasks",
          "getAllContinuousTasks(context, false): without suspended tasks"),
    Query("obtain", "obtainAllContinuousTasks", "obtainAllContinuousTasks(): every app's tasks (system API)", True),
    Query("efficiency", "getAllEfficiencyResources", "getAllEfficiencyResources(): the app's grants (system API)",
          True),
)


class QueryForm(FormScreen[Query]):
    FORM_TITLE = "Query as the app"
    AUTO_FOCUS = "#query"

    def __init__(self, label: str, system_app: bool) -> None:
        super().__init__()
        self._label, self._system = label, system_app

    @property
    def ABOUT(self) -> str:  # type: ignore[override]
        return f"{self._label} asks; the answer shows as the fields the app receives (enter runs it)."

    def fields(self) -> ComposeResult:
        yield Choice(*[Option(q.words, id=q.key) for q in QUERIES], id="query")

    def notes(self) -> list[str]:
        query = self.result()
        if query.system and not self._system:
            return ["not a system app: the device answers 202"]
        return []

    def result(self) -> Query:
        return QUERIES[self.query_one(Choice).highlighted or 0]
