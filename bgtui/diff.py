"""`bgtui diff A B [--allow-large]`: play two scenarios or saved sessions and show where their event logs part.

    bgtui diff session.toml resumed.toml

Both play headless to their own end. Entries compare by time, kind, app, subject, reason and data
(not by sequence number, which follows from the rest). Prints the first entry that differs, with a
few shared entries before it; exit 0 when the logs are identical, 1 when not, 2 on invalid input
(one line on stderr). Never imports Textual.
"""

from __future__ import annotations

import sys
from typing import TextIO

from emulator.events import Event
from emulator.scenario.load import load
from emulator.scenario.model import ScenarioError
from emulator.scenario.runner import ScenarioRun
from emulator.scenario.size import FLAG_HELP
from emulator.scenario.timefmt import format_clock

__all__ = ["main", "first_difference", "play_log"]

PROG = "bgtui diff"
CONTEXT = 3
USAGE = "usage: bgtui diff A B [--allow-large]   (two scenario files, saved sessions or demo:NAME)"
HELP = f"{USAGE}\n  --allow-large   {FLAG_HELP}"


def play_log(file: str, *, allow_large: bool = False) -> tuple[list[Event], int]:
    """Every engine event of FILE played to its end (the whole stream, not the bounded log), and the end."""
    run = ScenarioRun(load(file, allow_large=allow_large))
    events: list[Event] = []
    run.emu.events.subscribe(events.append)
    run.run()
    return events, run.emu.now_ms


def _key(e: Event) -> tuple:
    return (e.time_ms, e.kind.value, e.app, e.subject, e.reason, tuple(sorted((k, repr(v)) for k, v in e.data.items())))


def first_difference(a: list[Event], b: list[Event]) -> int | None:
    """The index of the first entry that differs (or that only one log has), None when they are equal."""
    for i, (x, y) in enumerate(zip(a, b)):
        if _key(x) != _key(y):
            return i
    return None if len(a) == len(b) else min(len(a), len(b))


def _line(e: Event) -> str:
    who = f" {e.app}" if e.app else ""
    return f"{format_clock(e.time_ms)} {e.kind.value}{who}: {e.reason}"


def main(argv: list[str] | None = None, stdout: TextIO | None = None, stderr: TextIO | None = None) -> int:
    out = stdout if stdout is not None else sys.stdout
    err = stderr if stderr is not None else sys.stderr
    args = list(sys.argv[2:] if argv is None else argv)
    allow_large = "--allow-large" in args
    args = [a for a in args if a != "--allow-large"]
    if args in (["-h"], ["--help"]):
        out.write(HELP + "\n")
        return 0
    if len(args) != 2 or any(a.startswith("-") for a in args):
        err.write(f"{PROG}: expected two files, got {len(args)} argument(s) {' '.join(args)!r}; {USAGE}\n")
        return 2
    try:
        (log_a, end_a), (log_b, end_b) = (play_log(args[0], allow_large=allow_large),
                                          play_log(args[1], allow_large=allow_large))
    except ScenarioError as exc:
        err.write(f"{exc}\n")
        return 2
    i = first_difference(log_a, log_b)
    if i is None:
        out.write(f"identical: {len(log_a)} events each, to {format_clock(max(end_a, end_b))}\n")
        return 0
    at = min(e.time_ms for e in (log_a[i:i + 1] + log_b[i:i + 1]))
    out.write(f"the event logs part at {format_clock(at)}, entry {i + 1} "
              f"({len(log_a)} events in A, {len(log_b)} in B)\n")
    for e in log_a[max(0, i - CONTEXT):i]:
        out.write(f"  = {_line(e)}\n")
    for name, log in (("A", log_a), ("B", log_b)):
        shown = log[i:i + CONTEXT]
        if not shown:
            out.write(f"  {name} {args[0] if name == 'A' else args[1]}: (no more events: it ends here)\n")
        for e in shown:
            out.write(f"  {name} {_line(e)}\n")
    return 1
