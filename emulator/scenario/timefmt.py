"""Durations in scenario files: "2m30s", "1h", "500ms", "1d", "1h30m", "0s".

A duration is one or more `<whole number><unit>` parts, units from largest to smallest, each at
most once: d (day), h, m, s, ms. Everything is integer milliseconds, like the virtual clock.
"""

from __future__ import annotations

import re

from emulator.timestamp import format_timestamp

__all__ = ["parse_duration", "format_duration", "format_clock", "DurationError"]

_UNITS = (("d", 86_400_000), ("h", 3_600_000), ("m", 60_000), ("s", 1_000), ("ms", 1))
_UNIT_MS = dict(_UNITS)
_ORDER = {name: i for i, (name, _) in enumerate(_UNITS)}
_PART = re.compile(r"(\d+)(ms|d|h|m|s)")

EXAMPLES = '"2m30s", "500ms", "1h", "1d"'


class DurationError(ValueError):
    pass


def parse_duration(text: object) -> int:
    """The milliseconds a duration string stands for; DurationError says what is wrong."""
    if not isinstance(text, str):
        raise DurationError(f"must be a duration string like {EXAMPLES}, not {_kind(text)}")
    s = text.strip()
    if not s:
        raise DurationError(f"is empty; write a duration like {EXAMPLES}")
    total, pos, last = 0, 0, -1
    while pos < len(s):
        m = _PART.match(s, pos)
        if m is None:
            raise DurationError(f"{text!r} is not a duration: expected a whole number and a unit "
                                f"(d, h, m, s, ms) at {s[pos:]!r}; write e.g. {EXAMPLES}")
        unit = m.group(2)
        if _ORDER[unit] <= last:
            raise DurationError(f"{text!r} is not a duration: units go from largest to smallest, "
                                f"each once (d, h, m, s, ms)")
        last = _ORDER[unit]
        total += int(m.group(1)) * _UNIT_MS[unit]
        pos = m.end()
    return total


def format_duration(ms: int) -> str:
    """The shortest duration string for `ms`: 150000 -> "2m30s", 0 -> "0s", 1500 -> "1s500ms"."""
    if ms < 0:
        return "-" + format_duration(-ms)
    if ms == 0:
        return "0s"
    out = []
    for name, size in _UNITS:
        if ms >= size:
            out.append(f"{ms // size}{name}")
            ms %= size
    return "".join(out)


def format_clock(ms: int) -> str:
    """A virtual time, as everywhere people read one (emulator.timestamp): 150000 -> "d1 00:02:30.000"."""
    return format_timestamp(ms)


def _kind(value: object) -> str:
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, int):
        return f"the number {value} (write it with a unit, e.g. \"{value}ms\" or \"{value}s\")"
    return f"{type(value).__name__} {value!r}"
