"""Presenter mode (--readonly): every world-changing key, palette entry and footer click is refused
with one message; time controls, views and saving still work."""

from __future__ import annotations

from pathlib import Path

import pytest

from bgtui.app import BgtuiApp, make_app
from bgtui.keymap import ACTIONS
from bgtui.presenter import PRESENTER_MESSAGE
from bgtui.widgets.clock_bar import ClockBar
from bgtui.widgets.key_bar import KeyBar
from .conftest import UPLOADER, WIDE, Recorder, select_app

WORLD_ACTIONS = [a for a in ACTIONS if a.changes_world]
OPEN_ACTIONS = {a.action for a in ACTIONS if not a.changes_world}


@pytest.fixture
def presenter() -> BgtuiApp:
    return make_app(clock_running=False, watch_themes=False, readonly=True)


def test_time_views_and_saving_stay_open_and_everything_else_changes_the_world() -> None:
    # Others add actions: a new one changes the world unless its section is Time, View or Session (or
    # another that keymap opens), and the two tests below check both kinds by what they do.
    assert {"help", "toggle_clock", "faster", "slower", "step", "skip_second", "skip_minute", "jump_quota_reset",
            "filter_log", "toggle_follow", "toggle_log_pause", "toggle_details", "save_session"} <= OPEN_ACTIONS
    assert {"request_transient", "app_background", "inject_fault", "reset_overrides", "battery_set",
            "swipe_notification", "system_stop", "toggle_service"} <= {a.action for a in WORLD_ACTIONS}


async def test_every_open_action_records_nothing(app: BgtuiApp) -> None:
    """An action presenter mode allows must not change the world: run each, nothing is recorded."""
    async with app.run_test(size=WIDE) as pilot:
        await select_app(pilot, app, UPLOADER)
        for spec in ACTIONS:
            if spec.action in OPEN_ACTIONS:
                await app.run_action(spec.action, app.main_screen)
                await pilot.pause()
                while len(app.screen_stack) > 1:
                    await app.pop_screen()
        assert len(app.recorder) == 0


@pytest.mark.parametrize("spec", WORLD_ACTIONS, ids=lambda s: s.action)
async def test_each_world_key_is_refused_with_one_message(presenter: BgtuiApp, spec) -> None:
    toasts = Recorder(presenter)
    async with presenter.run_test(size=WIDE) as pilot:
        await select_app(pilot, presenter, UPLOADER)
        events = len(presenter.emu.events)
        await pilot.press(spec.key.split(",")[0])
        await pilot.pause()
        assert [t.message for t in toasts.toasts] == [PRESENTER_MESSAGE]
        assert toasts.last().title == "Refused" and toasts.last().severity == "warning"
        # from the palette, and a click on the footer's key
        await presenter.main_screen.run_action(spec.action)
        await presenter.run_action(f"screen.{spec.action}", presenter.main_screen.query_one(KeyBar))
        await pilot.pause()
        assert [t.message for t in toasts.toasts] == [PRESENTER_MESSAGE] * 3
        assert len(presenter.screen_stack) == 1  # no form opened
        assert len(presenter.recorder) == 0 and len(presenter.emu.events) == events


async def test_time_controls_views_and_saving_still_work(presenter: BgtuiApp, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    async with presenter.run_test(size=WIDE) as pilot:
        now = presenter.emu.now_ms
        await pilot.press(".", "m")
        assert presenter.emu.now_ms == now + 61_000
        await pilot.press("space")
        assert presenter.driver.running
        await pilot.press("space", "+")
        assert not presenter.driver.running and presenter.driver.speed == 2
        await pilot.press("/")
        assert presenter.focused is not None and presenter.focused.id == "log-filter"
        await pilot.press("escape", "?")
        assert type(presenter.screen).__name__ == "HelpScreen"
        await pilot.press("escape", "ctrl+s", "enter")
        assert (tmp_path / "session.toml").is_file()


async def test_the_title_and_the_header_say_presenter_mode(presenter: BgtuiApp) -> None:
    async with presenter.run_test(size=WIDE):
        assert presenter.title == "bgtui · presenter mode"
        assert "PRESENTER" in str(presenter.main_screen.query_one(ClockBar).render())


def test_bgtui_file_readonly_opens_presenter_mode(monkeypatch: pytest.MonkeyPatch) -> None:
    from bgtui import cli

    made: dict[str, object] = {}

    class Stop(Exception):
        pass

    def fake_make_app(**kwargs: object) -> None:
        made.update(kwargs)
        raise Stop

    monkeypatch.setattr("bgtui.app.make_app", fake_make_app)
    with pytest.raises(Stop):
        cli.main(["demo:upload-timeout", "--readonly"])
    assert made["readonly"] is True and made["save_dir"] is None and made["served"] is False
