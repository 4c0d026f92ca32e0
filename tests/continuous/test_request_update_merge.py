"""API 21: update and stop by task id, merged (combined) notifications, and what persists of them."""

from __future__ import annotations

import pytest

from emulator import BusinessError
from emulator.service.notifications import LOADING_PROMPT, PROMPTS

from .conftest import install, kinds, make_agent
from .request_helpers import HASH, V, refused, start, update


# -- update by task id ------------------------------------------------------------------------------
def test_update_replaces_modes_and_refreshes_the_notification_in_place(emu, music):
    start(music, [2], [2]).result()
    emu.advance(1000)
    note = update(music, [4, 2], [2, 2], make_agent("com.example.music", "Other"), task_id=1).result()
    assert (note.notificationId, note.continuousTaskId) == (0, 1)
    task = emu.snapshot().continuous_tasks[0]
    assert (task.modes, task.want_agent_ability) == (("location", "audioPlayback"), "Other")
    shown = emu.snapshot().notifications[0]
    assert (shown.notification_id, shown.text) == (
        0, "Tasks in progress (positioning, audio/video playback). Closing this notification will end them.")
    assert kinds(emu, "continuous.updated") == ["continuous.updated"]


def test_update_refusals_in_order(emu, music):
    start(music, [1], [3]).result()  # dataTransfer
    start(music, [2], [2]).result()
    assert refused(update(music, [2], [2], task_id=7)) == (
        9800005, V + "The application has not applied for a continuous task.")
    # a v9 task is not found by id either
    music2 = install(emu, "com.example.v9", label="N")
    music2.backgroundTaskManager.startBackgroundRunning(music2.context, ["location"], make_agent()).result()
    assert refused(update(music, [4], [2], task_id=3))[1].endswith("has not applied for a continuous task.")
    # an undeclared mode is found before the dataTransfer rule
    assert refused(update(music, [6], [2], task_id=1)) == (9800005, V + "The bgMode is invalid.")
    assert refused(update(music, [2], [2], task_id=1)) == (
        9800005, V + "The background task mode: DATA_TRANSFER type do not support update.")
    assert refused(update(music, [1], [3], task_id=2))[1].endswith("DATA_TRANSFER type do not support update.")


def test_update_does_not_check_the_owner(emu, music):
    other = install(emu, "com.example.other", label="O")
    start(music, [2], [2]).result()
    note = update(other, [4], [2], task_id=1).result()
    assert (note.notificationId, note.continuousTaskId) == (0, 1)
    assert emu.snapshot().continuous_tasks[0].modes == ("location",)
    assert emu.snapshot().continuous_tasks[0].bundle_name == "com.example.music"


def test_a_combinable_task_keeps_its_modes_and_a_refused_update_still_swaps_the_want_agent(emu, music):
    start(music, [2], [2], combined=True).result()
    assert refused(update(music, [4], [2], make_agent("com.example.music", "Elsewhere"), task_id=1)) == (
        9800005, V + "Current continuous task support merged but the modes are inconsistent.")
    task = emu.snapshot().continuous_tasks[0]
    assert (task.modes, task.want_agent_ability) == (("audioPlayback",), "Elsewhere")
    assert emu.snapshot().notifications[0].text == LOADING_PROMPT  # the app plays no audio


def test_update_of_a_suspended_task_reactivates_it(emu, music):
    music.backgroundTaskManager.on("continuousTaskSuspend", lambda info: None)
    start(music, [2], [2]).result()
    music.to_background()
    emu.system.suspend_continuous_task(1)
    assert emu.snapshot().notifications == ()
    update(music, [2], [2], task_id=1).result()
    assert emu.snapshot().continuous_tasks[0].suspended is False
    assert [n.notification_id for n in emu.snapshot().notifications] == [0]


# -- stop by task id --------------------------------------------------------------------------------
def test_stop_by_task_id_ends_one_task_and_a_missing_id_is_9800005(emu, music):
    start(music, [2], [2]).result()
    start(music, [4], [2]).result()
    music.backgroundTaskManager.stopBackgroundRunning(music.context, 1).result()
    assert [t.continuous_task_id for t in emu.snapshot().continuous_tasks] == [2]
    assert [n.notification_id for n in emu.snapshot().notifications] == [1]
    err = music.backgroundTaskManager.stopBackgroundRunning(music.context, 1).error()
    assert (err.code, err.message) == (9800005, V + "The application has not applied for a continuous task.")


