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
    app.audio_playing = True  # else a lone audioPlayback task shows the loading text
    start(app, [mode])
    (note,) = emu.snapshot().notifications
    assert (note.title, note.text) == ("All Modes", PROMPTS[index] + "\n")


def test_exact_texts():
    """STRINGS at HEAD e75584cd: single-mode prompts end with a newline, merged sentences do not."""
    assert PROMPTS[0] == "A data transfer task is in progress. Closing this notification will end it."
    assert PROMPTS[1] == "Playing audio/video. Closing this notification will end playback."
    assert PROMPTS[8] == "A computing task is in progress. Closing this notification will end it."
    assert PROMPTS[13] == "A NearLink task is in progress. Closing this notification will end it."
    assert PROMPTS[9:13] == ("Running continuous task",) * 4
    # several modes: one sentence; dataTransfer, audioRecording, location first, then the task's own order
    assert notification_text([2, 4], [], False) == (
        "Tasks in progress (positioning, audio/video playback). Closing this notification will end them.")
    assert notification_text([8, 5, 3], [], False) == (
        "Tasks in progress (recording, call, Bluetooth). Closing this notification will end them.")
    assert notification_text([9, 6, 4, 1], [], False) == (
        "Tasks in progress (data transfer, positioning, computing, and more). Closing this notification will end "
        "them.")
    assert notification_text([7, 14], [], False) == (
        "Tasks in progress (WLAN, NearLink). Closing this notification will end them.")


def test_car_key_text_comes_first_and_bluetooth_leaves_the_list():
    car = "Automatic car key functions will not work if you close this card.\n"
    assert notification_text([5], [1], False) == car
    assert notification_text([5, 4], [1], False) == car + PROMPTS[3] + "\n"
    assert notification_text([5, 4, 8], [1], False) == (
        car + "Tasks in progress (positioning, call). Closing this notification will end them.")


def test_a_mode_without_a_word_fails_only_among_the_first_three():
    assert notification_text([4, 10], [], False) is None  # 9800006: no word for mode 10
    assert notification_text([4, 8, 9, 10], [], False) == (
        "Tasks in progress (positioning, call, computing, and more). Closing this notification will end them.")


def test_a_lone_audio_task_shows_the_loading_text_until_the_app_plays(emu, music):
    """CTM:1689-1700, 4511-4550: loading text (no newline) while no renderer runs; NotifyAudioStart replaces it
    with the prompt, without a newline, for notification ids above 0 only."""
    loading = "Loading audio/video. Closing this notification will interrupt playback."
    start(music, ["location"])  # notification 0
    music.backgroundTaskManager.stopBackgroundRunning(music.context).result()
    start(music, ["audioPlayback"])  # notification 1
    assert emu.snapshot().notifications[0].text == loading
    music.audio_playing = True
    assert emu.snapshot().notifications[0].text == PROMPTS[1]
    assert "refreshed the text of notification 1" in last(emu, "notification.published").reason
    assert emu.continuous.tasks[next(iter(emu.continuous.tasks))].audio_play_state is True


def test_the_first_notification_keeps_the_loading_text(emu, music):
    start(music, ["audioPlayback"])  # notification 0: `notificationId_ > 0` finds nothing to refresh
    music.audio_playing = True
    assert emu.snapshot().notifications[0].text == (
        "Loading audio/video. Closing this notification will interrupt playback.")
    assert "ids above 0" in last(emu, "notification.published").reason


def test_an_app_playing_audio_gets_the_prompt_and_the_renderer_goes_with_the_process(emu, music):
    music.audio_playing = True
    start(music, ["audioPlayback"])
    assert emu.snapshot().notifications[0].text == PROMPTS[1] + "\n"
    music.kill()
    music.to_foreground()
    assert music.audio_playing is False


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
        "Tasks in progress (recording, call). Closing this notification will end them.")


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
