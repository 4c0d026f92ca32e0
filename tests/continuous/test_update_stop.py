"""updateBackgroundRunning (service-rules §2.5) and stopBackgroundRunning (§2.6)."""

from emulator.kit import backgroundTaskManager as btm

from .conftest import install, kinds, last, make_agent

V = "BussinessError 9800005: Continuous Task verification failed. "
NOT_READY = (9800004, "BussinessError 9800004: System service operation failed. The system service is not ready.")
DENIED = (201, "BussinessError 201: Permission denied.")


def cm(err):
    return err.code, err.message
PROMPT = {
    "audioPlayback": "Playing audio/video. Closing this notification will end playback.\n",
    "dataTransfer": "A data transfer task is in progress. Closing this notification will end it.\n",
    "location": "A positioning task is in progress. Closing this notification will end it.\n",
}


def start(app, modes):
    return app.backgroundTaskManager.startBackgroundRunning(app.context, modes, make_agent()).result()


def update(app, modes):
    return app.backgroundTaskManager.updateBackgroundRunning(app.context, modes)


# -- update --------------------------------------------------------------------------------------
def test_update_replaces_modes_and_keeps_ids(emu, music):
    start(music, ["audioPlayback"])
    note = update(music, ["location", "audioPlayback"]).result()
    assert note == btm.ContinuousTaskNotification(4, 8, 0, 1)
    assert emu.snapshot().continuous_tasks[0].modes == ("location", "audioPlayback")
    assert emu.snapshot().notifications[0].text == (
        "Tasks in progress (positioning, audio/video playback). Closing this notification will end them.")
    assert last(emu, "continuous.updated").reason == ("continuous task 1 now runs location, audioPlayback (was "
                                                      "audioPlayback)")


def test_update_same_modes_answers_minus_one(emu, music):
    start(music, ["audioPlayback", "location"])
    seq = emu.events.total
    note = update(music, ["location", "audioPlayback", "location"]).result()
    assert (note.notificationId, note.continuousTaskId) == (-1, -1)
    assert [e.kind.value for e in emu.events.since(seq)] == ["continuous.updated"]
    assert last(emu, "continuous.updated").data["changed"] is False


def test_update_without_task(emu, music):
    err = update(music, ["location"]).error()
    assert (err.code, err.message) == (9800005, V + "The application has not applied for a continuous task.")


def test_update_checks_order(emu, music):
    start(music, ["audioPlayback"])
    emu.service_ready = False
    assert cm(update(music, ["location"]).error()) == NOT_READY
    emu.service_ready = True
    assert update(music, ["taskKeeping"]).error().message == V + ("Current device can not request continuous "
                                                                  "tasks of the TASK_KEEPING type.")
    assert update(music, ["multiDeviceConnection"]).error().message == V + "The bgMode is invalid."
    assert cm(update(music, ["wifiInteraction"]).error()) == (
        202, "BussinessError 202: System API verification failed. Only system application can apply.")
    assert emu.snapshot().continuous_tasks[0].modes == ("audioPlayback",)


def test_update_permission(emu):
    app = install(emu, "com.example.noperm", permissions=())
    assert cm(update(app, ["location"]).error()) == DENIED


def test_update_data_transfer_to_data_transfer_does_not_republish(emu, music):
    start(music, ["dataTransfer"])
    seq = emu.events.total
    update(music, ["dataTransfer", "location"]).result()
    assert "notification.published" not in [e.kind.value for e in emu.events.since(seq)]
    assert emu.snapshot().notifications[0].text == PROMPT["dataTransfer"]  # the old text stays


def test_update_clears_car_key_even_when_refused(emu, music):
    music.backgroundTaskManager.startBackgroundRunning(
        music.context, ["bluetoothInteraction"], make_agent(extra={"subMode": 1})).result()
    assert update(music, ["multiDeviceConnection"]).error().code == 9800005
    assert emu.snapshot().continuous_tasks[0].sub_modes == ()


def test_update_reactivates_suspended_task(emu, music):
    bt = music.backgroundTaskManager
    active = []
    bt.on("continuousTaskSuspend", lambda info: None)
    bt.on("continuousTaskActive", active.append)
    start(music, ["audioPlayback"])
    emu.system.suspend_continuous_task(1)
    assert emu.snapshot().notifications == ()
    update(music, ["location"]).result()
    task = emu.snapshot().continuous_tasks[0]
    assert not task.suspended and [a.id for a in active] == [1]
    assert [n.text for n in emu.snapshot().notifications] == [PROMPT["location"]]


def test_update_atomic_service(emu):
    app = install(emu, "com.example.atomic", atomic_service=True)
    start(app, ["audioPlayback"])
    assert cm(update(app, ["dataTransfer"]).error()) == DENIED


# -- stop -----------------------------------------------------------------------------------------
def test_stop_promise_and_callback(emu, music):
    bt = music.backgroundTaskManager
    start(music, ["audioPlayback"])
    assert bt.stopBackgroundRunning(music.context).result() == 0
    assert emu.snapshot().continuous_tasks == () and emu.snapshot().notifications == ()
    start(music, ["audioPlayback"])
    calls = []
    assert bt.stopBackgroundRunning(music.context, lambda err, data: calls.append((err, data))) is None
    assert calls == [(None, 0)]
    assert kinds(emu, "continuous.stopped") == ["continuous.stopped"] * 2


def test_stop_when_nothing_runs(emu, music):
    calls = []
    music.backgroundTaskManager.stopBackgroundRunning(music.context, lambda *a: calls.append(a))
    err, data = calls[0]
    assert (err.code, err.message, data) == (9800005, V + "The application has not applied for a continuous task.",
                                             None)


def test_stop_has_no_permission_check(emu):
    """Docs list 201; the service never checks the permission on stop."""
    app = install(emu, "com.example.noperm", permissions=())
    err = app.backgroundTaskManager.stopBackgroundRunning(app.context).error()
    assert cm(err) == (9800005, V + "The application has not applied for a continuous task.")


def test_stop_not_ready(emu, music):
    start(music, ["audioPlayback"])
    emu.service_ready = False
    assert cm(music.backgroundTaskManager.stopBackgroundRunning(music.context).error()) == NOT_READY


def test_stop_does_not_fire_the_apps_cancel_callback(emu, music):
    heard = []
    music.backgroundTaskManager.on("continuousTaskCancel", heard.append)
    start(music, ["audioPlayback"])
    music.backgroundTaskManager.stopBackgroundRunning(music.context).result()
    assert heard == []
    assert last(emu, "continuous.stopped").data == {"cancel_reason": 0, "detailed_reason": 0}


def test_stop_by_task_id_does_not_check_the_owner(emu, music):
    """Quirk: stop by id (API 21) finds the task without checking the caller's uid."""
    other = install(emu, "com.example.other")
    start(music, ["audioPlayback"])
    assert other.backgroundTaskManager.stopBackgroundRunning(other.context, 1).result() == 0
    assert emu.snapshot().continuous_tasks == ()
    err = other.backgroundTaskManager.stopBackgroundRunning(other.context, 1).error()
    assert (err.code, err.message) == (9800005, V + "The application has not applied for a continuous task.")


def test_stop_after_kill_through_old_context(emu, music):
    start(music, ["audioPlayback"])
    ctx = music.context
    music.kill()
    music.to_foreground()
    err = None
    try:
        music.backgroundTaskManager.stopBackgroundRunning(ctx)
    except Exception as exc:  # noqa: BLE001
        err = exc
    assert err.code == 401 and err.message.endswith("The token of context cannot be null.")
