"""The dashboard under load: 50 busy apps at x1 and at x100.

    python -m tests.benchmarks.bench_busy [--seconds S] [--runs N]

The demo device with 50 more apps whose own code, on the virtual clock, every 10 virtual seconds
(staggered) requests a transient task, goes to the background, cancels it, starts and stops a
continuous task, comes back to the foreground: a stream of events, table rows that come and go,
countdowns everywhere. Printed, side by side in one run:

- the dashboard's CPU (% of one core, time.process_time over a real interval) at x1 and x100;
  goal at x100: at most 25 %;
- how often the countdowns are redrawn (frames handed to the terminal per second); at least 4;
- the engine alone for the same virtual time as the x100 run (no dashboard): its CPU share.

Headless, 160x45, each measurement in a fresh subprocess; nothing is asserted.
"""

from __future__ import annotations

import argparse
import statistics
import sys

from tests.benchmarks.bench_dashboard import FRAMES, SIZE, _probe, compile_project

BUSY = """
    from emulator.kit import wantAgent
    from bgtui.demo import build_demo_emulator
    KEEP = "ohos.permission.KEEP_BACKGROUND_RUNNING"
    emu = build_demo_emulator()

    def busy(app, i):
        kit = app.backgroundTaskManager
        agent = wantAgent.getWantAgent({"wants": [{"bundleName": app.bundle_name, "abilityName": "EntryAbility"}],
                                        "actionType": wantAgent.OperationType.START_ABILITY, "requestCode": 0,
                                        "wantAgentFlags": []}).result()
        state = {"n": i, "id": 0}
        def act():
            step = state["n"] % 6
            state["n"] += 1
            try:
                if not app.alive:
                    app.to_foreground()  # relaunched
                elif step == 0:
                    state["id"] = kit.requestSuspendDelay("busy", lambda: None).requestId
                elif step == 1:
                    app.to_background()
                elif step == 2:
                    kit.cancelSuspendDelay(state["id"])
                elif step == 3:
                    kit.startBackgroundRunning(app.context, kit.BackgroundMode.AUDIO_PLAYBACK, agent)
                elif step == 4:
                    kit.stopBackgroundRunning(app.context)
                else:
                    app.to_foreground()
            except Exception:
                pass  # a refusal is part of the load
            emu.clock.call_later(EVERY_MS, act, "busy app")
        emu.clock.call_later(1_000 * (i + 1), act, "busy app")

    for i in range(APPS):
        busy(emu.install_app(f"com.busy.app{i}", label=f"Busy {i}", permissions=[KEEP],
                             background_modes=["audioPlayback"]), i)
"""

DASHBOARD = BUSY + """
    import asyncio
    from bgtui.app import make_app
    app = make_app(emu, clock_running=True, speed=SPEED, watch_themes=False)
""" + FRAMES + """
    async def measure(pilot):
        await pilot.pause()
        await asyncio.sleep(WARMUP)
        c0, w0, v0, f0 = time.process_time(), time.perf_counter(), emu.now_ms, len(frames)
        await asyncio.sleep(SECONDS)
        cpu, wall = time.process_time() - c0, time.perf_counter() - w0
        print(json.dumps({"cpu_percent": 100 * cpu / wall, "frames_per_s": (len(frames) - f0) / wall,
                          "virtual_ms": emu.now_ms - v0}))
        await pilot.exit(None)
    app.run(headless=True, size=SIZE, auto_pilot=measure)
"""

ENGINE = BUSY + """
    emu.advance(int(WARMUP * 1000 * SPEED))
    c0 = time.process_time()
    for _ in range(int(SECONDS * 10)):  # as the dashboard's 10 Hz clock does, without drawing anything
        emu.advance(int(100 * SPEED))
        emu.snapshot()
    cpu = time.process_time() - c0
    print(json.dumps({"cpu_percent": 100 * cpu / SECONDS}))
"""


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=10.0, help="measurement interval (default 10)")
    parser.add_argument("--runs", type=int, default=3, help="runs of each measurement (default 3)")
    args = parser.parse_args([] if argv is None else argv)
    compile_project()
    consts = {"SIZE": SIZE, "APPS": 50, "EVERY_MS": 10_000, "WARMUP": 3.0, "SECONDS": args.seconds}
    runs: dict[str, list[dict[str, float]]] = {"x1": [], "x100": [], "engine": []}
    for _ in range(args.runs):  # interleaved, so a noisy moment hits all three
        runs["x1"].append(_probe(DASHBOARD, "", SPEED=1.0, **consts))
        runs["x100"].append(_probe(DASHBOARD, "", SPEED=100.0, **consts))
        runs["engine"].append(_probe(ENGINE, "", SPEED=100.0, **consts))

    def med(name: str, key: str) -> float:
        return statistics.median(r[key] for r in runs[name])

    w, h = SIZE
    print(f"bgtui under load: 50 busy apps on the demo device, headless {w}x{h}, Python {sys.version.split()[0]}, "
          f"median of {args.runs}")
    for name in ("x1", "x100"):
        cpu, fps = med(name, "cpu_percent"), med(name, "frames_per_s")
        goal = (f"   <= 25 % {'ok' if cpu <= 25 else 'OVER'}; >= 4 redraws/s {'ok' if fps >= 4 else 'UNDER'}"
                if name == "x100" else "")
        print(f"dashboard at {name}: CPU {cpu:.1f} % of a core, {fps:.1f} frames/s, "
              f"{med(name, 'virtual_ms') / args.seconds / 1000:.0f} virtual s per s{goal}")
    print(f"engine alone, the same virtual time as x100 at 10 Hz: CPU {med('engine', 'cpu_percent'):.1f} % of a core")


if __name__ == "__main__":
    main(sys.argv[1:])
