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
