"""`bgtui screenshot FILE --at TIME`: an SVG of the dashboard at a virtual time of a scenario.

    bgtui screenshot demo:upload-timeout --at 3m                 -> ./upload-timeout-3m.svg
    bgtui screenshot FILE --at 1m30s -o shot.svg --size 120x40 --theme light

The scenario plays with the clock paused up to TIME (every step due by then runs; a TIME past
the scenario's end is fine), then the dashboard is drawn headless at the size given and saved.
Prints the path written. Invalid input is one line on stderr and exit code 2.
"""

from __future__ import annotations

import asyncio
import re
import sys
from pathlib import Path
from typing import Sequence

from emulator.scenario.load import load
from emulator.scenario.model import ScenarioError
from emulator.scenario.size import FLAG_HELP
from emulator.scenario.timefmt import DurationError, format_duration, parse_duration

from bgtui.cli_parser import InvalidArguments, RaisingParser

__all__ = ["main", "default_output"]

PROG = "bgtui screenshot"


def _parser() -> RaisingParser:
    parser = RaisingParser(prog=PROG, description="Save an SVG of the dashboard at a virtual time of a scenario.")
    parser.add_argument("file", metavar="FILE", help="a scenario file or demo:NAME")
    parser.add_argument("--at", required=True, metavar="TIME", help='a virtual time: "3m", "1m30s", "0s"')
    parser.add_argument("-o", "--out", metavar="OUT.svg", help="where to save (default: ./STEM-TIME.svg)")
    parser.add_argument("--size", default="160x45", metavar="WxH", help="terminal size (default 160x45)")
    parser.add_argument("--theme", metavar="NAME", help="a theme (default: your remembered choice)")
    parser.add_argument("--allow-large", action="store_true", help=FLAG_HELP)
    return parser


def _size(text: str) -> tuple[int, int]:
    match = re.fullmatch(r"(\d+)x(\d+)", text.strip())
    if not match or not (20 <= int(match[1]) <= 1000 and 5 <= int(match[2]) <= 500):
        raise InvalidArguments(f"--size {text!r}: expected WIDTHxHEIGHT, e.g. 160x45 (at least 20x5)")
    return int(match[1]), int(match[2])


def default_output(file: str, at_ms: int) -> Path:
    """FILE's stem, "-", the time: `demo:upload-timeout` at 3 min -> ./upload-timeout-3m.svg."""
    stem = Path(file.removeprefix("demo:")).stem
    return Path.cwd() / f"{stem}-{format_duration(at_ms)}.svg"


def main(argv: Sequence[str] | None = None) -> int:
    try:
        return _run(list(sys.argv[1:] if argv is None else argv))
    except (InvalidArguments, ScenarioError) as err:
        prefix = "" if isinstance(err, ScenarioError) else f"{PROG}: "
        print(f"{prefix}{err}", file=sys.stderr)
        return 2


def _run(argv: list[str]) -> int:
    ns = _parser().parse_args(argv)
    try:
        at_ms = parse_duration(ns.at)
    except DurationError as err:
        raise InvalidArguments(f"--at {err}") from None
    size = _size(ns.size)
    out = Path(ns.out) if ns.out else default_output(ns.file, at_ms)
    if out.suffix.lower() != ".svg":
        raise InvalidArguments(f"{out}: the screenshot is an SVG; name it .svg")
    if not out.parent.is_dir():
        raise InvalidArguments(f"{out}: the folder {out.parent} does not exist")
    scenario = load(ns.file, allow_large=ns.allow_large)

    from bgtui.session import Session

    session = Session.of_scenario(scenario)
    session.emu.advance_to(at_ms)

    from bgtui.app import make_app
    from bgtui.themes import UnknownThemeError

    try:
        app = make_app(session=session, clock_running=False, size_hint=size, theme=ns.theme, watch_themes=False)
    except UnknownThemeError as err:
        raise InvalidArguments(str(err)) from None
    asyncio.run(_shoot(app, out, size))
    print(out)
    return 0


async def _shoot(app, out: Path, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        app.save_screenshot(filename=out.name, path=str(out.parent.resolve()))
