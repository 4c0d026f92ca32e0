"""The save folder: a served tab writes only inside it; '..', absolute paths and links out are refused."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from bgtui.save_folder import PathRefused, SaveFolder
from bgtui.screens.save_form import path_problems


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> SaveFolder:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "bgtui-sessions" / "sub").mkdir(parents=True)
    return SaveFolder("bgtui-sessions")


WHERE = "files stay in the save folder bgtui-sessions"


def test_a_plain_name_and_a_sub_folder_are_allowed(folder: SaveFolder, tmp_path: Path) -> None:
    assert folder.problems("run.toml") == [] and folder.problems("sub/run.toml") == []
    assert folder.write_text("sub/run.toml", "x") == tmp_path / "bgtui-sessions" / "sub" / "run.toml"
    assert (tmp_path / "bgtui-sessions" / "sub" / "run.toml").read_text() == "x"
    assert folder.label("Scenario file") == "Scenario file (in the save folder bgtui-sessions)"


@pytest.mark.parametrize("text", ["../run.toml", "sub/../../run.toml", "..", "sub/.."])
def test_dot_dot_is_refused(folder: SaveFolder, text: str) -> None:
    assert folder.problems(text) == [f"'..' is not allowed: {WHERE}"]
    with pytest.raises(PathRefused, match=r"^'\.\.' is not allowed"):
        folder.write_text(text, "x")


@pytest.mark.parametrize("text", ["/tmp/run.toml", "~/run.toml", "~"])
def test_an_absolute_path_is_refused(folder: SaveFolder, text: str) -> None:
    assert folder.problems(text) == [f"an absolute path is not allowed: {WHERE}"]
    with pytest.raises(PathRefused):
        folder.write_text(text, "x")


def test_a_link_out_of_the_folder_is_refused_and_nothing_is_written(folder: SaveFolder, tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    os.symlink(outside, tmp_path / "bgtui-sessions" / "out")
    os.symlink(outside / "victim.toml", tmp_path / "bgtui-sessions" / "victim.toml")
    assert folder.problems("out/run.toml") == [
        f"out is a link that leads out of the save folder (to {outside}): {WHERE}"]
    assert folder.problems("victim.toml") == [
        f"victim.toml is a link that leads out of the save folder (to {outside / 'victim.toml'}): {WHERE}"]
    for text in ("out/run.toml", "victim.toml"):
        with pytest.raises(PathRefused, match="is a link that leads out of the save folder"):
            folder.write_text(text, "x")
    assert list(outside.iterdir()) == []


def test_a_link_that_stays_inside_is_allowed(folder: SaveFolder, tmp_path: Path) -> None:
    os.symlink(tmp_path / "bgtui-sessions" / "sub", tmp_path / "bgtui-sessions" / "alias")
    assert folder.problems("alias/run.toml") == []
    folder.write_text("alias/run.toml", "y")
    assert (tmp_path / "bgtui-sessions" / "sub" / "run.toml").read_text() == "y"


def test_a_link_made_after_the_check_is_not_followed(folder: SaveFolder, tmp_path: Path) -> None:
    outside = tmp_path / "outside.toml"
    assert folder.problems("late.toml") == []
    os.symlink(outside, tmp_path / "bgtui-sessions" / "late.toml")  # between the form and the write
    with pytest.raises(PathRefused):
        folder.write_text("late.toml", "x")
    assert not outside.exists()


def test_missing_folders_empty_names_and_folders(folder: SaveFolder) -> None:
    assert folder.problems("  ") == ["give a file name"]
    assert folder.problems("sub") == ["sub is a folder"]
    assert folder.problems("nope/run.toml") == ["the folder bgtui-sessions/nope does not exist"]


def test_the_save_form_adds_the_toml_rule(folder: SaveFolder) -> None:
    assert path_problems("../x.txt", folder) == ["a scenario file is TOML: end the name with .toml",
                                                 f"'..' is not allowed: {WHERE}"]
    assert path_problems("", folder) == ["give a file name, e.g. session.toml"]


def test_in_a_terminal_a_path_goes_anywhere(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path / "..")
    anywhere = SaveFolder.anywhere()
    assert not anywhere.confined and anywhere.problems(str(tmp_path / "a.toml")) == []
    assert anywhere.label("Scenario file") == "Scenario file (relative to the current folder)"
