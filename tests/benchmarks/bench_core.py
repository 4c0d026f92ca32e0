"""Issue 2 figures: a request + cancel pair through the kit, a million timers, 10,000 live tasks."""

from __future__ import annotations

import gc
import statistics
import time
import tracemalloc

from emulator import Emulator
from emulator.clock import VirtualClock
from tests.benchmarks.report import figure


def request_cancel_pair_us(rounds: int = 50_000) -> float:
    emu = Emulator()
    bt = emu.install_app("com.example.bench").backgroundTaskManager
    cb = lambda: None  # noqa: E731
    samples = []
    perf = time.perf_counter_ns
    for _ in range(rounds):
        t0 = perf()
        info = bt.requestSuspendDelay("bench", cb)
        bt.cancelSuspendDelay(info.requestId)
        samples.append(perf() - t0)
    return statistics.median(samples) / 1000


def million_timers_s(n: int = 1_000_000, runs: int = 3) -> float:
    """CPU seconds of this process (median of `runs`) to schedule n timers over a day and fire them all.

    CPU time, not wall time: the figure is about the clock, not about what else the machine runs.
    """
    dues = [(i * 7919) % 86_400_000 for i in range(n)]  # spread over a day, out of order
    times = []
    for _ in range(runs):
        clock = VirtualClock()
        hits = [0]

        def tick() -> None:
            hits[0] += 1

        call_at = clock.call_at
        gc.collect()
        t0 = time.process_time()
        for due in dues:
            call_at(due, tick)
        clock.advance(86_400_000)
        times.append(time.process_time() - t0)
        assert hits[0] == n
    return statistics.median(times)


def live_tasks_heap_mb(tasks: int = 10_000, apps: int = 3_400) -> float:
    gc.collect()
    tracemalloc.start()
    emu = Emulator()
    installed = [emu.install_app(f"com.example.app{i:04d}") for i in range(apps)]
    cb = lambda: None  # noqa: E731
    made = 0
    while made < tasks:
        for app in installed:
            if made == tasks:
                break
            app.backgroundTaskManager.requestSuspendDelay("bench", cb)
            made += 1
    for app in installed:
        app.to_background()
    gc.collect()
    current, _peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert len(emu.transient.requests) == tasks
    return current / 1e6


def main() -> None:
    figure("requestSuspendDelay + cancelSuspendDelay, median", request_cancel_pair_us(), "µs", 20)
    figure("1,000,000 timers scheduled and fired (CPU, median of 3)", million_timers_s(), "s", 2)
    figure("Python heap with 10,000 live tasks over 3,400 apps", live_tasks_heap_mb(), "MB", 50)
