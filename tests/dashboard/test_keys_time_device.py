"""Pilot tests: the time and device keys change the engine, and the screen says so."""

from __future__ import annotations

from bgtui import ops
from bgtui.app import BgtuiApp
from bgtui.widgets.clock_bar import ClockBar
from bgtui.widgets.overrides_banner import OverridesBanner

from .conftest import UPLOADER, WIDE, Recorder


def header(app: BgtuiApp) -> str:
    return app.main_screen.query_one(ClockBar).render().plain


async def test_space_pauses_and_resumes_the_clock(app: BgtuiApp) -> None:
    async with app.run_test(size=WIDE) as pilot:
        assert "PAUSED" in header(app)
        await pilot.press("space")
        assert app.driver.running and "▶ ×1" in header(app)
        await pilot.press("space")
        assert not app.driver.running and "PAUSED" in header(app)


async def test_speed_keys(app: BgtuiApp) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("+", "+")
        assert app.driver.speed == 5.0
        await pilot.press("-", "-", "-")
        assert app.driver.speed == 0.5
        await pilot.press("space")
        assert "×0.5" in header(app)


async def test_step_skip_and_quota_reset_keys(app: BgtuiApp, toasts: Recorder) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("n")
        assert toasts.last().severity == "warning"  # nothing is scheduled on a fresh device
        await pilot.press(".")
        assert app.emu.now_ms == 1_000
        await pilot.press("m")
        assert app.emu.now_ms == 61_000
        assert "day 1 00:01:01.0" in header(app)
        uploader = app.emu.app(UPLOADER)
        ops.request_transient(app.recorder, uploader, "upload")
        uploader.to_background()
        due = app.emu.next_event_ms
        await pilot.press("n")
        assert app.emu.now_ms == due
        await pilot.press("D")
        assert app.emu.now_ms == app.emu.transient.next_reset_due_ms()
        assert header(app).startswith("day 2")


async def test_battery_keys_and_form(app: BgtuiApp) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("[", "[")
        assert app.emu.device.battery_level == 80
        await pilot.press("]")
        assert app.emu.device.battery_level == 90
        await pilot.press("B")
        await pilot.press("end", "backspace", "backspace", "backspace", "x")  # restricted: digits only
        assert app.screen.query_one("#level").value == ""
        assert app.screen.query_one("#ok").disabled  # validates as you type
        await pilot.press("1", "5", "enter")
        assert app.emu.device.battery_level == 15 and app.emu.device.battery_low
        assert "battery 15%" in header(app) and "low" in header(app)


async def test_charging_screen_device_type_service(app: BgtuiApp) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("c")
        assert app.emu.device.charging and "charging" in header(app)
        await pilot.press("v")
        assert not app.emu.device.screen_on and "screen off" in header(app)
        await pilot.press("d", "down", "down", "enter")
        assert app.emu.device.device_type == "2in1" and "2in1" in header(app)
        await pilot.press("N")
        assert not app.emu.service_ready and "NOT READY" in header(app)


async def test_overrides_banner_and_reset(app: BgtuiApp, toasts: Recorder) -> None:
    async with app.run_test(size=WIDE) as pilot:
        banner = app.main_screen.query_one(OverridesBanner)
        assert not banner.display
        await pilot.press("[", "v", "N")
        assert banner.display
        text = banner.render().plain
        assert "battery 90%" in text and "screen off" in text and "service not ready" in text
        await pilot.press("R")
        assert app.emu.snapshot().overrides == () and not banner.display
        assert toasts.last().title == "Device reset"


async def test_fault_injection_form_then_the_refusal_toast(app: BgtuiApp, toasts: Recorder) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("F")
        # requestSuspendDelay is the default kit function; code 9800003, once
        fn = app.screen.query_one("#function").value
        await pilot.press("enter")
        assert app.emu.snapshot().faults and fn in app.emu.snapshot().faults[0]
        if fn == "requestSuspendDelay":
            await pilot.press("t", "enter")
            toast = toasts.last()
            assert toast.severity == "error" and "9800003" in toast.title and "BussinessError 98000" in toast.message
