"""Engine figures behind the dashboard's budgets: one snapshot, and `import emulator`.

1. `emu.snapshot()` with 1,000 live transient tasks over 334 apps, all counting in the background (the
   dashboard's load benchmark), taken once per tick at 10 Hz: median of 200.
2. `import emulator` in a fresh subprocess (bytecode already compiled: one warm-up run first),
   median of several runs, and whether it loaded the kit; and the same after Textual is loaded,
   as in the dashboard, where only the engine's own modules are left to import.

On the box where they were first taken, before the changes that came with this benchmark (b9beb44): 4.2 ms a
snapshot, 40 ms to import (23 ms after Textual); after: 1.3 ms, 26 ms (10 ms after Textual).
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from emulator import Emulator
from tests.benchmarks.report import figure

ROOT = Path(__file__).resolve().parents[2]
TASKS = 1_000  # 3 per app: 334 apps
IMPORT_PROBE = """
import json, sys, time
{preamble}
t0 = time.perf_counter()
import emulator, emulator.snapshot
print(json.dumps({{"ms": (time.perf_counter() - t0) * 1000, "kit": "emulator.kit" in sys.modules}}))
"""
AFTER_TEXTUAL = "import textual.app, textual.widgets"  # what the dashboard has loaded before the engine


def busy_emulator(tasks: int = TASKS) -> Emulator:
    """Apps of 3 transient tasks each, moved to the background so that every task counts down."""
    emu = Emulator()
    left, n = tasks, 0
    while left > 0:
        app = emu.install_app(f"com.bench.app{n}", label=f"Bench {n}")
        for _ in range(min(3, left)):
            app.backgroundTaskManager.requestSuspendDelay("bench", lambda: None)
            left -= 1
        app.to_background()
        n += 1
    emu.advance(1_000)
    return emu


def snapshot_ms(emu: Emulator, rounds: int = 200) -> float:
    samples = []
    for _ in range(rounds):
        emu.advance(100)  # one dashboard tick at x1: every countdown has moved
        t0 = time.perf_counter()
        emu.snapshot()  # freed inside the timing, as the dashboard frees the last one at every tick
        samples.append(time.perf_counter() - t0)
    return statistics.median(samples) * 1000


def import_ms(preamble: str = "", runs: int = 9) -> tuple[float, bool]:
    """(median ms of `import emulator` in a fresh interpreter, whether it loaded emulator.kit)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}  # measure imports, not compiles
    code = IMPORT_PROBE.format(preamble=preamble)
    results = []
    for _ in range(runs + 1):
        done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True,
                              text=True, check=True)
        results.append(json.loads(done.stdout.strip().splitlines()[-1]))
    results = results[1:]  # the first run may have compiled bytecode
    return statistics.median(r["ms"] for r in results), any(r["kit"] for r in results)


def main() -> None:
    emu = busy_emulator()
    snap = emu.snapshot()
    apps, tasks = len(snap.apps), len(snap.transient_tasks)
    figure(f"emu.snapshot(), {tasks:,} counting tasks over {apps} apps, median", snapshot_ms(emu), "ms")
    ms, kit = import_ms()
    figure(f"import emulator, fresh subprocess, median ({'loads' if kit else 'without'} the kit)", ms, "ms")
    ms, kit = import_ms(AFTER_TEXTUAL)
    figure("  the same after importing Textual, as the dashboard does", ms, "ms")


if __name__ == "__main__":
    main()
