"""The running_task file and the service's restart (service-rules §2.10; research-service §3)."""

import json

import pytest

from emulator import Emulator

from .conftest import install, kinds, last, make_agent


def start(app, modes):
    return app.backgroundTaskManager.startBackgroundRunning(app.context, modes, make_agent()).result()


def file_of(emu) -> dict:
    emu.flush_state()  # writes are coalesced; anything that reads the file gets the latest state first
    return json.loads(emu.continuous.file.path.read_text(encoding="utf-8"))


def test_every_change_is_written(emu, music):
    start(music, ["audioPlayback", "location"])
    record = file_of(emu)[f"{music.uid}_EntryAbility_{music.context.abilityId}"]
    assert record["bgModeIds"] == "2,4," and record["continuousTaskId"] == 1 and record["notificationId"] == 0
    assert record["wantAgentInfo"] == {"bundleName": "com.example.music", "abilityName": "EntryAbility"}
    assert record["pid"] == music.pid and record["isBatchApi"] is True and record["bgModeId"] == 2
    music.backgroundTaskManager.on("continuousTaskSuspend", print)
    emu.system.suspend_continuous_task(1)
    assert file_of(emu)[f"{music.uid}_EntryAbility_1"]["suspendState"] is True
    music.backgroundTaskManager.stopBackgroundRunning(music.context).result()
    assert file_of(emu) == {}


def test_no_temporary_file_left(emu, music):
    start(music, ["audioPlayback"])
    emu.flush_state()
    assert sorted(p.name for p in emu.state_dir.iterdir()) == ["running_task"]


def test_restart_keeps_tasks_of_live_processes(emu, music):
    other = install(emu, "com.example.nav")
    start(music, ["audioPlayback"])
    start(other, ["location"])
    emu.faults.storage_fails = True
    music.backgroundTaskManager.requestSuspendDelay("upload", lambda: None)
    emu.faults.storage_fails = False
    emu.restart_service()
    assert [t.continuous_task_id for t in emu.snapshot().continuous_tasks] == [1, 2]
    assert [n.notification_id for n in emu.snapshot().notifications] == [0, 1]
    assert emu.snapshot().transient_tasks == ()
    assert kinds(emu, "continuous.restored") == ["continuous.restored"] * 2
    # the counters continue after the largest restored ids
    other.backgroundTaskManager.stopBackgroundRunning(other.context).result()
    note = start(other, ["location"])
    assert (note.continuousTaskId, note.notificationId) == (3, 2)


def test_restart_with_no_tasks_restarts_the_counters(emu, music):
    start(music, ["audioPlayback"])
    music.backgroundTaskManager.stopBackgroundRunning(music.context).result()
    emu.restart_service()
    note = start(music, ["audioPlayback"])
    assert (note.continuousTaskId, note.notificationId) == (1, 0)


def test_counters_count_dropped_records(emu, music):
    other = install(emu, "com.example.nav")
    start(music, ["audioPlayback"])
    start(other, ["location"])
    emu.service_ready = False
    other.kill()  # not ready: the record stays in the file
    emu.service_ready = True
    emu.restart_service()
    assert [t.continuous_task_id for t in emu.snapshot().continuous_tasks] == [1]
    other.to_foreground()  # relaunched: the new task gets the ids after the dropped one
    note = start(other, ["location"])
    assert (note.continuousTaskId, note.notificationId) == (3, 2)


def test_reboot_drops_everything(emu, music):
    start(music, ["audioPlayback"])
    emu.reboot()
    assert emu.snapshot().continuous_tasks == () and emu.snapshot().notifications == ()
    assert file_of(emu) == {}
    assert last(emu, "continuous.dropped").subject == 1


def test_restart_keeps_listeners(emu, music):
    heard = []
    music.backgroundTaskManager.on("continuousTaskCancel", heard.append)
    start(music, ["audioPlayback"])
    emu.restart_service()
    emu.user.remove_notification(0)
    assert [(h.reason, h.id) for h in heard] == [(1, 1)]


def test_restart_publishes_nothing_for_a_suspended_task(emu, music):
    """HandleActiveNotification returns early for a suspended record (CTM:2238-2240 at HEAD, since 5932abfc)."""
    music.backgroundTaskManager.on("continuousTaskSuspend", print)
    start(music, ["audioPlayback"])
    emu.system.suspend_continuous_task(1)
    assert emu.snapshot().notifications == ()
    emu.restart_service()
    (task,) = emu.snapshot().continuous_tasks
    assert task.suspended and task.suspend_reason == 6
    assert emu.snapshot().notifications == ()
    assert "still suspended: no notification" in last(emu, "continuous.restored").reason
    music.to_background()
    music.to_foreground()  # activation publishes it again, with its id
    assert [(n.notification_id, n.task_ids) for n in emu.snapshot().notifications] == [(0, (1,))]


