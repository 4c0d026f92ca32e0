"""The timeline as an SVG picture: lanes of bars on a time axis, for demos, READMEs and bug reports.

No Textual here. States differ by pattern and lightness as well as hue (paused and suspended are
hatched, dead is a thin line), and marks carry their glyph, so the picture reads without colour.
"""

from __future__ import annotations

import tomllib
from html import escape
from pathlib import Path

from bgtui.timeline.grid import MARK_GLYPHS, _clock
from bgtui.timeline.model import Lane, Timeline

__all__ = ["timeline_svg"]

# Colours come from a shipped theme (colour-blind safe: Okabe-Ito, lightness differs as well as hue)
THEME = "colorblind"
_STATE_VARIABLES = {"foreground": "state-foreground", "background": "state-background", "suspended": "state-suspended",
                    "dead": "state-dead", "counting": "countdown-normal", "paused": "countdown-normal",
                    "active": "state-foreground", "held": "chip-res-common-event", "on": "state-dead",
                    "ready": "state-dead", "charging": "countdown-warning", "not-ready": "refused",
                    "battery": "state-foreground", "battery-low": "countdown-expiring"}
_HATCHED = {"paused", "suspended"}
_MARK_VARIABLES = {"refusal": "refused", "callback": "countdown-warning", "end": "foreground"}


def theme_colours(name: str = THEME) -> dict[str, str]:
    """A shipped theme's colours by name (its top-level fields and its [variables]), read as TOML."""
    here = Path(__file__).resolve()
    for folder in (here.parents[1] / "themes" / "shipped", here.parents[2] / "themes"):
        path = folder / f"{name}.toml"
        if path.is_file():
            data = tomllib.loads(path.read_text(encoding="utf-8"))
            return {**{k: v for k, v in data.items() if isinstance(v, str)}, **data.get("variables", {})}
    raise FileNotFoundError(f"no shipped theme {name!r}")


_ROW, _LABEL, _TOP = 18, 230, 46
_LEGEND = ["apps: green foreground, blue background, hatched orange suspended, a grey line dead",
           "tasks: blue counting (hatched: paused), green active continuous (hatched orange: suspended), pink grant held",
           "marks: ◆ \"about to time out\" callback  ✗ force-cancelled or cancelled by the system  ○ ended by the app",
           "       ◌ expired  † gone with the process  ⊘ lost with the service  ↻ service restart  ! refusal (hover: code)",
           "device: battery as a bar of its level (orange: low), screen on and service ready as grey bars"]


def _fill(colours: dict[str, str], lane: Lane, state: str) -> tuple[str | None, bool, float]:
    """(colour, hatched, height fraction) of a span; None: nothing drawn (unplugged, off)."""
    if lane.kind == "device" and lane.key[1] == "battery":
        low, _, level = state.partition(":")
        return colours[_STATE_VARIABLES["battery-" + low if low == "low" else "battery"]], False, max(0.08, int(level) / 100)
    if lane.kind == "app" and state == "dead":
        return colours["state-dead"], False, 0.2
    variable = _STATE_VARIABLES.get(state)
    return (colours.get(variable, colours["foreground"]) if variable else None), state in _HATCHED, 1.0


def timeline_svg(timeline: Timeline, start_ms: int, end_ms: int, *, width: int = 1200, title: str = "") -> str:
    colours = theme_colours()
    bg, fg, muted, grid = colours["background"], colours["foreground"], colours["state-dead"], colours["panel"]
    lanes = timeline.lanes()
    span = max(1, end_ms - start_ms)
    plot = width - _LABEL - 12
    x = lambda t: _LABEL + (min(max(t, start_ms), end_ms) - start_ms) * plot / span  # noqa: E731
    legend_lines = _LEGEND
    height = _TOP + len(lanes) * _ROW + 16 + len(legend_lines) * 16 + 10
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
           f'viewBox="0 0 {width} {height}" font-family="DejaVu Sans Mono, Menlo, monospace" font-size="12">',
           "<defs>" + "".join(f'<pattern id="hatch-{state}" width="5" height="5" patternUnits="userSpaceOnUse" '
                              f'patternTransform="rotate(45)"><rect width="5" height="5" fill="{bg}"/>'
                              f'<rect width="2.6" height="5" fill="{colours[_STATE_VARIABLES[state]]}"/></pattern>'
                              for state in sorted(_HATCHED)) + "</defs>",
           f'<rect width="{width}" height="{height}" fill="{bg}"/>',
           f'<text x="8" y="18" fill="{fg}" font-weight="bold">{escape(title)}</text>']
    step = _tick_step(span, plot)
    first = (start_ms + step - 1) // step * step
    for t in range(first, end_ms + 1, step):
        out.append(f'<line x1="{x(t):.1f}" y1="{_TOP - 8}" x2="{x(t):.1f}" y2="{_TOP + len(lanes) * _ROW}" '
                   f'stroke="{grid}"/>')
        if x(t) + 48 <= width:
            out.append(f'<text x="{x(t) + 2:.1f}" y="{_TOP - 10}" fill="{muted}">{_clock(t)}</text>')
    now = timeline.last_ms if timeline.last_ms else end_ms
    for row, (depth, lane) in enumerate(lanes):
        top = _TOP + row * _ROW
        colour = fg if depth == 0 and lane.kind == "app" else muted
        out.append(f'<text x="{8 + depth * 14}" y="{top + 13}" fill="{colour}">{escape(lane.label[:30])}</text>')
        for s in lane.spans:
            end = s.end_ms if s.end_ms is not None else max(now, end_ms)
            if end <= start_ms or s.start_ms >= end_ms:
                continue
            fill, hatched, frac = _fill(colours, lane, s.state)
            if fill is None:
                continue
            h = (_ROW - 4) * frac
            y = top + 2 + (_ROW - 4 - h)
            w = max(1.0, x(end) - x(s.start_ms))
            paint = f'fill="url(#hatch-{s.state})"' if hatched else f'fill="{fill}"'
            out.append(f'<rect x="{x(s.start_ms):.1f}" y="{y:.1f}" width="{w:.1f}" height="{h:.1f}" {paint}>'
                       f'<title>{escape(lane.label)}: {escape(s.state)} from {_clock(s.start_ms)}</title></rect>')
        for m in lane.marks:
            if not start_ms <= m.time_ms <= end_ms:
                continue
            glyph, style = MARK_GLYPHS.get(m.kind, ("•", "end"))
            out.append(f'<text x="{x(m.time_ms) - 4:.1f}" y="{top + 14}" fill="{colours[_MARK_VARIABLES.get(style, "foreground")]}" '
                       f'font-weight="bold">{escape(glyph)}<title>{escape(m.label)} at {_clock(m.time_ms)}'
                       '</title></text>')
    y = _TOP + len(lanes) * _ROW + 18
    if timeline.truncated:
        legend_lines = [f"history begins at {_clock(timeline.begins_ms)}: the event log had dropped what came before"
                        ] + legend_lines
    for line in legend_lines:
        out.append(f'<text x="8" y="{y}" fill="{muted}">{escape(line)}</text>')
        y += 16
    out.append("</svg>")
    return "\n".join(out) + "\n"


def _tick_step(span: int, plot: float) -> int:
    for step in (1_000, 5_000, 10_000, 15_000, 30_000, 60_000, 120_000, 300_000, 600_000, 900_000, 1_800_000,
                 3_600_000, 7_200_000, 21_600_000, 86_400_000):
        if span / step * 70 <= plot:
            return step
    return 86_400_000
