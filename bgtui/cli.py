"""`bgtui`: open the dashboard on the built-in demo device or a scenario, or run a headless command.

    bgtui [FILE] [--watch] [--speed X] [--paused] [--theme NAME] [--readonly] [--save-dir DIR] [--allow-large]
    bgtui serve [FILE] [--port N] [--host H] [--readonly] [--save-dir DIR]
    bgtui screenshot FILE --at TIME [-o OUT.svg] [--size 160x45] [--theme NAME]
    bgtui timeline FILE [--from T] [--to T] (--svg OUT | --format text)
    bgtui diff A B
    bgtui play FILE [--format text|jsonl] [--csv OUT]
    bgtui demos
    bgtui dump (-T All | -C --all | -E --all) [FILE] [--at TIME]
    python -m bgtui ...

The headless commands are emulator.scenario.cli's: this module hands them over before anything
imports Textual, so `bgtui play` stays a plain, fast Python program. FILE is a scenario file or
`demo:NAME`; the dashboard plays it at its times under its clock controls. A file that does not
load is one line on stderr and exit code 2, before anything opens.
"""

from __future__ import annotations

import argparse
import gc
import sys
from typing import Sequence

__all__ = ["build_parser", "main"]

def _speed(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not 0.1 <= value <= 100:
        raise argparse.ArgumentTypeError("the speed goes from 0.1 to 100")
    return value


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="bgtui", description="A dashboard over an emulated OpenHarmony background task manager.",
        epilog="also: bgtui serve [FILE] (in a browser: bgtui serve --help); bgtui screenshot FILE --at TIME (bgtui screenshot --help); headless: bgtui play FILE | "
               "bgtui demos | bgtui dump ... (bgtui play --help)")
    parser.add_argument("scenario", nargs="?", metavar="FILE",
                        help="a scenario file or demo:NAME to play (default: the demo device, nothing playing)")
    parser.add_argument("--watch", action="store_true",
                        help="restart the scenario from its beginning whenever FILE is saved")
    parser.add_argument("--speed", type=_speed, default=1.0, help="clock speed, from 0.1 to 100 (default 1)")
    parser.add_argument("--paused", action="store_true", help="start with the clock paused")
    parser.add_argument("--theme", metavar="NAME",
                        help="a theme from themes/ or your themes folder: dark, light, high-contrast, colorblind, ...")
    add_safety_options(parser)
    add_allow_large(parser)
    parser.add_argument("--served", action="store_true", help=argparse.SUPPRESS)  # a `bgtui serve` tab
    return parser


def add_allow_large(parser: argparse.ArgumentParser) -> None:
    """--allow-large, on every command that loads a scenario (emulator.scenario.size says why)."""
    from emulator.scenario.size import FLAG_HELP

    parser.add_argument("--allow-large", action="store_true", help=FLAG_HELP)


def add_safety_options(parser: argparse.ArgumentParser, *, default_save_dir: str | None = None) -> None:
    """--readonly and --save-dir, shared by `bgtui` and `bgtui serve`."""
    parser.add_argument("--readonly", action="store_true",
                        help="presenter mode: time, views and filters work; keys that change the world are refused")
    where = f"default ./{default_save_dir}" if default_save_dir else "default: anywhere, from the current folder"
    parser.add_argument("--save-dir", metavar="DIR", default=default_save_dir,
                        help=f"the only folder the dashboard writes files in ({where}); paths with '..', "
                             "absolute paths and links out of it are refused")


HEADLESS_COMMANDS = ("play", "demos", "dump")


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] in HEADLESS_COMMANDS:
        from emulator.scenario.cli import main as headless_main

        return headless_main(argv)
    if argv and argv[0] in ("timeline", "diff"):
        from bgtui.timeline.cli import main as timeline_main
        from bgtui.diff import main as diff_main

        return (timeline_main if argv[0] == "timeline" else diff_main)(argv[1:])
    if argv and argv[0] == "serve":
        from bgtui.serve import main as serve_main

        return serve_main(argv[1:])
    if argv and argv[0] == "screenshot":
        from bgtui.screenshot import main as screenshot_main

        return screenshot_main(argv[1:])
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.watch and (args.scenario is None or args.scenario.startswith("demo:")):
        parser.error("--watch needs a scenario FILE to watch (a built-in demo never changes)")
    session = None
    if args.scenario is not None:
        from emulator.scenario.load import load
        from emulator.scenario.model import ScenarioError

        from bgtui.session import Session

        try:
            session = Session.of_scenario(load(args.scenario, allow_large=args.allow_large))
        except ScenarioError as err:
            print(err, file=sys.stderr)
            return 2
    if args.save_dir is not None:
        from bgtui.save_folder import SaveFolder

        try:
            SaveFolder(args.save_dir).ensure()
        except OSError as err:
            print(f"bgtui: cannot use the save folder {args.save_dir}: {err.strerror or err}", file=sys.stderr)
            return 2
    gc.disable()  # until the first frame: the app turns it back on (bgtui.app._settle_garbage_collector)
    from bgtui.app import make_app

    from bgtui.themes import UnknownThemeError

    try:
        app = make_app(session=session, clock_running=not args.paused, speed=args.speed, theme=args.theme,
                       watch_scenario=args.scenario if args.watch else None, readonly=args.readonly,
                       save_dir=args.save_dir, served=args.served, allow_large=args.allow_large)
    except UnknownThemeError as err:
        parser.error(str(err))
    app.run()
    return 0


if __name__ == "__main__":
    sys.exit(main())
