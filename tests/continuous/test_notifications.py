"""The notification drawer: title, text and label per task, and the user's swipe (research-service §2)."""

import pytest

from emulator.service.notifications import PROMPTS, libcxx_string_hash, notification_text

from .conftest import install, kinds, last, make_agent

ALL = ["dataTransfer", "audioPlayback", "audioRecording", "location", "bluetoothInteraction",
       "multiDeviceConnection", "wifiInteraction", "voip", "taskKeeping"]


def start(app, modes):
    return app.backgroundTaskManager.startBackgroundRunning(app.context, modes, make_agent()).result()


@pytest.mark.parametrize("index,mode", [(i, m) for i, m in enumerate(ALL) if m not in ("audioRecording", "voip")])
def test_text_per_mode(emu, index, mode):
    emu.device.device_type = "2in1"
    app = install(emu, "com.example.all", modes=ALL, system_app=True, label="All Modes")
    start(app, [mode])
    (note,) = emu.snapshot().notifications
    assert (note.title, note.text) == ("All Modes", PROMPTS[index] + "\n")


def test_exact_texts():
    assert PROMPTS[0] == "A data transfer task is in progress. Closing this notification will end it."
    assert PROMPTS[8] == "A computing task is in progress. Closing this notification will end it."
    assert notification_text([2, 4], [], False) == (
        "An audio/video playback task is in progress. Closing this notification will end it.\n"
        "A positioning task is in progress. Closing this notification will end it.\n")


def test_system_app_recording_and_voip_have_no_notification(emu):
    app = install(emu, "com.example.sys", modes=["voip", "audioRecording", "location"], system_app=True)
    note = start(app, ["voip", "audioRecording"])
    assert note.notificationId == -1
    assert emu.snapshot().notifications == () and emu.snapshot().continuous_tasks[0].notification_id == -1
    assert "no notification" in last(emu, "continuous.started").reason
    # an update that brings text publishes with the next id; dropping it again cancels and resets to -1
    assert app.backgroundTaskManager.updateBackgroundRunning(app.context, ["location"]).result().notificationId == 0
    assert app.backgroundTaskManager.updateBackgroundRunning(app.context, ["voip"]).result().notificationId == -1
    assert emu.snapshot().notifications == ()


def test_normal_app_recording_and_voip_have_text(emu, music):
    start(music, ["voip", "audioRecording"])
    assert emu.snapshot().notifications[0].text == (
        "A call is in progress. Closing this notification will end it.\n"
        "A recording task is in progress. Closing this notification will end it.\n")


def test_label_and_title(emu, music):
    start(music, ["audioPlayback"])
    (note,) = emu.snapshot().notifications
    assert note.title == "Music" and note.task_ids == (1,)
    assert note.label == f"bgmode_{music.uid}_14017879603748104831_1"
    assert libcxx_string_hash("EntryAbility") == 14017879603748104831


def test_title_defaults_to_bundle_name(emu):
    app = install(emu, "com.example.nolabel")
    start(app, ["audioPlayback"])
    assert emu.snapshot().notifications[0].title == "com.example.nolabel"


def test_user_removes_notification(emu, music):
    heard = []
    music.backgroundTaskManager.on("continuousTaskCancel", heard.append)
    start(music, ["audioPlayback"])
    emu.user.remove_notification(0)
    assert emu.snapshot().continuous_tasks == () and emu.snapshot().notifications == ()
    assert [(h.reason, h.id, h.detailedReason) for h in heard] == [(1, 1, 3)]
    event = last(emu, "continuous.cancelled")
    assert event.reason == ("continuous task 1 ended: the user removed its notification 0 (reason 1, detailed "
                            "reason 3)")
    assert kinds(emu, "notification") == ["notification.published", "notification.removed"]


def test_user_removal_unknown_id(emu, music):
    with pytest.raises(ValueError):
        emu.user.remove_notification(7)


def test_user_removal_while_not_ready_leaves_task_without_notification(emu, music):
    start(music, ["audioPlayback"])
    emu.service_ready = False
    emu.user.remove_notification(0)
    assert emu.snapshot().notifications == ()
    assert [t.continuous_task_id for t in emu.snapshot().continuous_tasks] == [1]
    assert last(emu, "continuous.refused").data["code"] is None


def test_notification_ids_are_not_reused_by_an_update(emu, music):
    start(music, ["audioPlayback"])
    music.backgroundTaskManager.updateBackgroundRunning(music.context, ["location"]).result()
    assert [n.notification_id for n in emu.snapshot().notifications] == [0]
    assert kinds(emu, "notification") == ["notification.published", "notification.published"]
    assert "re-published" in last(emu, "notification.published").reason
