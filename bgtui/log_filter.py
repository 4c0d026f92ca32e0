"""The event log's `/` filter: words that must all match; `app:` and `kind:` fields; `!` excludes.

    music                 events whose app, kind, subject or reason mention "music"
    app:uploader kind:transient
    kind:refused          every refusal
    kind:scenario         a playing scenario's own entries (calls, actions, callbacks, checks)
    !kind:device          everything but device events
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable, Union

from emulator.events import Event

if TYPE_CHECKING:
    from bgtui.scenario_trace import ScenarioLine

__all__ = ["LogEntry", "compile_filter", "kind_name"]

LogEntry = Union[Event, "ScenarioLine"]
"""A row of the event log: an engine event or a playing scenario's own entry."""
Matcher = Callable[[LogEntry, str], bool]  # (entry, the app's label) -> shown?


def kind_name(entry: LogEntry) -> str:
    """"transient.requested", "scenario.expect", ... (an engine event's kind is an EventKind)."""
    kind = entry.kind
    return kind if isinstance(kind, str) else kind.value


def _term(token: str) -> Matcher:
    negate = token.startswith("!") and len(token) > 1
    if negate:
        token = token[1:]
    field, _, value = token.partition(":")
    if value and field in ("app", "kind"):
        if field == "app":
            def test(e: LogEntry, label: str) -> bool:
                return value in (e.app or "").lower() or value in label.lower()
        else:
            def test(e: LogEntry, label: str) -> bool:
                return value in kind_name(e)
    else:
        def test(e: LogEntry, label: str) -> bool:
            subject = getattr(e, "subject", None)  # a scenario entry has none
            haystack = f"{label} {e.app or ''} {kind_name(e)} {'' if subject is None else subject} {e.reason}"
            return token in haystack.lower()
    return (lambda e, label: not test(e, label)) if negate else test


def compile_filter(query: str) -> Matcher | None:
    """A matcher for the query, or None when the query is empty (everything shows)."""
    terms = [_term(t) for t in query.lower().split()]
    if not terms:
        return None
    return lambda e, label: all(term(e, label) for term in terms)
