"""App listeners, suspension and activation, and every cancellation path (service-rules §2.8, §2.9, §2.11)."""

import pytest

from emulator import ProcessState

from .conftest import install, kinds, last, make_agent


def start(app, modes):
    return app.backgroundTaskManager.startBackgroundRunning(app.context, modes, make_agent()).result()


class Ears:
    """Records what an app's listeners hear."""

    def __init__(self, app, *types):
        self.heard: list[tuple[str, object]] = []
        for t in types:
            app.backgroundTaskManager.on(t, lambda info, t=t: self.heard.append((t, info)))

    def of(self, type_):
        return [i for t, i in self.heard if t == type_]


# -- on / off with the service ---------------------------------------------------------------------
def test_on_needs_keep_background_running(emu):
    app = install(emu, "com.example.noperm", permissions=())
    with pytest.raises(Exception) as info:
        app.backgroundTaskManager.on("continuousTaskCancel", print)
    assert (info.value.code, info.value.message) == (201, "BussinessError 201: Permission denied.")
    assert emu.continuous.listeners.types_for(app.uid) == ()


def test_same_callback_not_added_twice(emu, music):
    calls = []
    cb = calls.append
    bt = music.backgroundTaskManager
    bt.on("continuousTaskCancel", cb)
    bt.on("continuousTaskCancel", cb)
    start(music, ["audioPlayback"])
    emu.user.remove_notification(0)
    assert len(calls) == 1
    assert "not added twice" in [e for e in emu.events if e.kind.value == "continuous.listener"][1].reason


def test_off_one_callback_and_all(emu, music):
    a, b = [], []
    bt = music.backgroundTaskManager
    bt.on("continuousTaskCancel", a.append)
    bt.on("continuousTaskCancel", b.append)
    bt.off("continuousTaskCancel", a.append)  # a bound method is a new object each time: nothing removed
    bt.off("continuousTaskCancel", print)  # never registered: silent
    start(music, ["audioPlayback"])
    emu.user.remove_notification(0)
    assert (len(a), len(b)) == (1, 1)
    bt.off("continuousTaskCancel")
    assert emu.continuous.listeners.types_for(music.uid) == ()


def test_listeners_are_per_process(emu, music):
    Ears(music, "continuousTaskCancel")
    music.kill()
    music.to_foreground()
    assert emu.continuous.listeners.types_for(music.uid) == ()


# -- suspension --------------------------------------------------------------------------------------
def test_suspend_when_the_app_listens(emu, music):
    ears = Ears(music, "continuousTaskSuspend", "continuousTaskActive", "continuousTaskCancel")
    start(music, ["audioPlayback", "location"])
    music.to_background()
    emu.system.suspend_continuous_task(1)
    (task,) = emu.snapshot().continuous_tasks
    assert task.suspended and task.suspend_reason == 6 and task.notification_id == 0
    assert emu.snapshot().notifications == ()
    (info,) = ears.of("continuousTaskSuspend")
    assert (info.continuousTaskId, info.suspendState, info.suspendReason) == (1, True, -1)
    assert (info.suspendMessage.reason, info.suspendMessage.message) == (
        6, "Audio is not running when request audio playback mode.")  # JSSUB:404-414 at HEAD
    assert emu.holds(music) == []
    emu.advance(6000)
    assert music.state is ProcessState.SUSPENDED
    music.to_foreground()
    assert [i.id for i in ears.of("continuousTaskActive")] == [1]
    assert not emu.snapshot().continuous_tasks[0].suspended
    assert [n.notification_id for n in emu.snapshot().notifications] == [0]
    assert ears.of("continuousTaskCancel") == []


@pytest.mark.parametrize("mode,reason", [("dataTransfer", 4), ("audioPlayback", 6), ("audioRecording", 7),
                                         ("location", 8), ("bluetoothInteraction", 9), ("voip", 13)])
def test_suspend_reason_from_first_mode(emu, music, mode, reason):
    Ears(music, "continuousTaskSuspend")
    start(music, [mode, "audioPlayback"])
    emu.system.suspend_continuous_task(1)
    assert emu.snapshot().continuous_tasks[0].suspend_reason == reason


