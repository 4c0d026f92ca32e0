"""The save form in a confined save folder (--save-dir, every `bgtui serve` tab): refused paths are
shown in the form, OK stays disabled, and the file lands inside the folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from bgtui.app import make_app

from .conftest import WIDE, Recorder


async def test_the_form_refuses_paths_out_of_the_save_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "saves").mkdir()
    os.symlink(tmp_path, tmp_path / "saves" / "up")
    app = make_app(clock_running=False, watch_themes=False, save_dir="saves", served=True)
    toasts = Recorder(app)
    where = "files stay in the save folder saves"
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("ctrl+s")
        form = app.screen
        assert "Scenario file (in the save folder saves)" in str(form.query_one(".form-label").render())
        for text, problem in [("../x.toml", f"'..' is not allowed: {where}"),
                              (str(tmp_path / "x.toml"), f"an absolute path is not allowed: {where}"),
                              ("up/x.toml", f"up is a link that leads out of the save folder (to {tmp_path}): "
                                            f"{where}")]:
            await pilot.press("ctrl+u", *text)
            assert str(form.query_one("#form-problems").render()) == f"✗ {problem}"
            assert form.query_one("#ok").disabled
            await pilot.press("enter")
            assert app.screen is form  # not sent
        await pilot.press("ctrl+u", *"demo.toml", "enter")
        assert toasts.last().title == "Session saved"
    assert (tmp_path / "saves" / "demo.toml").is_file() and not (tmp_path / "x.toml").exists()
    assert app.title == "bgtui · this tab's own session"
