"""Benchmark: a scenario with 1,000 apps and a virtual day of transient-task activity, headless.

The scenario is generated as TOML text and goes through the same loader and runner as
`bgtui play FILE --format jsonl`. Each app, staggered over the first 10 minutes:
- every 15 min: opens, requests a transient task, cancels it 2 s later, leaves;
  the device suspends it 6 s later;
- every 12 h: opens, requests a task, leaves, and lets it run until the "about to time out"
  callback, where it cancels it (2 a day: with the screen-off drain, under the 10 min quota);
and the screen goes off for 5 min every 30 min, which starts every live task's countdown.

Prints the figures; asserts nothing (benchmarks never assert on time).
"""

from __future__ import annotations

import hashlib
import io
import os
import time

from emulator.scenario import ScenarioRun, load_text
from emulator.scenario.report import JsonlWriter

APPS = 1000
DAY = "1d"


def scenario_text(apps: int = APPS) -> str:
    out = ['[scenario]\nname = "bench-1000-apps-1-day"\nend = "1d"\n']
    for i in range(apps):
        out.append(f'[[apps]]\nbundle_name = "com.bench.app{i:04d}"\n')
    out.append('[[steps]]\nat = "0s"\nevery = "30m"\nuntil = "1d"\ndo = "device.screen_on"\nargs = [false]\n'
               '[[steps]]\nafter = "5m"\nevery = "30m"\nuntil = "1d"\ndo = "device.screen_on"\nargs = [true]\n')
    # Steps must be in time order in the file: emit each app's first runs sorted by time.
    steps: list[tuple[int, str]] = []
    for i in range(apps):
        app = f"com.bench.app{i:04d}"
        off = 10 * 60_000 + i * 600  # after the first screen toggle, 0.6 s apart
        name = f"job{i:04d}"
        steps += [
            (off, f'at = "{off}ms"\nevery = "15m"\nuntil = "1d"\napp = "{app}"\ndo = "app.foreground"\n'),
            (off, f'at = "{off}ms"\nevery = "15m"\nuntil = "1d"\napp = "{app}"\ncall = "requestSuspendDelay"\n'
                  f'args = ["sync", "$callback"]\nsave_as = "{name}"\n'),
            (off + 2000, f'at = "{off + 2000}ms"\nevery = "15m"\nuntil = "1d"\napp = "{app}"\n'
                         f'call = "cancelSuspendDelay"\nargs = ["${name}.requestId"]\n'),
            (off + 2000, f'at = "{off + 2000}ms"\nevery = "15m"\nuntil = "1d"\napp = "{app}"\ndo = "app.background"\n'),
            (off + 5000, f'at = "{off + 5000}ms"\nevery = "12h"\nuntil = "1d"\napp = "{app}"\ndo = "app.foreground"\n'),
            (off + 5000, f'at = "{off + 5000}ms"\nevery = "12h"\nuntil = "1d"\napp = "{app}"\n'
                         'call = "requestSuspendDelay"\nargs = ["upload", "$callback"]\non_callback = "cancel"\n'),
            (off + 5000, f'at = "{off + 5000}ms"\nevery = "12h"\nuntil = "1d"\napp = "{app}"\ndo = "app.background"\n'),
        ]
    steps.sort(key=lambda s: s[0])  # stable: file order kept among equal times
    out += [f"[[steps]]\n{body}" for _, body in steps]
    return "".join(out)


class _Count:
    """A sink that counts (to time the engine and runner without any output)."""

    def __init__(self) -> None:
        self.n = 0

    def __call__(self, entry: object) -> None:
        self.n += 1


def _run(text: str, sink) -> tuple[ScenarioRun, float, float, float]:
    t0 = time.perf_counter()
    sc = load_text(text, "bench.toml")
    t1, c1 = time.perf_counter(), time.process_time()
    run = ScenarioRun(sc, sink)
    run.run()
    return run, t1 - t0, time.perf_counter() - t1, time.process_time() - c1


def main() -> None:
    t0 = time.perf_counter()
    text = scenario_text()
    gen = time.perf_counter() - t0
    print(f"{APPS:,} apps, one virtual day: {text.count('[[steps]]'):,} step tables, {len(text) / 1e6:.1f} MB of TOML "
          f"(generated in {gen:.2f} s)")
    for label, jsonl in (("run, no output", False), ("run, JSONL to a file (play --format jsonl)", True)):
        target = open(os.devnull, "w", encoding="utf-8") if jsonl else None
        sink = JsonlWriter(target, batch=256) if target is not None else _Count()  # as `bgtui play` writes
        run, load_s, wall, cpu = _run(text, sink)
        if target is not None:
            sink.flush()
            target.close()
        engine, total = run.emu.events.total, run.entries
        print(f"{label}:")
        print(f"  load {load_s:.2f} s; run {wall:.2f} s wall, {cpu:.2f} s CPU; load + run {load_s + wall:.2f} s "
              f"(virtual {run.emu.now_ms / 3_600_000:.0f} h)")
        print(f"  {total:,} log entries = {engine:,} engine events + {total - engine:,} step entries; "
              f"{total / cpu:,.0f} entries/s and {engine / cpu:,.0f} engine events/s (CPU)")
        print(f"  {len(run.failures)} failures")
    # Determinism at scale: two JSONL runs of a 100-app day give the same bytes.
    digests = []
    for _ in range(2):
        buf = io.StringIO()
        ScenarioRun(load_text(scenario_text(100), "bench.toml"), JsonlWriter(buf)).run()
        digests.append(hashlib.sha256(buf.getvalue().encode()).hexdigest()[:16])
    print(f"determinism: a 100-app day twice gives {'the same' if digests[0] == digests[1] else 'DIFFERENT'} JSONL "
          f"(sha256 {digests[0]}...)")


if __name__ == "__main__":
    main()