# -- merged notifications ---------------------------------------------------------------------------
def merged(emu, music):
    start(music, [2], [2], combined=True).result()
    return start(music, [2], [2], combined=True, task_id=1).result()


def test_merge_shares_the_first_tasks_notification(emu, music):
    note = merged(emu, music)
    assert (note.notificationId, note.continuousTaskId) == (0, 2)
    tasks = emu.snapshot().continuous_tasks
    assert {t.notification_label for t in tasks} == {f"bgmode_{music.uid}_{HASH}_1_1"}
    assert [t.combined_notification_task_id for t in tasks] == [1, 1]
    assert [(n.notification_id, n.task_ids) for n in emu.snapshot().notifications] == [(0, (1, 2))]
    assert start(music, [4], [2]).result().notificationId == 1  # no id was taken by the merge


def test_merge_refusals_in_order(emu, music):
    start(music, [2], [2], combined=True).result()  # 1
    start(music, [2], [2]).result()  # 2, not combinable
    # dataTransfer with combinedTaskNotification: the native layer throws (NAPI:656-691), no id is used
    for task_id in (1, -1):
        with pytest.raises(BusinessError) as info:
            start(music, [1], [3], combined=True, task_id=task_id)
        assert info.value.message == V + "This background task mode: DATA_TRANSFER type do not support merged notification."
    assert refused(start(music, [2], [2], task_id=1)) == (9800005, V + "Current continuous task do not support merged.")
    assert refused(start(music, [2], [2], combined=True, task_id=99)) == (
        9800005, V + "The continuous task Id is invalid.")
    assert refused(start(music, [2], [2], combined=True, task_id=2)) == (
        9800005, V + "Target continuous task do not support merged.")
    assert refused(start(music, [4], [2], combined=True, task_id=1)) == (
        9800005, V + "The sequence of backgroundTaskModes does not match the backgroundTaskSubmodes.")
    # each service refusal after the mode checks used up an id: 3..6
    assert start(music, [4], [2]).result().continuousTaskId == 7


def test_merge_with_another_apps_task_is_an_invalid_id(emu, music):
    other = install(emu, "com.example.other", label="O")
    start(other, [2], [2], combined=True).result()
    assert refused(start(music, [2], [2], combined=True, task_id=1))[1].endswith("The continuous task Id is invalid.")


def test_merge_with_a_task_without_notification(emu):
    app = install(emu, "com.example.av", modes=["avPlaybackAndRecord"], label="AV")
    start(app, [12], [5], combined=True).result()  # AVSession: no notification
    assert refused(start(app, [12], [5], combined=True, task_id=1)) == (
        9800005, V + "This continuous task notification does not exist and cannot be merged.")


def test_stopping_one_merged_task_keeps_the_shared_notification(emu, music):
    merged(emu, music)
    music.backgroundTaskManager.stopBackgroundRunning(music.context, 1).result()
    assert [(n.notification_id, n.task_ids) for n in emu.snapshot().notifications] == [(0, (2,))]
    music.backgroundTaskManager.stopBackgroundRunning(music.context, 2).result()
    assert emu.snapshot().notifications == ()


def test_user_removal_of_a_shared_notification_ends_every_task_sharing_it(emu, music):
    cancels = []
    music.backgroundTaskManager.on("continuousTaskCancel", cancels.append)
    merged(emu, music)
    emu.user.remove_notification(0)
    assert emu.snapshot().continuous_tasks == ()
    # only the task the label names (its publisher, 1) gets detailed reason 3 (CTM:2746-2802 at HEAD e75584cd)
    assert sorted((c.reason, c.id, c.detailedReason) for c in cancels) == [(1, 1, 3), (1, 2, 0)]


