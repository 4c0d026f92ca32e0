"""Issue 3 figures: a start + stop pair through the kit, and a restart restoring 5,000 tasks.

Every start and every stop rewrites running_task atomically (temporary file, then rename), as the
device does; the benchmark keeps that. The figures are given for the default state folder (a
temporary folder, on disk here) and for a tmpfs folder (/dev/shm) when there is one, with the time
the file writes alone take, so it is clear what dominates.
"""

from __future__ import annotations

import gc
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from emulator import Emulator
from emulator.kit import wantAgent

KEEP = "ohos.permission.KEEP_BACKGROUND_RUNNING"


def _figure(name: str, value: float, unit: str, target: float | None = None) -> None:
    verdict = f"   target <= {target:g} {unit}: {'met' if value <= target else 'MISSED'}" if target is not None else ""
    print(f"  {name:<62} {value:>10.3f} {unit}{verdict}")


def _agent(bundle: str) -> wantAgent.WantAgent:
    return wantAgent.getWantAgent({"wants": [{"bundleName": bundle, "abilityName": "EntryAbility"}],
                                   "actionType": wantAgent.OperationType.START_ABILITY, "requestCode": 0,
                                   "wantAgentFlags": []}).result()


def start_stop_pair(state_dir: str | None, rounds: int = 3000) -> tuple[float, float, float]:
    """(median µs of a start + stop pair, p90 µs, median µs of the two file writes alone)."""
    emu = Emulator(state_dir=state_dir)
    app = emu.install_app("com.example.bench", permissions=[KEEP], background_modes=["audioPlayback"])
    bt, ctx, agent = app.backgroundTaskManager, app.context, _agent("com.example.bench")
    perf = time.perf_counter_ns
    samples = []
    gc.disable()
    try:
        for _ in range(rounds):
            t0 = perf()
            bt.startBackgroundRunning(ctx, ["audioPlayback"], agent).result()
            bt.stopBackgroundRunning(ctx).result()
            samples.append(perf() - t0)
        bt.startBackgroundRunning(ctx, ["audioPlayback"], agent).result()
        writes = []
        for _ in range(rounds):
            t0 = perf()
            emu.continuous.save()  # one task in the map, as after a start
            emu.continuous.save()
            writes.append(perf() - t0)
    finally:
        gc.enable()
    samples.sort()
    return statistics.median(samples) / 1000, samples[int(len(samples) * 0.9)] / 1000, statistics.median(writes) / 1000


def restart_restoring(n: int = 5000) -> tuple[float, int, int]:
    """(seconds for emu.restart_service() restoring n live tasks, file size, tasks restored)."""
    emu = Emulator(event_capacity=100_000)
    apps = [emu.install_app(f"com.example.app{i}", permissions=[KEEP], background_modes=["location"])
            for i in range(n)]
    save = emu.continuous.save
    emu.continuous.save = lambda: None  # type: ignore[method-assign]  # setup only: one write at the end
    for app in apps:
        app.backgroundTaskManager.startBackgroundRunning(app.context, ["location"], _agent(app.bundle_name)).result()
    emu.continuous.save = save  # type: ignore[method-assign]
    emu.continuous.save()
    size = emu.continuous.file.path.stat().st_size
    gc.collect()
    t0 = time.perf_counter()
    emu.restart_service()
    elapsed = time.perf_counter() - t0
    return elapsed, size, len(emu.continuous.by_id)


def main() -> None:
    median, p90, writes = start_stop_pair(None)
    print(f"  state folder: {tempfile.gettempdir()} (default)")
    _figure("start + stop pair through the kit, median", median, "µs", 50)
    _figure("start + stop pair through the kit, p90", p90, "µs")
    _figure("  of which the two atomic writes of running_task, median", writes, "µs")
    shm = Path("/dev/shm")
    if shm.is_dir():
        folder = tempfile.mkdtemp(prefix="bgtui-bench-", dir=shm)
        try:
            median, p90, writes = start_stop_pair(folder)
        finally:
            shutil.rmtree(folder, ignore_errors=True)
        print(f"  state folder: {shm} (tmpfs)")
        _figure("start + stop pair through the kit, median", median, "µs", 50)
        _figure("start + stop pair through the kit, p90", p90, "µs")
        _figure("  of which the two atomic writes of running_task, median", writes, "µs")
    seconds, size, restored = restart_restoring()
    _figure(f"restart restoring {restored:,} tasks (running_task {size // 1024} KiB)", seconds, "s", 0.5)


if __name__ == "__main__":
    main()
