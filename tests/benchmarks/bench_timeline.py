"""Timeline and rewind benchmarks.

    python -m tests.benchmarks.bench_timeline [--seconds S] [--no-day]

1. Rewind, key to the complete frame: the demo device with 20 more apps at work for an hour (each
   requests, cancels, starts and stops tasks and moves between foreground and background every
   few minutes, all through the recorder), the timeline at 1 min a cell; from a rewound moment,
   shift+right to the next minute (back: from the nearest checkpoint, bgtui.checkpoints, played on;
   forward: the replay plays on). The first rewind, before checkpoints exist, is printed too.
   Budget: 250 ms. The same for a 24-hour session is printed too (no budget).
2. CPU with the timeline on screen and 1,000 live tasks at x1, 10 Hz, against the bare Textual
   repaint of bench_dashboard (budget: at most 2 times); the dashboard without the timeline too.

Headless, 160x45, each measurement in a fresh subprocess. The figures are printed; nothing is asserted.
"""

from __future__ import annotations

import argparse
import statistics
import sys

from tests.benchmarks.bench_dashboard import FRAMES, LOAD, LOAD_TAIL, SIZE, TASKS, TICK, _probe, compile_project

REWIND = """
    import asyncio, statistics
    from bgtui import ops
    from bgtui.app import make_app
    from bgtui.demo import build_demo_emulator
    from bgtui.timeline.grid import ZOOMS
    KEEP = "ohos.permission.KEEP_BACKGROUND_RUNNING"
    emu = build_demo_emulator()
    names = [emu.install_app(f"com.bench.app{i}", label=f"Bench {i}", permissions=[KEEP],
                             background_modes=["audioPlayback"]).bundle_name for i in range(20)]
    app = make_app(emu, clock_running=False, watch_themes=False)
    rec = app.recorder
    t0 = time.perf_counter()
    ids = {}
    for minute in range(HOURS * 60):
        for i, name in enumerate(names):
            if (minute + i) % 3:
                continue  # each app acts every 3 minutes, the apps staggered
            step = (minute + i) // 3 % 6
            a = emu.app(name)
            try:
                if step == 0:
                    ids[name] = ops.request_transient(rec, a, "sync").requestId
                elif step == 1:
                    ops.app_background(rec, a)
                elif step == 2:
                    ops.cancel_transient(rec, a, ids.get(name, 0))
                elif step == 3:
                    ops.start_continuous(rec, a, ["audioPlayback"])
                elif step == 4:
                    ops.app_foreground(rec, a)
                else:
                    ops.stop_continuous(rec, a)
            except Exception:
                pass  # a refusal is recorded too
        emu.advance(60_000)
    built_s = time.perf_counter() - t0
""" + FRAMES + """
    async def measure(pilot):
        await pilot.press("ctrl+t")
        app.rewind.zoom = ZOOMS.index(60_000)  # 1 min a cell: shift+right moves one minute
        await pilot.pause()
        assert app.rewind.scale_ms == 60_000, app.rewind.scale_ms
        end = emu.now_ms
        back, forward = [], []
        async def shown(k0):
            done = time.perf_counter()
            await pilot.pause()
            while not frames or frames[-1] < done:
                await pilot.pause(0.01)
            return (next(f for f in frames if f >= done) - k0) * 1000
        k0 = time.perf_counter()
        await app.main_screen.rewind_to(int(end * 0.98) // 60_000 * 60_000)  # cold: no checkpoint yet
        cold = await shown(k0)
        k0 = time.perf_counter()
        while app.rewind.points.build(0.02):  # what the idle slices do, all at once
            await pilot.pause()
        built = time.perf_counter() - k0
        for frac in (0.1, 0.3, 0.5, 0.7, 0.9, 0.98):
            at = int(end * frac) // 60_000 * 60_000
            await app.main_screen.rewind_to(at)
            await pilot.pause()
            while not app.rewind.points.ready:  # the checkpoint handed out, made again while idle
                await pilot.pause(0.02)
            for key, times, want in (("shift+left", back, at - 60_000), ("shift+right", forward, at)):
                k0 = time.perf_counter()
                await pilot.press(key)  # back: from a checkpoint, fresh panels; forward: the replay plays on
                times.append(await shown(k0))  # the action has run: the next frame shows the moment
                assert app.rewind.at_ms == want and app.snapshot.now_ms == want, (app.rewind.at_ms, want)
        print(json.dumps({"cold_ms": cold, "checkpoints": len(app.rewind.points), "build_s": built,
                          "back_median_ms": statistics.median(back), "back_max_ms": max(back),
                          "forward_median_ms": statistics.median(forward), "forward_max_ms": max(forward),
                          "steps": len(rec), "events": emu.events.total, "built_s": built_s}))
        await pilot.exit(None)
    app.run(headless=True, size=SIZE, auto_pilot=measure)
"""

