"""The timeline as rows of character cells: one per lane, one cell per `scale_ms` of virtual time.

No Textual here: `bgtui timeline --format text` prints these rows, and the dashboard's timeline
panel draws the same cells with the theme's colours. Every state and mark has its own glyph, so the
rows read the same without colour (the colour-blind theme relies on it).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import NamedTuple

from bgtui.timeline.model import Lane, Timeline

__all__ = ["Cell", "Row", "GLYPHS", "MARK_GLYPHS", "ZOOMS", "rows", "axis", "legend", "label_of", "LABEL_WIDTH"]

LABEL_WIDTH = 26
_BATTERY = "▁▂▃▄▅▆▇█"

# (lane kind, state) -> (glyph, style); the style names a colour the theme gives (bgtui.widgets.timeline)
GLYPHS: dict[tuple[str, str], tuple[str, str]] = {
    ("app", "foreground"): ("█", "foreground"), ("app", "background"): ("▓", "background"),
    ("app", "suspended"): ("░", "suspended"), ("app", "dead"): ("·", "dead"),
    ("transient", "counting"): ("█", "counting"), ("transient", "paused"): ("╌", "paused"),
    ("continuous", "active"): ("█", "active"), ("continuous", "suspended"): ("░", "suspended"),
    ("grant", "held"): ("▆", "held"),
    ("device", "charging"): ("▬", "on"), ("device", "unplugged"): (" ", "off"),
    ("device", "on"): ("▬", "on"), ("device", "off"): ("·", "off"),
    ("device", "ready"): ("▬", "on"), ("device", "not-ready"): ("✗", "refusal"),
}
MARK_GLYPHS: dict[str, tuple[str, str]] = {
    "refusal": ("!", "refusal"), "callback": ("◆", "callback"), "callback-again": ("◇", "callback"),
    "cancelled": ("○", "end"), "stopped": ("○", "end"), "released": ("○", "end"),
    "force-cancelled": ("✗", "refusal"), "cancelled-system": ("✗", "refusal"), "expired": ("◌", "end"),
    "process-gone": ("†", "refusal"), "lost": ("⊘", "refusal"), "restart": ("↻", "callback"),
}
_PRIORITY = {"refusal": 0, "callback": 1, "callback-again": 2}  # which mark a shared cell shows; ends after
ZOOMS = (100, 250, 500, 1_000, 2_000, 5_000, 10_000, 15_000, 30_000, 60_000, 120_000, 300_000, 600_000, 900_000,
         1_800_000, 3_600_000)  # ms per cell: a tenth of a second to an hour


class Cell(NamedTuple):
    glyph: str
    style: str


EMPTY = Cell(" ", "")


class Row(NamedTuple):
    depth: int
    lane: Lane
    cells: list[Cell]


def label_of(depth: int, lane: Lane, width: int = LABEL_WIDTH) -> str:
    text = ("╰ " * depth + lane.label)
    return text[:width - 1] + "…" if len(text) > width else text.ljust(width)


_STATE_CELLS: dict[tuple[str, str], Cell] = {}  # one Cell per (kind, state): a frame draws thousands


def _state_cell(lane: Lane, state: str) -> Cell:
    if lane.kind == "device" and lane.key[1] == "battery":
        low, _, level = state.partition(":")
        return Cell(_BATTERY[min(7, int(level) * 8 // 101)], "battery-low" if low == "low" else "battery")
    key = (lane.kind, state)
    cell = _STATE_CELLS.get(key)
    if cell is None:
        cell = _STATE_CELLS[key] = Cell(*GLYPHS.get(key, ("?", "")))
    return cell


def lane_cells(lane: Lane, start_ms: int, scale_ms: int, width: int, now_ms: int) -> list[Cell]:
    """One pass over the cells, the lane's marks and its spans together (all three in time order)."""
    spans, marks = lane.spans, lane.marks
    m = bisect_left(marks, start_ms, key=lambda mark: mark.time_ms)  # the first mark in or after the window
    j = bisect_right(spans, start_ms + scale_ms - 1, key=lambda span: span.start_ms) - 1  # the span at cell 0
    n_marks, n_spans = len(marks), len(spans)
    out: list[Cell] = []
    for i in range(width):
        a = start_ms + i * scale_ms
        if a > now_ms:
            out.extend([EMPTY] * (width - i))  # nothing is drawn after now
            break
        b = a + scale_ms
        while m < n_marks and marks[m].time_ms < a:
            m += 1
        if m < n_marks and marks[m].time_ms < b:
            hi = m + 1
            while hi < n_marks and marks[hi].time_ms < b:
                hi += 1
            mark = min(marks[m:hi], key=lambda k: _PRIORITY.get(k.kind, 3))
            glyph, style = MARK_GLYPHS.get(mark.kind, ("•", "end"))
            out.append(Cell(glyph, style))
            continue
        while j + 1 < n_spans and spans[j + 1].start_ms <= b - 1:
            j += 1
        if j < 0:
            out.append(EMPTY)
            continue
        span = spans[j]
        out.append(EMPTY if span.end_ms is not None and span.end_ms <= a else _state_cell(lane, span.state))
    return out


def rows(timeline: Timeline, start_ms: int, scale_ms: int, width: int, now_ms: int, *,
         lanes: list | None = None) -> list[Row]:
    """The rows of `lanes` (default: every lane) from `start_ms`, `width` cells of `scale_ms` each;
    nothing is drawn after `now_ms`."""
    chosen = timeline.lanes() if lanes is None else lanes
    return [Row(depth, lane, lane_cells(lane, start_ms, scale_ms, width, now_ms)) for depth, lane in chosen]


def _clock(ms: int) -> str:
    s = ms // 1000
    h, rem = divmod(s, 3600)
    m, sec = divmod(rem, 60)
    text = f"{h}:{m:02d}:{sec:02d}" if h else f"{m}:{sec:02d}"
    return text + (f".{ms % 1000 // 100}" if ms % 1000 else "")


def axis(start_ms: int, scale_ms: int, width: int, every: int = 10) -> str:
    """A line of time labels, one every `every` cells, each starting above its cell."""
    line = [" "] * width
    for i in range(0, width, every):
        text = "│" + _clock(start_ms + i * scale_ms)
        if i + len(text) > width:
            break
        line[i:i + len(text)] = text
    return "".join(line)


def legend() -> list[str]:
    parts = ["app: █ foreground ▓ background ░ suspended · dead",
             "transient: █ counting ╌ paused ◆ \"about to time out\" callback ○ cancelled by the app "
             "✗ force-cancelled † gone with the process ⊘ lost with the service",
             "continuous: █ active ░ suspended ○ stopped by the app ✗ cancelled   grant: ▆ held ○ released ◌ expired",
             "device: ▁…█ battery level (low in its own colour) ▬ charging / screen on / service ready   "
             "↻ service restart or reboot   ! refusal (its code in the details)"]
    return parts


def describe_scale(scale_ms: int) -> str:
    from emulator.scenario.timefmt import format_duration  # not at import: the dashboard starts without it

    return f"1 cell = {format_duration(scale_ms)}"
