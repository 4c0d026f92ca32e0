"""Issue 3 figures: a start + stop pair through the kit, and a restart restoring 5,000 tasks.

Every start and stop marks running_task changed; the atomic whole-state write is coalesced to when the
virtual clock settles, or to before anything reads the file (emulator.service.persistence). So the
pair is measured as a script runs it, and also with one settling write per 1,000 pairs, next to
the cost of one atomic write, so it is clear what a write would add.
"""

from __future__ import annotations

import gc
import statistics
import time

from emulator import Emulator
from emulator.kit import wantAgent
from tests.benchmarks.report import figure

KEEP = "ohos.permission.KEEP_BACKGROUND_RUNNING"


def _agent(bundle: str) -> wantAgent.WantAgent:
    return wantAgent.getWantAgent({"wants": [{"bundleName": bundle, "abilityName": "EntryAbility"}],
                                   "actionType": wantAgent.OperationType.START_ABILITY, "requestCode": 0,
                                   "wantAgentFlags": []}).result()


def _bench_app(emu: Emulator):
    app = emu.install_app("com.example.bench", permissions=[KEEP], background_modes=["audioPlayback"])
    return app.backgroundTaskManager, app.context, _agent("com.example.bench")


def start_stop_pair_us(rounds: int = 20_000) -> tuple[float, float]:
    """(median µs, p90 µs) of a start + stop pair through the kit."""
    emu = Emulator()
    bt, ctx, agent = _bench_app(emu)
    perf = time.perf_counter_ns
    samples = []
    gc.disable()
    try:
        for _ in range(rounds):
            t0 = perf()
            bt.startBackgroundRunning(ctx, ["audioPlayback"], agent).result()
            bt.stopBackgroundRunning(ctx).result()
            samples.append(perf() - t0)
    finally:
        gc.enable()
    samples.sort()
    return statistics.median(samples) / 1000, samples[int(len(samples) * 0.9)] / 1000


def pairs_with_settling_write_us(pairs: int = 1000, batches: int = 20) -> float:
    """Median µs per pair over batches of `pairs` pairs followed by the one write that settles them."""
    emu = Emulator()
    bt, ctx, agent = _bench_app(emu)
    per_pair = []
    for _ in range(batches):
        t0 = time.perf_counter_ns()
        for _ in range(pairs):
            bt.startBackgroundRunning(ctx, ["audioPlayback"], agent).result()
            bt.stopBackgroundRunning(ctx).result()
        emu.advance(0)  # the clock settles: running_task is written once
        per_pair.append((time.perf_counter_ns() - t0) / pairs)
    return statistics.median(per_pair) / 1000


def one_write_us(rounds: int = 2000) -> float:
    emu = Emulator()
    bt, ctx, agent = _bench_app(emu)
    bt.startBackgroundRunning(ctx, ["audioPlayback"], agent).result()
    state_file = emu.continuous.file
    samples = []
    for _ in range(rounds):
        state_file.dirty = True
        t0 = time.perf_counter_ns()
        state_file.flush()
        samples.append(time.perf_counter_ns() - t0)
    return statistics.median(samples) / 1000


def restart_restoring(n: int = 5000) -> tuple[float, int, int]:
    """(seconds for emu.restart_service() restoring n live tasks, file size, tasks restored)."""
    emu = Emulator(event_capacity=100_000)
    for i in range(n):
        app = emu.install_app(f"com.example.app{i}", permissions=[KEEP], background_modes=["location"])
        app.backgroundTaskManager.startBackgroundRunning(app.context, ["location"], _agent(app.bundle_name)).result()
    emu.flush_state()
    size = emu.continuous.file.path.stat().st_size
    gc.collect()
    t0 = time.perf_counter()
    emu.restart_service()
    elapsed = time.perf_counter() - t0
    return elapsed, size, len(emu.continuous.by_id)


def main() -> None:
    median, p90 = start_stop_pair_us()
    figure("start + stop pair through the kit, median", median, "µs", 50)
    figure("start + stop pair through the kit, p90", p90, "µs")
    figure("per pair, 1,000 pairs + the one settling write", pairs_with_settling_write_us(), "µs")
    figure("one atomic write of running_task (1 task), median", one_write_us(), "µs")
    seconds, size, restored = restart_restoring()
    figure(f"restart restoring {restored:,} tasks (running_task {size // 1024} KiB)", seconds, "s", 0.5)
