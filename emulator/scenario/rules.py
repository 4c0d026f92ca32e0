"""The step rules of the file format that both the loader and the recorder apply.

One place, so a file the recorder writes is always one the loader reads the same way. Each helper
gives the bare message; the loader puts FILE:LINE: FIELD in front, the recorder the field's name.
`live=True` words a message for a Python caller, who passes a function rather than "$callback".
An action's arguments (arity, checks, defaults) are `Action.bind` in actions.py.
"""

from __future__ import annotations

import difflib
from typing import Any, Iterable

from emulator.scenario.actions import ACTIONS
from emulator.scenario.kitnames import DOCUMENTED_FUNCTIONS
from emulator.scenario.model import REACTIONS

__all__ = ["suggest", "unknown_function", "unknown_action", "reaction_problem", "CANCELLING_CALL"]

# on_callback = "cancel" cancels the transient task that this call requested.
CANCELLING_CALL = "requestSuspendDelay"


def suggest(word: str, options: Iterable[Any]) -> str:
    """"; did you mean 'x'?" for the closest option, or nothing."""
    close = difflib.get_close_matches(word, list(options), 1)
    return f"; did you mean {close[0]!r}?" if close else ""


def unknown_function(name: object) -> str | None:
    """Why `name` is not a kit function (or a ContinuousTaskRequest method) a step can call, or None."""
    from emulator.scenario.methods import REQUEST_CLASS, REQUEST_METHODS

    if isinstance(name, str) and (name in DOCUMENTED_FUNCTIONS or name in REQUEST_METHODS):
        return None
    if isinstance(name, str) and name.startswith(REQUEST_CLASS + "."):
        return (f"unknown method {name!r}{suggest(name, REQUEST_METHODS)} (the methods: "
                f"{', '.join(REQUEST_METHODS)})")
    return f"unknown function {name!r} of backgroundTaskManager{suggest(str(name), DOCUMENTED_FUNCTIONS)}"


def unknown_action(name: object) -> str | None:
    """Why `name` is not a `do` action, or None when it is one."""
    if isinstance(name, str) and name in ACTIONS:
        return None
    return f"unknown action {name!r}{suggest(str(name), ACTIONS)} (actions: {', '.join(ACTIONS)})"


def reaction_problem(reaction: object, function: str, has_callback: bool, *, live: bool = False) -> str | None:
    """Why `on_callback = reaction` cannot go with this call, or None when it can."""
    if reaction not in REACTIONS:
        return f"must be one of {', '.join(REACTIONS)}; not {reaction!r}"
    if reaction != "nothing" and not has_callback:
        callback = "function" if live else '"$callback"'
        return f"needs a {callback} among the args: it is what the app does when that callback is called"
    if reaction == "cancel" and function != CANCELLING_CALL:
        call = CANCELLING_CALL if live else f'call = "{CANCELLING_CALL}"'
        return f'"cancel" cancels the transient task the call requested: only for {call}'
    return None
