"""`O` cycles the sort of the focused table (and its direction), the header marks it; identical toasts
coalesce with a count; a toast raised while a form is open waits for it to close."""

from __future__ import annotations

import pytest

from bgtui.app import BgtuiApp
from bgtui.widgets.table import SnapshotTable

from .conftest import table_lines
from .test_snapshots import story_app

SIZES = [(80, 24), (120, 40)]


@pytest.mark.parametrize("size", SIZES)
async def test_o_cycles_the_sort_column_and_direction(size: tuple[int, int]) -> None:
    app = story_app()
    async with app.run_test(size=size) as pilot:
        await pilot.press("1")
        table = app.main_screen.query_one("#apps", SnapshotTable)
        assert table._keys[0] == "com.example.music"
        await pilot.press("O")
        assert table.sort == ("app", False) and "App ▲" in table_lines(table)[0]
        assert [table.bundle_of(k) for k in table._keys][:2] == ["com.example.music", "com.example.navigation"]
        await pilot.press("O")
        assert table.sort == ("app", True) and "App ▼" in table_lines(table)[0]
        assert table._keys[0] == "com.example.voip"
        for _ in range(2 * len(table._columns(table.scrollable_content_region.width)) - 1):
            await pilot.press("O")
        assert table.sort is None and "▲" not in table_lines(table)[0] and "▼" not in table_lines(table)[0]
        assert table._keys[0] == "com.example.music"


async def test_the_log_stays_in_time_order() -> None:
    app = story_app()
    async with app.run_test(size=(120, 40)) as pilot:
        seen: list[str] = []
        app.notify = lambda message, **kw: seen.append(str(message))  # type: ignore[method-assign]
        await pilot.press("6", "O")
        assert seen == ["The event log stays in time order (/ filters it)."]


async def test_identical_toasts_coalesce_with_a_count(app: BgtuiApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(10):
            await pilot.press("T")
        await pilot.pause()
        shown = [(n.title, n.message) for n in app._notifications]
        assert shown == [("cancelSuspendDelay (×10)", "No app has a transient task to cancel (t requests one).")]


async def test_a_toast_waits_for_the_form_to_close(app: BgtuiApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("t")
        app.notify("engine note", title="Later")
        await pilot.pause()
        assert [n.message for n in app._notifications] == []
        await pilot.press("escape")
        await pilot.pause()
        assert [n.message for n in app._notifications] == ["engine note"]


@pytest.mark.parametrize("size", SIZES)
async def test_a_toast_leaves_the_newest_log_rows_and_the_left_half_in_view(app: BgtuiApp,
                                                                          size: tuple[int, int]) -> None:
    from textual.widgets._toast import Toast

    from bgtui.widgets.event_log import EventLog

    async with app.run_test(size=size, notifications=True) as pilot:
        await pilot.press("t")
        await pilot.pause()
        await pilot.click("#ok")  # a granted request: a toast, and a new row at the bottom of the log
        await pilot.pause()
        (toast,) = app.screen.query(Toast)
        log = app.main_screen.query_one(EventLog).region
        assert toast.region.y == 1 and toast.region.x >= size[0] // 2 - 1  # under the header, on the right half
        assert toast.region.bottom <= log.y  # the log is untouched, its newest rows first
        assert toast.region.width <= 46 and "granted" in str(toast.render())
