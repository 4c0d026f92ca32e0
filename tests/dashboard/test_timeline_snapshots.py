"""SVG snapshots of the timeline on the whole screen: two built-in demos played to their end (clock
paused, 160×45), and the first in every shipped theme. Update with --snapshot-update, then look at
each as a PNG (rsvg-convert FILE.svg -o FILE.png)."""

from __future__ import annotations

import pytest
from emulator.scenario.load import load

from bgtui.app import BgtuiApp, make_app
from bgtui.session import Session

from .test_snapshots import SHIPPED_THEMES


def demo_app(name: str, theme: str = "dark") -> BgtuiApp:
    session = Session.of_scenario(load(f"demo:{name}"))
    session.emu.advance_to(session.run.end_ms)  # type: ignore[union-attr]
    return make_app(session=session, clock_running=False, watch_themes=False, theme=theme)


@pytest.mark.parametrize("demo", ["upload-timeout", "service-restart"])
def test_timeline_of_a_demo(snap_compare, demo) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(demo_app(demo), terminal_size=(160, 45), press=["ctrl+t", "ctrl+t"])


@pytest.mark.parametrize("theme", [t for t in SHIPPED_THEMES if t != "dark"])  # dark: the test above
def test_timeline_in_each_shipped_theme(snap_compare, theme) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(demo_app("upload-timeout", theme), terminal_size=(160, 45), press=["ctrl+t", "ctrl+t"])


def test_timeline_sharing_the_screen_rewound(snap_compare) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(demo_app("upload-timeout"), terminal_size=(160, 45),
                        press=["ctrl+t", *["shift+left"] * 4])
