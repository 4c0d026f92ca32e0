"""The command line, and the key bar (the footer): keys shown, greyed when they cannot act, clickable."""

from __future__ import annotations

import subprocess
import sys

import pytest

from bgtui.app import BgtuiApp
from bgtui.cli import build_parser, main
from bgtui.widgets.key_bar import KeyBar

from .conftest import WIDE


def test_cli_options() -> None:
    args = build_parser().parse_args(["--speed", "5", "--paused", "--theme", "nord"])
    assert (args.speed, args.paused, args.theme, args.scenario) == (5.0, True, "nord", None)
    with pytest.raises(SystemExit):
        build_parser().parse_args(["--speed", "1000"])


def test_a_scenario_file_is_refused_clearly(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["demo.toml"])
    assert exit_.value.code == 2
    assert "scenarios are not supported yet" in capsys.readouterr().err


def test_an_unknown_theme_is_refused_clearly() -> None:
    done = subprocess.run([sys.executable, "-m", "bgtui", "--theme", "no-such-theme"], capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 2 and "unknown theme 'no-such-theme'" in done.stderr


async def test_the_key_bar_shows_the_keys_and_runs_a_clicked_one(app: BgtuiApp) -> None:
    async with app.run_test(size=WIDE) as pilot:
        bar = app.main_screen.query_one(KeyBar)
        text = bar.render().plain
        for shown in ("? Help", "space Pause/run", "+- Speed", "n Next event", "fbx App", "tT Transient",
                      "suS Continuous", "eEz Efficiency", "/ Filter", "palette"):
            assert shown in text
        assert "Reset device" not in text  # shown only when something differs from a fresh device
        enabled = {action: on for _key, _display, action, on, _group in bar.keys(app.main_screen)}
        assert enabled["app_background"] and not enabled["app_foreground"]  # Music is in the foreground
        await pilot.click(KeyBar, offset=(text.index("space") + 1, 0))
        assert app.driver.running
        await pilot.press("[")
        assert "R Reset device" in bar.render().plain
