"""Hot reload in a running App: saving a theme file re-applies it, no restart.

Each test waits on the watcher (its ready event, then one reload result per change), never
on a sleep; the timeout only matters if the watcher is broken.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from textual.color import Color
from textual.theme import Theme
from textual.widgets import OptionList

from bgtui.themes.registry import ReloadResult
from bgtui.themes.settings import ThemeChoice

from .conftest import theme_text
from .themed_app import ThemedApp, user_themes

TIMEOUT = 15


class Reloads:
    """Queues the manager's reload results as the App applies them."""

    def __init__(self, app: ThemedApp) -> None:
        self.app = app
        self.queue: asyncio.Queue[ReloadResult] = asyncio.Queue()
        app.theme_manager.add_listener(self.queue.put_nowait)

    async def ready(self) -> None:
        await asyncio.wait_for(self.app.theme_manager.ready.wait(), TIMEOUT)

    async def next(self) -> ReloadResult:
        return await asyncio.wait_for(self.queue.get(), TIMEOUT)


def chip_background(app: ThemedApp) -> Color:
    return app.query_one("#chip").styles.background


async def test_saving_the_active_theme_reapplies_it(tmp_path: Path) -> None:
    path = user_themes(tmp_path) / "live.toml"
    path.write_text(theme_text("live", chip_mode_voip="#102030"))
    app = ThemedApp(tmp_path, watch=True)
    async with app.run_test() as pilot:
        reloads = Reloads(app)
        published: list[Theme] = []
        app.theme_changed_signal.subscribe(app.screen, published.append)
        app.theme = "live"
        await pilot.pause()
        published.clear()
        await reloads.ready()
        assert chip_background(app) == Color.parse("#102030")

        path.write_text(theme_text("live", chip_mode_voip="#405060"))
        result = await reloads.next()
        await pilot.pause()
        assert [theme.name for theme in result.updated] == ["live"]
        assert chip_background(app) == Color.parse("#405060")
        assert [theme.variables["chip-mode-voip"] for theme in published] == ["#405060"]


async def test_switching_dark_to_light_in_the_file_updates_the_mode_classes(tmp_path: Path) -> None:
    path = user_themes(tmp_path) / "flip.toml"
    path.write_text(theme_text("flip"))
    app = ThemedApp(tmp_path, watch=True)
    async with app.run_test() as pilot:
        reloads = Reloads(app)
        app.theme = "flip"
        await reloads.ready()
        assert app.has_class("-dark-mode")
        path.write_text(theme_text("flip") + "dark = false\n")
        await reloads.next()
        await pilot.pause()
        assert app.has_class("-light-mode") and not app.has_class("-dark-mode")


async def test_a_new_file_appears_in_the_picker(tmp_path: Path) -> None:
    app = ThemedApp(tmp_path, watch=True)
    async with app.run_test() as pilot:
        reloads = Reloads(app)
        await reloads.ready()
        (app.user_dir / "brand-new.toml").write_text(theme_text("brand-new"))
        result = await reloads.next()
        assert [theme.name for theme in result.updated] == ["brand-new"]
        assert "brand-new" in app.available_themes
        app.action_change_theme()
        await pilot.pause()
        options = app.screen.query_one(OptionList)
        listed = [str(options.get_option_at_index(index).prompt) for index in range(options.option_count)]
        assert "brand-new" in listed


async def test_deleting_the_active_theme_falls_back_and_its_return_restores_it(tmp_path: Path) -> None:
    path = user_themes(tmp_path) / "mine.toml"
    path.write_text(theme_text("mine", chip_mode_voip="#0A0B0C"))
    app = ThemedApp(tmp_path, watch=True)
    async with app.run_test() as pilot:
        reloads = Reloads(app)
        app.theme = "mine"  # the user's choice
        await pilot.pause()
        await reloads.ready()

        path.unlink()
        result = await reloads.next()
        await pilot.pause()
        assert result.removed == ("mine",)
        assert app.theme == "dark"
        assert "mine" not in app.available_themes
        assert chip_background(app) == Color.parse(app.get_theme("dark").variables["chip-mode-voip"])
        assert ThemeChoice(app.settings_path).load() == "mine"  # the fallback is not a choice

        path.write_text(theme_text("mine", chip_mode_voip="#0A0B0C"))
        await reloads.next()
        await pilot.pause()
        assert app.theme == "mine"
        assert chip_background(app) == Color.parse("#0A0B0C")


async def test_broken_save_gives_one_toast_and_keeps_the_last_good_version(tmp_path: Path) -> None:
    path = user_themes(tmp_path) / "mine.toml"
    path.write_text(theme_text("mine", chip_mode_voip="#0A0B0C"))
    app = ThemedApp(tmp_path, watch=True)
    async with app.run_test() as pilot:
        reloads = Reloads(app)
        app.theme = "mine"
        await reloads.ready()

        path.write_text('name = "mine"\nprimary = "#336699"\n[variables]\nchip-mode-voip = "#0A0B0"\n')
        result = await reloads.next()
        await pilot.pause()
        assert len(result.errors) == 1
        errors = [notice for notice in app.notices if notice[2] == "error"]
        assert len(errors) == 1
        title, message, _ = errors[0]
        assert title == "Theme file not loaded"
        assert "mine.toml:4: variable 'chip-mode-voip' is not valid" in message
        assert app.theme == "mine"
        assert chip_background(app) == Color.parse("#0A0B0C")

        path.write_text(theme_text("mine", chip_mode_voip="#0D0E0F"))
        fixed = await reloads.next()
        await pilot.pause()
        assert not fixed.errors
        assert chip_background(app) == Color.parse("#0D0E0F")
        assert len([notice for notice in app.notices if notice[2] == "error"]) == 1


async def test_editing_a_shipped_theme_is_seen_too(tmp_path: Path) -> None:
    shipped = tmp_path / "shipped"
    shipped.mkdir()
    (shipped / "dark.toml").write_text(theme_text("dark", chip_mode_voip="#111111"))
    app = ThemedApp(tmp_path, shipped=shipped, watch=True)
    async with app.run_test() as pilot:
        reloads = Reloads(app)
        await reloads.ready()
        (shipped / "dark.toml").write_text(theme_text("dark", chip_mode_voip="#222222"))
        await reloads.next()
        await pilot.pause()
        assert chip_background(app) == Color.parse("#222222")
