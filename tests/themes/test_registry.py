"""ThemeRegistry: themes of two folders, file by file, keeping the last good version."""

from __future__ import annotations

from pathlib import Path

from bgtui.themes.registry import ThemeRegistry

from .conftest import theme_text


def test_loads_both_folders_and_the_user_wins_a_name_clash(folders: tuple[Path, Path]) -> None:
    shipped, user = folders
    (shipped / "dark.toml").write_text(theme_text("dark", "#111111"))
    (shipped / "light.toml").write_text(theme_text("light", "#222222"))
    (user / "my-dark.toml").write_text(theme_text("dark", "#333333"))
    registry = ThemeRegistry([shipped, user])
    result = registry.load_all()
    assert not result.errors
    assert sorted(registry.themes) == ["dark", "light"]
    assert registry.themes["dark"].primary == "#333333"
    assert registry.origin("dark") == user / "my-dark.toml"


def test_non_theme_files_are_ignored(folders: tuple[Path, Path]) -> None:
    shipped, _ = folders
    (shipped / "notes.txt").write_text("not a theme")
    (shipped / ".dark.toml.swp").write_text("junk")
    (shipped / "~dark.toml").write_text("junk")
    registry = ThemeRegistry(folders)
    assert not registry.load_all()
    assert registry.themes == {}


def test_a_missing_folder_is_just_empty(tmp_path: Path) -> None:
    registry = ThemeRegistry([tmp_path / "nowhere"])
    assert not registry.load_all()


def test_broken_file_keeps_the_last_good_theme_and_reports_once(folders: tuple[Path, Path]) -> None:
    shipped, _ = folders
    path = shipped / "dark.toml"
    path.write_text(theme_text("dark", "#111111"))
    registry = ThemeRegistry(folders)
    registry.load_all()
    good = registry.themes["dark"]

    path.write_text('name = "dark"\nprimary = "not a colour"\n')
    result = registry.reload([path])
    assert [(error.path, error.line) for error in result.errors] == [(path, 2)]
    assert registry.themes["dark"] is good
    assert not result.updated and not result.removed

    # The same broken text seen again (a touch, a duplicate event) is not reported again.
    assert not registry.reload([path])
    assert registry.errors() == list(result.errors)

    path.write_text(theme_text("dark", "#444444"))
    result = registry.reload([path])
    assert not result.errors
    assert [theme.primary for theme in result.updated] == ["#444444"]
    assert registry.errors() == []


def test_half_written_file_is_retried_on_the_next_change(folders: tuple[Path, Path]) -> None:
    shipped, _ = folders
    path = shipped / "new.toml"
    full = theme_text("new", "#123456")
    path.write_text(full[: full.index("#12") + 3])  # the editor has not finished writing
    registry = ThemeRegistry(folders)
    assert len(registry.reload([path]).errors) == 1
    path.write_text(full)
    result = registry.reload([path])
    assert [theme.name for theme in result.updated] == ["new"]
    assert not result.errors


def test_an_empty_file_is_taken_as_being_written_not_as_broken(folders: tuple[Path, Path]) -> None:
    shipped, _ = folders
    path = shipped / "dark.toml"
    path.write_text(theme_text("dark"))
    registry = ThemeRegistry(folders)
    registry.load_all()
    path.write_text("")
    result = registry.reload([path])
    assert not result
    assert "dark" in registry.themes


def test_deleting_a_theme_removes_it(folders: tuple[Path, Path]) -> None:
    shipped, _ = folders
    path = shipped / "extra.toml"
    path.write_text(theme_text("extra"))
    registry = ThemeRegistry(folders)
    registry.load_all()
    path.unlink()
    result = registry.reload([path])
    assert result.removed == ("extra",)
    assert "extra" not in registry.themes


def test_deleting_a_user_override_brings_back_the_shipped_theme(folders: tuple[Path, Path]) -> None:
    shipped, user = folders
    (shipped / "dark.toml").write_text(theme_text("dark", "#111111"))
    override = user / "dark.toml"
    override.write_text(theme_text("dark", "#999999"))
    registry = ThemeRegistry(folders)
    registry.load_all()
    override.unlink()
    result = registry.reload([override])
    assert result.removed == ()
    assert [theme.primary for theme in result.updated] == ["#111111"]


def test_renaming_the_theme_inside_a_file(folders: tuple[Path, Path]) -> None:
    shipped, _ = folders
    path = shipped / "a.toml"
    path.write_text(theme_text("first"))
    registry = ThemeRegistry(folders)
    registry.load_all()
    path.write_text(theme_text("second"))
    result = registry.reload([path])
    assert result.removed == ("first",)
    assert [theme.name for theme in result.updated] == ["second"]


def test_two_files_in_one_folder_with_the_same_name(folders: tuple[Path, Path]) -> None:
    shipped, _ = folders
    (shipped / "a.toml").write_text(theme_text("same", "#111111"))
    (shipped / "b.toml").write_text("# copy\n" + theme_text("same", "#222222"))
    registry = ThemeRegistry(folders)
    result = registry.load_all()
    assert registry.themes["same"].primary == "#111111"
    [error] = result.errors
    assert (error.path.name, error.line) == ("b.toml", 2)
    assert error.message == "theme name 'same' is already used by a.toml"


def test_paths_outside_the_folders_are_ignored(folders: tuple[Path, Path], tmp_path: Path) -> None:
    stray = tmp_path / "stray.toml"
    stray.write_text(theme_text("stray"))
    registry = ThemeRegistry(folders)
    assert not registry.reload([stray])
    assert registry.themes == {}


def test_load_one_reads_only_the_file_that_declares_the_name(folders: tuple[Path, Path]) -> None:
    shipped, user = folders
    (shipped / "a-dark.toml").write_text(theme_text("dark", "#111111"))
    (shipped / "light.toml").write_text(theme_text("light", "#222222"))
    (shipped / "broken.toml").write_text('name = "broken"\nprimary = "not a colour"\n')
    registry = ThemeRegistry([shipped, user])
    assert registry.load_one("dark")
    assert list(registry.themes) == ["dark"] and registry.errors() == []
    result = registry.load_all()  # the rest, later: the file already read is not read again
    assert [t.name for t in result.updated] == ["light"]
    assert [e.path.name for e in result.errors] == ["broken.toml"]
    assert sorted(registry.themes) == ["dark", "light"]


def test_load_one_declines_what_only_reading_every_file_can_settle(folders: tuple[Path, Path]) -> None:
    shipped, user = folders
    (shipped / "dark.toml").write_text(theme_text("dark", "#111111"))
    (user / "my-dark.toml").write_text(theme_text("dark", "#333333"))  # two files: the user's wins
    (shipped / "broken.toml").write_text('name = "broken"\nprimary = "not a colour"\n')
    registry = ThemeRegistry([shipped, user])
    assert not registry.load_one("dark")
    assert not registry.load_one("broken")  # its error is reported by the full load
    assert not registry.load_one("missing")
