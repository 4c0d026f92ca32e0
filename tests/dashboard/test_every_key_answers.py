"""Every key answers: an action that would change nothing says why and sends (records) nothing; toggles
say their state; details read as prose."""

from __future__ import annotations

import pytest

from bgtui import ops
from bgtui.app import BgtuiApp, make_app
from bgtui.demo import build_demo_emulator
from bgtui.explain import prose
from bgtui.screens.help import how_to_play
from bgtui.widgets.key_bar import KeyBar
from emulator.scenario.record import SessionRecorder

from .conftest import MUSIC, UPLOADER, Recorder, select_app, shown

SIZES = [(80, 24), (120, 40)]


@pytest.mark.parametrize("size", SIZES)
async def test_cancel_with_no_transient_task_anywhere_says_so(app: BgtuiApp, toasts: Recorder,
                                                              size: tuple[int, int]) -> None:
    async with app.run_test(size=size) as pilot:
        await pilot.press("T")
        assert toasts.last().message == "No app has a transient task to cancel (t requests one)."
        assert len(app.recorder) == 0


@pytest.mark.parametrize("size", SIZES)
async def test_greyed_app_keys_still_answer_and_record_nothing(app: BgtuiApp, toasts: Recorder,
                                                               size: tuple[int, int]) -> None:
    async with app.run_test(size=size) as pilot:
        await select_app(pilot, app, MUSIC)
        await pilot.press("f")
        assert toasts.last().message == "Music is already in the foreground: nothing changes."
        await pilot.press("x", "x")
        assert toasts.last().message == "Music is not running: nothing to kill (f launches it)."
        await pilot.press("b")
        assert toasts.last().message == ("Music is not running: only an app in the foreground can be sent to the "
                                         "background.")
        assert [s.name for s in app.recorder.steps] == ["app.kill"]


async def test_reset_with_nothing_to_reset_says_so(app: BgtuiApp, toasts: Recorder) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("R")
        assert toasts.last().message.startswith("Nothing to reset:")


def _voip_task_app() -> BgtuiApp:
    emu = build_demo_emulator()
    ops.start_continuous(SessionRecorder(emu), emu.app("com.example.voip"), ["voip"])
    return make_app(emu, clock_running=False, watch_themes=False)


@pytest.mark.parametrize("size", SIZES)
async def test_low_speed_without_data_transfer_says_nothing_changes(size: tuple[int, int]) -> None:
    app = _voip_task_app()
    toasts = Recorder(app)
    async with app.run_test(size=size) as pilot:
        await pilot.press("3")
        await pilot.press("Y")
        await pilot.pause()
        await pilot.press("down")  # low speed
        assert "would change nothing" in "\n".join(app.screen.notes())  # type: ignore[attr-defined]
        await pilot.press("enter")
        await pilot.pause()
        assert toasts.last().message == ("VoIP has no dataTransfer task: for \"low speed\" the service stops only an "
                                         "app's dataTransfer tasks, so nothing changes (nothing sent).")
        assert len(app.recorder) == 0 and app.snapshot.continuous_tasks[0].bundle_name == "com.example.voip"


async def test_follow_is_labelled_as_the_toggle_it_is(app: BgtuiApp) -> None:
    async with app.run_test(size=(160, 45)) as pilot:  # the footer has room for it from 160 columns
        footer = app.main_screen.query_one(KeyBar)
        assert "l Follow: on" in footer.render().plain
        await pilot.press("l")
        await pilot.pause()
        assert "l Follow: off" in footer.render().plain
        assert "follow: off (l)" in str(app.main_screen.query_one("#log-panel").border_subtitle)


async def test_the_filter_box_shows_its_own_keys(app: BgtuiApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash")
        await pilot.pause()
        text = app.main_screen.query_one(KeyBar).render().plain
        assert "Keep filter" in text and "esc Clear filter" in text and "Help" not in text


def test_prose_not_python() -> None:
    assert [prose(True), prose(None), prose(["CPU", "TIMER"]), prose(""), prose(3)] == \
        ["yes", "none", "CPU, TIMER", "(empty)", "3"]


def test_help_names_no_app_the_device_lacks() -> None:
    text = how_to_play({"Music"})
    assert "**Uploader**" not in text and "**System**" not in text and "**Music**" in text
    assert "Select an app in *Apps*" in text


async def test_grants_and_form_name_resource_types_alike() -> None:
    emu = build_demo_emulator()
    ops.apply_efficiency(SessionRecorder(emu), emu.app("com.example.system"), ["CPU", "COMMON_EVENT"],
                         time_out_ms=0, reason="x", persist=True)
    app = make_app(emu, clock_running=False, watch_themes=False)
    async with app.run_test(size=(120, 40)):
        assert "CPU" in shown(app, "grants") and "COMMON_EVENT" in shown(app, "grants")


async def test_history_wraps_at_words(app: BgtuiApp) -> None:
    from bgtui.widgets.details import render_details
    from bgtui.explain import explain

    async with app.run_test(size=(120, 40)) as pilot:
        await select_app(pilot, app, UPLOADER)
        await pilot.press("b")
        details = explain(app.snapshot, "app", UPLOADER, list(app.emu.events), app.session)
        for width in (30, 38, 60):
            words = set(render_details(details, width).plain.split())
            assert "app.background" in words and "app.launched" in words
