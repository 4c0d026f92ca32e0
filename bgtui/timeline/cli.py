"""`bgtui timeline FILE [--from T] [--to T] (--svg OUT | --format text)`: a scenario's timeline, headless.

    bgtui timeline demo:upload-timeout --svg upload.svg        # every lane, 0 to the scenario's end
    bgtui timeline session.toml --from 1m --to 5m --format text --width 120

FILE is a scenario or a saved session (`ctrl+s`); it plays as fast as the machine allows (as
`bgtui play`) up to --to, or its end. Never imports Textual. Invalid input is one line on stderr
and exit code 2; otherwise exit 0 (a failed expectation of the scenario does not matter here).
"""

from __future__ import annotations

import math
import sys
from pathlib import Path
from typing import TextIO

from emulator.scenario.load import load
from emulator.scenario.model import ScenarioError
from emulator.scenario.runner import ScenarioRun
from emulator.scenario.size import FLAG_HELP
from emulator.scenario.timefmt import DurationError, format_clock, parse_duration

from bgtui.cli_parser import InvalidArguments, RaisingParser
from bgtui.timeline.grid import LABEL_WIDTH, ZOOMS, axis, describe_scale, label_of, legend, rows
from bgtui.timeline.model import Timeline

__all__ = ["main", "play_timeline", "render_text"]

PROG = "bgtui timeline"


def _parser() -> RaisingParser:
    parser = RaisingParser(prog=PROG, description="Write a scenario's or saved session's timeline as SVG or text.")
    parser.add_argument("file", metavar="FILE", help="a scenario file, a saved session, or demo:NAME")
    parser.add_argument("--from", dest="start", metavar="T", help='from this virtual time (default 0), e.g. "1m"')
    parser.add_argument("--to", dest="end", metavar="T", help="up to this virtual time (default: the end)")
    parser.add_argument("--svg", metavar="OUT", help="write an SVG picture to OUT")
    parser.add_argument("--format", choices=("text",), help="print the timeline as text")
    parser.add_argument("--width", type=int, default=100, help="text: cells of time per lane (default 100)")
    parser.add_argument("--allow-large", action="store_true", help=FLAG_HELP)
    return parser


def _time(flag: str, text: str | None) -> int | None:
    if text is None:
        return None
    try:
        return parse_duration(text)
    except DurationError as exc:
        raise InvalidArguments(f"{flag} {exc}") from None


def play_timeline(file: str, until_ms: int | None = None, *,
                  allow_large: bool = False) -> tuple[Timeline, ScenarioRun]:
    """Play FILE headless (up to `until_ms`, else its end) with a timeline attached from the start."""
    run = ScenarioRun(load(file, allow_large=allow_large))
    timeline = Timeline.attach(run.emu)
    run.run(until_ms=until_ms)
    return timeline, run


def render_text(timeline: Timeline, start_ms: int, end_ms: int, width: int, title: str = "") -> str:
    exact = max(1, math.ceil((end_ms - start_ms) / width))
    scale = next((z for z in ZOOMS if z >= exact), exact)  # a round time per cell
    width = min(width, -(-(end_ms - start_ms) // scale) + 1)
    lines = [f"{title} · {format_clock(start_ms)} to {format_clock(end_ms)} · {describe_scale(scale)}".lstrip(" ·")]
    if timeline.truncated:
        lines.append(f"history begins at {format_clock(timeline.begins_ms)}: the event log had dropped what came before")
    lines.append(" " * LABEL_WIDTH + " " + axis(start_ms, scale, width))
    for row in rows(timeline, start_ms, scale, width, end_ms):
        lines.append((label_of(row.depth, row.lane) + " " + "".join(c.glyph for c in row.cells)).rstrip())
    lines += [""] + legend()
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None, stdout: TextIO | None = None, stderr: TextIO | None = None) -> int:
    out = stdout if stdout is not None else sys.stdout
    err = stderr if stderr is not None else sys.stderr
    try:
        ns = _parser().parse_args(sys.argv[2:] if argv is None else argv)
        if ns.svg is None and ns.format is None:
            raise InvalidArguments("say what to write: --svg OUT or --format text")
        if not 10 <= ns.width <= 2000:
            raise InvalidArguments(f"--width {ns.width}: from 10 to 2000 cells")
        start, end = _time("--from", ns.start), _time("--to", ns.end)
        if start is not None and end is not None and start >= end:
            raise InvalidArguments(f"--from {ns.start} is not before --to {ns.end}")
        timeline, run = play_timeline(ns.file, end, allow_large=ns.allow_large)
        end = run.emu.now_ms if end is None else end
        start = start or 0
        if start >= end:
            raise InvalidArguments(f"--from {ns.start} is not before the end of {ns.file} ({format_clock(end)})")
        timeline.relabel(run.emu.snapshot())
        title = f"{run.scenario.name}"
        if ns.svg is not None:
            from bgtui.timeline.svg import timeline_svg

            try:
                Path(ns.svg).write_text(timeline_svg(timeline, start, end, title=title), encoding="utf-8")
            except OSError as exc:
                raise InvalidArguments(f"--svg {ns.svg}: {exc.strerror}") from None
            out.write(f"{ns.svg}\n")
        if ns.format == "text":
            out.write(render_text(timeline, start, end, ns.width, title))
        return 0
    except InvalidArguments as exc:
        err.write(f"{PROG}: {exc}\n")
        return 2
    except ScenarioError as exc:
        err.write(f"{exc}\n")
        return 2
    except BrokenPipeError:
        return 0
