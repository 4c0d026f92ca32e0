"""Efficiency-resource benchmarks: they print figures and assert nothing.

Targets from the issue: an apply + release pair through the kit at 30 µs median or less, and
10,000 timed grants expiring in one advance in 0.2 s or less. Persistence is never skipped:
every change marks resource_record dirty, and the coalesced atomic write is part of what is
timed wherever the engine makes it (at the end of an advance). The cost of writing on every
change is printed too, so the choice to coalesce can be judged.

Run: python -c "import tests.benchmarks.bench_efficiency as b; b.main()"
"""

from __future__ import annotations

import cProfile
import io
import pstats
import statistics
import time
from typing import Callable

from emulator import Emulator

CPU_PERSIST = {"resourceTypes": 1, "isApply": True, "timeOut": 0, "reason": "bench", "isPersist": True}
CPU_TIMED = {"resourceTypes": 1, "isApply": True, "timeOut": 10_000, "reason": "bench"}
CPU_RELEASE = {"resourceTypes": 1, "isApply": False, "timeOut": 0, "reason": "bench"}


def _sys_app(emu: Emulator, name: str = "com.example.bench"):
    return emu.install_app(name, system_app=True, running_resources_apply=[0])


def _samples(fn: Callable[[], None], n: int) -> list[float]:
    """Per-call wall time in µs, n calls, after a short warm-up."""
    for _ in range(min(200, n)):
        fn()
    out = []
    clock = time.perf_counter_ns
    for _ in range(n):
        t0 = clock()
        fn()
        out.append((clock() - t0) / 1000)
    return out


def _line(label: str, us: list[float]) -> str:
    us = sorted(us)
    p90 = us[int(len(us) * 0.9)]
    return f"  {label:<58} median {statistics.median(us):8.1f} µs   p90 {p90:8.1f} µs   (n={len(us)})"


def bench_pair(n: int = 20_000) -> None:
    print("apply + release pair through the kit (applyEfficiencyResources twice):")
    for label, apply in (("persistent CPU, released", CPU_PERSIST), ("timed CPU (10 s), released", CPU_TIMED)):
        emu = Emulator()
        bt = _sys_app(emu).backgroundTaskManager

        def pair() -> None:
            bt.applyEfficiencyResources(apply)
            bt.applyEfficiencyResources(CPU_RELEASE)

        print(_line(label + ", writes coalesced", _samples(pair, n)))
        store = emu.efficiency.store
        writes = store.writes
        t0 = time.perf_counter()
        for _ in range(1_000):
            pair()
        emu.advance(0)  # the clock settles: the coalesced state is written once
        per_pair = (time.perf_counter() - t0) / 1_000 * 1e6
        print(f"  {label + ', 1,000 pairs + the settling write':<58} {per_pair:8.1f} µs per pair "
              f"({store.writes - writes} write)")

    emu = Emulator()
    bt = _sys_app(emu).backgroundTaskManager

    def pair_written() -> None:
        bt.applyEfficiencyResources(CPU_PERSIST)
        emu.flush_state()
        bt.applyEfficiencyResources(CPU_RELEASE)
        emu.flush_state()

    print(_line("for comparison: the same pair writing after each change", _samples(pair_written, 2_000)))

    def write_only() -> None:
        emu.efficiency.store.file.dirty = True
        emu.flush_state()

    print(_line("one atomic write of resource_record (1 small record)", _samples(write_only, 2_000)))


def bench_expiry(apps: int = 10_000, types_per_app: int = 1) -> None:
    emu = Emulator()
    grants = 0
    mask = (1 << types_per_app) - 1
    t0 = time.perf_counter()
    for i in range(apps):
        app = _sys_app(emu, f"com.example.bench{i}")
        app.backgroundTaskManager.applyEfficiencyResources(
            {"resourceTypes": mask, "isApply": True, "timeOut": 60_000, "reason": "bench"})
        app.to_background()  # a CPU grant keeps it awake; when it ends the policy schedules a suspension
        grants += types_per_app
    setup = time.perf_counter() - t0
    emu.advance(1_000)  # settles: writes the 10,000 grants once
    writes = emu.efficiency.store.writes
    t0 = time.perf_counter()
    emu.advance(59_000)  # every grant ends now
    elapsed = time.perf_counter() - t0
    left = sum(len(r.units) for r in emu.efficiency.app_records.values())
    print(f"  {grants:,} timed grants ({apps:,} apps x {types_per_app} type(s)) expiring in one advance: "
          f"{elapsed:.3f} s ({elapsed / grants * 1e6:.1f} µs per grant; {left} left; "
          f"{emu.efficiency.store.writes - writes} write; setup {setup:.1f} s)")


def profile_pair(n: int = 20_000) -> None:
    emu = Emulator()
    bt = _sys_app(emu).backgroundTaskManager
    prof = cProfile.Profile()
    prof.enable()
    for _ in range(n):
        bt.applyEfficiencyResources(CPU_PERSIST)
        bt.applyEfficiencyResources(CPU_RELEASE)
    prof.disable()
    out = io.StringIO()
    pstats.Stats(prof, stream=out).sort_stats("tottime").print_stats(8)
    print("where a pair's time goes (cProfile, top 8 by own time; profiling inflates every figure):")
    for line in out.getvalue().splitlines():
        if line.strip() and ("{" in line or "/" in line or "ncalls" in line) and "function calls" not in line:
            print("  " + line.strip()[:150])


def main() -> None:
    print("bench_efficiency")
    bench_pair()
    print("expiry:")
    bench_expiry(10_000, 1)
    bench_expiry(1_112, 9)
    profile_pair()


if __name__ == "__main__":
    main()
