"""applyEfficiencyResources argument checks: the native layer's order and exact 401 messages (research-napi §2.11)."""

from __future__ import annotations

import pytest

from emulator.events import EventKind
from emulator.kit import backgroundTaskManager as btm
from tests.efficiency.conftest import events_of, held, raises, req

P = "BussinessError 401: Parameter error. "
NUMBER = P + "The number of arguments is wrong."
TYPES = P + "The resourcesType cannot be null and must be integer greater than 0."
IS_APPLY = P + "The isApply cannot be null and its type must be boolean."
TIME_OUT = P + "The timeOut cannot be null and must be integer greater than 0."
REASON = P + "The reason cannot be null and its type must be string."
PERSIST = P + "The isPersist cannot be null and must be boolean."
PROCESS = P + "The isProcess cannot be null and must be boolean."


@pytest.mark.parametrize("args", [(), (req(), req()), (req(), None)])
def test_wrong_number_of_arguments(bt, args):
    with raises(401, NUMBER):
        bt.applyEfficiencyResources(*args)


def test_keyword_arguments_are_a_wrong_number(bt):
    with raises(401, NUMBER):
        bt.applyEfficiencyResources(request=req())


@pytest.mark.parametrize("request_", [None, 5, "CPU", [], {}])
def test_not_an_object_fails_on_resource_types(bt, request_):
    with raises(401, TYPES):
        bt.applyEfficiencyResources(request_)


@pytest.mark.parametrize("value", [None, "1", True, -1, 2**31, float("nan"), [1]])
def test_resource_types_must_be_a_non_negative_int32(bt, value):
    with raises(401, TYPES):
        bt.applyEfficiencyResources(req(types=value))


def test_resource_types_zero_is_checked_after_the_other_fields(bt):
    r = req(types=0)
    del r["isApply"]
    with raises(401, IS_APPLY):
        bt.applyEfficiencyResources(r)
    with raises(401, TYPES):
        bt.applyEfficiencyResources(req(types=0))


def test_resource_types_is_read_as_int32(emu, app, bt):
    bt.applyEfficiencyResources(req(types=2**32 + 4, isPersist=True))  # wraps to 4 (TIMER)
    bt.applyEfficiencyResources(req(types=1.9, isPersist=True))  # truncated to 1 (CPU)
    assert held(emu, app) == (5, 0)


@pytest.mark.parametrize("value", ["missing", None, 1, "true"])
def test_is_apply_is_a_required_boolean(bt, value):
    r = req()
    if value == "missing":
        del r["isApply"]
    else:
        r["isApply"] = value
    with raises(401, IS_APPLY):
        bt.applyEfficiencyResources(r)


def test_time_out_is_required_even_when_persistent(bt):
    r = req(isPersist=True)
    del r["timeOut"]
    with raises(401, TIME_OUT):
        bt.applyEfficiencyResources(r)


@pytest.mark.parametrize("value", [-1, "10", None, True, 2**31])
def test_time_out_must_be_a_non_negative_int32(bt, value):
    with raises(401, TIME_OUT):
        bt.applyEfficiencyResources(req(time_out=value))


def test_time_out_zero_is_refused_only_for_a_timed_apply(emu, app, bt):
    with raises(401, TIME_OUT):
        bt.applyEfficiencyResources(req(time_out=0))
    with raises(401, TIME_OUT):
        bt.applyEfficiencyResources(req(time_out=0, isPersist=False))
    bt.applyEfficiencyResources(req(time_out=0, isPersist=True))
    bt.applyEfficiencyResources(req(apply=False, time_out=0))
    assert held(emu, app) == (0, 0)


@pytest.mark.parametrize("value", ["missing", None, 5, b"bytes"])
def test_reason_is_a_required_string(bt, value):
    r = req()
    if value == "missing":
        del r["reason"]
    else:
        r["reason"] = value
    with raises(401, REASON):
        bt.applyEfficiencyResources(r)


@pytest.mark.parametrize("value", [None, 1, "yes"])
def test_is_persist_present_must_be_boolean(bt, value):
    with raises(401, PERSIST):
        bt.applyEfficiencyResources(req(isPersist=value))


@pytest.mark.parametrize("value", [None, 0, "no"])
def test_is_process_present_must_be_boolean(bt, value):
    with raises(401, PROCESS):
        bt.applyEfficiencyResources(req(isProcess=value))


def test_check_order_follows_the_fields(bt):
    bad = {"resourceTypes": "x", "isApply": 1, "timeOut": -1, "reason": 2, "isPersist": 3, "isProcess": 4}
    expected = [TYPES, IS_APPLY, TIME_OUT, REASON, PERSIST, PROCESS]
    good = {"resourceTypes": 1, "isApply": True, "timeOut": 5, "reason": "r", "isPersist": False, "isProcess": False}
    for i, message in enumerate(expected):
        r = {**good, **{k: bad[k] for k in list(bad)[i:]}}
        with raises(401, message):
            bt.applyEfficiencyResources(r)


def test_reason_is_cut_to_63_bytes(emu, app, bt):
    bt.applyEfficiencyResources(req(reason="é" * 40, isPersist=True))  # 80 bytes; 31 whole characters fit
    assert emu.efficiency.app_records[app.uid].units[0].reason == "é" * 31


def test_a_lone_surrogate_in_the_reason_counts_its_three_bytes_before_the_cut(emu, app, bt):
    bt.applyEfficiencyResources(req(reason="x" * 60 + "\ud800" + "y", isPersist=True))  # 64 bytes
    assert emu.efficiency.app_records[app.uid].units[0].reason == "x" * 60 + "\ufffd"


def test_a_request_object_works_and_its_none_fields_are_absent(emu, app, bt):
    bt.applyEfficiencyResources(btm.EfficiencyResourcesRequest(
        resourceTypes=btm.ResourceType.TIMER, isApply=True, timeOut=5_000, reason="obj"))
    assert held(emu, app) == (4, 0)
    with raises(401, TYPES):
        bt.applyEfficiencyResources(btm.EfficiencyResourcesRequest(None, True, 5, "obj"))


def test_extra_keys_are_ignored(emu, app, bt):
    bt.applyEfficiencyResources(req(types=2, isPersist=True, extra="x", cpuLevelX=9, **{"1": 2}))
    assert held(emu, app) == (2, 0)


def test_a_401_is_an_event_and_does_not_reach_the_service(emu, bt):
    emu.faults.fail_next("applyEfficiencyResources", 9800003)
    with raises(401, TYPES):
        bt.applyEfficiencyResources(req(types=None))
    [refused] = events_of(emu, EventKind.CALL_REFUSED)
    assert refused.reason == f"refused by the JS layer of applyEfficiencyResources: {TYPES} (401)"
    assert emu.faults.describe()  # the injected fault is still armed: the IPC was never made
    with raises(9800003, "BussinessError 9800003: Internal transaction failed."):
        bt.applyEfficiencyResources(req())


def test_reset_and_get_all_read_no_arguments(emu, app, bt):
    bt.applyEfficiencyResources(req(isPersist=True))
    assert bt.getAllEfficiencyResources("ignored", lambda err, data: None).result()[0].resourceTypes == 1
    bt.resetAllEfficiencyResources(1, 2, x=3)
    assert held(emu, app) == (0, 0)


def test_apply_and_reset_return_none(bt):
    assert bt.applyEfficiencyResources(req()) is None
    assert bt.resetAllEfficiencyResources() is None
