"""Install, end the ability, clear data, listeners and queries, from the keys: engine state and what is shown."""

from __future__ import annotations

from emulator.apps import KEEP_BACKGROUND_RUNNING
from emulator.service.continuous_calls import GET_BACKGROUND_TASK_INFO

from bgtui import ops
from bgtui.app import BgtuiApp

from .conftest import MUSIC, SYSTEM, UPLOADER, WIDE, Recorder, select_app, shown

MONITOR = "com.example.monitor"


async def test_install_an_app_from_the_form_with_install_apps_checks(app: BgtuiApp, toasts: Recorder) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("i", *MUSIC)
        form = app.screen
        assert form.query_one("#ok").disabled
        assert "com.example.music is already installed" in str(form.query_one("#form-problems").render())
        await pilot.press("ctrl+u", *"com.example.player", "tab", *"Player")
        assert not form.query_one("#ok").disabled
        await pilot.press("tab", "tab", "space", "tab", "space", "down", "space")  # atomic; KEEP off, GET on
        await pilot.press("tab", "space", "down", "space", "tab", *"fooMode")  # dataTransfer, audioPlayback
        assert "unknown backgroundModes are ignored by the bundle manager: fooMode" in str(
            form.query_one("#form-notes").render())
        await pilot.press("enter")
        player = app.emu.app("com.example.player")
        assert (player.label, player.atomic_service, player.system_app) == ("Player", True, False)
        assert player.background_modes == ("dataTransfer", "audioPlayback", "fooMode")
        assert sorted(player.permissions) == ["ohos.permission.GET_BACKGROUND_TASK_INFO"]
        assert (player.uid, player.state.value) == (20010005, "foreground")
        assert toasts.last().message == "Player installed with uid 20010005, launched with pid 10005"
        assert "Player" in shown(app, "apps")
        step = app.recorder.steps[-1]
        assert (step.name, step.args) == ("app.install", (
            "com.example.player", "Player", False, True, ["ohos.permission.GET_BACKGROUND_TASK_INFO"],
            ["dataTransfer", "audioPlayback", "fooMode"], []))


async def test_end_the_ability_and_clear_the_data(app: BgtuiApp, toasts: Recorder) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await select_app(pilot, app, MUSIC)
        await pilot.press("s", "enter", "k")
        music = app.emu.app(MUSIC)
        assert music.state.value == "dead" and app.emu.continuous.tasks == {}
        assert [e.kind.value for e in app.emu.events][-4:] == [
            "app.ability_ended", "notification.removed", "continuous.cancelled", "app.killed"]
        assert toasts.last().title == "End the ability"
        await pilot.press("k")
        assert toasts.last().message == "com.example.music is not running"
        await pilot.press("f", "C")
        assert music.state.value == "dead"
        assert [e.kind.value for e in app.emu.events][-2:] == ["app.data_cleared", "app.killed"]
        assert [s.name for s in app.recorder.steps] == [
            "startBackgroundRunning", "app.end_ability", "app.foreground", "app.clear_data"]


async def test_a_suspend_listener_makes_y_suspend_and_the_log_says_what_the_app_heard(app: BgtuiApp) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await select_app(pilot, app, MUSIC)
        await pilot.press("s", "enter", "L", "tab", "space", "enter")
        assert app.emu.snapshot().app(MUSIC).listeners == ("continuousTaskSuspend",)
        assert "suspend" in shown(app, "apps").splitlines()[1]
        await pilot.press("3", "y")
        task = app.emu.snapshot().continuous_tasks[0]
        assert task.suspended and task.continuous_task_id == 1
        heard = app.session.trace.since(0)
        assert [(h.kind, h.reason) for h in heard] == [
            ("app.heard", "Music heard on('continuousTaskSuspend'): "
                          "ContinuousTaskSuspendInfo { continuousTaskId: 1, suspendState: true, suspendReason: -1, "
                          "suspendMessage: SuspendMessage { message: \"Audio is not running when request audio "
                          "playback mode.\", reason: 6 } }")]
        await pilot.pause()
        assert "Music heard on('continuousTaskSuspend')" in shown(app, "log")
        await select_app(pilot, app, MUSIC)
        await pilot.press("L", "tab", "space", "enter")  # off again
        assert app.emu.snapshot().app(MUSIC).listeners == ()
        assert [(s.name, s.args) for s in app.recorder.steps][1:] == [
            ("on", ("continuousTaskSuspend", "$callback")), ("system.suspend_continuous_task", (1,)),
            ("off", ("continuousTaskSuspend",))]


async def test_a_system_app_subscribes_to_every_apps_task_state(app: BgtuiApp, toasts: Recorder) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await select_app(pilot, app, SYSTEM)
        await pilot.press("L")
        assert "lacks GET_BACKGROUND_TASK_INFO: the device answers 201" in str(
            app.screen.query_one("#form-notes").render())
        await pilot.press("tab", "tab", "tab", "space", "enter")
        assert toasts.last().title == "subscribeContinuousTaskState: refused (201)"
        ops.install_app(app.recorder, MONITOR, system_app=True, permissions=[GET_BACKGROUND_TASK_INFO, KEEP_BACKGROUND_RUNNING])
        app.publish()
        await select_app(pilot, app, MONITOR)
        await pilot.press("L", "tab", "tab", "tab", "space", "enter")
        assert app.emu.snapshot().app(MONITOR).listeners == ("subscribeContinuousTaskState",), toasts.toasts
        await select_app(pilot, app, MUSIC)
        await pilot.press("s", "enter")
        assert [h.reason.split(":")[0] for h in app.session.trace.since(0)] == [
            "com.example.monitor heard subscribeContinuousTaskState onContinuousTaskStart"]
        await select_app(pilot, app, MONITOR)
        await pilot.press("L", "tab", "tab", "tab", "space", "enter")  # unsubscribe: the very object subscribed
        assert app.emu.snapshot().app(MONITOR).listeners == ()
        assert [(s.name, s.args) for s in app.recorder.steps if "ContinuousTaskState" in s.name][-2:] == [
            ("subscribeContinuousTaskState", ("$subscriber",)), ("unsubscribeContinuousTaskState", ("$subscriber",))]


async def test_queries_show_the_fields_the_app_receives_and_refusals_their_code(app: BgtuiApp,
                                                                                toasts: Recorder) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await select_app(pilot, app, UPLOADER)
        await pilot.press("t", "enter", "g", "down", "enter")  # getTransientTaskInfo
        text = app.screen.text  # type: ignore[attr-defined]
        assert text.splitlines()[:3] == ["TransientTaskInfo {", "  remainingQuota: 600000", "  transientTasks: ["]
        assert "      requestId: 1" in text
        await pilot.press("escape", "g", "enter")  # getRemainingDelayTime(1)
        assert app.screen.text == "180000"  # type: ignore[attr-defined]
        await pilot.press("escape", "g", "down", "down", "down", "down", "down", "enter")
        assert toasts.last().title == "getAllEfficiencyResources: refused (202)"
        assert app.screen.text.splitlines()[1] == "  code: 202"  # type: ignore[attr-defined]
        await pilot.press("escape")
        assert [line.kind for line in app.session.trace.since(0)] == ["app.query"] * 3
        assert [s.name for s in app.recorder.steps] == [
            "requestSuspendDelay", "getTransientTaskInfo", "getRemainingDelayTime", "getAllEfficiencyResources"]
