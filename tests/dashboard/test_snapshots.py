"""SVG snapshots of what a user sees: the main screen, a form, the details pane, the 80×24 layout.

Deterministic: the clock is paused at a fixed virtual time, the size is fixed, and the state is
made through the same calls a script makes before the app starts (so no toasts are on screen).
Accept a deliberate change with `pytest tests/dashboard/test_snapshots.py --snapshot-update`.
"""

from __future__ import annotations

import pytest

from bgtui import ops
from bgtui.app import BgtuiApp, make_app
from bgtui.demo import build_demo_emulator
from emulator.scenario.record import SessionRecorder

from .conftest import UPLOADER


SHIPPED_THEMES = ("dark", "light", "high-contrast", "colorblind")


def story_app(theme: str | None = None) -> BgtuiApp:
    """The demo device 40 s into an upload in the background, a second task paused, music playing in
    the background under a continuous task, the system app holding CPU and timer grants, low battery."""
    emu = build_demo_emulator()
    rec = SessionRecorder(emu)
    uploader = emu.app(UPLOADER)
    ops.request_transient(rec, uploader, "upload photos")
    music = emu.app("com.example.music")
    ops.start_continuous(rec, music, ["audioPlayback"])
    system = emu.app("com.example.system")
    ops.apply_efficiency(rec, system, ["CPU"], time_out_ms=0, reason="sync engine", persist=True)
    ops.apply_efficiency(rec, system, ["TIMER", "COMMON_EVENT"], time_out_ms=120_000, reason="nightly sync")
    emu.advance(2_000)
    uploader.to_background()
    music.to_background()
    emu.advance(40_000)
    navigation = emu.app("com.example.navigation")
    ops.request_transient(rec, navigation, "save route")
    emu.app("com.example.voip").to_background()
    emu.advance(1_234)
    emu.device.battery_level = 18
    return make_app(emu, clock_running=False, watch_themes=False, theme=theme)


def test_main_screen(snap_compare) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(story_app(), terminal_size=(160, 45))


def test_transient_form(snap_compare) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(story_app(), terminal_size=(160, 45), press=["down", "down", "t"])


def test_details_of_a_transient_task(snap_compare) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(story_app(), terminal_size=(160, 45), press=["2"])


def test_narrow_layout(snap_compare) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(story_app(), terminal_size=(80, 24))


def test_narrow_details(snap_compare) -> None:  # type: ignore[no-untyped-def]
    async def open_details(pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot.press("2", "enter")
        await pilot.pause()
        await pilot.pause()  # the details take focus after the refresh that shows them: both before the shot

    assert snap_compare(story_app(), terminal_size=(80, 24), run_before=open_details)


@pytest.mark.parametrize("theme", SHIPPED_THEMES)
def test_main_screen_in_each_shipped_theme(snap_compare, theme) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(story_app(theme), terminal_size=(160, 45))


def test_form_at_80x24_keeps_its_buttons(snap_compare) -> None:  # type: ignore[no-untyped-def]
    """The efficiency form is taller than 24 rows: its fields scroll, OK and Cancel stay in view."""
    assert snap_compare(story_app(), terminal_size=(80, 24), press=["5", "e"])


def test_header_paused_by_a_form(snap_compare) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(story_app(), terminal_size=(120, 40), press=["t"])


def test_zoomed_panel(snap_compare) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(story_app(), terminal_size=(80, 24), press=["5", "Z"])


def test_too_small_message(snap_compare) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(story_app(), terminal_size=(60, 20))


def test_sorted_table(snap_compare) -> None:  # type: ignore[no-untyped-def]
    """The apps sorted by their app name, descending: the header marks the column and the direction."""
    assert snap_compare(story_app(), terminal_size=(120, 40), press=["1", "O", "O"])


def abilities_app() -> BgtuiApp:
    """An app with two UIAbilities: a data transfer with its progress from MapAbility, and an app waiting for
    the user's answer to the authorisation banner."""
    from emulator import Emulator
    from emulator.apps import KEEP_BACKGROUND_RUNNING

    emu = Emulator()
    nav = emu.install_app("com.example.nav", label="Nav", permissions=[KEEP_BACKGROUND_RUNNING],
                          abilities={"EntryAbility": ["audioPlayback"], "MapAbility": ["location", "dataTransfer"]})
    media = emu.install_app("com.example.media", label="Media", permissions=[
        KEEP_BACKGROUND_RUNNING, "ohos.permission.KEEP_BACKGROUND_RUNNING_SPECIAL_SCENARIO"],
        abilities={"EntryAbility": ["specialScenarioProcessing"]})
    rec = SessionRecorder(emu)
    ops.start_continuous(rec, nav, ["dataTransfer"], ability="MapAbility")
    nav.backgroundTaskManager.updateDataTransferProgress(nav.context, {
        "continuousTaskId": 1, "progressInfo": {"title": "Maps", "fileName": "city.map", "progressValue": 40}})
    media.backgroundTaskManager.ContinuousTaskRequest([13], [9]).requestAuthFromUser(media.context, lambda r: None)
    emu.advance(1_000)
    return make_app(emu, clock_running=False, watch_themes=False)


def test_start_form_asks_which_ability(snap_compare) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(abilities_app(), terminal_size=(160, 45), press=["s"])


def test_details_of_an_app_with_two_abilities(snap_compare) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(abilities_app(), terminal_size=(160, 45), press=["1"])
