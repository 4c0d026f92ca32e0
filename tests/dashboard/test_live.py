"""`bgtui FILE`: the dashboard plays a scenario at its times under its own clock controls."""

from __future__ import annotations

from pathlib import Path

from emulator.scenario import load

from bgtui.app import BgtuiApp
from bgtui.clock_driver import ClockDriver
from bgtui.session import Session
from bgtui.widgets.clock_bar import ClockBar

from .conftest import WIDE, Recorder, shown
from .live_files import UPLOAD, live_app, write_scenario


def header(app) -> str:  # type: ignore[no-untyped-def]
    return app.main_screen.query_one(ClockBar).render().plain


async def test_the_steps_play_as_the_clock_moves(tmp_path: Path) -> None:
    app = live_app(write_scenario(tmp_path))
    toasts = Recorder(app)
    async with app.run_test(size=WIDE) as pilot:
        emu = app.emu
        assert emu.now_ms == 0 and emu.device.battery_level == 80  # [device] and [[apps]] are set up
        assert "▸ live-test" in header(app) and app.title == "bgtui · live-test"
        assert "No transient tasks" in shown(app, "transient")  # the step at 0 s is due, not run yet
        await pilot.press("n")  # the steps due at 0 s
        (task,) = emu.snapshot().transient_tasks
        assert task.bundle_name == UPLOAD and "Uploader" in shown(app, "transient")
        assert "paused: in foreground" in shown(app, "transient")
        await pilot.press("n")  # 2 s: the app goes to the background
        assert emu.now_ms == 2_000 and emu.app(UPLOAD).state.value == "background"
        assert "counting" in shown(app, "transient") and "▼ background" in shown(app, "apps")
        await pilot.press("n")  # 10 s: the check holds
        assert emu.now_ms == 10_000 and app.session.run.checked == 1 and app.session.failures == 0
        await pilot.press("m")  # past the scenario's end
        assert "✓ ended" in header(app)
        assert not [t for t in toasts.toasts if t.severity == "error"]


async def test_a_failed_expectation_is_a_toast_with_expected_got_and_time(tmp_path: Path) -> None:
    path = write_scenario(tmp_path, expect_state="suspended")
    app = live_app(path)
    toasts = Recorder(app)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("m")  # the clock moves a minute: every step runs
        (toast,) = [t for t in toasts.toasts if t.severity == "error"]
        assert toast.title == "Scenario: expectation failed"
        assert "00:00:10.000" in toast.message and f"{path}:25" in toast.message
        assert "expected: suspended" in toast.message and "got: background" in toast.message
        assert "✗ 1 failed" in header(app)
        await pilot.press("m")
        assert len([t for t in toasts.toasts if t.severity == "error"]) == 1  # said once


class FakeMonotonic:
    now = 0.0

    def __call__(self) -> float:
        return self.now


async def test_the_running_clock_plays_a_demo_at_its_speed() -> None:
    session, mono = Session.of_scenario(load("demo:upload-timeout")), FakeMonotonic()
    app = BgtuiApp(session.emu, ClockDriver(session.emu, running=False, monotonic=mono), session=session)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press(*["+"] * 7, "space")  # ×100, running
        mono.now = 1.9  # 1.9 s of real time at ×100: the scenario's 3 min 10 s
        app.tick()
        app.tick()  # above ×10 the app acts on every second tick (5 Hz): which one depends on the interval timer
        await pilot.pause()
        assert app.emu.now_ms == 190_000 and app.session.ended and app.session.failures == 0
        assert app.emu.app("com.example.upload").state.value == "dead"  # the device terminated it
        assert "transient.force_cancelled" in shown(app, "log") and "✓ ended" in header(app)
