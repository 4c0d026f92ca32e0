"""Every action of issue 12 in one session, saved with ctrl+s: the file replays headless to the same event log."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from emulator.scenario import load, run_scenario

from emulator.service.continuous_calls import GET_BACKGROUND_TASK_INFO

from bgtui import ops
from bgtui.app import BgtuiApp
from bgtui.reach_map import REACHES

from .conftest import MUSIC, SYSTEM, UPLOADER, WIDE, Recorder, select_app

NAVIGATION = "com.example.navigation"
PLAYER = "com.example.player"
MONITOR = "com.example.monitor"
MEDIA = "com.example.media"


class Session:
    """Presses the keys of one action and checks that it recorded only what bgtui.reach_map says it reaches."""

    def __init__(self, pilot: Any, app: BgtuiApp) -> None:
        self.pilot, self.app = pilot, app
        self.used: set[str] = set()

    async def act(self, action: str, *keys: str, send: bool = False) -> None:
        """Press `keys`; with `send`, then click the open form's OK (enter on a Select opens it)."""
        before = len(self.app.recorder)
        await self.pilot.press(*keys)
        if send:
            await self.pilot.click("#ok")
        names = {s.name for s in self.app.recorder.steps[before:]}
        assert names <= set(REACHES.get(action, ())), (action, names)
        self.used |= names


