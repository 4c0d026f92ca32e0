"""Issue 16 point 3: the exception contract of a kit call, fuzzed with arguments whose dunders raise.

A kit call raises only BusinessError for what the emulator decides; an exception the caller's own
argument raises while the call reads it propagates unchanged and leaves the world as it was;
KeyboardInterrupt and SystemExit always propagate; app code (a callback) raising is contained.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from emulator import BusinessError, Emulator
from emulator.kit import backgroundTaskManager as btm
from emulator.kit import wantAgent
from emulator.kit.bound import KIT_FUNCTIONS

KEEP = "ohos.permission.KEEP_BACKGROUND_RUNNING"
INFO = "ohos.permission.GET_BACKGROUND_TASK_INFO"


class Boom(Exception):
    """What a hostile argument raises: the only exception besides BusinessError a call may let out."""


def _boom(*_a, **_k):
    raise Boom("hostile")


class HostileInt(int):
    __float__ = __index__ = __int__ = __eq__ = __hash__ = __lt__ = __gt__ = __le__ = __ge__ = _boom
    __and__ = __bool__ = __repr__ = __str__ = __format__ = _boom


class HostileFloat(float):
    __float__ = __eq__ = __hash__ = __lt__ = __repr__ = __str__ = __bool__ = _boom


class HostileStr(str):
    __eq__ = __hash__ = isascii = encode = __len__ = __iter__ = __getitem__ = __repr__ = __str__ = _boom


class HostileList(list):
    __iter__ = __len__ = __getitem__ = __bool__ = __contains__ = _boom


class HostileDict(dict):
    get = __getitem__ = __contains__ = __iter__ = __len__ = keys = items = _boom


class HostileObject:
    def __getattr__(self, name):
        raise Boom(name)

    __eq__ = __hash__ = __repr__ = __str__ = __bool__ = _boom


class HostileGetters:
    """A request object whose every documented field is a raising getter."""
    for _name in ("backgroundTaskModes", "backgroundTaskSubmodes", "wantAgent", "continuousTaskId",
                  "combinedTaskNotification", "resourceTypes", "isApply", "timeOut", "reason", "isPersist",
                  "isProcess", "cpuLevel", "wants", "requestCode", "actionType", "bundleName", "abilityName",
                  "onContinuousTaskStart", "onContinuousTaskStop", "onContinuousTaskUpdate"):
        locals()[_name] = property(_boom)
    del _name


HOSTILE = [HostileInt(2), HostileFloat(1.0), HostileStr("audioPlayback"), HostileList(["audioPlayback"]),
           HostileDict(), HostileObject(), HostileGetters(), _boom]
KEYS = ["backgroundTaskModes", "backgroundTaskSubmodes", "wantAgent", "continuousTaskId", "combinedTaskNotification",
        "resourceTypes", "isApply", "timeOut", "reason", "isPersist", "isProcess", "cpuLevel", "wants",
        "requestCode", "actionType", "bundleName", "abilityName"]


def _world(emu: Emulator):
    """Everything a call could change, but the event log (a refusal is logged) and the clock."""
    snap = emu.snapshot()
    listeners = sorted((s.pid, s.js_flags, s.service_flags, s.registered, tuple(map(len, s.observers.values())))
                       for s in emu.continuous.listeners.by_pid.values())
    return (snap.apps, snap.transient_tasks, snap.continuous_tasks, snap.notifications, snap.efficiency_grants,
            snap.next_event_ms, emu.continuous.last_task_id, emu.continuous.last_notification_id, listeners,
            len(emu.transient.requests))


def _device():
    emu = Emulator()
    app = emu.install_app("com.example.fuzz", system_app=True, permissions=[KEEP, INFO],
                          background_modes=["audioPlayback", "dataTransfer"], running_resources_apply=[0])
    agent = wantAgent.getWantAgent({"wants": [{"bundleName": app.bundle_name, "abilityName": "EntryAbility"}],
                                    "requestCode": 0}).result()
    app.backgroundTaskManager.requestSuspendDelay("seed", lambda: None)
    return emu, app, agent


def _pool(app, agent) -> list:
    return [app.context, agent, "audioPlayback", ["audioPlayback"], ["dataTransfer"], [2], [1], 2, 1, 0, -1, True,
            False, None, "continuousTaskCancel", "subscribeContinuousTaskState", lambda *a: None,
            btm.ResourceType.CPU, 1.5] + HOSTILE


# Drawn as indices into the pool (hypothesis prints what it draws; a hostile __repr__ would break that).
SHAPES = st.recursive(st.integers(0, 26), lambda kids: st.lists(kids, max_size=3).map(lambda v: ("list", v))
                      | st.dictionaries(st.sampled_from(KEYS), kids, max_size=5).map(lambda v: ("dict", v)),
                      max_leaves=10)


def _build(shape, pool):
    if isinstance(shape, int):
        return pool[shape]
    kind, inner = shape
    if kind == "list":
        return [_build(s, pool) for s in inner]
    return {k: _build(v, pool) for k, v in inner.items()}


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(function=st.sampled_from(sorted(KIT_FUNCTIONS) + ["getWantAgent"]), shapes=st.lists(SHAPES, max_size=4))
def test_only_business_errors_or_the_arguments_own_exception_escape(function, shapes):
    emu, app, agent = _device()
    pool = _pool(app, agent)
    assert len(pool) == 27
    args = [_build(s, pool) for s in shapes]
    before = _world(emu)
    target = wantAgent if function == "getWantAgent" else app.backgroundTaskManager
    try:
        result = getattr(target, function)(*args)
        err = result.error() if hasattr(result, "error") else None
        assert err is None or isinstance(err, BusinessError)
        if err is not None:
            assert type(err.code) is int and err.message.startswith("BussinessError ") or err.code == 401
    except BusinessError as err:
        assert type(err.code) is int
    except Boom:
        assert _world(emu) == before, "the argument's exception left the world half-changed"


@pytest.mark.parametrize("stop", [KeyboardInterrupt, SystemExit])
def test_keyboard_interrupt_and_system_exit_always_propagate(stop):
    emu, app, agent = _device()

    class Stopping(int):
        def __float__(self):
            raise stop

    def callback(*_a):
        raise stop

    with pytest.raises(stop):
        app.backgroundTaskManager.stopBackgroundRunning(app.context, Stopping(3))
    with pytest.raises(stop):
        app.backgroundTaskManager.getRemainingDelayTime(1, callback)
    with pytest.raises(stop):
        wantAgent.getWantAgent({"wants": [{}], "requestCode": 0}, callback)


@pytest.mark.parametrize("field", ["requestCode", "actionType"])
@pytest.mark.parametrize("value", [float("nan"), float("inf"), float("-inf"), 2.0 ** 40, -7.9])
def test_want_agent_numbers_are_read_as_int32(field, value):
    info = {"wants": [{"bundleName": "b", "abilityName": "a"}], "requestCode": 0, field: value}
    agent = wantAgent.getWantAgent(info).result()
    got = agent.requestCode if field == "requestCode" else agent.operationType
    expected = {2.0 ** 40: 0, -7.9: -7}.get(value, 0)
    assert got == expected
