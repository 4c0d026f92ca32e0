"""The event log's `/` filter: words that must all match; `app:` and `kind:` fields; `!` excludes.

    music                 events whose app, kind, subject or reason mention "music"
    app:uploader kind:transient
    kind:refused          every refusal
    !kind:device          everything but device events
"""

from __future__ import annotations

from typing import Callable

from emulator.events import Event

__all__ = ["compile_filter"]

Matcher = Callable[[Event, str], bool]  # (event, the app's label) -> shown?


def _term(token: str) -> Matcher:
    negate = token.startswith("!") and len(token) > 1
    if negate:
        token = token[1:]
    field, _, value = token.partition(":")
    if value and field in ("app", "kind"):
        if field == "app":
            def test(e: Event, label: str) -> bool:
                return value in (e.app or "").lower() or value in label.lower()
        else:
            def test(e: Event, label: str) -> bool:
                return value in e.kind.value
    else:
        def test(e: Event, label: str) -> bool:
            haystack = f"{label} {e.app or ''} {e.kind.value} {'' if e.subject is None else e.subject} {e.reason}"
            return token in haystack.lower()
    return (lambda e, label: not test(e, label)) if negate else test


def compile_filter(query: str) -> Matcher | None:
    """A matcher for the query, or None when the query is empty (everything shows)."""
    terms = [_term(t) for t in query.lower().split()]
    if not terms:
        return None
    return lambda e, label: all(term(e, label) for term in terms)
