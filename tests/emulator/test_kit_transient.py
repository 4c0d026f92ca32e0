"""The kit's transient functions: NAPI argument checks, the promise and callback forms, faults."""

import asyncio

import pytest

from emulator import BusinessError, EventKind
from emulator.kit import backgroundTaskManager as btm
from emulator.kit import wantAgent

from .transient_helpers import noop

P = "BussinessError 401: Parameter error. "
NUMBER = P + "The number of arguments is wrong."
REASON = P + "The reason cannot be null and its type must be string."
CALLBACK = P + "The callback cannot be null and its type must be function."
ID_TYPE = P + "The requestId cannot be null and its type must be integer."
ID_ILLEGAL = P + "The requestId must be greater than 0."


def thrown(fn, *args, **kwargs):
    with pytest.raises(BusinessError) as exc:
        fn(*args, **kwargs)
    assert exc.value.code == 401
    return exc.value.message


@pytest.mark.parametrize("args, kwargs, message", [
    ((), {}, NUMBER), (("x",), {}, NUMBER), (("x", noop, 1), {}, NUMBER), (("x", noop), {"extra": 1}, NUMBER),
    ((1, noop), {}, REASON), ((None, noop), {}, REASON), ((b"x", noop), {}, REASON),
    (("x", None), {}, CALLBACK), (("x", 5), {}, CALLBACK), (("x", "noop"), {}, CALLBACK), (("x", int), {}, CALLBACK),
])
def test_request_suspend_delay_argument_checks(uploader, emu, args, kwargs, message):
    assert thrown(uploader.backgroundTaskManager.requestSuspendDelay, *args, **kwargs) == message
    assert emu.events.latest().kind is EventKind.CALL_REFUSED
    assert emu.transient.requests == {}


@pytest.mark.parametrize("args, message", [
    ((), NUMBER), ((1, 2), NUMBER), (("1",), ID_TYPE), ((None,), ID_TYPE), ((True,), ID_TYPE),
    ((0,), ID_ILLEGAL), ((-5,), ID_ILLEGAL), ((0.9,), ID_ILLEGAL), ((float("nan"),), ID_ILLEGAL),
    ((10 ** 400,), ID_ILLEGAL), ((2 ** 31,), ID_ILLEGAL),
])
def test_cancel_suspend_delay_argument_checks(uploader, args, message):
    assert thrown(uploader.backgroundTaskManager.cancelSuspendDelay, *args) == message


def test_request_id_is_read_as_an_int32(uploader):
    bt = uploader.backgroundTaskManager
    bt.requestSuspendDelay("x", noop)
    bt.cancelSuspendDelay(1.7)  # truncated to 1
    bt.requestSuspendDelay("y", noop)
    assert bt.getRemainingDelayTime(2 ** 32 + 2).result() == 180000  # wraps to 2


@pytest.mark.parametrize("args, message", [
    ((), NUMBER), ((1, noop, 3), NUMBER), (("1",), ID_TYPE), ((1, "cb"), CALLBACK), ((1, None), CALLBACK),
    ((0, "cb"), CALLBACK),  # the callback is checked before requestId > 0
    ((0,), ID_ILLEGAL), ((0, noop), ID_ILLEGAL),
])
def test_get_remaining_delay_time_argument_checks(uploader, args, message):
    assert thrown(uploader.backgroundTaskManager.getRemainingDelayTime, *args) == message


def test_promise_form_resolves_and_rejects(uploader):
    bt = uploader.backgroundTaskManager
    rid = bt.requestSuspendDelay("x", noop).requestId

    async def main():
        ok = await bt.getRemainingDelayTime(rid)
        with pytest.raises(BusinessError) as exc:
            await bt.getRemainingDelayTime(rid + 1)
        return ok, exc.value.code

    assert asyncio.run(main()) == (180000, 9900001)


def test_callback_form_calls_back_exactly_once_before_returning(uploader):
    bt = uploader.backgroundTaskManager
    rid = bt.requestSuspendDelay("x", noop).requestId
    calls = []
    assert bt.getRemainingDelayTime(rid, lambda err, ms: calls.append((err, ms))) is None
    assert bt.getRemainingDelayTime(99, lambda err, ms: calls.append((err and err.code, ms))) is None
    assert calls == [(None, 180000), (9900001, 0)]


def test_a_callback_that_takes_only_err_is_called_like_js_would(uploader):
    calls = []
    uploader.backgroundTaskManager.getRemainingDelayTime(5, lambda err: calls.append(err.code))
    assert calls == [9900001]


def test_reason_truncated(uploader, emu):
    uploader.backgroundTaskManager.requestSuspendDelay("é" * 40, noop)  # 80 bytes in UTF-8
    assert emu.transient.requests[1].reason == "é" * 31  # 62 bytes: the 63rd byte split a character


