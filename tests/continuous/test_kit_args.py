"""The native layer's argument checks for continuous-task functions (research-napi §2.5-2.8, §2.10, §2.12)."""

import pytest

from emulator import BusinessError
from emulator.kit import backgroundTaskManager as btm
from emulator.kit.promise import Promise

from .conftest import kinds

P = "BussinessError 401: Parameter error. "
NUMBER = P + "The number of arguments is wrong."
CONTEXT = P + "The context cannot be null and its type must be Context."
BGMODE = P + "The bgMode cannot be null and its type must be BackgroundMode object."
AGENT = P + "The wantAgent cannot be null and its type must be WantAgent object."
CALLBACK = P + "The callback cannot be null and its type must be function."
TOKEN = P + "The token of context cannot be null."
RANGE = P + "The value of bgMode ranges from BG_MODE_ID_BEGIN to BG_MODE_ID_END."
INVALID = P + "The input param is invalid."
V = "BussinessError 9800005: Continuous Task verification failed. "


def throws(fn, *args, **kwargs) -> BusinessError:
    with pytest.raises(BusinessError) as info:
        fn(*args, **kwargs)
    return info.value


def check(err: BusinessError, code: int, message: str) -> None:
    assert (err.code, err.message) == (code, message)
    assert type(err.code) is int


# -- startBackgroundRunning ----------------------------------------------------------------------
def test_start_argument_count(music, agent):
    bt = music.backgroundTaskManager
    check(throws(bt.startBackgroundRunning, music.context, 2, agent, print, 1), 401, NUMBER)
    check(throws(bt.startBackgroundRunning, music.context, ["audioPlayback"], agent, x=1), 401, NUMBER)
    check(throws(bt.startBackgroundRunning), 401, CONTEXT)  # argv[0] is undefined
    check(throws(bt.startBackgroundRunning, music.context), 401, BGMODE)  # argv[1] is undefined


@pytest.mark.parametrize("context", [None, 1, "ctx", {}, object()])
def test_start_context_must_be_an_ability_context(music, agent, context):
    check(throws(music.backgroundTaskManager.startBackgroundRunning, context, 2, agent), 401, CONTEXT)


@pytest.mark.parametrize("bg_mode", [None, "audioPlayback", True, [], ["audioPlayback", "music"], [2], {}])
def test_start_bg_mode_type(music, agent, bg_mode):
    check(throws(music.backgroundTaskManager.startBackgroundRunning, music.context, bg_mode, agent), 401, BGMODE)


@pytest.mark.parametrize("bg_mode", [0, 10, -1, 2 ** 32 + 10, float("nan")])
def test_start_bg_mode_range(music, agent, bg_mode):
    check(throws(music.backgroundTaskManager.startBackgroundRunning, music.context, bg_mode, agent), 401, RANGE)


def test_start_numeric_mode_is_read_as_uint32(music, agent):
    """napi_get_value_uint32: 2**32 + 2 wraps to 2 (audioPlayback), 2.9 truncates to 2."""
    bt = music.backgroundTaskManager
    assert bt.startBackgroundRunning(music.context, 2 ** 32 + 2, agent).result() == 0
    bt.stopBackgroundRunning(music.context).result()
    assert bt.startBackgroundRunning(music.context, 2.9, agent).result() == 0


@pytest.mark.parametrize("want", [None, 1, "agent", {"wants": []}])
def test_start_want_agent_type(music, want):
    check(throws(music.backgroundTaskManager.startBackgroundRunning, music.context, 2, want), 401, AGENT)


def test_start_callback_checked_after_want_agent(music, agent):
    bt = music.backgroundTaskManager
    check(throws(bt.startBackgroundRunning, music.context, 2, None, "cb"), 401, AGENT)
    check(throws(bt.startBackgroundRunning, music.context, 2, agent, "cb"), 401, CALLBACK)
    check(throws(bt.startBackgroundRunning, music.context, 2, agent, None), 401, CALLBACK)


def test_start_token_checked_before_range(music, agent):
    ctx = music.context
    music.kill()
    check(throws(music.backgroundTaskManager.startBackgroundRunning, ctx, 99, agent), 401, TOKEN)


def test_start_refusals_are_events_before_any_service_call(music, agent):
    throws(music.backgroundTaskManager.startBackgroundRunning, music.context, 99, agent)
    event = [e for e in music._emu.events if e.kind.value == "call.refused"][-1]
    assert event.data["code"] == 401 and event.data["error"] == "ERR_BGMODE_RANGE_ERR"
    assert "continuous.refused" not in kinds(music._emu)


