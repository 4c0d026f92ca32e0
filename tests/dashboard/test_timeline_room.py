"""At 80×24 the timeline shares the column without pushing the event log off the screen."""

from __future__ import annotations

from bgtui.app import BgtuiApp


async def test_the_log_keeps_its_rows_while_the_timeline_is_shown_at_80x24(app: BgtuiApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+t")
        await pilot.pause()
        screen = app.main_screen
        log_panel = screen.query_one("#log-panel")
        timeline = screen.query_one("#timeline")
        assert timeline.display and timeline.region.height >= 6
        assert log_panel.region.height >= 3 and log_panel.region.bottom <= 23  # above the footer
        await pilot.press("6")
        assert screen.query_one("#log").has_focus and screen.query_one("#log").region.height >= 2


async def test_every_table_panel_stays_on_screen_while_the_timeline_is_shown_wide(app: BgtuiApp) -> None:
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.press("m", "ctrl+t", "shift+left")  # a minute on, then back: a rewound view
        await pilot.pause()
        await pilot.pause()
        assert app.gate.held_by("rewind")
        screen = app.main_screen
        left = screen.query_one("#left").region
        for table_id in ("apps", "transient", "continuous", "grants", "notifications"):
            region = screen.query_one(f"#{table_id}").region
            assert region.height >= 1 and region.bottom <= left.bottom, table_id
