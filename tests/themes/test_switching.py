"""Choosing themes in a running App: --theme, the palette picker, the remembered choice."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from textual.color import Color
from textual.command import CommandPalette
from textual.widgets import OptionList

from bgtui.themes import APP_VARIABLES, UnknownThemeError, load_theme_file, shipped_themes_dir
from bgtui.themes.settings import ThemeChoice

from .conftest import theme_text
from .themed_app import ThemedApp

SHIPPED_NAMES = sorted(load_theme_file(path).name for path in shipped_themes_dir().glob("*.toml"))


def colours(app: ThemedApp) -> dict[str, Color]:
    return {
        "countdown": app.query_one("#countdown").styles.color,
        "chip": app.query_one("#chip").styles.background,
        "chip-text": app.query_one("#chip").styles.color,
        "resource": app.query_one("#resource").styles.background,
    }


def expected(app: ThemedApp, name: str) -> dict[str, Color]:
    variables = app.get_theme(name).variables
    return {
        "countdown": Color.parse(variables["countdown-warning"]),
        "chip": Color.parse(variables["chip-mode-voip"]),
        "chip-text": Color.parse(variables["chip-text"]),
        "resource": Color.parse(variables["chip-res-gps"]),
    }


async def test_starts_with_the_default_theme_and_only_project_themes(tmp_path: Path) -> None:
    app = ThemedApp(tmp_path)
    async with app.run_test():
        assert app.theme == "dark"
        assert sorted(app.available_themes) == SHIPPED_NAMES
        assert colours(app) == expected(app, "dark")
    assert not app.settings_path.exists()  # nothing was chosen, so nothing is written


@pytest.mark.parametrize("name", SHIPPED_NAMES)
async def test_every_shipped_theme_reaches_the_widgets(tmp_path: Path, name: str) -> None:
    app = ThemedApp(tmp_path, name)
    async with app.run_test():
        assert app.theme == name
        assert colours(app) == expected(app, name)
        assert app.has_class("-light-mode") == (name == "light")


async def test_switching_restyles_and_is_remembered(tmp_path: Path) -> None:
    app = ThemedApp(tmp_path)
    async with app.run_test() as pilot:
        app.theme = "light"
        await pilot.pause()
        assert colours(app) == expected(app, "light")
        assert ThemeChoice(app.settings_path).load() == "light"

    again = ThemedApp(tmp_path)
    async with again.run_test():
        assert again.theme == "light"
        assert colours(again) == expected(again, "light")


async def test_theme_option_wins_but_is_not_remembered(tmp_path: Path) -> None:
    ThemeChoice(tmp_path / "config" / "settings.json").save("light")
    app = ThemedApp(tmp_path, "high-contrast")
    async with app.run_test():
        assert app.theme == "high-contrast"
    assert ThemeChoice(app.settings_path).load() == "light"


async def test_unknown_theme_option_lists_what_exists(tmp_path: Path) -> None:
    with pytest.raises(UnknownThemeError) as caught:
        ThemedApp(tmp_path, "solarized")
    assert caught.value.available == SHIPPED_NAMES
    assert str(caught.value) == f"unknown theme 'solarized'; available themes: {', '.join(SHIPPED_NAMES)}"


async def test_a_remembered_theme_that_is_gone_falls_back_without_forgetting(tmp_path: Path) -> None:
    settings = tmp_path / "config" / "settings.json"
    ThemeChoice(settings).save("deleted-since")
    app = ThemedApp(tmp_path)
    async with app.run_test():
        assert app.theme == "dark"
    assert ThemeChoice(settings).load() == "deleted-since"


async def test_the_palette_theme_picker_switches_and_remembers(tmp_path: Path) -> None:
    app = ThemedApp(tmp_path)
    async with app.run_test() as pilot:
        app.action_change_theme()
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"contrast")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert app.theme == "high-contrast"
        assert colours(app) == expected(app, "high-contrast")
    assert json.loads(app.settings_path.read_text())["theme"] == "high-contrast"


async def test_the_picker_lists_the_project_themes(tmp_path: Path) -> None:
    app = ThemedApp(tmp_path)
    async with app.run_test() as pilot:
        app.action_change_theme()
        await pilot.pause()
        options = app.screen.query_one(OptionList)
        listed = sorted(str(options.get_option_at_index(index).prompt) for index in range(options.option_count))
        assert listed == SHIPPED_NAMES


async def test_user_theme_at_startup_and_a_broken_one_reported_once(tmp_path: Path) -> None:
    user = tmp_path / "config" / "themes"
    user.mkdir(parents=True)
    (user / "mine.toml").write_text(theme_text("mine", "#AA5500"))
    (user / "broken.toml").write_text('name = "broken"\nprimary = "#AA5500"\nsurface = 12\n')
    app = ThemedApp(tmp_path, "mine")
    async with app.run_test():
        assert app.theme == "mine"
        assert "broken" not in app.available_themes
        errors = [notice for notice in app.notices if notice[2] == "error"]
        assert len(errors) == 1
        title, message, _ = errors[0]
        assert "broken.toml:3: 'surface' must be a colour string, not a number" in message


async def test_textual_themes_can_be_kept_and_get_app_variables(tmp_path: Path) -> None:
    app = ThemedApp(tmp_path, keep_textual_themes=True)
    async with app.run_test() as pilot:
        assert "nord" in app.available_themes
        app.theme = "nord"
        await pilot.pause()
        # nord defines none of the app variables; the mixin derives them from nord's colours.
        css = app.get_css_variables()
        assert set(APP_VARIABLES) <= set(css)
        assert app.query_one("#chip").styles.background == Color.parse(css["chip-mode-voip"])


async def test_remembering_failure_is_reported_once(tmp_path: Path) -> None:
    (tmp_path / "config").write_text("a file where the config folder should be")
    app = ThemedApp(tmp_path)
    async with app.run_test() as pilot:
        app.theme = "light"
        app.theme = "colorblind"
        await pilot.pause()
        warnings = [notice for notice in app.notices if notice[2] == "warning"]
        assert len(warnings) == 1
        assert "Cannot remember the theme" in warnings[0][1]


async def test_the_dashboard_reads_the_other_theme_files_after_its_first_frame() -> None:
    """Start-up checks only the shown theme's file; the others are read once the first frame is drawn."""
    from bgtui.app import make_app
    from bgtui.themes.settings import shipped_themes_dir

    shipped = sorted(p.stem for p in shipped_themes_dir().glob("*.toml"))
    app = make_app(clock_running=False, watch_themes=False, theme="light")
    assert list(app.theme_manager.registry.themes) == ["light"]
    async with app.run_test() as pilot:
        await pilot.pause()
        assert sorted(app.theme_manager.registry.themes) == shipped and set(shipped) <= set(app.available_themes)
        assert app.theme == "light"
