"""`q` and ctrl+q with recorded but unsaved actions ask: save, discard, or stay."""

from __future__ import annotations

from pathlib import Path

import pytest

from bgtui.app import BgtuiApp
from bgtui.screens.form import FormScreen
from bgtui.screens.quit_form import QuitForm

from .conftest import UPLOADER, select_app

SIZES = [(80, 24), (120, 40)]


async def test_nothing_recorded_quits_at_once(app: BgtuiApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("q")
        await pilot.pause()
        assert app._exit is True  # type: ignore[attr-defined]


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("key", ["q", "ctrl+q"])
async def test_unsaved_actions_ask_and_stay_keeps_them(app: BgtuiApp, size: tuple[int, int], key: str) -> None:
    async with app.run_test(size=size) as pilot:
        await select_app(pilot, app, UPLOADER)
        await pilot.press("b")
        await pilot.press(key)
        await pilot.pause()
        assert isinstance(app.screen, QuitForm) and app.driver.held == "quit?"
        assert "1 recorded action(s) are not saved" in str(app.screen.query_one("Static").render())
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is app.main_screen and not app._exit and len(app.recorder) == 1  # type: ignore[attr-defined]


async def test_discard_quits(app: BgtuiApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await select_app(pilot, app, UPLOADER)
        await pilot.press("b", "q", "d")
        await pilot.pause()
        assert app._exit is True  # type: ignore[attr-defined]


async def test_save_writes_the_file_then_quits(app: BgtuiApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await select_app(pilot, app, UPLOADER)
        await pilot.press("b", "q", "s")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        await pilot.press("enter")
        await pilot.pause()
        assert app._exit is True  # type: ignore[attr-defined]
    assert UPLOADER in (tmp_path / "session.toml").read_text()


async def test_q_in_a_form_is_a_letter_not_quit(app: BgtuiApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await select_app(pilot, app, UPLOADER)
        await pilot.press("b", "t", "tab", "tab", "q")  # focus on the checkbox: q is not typed anywhere
        await pilot.pause()
        assert isinstance(app.screen, FormScreen) and not app._exit  # type: ignore[attr-defined]


async def test_after_saving_q_quits_at_once(app: BgtuiApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await select_app(pilot, app, UPLOADER)
        await pilot.press("b", "ctrl+s", "enter")
        await pilot.pause()
        assert app.unsaved_steps == 0
        await pilot.press("q")
        await pilot.pause()
        assert app._exit is True  # type: ignore[attr-defined]
