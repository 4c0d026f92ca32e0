"""Policies, service restart, reboot, the hidumper dump and the log export, from the keys."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from emulator.dump import DUMP_COMMANDS, dump
from emulator.scenario import load
from emulator.scenario.report import CSV_COLUMNS

from bgtui.actions.reach_device import REBOOT_TEXT, RESTART_TEXT
from bgtui.app import BgtuiApp

from .conftest import MUSIC, SYSTEM, UPLOADER, WIDE, Recorder, select_app


async def test_the_policies_form_sets_every_knob_the_banner_shows_them_and_r_resets(app: BgtuiApp,
                                                                                   toasts: Recorder) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("P", "ctrl+u", *"30s", "tab")
        await pilot.press("enter", "down", "enter")  # unhandled timeout: suspend
        await pilot.press("tab", "enter", "down", "enter")  # an uncaught exception in app code: only logged
        await pilot.press("tab", "enter", "down", "down", "enter")  # task keeping: off
        await pilot.press("ctrl+s")
        emu = app.emu
        assert (emu.policy.suspend_grace_ms, emu.policy.unhandled_timeout) == (30_000, "suspend")
        assert emu.policy.uncaught_exception == "log"
        assert emu.device.support_task_keeping is False
        assert toasts.last().message.startswith(
            "Set suspend_grace, unhandled_timeout, uncaught_exception, support_task_keeping")
        await pilot.pause()
        banner = str(app.main_screen.query_one("#overrides").render())
        assert "task keeping off · suspend grace 30000 ms · unhandled timeout: suspend" in banner
        assert [(s.name, s.args) for s in app.recorder.steps] == [
            ("policy.suspend_grace", ("30s",)), ("policy.unhandled_timeout", ("suspend",)),
            ("policy.uncaught_exception", ("log",)), ("device.support_task_keeping", (False,))]
        await pilot.press("R")
        assert (emu.policy.suspend_grace_ms, emu.policy.unhandled_timeout) == (6_000, "terminate")
        assert emu.policy.uncaught_exception == "crash"
        assert emu.snapshot().overrides == ()


async def test_the_policies_form_refuses_a_bad_duration(app: BgtuiApp) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("P", "ctrl+u", *"soon")
        assert app.screen.query_one("#ok").disabled
        assert "a duration >= 0" in str(app.screen.query_one("#form-problems").render())
        await pilot.press("escape")
        assert len(app.recorder) == 0


async def test_restart_asks_first_then_restores_the_continuous_task_and_loses_the_transient(
        app: BgtuiApp, toasts: Recorder) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await select_app(pilot, app, MUSIC)
        await pilot.press("s", "enter", "t", "enter", "r")
        assert app.screen.query_one(".form-about").render().plain == RESTART_TEXT  # type: ignore[union-attr]
        await pilot.press("escape")
        assert len(app.emu.transient.requests) == 1
        await pilot.press("r", "enter")
        assert len(app.emu.transient.requests) == 0 and list(app.emu.continuous.tasks) != []
        assert toasts.last().title == "Restart the service"
        assert "continuous.restored" in [e.kind.value for e in app.emu.events]
        assert app.recorder.steps[-1].name == "service.restart"


async def test_reboot_asks_first_then_every_process_dies_and_uptime_restarts(app: BgtuiApp) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("m", "ctrl+r")
        assert app.screen.query_one(".form-about").render().plain == REBOOT_TEXT  # type: ignore[union-attr]
        await pilot.press("enter")
        snap = app.emu.snapshot()
        assert snap.device.uptime_ms == 0 and {a.state for a in snap.apps} == {"dead"}
        assert app.recorder.steps[-1].name == "device.reboot"


async def test_the_dump_pane_shows_the_same_text_as_bgtui_dump(app: BgtuiApp) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await select_app(pilot, app, SYSTEM)
        await pilot.press("e", "enter", "t", "enter", "H")
        text = app.screen.text  # type: ignore[attr-defined]
        for command in DUMP_COMMANDS:
            assert f'$ hidumper -s 1903 -a "{" ".join(command)}"\n{dump(app.emu, command)}' in text
        assert "\tAppName: com.example.system\n" in text
        await pilot.press("pagedown", "escape")
        assert len(app.screen_stack) == 1


async def test_export_the_log_as_jsonl_and_csv_like_bgtui_play(app: BgtuiApp, toasts: Recorder, tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    async with app.run_test(size=WIDE) as pilot:
        await select_app(pilot, app, UPLOADER)
        await pilot.press("t", "enter", "g", "down", "enter", "escape")
        await pilot.press("ctrl+e")
        assert app.screen.query_one("#path").value == "events.jsonl"
        await pilot.press("ctrl+u", *"x.txt")
        assert "end the name with .jsonl" in str(app.screen.query_one("#form-problems").render())
        await pilot.press("ctrl+u", *"events.jsonl", "enter")
        lines = (tmp_path / "events.jsonl").read_text().splitlines()
        engine = [json.loads(line) for line in lines if '"seq"' in line]
        assert [e["seq"] for e in engine] == [e.seq for e in app.emu.events]
        assert json.loads(lines[-1])["kind"] == "app.query"
        assert toasts.last().title == "Event log exported"
        await pilot.press("/", *"kind:transient", "enter", "ctrl+e", "ctrl+u", *"t.csv")
        await pilot.press("enter")
        rows = (tmp_path / "t.csv").read_text().splitlines()
        assert rows[0] == ",".join(CSV_COLUMNS)
        assert len(rows) == 1 + sum(1 for e in app.emu.events if e.kind.value.startswith("transient"))


async def test_a_session_exported_equals_bgtui_play_of_the_saved_session(app: BgtuiApp, tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    from emulator.scenario.report import JsonlWriter
    from emulator.scenario.runner import ScenarioRun

    monkeypatch.chdir(tmp_path)
    async with app.run_test(size=WIDE) as pilot:
        await select_app(pilot, app, MUSIC)
        await pilot.press("s", "enter", "b", "n")
        await pilot.press("ctrl+e", "enter")
        app.main_screen.save_session(tmp_path / "s.toml")
    exported = [line for line in (tmp_path / "events.jsonl").read_text().splitlines() if '"seq"' in line]
    played: list[str] = []

    class Sink:
        def write(self, text: str) -> None:
            played.extend(text.splitlines())
    run = ScenarioRun(load(str(tmp_path / "s.toml")), JsonlWriter(Sink()))  # type: ignore[arg-type]
    run.run()
    assert exported == [line for line in played if '"seq"' in line]
