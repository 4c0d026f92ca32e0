"""Cell fragments shared by the tables: bars, states, chips, countdown colours."""

from __future__ import annotations

from bgtui import format as fmt
from bgtui.widgets.table import Fragment, chip

WARNING_MS = 60_000  # a countdown under a minute is drawn in the warning colour
_EIGHTHS = " ▏▎▍▌▋▊▉"

STATE_GLYPHS = {"foreground": "▲", "background": "▼", "suspended": "■", "dead": "✕"}


def bar(fraction: float, width: int, variable: str) -> list[Fragment]:
    """A bar `width` cells wide, filled to `fraction` with eighth-of-a-cell precision."""
    fraction = max(0.0, min(1.0, fraction))
    eighths = round(fraction * width * 8)
    full, part = divmod(eighths, 8)
    filled = "█" * full + (_EIGHTHS[part] if part else "")
    return [(filled, variable), ("░" * (width - len(filled)), "bar-empty")]


def countdown_variable(remaining_ms: int, expiring: bool) -> str:
    if expiring:
        return "countdown-expiring"
    return "countdown-warning" if remaining_ms < WARNING_MS else "countdown-normal"


def state(state: str) -> list[Fragment]:
    return [(f"{STATE_GLYPHS.get(state, '?')} {state}", f"state-{state}")]


def mode_chips(modes: tuple[str, ...]) -> list[Fragment]:
    out: list[Fragment] = []
    for mode in modes:
        if mode in fmt.MODE_CHIP_LABELS:
            out += chip(fmt.MODE_CHIP_LABELS[mode], fmt.mode_chip_class(mode))
        else:
            out += [(mode, "dim"), (" ", None)]
    return out


def resource_chips(names: tuple[str, ...]) -> list[Fragment]:
    out: list[Fragment] = []
    for name in names:
        out += chip(fmt.RESOURCE_CHIP_LABELS.get(name, name.lower()), fmt.resource_chip_class(name))
    return out