@pytest.mark.parametrize("modes,reason,message", [
    (["dataTransfer"], 4, "For a period of time, the application did not use data transfer or the data transfer "
                          "rate was too low."),
    (["audioRecording"], 7, "No recording stream detected when applying for audio recording mode"),
    (["location"], 8, "Not use location when request location mode."),
    (["bluetoothInteraction"], 9, "Bluetooth connection not detected when request bluetooth interaction mode."),
    (["multiDeviceConnection"], 10, "Not use multi device when request multi-device connection mode."),
    (["voip"], 13, "No audio stream or recording stream detected when applying for voip mode"),
    (["taskKeeping"], -1, "unknown suspendReason"),
])
def test_suspend_message_reason_and_text(emu, modes, reason, message):
    emu.device.device_type = "2in1"
    app = install(emu, "com.example.all", modes=["dataTransfer", "audioRecording", "location", "bluetoothInteraction",
                                                 "multiDeviceConnection", "voip", "taskKeeping"], label="All")
    ears = Ears(app, "continuousTaskSuspend")
    start(app, modes)
    emu.system.suspend_continuous_task(1)
    (info,) = ears.of("continuousTaskSuspend")
    assert (info.suspendReason, info.suspendMessage.reason, info.suspendMessage.message) == (-1, reason, message)


def test_suspend_without_suspend_listener_cancels(emu, music):
    ears = Ears(music, "continuousTaskCancel")
    start(music, ["location", "audioPlayback"])
    emu.system.suspend_continuous_task(1)
    assert emu.snapshot().continuous_tasks == ()
    (info,) = ears.of("continuousTaskCancel")
    assert (info.reason, info.id, info.detailedReason) == (2, 1, 8)


def test_off_of_suspend_stops_it_at_once_so_the_task_is_cancelled(emu, music):
    """HEAD e75584cd (NAPI:1296-1329, CTM:2355-2384): off('continuousTaskSuspend') clears that flag though a
    cancel callback remains, so "work not running" finds no suspend subscriber and stops the task (2, detailed 8)."""
    bt = music.backgroundTaskManager
    ears = Ears(music, "continuousTaskSuspend", "continuousTaskCancel")
    bt.off("continuousTaskSuspend")
    sub = emu.continuous.listeners.by_pid[music.pid]
    assert (sub.service_flags, sub.registered) == (1, True)
    start(music, ["location"])
    emu.system.suspend_continuous_task(1)
    assert emu.snapshot().continuous_tasks == ()
    assert [(t, i.reason, i.id, i.detailedReason) for t, i in ears.heard] == [("continuousTaskCancel", 2, 1, 8)]
    bt.off("continuousTaskCancel")
    assert music.pid not in emu.continuous.listeners.by_pid


def test_on_adds_only_its_flag_and_off_clears_only_its_own(emu, music):
    bt = music.backgroundTaskManager
    Ears(music, "continuousTaskCancel", "continuousTaskActive")
    sub = emu.continuous.listeners.by_pid[music.pid]
    assert sub.service_flags == 1 | 4
    bt.off("continuousTaskActive")
    assert (sub.service_flags, sub.js_flags) == (1, 1)
    bt.off("continuousTaskSuspend")  # never registered: the service is told, nothing changes
    assert sub.service_flags == 1
    assert "flags now 1" in last(emu, "continuous.listener").reason


def test_start_again_while_suspended_is_refused_and_the_task_stays_suspended(emu, music):
    """HEAD e75584cd (CTM:1407-1414) checks the new record's suspend state, always false: 9800005, id used up."""
    ears = Ears(music, "continuousTaskSuspend", "continuousTaskActive")
    start(music, ["location"])
    emu.system.suspend_continuous_task(1)
    with pytest.raises(Exception) as info:
        start(music, ["audioPlayback"])
    assert (info.value.code, info.value.message) == (9800005, "BussinessError 9800005: Continuous Task verification "
                                                     "failed. The application has applied for a continuous task.")
    (task,) = emu.snapshot().continuous_tasks
    assert (task.continuous_task_id, task.modes, task.suspended) == (1, ("location",), True)
    assert ears.of("continuousTaskActive") == []
    assert emu.continuous.last_task_id == 2  # the refused start used id 2 up
    got = []
    music.backgroundTaskManager.startBackgroundRunning(music.context, 2, make_agent(), lambda e, d: got.append(e))
    assert [e.code for e in got] == [9800005]  # the API 9 form takes the same path
    assert emu.snapshot().continuous_tasks[0].suspended


