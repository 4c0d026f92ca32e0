"""updateDataTransferProgress (API 26.1), progressInfo in a request, and update by task id with progressInfo or
a merged notification on a special-scenario task (service-head-delta §7-8; CTM:1160-1203, 1262-1323, NT:122-148,
common.cpp:597-701, bg_continuous_task_napi_module.cpp:656-691, 1888-1956 at HEAD e75584cd)."""

from __future__ import annotations

import pytest

from emulator import BusinessError
from emulator.kit import backgroundTaskManager as btm

from .conftest import install, make_agent

V = "BussinessError 9800005: Continuous Task verification failed. "
PROGRESS_BAD = "BussinessError 9800006: Notification verification failed for a continuous task. The progress info is " \
               "invalid."
NOT_DT = ("BussinessError 9800006: Notification verification failed for a continuous task. updateDataTransferProgress "
          "only supports DATA_TRANSFER mode.")
E401 = "BussinessError 401: Parameter error. The input param is invalid."
M, S = btm.BackgroundTaskMode, btm.BackgroundTaskSubmode


def thrown(fn, *args) -> tuple[int, str]:
    with pytest.raises(BusinessError) as info:
        fn(*args)
    return info.value.code, info.value.message


def upload(music):
    """A request-object dataTransfer task (id 1, notification 0)."""
    bt = music.backgroundTaskManager
    return bt.startBackgroundRunning(music.context, bt.ContinuousTaskRequest(
        [M.MODE_DATA_TRANSFER], [S.SUBMODE_LIVE_VIEW_NOTIFICATION], make_agent())).result()


def progress(task_id, value=None, **info):
    return {"continuousTaskId": task_id, "progressInfo": {"title": "Backup", "fileName": "photos.zip",
                                                          **({} if value is None else {"progressValue": value}),
                                                          **info}}


@pytest.mark.parametrize("value, mute, shown, flags", [
    (0, None, 0, 0), (42, True, 42, 0), (99, None, 99, 0),
    (100, None, 100, 0), (100, False, 100, 0), (100, True, 100, 17),
    (None, None, 100, 17), (None, False, 100, 17),
])
def test_progress_is_shown_in_the_notification(emu, music, value, mute, shown, flags):
    note = upload(music)
    extra = {} if mute is None else {"isMute": mute}
    assert music.backgroundTaskManager.updateDataTransferProgress(music.context, progress(1, value, **extra)) is None
    (view,) = emu.snapshot().notifications
    assert (view.notification_id, view.progress, view.control_flags) == (note.notificationId,
                                                                          ("Backup", "photos.zip", shown), flags)
    assert view.text == "A data transfer task is in progress. Closing this notification will end it.\n"


def test_progress_kit_classes_and_want_agent(emu, music):
    upload(music)
    bt = music.backgroundTaskManager
    agent = make_agent(ability="UploadsAbility")
    bt.updateDataTransferProgress(music.context, btm.DataTransferProgress(1, btm.ProgressInfo("T", "F", 7), agent))
    assert emu.snapshot().notifications[0].progress == ("T", "F", 7)
    assert emu.snapshot().continuous_tasks[0].want_agent_ability == "UploadsAbility"


def test_progress_persists_and_comes_back_after_a_restart(emu, music):
    upload(music)
    music.backgroundTaskManager.updateDataTransferProgress(music.context, progress(1, 30))
    emu.restart_service()
    assert emu.snapshot().notifications[0].progress == ("Backup", "photos.zip", 30)


@pytest.mark.parametrize("args, expected", [
    ((), (401, "BussinessError 401: Parameter error. The number of arguments is wrong.")),
    (("ctx", progress(1)), (401, "BussinessError 401: Parameter error. The context cannot be null and its type must "
                                 "be Context.")),
    ((None, None), (401, "BussinessError 401: Parameter error. The context cannot be null and its type must be "
                         "Context.")),
    (("$ctx", None), (401, E401)),
    (("$ctx", {"progressInfo": {"title": "t", "fileName": "f"}}), (401, E401)),
    (("$ctx", {"continuousTaskId": -1, "progressInfo": {"title": "t", "fileName": "f"}}), (401, E401)),
    (("$ctx", {"continuousTaskId": "1", "progressInfo": {"title": "t", "fileName": "f"}}), (401, E401)),
    (("$ctx", {"continuousTaskId": 1}), (401, E401)),
    (("$ctx", {"continuousTaskId": 1, "progressInfo": None}), (401, E401)),
    (("$ctx", {"continuousTaskId": 1, "progressInfo": {"title": "t"}}), (401, E401)),
    (("$ctx", {"continuousTaskId": 1, "progressInfo": {"title": 1, "fileName": "f"}}), (401, E401)),
    (("$ctx", progress(1, 101)), (9800006, PROGRESS_BAD)),
    (("$ctx", progress(1, -1)), (9800006, PROGRESS_BAD)),
])
def test_progress_argument_checks(emu, music, args, expected):
    upload(music)
    args = tuple(music.context if a == "$ctx" else a for a in args)
    assert thrown(music.backgroundTaskManager.updateDataTransferProgress, *args) == expected
    assert emu.snapshot().notifications[0].progress is None