async def test_every_new_action_in_one_session_replays_to_the_same_log(app: BgtuiApp, toasts: Recorder,
                                                                     tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    async with app.run_test(size=WIDE) as pilot:
        s = Session(pilot, app)
        await s.act("install_app", "i", *PLAYER, "tab", *"Player", "tab", "tab", "tab", "tab", "down", "space",
                    "enter")  # declares audioPlayback; KEEP_BACKGROUND_RUNNING is on by default
        assert app.emu.app(PLAYER).background_modes == ("audioPlayback",)
        await select_app(pilot, app, MUSIC)
        await s.act("start_continuous", "s", "enter")
        await s.act("listeners", "L", "tab", "space", "enter")
        await s.act("app_background", "b")
        await s.act("system_suspend", "3", "y")
        assert app.emu.snapshot().continuous_tasks[0].suspended
        await s.act("policies", "P", "ctrl+u", *"30s", "tab", "enter", "down", "enter", send=True)
        await select_app(pilot, app, UPLOADER)
        await s.act("request_transient", "t", "enter")
        await s.act("query", "g", "down", "enter", "escape")
        await s.act("query", "g", "enter", "escape")
        await pilot.press("m")
        await select_app(pilot, app, PLAYER)
        await s.act("start_request", "a", "tab", "space", "enter")
        first = app.emu.snapshot().continuous_tasks[-1].continuous_task_id
        await s.act("start_request", "a", "tab", "space", "tab", "ctrl+u", str(first), "enter")
        await s.act("query", "g", "down", "down", "enter", "escape")
        await s.act("update_request", "U", "enter")
        await s.act("stop_by_id", "X", "enter")
        await s.act("start_request", "a", "space", "ctrl+o")  # send anyway: no mode
        await select_app(pilot, app, SYSTEM)
        await s.act("listeners", "L", "tab", "tab", "tab", "space", "enter")  # refused 201: recorded as refused
        ops.install_app(app.recorder, MONITOR, system_app=True, permissions=[GET_BACKGROUND_TASK_INFO])
        app.publish()
        await select_app(pilot, app, MONITOR)
        await s.act("listeners", "L", "tab", "tab", "tab", "space", "enter")  # subscribes: hears Player's tasks
        await select_app(pilot, app, PLAYER)
        await s.act("start_request", "a", "tab", "space", "enter")
        await select_app(pilot, app, MONITOR)
        await s.act("listeners", "L", "tab", "tab", "tab", "space", "enter")  # unsubscribes
        assert app.emu.snapshot().app(MONITOR).listeners == ()
        await select_app(pilot, app, SYSTEM)
        await s.act("query", "g", "down", "down", "down", "down", "enter", "escape")
        await s.act("query", "g", "down", "down", "down", "down", "down", "enter", "escape")
        await s.act("apply_efficiency", "e", "space", "ctrl+o")  # send anyway: no resource type
        await s.act("apply_efficiency", "e", "enter")
        await pilot.press("n")
        await select_app(pilot, app, PLAYER)
        await s.act("end_ability", "k")
        await select_app(pilot, app, NAVIGATION)
        await s.act("clear_data", "C")
        await s.act("restart_service", "r", "enter")
        await pilot.press(".")
        await s.act("reboot", "ctrl+r", "enter")
        await pilot.press("H", "escape")
        await pilot.press("ctrl+e", "enter")
        assert (tmp_path / "events.jsonl").is_file()
        await select_app(pilot, app, MUSIC)
        await s.act("app_foreground", "f")
        await s.act("listeners", "L", "tab", "tab", "space", "enter")  # a new process: active on
        assert app.emu.snapshot().app(MUSIC).listeners == ("continuousTaskActive",)
        await s.act("listeners", "L", "tab", "tab", "space", "enter")  # active off
        await s.act("reset_overrides", "R")
        assert app.emu.snapshot().overrides == ()
        await s.act("install_app", "i", *MEDIA, "tab", *"Media", "tab", "tab", "tab", "down", "down", "down", "space",
                    "tab", "tab", "tab", *"EntryAbility=audioPlayback; EditAbility=specialScenarioProcessing",
                    "enter")  # KEEP and the special-scenario ACL; two named abilities
        await select_app(pilot, app, MEDIA)
        await s.act("request_method", "M", "enter")  # isModeSupported
        await s.act("request_method", "M", "down", "enter")  # requestAuthFromUser: the banner
        await s.act("auth_answer", "A", "home", "enter")  # allow once
        await pilot.press("n")
        await s.act("request_method", "M", "down", "down", "enter")  # checkSpecialScenarioAuth
        await s.act("request_method", "M", "down", "down", "down", "enter")  # ...ByDialog: already granted
        await pilot.press(".")  # its callback hears the answer once time moves
        await s.act("request_method", "M", "down", "down", "down", "down", "enter")  # ...Result
        await s.act("request_method", "M", "tab", "end", "up", "up", "space", "shift+tab", "enter")  # refused
        await select_app(pilot, app, MUSIC)
        await s.act("media", "V", "space", "enter")  # audio renderer on
        await s.act("media", "V", "space", "enter")  # and off
        await s.act("media", "V", "tab", "space", "enter")  # AVSession notification published
        await s.act("media", "V", "tab", "tab", "space", "enter")  # navigation capsule shown
        await select_app(pilot, app, MEDIA)
        await s.act("end_ability", "k")
        assert "EditAbility alone is not emulated" in toasts.last().message
        issue = {"app.install", "app.end_ability", "app.clear_data", "on", "getTransientTaskInfo",
                 "getRemainingDelayTime", "getAllContinuousTasks", "obtainAllContinuousTasks",
                 "getAllEfficiencyResources", "subscribeContinuousTaskState", "unsubscribeContinuousTaskState",
                 "off", "policy.suspend_grace",
                 "policy.unhandled_timeout", "service.restart", "device.reboot", "startBackgroundRunning",
                 "updateBackgroundRunning", "stopBackgroundRunning", "app.audio_playing", "device.auth_dialog_answer",
                 "app.avsession_notification", "app.navigation_capsule",
                 *(f"ContinuousTaskRequest.{m}" for m in ("isModeSupported", "requestAuthFromUser",
                                                           "checkSpecialScenarioAuth", "requestAuthFromUserByDialog",
                                                           "checkSpecialScenarioAuthResult"))}
        assert sorted(issue - s.used) == []
        heard = [line.reason.split(":")[0] for line in app.session.trace.since(0) if line.kind == "app.heard"]
        assert heard == ["Music heard on('continuousTaskSuspend')",
                         "com.example.monitor heard subscribeContinuousTaskState onContinuousTaskStart",
                         "Media heard the requestAuthFromUser callback",
                         "Media heard the requestAuthFromUserByDialog callback"]
        assert app.recorder.steps[-1].name == "app.end_ability"
        assert [s.args[-1] for s in app.recorder.steps if s.name == "app.install"][-1] == {
            "EntryAbility": ["audioPlayback"], "EditAbility": ["specialScenarioProcessing"]}
        await pilot.press("ctrl+s", "enter")
        assert toasts.last().title == "Session saved"
    run = run_scenario(load(str(tmp_path / "session.toml")))
    assert run.ok, [f.describe("session.toml") for f in run.failures]
    assert run.emu.events.to_jsonl() == app.emu.events.to_jsonl()