TIMELINE_TAIL = LOAD_TAIL.replace("await pilot.pause()\n", "await pilot.press('ctrl+t')\n        await pilot.pause()\n", 1)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=10.0, help="CPU measurement interval (default 10)")
    parser.add_argument("--load-runs", type=int, default=3, help="CPU runs of each app (default 3)")
    parser.add_argument("--no-day", action="store_true", help="skip the 24-hour session")
    args = parser.parse_args([] if argv is None else argv)
    consts = {"SIZE": SIZE, "TICK": TICK, "TASKS": TASKS, "WARMUP": 2.0, "SECONDS": args.seconds}
    compile_project()
    hour = _probe(REWIND, "", SIZE=SIZE, HOURS=1)
    day = None if args.no_day else _probe(REWIND, "", SIZE=SIZE, HOURS=24)
    runs: dict[str, list[float]] = {"bare": [], "dashboard": [], "timeline": []}
    for _ in range(args.load_runs):  # interleaved, so a noisy moment hits all three
        runs["bare"].append(_probe(LOAD["bare"], LOAD_TAIL, **consts)["cpu_percent"])
        runs["dashboard"].append(_probe(LOAD["bgtui"], LOAD_TAIL, **consts)["cpu_percent"])
        runs["timeline"].append(_probe(LOAD["bgtui"], TIMELINE_TAIL, **consts)["cpu_percent"])
    cpu = {k: statistics.median(v) for k, v in runs.items()}

    w, h = SIZE
    print(f"bgtui timeline benchmarks: headless {w}x{h}, Python {sys.version.split()[0]}")
    for name, r in (("1-hour", hour), ("24-hour", day)):
        if r is None:
            continue
        worst = max(r["back_max_ms"], r["forward_max_ms"])
        budget = "   <= 250 ms " + ("ok" if worst <= 250 else "OVER") if name == "1-hour" else ""
        print(f"rewind, key to complete frame, {name} session ({r['steps']:,} actions, {r['events']:,} events, "
              f"played live in {r['built_s']:.1f} s): one minute back median {r['back_median_ms']:.0f} ms, "
              f"worst {r['back_max_ms']:.0f} ms; forward median {r['forward_median_ms']:.0f} ms, worst "
              f"{r['forward_max_ms']:.0f} ms{budget}")
        print(f"    the first rewind, before any checkpoint (a replay from 0:00): {r['cold_ms']:.0f} ms; then "
              f"{r['checkpoints']} checkpoints built in {r['build_s'] * 1000:.0f} ms of idle time")
    ratio = cpu["timeline"] / cpu["bare"]
    print(f"CPU, {TASKS:,} live tasks at x1, 10 Hz (% of a core): bare Textual {cpu['bare']:.1f}, dashboard "
          f"{cpu['dashboard']:.1f}, with the timeline {cpu['timeline']:.1f}: {ratio:.2f}x bare   <= 2x "
          f"{'ok' if ratio <= 2 else 'OVER'}")


if __name__ == "__main__":
    main(sys.argv[1:])
