"""The dashboard's own log lines: what an app heard (a listener's payload) and what it asked (a query).

They go to the session's trace, next to the engine's events (the event log shows both, each after the
event it followed), so the engine's own log stays exactly what a replay of the session writes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from bgtui.session import Session

__all__ = ["note", "HEARD", "QUERY"]

HEARD = "app.heard"
QUERY = "app.query"


def note(session: Session, kind: str, reason: str, bundle: str | None, data: dict[str, Any]) -> None:
    from emulator.scenario.runner import TraceEntry

    session.trace.hear(TraceEntry(session.emu.now_ms, kind, reason, bundle, None, data))
