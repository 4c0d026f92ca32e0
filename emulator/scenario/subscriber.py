"""`$subscriber`: the calling app's subscribeContinuousTaskState subscriber, the same object at every step.

The kit tells subscribers apart by identity, so unsubscribeContinuousTaskState removes only the very object
subscribed. A scenario names it "$subscriber" in both steps; the runner gives each app one, whose three
methods are recording callbacks, and the recorder writes a live one (a StateSubscriber) as "$subscriber".
"""

from __future__ import annotations

from typing import Any, Callable

__all__ = ["StateSubscriber", "STATE_METHODS"]

STATE_METHODS = ("onContinuousTaskStart", "onContinuousTaskUpdate", "onContinuousTaskStop")


class StateSubscriber(dict):  # type: ignore[type-arg]
    """A BackgroundTaskSubscriber of `bundle`: {method name: function} for the three methods."""

    def __init__(self, bundle: str, methods: dict[str, Callable[..., Any]]) -> None:
        super().__init__(methods)
        self.bundle = bundle

    def __eq__(self, other: object) -> bool:
        return self is other  # as the kit compares them

    def __hash__(self) -> int:
        return id(self)
