"""A `call` step that calls a method of a ContinuousTaskRequest instead of a module function.

    [[steps]]
    app = "com.example.media"
    call = "ContinuousTaskRequest.requestAuthFromUser"
    request = { backgroundTaskModes = ["$BackgroundTaskMode.MODE_SPECIAL_SCENARIO_PROCESSING"],
                backgroundTaskSubmodes = ["$BackgroundTaskSubmode.SUBMODE_MEDIA_PROCESS_NORMAL_NOTIFICATION"] }
    args = ["$context", "$callback"]

The app makes `new backgroundTaskManager.ContinuousTaskRequest()`, sets the properties `request` gives (an
empty or absent table: a fresh request, every property at its default), then calls the method with `args`.
The table's values may hold references as `args` do ($wantAgent, $saved.field, enum members). Everything
else is a call step's: save_as, expect_code, expect_result, on_callback.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any, Callable

from emulator.kit.types import ContinuousTaskRequest

if TYPE_CHECKING:
    from emulator.apps import App

__all__ = ["REQUEST_CLASS", "REQUEST_METHODS", "REQUEST_FIELDS", "method_name", "request_problem",
           "build_request", "request_label", "encode_request"]

REQUEST_CLASS = "ContinuousTaskRequest"
# api-surface.md §2.2: the class's methods (API 21, 22 and 26), as a step names them.
REQUEST_METHODS: tuple[str, ...] = tuple(f"{REQUEST_CLASS}.{m}" for m in (
    "isModeSupported", "requestAuthFromUser", "checkSpecialScenarioAuth", "requestAuthFromUserByDialog",
    "checkSpecialScenarioAuthResult"))
REQUEST_FIELDS: tuple[str, ...] = tuple(f.name for f in dataclasses.fields(ContinuousTaskRequest))


def method_name(function: object) -> str | None:
    """"isModeSupported" for "ContinuousTaskRequest.isModeSupported"; None for a module function."""
    if isinstance(function, str) and function in REQUEST_METHODS:
        return function.split(".", 1)[1]
    return None


def request_problem(function: str, table: object) -> tuple[tuple[object, ...], str] | None:
    """Why `request = table` cannot go with `call = function`: (the path under request, message), or None."""
    if method_name(function) is None:
        return (), (f"request is the {REQUEST_CLASS} a method is called on: only for call = "
                    f"\"{REQUEST_CLASS}.<method>\" ({', '.join(m.split('.')[1] for m in REQUEST_METHODS)})")
    if not isinstance(table, dict):
        return (), f"must be a table of the request's properties ({', '.join(REQUEST_FIELDS)})"
    for key in table:
        if key not in REQUEST_FIELDS:
            from emulator.scenario.rules import suggest

            return (key,), (f"{REQUEST_CLASS} has no property {key!r}{suggest(key, REQUEST_FIELDS)} "
                            f"(its properties: {', '.join(REQUEST_FIELDS)})")
    return None


def build_request(app: App, table: dict[str, Any]) -> Any:
    """The request as the app makes it: its module's class, then each property the table gives."""
    request = app.backgroundTaskManager.ContinuousTaskRequest()
    for key, value in table.items():
        setattr(request, key, value)
    return request


def request_label(function: str, table: dict[str, Any], show: Callable[[Any], str]) -> str:
    """How the log names the call: `ContinuousTaskRequest {backgroundTaskModes: [13], ...}.isModeSupported`."""
    return f"{REQUEST_CLASS} {show(table)}.{method_name(function)}"


def encode_request(function: str, request: Any, app: App, encode: Callable[[tuple[Any, ...], App], list[Any]]
                   ) -> dict[str, Any]:
    """A live request as the step's `request` table; ValueError when a replay could not make the same one
    (a replay's request is always the calling app's module's)."""
    if not isinstance(request, ContinuousTaskRequest):
        raise ValueError(f"request must be a {REQUEST_CLASS} (app.backgroundTaskManager.{REQUEST_CLASS}()), "
                         f"not {type(request).__name__}")
    owner = getattr(type(request), "_app", None)
    if owner is not None and owner is not app:
        raise ValueError(f"that request was made by {owner.bundle_name}'s module; a step's request is made by "
                         f"the calling app ({app.bundle_name})")
    if owner is None and method_name(function) == "isModeSupported":
        raise ValueError(f"a plain {REQUEST_CLASS} has no app to run isModeSupported in; make it with "
                         f"{app.bundle_name}'s backgroundTaskManager.{REQUEST_CLASS}()")
    table = encode((request,), app)[0]
    assert isinstance(table, dict)
    fresh = encode((ContinuousTaskRequest(),), app)[0]  # what a replay's new request already has
    return {k: v for k, v in table.items() if k not in fresh or fresh[k] != v}
