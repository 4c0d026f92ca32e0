"""requestSuspendDelay: the service's check order, codes, messages and ids (service-rules §1.2, §1.3, §1.7)."""

import pytest

from emulator import BusinessError, EventKind

from .transient_helpers import drain_quota_to, noop

LIMIT_MSG = ("BussinessError 9900002: Transient task verification failed. "
             "The number of request exceeds the threshold.")
PRESET_MSG = ("BussinessError 9900002: Transient task verification failed. "
              "Request is not allow after the preset time of entering background.")
INSUFFICIENT_MSG = ("BussinessError 9900002: Transient task verification failed. "
                    "The remaining time to run transient task is insufficient.")
INVALID_ID_MSG = "BussinessError 9900001: Caller information verification failed for a transient task. Invalid requestId."


def refuse(fn, *args):
    with pytest.raises(BusinessError) as exc:
        fn(*args)
    return exc.value


def test_first_request_gets_id_1_and_three_minutes(uploader):
    info = uploader.backgroundTaskManager.requestSuspendDelay("upload", noop)
    assert (info.requestId, info.actualDelayTime) == (1, 180000)


def test_request_ids_are_global_and_only_successes_take_one(emu, uploader):
    other = emu.install_app("com.example.other")
    bt, bt2 = uploader.backgroundTaskManager, other.backgroundTaskManager
    assert [bt.requestSuspendDelay("a", noop).requestId for _ in range(3)] == [1, 2, 3]
    err = refuse(bt.requestSuspendDelay, "d", noop)
    assert (err.code, err.message) == (9900002, LIMIT_MSG)
    assert bt2.requestSuspendDelay("e", noop).requestId == 4


def test_the_limit_refusal_reason_names_the_rule(uploader, emu):
    bt = uploader.backgroundTaskManager
    for _ in range(3):
        bt.requestSuspendDelay("a", noop)
    refuse(bt.requestSuspendDelay, "d", noop)
    event = emu.events.latest()
    assert event.kind is EventKind.TRANSIENT_REFUSED
    assert event.reason == "refused: 3 live transient tasks is the limit per app (9900002)"


def test_atomic_service_is_refused_first_even_when_not_ready(emu):
    app = emu.install_app("com.example.atomic", atomic_service=True)
    emu.service_ready = False
    err = refuse(app.backgroundTaskManager.requestSuspendDelay, "x", noop)
    assert (err.code, err.message) == (201, "BussinessError 201: Permission denied.")


def test_not_ready_answers_9800004(emu, uploader):
    emu.service_ready = False
    err = refuse(uploader.backgroundTaskManager.requestSuspendDelay, "x", noop)
    assert (err.code, err.message) == (
        9800004, "BussinessError 9800004: System service operation failed. The system service is not ready.")
    emu.service_ready = True
    assert uploader.backgroundTaskManager.requestSuspendDelay("x", noop).requestId == 1


def test_a_dead_app_has_no_pid_so_9900001(uploader):
    bt = uploader.backgroundTaskManager
    uploader.kill()
    err = refuse(bt.requestSuspendDelay, "x", noop)
    assert (err.code, err.message) == (
        9900001, "BussinessError 9900001: Caller information verification failed for a transient task. "
                 "Invalid pid or uid.")


def test_background_window_is_5s_for_an_app_that_already_requested(emu, uploader):
    bt = uploader.backgroundTaskManager
    bt.cancelSuspendDelay(bt.requestSuspendDelay("first", noop).requestId)  # the app now has a record
    uploader.to_background()
    emu.advance(5000)
    bt.cancelSuspendDelay(bt.requestSuspendDelay("at 5 s", noop).requestId)
    emu.advance(1)
    err = refuse(bt.requestSuspendDelay, "at 5.001 s", noop)
    assert (err.code, err.message) == (9900002, PRESET_MSG)
    assert "entered the background 5.001 s ago" in emu.events.latest().reason
    uploader.to_foreground()
    uploader.to_background()
    assert bt.requestSuspendDelay("after a new move", noop).requestId == 3  # the refusal took no id


def test_background_window_does_not_apply_to_an_app_without_a_record(emu, uploader):
    # The code records the background time only for apps with a transient record (docs vs code).
    uploader.to_background()
    emu.advance(60_000)
    assert uploader.backgroundTaskManager.requestSuspendDelay("late", noop).actualDelayTime == 180000