def test_storage_failure_answers_9800007_and_keeps_the_task(emu, music):
    emu.faults.storage_fails = True
    err = music.backgroundTaskManager.startBackgroundRunning(music.context, ["audioPlayback"], make_agent()).error()
    assert (err.code, err.message) == (9800007, "BussinessError 9800007: Continuous task storage failed. Failed to "
                                                "create the storage task file.")
    assert [t.continuous_task_id for t in emu.snapshot().continuous_tasks] == [1]
    assert len(emu.snapshot().notifications) == 1
    assert "stays registered" in last(emu, "continuous.refused").reason
    assert last(emu, "service.storage_failed").data["code"] == 9800007
    update = music.backgroundTaskManager.updateBackgroundRunning(music.context, ["location"]).error()
    assert update.code == 9800007 and emu.snapshot().continuous_tasks[0].modes == ("location",)
    # stop ignores the storage result
    assert music.backgroundTaskManager.stopBackgroundRunning(music.context).result() == 0


def test_unpersisted_task_is_lost_and_its_notification_orphaned(emu, music):
    emu.faults.storage_fails = True
    music.backgroundTaskManager.startBackgroundRunning(music.context, ["audioPlayback"], make_agent())
    emu.faults.storage_fails = False
    emu.restart_service()
    assert emu.snapshot().continuous_tasks == ()
    (note,) = emu.snapshot().notifications
    assert note.task_ids == ()
    emu.user.remove_notification(note.notification_id)  # nothing to end
    assert emu.snapshot().notifications == ()


def test_a_dead_process_loses_its_task_and_its_notification(emu, music):
    """CheckPersistenceData cancels a dropped record's notification (CTM:397-402, 4552-4574; since 5ea789e4)."""
    other = install(emu, "com.example.nav", label="Nav")
    start(music, ["audioPlayback"])
    start(other, ["location"])
    emu.service_ready = False
    other.kill()  # not ready: the record stays, and so does its notification
    emu.service_ready = True
    assert [n.notification_id for n in emu.snapshot().notifications] == [0, 1]
    emu.restart_service()
    assert [n.notification_id for n in emu.snapshot().notifications] == [0]
    assert "its process died before the service restarted" in last(emu, "notification.removed").reason


def test_a_dead_request_task_loses_both_notifications(emu, music):
    from emulator.kit import backgroundTaskManager as btm

    music.backgroundTaskManager.startBackgroundRunning(
        music.context, btm.ContinuousTaskRequest([1, 4], [3, 2], make_agent())).result()
    assert len(emu.snapshot().notifications) == 2
    emu.service_ready = False
    music.kill()
    emu.service_ready = True
    emu.restart_service()
    assert emu.snapshot().notifications == ()


def test_corrupt_file_restores_nothing(emu, music):
    start(music, ["audioPlayback"])
    emu.flush_state()
    emu.continuous.file.path.write_text("{not json", encoding="utf-8")
    emu.restart_service()
    assert emu.snapshot().continuous_tasks == ()


def test_invalid_record_skipped(emu, music):
    start(music, ["audioPlayback"])
    data = file_of(emu)
    data["bad"] = {"uid": "x"}
    emu.continuous.file.path.write_text(json.dumps(data), encoding="utf-8")
    emu.restart_service()
    assert [t.continuous_task_id for t in emu.snapshot().continuous_tasks] == [1]


@pytest.mark.parametrize("crash_before_rename", [True, False])
def test_a_crash_leaves_old_or_new_state(tmp_path, crash_before_rename, monkeypatch):
    import os

    emu = Emulator(state_dir=tmp_path)
    app = install(emu, "com.example.music")
    start(app, ["audioPlayback"])
    emu.flush_state()
    before = (tmp_path / "running_task").read_text()
    real_replace = os.replace

    def crash(src, dst):
        if crash_before_rename:
            raise KeyboardInterrupt("power cut")
        real_replace(src, dst)
        raise KeyboardInterrupt("power cut")

    monkeypatch.setattr(os, "replace", crash)
    app.backgroundTaskManager.stopBackgroundRunning(app.context)
    with pytest.raises(KeyboardInterrupt):
        emu.flush_state()  # the coalesced write of the stop is where the power cut lands
    monkeypatch.setattr(os, "replace", real_replace)
    after = json.loads((tmp_path / "running_task").read_text())
    assert after == ({} if not crash_before_rename else json.loads(before))