def test_start_array_duplicates_dropped(music, agent):
    note = music.backgroundTaskManager.startBackgroundRunning(
        music.context, ["location", "audioPlayback", "location"], agent).result()
    task = music._emu.snapshot().continuous_tasks[0]
    assert task.modes == ("location", "audioPlayback") and note.continuousTaskId == task.continuous_task_id


def test_start_forms_and_results(music, agent):
    bt = music.backgroundTaskManager
    promise = bt.startBackgroundRunning(music.context, ["audioPlayback"], agent)
    assert isinstance(promise, Promise)
    assert promise.result() == btm.ContinuousTaskNotification(slotType=4, contentType=8, notificationId=0,
                                                               continuousTaskId=1)
    bt.stopBackgroundRunning(music.context).result()
    assert bt.startBackgroundRunning(music.context, btm.BackgroundMode.AUDIO_PLAYBACK, agent).result() == 0
    bt.stopBackgroundRunning(music.context).result()
    calls = []
    assert bt.startBackgroundRunning(music.context, 2, agent, lambda err, data: calls.append((err, data))) is None
    assert calls == [(None, 0)]
    bt.stopBackgroundRunning(music.context).result()
    # the callback form answers (undefined, 0) even for the array form
    bt.startBackgroundRunning(music.context, ["audioPlayback"], agent, lambda err, data: calls.append((err, data)))
    assert calls[-1] == (None, 0)


async def test_start_promise_is_awaitable(music, agent):
    note = await music.backgroundTaskManager.startBackgroundRunning(music.context, ["audioPlayback"], agent)
    assert note.continuousTaskId == 1


def test_start_service_error_reaches_callback_once(emu, music, agent):
    emu.service_ready = False
    calls = []
    music.backgroundTaskManager.startBackgroundRunning(music.context, 2, agent, lambda *a: calls.append(a))
    assert len(calls) == 1
    err, data = calls[0]
    check(err, 9800004, "BussinessError 9800004: System service operation failed. The system service is not ready.")
    assert data is None


# -- the two-argument (request object) path -------------------------------------------------------
def test_old_two_argument_mistake_is_9800005(music):
    """startBackgroundRunning(ctx, 1) lands on the API-21 request-object path: 9800005, not 401."""
    err = throws(music.backgroundTaskManager.startBackgroundRunning, music.context, 1)
    check(err, 9800005, V + "The continuousRequestInfo cannot be null and its type must be continuousRequestInfo "
          "object.")


def test_request_object_checks(music, agent):
    bt = music.backgroundTaskManager
    req = btm.ContinuousTaskRequest
    check(throws(bt.startBackgroundRunning, "ctx", req()), 401, CONTEXT)
    check(throws(bt.startBackgroundRunning, music.context, req()), 9800005, V + "The continuousRequestInfo cannot be "
          "null and its type must be continuousRequestInfo object.")  # no wantAgent
    check(throws(bt.startBackgroundRunning, music.context, req([], [], agent)), 9800005,
          V + "The backgroundTaskModes or backgroundTaskSubmodes cannot be empty.")
    check(throws(bt.startBackgroundRunning, music.context, req([2], [2, 2], agent)), 9800005,
          V + "The length of the backgroundTaskModes does not match the length of the backgroundTaskSubmodes.")
    check(throws(bt.startBackgroundRunning, music.context, req([2], [12], agent)), 9800005,
          V + "The backgroundTaskModes or backgroundTaskSubmodes are out of scope.")
    check(throws(bt.startBackgroundRunning, music.context, req([1], [2], agent)), 9800005,
          V + "The sequence of backgroundTaskModes does not match the backgroundTaskSubmodes.")
    check(throws(bt.startBackgroundRunning, music.context, {"backgroundTaskModes": [2, -1],
                                                             "backgroundTaskSubmodes": [2, 2], "wantAgent": agent}),
          9800005, V + "The continuousRequestInfo cannot be null and its type must be continuousRequestInfo object.")


def test_valid_request_object_reaches_the_service(music, agent):
    promise = music.backgroundTaskManager.startBackgroundRunning(
        music.context, btm.ContinuousTaskRequest([1, 2], [3, 2], agent))
    note = promise.result()
    assert (note.slotType, note.contentType, note.notificationId, note.continuousTaskId) == (4, 8, 0, 1)
    assert [t.continuous_task_id for t in music._emu.snapshot().continuous_tasks] == [1]