def test_time_insufficient_below_16_seconds_of_quota(emu, uploader):
    drain_quota_to(emu, uploader, 15_999)
    err = refuse(uploader.backgroundTaskManager.requestSuspendDelay, "x", noop)
    assert (err.code, err.message) == (9900002, INSUFFICIENT_MSG)
    assert emu.events.latest().reason == ("refused: 15.999 s of daily quota left; a request needs at least "
                                          "16 s (MIN_ALLOW_QUOTA_TIME) (9900002)")


def test_time_insufficient_boundary_16_seconds_is_granted_16_seconds(emu, uploader):
    drain_quota_to(emu, uploader, 16_000)
    assert uploader.backgroundTaskManager.requestSuspendDelay("x", noop).actualDelayTime == 16000


def test_the_count_is_checked_before_the_quota(emu, uploader):
    bt = uploader.backgroundTaskManager
    drain_quota_to(emu, uploader, 60_000)
    for _ in range(3):
        bt.requestSuspendDelay("a", noop)
    assert refuse(bt.requestSuspendDelay, "b", noop).message == LIMIT_MSG


def test_actual_delay_is_the_quota_left_when_under_three_minutes(emu, uploader):
    drain_quota_to(emu, uploader, 100_000)
    assert uploader.backgroundTaskManager.requestSuspendDelay("x", noop).actualDelayTime == 100000


def test_low_battery_gives_one_minute_and_running_tasks_keep_their_time(emu, uploader):
    bt = uploader.backgroundTaskManager
    before = bt.requestSuspendDelay("before", noop)
    emu.device.battery_level = 20
    low = bt.requestSuspendDelay("low", noop)
    assert (before.actualDelayTime, low.actualDelayTime) == (180000, 60000)
    assert "per-request limit in low-battery mode" in [e for e in emu.events
                                                         if e.kind is EventKind.TRANSIENT_REQUESTED][-1].reason
    emu.device.battery_level = 21
    assert bt.requestSuspendDelay("okay", noop).actualDelayTime == 180000
    assert bt.getTransientTaskInfo().result().transientTasks[1].actualDelayTime == 60000


def test_low_battery_and_low_quota_take_the_smaller(emu, uploader):
    drain_quota_to(emu, uploader, 50_000)
    emu.device.battery_level = 10
    assert uploader.backgroundTaskManager.requestSuspendDelay("x", noop).actualDelayTime == 50000


def test_empty_reason_is_accepted(uploader):
    assert uploader.backgroundTaskManager.requestSuspendDelay("", noop).requestId == 1


def test_query_and_cancel_need_the_same_app(emu, uploader):
    other = emu.install_app("com.example.other")
    rid = uploader.backgroundTaskManager.requestSuspendDelay("x", noop).requestId
    bt2 = other.backgroundTaskManager
    err = bt2.getRemainingDelayTime(rid).error()
    assert (err.code, err.message) == (9900001, INVALID_ID_MSG)
    assert refuse(bt2.cancelSuspendDelay, rid).message == INVALID_ID_MSG
    assert "request 1 belongs to another app" in emu.events.latest().reason


def test_second_cancel_of_the_same_id_is_9900001(uploader):
    bt = uploader.backgroundTaskManager
    rid = bt.requestSuspendDelay("x", noop).requestId
    bt.cancelSuspendDelay(rid)
    err = refuse(bt.cancelSuspendDelay, rid)
    assert (err.code, err.message) == (9900001, INVALID_ID_MSG)


def test_query_and_cancel_when_not_ready(emu, uploader):
    bt = uploader.backgroundTaskManager
    rid = bt.requestSuspendDelay("x", noop).requestId
    emu.service_ready = False
    assert bt.getRemainingDelayTime(rid).error().code == 9800004
    assert refuse(bt.cancelSuspendDelay, rid).code == 9800004
    err = bt.getTransientTaskInfo().error()
    assert (err.code, err.message) == (
        9900004, "BussinessError 9900004: System service operation failed. The system service is not ready.")


def test_transient_task_info_without_and_with_tasks(emu, uploader):
    bt = uploader.backgroundTaskManager
    info = bt.getTransientTaskInfo().result()
    assert (info.remainingQuota, info.transientTasks) == (600000, [])
    a = bt.requestSuspendDelay("a", noop)
    uploader.to_background()
    emu.advance(10_000)
    info = bt.getTransientTaskInfo().result()
    assert info.remainingQuota == 590000
    # actualDelayTime in getTransientTaskInfo holds the remaining time (service-rules §1.7).
    assert [(t.requestId, t.actualDelayTime) for t in info.transientTasks] == [(a.requestId, 170000)]
