"""Nothing focusable is invisible: panels fit from 80×24 up, `Z` zooms, below 80×24 a plain message;
the details scroll and `esc` goes back to the table they came from."""

from __future__ import annotations

import pytest

from bgtui.panel_fit import plan_heights
from bgtui.screens.main import PANELS
from bgtui.widgets.table import SnapshotTable

from .conftest import UPLOADER, Recorder, select_app
from .test_snapshots import story_app

SIZES = [(80, 24), (120, 40)]


def test_plan_gives_each_panel_a_title_and_a_row_or_folds_it() -> None:
    assert plan_heights(16, [5, 2, 1, 2, 1], 0, chrome=1) == [4, 3, 3, 3, 3]
    assert plan_heights(10, [5, 2, 1, 2, 1], 4, chrome=1) == [4, 1, 1, 1, 3]  # the focused first, others fold
    assert plan_heights(30, [5, 0, 0, 0, 0], 0, chrome=2) == [8, 3, 3, 3, 3]


@pytest.mark.parametrize("size", SIZES)
async def test_every_panel_shows_its_title_and_a_row(size: tuple[int, int]) -> None:
    app = story_app()
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        screen = app.main_screen
        for number, (_panel, table_id, title) in enumerate(PANELS[:5], 1):
            await pilot.press(str(number))
            await pilot.pause()
            table = screen.query_one(f"#{table_id}", SnapshotTable)
            region = table.region
            assert region.height >= 3 and region.bottom <= size[1] - 1, (table_id, region)
            assert table.border_title.startswith(f"{number} {title} (")
            assert table.scrollable_content_region.height >= 2  # its header and a row
        log = screen.query_one("#log-panel").region
        assert log.height >= 4 and log.bottom <= size[1] - 1


@pytest.mark.parametrize("size", SIZES)
async def test_z_zooms_the_focused_panel_and_back(size: tuple[int, int]) -> None:
    app = story_app()
    async with app.run_test(size=size) as pilot:
        await pilot.press("5", "Z")
        await pilot.pause()
        notifications = app.main_screen.query_one("#notifications")
        assert app.main_screen.maximized is notifications and notifications.region.height >= size[1] - 2
        await pilot.press("Z")
        await pilot.pause()
        assert app.main_screen.maximized is None and notifications.region.height < size[1] // 2
        await pilot.press("6", "Z", "escape")
        await pilot.pause()
        assert app.main_screen.maximized is None


@pytest.mark.parametrize("size", [(79, 24), (80, 23), (40, 12)])
async def test_below_80x24_the_screen_says_what_it_needs(size: tuple[int, int]) -> None:
    app = story_app()
    toasts = Recorder(app)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        assert app.main_screen.has_class("-too-small")
        text = str(app.main_screen.query_one("#too-small").render())
        assert f"at least 80×24; this one is {size[0]}×{size[1]}" in text
        running = app.driver.running
        assert ("The clock keeps running (space pauses it); q quits." if running else
                "The clock is paused (space runs it); q quits.") in text
        await pilot.press("space")
        text = str(app.main_screen.query_one("#too-small").render())
        assert app.driver.running is not running
        assert ("The clock keeps running (space pauses it); q quits." if not running else
                "The clock is paused (space runs it); q quits.") in text
        await pilot.press("w")  # a row no one can see: refused
        assert toasts.last().message == "The terminal is too small to show what this key would act on."
        assert len(app.recorder) == 0


@pytest.mark.parametrize("size", SIZES)
async def test_details_scroll_and_esc_goes_back(size: tuple[int, int]) -> None:
    app = story_app()
    async with app.run_test(size=size) as pilot:
        await select_app(pilot, app, UPLOADER)
        for key in "fbfbfbfb":
            await pilot.press(key)
        await pilot.press("2", "enter")
        await pilot.pause()
        details = app.main_screen.query_one("#details")
        assert app.focused is details
        await pilot.press("pagedown", "end")
        await pilot.pause()
        assert details.max_scroll_y > 0 and details.scroll_y == details.max_scroll_y
        await pilot.press("escape")
        await pilot.pause()
        assert app.focused is app.main_screen.query_one("#transient")
        assert not app.main_screen.has_class("-details")


async def test_a_number_key_selects_its_panels_row_at_once() -> None:
    """The next key acts on the panel just chosen, even before the focus has moved (it moves later)."""
    app = story_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.main_screen
        assert screen.selection is not None and screen.selection[0] == "app"
        screen.action_focus_panel(2)  # no await: what the next key in the queue finds
        assert screen.selection == ("transient", 1)


async def test_the_key_after_a_number_key_acts_on_its_panel() -> None:
    """enter (details), O (sort) and z (zoom) right after a number key, before the focus has moved:
    each acts on the chosen panel, not on the one focus is leaving (the details showed the app)."""
    app = story_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.main_screen
        screen.action_focus_panel(2)  # no await: focus is still on the apps table
        assert app.focused is screen.query_one("#apps")
        screen.action_toggle_details()
        assert screen.selection == ("transient", 1) and screen._details_from == "transient"
        await pilot.pause()
        screen.action_details_back()
        await pilot.pause()
        screen.action_focus_panel(1)
        assert app.focused is screen.query_one("#transient")
        screen.action_cycle_sort()
        assert screen.query_one("#apps").sort is not None and screen.query_one("#transient").sort is None


async def test_two_notifications_with_one_id_are_two_rows_and_w_swipes_the_selected_one() -> None:
    """After a restart that lost an unwritten task, the new service numbers from 0 again while the drawer
    keeps the old notification 0: the panel keyed rows by id and showed one of them; swiping sent the id
    alone, which takes both away."""
    from tests.continuous.test_notification_ids import LIVE, ORPHAN, two_zeros

    from bgtui.app import make_app

    app = make_app(two_zeros().emu, clock_running=False, watch_themes=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        notes = app.main_screen.query_one("#notifications")
        assert notes.row_count == 2
        await pilot.press("5", "down")
        assert app.main_screen.selection == ("notification", (0, ORPHAN))
        await pilot.press("w")
        await pilot.pause()
        assert [(n.notification_id, n.label) for n in app.snapshot.notifications] == [(0, LIVE)]
        assert [t.continuous_task_id for t in app.snapshot.continuous_tasks] == [1]
        step = app.recorder.steps[-1]
        assert (step.kind, step.name, step.args) == ("do", "user.remove_notification", (0, ORPHAN))