def test_user_removal_after_the_first_task_stopped_ends_nothing(emu, music):
    """The label names the first task: once it is gone, the service finds no task to end."""
    merged(emu, music)
    music.backgroundTaskManager.stopBackgroundRunning(music.context, 1).result()
    emu.user.remove_notification(0)
    tasks = emu.snapshot().continuous_tasks
    assert [(t.continuous_task_id, t.notification_id) for t in tasks] == [(2, 0)]
    assert emu.snapshot().notifications == ()


def test_system_stop_of_one_merged_task_keeps_the_notification_but_suspend_takes_it(emu, music):
    merged(emu, music)
    emu.system.stop_continuous_task(2, "not_running")
    assert [(n.notification_id, n.task_ids) for n in emu.snapshot().notifications] == [(0, (1,))]
    music.backgroundTaskManager.on("continuousTaskSuspend", lambda info: None)
    start(music, [2], [2], combined=True, task_id=1).result()  # 3 shares it again
    emu.system.suspend_continuous_task(3)
    assert emu.snapshot().notifications == ()  # task 1 still runs, its shared notification is gone
    music.to_foreground()


def test_activation_republishes_a_shared_notification_once(emu, music):
    music.backgroundTaskManager.on("continuousTaskSuspend", lambda info: None)
    merged(emu, music)
    music.to_background()
    emu.system.suspend_continuous_task(1)
    emu.system.suspend_continuous_task(2)
    music.to_foreground()
    assert [(n.notification_id, n.label, n.task_ids) for n in emu.snapshot().notifications] == [
        (0, f"bgmode_{music.uid}_{HASH}_1_1", (1, 2))]


# -- persistence ----------------------------------------------------------------------------------
def test_restart_restores_request_fields_and_unshares_merged_notifications(emu, music):
    merged(emu, music)
    start(music, [1, 4], [3, 2]).result()  # 3: notifications 1 and 2
    emu.restart_service()
    tasks = emu.snapshot().continuous_tasks
    assert [(t.key, t.by_request_object, t.combined_task_notification, t.combined_notification_task_id)
            for t in tasks] == [(f"{music.uid}_EntryAbility_1_1", True, True, 1),
                                (f"{music.uid}_EntryAbility_1_2", True, True, 1),
                                (f"{music.uid}_EntryAbility_1_3", True, False, -1)]
    # the merged task re-publishes under its own label; the two-notification task gets both again, with their ids
    # (subNotificationLabel/Id persist and HandleActiveNotification splits again: CTM:2241-2243 at HEAD e75584cd)
    labels = [(n.notification_id, n.label) for n in emu.snapshot().notifications]
    base = f"bgmode_{music.uid}_{HASH}_1"
    assert labels == [(0, f"{base}_1"), (0, f"{base}_2"), (1, f"{base}_3"), (2, f"{base}_3_{music.pid}")]
    assert tasks[2].sub_notification_id == 2
    assert [n.text for n in emu.snapshot().notifications[2:]] == [PROMPTS[0] + "\n", PROMPTS[3] + "\n"]
    assert start(music, [4], [2]).result().continuousTaskId == 4


def test_restart_cancels_a_shared_notification_once_its_last_dead_record_is_dropped(emu, music):
    """CheckPersistenceData erases a dead record before CancelNotification looks for another record with the
    same id and label (CTM:397-402, 4552-4574): the first dead merged task finds its partner still in the map and
    leaves the notification; the second finds none and cancels it."""
    merged(emu, music)
    emu.service_ready = False
    music.kill()  # not ready: OnAppStopped does nothing, both records and the shared notification stay
    emu.service_ready = True
    assert [n.notification_id for n in emu.snapshot().notifications] == [0]
    emu.restart_service()
    assert emu.snapshot().continuous_tasks == () and emu.snapshot().notifications == ()
    assert kinds(emu, "notification.removed") == ["notification.removed"]


def test_restart_rebuilds_the_modes_held_in_the_background(emu, music):
    start(music, [4], [2]).result()
    music.to_background()
    emu.restart_service()
    assert start(music, [4], [2]).result().continuousTaskId == 2
    assert refused(start(music, [5], [2]))[1].endswith("not allowed to be applied on background.")
