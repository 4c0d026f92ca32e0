"""startBackgroundRunning(context, ContinuousTaskRequest), API 21: the service's checks in order, ids, labels."""

from __future__ import annotations

import pytest

from emulator.service.notifications import LOADING_PROMPT, PROMPTS

from .conftest import install, kinds, last, make_agent
from .request_helpers import HASH, MUSIC_UID, V, refused, start


def test_several_tasks_on_one_ability_with_their_own_keys_labels_and_ids(emu, music):
    first = start(music, [2], [2]).result()
    second = start(music, [4], [2]).result()
    assert (first.continuousTaskId, first.notificationId, second.continuousTaskId, second.notificationId) == (1, 0, 2, 1)
    assert (first.slotType, first.contentType) == (4, 8)
    tasks = emu.snapshot().continuous_tasks
    assert [t.key for t in tasks] == [f"{MUSIC_UID}_EntryAbility_1_1", f"{MUSIC_UID}_EntryAbility_1_2"]
    assert [t.notification_label for t in tasks] == [f"bgmode_{MUSIC_UID}_{HASH}_1_1", f"bgmode_{MUSIC_UID}_{HASH}_1_2"]
    assert [t.by_request_object for t in tasks] == [True, True]
    assert tasks[0].sub_modes == ("submodeNormalNotification",)
    # a lone audioPlayback task of an app playing no audio shows the loading text (CTM:1689-1700 at HEAD)
    assert [n.text for n in emu.snapshot().notifications] == [LOADING_PROMPT, PROMPTS[3] + "\n"]
    assert emu.now_ms == 0


def test_av_playback_and_record_is_sent_as_the_v9_mode_and_covered_by_its_declaration(emu):
    app = install(emu, "com.example.av", modes=["avPlaybackAndRecord"], label="AV")
    note = start(app, [12, 12], [4, 6]).result()  # audio playback + audio record sub-modes
    task = emu.snapshot().continuous_tasks[0]
    assert (note.continuousTaskId, task.modes) == (1, ("audioPlayback", "audioRecording"))
    # the v9 string[] form gets no such allowance
    err = app.backgroundTaskManager.startBackgroundRunning(app.context, ["audioPlayback"], make_agent()).error()
    assert (err.code, err.message) == (9800005, V + "The bgMode is invalid.")


def test_avsession_sub_mode_means_no_notification(emu, music):
    music_av = install(emu, "com.example.av2", modes=["avPlaybackAndRecord"], label="AV")
    note = start(music_av, [12], [5]).result()
    assert (note.notificationId, note.continuousTaskId) == (-1, 1)
    assert emu.snapshot().notifications == ()


def test_checks_before_the_handler_atomic_not_ready_permission(emu, agent):
    atomic = install(emu, "com.example.atomic", atomic_service=True, label="A")
    assert refused(start(atomic, [1], [3])) == (201, "BussinessError 201: Permission denied.")
    bare = install(emu, "com.example.bare", permissions=(), label="B")
    assert refused(start(bare, [2], [2])) == (201, "BussinessError 201: Permission denied.")
    emu.service_ready = False
    # an atomic service's forbidden mode is refused before readiness; permission after it
    assert refused(start(atomic, [1], [3]))[0] == 201
    assert refused(start(bare, [2], [2]))[0] == 9800004
    emu.service_ready = True
    assert emu.snapshot().continuous_tasks == ()


def test_sub_mode_want_parameter_is_refused_with_inner_error(emu, music):
    agent = make_agent(extra={"subMode": 1})
    assert refused(start(music, [5], [1], agent)) == (9800006, "BussinessError 9800006: Inner error.")
    assert start(music, [2], [2]).result().continuousTaskId == 1  # no id was used


def test_at_most_ten_per_ability_and_the_refusal_uses_no_id(emu, music):
    for _ in range(10):
        start(music, [2], [2]).result()
    assert refused(start(music, [2], [2])) == (
        9800005, V + "The current ability to apply for continuous tasks has exceeded the maximum limit.")
    # v9 tasks do not count, and do not count against it
    music.backgroundTaskManager.startBackgroundRunning(music.context, ["location"], make_agent()).result()
    music.backgroundTaskManager.stopBackgroundRunning(music.context, 3).result()
    assert start(music, [2], [2]).result().continuousTaskId == 12


def test_from_the_background_only_audio_or_modes_held_on_leaving(emu, music):
    start(music, [4], [2]).result()  # location, held when the app leaves
    music.to_background()
    assert start(music, [2], [2]).result().continuousTaskId == 2  # audio is always allowed
    assert start(music, [4, 2], [2, 2]).result().continuousTaskId == 3  # held + audio
    assert refused(start(music, [5], [2])) == (
        9800005, V + "The continuous task are not allowed to be applied on background.")
    assert last(emu, "continuous.refused").data["error"] == "ERR_BGTASK_CONTINUOUS_NOT_APPLY_ONBACKGROUND"
    music.to_foreground()
    assert start(music, [5], [2]).result().continuousTaskId == 4  # the refusal used no id
    # stop by context ends every task of the ability, request-object ones included
    music.backgroundTaskManager.stopBackgroundRunning(music.context).result()
    assert emu.snapshot().continuous_tasks == ()


