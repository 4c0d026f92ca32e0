"""`bgtui screenshot FILE --at TIME`: an SVG of the dashboard at a virtual time of a scenario."""

from __future__ import annotations

from pathlib import Path

import pytest

from bgtui.cli import main


def test_a_screenshot_of_a_demo_at_3_minutes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "x.svg"
    assert main(["screenshot", "demo:upload-timeout", "--at", "3m", "-o", str(out), "--theme", "light"]) == 0
    assert capsys.readouterr().out == f"{out}\n"
    svg = out.read_text()
    for text in ("Uploader", "background", "upload-timeout", "00:03:00.0", "PAUSED", "transient.expiring"):
        assert text in svg.replace("&#160;", " ")


def test_the_default_name_is_the_stem_and_the_time(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["screenshot", "demo:upload-timeout", "--at", "90s", "--size", "80x24"]) == 0
    assert (tmp_path / "upload-timeout-1m30s.svg").is_file()
    assert capsys.readouterr().out.strip() == str(tmp_path / "upload-timeout-1m30s.svg")
    assert main(["screenshot", "demo:upload-timeout", "--at", "1h"]) == 0  # past the end: fine


@pytest.mark.parametrize(("argv", "says"), [
    (["demo:upload-timeout", "--at", "3 minutes"], "bgtui screenshot: --at '3 minutes' is not a duration"),
    (["demo:upload-timeout"], "bgtui screenshot: the following arguments are required: --at"),
    (["demo:nope", "--at", "3m"], "demo:nope: no demo named 'nope'"),
    (["demo:upload-timeout", "--at", "3m", "--size", "big"], "bgtui screenshot: --size 'big': expected"),
    (["demo:upload-timeout", "--at", "3m", "-o", "/no/such/folder/x.svg"], "the folder /no/such/folder does not"),
    (["demo:upload-timeout", "--at", "3m", "--theme", "nope"], "unknown theme 'nope'"),
])
def test_invalid_input_is_one_line_and_exit_2(argv: list[str], says: str, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["screenshot", *argv]) == 2
    err = capsys.readouterr().err
    assert says in err and err.count("\n") == 1
    assert not list(tmp_path.iterdir())
