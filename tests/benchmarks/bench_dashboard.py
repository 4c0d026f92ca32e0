"""Dashboard benchmarks, each measured side by side with a bare Textual app in the same run.

    python -m tests.benchmarks.bench_dashboard [--seconds S] [--runs N]

1. Start-up to the first complete frame of the demo, against a bare app showing one Static
   (budget: at most 1.3 times the bare app). Printed with it: the dashboard's layout with every
   panel empty and no engine, what Textual alone needs to start that screen.
2. CPU with 1,000 live transient tasks counting down at ×1, against a bare app repainting a full
   screen of the same size at the same rate, 10 Hz (budget: at most 2 times).
3. Peak memory with 1,000 live tasks (budget: 150 MB or less): the probe's own high-water mark
   (VmHWM of /proc/self/status, which starts afresh at exec), not ru_maxrss, which a child inherits
   from the runner that forked it (the engine benchmarks run first and grow it past 200 MB).
4. Key press to the next complete frame, p50 and p95, with 1,000 live tasks (the cursor moving
   down the transient table), against the bare app moving a marker on its repainted screen
   (budget: p95 at most 50 ms and at most 1.5 times the bare app).

Every measurement runs in a fresh subprocess, headless, at 160×45. CPU is time.process_time()
over a fixed real interval after a warm-up. The figures are printed; nothing is asserted.

Start-up is compared like for like: Textual's modules were compiled to bytecode when pip
installed them, so the project's are compiled first too (as Python does on the first run,
unless PYTHONDONTWRITEBYTECODE is set, as it is on some CI machines). The figure from source,
with no bytecode at all for the project, is printed as well.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SIZE = (160, 45)
TASKS = 1_000
TICK = 0.1  # both apps repaint at 10 Hz

# Each probe prints one JSON object on its last line.
STARTUP = {
    "bare": """
        import time; t0 = time.perf_counter()
        from textual.app import App
        from textual.widgets import Static
        class Bare(App):
            def compose(self):
                yield Static("Hello")
        app = Bare()
        COMPLETE = lambda app: bool(app.query("Static"))
    """,
    "bgtui": """
        import time; t0 = time.perf_counter()
        from bgtui.app import make_app
        app = make_app(clock_running=False, watch_themes=False)
        def COMPLETE(app):
            # every panel has its rows or its hint, the header and the keys are drawn
            screen = app.screen
            tables = screen.query("SnapshotTable")
            return (len(tables) == 6 and screen.query_one("#apps").row_count == 5
                    and screen.query_one("#log").row_count > 0 and screen.query_one("KeyBar")._shown is not None
                    and isinstance(screen.query_one("DetailsPane")._shown, tuple))
    """,
}
# The dashboard's layout with nothing in it and no engine (the same containers, panels, classes and
# app.tcss): what Textual alone needs to start this screen, the floor under the dashboard's figure.
LAYOUT = """
    import time; t0 = time.perf_counter()
    from textual.app import App
    from textual.containers import Horizontal, Vertical
    from textual.screen import Screen
    from textual.scroll_view import ScrollView
    from textual.widgets import Static
    class Panel(ScrollView, can_focus=True):
        pass
    class Layout(Screen):
        def compose(self):
            with Vertical(id="top"):
                yield Static("clock", id="clock")
                yield Static(id="overrides")
                yield Static(id="rewind-banner")
            with Horizontal(id="body"):
                with Vertical(id="left"):
                    for table_id in ("apps", "transient", "continuous", "grants", "notifications"):
                        yield Panel(id=table_id, classes="panel")
                with Vertical(id="details", classes="panel"):
                    yield Static("details", id="details-body")
            yield Static(id="timeline", classes="panel")
            with Vertical(id="log-panel", classes="panel"):
                yield Panel(id="log")
            yield Static(id="too-small")
            yield Static("keys")
    class Empty(App):
        CSS_PATH = CSS
        def get_default_screen(self):
            return Layout()
    app = Empty()
    COMPLETE = lambda app: bool(app.screen.query("#log"))
"""
STARTUP_TAIL = """
    from textual.app import App
    first = {}
    display = App._display
    def _display(self, screen, renderable):
        # the first full-screen update handed to the driver is the first frame
        if renderable is not None and "ms" not in first:
            first["ms"] = (time.perf_counter() - t0) * 1000
            first["complete"] = COMPLETE(self)
        display(self, screen, renderable)
    App._display = _display
    async def settle(pilot):
        await pilot.pause()
        first["settled_ms"] = (time.perf_counter() - t0) * 1000
        print(json.dumps(first))
        await pilot.exit(None)
    app.run(headless=True, size=SIZE, auto_pilot=settle)
