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


def test_a_scenario_file_that_does_not_load_is_one_line_and_exit_2(capsys: pytest.CaptureFixture[str],
                                                                   tmp_path) -> None:  # type: ignore[no-untyped-def]
    assert main([str(tmp_path / "missing.toml")]) == 2
    assert capsys.readouterr().err == f"{tmp_path / 'missing.toml'}: no such file\n"
    bad = tmp_path / "bad.toml"
    bad.write_text('[scenario]\nname = "x"\n\n[[steps]]\nat = "2 minutes"\ndo = "app.kill"\n')
    assert main([str(bad)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"{bad}:5: steps[1].at: ") and err.count("\n") == 1


def test_watch_needs_a_file(capsys: pytest.CaptureFixture[str]) -> None:
    for argv in (["--watch"], ["demo:upload-timeout", "--watch"]):
        with pytest.raises(SystemExit) as exit_:
            main(argv)
        assert exit_.value.code == 2
        assert "--watch needs a scenario FILE" in capsys.readouterr().err


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
