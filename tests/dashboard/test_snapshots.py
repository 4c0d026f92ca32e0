"""SVG snapshots of what a user sees: the main screen, a form, the details pane, the 80×24 layout.

Deterministic: the clock is paused at a fixed virtual time, the size is fixed, and the state is
made through the same calls a script makes before the app starts (so no toasts are on screen).
Accept a deliberate change with `pytest tests/dashboard/test_snapshots.py --snapshot-update`.
"""

from __future__ import annotations

from bgtui import ops
from bgtui.app import BgtuiApp, make_app
from bgtui.demo import build_demo_emulator

from .conftest import UPLOADER


def story_app() -> BgtuiApp:
    """The demo device 40 s into an upload in the background, a second task paused, low battery."""
    emu = build_demo_emulator()
    uploader = emu.app(UPLOADER)
    ops.request_transient(uploader, "upload photos")
    emu.advance(2_000)
    uploader.to_background()
    emu.advance(40_000)
    navigation = emu.app("com.example.navigation")
    ops.request_transient(navigation, "save route")
    emu.app("com.example.voip").to_background()
    emu.advance(1_234)
    emu.device.battery_level = 18
    return make_app(emu, clock_running=False)


def test_main_screen(snap_compare) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(story_app(), terminal_size=(160, 45))


def test_transient_form(snap_compare) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(story_app(), terminal_size=(160, 45), press=["down", "down", "t"])


def test_details_of_a_transient_task(snap_compare) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(story_app(), terminal_size=(160, 45), press=["2"])


def test_narrow_layout(snap_compare) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(story_app(), terminal_size=(80, 24))


def test_narrow_details(snap_compare) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(story_app(), terminal_size=(80, 24), press=["2", "enter"])
