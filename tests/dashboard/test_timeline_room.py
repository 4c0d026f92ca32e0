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


async def test_the_timeline_on_the_whole_screen_takes_the_whole_screen_at_80x24(app: BgtuiApp) -> None:
    """Sharing the column it has a fitted height; on the whole screen (ctrl+t again) it had kept that
    height, showing four lanes over an empty screen."""
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+t")
        await pilot.pause()
        timeline = app.main_screen.query_one("#timeline")
        assert timeline.region.height == 7
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert app.main_screen.has_class("-timeline-full")
        top = app.main_screen.query_one("#top").outer_size.height
        assert timeline.region.height == 24 - top - 1  # all but the header and the footer
        lanes = timeline.render().plain.splitlines()[2:]  # below the status (it wraps on screen) and the axis
        assert [line.split("  ")[0] for line in lanes[:3]] == ["battery (low ≤ 20%)", "charging", "screen"]
        assert len(lanes) == len(timeline.lanes()) > 4  # every lane: the demo's apps too
        await pilot.press("ctrl+t")
        await pilot.pause()
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert timeline.region.height == 7  # shared again: fitted again