def test_progress_service_checks_in_order(emu, music):
    upload(music)
    bt = music.backgroundTaskManager
    bt.startBackgroundRunning(music.context, ["audioPlayback"], make_agent()).result()  # task 2
    other = install(emu, "com.example.other", label="O")
    assert thrown(bt.updateDataTransferProgress, music.context, progress(-2)) == (
        9800005, V + "The continuous task Id is invalid.")
    assert thrown(bt.updateDataTransferProgress, music.context, progress(9)) == (
        9800005, V + "The application has not applied for a continuous task.")
    assert thrown(other.backgroundTaskManager.updateDataTransferProgress, other.context, progress(1))[1] == (
        V + "The application has not applied for a continuous task.")  # only the caller's own tasks
    assert thrown(bt.updateDataTransferProgress, music.context, progress(2)) == (9800006, NOT_DT)
    emu.service_ready = False
    assert thrown(bt.updateDataTransferProgress, music.context, progress(1))[0] == 9800004
    emu.service_ready = True
    bare = install(emu, "com.example.bare", permissions=())
    assert thrown(bare.backgroundTaskManager.updateDataTransferProgress, bare.context, progress(1)) == (
        201, "BussinessError 201: Permission denied.")
    emu.faults.storage_fails = True
    assert thrown(bt.updateDataTransferProgress, music.context, progress(1, 50))[0] == 9800007
    assert emu.snapshot().notifications[0].progress == ("Backup", "photos.zip", 50)  # the change stays


def test_a_request_may_carry_progress_from_the_start(emu, music):
    bt = music.backgroundTaskManager
    req = bt.ContinuousTaskRequest([M.MODE_DATA_TRANSFER], [S.SUBMODE_LIVE_VIEW_NOTIFICATION], make_agent())
    req.progressInfo = btm.ProgressInfo("Sync", "db.bin", 5)
    bt.startBackgroundRunning(music.context, req).result()
    assert emu.snapshot().notifications[0].progress == ("Sync", "db.bin", 5)
    bad = {"backgroundTaskModes": [1], "backgroundTaskSubmodes": [3], "wantAgent": make_agent(),
           "progressInfo": {"title": "t", "fileName": "f", "progressValue": 200}}
    assert thrown(bt.startBackgroundRunning, music.context, bad) == (9800006, PROGRESS_BAD)
    assert thrown(bt.startBackgroundRunning, music.context, {**bad, "progressInfo": {"title": "t"}}) == (
        9800005, V + "The continuousRequestInfo cannot be null and its type must be continuousRequestInfo object.")


# -- point 7: update by task id --------------------------------------------------------------------------
def test_update_by_id_with_progress_info_is_refused_after_the_data_transfer_check(emu, music):
    bt = music.backgroundTaskManager
    bt.startBackgroundRunning(music.context, bt.ContinuousTaskRequest([2], [2], make_agent())).result()  # task 1
    req = bt.ContinuousTaskRequest([2], [2], make_agent(), continuousTaskId=1, progressInfo=btm.ProgressInfo("t", "f"))
    assert bt.updateBackgroundRunning(music.context, req).error().message == PROGRESS_BAD
    req.backgroundTaskModes, req.backgroundTaskSubmodes = [1], [3]
    assert bt.updateBackgroundRunning(music.context, req).error().message == (
        V + "The background task mode: DATA_TRANSFER type do not support update.")


def test_update_by_id_of_a_special_task_with_combined_true(emu):
    acl = ("ohos.permission.KEEP_BACKGROUND_RUNNING", "ohos.permission.KEEP_BACKGROUND_RUNNING_SPECIAL_SCENARIO")
    app = install(emu, "com.example.media", modes=["specialScenarioProcessing", "audioPlayback"], permissions=acl,
                  label="M")
    bt = app.backgroundTaskManager
    bt.startBackgroundRunning(app.context, bt.ContinuousTaskRequest([13], [9], make_agent())).result()
    merge = "This background task mode: MODE_SPECIAL_SCENARIO_PROCESSING type do not support merged notification."
    # the native layer throws for a special request with combined true, at start and update alike
    assert thrown(bt.updateBackgroundRunning, app.context, bt.ContinuousTaskRequest(
        [13], [9], make_agent(), True, 1)) == (9800005, V + merge)
    # an audio request with combined true on the special task: the service refuses (a rejected promise)
    assert bt.updateBackgroundRunning(app.context, bt.ContinuousTaskRequest(
        [2], [2], make_agent(), True, 1)).error().message == V + merge
    assert emu.snapshot().continuous_tasks[0].modes == ("specialScenarioProcessing",)


@pytest.mark.parametrize("modes, subs, combined, message", [
    ([13], [9], True, "This background task mode: MODE_SPECIAL_SCENARIO_PROCESSING type do not support merged "
                      "notification."),
    ([1], [3], True, "This background task mode: DATA_TRANSFER type do not support merged notification."),
    ([13, 13], [9, 10], False, "Special scenario processing only allowed one application."),
    ([13, 2], [9, 2], False, "Special scenario processing cannot coexist with other continuous task."),
])
def test_start_special_and_merge_checks_are_thrown_natively(emu, music, modes, subs, combined, message):
    bt = music.backgroundTaskManager
    assert thrown(bt.startBackgroundRunning, music.context, bt.ContinuousTaskRequest(
        modes, subs, make_agent(), combined)) == (9800005, V + message)
    assert bt.startBackgroundRunning(music.context, ["audioPlayback"], make_agent()).result().continuousTaskId == 1


def test_a_continuous_task_id_of_minus_two_makes_the_request_invalid(music):
    bt = music.backgroundTaskManager
    assert thrown(bt.startBackgroundRunning, music.context, bt.ContinuousTaskRequest([2], [2], make_agent(), False,
                                                                                    -2)) == (
        9800005, V + "The continuousRequestInfo cannot be null and its type must be continuousRequestInfo object.")
