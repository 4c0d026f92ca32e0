"""Record and replay: a lifecycle played with the keys, saved with ctrl+s, replays headless to the same log."""

from __future__ import annotations

from pathlib import Path

import pytest
from emulator.scenario import load, run_scenario

from bgtui.app import BgtuiApp

from .conftest import MUSIC, SYSTEM, UPLOADER, WIDE, Recorder, select_app
from .live_files import live_app, write_scenario

NAVIGATION = "com.example.navigation"


async def test_record_then_replay_gives_the_same_log(app: BgtuiApp, toasts: Recorder, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # the form offers session.toml in the current folder
    async with app.run_test(size=WIDE) as pilot:
        await select_app(pilot, app, UPLOADER)
        await pilot.press("t", "enter")  # an upload that ignores its callback
        await pilot.press("t", "tab", "space", "enter")  # one that cancels itself in its callback
        await pilot.press("b", "m")  # to the background, then a minute
        await select_app(pilot, app, MUSIC)
        await pilot.press("s", "enter", "b")  # audioPlayback, then the background
        await select_app(pilot, app, SYSTEM)
        await pilot.press("e", "enter", ".")  # a 30 s CPU grant
        await pilot.press("5", "w")  # the user swipes Music's notification away
        await pilot.press("[", "n", "n")  # battery -10 %, then the next two events
        await select_app(pilot, app, NAVIGATION)
        await pilot.press("x", "o")  # kill, relaunch
        await pilot.press("F", "enter")  # the next requestSuspendDelay fails with 9800003
        await select_app(pilot, app, UPLOADER)
        await pilot.press("t", "enter", "m", "m", "m")  # refused; then the uploads time out
        await pilot.press("R")  # every override back
        assert app.emu.app(UPLOADER).state.value == "dead"  # the unhandled timeout terminated it
        steps = [str(step) for step in app.recorder.steps]
        assert len(steps) == 13 and "-> error 9800003" in steps[11] and "(callback: cancel)" in steps[1]

        await pilot.press("ctrl+s")
        assert app.screen.query_one("#path").value == "session.toml"
        await pilot.press("enter")
        assert toasts.last().title == "Session saved" and "session.toml" in toasts.last().message

    run = run_scenario(load(str(tmp_path / "session.toml")))
    assert run.ok  # the refused call is expected to be refused, the others to succeed
    assert run.emu.events.to_jsonl() == app.emu.events.to_jsonl()


async def test_time_keys_are_not_recorded_but_actions_are(app: BgtuiApp) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("+", "-", ".", "m", "n")
        assert len(app.recorder) == 0
        await select_app(pilot, app, UPLOADER)
        await pilot.press("b", "c", "v")
        assert [(s.at_ms, s.name, s.args) for s in app.recorder.steps] == [
            (61_000, "app.background", ()), (61_000, "device.charging", (True,)),
            (61_000, "device.screen_on", (False,))]
        await pilot.press("space", "space")
        assert len(app.recorder) == 3


async def test_the_save_form_checks_the_path_as_you_type(app: BgtuiApp, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("ctrl+s", "ctrl+u", *"x.txt")
        form = app.screen
        assert form.query_one("#ok").disabled and "end the name with .toml" in str(form.query_one("#form-problems")
                                                                                 .render())
        await pilot.press("ctrl+u", *"no/x.toml")
        assert "does not exist" in str(form.query_one("#form-problems").render())
        await pilot.press("ctrl+u", *"ok.toml")
        assert not form.query_one("#ok").disabled
        await pilot.press("enter")
        assert (tmp_path / "ok.toml").is_file() and len(app.screen_stack) == 1


async def test_a_session_on_a_scenario_starts_from_its_device_and_says_so(tmp_path: Path) -> None:
    app = live_app(write_scenario(tmp_path))
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("ctrl+s")
        assert app.screen.query_one("#path").value == "live-session.toml"
        await pilot.press("escape", "n", "n")
        path = app.screen.save_session(tmp_path / "rec.toml")  # type: ignore[attr-defined]
    text = path.read_text()
    assert "battery_level = 80" in text and 'label = "Uploader"' in text
    assert "scenario 'live-test'" in text and "own steps are not in this file" in text


async def test_save_session_is_in_the_help_and_the_palette(app: BgtuiApp) -> None:
    from bgtui.commands import ActionsProvider
    from bgtui.keymap import keys_markdown

    assert "| `ctrl+s` | Save every action taken so far" in keys_markdown()
    async with app.run_test(size=WIDE):
        titles = [title for title, _help, _run in ActionsProvider(app.screen)._commands()]
        assert "Save the session…" in titles