def test_background_table_is_taken_on_leaving_not_later(emu, music):
    music.to_background()  # held nothing when it left
    start(music, [2], [2]).result()
    assert refused(start(music, [4], [2]))[0] == 9800005


def test_max_task_is_checked_before_the_background_rule(emu, music):
    for _ in range(10):
        start(music, [2], [2]).result()
    music.to_background()
    assert refused(start(music, [5], [2]))[1].endswith("exceeded the maximum limit.")


def test_mode_checks_use_up_an_id(emu, music):
    assert refused(start(music, [9], [2])) == (
        9800005, V + "Current device can not request continuous tasks of the TASK_KEEPING type.")
    assert refused(start(music, [7], [2])) == (
        202, "BussinessError 202: System API verification failed. Only system application can apply.")
    assert refused(start(music, [6], [2])) == (9800005, V + "The bgMode is invalid.")
    assert start(music, [2], [2]).result().continuousTaskId == 4


def test_special_scenario_checks(emu):
    plain = install(emu, "com.example.plain", modes=["specialScenarioProcessing"], label="P")
    assert refused(start(plain, [13], [9])) == (9800005, V + "App has no ACL permission.")
    acl = ("ohos.permission.KEEP_BACKGROUND_RUNNING", "ohos.permission.KEEP_BACKGROUND_RUNNING_SYSTEM")
    system = install(emu, "com.example.sys", modes=["specialScenarioProcessing"], permissions=acl,
                     system_app=True, label="S")
    assert refused(start(system, [13], [9])) == (9800005, V + "System app not support ACL permission.")
    app = install(emu, "com.example.media", modes=["specialScenarioProcessing"], permissions=acl, label="M")
    note = start(app, [13], [9]).result()
    assert emu.snapshot().notifications[0].text == (
        "A media processing task is in progress. Closing this notification will end it.\n")
    # the work-out sub-mode has a text at HEAD e75584cd (STRINGS:129-130, CTM:103)
    assert start(app, [13], [11]).result().continuousTaskId == 4
    assert emu.snapshot().notifications[1].text == (
        "A workout task is in progress. Closing this notification will end it.\n")
    assert note.continuousTaskId == 3
    emu.device.device_type = "tv"
    assert refused(start(app, [13], [10])) == (9800005, V + "The background task mode: MODE_SPECIAL_SCENARIO_"
                                               "PROCESSING type do not support current device.")


def test_data_transfer_with_other_modes_gets_two_notifications(emu, music):
    note = start(music, [1, 4], [3, 2]).result()
    assert (note.notificationId, note.continuousTaskId) == (0, 1)
    task = emu.snapshot().continuous_tasks[0]
    assert (task.sub_notification_id, task.sub_notification_label) == (1, f"bgmode_{MUSIC_UID}_{HASH}_1_1_{music.pid}")
    notes = emu.snapshot().notifications
    assert [(n.notification_id, n.text, n.task_ids) for n in notes] == [
        (0, PROMPTS[0] + "\n", (1,)), (1, PROMPTS[3] + "\n", (1,))]
    # stopping the task removes both
    music.backgroundTaskManager.stopBackgroundRunning(music.context, 1).result()
    assert emu.snapshot().notifications == ()


def test_a_system_apps_second_notification_still_has_recording_text(emu):
    app = install(emu, "com.example.sysrec", system_app=True, label="R")
    start(app, [1, 3], [3, 2]).result()
    assert [n.text for n in emu.snapshot().notifications] == [PROMPTS[0] + "\n", PROMPTS[2] + "\n"]


@pytest.mark.parametrize("removed", [0, 1])
def test_removing_either_notification_ends_the_task_and_the_other(emu, music, removed):
    cancels = []
    music.backgroundTaskManager.on("continuousTaskCancel", cancels.append)
    start(music, [1, 4], [3, 2]).result()
    emu.user.remove_notification(removed)
    assert emu.snapshot().continuous_tasks == () and emu.snapshot().notifications == ()
    assert [(c.reason, c.id) for c in cancels] == [(1, 1)]


def test_storage_failure_answers_9800007_and_keeps_the_request_task(emu, music):
    emu.faults.storage_fails = True
    err = start(music, [2], [2]).error()
    assert (err.code, err.message) == (9800007, "BussinessError 9800007: Continuous task storage failed. Failed to "
                                       "create the storage task file.")
    emu.faults.storage_fails = False
    assert [t.continuous_task_id for t in emu.snapshot().continuous_tasks] == [1]
    assert kinds(emu, "continuous.started") == ["continuous.started"]


def test_a_nearlink_task_gets_the_nearlink_prompt(emu):
    """The 14th prompt (CTM:96, STRINGS:255-256 at HEAD e75584cd): a nearlink task now has a notification."""
    app = install(emu, "com.example.near", modes=["nearlink"], label="N")
    note = start(app, [14], [2]).result()
    assert (note.notificationId, emu.snapshot().notifications[0].text) == (
        0, "A NearLink task is in progress. Closing this notification will end it.\n")
