"""Above x10 the dashboard redraws at every second tick (5 Hz); virtual time still runs in full."""

from __future__ import annotations

from bgtui.app import BgtuiApp
from bgtui.clock_driver import ClockDriver

from .conftest import WIDE


class Clock:
    now = 0.0

    def __call__(self) -> float:
        return self.now


async def ticks(app: BgtuiApp, speed: float, n: int) -> list[int]:
    """The virtual times the snapshot showed over `n` ticks, 0.125 s of real time apart (exact in binary)."""
    real = Clock()
    app.driver = ClockDriver(app.emu, running=True, speed=speed, monotonic=real)
    app._ticks = 0
    shown = []
    for _ in range(n):
        real.now += 0.125
        before = app.snapshot
        app.tick()
        if app.snapshot is not before:
            shown.append(app.snapshot.now_ms)
    return shown


async def test_at_x100_every_second_tick_redraws_and_time_runs_in_full(app: BgtuiApp) -> None:
    async with app.run_test(size=WIDE):
        app._ticker.pause()  # the test moves the clock itself
        start = app.emu.now_ms
        shown = await ticks(app, 100.0, 6)
        assert [t - start for t in shown] == [25_000, 50_000, 75_000]  # every second tick, 25 virtual s each
        assert app.emu.now_ms - start == 75_000


async def test_at_x10_and_below_every_tick_redraws(app: BgtuiApp) -> None:
    async with app.run_test(size=WIDE):
        app._ticker.pause()
        start = app.emu.now_ms
        shown = await ticks(app, 10.0, 4)
        assert [t - start for t in shown] == [1_250, 2_500, 3_750, 5_000]
