"""The one way a virtual time is written for people: the day, then the time within it to the
millisecond ('d1 00:02:30.000', 'd2 00:00:25.509'). The event log, the details, `bgtui play` text
and CSV all use it, so a time read in one can be looked up in another."""

from __future__ import annotations

__all__ = ["DAY_MS", "format_timestamp"]

DAY_MS = 86_400_000


def format_timestamp(ms: int) -> str:
    day, rest = divmod(ms, DAY_MS)
    s, milli = divmod(rest, 1000)
    m, s = divmod(s, 60)
    h, m = divmod(m, 60)
    return f"d{day + 1} {h:02d}:{m:02d}:{s:02d}.{milli:03d}"
