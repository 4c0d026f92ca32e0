"""A modal stops the virtual clock; the keys belong to the screen in front; the header shows the speed
when paused. Real time is faked (a ClockDriver over a hand-moved monotonic clock): nothing sleeps."""

from __future__ import annotations

import pytest

from bgtui.app import BgtuiApp, make_app
from bgtui.clock_driver import ClockDriver
from bgtui.screens.form import FormScreen
from bgtui.widgets.clock_bar import ClockBar
from bgtui.widgets.key_bar import KeyBar

from .conftest import UPLOADER, Recorder, select_app

SIZES = [(80, 24), (120, 40)]


class FakeTime:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def running_app(speed: float) -> tuple[BgtuiApp, FakeTime]:
    app = make_app(clock_running=False, watch_themes=False)
    fake = FakeTime()
    app.driver = ClockDriver(app.emu, running=True, speed=speed, monotonic=fake)
    return app, fake


def header(app: BgtuiApp) -> str:
    return app.main_screen.query_one(ClockBar).render().plain


@pytest.mark.parametrize("size", SIZES)
async def test_typing_in_a_form_does_not_spend_the_5_s_window(size: tuple[int, int]) -> None:
    app, fake = running_app(speed=5)
    toasts = Recorder(app)
    async with app.run_test(size=size) as pilot:
        await select_app(pilot, app, UPLOADER)
        await pilot.press("b")
        fake.now += 0.8  # 4 s of virtual time in the background
        app.tick()
        await pilot.press("t")
        form = app.screen
        assert isinstance(form, FormScreen)
        assert app.driver.held == "form open" and app.driver.running
        stopped_at = app.emu.now_ms
        assert "PAUSED ×5 (form open)" in header(app)
        fake.now += 3.0  # three seconds of typing: 15 s at ×5 if the clock ran
        app.tick()
        await pilot.press(*"sync")
        assert app.emu.now_ms == stopped_at
        assert not any("requests are allowed within" in note for note in form.notes())
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is app.main_screen and app.driver.held is None
        task = app.snapshot.transient_tasks[-1]
        assert (task.bundle_name, task.reason) == (UPLOADER, "sync")  # the reason field starts selected: typing replaces it
        assert not [t for t in toasts.toasts if t.severity == "error"]
        assert "▶ ×5" in header(app)
        fake.now += 1.0  # time runs again from where it stopped, not counting the time held
        app.tick()
        assert app.emu.now_ms == stopped_at + 5000


async def test_a_paused_clock_stays_paused_after_a_form() -> None:
    app = make_app(clock_running=False, watch_themes=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("t")
        assert "PAUSED ×1 (form open)" in header(app)
        await pilot.press("escape")
        await pilot.pause()
        assert not app.driver.running and app.driver.held is None
        assert "PAUSED ×1" in header(app) and "form open" not in header(app)


async def test_help_and_palette_stop_the_clock_too() -> None:
    app, _fake = running_app(speed=1)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert app.driver.held == "help open"
        await pilot.press("escape")
        await pilot.pause()
        assert app.driver.held is None
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert app.driver.held == "palette open"
        await pilot.press("escape")
        await pilot.pause()
        assert app.driver.held is None and app.driver.running


@pytest.mark.parametrize("size", SIZES)
async def test_ctrl_s_in_a_form_sends_nothing(size: tuple[int, int]) -> None:
    app = make_app(clock_running=False, watch_themes=False)
    async with app.run_test(size=size) as pilot:
        await pilot.press("t")
        await pilot.press("ctrl+s", "x", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        assert len(app.recorder) == 0 and app.snapshot.transient_tasks == ()
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is app.main_screen and len(app.recorder) == 0


@pytest.mark.parametrize("size", SIZES)
async def test_the_footer_shows_the_keys_of_the_form(size: tuple[int, int]) -> None:
    app = make_app(clock_running=False, watch_themes=False)
    async with app.run_test(size=size) as pilot:
        await pilot.press("t")
        await pilot.pause()
        footer = app.screen.query_one(KeyBar)
        assert {action for _key, _display, action, _on, _label in footer._shown} == \
            {"submit", "cancel", "app.focus_next"}
        text = footer.render().plain
        assert "OK" in text and "esc Cancel" in text and "tab Next field" in text and "palette" not in text


async def test_the_header_shows_the_speed_while_paused(app: BgtuiApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("+", "+")
        assert "PAUSED ×5" in header(app)
        await pilot.press("-")
        assert "PAUSED ×2" in header(app)


@pytest.mark.parametrize("keys", [["5", "e"], ["1", "s"], ["t"], ["d"], ["F"]])
@pytest.mark.parametrize("size", SIZES)
async def test_every_form_keeps_its_buttons_in_view(size: tuple[int, int], keys: list[str]) -> None:
    app = make_app(clock_running=False, watch_themes=False)
    async with app.run_test(size=size) as pilot:
        await pilot.press(*keys)
        await pilot.pause()
        form = app.screen
        assert isinstance(form, FormScreen)
        frame = form.query_one("#form").region
        footer = form.query_one(KeyBar).region
        assert frame.bottom <= footer.y, "the form's frame lands on the footer"
        for button_id in ("#ok", "#cancel"):
            button = form.query_one(button_id).region
            assert button.height == 3 and frame.y < button.y and button.bottom <= frame.bottom - 1
