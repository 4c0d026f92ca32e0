"""Issue 16, point 8: a file out of proportion is refused before it runs, with its line, its count and
its cost, unless --allow-large (allow_large=True in Python) says to play it anyway."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from bgtui.cli import main as bgtui_main
from emulator.scenario import size
from emulator.scenario.cli import main as headless_main
from emulator.scenario.load import load, load_file, load_text
from emulator.scenario.model import ScenarioError
from emulator.scenario.runner import ScenarioRun
from emulator.scenario.tomlpos import KeyLines

ALLOW = "unless --allow-large (allow_large=True in Python) is given"
HUGE = '''[scenario]
name = "huge"

[[steps]]
at = "0s"
every = "1ms"
times = 100000000
do = "device.battery_level"
args = [50]
'''
HUGE_MESSAGE = (f"steps[1].times: runs 100,000,000 times (every 1ms), more than the 1,000,000 a step may run {ALLOW}; "
                "it would take about 24 min and 15 GB of log")


def _step(times: int, at: str = "0s", every: str = "1s") -> str:
    return f'[[steps]]\nat = "{at}"\nevery = "{every}"\ntimes = {times}\ndo = "device.battery_level"\nargs = [50]\n'


def _file(tmp_path: Path, text: str = HUGE) -> str:
    path = tmp_path / "huge.toml"
    path.write_text(text, encoding="utf-8")
    return str(path)


def _headless(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    return headless_main(list(argv), out, err), out.getvalue(), err.getvalue()


# -- the limit of one step ---------------------------------------------------------------------------

def test_a_step_of_a_hundred_million_runs_is_refused_with_its_line_count_and_cost() -> None:
    with pytest.raises(ScenarioError) as info:
        load_text(HUGE, "huge.toml")
    assert str(info.value) == f"huge.toml:7: {HUGE_MESSAGE}"


def test_until_is_named_when_it_makes_the_count() -> None:
    text = '[[steps]]\nat = "0s"\nevery = "10ms"\nuntil = "7d"\ndo = "device.screen_on"\nargs = [true]\n'
    with pytest.raises(ScenarioError) as info:
        load_text(text, "week.toml")
    assert str(info.value) == ("week.toml:4: steps[1].until: runs 60,480,001 times (every 10ms until 7d), more than "
                               f"the 1,000,000 a step may run {ALLOW}; it would take about 14 min and 9.1 GB of log")


def test_the_step_limit_is_a_million_runs() -> None:
    assert load_text(_step(1_000_000)).steps[0].times == 1_000_000
    with pytest.raises(ScenarioError, match=r"^<scenario>:4: steps\[1\]\.times: runs 1,000,001 times \(every 1s\)"):
        load_text(_step(1_000_001))


@pytest.mark.parametrize("argv", [
    ["play", "{f}"], ["play", "{f}", "--format", "jsonl"], ["dump", "-T", "All", "{f}"],
    ["dump", "-C", "--all", "{f}", "--at", "1s"],
], ids=["play", "play-jsonl", "dump", "dump-at"])
def test_the_headless_commands_refuse_it_in_one_line_exit_2(tmp_path: Path, argv: list[str]) -> None:
    f = _file(tmp_path)
    code, out, err = _headless(*(a.format(f=f) for a in argv))
    assert (code, out, err) == (2, "", f"{f}:7: {HUGE_MESSAGE}\n")


@pytest.mark.parametrize("argv", [
    ["{f}"], ["timeline", "{f}", "--format", "text"], ["diff", "{f}", "demo:upload-timeout"],
    ["screenshot", "{f}", "--at", "1s", "-o", "{d}/shot.svg"], ["serve", "{f}", "--port", "0"],
], ids=["dashboard", "timeline", "diff", "screenshot", "serve"])
def test_the_other_commands_refuse_it_in_one_line_exit_2(tmp_path: Path, argv: list[str],
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    f = _file(tmp_path)
    assert bgtui_main([a.format(f=f, d=tmp_path) for a in argv]) == 2
    captured = capsys.readouterr()
    assert (captured.out, captured.err) == ("", f"{f}:7: {HUGE_MESSAGE}\n")
    assert not (tmp_path / "shot.svg").exists()


# -- allowed -------------------------------------------------------------------------------------------

def test_the_python_keyword_allows_it_on_every_loader(tmp_path: Path) -> None:
    f = _file(tmp_path)
    for sc in (load_text(HUGE, allow_large=True), load_file(f, allow_large=True), load(f, allow_large=True)):
        assert sc.steps[0].times == 100_000_000 and sc.end_ms == 99_999_999


def test_the_flag_allows_it_and_the_run_is_not_expanded(tmp_path: Path) -> None:
    f = _file(tmp_path)
    code, out, err = _headless("dump", "-T", "All", f, "--at", "5ms", "--allow-large")
    assert (code, out, err) == (0, "No Transient Task!\n", "")
    run = ScenarioRun(load(f, allow_large=True))
    run.run(until_ms=5)
    assert run.entries == 7 and len(run._queue) == 1  # 1 policy + 6 runs (0..5 ms); one queued run, not 10**8


@pytest.mark.parametrize("argv", [
    ["play", "{f}", "--allow-large"], ["play", "--allow-large", "{f}", "--format", "jsonl"],
], ids=["play", "play-flag-first"])
def test_play_with_the_flag_plays_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, argv: list[str]) -> None:
    monkeypatch.setattr(size, "MAX_STEP_RUNS", 3)  # a short file over a lowered limit: the same code path
    f = _file(tmp_path, _step(4))
    code, out, err = _headless("play", f)
    assert code == 2 and err.startswith(f"{f}:4: steps[1].times: runs 4 times (every 1s), more than the 3 a step")
    code, out, err = _headless(*(a.format(f=f) for a in argv))
    assert code == 0 and out.count("scenario.do") == 4, (out, err)


def test_every_command_that_loads_a_file_shows_the_flag_in_its_help(capsys: pytest.CaptureFixture[str]) -> None:
    for argv in (["play", "--help"], ["dump", "--help"]):
        code, out, _ = _headless(*argv)
        assert code == 0 and "--allow-large     play a file past the size limits" in out, argv
    for argv in (["--help"], ["timeline", "--help"], ["screenshot", "--help"], ["serve", "--help"], ["diff", "--help"]):
        try:
            code = bgtui_main(argv)
        except SystemExit as exit_:  # argparse's --help
            code = exit_.code
        out = " ".join(capsys.readouterr().out.split())  # argparse wraps its help lines
        assert code == 0 and "--allow-large" in out and "a step running more than 1,000,000 times" in out, argv


# -- the limit of a file ------------------------------------------------------------------------------

def test_a_file_over_two_million_runs_in_all_is_refused_at_the_step_that_crosses() -> None:
    text = _step(800_000) + _step(800_000) + _step(800_000) + _step(5)
    with pytest.raises(ScenarioError) as info:
        load_text(text, "three.toml")
    assert str(info.value) == (
        "three.toml:13: steps[3]: the steps add up to 2,400,000 runs by this one (2,400,005 in all, over 4 steps), "
        f"more than the 2,000,000 a file may run {ALLOW}; it would take about 34 s and 360 MB of log")
    assert sum(s.times for s in load_text(text, allow_large=True).steps) == 2_400_005


def test_a_file_of_more_steps_than_the_file_limit_is_refused_before_it_is_parsed(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(size, "MAX_FILE_RUNS", 3)
    once = '[[steps]]\nat = "0s"\ndo = "device.charging"\nargs = [true]\n'
    text = 'note = """\n[[steps]]\n"""\n' + once * 5  # a header inside a string is not a step
    monkeypatch.setattr("tomllib.loads", _never_parsed)
    with pytest.raises(ScenarioError) as info:
        load_text(text, "many.toml")
    assert str(info.value) == (f"many.toml:16: steps[4]: the file has 5 steps, more than the 3 runs a file may have "
                               f"{ALLOW}; it would take about 0 s and 0 MB of log at least")


def _never_parsed(text: str) -> None:
    raise AssertionError("parsed before its size was checked")


def test_many_steps_within_the_limits_load_and_run_in_time_order() -> None:
    text = "".join(f'[[steps]]\nat = "{i // 2}ms"\ndo = "device.battery_level"\nargs = [{10 + i % 80}]\n'
                   for i in range(2000))
    sc = load_text(text)
    assert [s.line for s in sc.steps[:3]] == [1, 5, 9] and sc.end_ms == 999
    times: list[int] = []
    ScenarioRun(sc, lambda e: times.append(e.time_ms) if e.kind == "scenario.do" else None).run()
    assert times == [i // 2 for i in range(2000)]


def test_a_scenario_built_by_code_out_of_time_order_still_runs_in_time_order() -> None:
    sc = load_text(_step(2, at="3s") + _step(1, at="4s") + _step(1, at="5s"))
    sc.steps.reverse()  # a Scenario is plain data: code may build it in any order
    seen: list[tuple[int, int | None]] = []
    ScenarioRun(sc, lambda e: seen.append((e.time_ms, e.step)) if e.kind == "scenario.do" else None).run()
    assert seen == [(3000, 1), (4000, 1), (4000, 2), (5000, 3)]


def test_key_lines_are_found_on_demand_in_any_table_order() -> None:
    text = '[scenario]\nname = "x"\n[[steps]]\nat = "0s"\n\n[[steps]]\nx.y = 1\nat = "1s"\n[[apps]]\nbundle_name = "a"\n'
    lines = KeyLines(text)
    assert lines.count(("steps",)) == 2 and lines.count(("apps",)) == 1 and lines.count(("nothing",)) == 0
    assert [lines.line(p) for p in (("steps", 1, "at"), ("steps", 0, "at"), ("steps", 1, "x", "y"),
                                    ("scenario", "name"), ("apps", 0, "bundle_name"), ("steps", 2, "at"))] == \
        [8, 4, 7, 2, 10, 1]
