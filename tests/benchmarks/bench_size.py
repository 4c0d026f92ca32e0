"""Benchmark: what a large scenario costs (issue 16, point 8), the figures behind emulator.scenario.size.

1. Runs a second and log bytes a run, for one repeating step of each kind (a device action, an
   app action, a kit call): the engine's speed, from which the size limits and the cost a refusal
   announces are set.
2. A 200,000-step file (18 MB of TOML) loaded, then played with JSONL to /dev/null as `bgtui play
   --format jsonl` does, each in its own process: peak memory (ru_maxrss) and time. Before the
   loader kept only table headers (a key's line found on demand), freed each step's parsed TOML
   and queued only repeating steps, the play took 468 MB (the key-line index alone 188 MB,
   the parsed TOML 131 MB, a Shape and a queue entry per step 22 + 20 MB).
3. Where the memory of a load goes, by tracemalloc: the parsed TOML, the line index, the
   scenario, on a quarter of that file.

Prints the figures; asserts nothing.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from emulator.scenario.report import JsonlWriter
from emulator.scenario.runner import ScenarioRun
from emulator.scenario.size import MAX_FILE_RUNS, MAX_STEP_RUNS

from tests.benchmarks.report import figure

ROOT = Path(__file__).resolve().parents[2]
STEPS = 200_000
RUNS = 100_000
APP = "com.example.music"
KINDS = {
    "device action (device.battery_level)": 'do = "device.battery_level"\nargs = [50]\n',
    "app action (app.foreground)": f'app = "{APP}"\ndo = "app.foreground"\n',
    "kit call (getTransientTaskInfo)": f'app = "{APP}"\ncall = "getTransientTaskInfo"\n',
}


def big_file(steps: int = STEPS) -> str:
    """`steps` one-off steps 10 ms apart, in turn: battery level, foreground, a transient task and its cancel."""
    parts = [f'[scenario]\nname = "big"\n\n[[apps]]\nbundle_name = "{APP}"\n\n']
    for i in range(steps):
        head = f'[[steps]]\nat = "{i * 10}ms"\n'
        parts.append(head + (
            f'do = "device.battery_level"\nargs = [{50 + i % 40}]\n',
            f'app = "{APP}"\ndo = "app.foreground"\n',
            f'app = "{APP}"\ncall = "requestSuspendDelay"\nargs = ["r", "$callback"]\nsave_as = "d"\n',
            f'app = "{APP}"\ncall = "cancelSuspendDelay"\nargs = ["$d.requestId"]\n',
        )[i % 4])
    return "".join(parts)


_CHILD = """
import io, resource, sys, time
t = time.perf_counter()
if sys.argv[2] == "load":
    from emulator.scenario.load import load_file
    load_file(sys.argv[1])
else:
    from emulator.scenario.cli import main
    main(["play", sys.argv[1], "--format", "jsonl"], open("/dev/null", "w"), io.StringIO())
print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
"""


def _child(path: str, what: str) -> tuple[float, float]:
    out = subprocess.run([sys.executable, "-c", _CHILD, path, what], cwd=ROOT, capture_output=True, text=True,
                         check=True, env={**os.environ, "PYTHONPATH": str(ROOT)}).stdout.split()
    return float(out[0]), float(out[1])


def _rates() -> None:
    from emulator.scenario.load import load_text

    print(f"one step repeating {RUNS:,} times (every 1ms), JSONL to memory:")
    for name, body in KINDS.items():
        text = f'[[apps]]\nbundle_name = "{APP}"\n[[steps]]\nat = "0s"\nevery = "1ms"\ntimes = {RUNS}\n' + body
        buf = io.StringIO()
        writer = JsonlWriter(buf, batch=256)
        run = ScenarioRun(load_text(text), writer)
        cpu = time.process_time()
        run.run()
        writer.flush()
        cpu = time.process_time() - cpu
        figure(f"{name}: runs a second (CPU)", RUNS / cpu, "runs/s")
        figure(f"{name}: JSONL a run", len(buf.getvalue()) / RUNS, "bytes")
    print(f"limits: {MAX_STEP_RUNS:,} runs a step, {MAX_FILE_RUNS:,} a file (emulator.scenario.size)")


def _breakdown(text: str) -> None:
    import tomllib
    import tracemalloc

    from emulator.scenario.load import load_text
    from emulator.scenario.tomlpos import KeyLines

    print(f"where a load's memory goes, on a {STEPS // 4:,}-step file (tracemalloc, which is slow; live after "
          "each stage):")
    tracemalloc.start()
    data = tomllib.loads(text)
    figure("the parsed TOML (tomllib)", tracemalloc.get_traced_memory()[0] / 1e6, "MB")
    del data
    lines = KeyLines(text)
    figure("the key-line index (headers only, keys on demand)", tracemalloc.get_traced_memory()[0] / 1e6, "MB")
    del lines
    sc = load_text(text, "big.toml")
    now, peak = tracemalloc.get_traced_memory()
    figure("the loaded scenario", now / 1e6, "MB")
    figure("peak while loading", peak / 1e6, "MB")
    tracemalloc.stop()
    del sc


def main() -> None:
    _rates()
    text = big_file()
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "big.toml")
        Path(path).write_text(text, encoding="utf-8")
        print(f"a {STEPS:,}-step file ({len(text) / 1e6:.0f} MB of TOML), each in its own process:")
        for what in ("load", "play"):
            took, rss = _child(path, what)
            label = "load" if what == "load" else "load + play, JSONL to /dev/null"
            figure(f"{label}: peak memory (ru_maxrss; 468 MB before)" if what == "play" else f"{label}: peak memory "
                   "(ru_maxrss)", rss, "MB")
            figure(f"{label}: wall time", took, "s")
    _breakdown(big_file(STEPS // 4))


if __name__ == "__main__":
    main()