def test_a_lone_surrogate_in_the_reason_becomes_u_fffd_as_in_every_string_argument(uploader, emu):
    uploader.backgroundTaskManager.requestSuspendDelay("a\ud800b\udc00 \U0001F600", noop)  # a pair stays
    assert emu.snapshot().transient_tasks[0].reason == "a\ufffdb\ufffd \U0001F600"
    (event,) = [e for e in emu.events if e.kind is EventKind.TRANSIENT_REQUESTED]
    assert event.reason == ("granted request 1 ('a\ufffdb\ufffd \U0001F600') for 3 min: the per-request limit "
                            "(DELAY_TIME_NORMAL)")
    emu.events.to_jsonl().encode("utf-8")  # the log is UTF-8 text again


def test_a_lone_surrogate_counts_three_bytes_toward_the_63_byte_cut(uploader, emu):
    bt = uploader.backgroundTaskManager
    bt.requestSuspendDelay("x" * 60 + "\ud800" + "y", noop)  # U+FFFD fills bytes 61-63
    bt.requestSuspendDelay("x" * 61 + "\udfff", noop)  # it would end at byte 64: dropped
    bt.requestSuspendDelay("\U0001F600" * 16, noop)  # 4 bytes each: 15 fit
    assert [t.reason for t in emu.snapshot().transient_tasks] == ["x" * 60 + "\ufffd", "x" * 61, "\U0001F600" * 15]


def test_injected_fault_answers_its_code_once(emu, uploader):
    bt = uploader.backgroundTaskManager
    emu.faults.fail_next("requestSuspendDelay", 9800003)
    with pytest.raises(BusinessError) as exc:
        bt.requestSuspendDelay("x", noop)
    assert (exc.value.code, exc.value.message) == (9800003, "BussinessError 9800003: Internal transaction failed.")
    assert emu.transient.requests == {}
    assert bt.requestSuspendDelay("x", noop).requestId == 1
    emu.faults.fail_next("getRemainingDelayTime", 9800002, times=2)
    got = []
    bt.getRemainingDelayTime(1, lambda err, ms: got.append(err.code))
    assert bt.getRemainingDelayTime(1).error().code == 9800002
    assert got == [9800002]
    assert bt.getRemainingDelayTime(1).result() == 180000


def test_faults_are_validated(emu):
    with pytest.raises(ValueError, match="unknown kit function"):
        emu.faults.fail_next("requestSuspendDelays", 9800003)
    with pytest.raises(ValueError, match="code must be one of"):
        emu.faults.fail_next("requestSuspendDelay", 9900001)
    assert emu.faults.describe() == ()


def test_returned_objects_carry_the_arkts_field_names(uploader):
    info = uploader.backgroundTaskManager.requestSuspendDelay("x", noop)
    assert isinstance(info, btm.DelaySuspendInfo)
    task_info = uploader.backgroundTaskManager.getTransientTaskInfo().result()
    assert isinstance(task_info, btm.TransientTaskInfo)
    assert (task_info.remainingQuota, task_info.transientTasks[0].requestId) == (600000, 1)


def test_get_transient_task_info_ignores_its_arguments(uploader):
    assert uploader.backgroundTaskManager.getTransientTaskInfo(1, "two").result().remainingQuota == 600000


def test_enums_have_their_arkts_values():
    assert btm.BackgroundMode.AUDIO_PLAYBACK == 2 and btm.BackgroundMode.TASK_KEEPING == 9
    assert btm.ResourceType.SENSOR == 256 and btm.ResourceType.WORK_SCHEDULER == 8
    assert btm.ContinuousTaskCancelReason.SYSTEM_CANCEL_USE_ILLEGALLY == 11
    assert btm.ContinuousTaskSuspendReason.SYSTEM_SUSPEND_USER_UNAUTHORIZED == 19
    assert btm.BackgroundTaskMode.MODE_NEARLINK == 14
    assert btm.BackgroundTaskSubmode.SUBMODE_WORK_OUT_NORMAL_NOTIFICATION == 11
    assert btm.BackgroundModeType.SUB_MODE == "subMode"
    assert btm.EfficiencyResourcesCpuLevel.LARGE_CPU == 2
    assert btm.UserAuthResult.GRANTED_ALWAYS == 4


def test_get_want_agent_forms_and_checks():
    info = {"wants": [{"bundleName": "com.example.music", "abilityName": "EntryAbility"}],
            "actionType": wantAgent.OperationType.START_ABILITY, "requestCode": 0, "wantAgentFlags": []}
    agent = asyncio.run(_await(wantAgent.getWantAgent(info)))
    assert (agent.bundleName, agent.abilityName) == ("com.example.music", "EntryAbility")
    got = []
    wantAgent.getWantAgent({"wants": []}, lambda err, a: got.append(err.code))
    assert got == [401]
    with pytest.raises(BusinessError):
        wantAgent.getWantAgent()


async def _await(p):
    return await p