def test_get_all_include_suspended(emu, music):
    Ears(music, "continuousTaskSuspend")
    start(music, ["location"])
    emu.system.suspend_continuous_task(1)
    bt = music.backgroundTaskManager
    # the query never sets suspendState (CTM:2008-2016 at HEAD): a suspended task reads false
    assert [i.suspendState for i in bt.getAllContinuousTasks(music.context).result()] == [False]
    assert bt.getAllContinuousTasks(music.context, True).result()[0].continuousTaskId == 1
    assert bt.getAllContinuousTasks(music.context, False).result() == []


# -- system stops ------------------------------------------------------------------------------------
def test_stop_not_running(emu, music):
    ears = Ears(music, "continuousTaskCancel")
    start(music, ["audioPlayback"])
    emu.system.stop_continuous_task(1, "not_running")
    (info,) = ears.of("continuousTaskCancel")
    assert (info.reason, info.id, info.detailedReason) == (2, 1, 6)
    assert emu.snapshot().notifications == ()


def test_stop_not_running_task_keeping_has_detailed_zero(emu):
    emu.device.device_type = "2in1"
    app = install(emu, "com.example.keep", modes=["taskKeeping"])
    ears = Ears(app, "continuousTaskCancel")
    start(app, ["taskKeeping"])
    emu.system.stop_continuous_task(1, "not_running")
    assert ears.of("continuousTaskCancel")[0].detailedReason == 0


def test_stop_low_speed_ends_only_data_transfer_tasks(emu, music):
    other = install(emu, "com.example.other")
    ears = Ears(music, "continuousTaskCancel")
    start(music, ["location", "dataTransfer"])
    start(other, ["dataTransfer"])
    emu.system.stop_continuous_task(1, "low_speed")
    assert [t.continuous_task_id for t in emu.snapshot().continuous_tasks] == [2]
    (info,) = ears.of("continuousTaskCancel")
    assert (info.reason, info.detailedReason) == (2, 4)


def test_stop_low_speed_without_data_transfer_changes_nothing(emu, music):
    start(music, ["location"])
    emu.system.stop_continuous_task(1, "low_speed")
    assert len(emu.snapshot().continuous_tasks) == 1


def test_stop_misuse(emu, music):
    ears = Ears(music, "continuousTaskCancel")
    start(music, ["location"])
    emu.system.stop_continuous_task(1, "misuse")
    (info,) = ears.of("continuousTaskCancel")
    assert (info.reason, info.detailedReason) == (2, 11)
    assert "misusing" in last(emu, "continuous.cancelled").reason


def test_system_actions_validate(emu, music):
    with pytest.raises(ValueError):
        emu.system.suspend_continuous_task(1)
    start(music, ["location"])
    with pytest.raises(ValueError):
        emu.system.stop_continuous_task(1, "slow")
    with pytest.raises(ValueError):
        emu.system.stop_continuous_task(True, "misuse")


def test_system_actions_ignored_while_not_ready(emu, music):
    start(music, ["location"])
    emu.service_ready = False
    emu.system.stop_continuous_task(1, "misuse")
    emu.system.suspend_continuous_task(1)
    assert len(emu.snapshot().continuous_tasks) == 1 and not emu.snapshot().continuous_tasks[0].suspended


# -- lifecycle -------------------------------------------------------------------------------------
def test_kill_cancels_without_app_callback(emu, music):
    ears = Ears(music, "continuousTaskCancel")
    start(music, ["location"])
    music.kill()
    assert emu.snapshot().continuous_tasks == () and emu.snapshot().notifications == ()
    assert ears.heard == []
    assert last(emu, "continuous.cancelled").data == {"cancel_reason": 3, "detailed_reason": 0}


