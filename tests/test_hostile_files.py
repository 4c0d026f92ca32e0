"""Issue 16, points 7 and 9: files nested 500 deep, a UTF-8 BOM, broken user themes and the watcher that
survives them; one FILE:LINE form everywhere."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from bgtui.themes.errors import ThemeError
from bgtui.themes.loader import parse_theme
from bgtui.themes.registry import ThemeRegistry
from emulator.scenario.cli import main
from emulator.scenario.load import load_text
from emulator.toml_depth import too_deep_line

GOOD_THEME = 'name = "mine"\nprimary = "#336699"\n'
DEEP_ARRAY = "x = " + "[" * 500 + "]" * 500 + "\n"
DEEP_TABLE = "x = " + "{ a = " * 500 + "1" + " }" * 500 + "\n"


@pytest.mark.parametrize("deep", [DEEP_ARRAY, DEEP_TABLE], ids=["arrays", "inline-tables"])
@pytest.mark.parametrize("command", ["play", "dump"])
def test_a_scenario_nested_500_deep_is_one_line_exit_2(tmp_path: Path, deep: str, command: str) -> None:
    path = tmp_path / "deep.toml"
    path.write_text('[scenario]\nname = "deep"\n[[steps]]\nat = "0s"\n' + deep, encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    argv = ["play", str(path)] if command == "play" else ["dump", "-T", "All", str(path)]
    assert main(argv, out, err) == 2
    assert err.getvalue() == f"{path}:5: arrays or inline tables nest more than 100 levels deep\n"
    assert out.getvalue() == ""


def test_depth_ignores_brackets_in_strings_and_comments() -> None:
    text = 'a = "[[[[[[[["\nb = \'{{{{\'\n# [[[[[[\nc = """\n[[[[\n"""\nd = [[1]]\n'
    assert too_deep_line(text, limit=2) is None
    assert too_deep_line(text, limit=1) == 7


def test_a_theme_nested_500_deep_is_a_theme_error_with_its_line() -> None:
    with pytest.raises(ThemeError) as caught:
        parse_theme(GOOD_THEME + "[variables]\n" + DEEP_ARRAY, "deep.toml")
    assert str(caught.value) == "deep.toml:4: arrays or inline tables nest more than 100 levels deep"


def test_a_bom_is_accepted_in_scenarios_and_themes(tmp_path: Path) -> None:
    assert load_text('\ufeff[scenario]\nname = "bom"\n').name == "bom"
    assert parse_theme("\ufeff" + GOOD_THEME, "bom.toml").name == "mine"
    path = tmp_path / "bom.toml"
    path.write_bytes(b'\xef\xbb\xbf[scenario]\nname = "bom"\n')
    out, err = io.StringIO(), io.StringIO()
    assert main(["play", str(path)], out, err) == 0, err.getvalue()


def test_a_broken_user_theme_is_skipped_with_one_message_and_the_rest_load(tmp_path: Path) -> None:
    shipped, user = tmp_path / "shipped", tmp_path / "user"
    shipped.mkdir()
    user.mkdir()
    (shipped / "dark.toml").write_text('name = "dark"\nprimary = "#111111"\n', encoding="utf-8")
    (user / "mine.toml").write_text(GOOD_THEME, encoding="utf-8")
    (user / "deep.toml").write_text(GOOD_THEME.replace("mine", "deep") + DEEP_ARRAY, encoding="utf-8")
    registry = ThemeRegistry([shipped, user])
    result = registry.load_all()
    assert sorted(registry.themes) == ["dark", "mine"]
    assert [str(e) for e in result.errors] == [
        f"{user / 'deep.toml'}:3: arrays or inline tables nest more than 100 levels deep"]


def test_the_reload_survives_any_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "mine.toml"
    path.write_text(GOOD_THEME, encoding="utf-8")
    registry = ThemeRegistry([tmp_path])
    registry.load_all()
    path.write_text(GOOD_THEME + DEEP_ARRAY, encoding="utf-8")
    assert [e.line for e in registry.reload([path]).errors] == [3]
    import bgtui.themes.registry as reg

    def explode(text, where):
        raise MemoryError("no room") if "boom" in text else RecursionError("too deep")
    monkeypatch.setattr(reg, "parse_theme", explode)
    path.write_text(GOOD_THEME + "# boom\n", encoding="utf-8")
    assert [e.message for e in registry.reload([path]).errors] == ["cannot be loaded: MemoryError: no room"]
    monkeypatch.undo()
    path.write_text(GOOD_THEME.replace("#336699", "#123456"), encoding="utf-8")
    assert not registry.reload([path]).errors
    assert registry.themes["mine"].primary == "#123456"  # the same registry goes on


def test_theme_errors_use_file_colon_line() -> None:
    with pytest.raises(ThemeError) as caught:
        parse_theme('primary = "#336699"\n', "t.toml")
    assert str(caught.value) == "t.toml:1: missing required key 'name'"


async def test_theme_naming_a_broken_file_gives_the_files_own_error(tmp_path: Path) -> None:
    from bgtui.themes import UnknownThemeError
    from tests.themes.themed_app import ThemedApp, user_themes

    (user_themes(tmp_path) / "mine.toml").write_text(GOOD_THEME + DEEP_ARRAY, encoding="utf-8")
    with pytest.raises(UnknownThemeError) as caught:
        ThemedApp(tmp_path, "mine")
    assert str(caught.value) == (f"theme 'mine' cannot be used: {user_themes(tmp_path) / 'mine.toml'}:3: arrays or "
                                 "inline tables nest more than 100 levels deep")


async def test_a_deep_user_theme_does_not_stop_the_dashboard_starting(tmp_path: Path) -> None:
    from tests.themes.themed_app import ThemedApp, user_themes

    (user_themes(tmp_path) / "deep.toml").write_text(GOOD_THEME.replace("mine", "deep") + DEEP_ARRAY,
                                                     encoding="utf-8")
    app = ThemedApp(tmp_path, "dark")
    async with app.run_test():
        assert app.theme == "dark"