"""

LOAD = {
    "bare": """
        from textual.app import App
        from textual.widgets import Static
        class Bare(App):
            BINDINGS = [("down", "move", "")]
            def compose(self):
                yield Static(id="screenful")
            def on_mount(self):
                self.n = 0
                self.set_interval(TICK, self.repaint)
            def action_move(self):  # a key that changes what is shown, as the dashboard's cursor does
                self.repaint()
            def repaint(self):
                # a full screen of new text at every tick, as the dashboard repaints its countdowns
                self.n += 1
                w, h = SIZE
                line = f"{self.n:>8} " * (w // 9)
                self.query_one(Static).update("\\n".join(line[i % 9:][:w] for i in range(h)))
        app = Bare()
    """,
    "bgtui": """
        from bgtui.app import make_app
        from bgtui.demo import build_demo_emulator
        emu = build_demo_emulator()
        apps, left = [], TASKS
        while left > 0:
            app_ = emu.install_app(f"com.bench.app{len(apps)}", label=f"Bench {len(apps)}")
            for _ in range(min(3, left)):
                app_.backgroundTaskManager.requestSuspendDelay("bench", lambda: None)
                left -= 1
            app_.to_background()
            apps.append(app_)
        assert len(emu.snapshot().transient_tasks) == TASKS
        assert all(t.counting for t in emu.snapshot().transient_tasks)
        app = make_app(emu, clock_running=True, speed=1.0, watch_themes=False)
    """,
}
LOAD_TAIL = """
    import asyncio, resource
    async def measure(pilot):
        await pilot.pause()
        await asyncio.sleep(WARMUP)
        c0, w0 = time.process_time(), time.perf_counter()
        await asyncio.sleep(SECONDS)
        cpu, wall = time.process_time() - c0, time.perf_counter() - w0
        rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        try:  # this process's own peak: VmHWM starts afresh at exec, ru_maxrss does not
            with open("/proc/self/status") as status:
                rss_mb = next(int(l.split()[1]) for l in status if l.startswith("VmHWM:")) / 1024
        except (OSError, StopIteration):
            pass
        print(json.dumps({"cpu_percent": 100 * cpu / wall, "rss_mb": rss_mb}))
        await pilot.exit(None)
    app.run(headless=True, size=SIZE, auto_pilot=measure)
"""

# Counts the frames handed to the terminal (a probe's `frames`: their times), shared by the probes.
FRAMES = """
    from textual.app import App
    frames = []
    display = App._display
    def _display(self, screen, renderable):
        if renderable is not None:
            frames.append(time.perf_counter())  # a frame handed to the terminal
        display(self, screen, renderable)
    App._display = _display
"""

KEYS_TAIL = FRAMES + """
    import asyncio
    async def measure(pilot):
        await pilot.pause()
        if hasattr(app, "main_screen"):
            await pilot.press("2")  # the transient table: 1,000 rows
        await asyncio.sleep(WARMUP)
        latencies = []
        for i in range(PRESSES):
            await asyncio.sleep(0.05 + (i % 7) * 0.013)  # off the 10 Hz beat, at varied phases
            seen, t0 = len(frames), time.perf_counter()
            await pilot.press("down" if i % 40 < 20 else "up")
            while len(frames) == seen and time.perf_counter() - t0 < 1:
                await asyncio.sleep(0.001)
            latencies.append((frames[seen] - t0) * 1000 if len(frames) > seen else 1000.0)
        latencies.sort()
        p = lambda q: latencies[min(len(latencies) - 1, int(q * len(latencies)))]
        print(json.dumps({"p50": p(0.5), "p95": p(0.95)}))
        await pilot.exit(None)
    app.run(headless=True, size=SIZE, auto_pilot=measure)
"""


PACKAGES = ("bgtui", "emulator")


def compile_project() -> None:
    """Write the project's bytecode (__pycache__, ignored by git), as a first run would."""
    for package in PACKAGES:
        if not compileall.compile_dir(ROOT / package, quiet=1):
            raise RuntimeError(f"{package} does not compile")


def _probe(body: str, tail: str, *, cwd: Path = ROOT, env: dict[str, str] | None = None,
           **consts: object) -> dict[str, float]:
    header = "import json, time\n" + "".join(f"{k} = {v!r}\n" for k, v in consts.items())
    code = header + textwrap.dedent(body) + textwrap.dedent(tail)
    done = subprocess.run([sys.executable, "-c", code], cwd=cwd, capture_output=True, text=True, timeout=300,
                          env=env)
    if done.returncode != 0:
        raise RuntimeError(f"probe failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _startup_from_source(runs: int, consts: dict[str, object]) -> list[dict[str, float]]:
    """The dashboard's start-up with no bytecode for the project: a copy of it without __pycache__,
    run from its own folder with bytecode writing off, so every project module is compiled in
    memory at each start, while Textual keeps the bytecode pip wrote."""
    with tempfile.TemporaryDirectory() as copy:
        for folder in (*PACKAGES, "themes"):
            shutil.copytree(ROOT / folder, Path(copy) / folder, ignore=shutil.ignore_patterns("__pycache__"))
        env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
        tail = textwrap.dedent(STARTUP_TAIL) + (  # the copy is what ran
            "import bgtui, os\nassert bgtui.__file__.startswith(os.getcwd()), bgtui.__file__\n")
        return [_probe(STARTUP["bgtui"], tail, cwd=Path(copy), env=env, **consts) for _ in range(runs)]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=10.0, help="CPU measurement interval (default 10)")
    parser.add_argument("--runs", type=int, default=5, help="start-up runs of each app (default 5)")
    parser.add_argument("--load-runs", type=int, default=3, help="CPU/memory/key runs of each app (default 3)")
    parser.add_argument("--presses", type=int, default=100, help="key presses per key-latency run (default 100)")
    parser.add_argument("--startup-only", action="store_true", help="measure start-up only")
    args = parser.parse_args([] if argv is None else argv)  # the runner's own argv is not ours
    consts = {"SIZE": SIZE, "TICK": TICK, "TASKS": TASKS, "WARMUP": 2.0, "SECONDS": args.seconds}

    compile_project()
    probes = {**STARTUP, "layout": LAYOUT}
    startup: dict[str, list[dict[str, float]]] = {name: [] for name in probes}
    for _ in range(args.runs):  # interleaved, so a noisy moment hits all three
        for name, body in probes.items():
            startup[name].append(_probe(body, STARTUP_TAIL, **consts, CSS=str(ROOT / "bgtui/styles/app.tcss")))
    from_source = statistics.median(r["ms"] for r in _startup_from_source(args.runs, consts))
    start = {name: statistics.median(r["ms"] for r in runs) for name, runs in startup.items()}
    settled = {name: statistics.median(r["settled_ms"] for r in runs) for name, runs in startup.items()}
    complete = all(r["complete"] for r in startup["bgtui"])
    w, h = SIZE
    print(f"bgtui dashboard benchmarks: headless {w}x{h}, Python {sys.version.split()[0]}, "
          f"medians of {args.runs} start-up runs" + ("" if args.startup_only else
          f" and {args.load_runs} load runs of {args.seconds:g} s") + ", interleaved")
    print(f"{'':44}{'bare Textual':>14}{'bgtui':>10}{'ratio':>8}   budget")
    ratio = start["bgtui"] / start["bare"]
    print(f"{'start-up to the first complete frame (ms)':44}{start['bare']:>14.0f}{start['bgtui']:>10.0f}"
          f"{ratio:>7.2f}x   <= 1.3x {'ok' if ratio <= 1.3 else 'OVER'}"
          f"{'' if complete else '  (a first frame was NOT complete)'}")
    ratio = start["layout"] / start["bare"]
    print(f"{'  (its layout, empty, no engine) (ms)':44}{start['bare']:>14.0f}{start['layout']:>10.0f}"
          f"{ratio:>7.2f}x   Textual alone, for this screen")
    ratio = from_source / start["bare"]
    print(f"{'  (from source: no bytecode for bgtui) (ms)':44}{start['bare']:>14.0f}{from_source:>10.0f}"
          f"{ratio:>7.2f}x")
    ratio = settled["bgtui"] / settled["bare"]
    print(f"{'  (until idle, every later update done) (ms)':44}{settled['bare']:>14.0f}{settled['bgtui']:>10.0f}"
          f"{ratio:>7.2f}x")
    if args.startup_only:
        return
    loads: dict[str, list[dict[str, float]]] = {name: [] for name in LOAD}
    for _ in range(args.load_runs):  # interleaved too
        for name, body in LOAD.items():
            loads[name].append(_probe(body, LOAD_TAIL, **consts))
    load = {name: {key: statistics.median(r[key] for r in runs) for key in runs[0]} for name, runs in loads.items()}
    keys: dict[str, list[dict[str, float]]] = {name: [] for name in LOAD}
    for _ in range(args.load_runs):
        for name, body in LOAD.items():
            keys[name].append(_probe(body, KEYS_TAIL, **consts, PRESSES=args.presses))
    key = {name: {q: statistics.median(r[q] for r in runs) for q in ("p50", "p95")} for name, runs in keys.items()}

    cpu_bare, cpu = load["bare"]["cpu_percent"], load["bgtui"]["cpu_percent"]
    ratio = cpu / cpu_bare
    print(f"{f'CPU, {TASKS:,} live tasks at x1, 10 Hz (% of a core)':44}{cpu_bare:>14.1f}{cpu:>10.1f}"
          f"{ratio:>7.2f}x   <= 2x {'ok' if ratio <= 2 else 'OVER'}")
    rss_bare, rss = load["bare"]["rss_mb"], load["bgtui"]["rss_mb"]
    print(f"{f'peak memory, {TASKS:,} live tasks (MB, own VmHWM)':44}{rss_bare:>14.0f}{rss:>10.0f}{'':>8}"
          f"   <= 150 MB {'ok' if rss <= 150 else 'OVER'}")
    for q in ("p50", "p95"):
        bare_ms, ms = key["bare"][q], key["bgtui"][q]
        ratio = ms / bare_ms
        budget = f"   <= 50 ms and <= 1.5x {'ok' if ms <= 50 and ratio <= 1.5 else 'OVER'}" if q == "p95" else ""
        print(f"{f'key press to the next frame, {q} (ms)':44}{bare_ms:>14.1f}{ms:>10.1f}{ratio:>7.2f}x{budget}")


if __name__ == "__main__":
    main(sys.argv[1:])
