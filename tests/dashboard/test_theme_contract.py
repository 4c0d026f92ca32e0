"""Every colour comes from a theme variable: the dashboard starts and draws with any theme."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bgtui.app import make_app
from bgtui.palette import Palette

from .conftest import WIDE, shown

SOURCE = Path(__file__).resolve().parents[2] / "bgtui"
HARD_CODED = re.compile(r"#[0-9a-fA-F]{3,8}\b|\b(?:rgb|hsl)a?\(")


def test_no_hard_coded_colours_outside_the_themes_package() -> None:
    themes = SOURCE / "themes"
    offenders = [str(path.relative_to(SOURCE)) for path in [*SOURCE.rglob("*.py"), *SOURCE.rglob("*.tcss")]
                 if themes not in path.parents and HARD_CODED.search(path.read_text())]
    assert offenders == []


@pytest.mark.parametrize("theme", ["dark", "light", "high-contrast", "colorblind"])
async def test_every_shipped_theme_draws(theme: str) -> None:
    app = make_app(clock_running=False, watch_themes=False, theme=theme)
    assert app.theme == theme
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("t", "enter")
        assert "Music" in shown(app, "apps") and "paused" in shown(app, "transient")


async def test_switching_theme_redraws_with_the_new_colours() -> None:
    app = make_app(clock_running=False, watch_themes=False)
    async with app.run_test(size=WIDE) as pilot:
        palette: Palette = app.palette
        before = (palette.refresh(), palette.style("countdown-warning"), palette.style("chip-mode-voip"))
        app.theme = "light"
        await pilot.pause()
        after = (palette.refresh(), palette.style("countdown-warning"), palette.style("chip-mode-voip"))
        assert after[0] != before[0] and after[1:] != before[1:]
