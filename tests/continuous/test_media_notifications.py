"""The app's AVSession notification and its navigation capsule change its task's notification (HEAD e75584cd:
CTM:1601-1649, 2429-2520, 4118-4198; task_notification_subscriber.cpp:56-117)."""

import pytest

from emulator.apps import AppStateError
from emulator.service.notifications import PROMPTS, notification_text

from .conftest import install, last, make_agent

AUDIO_PROMPT, LOCATION_PROMPT = PROMPTS[1] + "\n", PROMPTS[3] + "\n"
AUDIO_AND_LOCATION = "Tasks in progress (positioning, audio/video playback). Closing this notification will end them."


def start(app, modes):
    return app.backgroundTaskManager.startBackgroundRunning(app.context, modes, make_agent()).result()


def texts(emu):
    return [(n.notification_id, n.text) for n in emu.snapshot().notifications]


def test_the_text_builder():
    assert notification_text([2], [], False, avsession=True) == ""
    assert notification_text([2, 4], [], False, avsession=True) == LOCATION_PROMPT
    assert notification_text([4], [], False, capsule=True) == ""
    assert notification_text([4, 2, 5], [], False, capsule=True) == ""  # only dataTransfer, recording, voip count
    for other in (1, 3, 8):
        assert notification_text([4, other], [], False, capsule=True) != ""
    assert notification_text([2], [], False, capsule=True) == AUDIO_PROMPT  # no location: the capsule is no matter


def test_a_lone_audio_task_publishes_nothing_while_the_avsession_notification_is_published(emu, music):
    music.avsession_notification = True
    assert start(music, ["audioPlayback"]).notificationId == -1
    assert texts(emu) == []
    music.backgroundTaskManager.updateBackgroundRunning(music.context, ["audioPlayback", "location"]).result()
    assert texts(emu) == [(0, LOCATION_PROMPT)]  # audioPlayback left the list: location alone


def test_publishing_it_while_the_task_runs_cancels_at_once_and_removing_it_acts_65_s_later(emu, music):
    music.audio_playing = True
    start(music, ["audioPlayback"])
    music.avsession_notification = True
    assert texts(emu) == [] and emu.snapshot().continuous_tasks[0].notification_id == -1
    assert last(emu, "notification.removed").reason == ("notification 0 of continuous task 1 removed: "
                                                        "com.example.music's AVSession notification is published, "
                                                        "so its modes have no notification text")
    emu.advance(10_000)
    music.avsession_notification = False
    assert last(emu, "media.avsession").reason == ("Music's AVSession notification is gone: the service is told, "
                                                   "and acts on it 65 s later (isPublish false)")
    emu.advance(64_999)
    assert texts(emu) == []
    emu.advance(1)
    assert texts(emu) == [(1, AUDIO_PROMPT)]  # SendContinuousTaskNotification: the next id
    event = last(emu, "notification.published")
    assert (event.time_ms, event.reason) == (75_000, 'published notification 1 "Music" for continuous task 1')


def test_a_task_with_other_modes_is_refreshed(emu, music):
    start(music, ["audioPlayback", "location"])
    assert texts(emu) == [(0, AUDIO_AND_LOCATION)]
    music.avsession_notification = True
    assert texts(emu) == [(0, LOCATION_PROMPT)]
    assert last(emu, "notification.published").reason == ("refreshed the text of notification 0: "
                                                          "com.example.music's AVSession notification is published")
    music.avsession_notification = False
    emu.advance(65_000)
    assert texts(emu) == [(0, AUDIO_AND_LOCATION)]


def test_a_publish_removes_every_pending_removal_of_any_app(emu, music):
    """RemoveAudioPlaybackDelayTask removes the handler's tasks by name, whichever uid posted them."""
    video = install(emu, "com.example.video", label="Video")
    start(video, ["audioPlayback", "location"])
    video.avsession_notification = True
    video.avsession_notification = False
    music.avsession_notification = True  # music has no removal pending: video's stays
    emu.advance(65_000)
    assert texts(emu) == [(0, AUDIO_AND_LOCATION)]
    video.avsession_notification = True
    music.avsession_notification = False
    emu.advance(30_000)
    video.avsession_notification = False  # posts a second task of the same name
    music.avsession_notification = True  # music's uid is in delayTasks_: both tasks go
    emu.advance(65_000)
    assert texts(emu) == [(0, LOCATION_PROMPT)]  # the service still thinks video's is published
    assert emu.continuous.avsession_published == {video.uid: True, music.uid: True}


def test_the_avsession_goes_with_the_process_and_a_restart_forgets(emu, music):
    start(music, ["audioPlayback", "location"])
    music.avsession_notification = True
    emu.restart_service()
    assert emu.continuous.avsession_published == {}
    assert music.avsession_notification  # the app's own state is the media framework's
    music.kill()
    assert not music.avsession_notification
    assert last(emu, "media.avsession").reason == ("Music's AVSession notification is gone (its process died): the "
                                                   "service is told, and acts on it 65 s later (isPublish false)")
    emu.advance(65_000)
    assert emu.continuous.avsession_published == {music.uid: False}


def test_not_ready_the_service_does_not_record_it(emu, music):
    emu.service_ready = False
    music.avsession_notification = True
    assert last(emu, "media.avsession").reason == ("the service is not ready: it answers the AVSession service "
                                                   "9800004 and does not record the change")
    assert emu.continuous.avsession_published == {}


def test_the_navigation_capsule_hides_a_location_task_and_its_end_publishes_it_again(emu, music):
    start(music, ["location"])
    assert texts(emu) == [(0, LOCATION_PROMPT)]
    music.navigation_capsule = True
    assert texts(emu) == [] and emu.snapshot().continuous_tasks[0].notification_id == -1
    assert last(emu, "notification.removed").reason == ("notification 0 of continuous task 1 removed: "
                                                        "com.example.music shows a navigation capsule")
    music.backgroundTaskManager.updateBackgroundRunning(music.context, ["location", "audioPlayback"]).result()
    assert texts(emu) == []  # audioPlayback is not a live-view type: still hidden
    music.navigation_capsule = False
    assert texts(emu) == [(1, "Tasks in progress (positioning, audio/video playback). Closing this notification "
                              "will end them.")]


def test_a_location_task_with_data_transfer_keeps_its_notification(emu, music):
    music.navigation_capsule = True
    start(music, ["location", "dataTransfer"])
    assert texts(emu) == [(0, "Tasks in progress (data transfer, positioning). Closing this notification will end "
                              "them.")]
    assert last(emu, "media.live_view").reason == ("Music published a navigation live view with an active capsule "
                                                   "(the service hears it: TaskNotificationSubscriber::OnConsumed)")


def test_the_capsule_survives_the_process_but_not_a_reboot(emu, music):
    music.navigation_capsule = True
    music.kill()
    assert music.navigation_capsule
    with pytest.raises(AppStateError, match="com.example.music is not running, so it cannot publish a live view"):
        music.navigation_capsule = True
    emu.reboot()
    assert not music.navigation_capsule and emu.continuous.navigation_live_views == set()


def test_wrong_types_and_a_dead_app():
    from emulator import Emulator

    emu = Emulator()
    app = install(emu, "com.example.music")
    with pytest.raises(TypeError, match="avsession_notification is True or False, not 1"):
        app.avsession_notification = 1
    with pytest.raises(TypeError, match="navigation_capsule is True or False, not 'yes'"):
        app.navigation_capsule = "yes"
    app.kill()
    with pytest.raises(AppStateError, match="com.example.music is not running, so it has no AVSession to show"):
        app.avsession_notification = True
