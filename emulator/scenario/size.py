"""What a scenario file will cost to play, said before it plays: files out of proportion are refused.

A repeating step is never expanded into a list (the runner queues one run of it at a time), but
every run still costs engine time and log lines. Measured on this emulator (tests/benchmarks/
bench_size.py prints the figures): the engine plays 70,000 to 160,000 runs a second (a kit call
is the slow end, a device action the fast one) and each run writes 135 to 250 bytes of JSONL,
more when the run changes something.

What a user reasonably wants: a step every second for a virtual week is 604,800 runs, one every
100 ms for a day 864,000. A million runs of one step is 7 to 15 s of play and 150 to 250 MB of
log; `every = "1ms"` with `times = 100000000` is 24 min and 15 GB. So:

- one step may run at most MAX_STEP_RUNS times;
- a file's steps may add up to at most MAX_FILE_RUNS runs (a file of 2 million one-off steps is
  some 180 MB of TOML and over 1 GB of memory to parse);

unless the caller allows it: `--allow-large` on the command line, `allow_large=True` in Python.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from emulator.scenario.model import Scenario, ScenarioError
from emulator.scenario.timefmt import format_duration
from emulator.scenario.tomlpos import KeyLines

if TYPE_CHECKING:
    from emulator.scenario.load import Ctx

__all__ = ["MAX_STEP_RUNS", "MAX_FILE_RUNS", "ALLOW", "FLAG_HELP", "check_text", "check_repeat", "check_scenario", "cost"]

MAX_STEP_RUNS = 1_000_000
MAX_FILE_RUNS = 2_000_000
ALLOW = "--allow-large (allow_large=True in Python)"
FLAG_HELP = (f"play a file past the size limits: a step running more than {MAX_STEP_RUNS:,} times, or more than "
             f"{MAX_FILE_RUNS:,} runs in all (refused otherwise, with what it would cost)")

# The slow end of the measured figures, so an estimate does not promise less than a file costs.
_RUNS_PER_SECOND = 70_000
_LOG_BYTES_PER_RUN = 150


def cost(runs: int) -> str:
    """`about 24 min and 15 GB of log`: what playing `runs` runs takes, at least."""
    seconds = runs / _RUNS_PER_SECOND
    took = f"{seconds:.0f} s" if seconds < 90 else f"{seconds / 60:.0f} min" if seconds < 5400 else \
        f"{seconds / 3600:.0f} h"
    size = runs * _LOG_BYTES_PER_RUN
    wrote = f"{size / 1e6:.0f} MB" if size < 1e9 else f"{size / 1e9:.2g} GB"
    return f"about {took} and {wrote} of log"


def check_text(text: str, file: str) -> None:
    """Refuse, before parsing it, a file with more [[steps]] tables than MAX_FILE_RUNS (each runs once at least).

    Parsing is what such a file costs first: tomllib holds some 650 bytes a step.
    """
    if text.count("[[steps]]") <= MAX_FILE_RUNS:  # cheap: no file within the limit pays for a scan
        return
    lines = KeyLines(text)
    count = lines.count(("steps",))
    if count > MAX_FILE_RUNS:
        raise ScenarioError(file, lines.line(("steps", MAX_FILE_RUNS)), f"steps[{MAX_FILE_RUNS + 1}]",
                            f"the file has {count:,} steps, more than the {MAX_FILE_RUNS:,} runs a file may have "
                            f"unless {ALLOW} is given; it would take {cost(count)} at least")


def check_repeat(ctx: Ctx, path: tuple[object, ...], times: int, every_ms: int, until_ms: int | None) -> None:
    """Refuse a step (at `path`) that runs more than MAX_STEP_RUNS times, unless the load allows large files."""
    if times <= MAX_STEP_RUNS or ctx.allow_large:
        return
    every = format_duration(every_ms)
    key, how = ("times", f"every {every}") if until_ms is None else ("until", f"every {every} until "
                                                                               f"{format_duration(until_ms)}")
    raise ctx.fail(path + (key,), f"runs {times:,} times ({how}), more than the {MAX_STEP_RUNS:,} a step may run "
                                  f"unless {ALLOW} is given; it would take {cost(times)}")


def check_scenario(ctx: Ctx, sc: Scenario) -> None:
    """Refuse a file whose steps add up to more than MAX_FILE_RUNS runs, unless the load allows large files."""
    if ctx.allow_large:
        return
    total, crossed = 0, None
    for step in sc.steps:
        total += step.times
        if crossed is None and total > MAX_FILE_RUNS:
            crossed = (step, total)
    if crossed is not None:
        step, by_then = crossed
        raise ctx.fail(("steps", step.index - 1),
                       f"the steps add up to {by_then:,} runs by this one ({total:,} in all, over "
                       f"{len(sc.steps):,} steps), more than the {MAX_FILE_RUNS:,} a file may run unless {ALLOW} "
                       f"is given; it would take {cost(total)}")
