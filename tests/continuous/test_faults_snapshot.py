"""Injected IPC faults on the continuous-task functions, and what the snapshot shows."""

import pytest

from emulator import BusinessError
from emulator.kit.bound import KIT_FUNCTIONS

from .conftest import make_agent

MESSAGES = {
    9800001: "BussinessError 9800001: Memory operation failed. Failed to allocate the memory.",
    9800002: "BussinessError 9800002: Failed to write data into parcel. Possible reasons: 1. Invalid parameters; "
             "2. Failed to apply for memory.",
    9800003: "BussinessError 9800003: Internal transaction failed.",
    9800004: "BussinessError 9800004: System service operation failed. The system service is not connected.",
}
CONTINUOUS = ("startBackgroundRunning", "updateBackgroundRunning", "stopBackgroundRunning", "getAllContinuousTasks",
              "obtainAllContinuousTasks", "on", "off", "subscribeContinuousTaskState",
              "unsubscribeContinuousTaskState")


def test_functions_are_targetable():
    assert set(CONTINUOUS) <= KIT_FUNCTIONS


@pytest.mark.parametrize("code", sorted(MESSAGES))
def test_start_fault_rejects_and_changes_nothing(emu, music, code):
    emu.faults.fail_next("startBackgroundRunning", code, times=2)
    bt = music.backgroundTaskManager
    for _ in range(2):
        err = bt.startBackgroundRunning(music.context, ["audioPlayback"], make_agent()).error()
        assert (err.code, err.message) == (code, MESSAGES[code])
    assert emu.snapshot().continuous_tasks == ()
    note = bt.startBackgroundRunning(music.context, ["audioPlayback"], make_agent()).result()
    assert note.continuousTaskId == 1  # the failed IPCs never reached the service: no id used up


def test_faults_after_argument_checks(emu, music):
    emu.faults.fail_next("stopBackgroundRunning", 9800003)
    with pytest.raises(BusinessError) as info:
        music.backgroundTaskManager.stopBackgroundRunning(None)
    assert info.value.code == 401
    assert music.backgroundTaskManager.stopBackgroundRunning(music.context).error().code == 9800003


def test_callback_form_gets_the_fault(emu, music):
    emu.faults.fail_next("startBackgroundRunning", 9800002)
    calls = []
    music.backgroundTaskManager.startBackgroundRunning(music.context, 2, make_agent(), lambda *a: calls.append(a))
    assert [(e.code, d) for e, d in calls] == [(9800002, None)]


def test_on_fault_is_thrown_and_the_callback_not_added(emu, music):
    emu.faults.fail_next("on", 9800004)
    with pytest.raises(BusinessError) as info:
        music.backgroundTaskManager.on("continuousTaskCancel", print)
    assert (info.value.code, info.value.message) == (9800004, MESSAGES[9800004])
    assert emu.continuous.listeners.types_for(music.uid) == ()


def test_queries_take_faults(emu, music):
    emu.faults.fail_next("getAllContinuousTasks", 9800001)
    assert music.backgroundTaskManager.getAllContinuousTasks(music.context).error().code == 9800001
    emu.faults.fail_next("updateBackgroundRunning", 9800002)
    assert music.backgroundTaskManager.updateBackgroundRunning(music.context, ["location"]).error().code == 9800002


def test_snapshot_contract(emu, music):
    bt = music.backgroundTaskManager
    bt.on("continuousTaskSuspend", lambda info: None)
    bt.on("continuousTaskCancel", lambda info: None)
    emu.advance(1234)
    bt.startBackgroundRunning(music.context, ["location", "audioPlayback"], make_agent()).result()
    emu.system.suspend_continuous_task(1)
    (task,) = emu.snapshot().continuous_tasks
    assert (task.continuous_task_id, task.key, task.bundle_name, task.uid, task.pid) == (
        1, f"{music.uid}_EntryAbility_{music.context.abilityId}", "com.example.music", music.uid, music.pid)
    assert (task.ability_name, task.ability_id, task.modes, task.notification_id) == (
        "EntryAbility", music.context.abilityId, ("location", "audioPlayback"), 0)
    assert (task.suspended, task.suspend_reason, task.started_ms) == (True, 8, 1234)
    assert (task.want_agent_bundle, task.want_agent_ability) == ("com.example.music", "EntryAbility")
    assert task.listeners == ("continuousTaskCancel", "continuousTaskSuspend")
    assert emu.snapshot().app("com.example.music").keeps_awake == ()
    music.to_background()
    music.to_foreground()  # back in the foreground: the task is active again
    assert emu.snapshot().app("com.example.music").keeps_awake == ("continuous task 1",)
    (note,) = emu.snapshot().notifications
    assert (note.notification_id, note.bundle_name, note.title, note.task_ids) == (0, "com.example.music", "Music",
                                                                                   (1,))
