"""The headless commands: `play`, `demos` and `dump`. Never imports Textual.

    bgtui play FILE [--format text|jsonl] [--csv OUT] [--allow-large]
    bgtui demos
    bgtui dump (-T All | -C --all | -E --all) [FILE] [--at TIME] [--allow-large]

FILE is a scenario file or `demo:NAME`; one whose steps run more than emulator.scenario.size
allows is refused unless --allow-large. Exit codes: 0 every expectation held; 1 one failed or a
step could not run; 2 invalid input (a bad file or command line, or a function this build's kit
does not have yet).
"""

from __future__ import annotations

import argparse
import sys
from typing import TextIO

from emulator.scenario.load import load
from emulator.scenario.model import ScenarioError
from emulator.scenario.report import CsvWriter, JsonlWriter, TextWriter, summary, tee
from emulator.scenario.runner import ScenarioRun
from emulator.scenario.size import MAX_FILE_RUNS, MAX_STEP_RUNS
from emulator.scenario.timefmt import DurationError, parse_duration

__all__ = ["main"]

USAGE = """usage:
  bgtui play FILE [--format text|jsonl] [--csv OUT] [--allow-large]
                                                      run a scenario headless; print its event log
  bgtui demos                                         list the built-in demos (FILE = demo:NAME)
  bgtui dump (-T All | -C --all | -E --all) [FILE] [--at TIME] [--allow-large]
                                                      print `hidumper -s 1903` text for the state at
                                                      the scenario's end (or at TIME)
"""


class _UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise _UsageError(message)


def main(argv: list[str] | None = None, stdout: TextIO | None = None, stderr: TextIO | None = None) -> int:
    out = stdout if stdout is not None else sys.stdout
    err = stderr if stderr is not None else sys.stderr
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        if not args or args[0] in ("-h", "--help", "help"):
            out.write(USAGE)
            return 0 if args else 2
        command, rest = args[0], args[1:]
        if command == "play":
            return _play(rest, out, err)
        if command == "demos":
            if rest:
                raise _UsageError("demos takes no arguments")
            return _demos(out)
        if command == "dump":
            return _dump(rest, out)
        raise _UsageError(f"unknown command {command!r}")
    except _UsageError as exc:
        err.write(f"bgtui: {exc}\n{USAGE}")
        return 2
    except ScenarioError as exc:
        err.write(f"{exc}\n")
        return 2
    except BrokenPipeError:
        return 0


# Shown in every sub-command's --help that loads a scenario.
ALLOW_LARGE_HELP = (f"  --allow-large     play a file past the size limits: a step running more than {MAX_STEP_RUNS:,} times,\n"
                    f"                    or more than {MAX_FILE_RUNS:,} runs in all (refused otherwise, with their cost)\n")

PLAY_HELP = f"""usage: bgtui play FILE [--format text|jsonl] [--csv OUT] [--allow-large]

Run a scenario headless (no dashboard) and print its event log, then whether every expectation held.

  FILE              a scenario file, or demo:NAME (bgtui demos lists them)
  --format text     one line per event: time, kind, app, reason (the default)
  --format jsonl    one JSON object per event; the summary goes to stderr
  --csv OUT         also write every event to OUT as CSV
{ALLOW_LARGE_HELP}
Exit codes: 0 every expectation held; 1 one failed or a step could not run; 2 invalid input.
"""

DUMP_HELP = f"""usage: bgtui dump (-T All | -C --all | -E --all) [FILE] [--at TIME] [--allow-large]

Print what `hidumper -s 1903` prints on a device (transient -T, continuous -C, efficiency -E), for
the state at the end of scenario FILE (a fresh device without one), or at virtual time TIME.
FILE may come before or after the options.

  FILE              a scenario file, or demo:NAME
  --at TIME         a virtual time: "3m", "1m30s", "0s"
{ALLOW_LARGE_HELP}"""


def _wants_help(argv: list[str]) -> bool:
    return any(arg in ("-h", "--help") for arg in argv)


def _play(argv: list[str], out: TextIO, err: TextIO) -> int:
    if _wants_help(argv):
        out.write(PLAY_HELP)
        return 0
    parser = _Parser(prog="bgtui play", add_help=False)
    parser.add_argument("file")
    parser.add_argument("--format", choices=("text", "jsonl"), default="text")
    parser.add_argument("--csv", metavar="OUT")
    parser.add_argument("--allow-large", action="store_true")
    ns = parser.parse_args(argv)
    scenario = load(ns.file, allow_large=ns.allow_large)
    log = JsonlWriter(out, batch=256) if ns.format == "jsonl" else TextWriter(out, batch=256)
    csv_file = None
    if ns.csv:
        try:
            csv_file = open(ns.csv, "w", encoding="utf-8", newline="")
        except OSError as exc:
            raise _UsageError(f"--csv {ns.csv}: {exc.strerror}") from None
    try:
        run = ScenarioRun(scenario, tee(log, CsvWriter(csv_file) if csv_file else None))
        try:
            run.run()
        finally:
            log.flush()
    finally:
        if csv_file is not None:
            csv_file.close()
    (err if ns.format == "jsonl" else out).write(summary(run) + "\n")
    return 0 if run.ok else 1


def _demos(out: TextIO) -> int:
    from emulator.scenario.demos import demo_names
    from emulator.scenario.kitnames import missing

    names = demo_names()
    width = max(map(len, names), default=0)
    for name in names:
        sc = load(f"demo:{name}")
        absent = missing(sc.functions())
        note = f"  [needs {', '.join(absent)}: not in this build yet]" if absent else ""
        out.write(f"demo:{name:<{width}}  {sc.description}{note}\n")
    return 0


def _dump(argv: list[str], out: TextIO) -> int:
    from emulator import Emulator
    from emulator.dump import DUMP_COMMANDS, dump

    if _wants_help(argv):
        out.write(DUMP_HELP)
        return 0
    start = next((i for i in range(len(argv) - 1) if (argv[i], argv[i + 1]) in DUMP_COMMANDS), None)
    if start is None:
        raise _UsageError("dump needs one of: " + ", ".join(" ".join(c) for c in DUMP_COMMANDS))
    command, rest = argv[start:start + 2], argv[:start] + argv[start + 2:]  # FILE before or after
    file, at, allow_large = None, None, False
    while rest:
        token = rest.pop(0)
        if token == "--allow-large":
            allow_large = True
        elif token == "--at":
            if not rest:
                raise _UsageError("--at needs a time, e.g. --at 3m")
            try:
                at = parse_duration(rest.pop(0))
            except DurationError as exc:
                raise _UsageError(f"--at {exc}") from None
        elif token.startswith("-") or file is not None:
            raise _UsageError(f"unexpected argument {token!r}")
        else:
            file = token
    if file is None:
        emu = Emulator()
        if at is not None:
            emu.advance_to(at)
    else:
        run = ScenarioRun(load(file, allow_large=allow_large))
        run.run(until_ms=at)
        emu = run.emu
    out.write(dump(emu, command))
    return 0
