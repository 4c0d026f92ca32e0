"""Pilot tests of the view: log filter, follow and freeze, details, help, palette, panels, narrow layout."""

from __future__ import annotations

from bgtui import ops
from bgtui.app import BgtuiApp
from bgtui.keymap import ACTIONS
from bgtui.screens.help import HelpScreen
from bgtui.screens.transient_form import TransientForm
from bgtui.widgets.details import DetailsPane
from bgtui.widgets.event_log import EventLog

from .conftest import UPLOADER, WIDE, select_app, shown


def details_text(app: BgtuiApp) -> str:
    return app.main_screen.query_one(DetailsPane).query_one("#details-body").render().plain


async def test_filter_the_log_with_slash(app: BgtuiApp) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("[")  # a device event
        await pilot.press("/")
        await pilot.press(*"app:upload")
        lines = shown(app, "log").splitlines()[1:]
        assert lines and all("Uploader" in line for line in lines)
        await pilot.press("enter")  # keeps the filter
        log = app.main_screen.query_one(EventLog)
        assert log.query == "app:upload" and log.has_focus
        assert "filter: app:upload" in app.main_screen.query_one("#log-panel").border_subtitle
        await pilot.press("/", "escape")  # clears it
        assert log.query == "" and "device.battery" in shown(app, "log")


async def test_follow_and_freeze_the_log(app: BgtuiApp) -> None:
    async with app.run_test(size=WIDE) as pilot:
        log = app.main_screen.query_one(EventLog)
        assert log.follow
        await pilot.press("l")
        assert not log.follow
        await pilot.press("l", "p")
        assert log.frozen
        rows = log.row_count
        await pilot.press("[", "[")
        assert log.row_count == rows and log.held == 2
        assert "FROZEN, 2 held" in app.main_screen.query_one("#log-panel").border_subtitle
        assert app.emu.device.battery_level == 80  # the world went on
        await pilot.press("p")
        assert log.row_count == rows + 2 and log.cursor_key == app.emu.events.latest().seq


async def test_details_of_the_selected_row(app: BgtuiApp) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await select_app(pilot, app, UPLOADER)
        text = details_text(app)
        assert "App Uploader" in text and "com.example.uploader" in text and "History" in text
        await pilot.press("t", "enter", "b", "2")
        text = details_text(app)
        assert "Transient task 1" in text and "3 min (actualDelayTime)" in text
        assert "Counting: callback in 2:54.0." in text and "transient.requested" in text
        assert "device policy acts: terminate" in text
        await pilot.press("6", "end")
        assert "Event " in details_text(app) and "kind" in details_text(app)


async def test_help_and_panels_and_palette(app: BgtuiApp) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("?")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        for number, table in enumerate(("apps", "transient", "continuous", "grants", "notifications", "log"), 1):
            await pilot.press(str(number))
            assert app.focused is not None and app.focused.id == table
        await pilot.press("ctrl+p")
        await pilot.press(*"request a transient")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, TransientForm)


async def test_every_action_is_bound_and_listed_in_the_palette(app: BgtuiApp) -> None:
    from bgtui.commands import ActionsProvider

    async with app.run_test(size=WIDE):
        keys = {b.action for b in app.main_screen.BINDINGS}
        assert {a.action for a in ACTIONS} <= keys
        assert all(hasattr(app.main_screen, f"action_{a.action}") for a in ACTIONS)
        provider = ActionsProvider(app.main_screen)
        titles = [hit.text for hit in [h async for h in provider.discover()]]
        assert len(titles) == len(ACTIONS)


async def test_narrow_terminal_shows_the_essentials(app: BgtuiApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        uploader = app.emu.app(UPLOADER)
        ops.request_transient(app.recorder, uploader, "upload")
        uploader.to_background()
        app.publish()
        await pilot.pause()
        screen = app.main_screen
        assert screen.has_class("-narrow")
        assert "Uploader" in shown(app, "apps") and "counting" in shown(app, "transient")
        assert screen.query_one(DetailsPane).region.width == 0
        await pilot.press("enter")
        assert screen.has_class("-details") and screen.query_one(DetailsPane).region.width > 0
        await pilot.press("enter")
        assert not screen.has_class("-details")