def test_ability_end(emu, music):
    ears = Ears(music, "continuousTaskCancel")
    start(music, ["location"])
    music.end_ability()
    assert ears.heard == [] and emu.snapshot().continuous_tasks == ()
    assert last(emu, "continuous.cancelled").data == {"cancel_reason": 0, "detailed_reason": 0}
    assert music.state is ProcessState.DEAD
    assert kinds(emu, "app.")[-2:] == ["app.ability_ended", "app.killed"]


def test_data_clear(emu, music):
    ears = Ears(music, "continuousTaskCancel")
    start(music, ["location"])
    music.clear_data()
    assert ears.heard == [] and emu.snapshot().continuous_tasks == ()
    assert last(emu, "continuous.cancelled").data == {"cancel_reason": 3, "detailed_reason": 0}
    assert "data was cleared" in last(emu, "continuous.cancelled").reason
    assert not music.alive


def test_kill_while_not_ready_leaves_the_task(emu, music):
    """OnAppStopped returns early when the service is not ready: the task outlives its process."""
    start(music, ["location"])
    emu.service_ready = False
    music.kill()
    assert [t.continuous_task_id for t in emu.snapshot().continuous_tasks] == [1]
    emu.service_ready = True
    emu.restart_service()
    assert emu.snapshot().continuous_tasks == ()
    assert last(emu, "continuous.dropped").subject == 1


def test_each_listener_hears_an_end_once(emu, music):
    ears = Ears(music, "continuousTaskCancel")
    start(music, ["location", "dataTransfer"])
    emu.system.stop_continuous_task(1, "low_speed")
    assert len(ears.of("continuousTaskCancel")) == 1


def test_callback_exception_is_logged(emu, music):
    def boom(info):
        raise RuntimeError("app bug")
    music.backgroundTaskManager.on("continuousTaskCancel", boom)
    start(music, ["location"])
    emu.user.remove_notification(0)
    assert "RuntimeError: app bug" in last(emu, "app.callback_error").reason


# -- device policy -------------------------------------------------------------------------------
def test_active_task_keeps_app_awake(emu, music):
    start(music, ["location"])
    music.to_background()
    emu.advance(60_000)
    assert music.state is ProcessState.BACKGROUND
    assert emu.snapshot().app("com.example.music").keeps_awake == ("continuous task 1",)
    music.backgroundTaskManager.stopBackgroundRunning(music.context).result()
    emu.advance(6000)
    assert music.state is ProcessState.SUSPENDED


def test_on_and_off_do_not_check_readiness(emu, music):
    """SubscribeBackgroundTask has no readiness check: on() works while the service is not ready."""
    emu.service_ready = False
    music.backgroundTaskManager.on("continuousTaskCancel", print)
    assert emu.continuous.listeners.types_for(music.uid) == ("continuousTaskCancel",)
    music.backgroundTaskManager.off("continuousTaskCancel")
    assert emu.continuous.listeners.types_for(music.uid) == ()


def test_callbacks_may_call_back_into_the_kit(emu, music):
    """A cancel callback that starts a new task, and an active callback that stops it, keep the service sane."""
    bt = music.backgroundTaskManager
    agent = make_agent()
    bt.on("continuousTaskCancel", lambda info: bt.startBackgroundRunning(music.context, ["location"], agent))
    start(music, ["audioPlayback"])
    emu.system.stop_continuous_task(1, "misuse")
    assert [t.continuous_task_id for t in emu.snapshot().continuous_tasks] == [2]
    bt.on("continuousTaskSuspend", lambda info: None)
    bt.on("continuousTaskActive", lambda info: bt.stopBackgroundRunning(music.context))
    emu.system.suspend_continuous_task(2)
    music.to_background()
    music.to_foreground()
    assert emu.snapshot().continuous_tasks == () and emu.snapshot().notifications == ()