# -- updateBackgroundRunning ----------------------------------------------------------------------
def test_update_checks(music, agent):
    bt = music.backgroundTaskManager
    check(throws(bt.updateBackgroundRunning, music.context), 401, NUMBER)
    check(throws(bt.updateBackgroundRunning, music.context, ["location"], 1), 401, NUMBER)
    check(throws(bt.updateBackgroundRunning, None, ["location"]), 401, CONTEXT)
    check(throws(bt.updateBackgroundRunning, music.context, []), 401, BGMODE)
    check(throws(bt.updateBackgroundRunning, music.context, ["gps"]), 401, BGMODE)
    # not an array: the request-object path, whose missing continuousTaskId reads as -1
    check(throws(bt.updateBackgroundRunning, music.context, 2), 9800005, V + "The continuousRequestInfo cannot be "
          "null and its type must be continuousRequestInfo object.")
    check(throws(bt.updateBackgroundRunning, music.context, btm.ContinuousTaskRequest([2], [2], agent)), 9800005,
          V + "The continuous task Id is invalid.")
    promise = bt.updateBackgroundRunning(music.context, btm.ContinuousTaskRequest([2], [2], agent, False, 3))
    check(promise.error(), 9800005, V + "The application has not applied for a continuous task.")


def test_update_has_no_token_check(emu, music, agent):
    ctx = music.context
    music.kill()
    promise = music.backgroundTaskManager.updateBackgroundRunning(ctx, ["location"])
    check(promise.error(), 9800005, V + "The application has not applied for a continuous task.")


# -- stopBackgroundRunning ------------------------------------------------------------------------
def test_stop_checks(music, agent):
    bt = music.backgroundTaskManager
    check(throws(bt.stopBackgroundRunning, music.context, print, 1), 401, NUMBER)
    check(throws(bt.stopBackgroundRunning), 401, CONTEXT)
    check(throws(bt.stopBackgroundRunning, 5), 401, CONTEXT)
    check(throws(bt.stopBackgroundRunning, music.context, "cb"), 401, CALLBACK)
    check(throws(bt.stopBackgroundRunning, music.context, -1), 9800005, V + "The continuous task Id is invalid.")


def test_stop_negative_id_checked_before_token(music):
    ctx = music.context
    music.kill()
    bt = music.backgroundTaskManager
    check(throws(bt.stopBackgroundRunning, ctx, -3), 9800005, V + "The continuous task Id is invalid.")
    check(throws(bt.stopBackgroundRunning, ctx, 3), 401, TOKEN)
    check(throws(bt.stopBackgroundRunning, ctx), 401, TOKEN)


# -- getAllContinuousTasks ------------------------------------------------------------------------
def test_get_all_checks(music):
    bt = music.backgroundTaskManager
    check(throws(bt.getAllContinuousTasks), 401, NUMBER)
    check(throws(bt.getAllContinuousTasks, music.context, True, 1), 401, NUMBER)
    check(throws(bt.getAllContinuousTasks, {}), 401, CONTEXT)
    # includeSuspended of the wrong type: the first of two throws wins, with the wantAgent detail
    check(throws(bt.getAllContinuousTasks, music.context, 1), 401, AGENT)
    assert bt.getAllContinuousTasks(music.context).result() == []
    assert bt.getAllContinuousTasks(music.context, False).result() == []


# -- on / off -------------------------------------------------------------------------------------
@pytest.mark.parametrize("args", [(), ("continuousTaskCancel",), (1, print), ("continuousTaskStop", print),
                                  ("continuousTaskCancel", None), ("continuousTaskCancel", "cb")])
def test_on_checks(music, args):
    check(throws(music.backgroundTaskManager.on, *args), 401, INVALID)


def test_on_extra_arguments_are_ignored(music):
    music.backgroundTaskManager.on("continuousTaskCancel", print, "extra")
    assert music._emu.continuous.listeners.types_for(music.uid) == ("continuousTaskCancel",)


@pytest.mark.parametrize("args", [(), (2,), ("continuousTaskCancel", None), ("continuousTaskActive", 1)])
def test_off_checks(music, args):
    check(throws(music.backgroundTaskManager.off, *args), 401, INVALID)


def test_off_without_any_subscription_is_silent(music):
    assert music.backgroundTaskManager.off("continuousTaskCancel") is None
    assert music.backgroundTaskManager.off("continuousTaskSuspend", print) is None
