"""Where themes live, and the remembered choice."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from bgtui.themes import settings
from bgtui.themes.settings import ThemeChoice


def test_choice_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "config" / "bgtui" / "settings.json"
    assert ThemeChoice(path).load() is None
    ThemeChoice(path).save("light")
    assert ThemeChoice(path).load() == "light"
    ThemeChoice(path).save("high-contrast")
    assert ThemeChoice(path).load() == "high-contrast"


def test_other_settings_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"keymap": {"quit": "ctrl+q"}, "theme": "dark"}))
    ThemeChoice(path).save("light")
    assert json.loads(path.read_text()) == {"keymap": {"quit": "ctrl+q"}, "theme": "light"}


@pytest.mark.parametrize("content", ["{not json", "[1, 2]", '{"theme": 7}', '{"theme": ""}'])
def test_unreadable_settings_mean_no_choice(tmp_path: Path, content: str) -> None:
    path = tmp_path / "settings.json"
    path.write_text(content)
    assert ThemeChoice(path).load() is None


def test_save_leaves_no_temporary_files(tmp_path: Path) -> None:
    ThemeChoice(tmp_path / "settings.json").save("dark")
    assert sorted(os.listdir(tmp_path)) == ["settings.json"]


def test_save_failure_raises_oserror(tmp_path: Path) -> None:
    blocker = tmp_path / "bgtui"
    blocker.write_text("a file where the config folder should be")
    with pytest.raises(OSError):
        ThemeChoice(blocker / "settings.json").save("dark")


def test_xdg_config_home_is_honoured(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    assert settings.user_config_dir() == tmp_path / "bgtui"
    assert settings.user_themes_dir() == tmp_path / "bgtui" / "themes"
    assert ThemeChoice().path == tmp_path / "bgtui" / "settings.json"


def test_without_xdg_platformdirs_decides(monkeypatch: pytest.MonkeyPatch) -> None:
    import platformdirs

    monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
    assert settings.user_config_dir() == platformdirs.user_config_path("bgtui", appauthor=False)


def test_shipped_themes_are_the_projects_themes_folder() -> None:
    folder = settings.shipped_themes_dir()
    assert folder == Path(__file__).resolve().parents[2] / "themes"
    assert {"dark.toml", "light.toml", "high-contrast.toml", "colorblind.toml"} <= set(os.listdir(folder))
