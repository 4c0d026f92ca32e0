"""getAllEfficiencyResources (API 20): its own codes, its shape, and the device's `index << 1` type value."""

from __future__ import annotations

import pytest

from emulator.kit import backgroundTaskManager as btm
from emulator.kit.promise import Promise
from tests.efficiency.conftest import raises, req

NOT_READY = "BussinessError 18700004: System service operation failed. The system service is not ready."
BAD_PID = "BussinessError 18700001: Caller information verification failed for an energy resource. Invalid pid or uid."
NOT_SYSTEM = "BussinessError 202: System API verification failed. Only system application can apply."


def test_empty_when_nothing_is_held(bt):
    p = bt.getAllEfficiencyResources()
    assert isinstance(p, Promise) and p.fulfilled and p.result() == []


async def test_the_promise_can_be_awaited(bt):
    bt.applyEfficiencyResources(req(types=4, isPersist=True))
    infos = await bt.getAllEfficiencyResources()
    assert [i.resourceTypes for i in infos] == [4]


def test_not_ready_rejects_with_18700004_not_9800004(emu, bt):
    emu.service_ready = False
    p = bt.getAllEfficiencyResources()  # no throw at call time: the promise is rejected
    assert not p.fulfilled
    with raises(18700004, NOT_READY):
        p.result()


def test_a_dead_app_gets_18700001_here(app, bt):
    app.kill()
    with raises(18700001, BAD_PID):
        bt.getAllEfficiencyResources().result()


def test_a_non_system_app_gets_202(emu):
    other = emu.install_app("com.example.plain", running_resources_apply=[0])
    with raises(202, NOT_SYSTEM):
        other.backgroundTaskManager.getAllEfficiencyResources().result()


def test_type_values_are_index_shifted_left_by_one(bt):
    """Quirk: 1 for CPU, else index << 1; right for CPU, COMMON_EVENT and TIMER only."""
    for t in btm.ResourceType:
        bt.applyEfficiencyResources(req(types=int(t), isPersist=True))
    values = [i.resourceTypes for i in bt.getAllEfficiencyResources().result()]
    assert values == [1, 2, 4, 6, 8, 10, 12, 14, 16]
    assert [int(t) for t in btm.ResourceType] == [1, 2, 4, 8, 16, 32, 64, 128, 256]


def test_fields_of_each_entry(emu, app, bt):
    bt.applyEfficiencyResources(req(types=1, isProcess=True, isPersist=True, time_out=7, reason="proc"))
    bt.applyEfficiencyResources(req(types=2 | 32, time_out=30_000, reason="app"))
    infos = bt.getAllEfficiencyResources().result()
    assert infos == [
        btm.EfficiencyResourcesInfo(2, 30_000, False, False, "app", app.uid, app.pid, None),
        btm.EfficiencyResourcesInfo(10, 30_000, False, False, "app", app.uid, app.pid, None),
        btm.EfficiencyResourcesInfo(1, 7, True, True, "proc", app.uid, app.pid, None),
    ]


def test_timeout_is_the_requested_one_not_the_time_left(emu, bt):
    bt.applyEfficiencyResources(req(types=4, time_out=30_000))
    emu.advance(10_000)
    assert bt.getAllEfficiencyResources().result()[0].timeout == 30_000


def test_only_the_callers_grants(emu, bt):
    other = emu.install_app("com.example.other", system_app=True, running_resources_apply=[0])
    other.backgroundTaskManager.applyEfficiencyResources(req(types=4, isPersist=True))
    assert bt.getAllEfficiencyResources().result() == []


@pytest.mark.parametrize("args", [(), (lambda err, data: None,), (1, 2, 3)])
def test_always_a_promise(bt, args):
    assert isinstance(bt.getAllEfficiencyResources(*args), Promise)


# -- merging into a held type, as at HEAD e75584cd (ERM:497-549, 1152-1158) ----------------------------
def test_a_held_type_keeps_its_first_time_out(emu, bt):
    bt.applyEfficiencyResources(req(types=4, time_out=5_000, reason="first"))
    emu.advance(1_000)
    bt.applyEfficiencyResources(req(types=4, time_out=60_000, reason="second"))
    (info,) = bt.getAllEfficiencyResources().result()
    assert (info.resourceTypes, info.timeout, info.reason) == (4, 5_000, "second")
    emu.advance(59_999)  # the end time still moved to the later one: 1 s + 60 s
    assert bt.getAllEfficiencyResources().result() != []
    emu.advance(1)
    assert bt.getAllEfficiencyResources().result() == []


def test_a_second_cpu_request_keeps_the_first_cpu_level(emu, bt):
    emu.efficiency.allow_cpu_level("com.example.sysapp", 2)
    bt.applyEfficiencyResources(req(types=1, isPersist=True, cpuLevel=1))
    bt.applyEfficiencyResources(req(types=1, isPersist=True, cpuLevel=2))
    assert [(i.resourceTypes, i.cpuLevel) for i in bt.getAllEfficiencyResources().result()] == [(1, 1)]
    assert "cpuLevel 2 not taken" in [e for e in emu.events if e.kind.value == "efficiency.applied"][-1].reason


def test_adding_a_type_without_cpu_sets_the_level_to_minus_one(emu, bt):
    """A request without CPU carries cpuLevel -1 (ERM:1196-1205); it adds TIMER, so the record takes it."""
    emu.efficiency.allow_cpu_level("com.example.sysapp", 2)
    bt.applyEfficiencyResources(req(types=1, isPersist=True, cpuLevel=2))
    bt.applyEfficiencyResources(req(types=4, isPersist=True))
    assert [(i.resourceTypes, i.cpuLevel) for i in bt.getAllEfficiencyResources().result()] == [
        (1, None), (4, None)]


def test_the_app_part_of_a_per_process_request_keeps_the_apps_level(emu, bt):
    emu.efficiency.allow_cpu_level("com.example.sysapp", 2)
    bt.applyEfficiencyResources(req(types=1, isPersist=True, cpuLevel=2))  # the app record: CPU at 2
    bt.applyEfficiencyResources(req(types=1 | 4, isPersist=True, isProcess=True, cpuLevel=1))
    rows = [(i.resourceTypes, i.isForProcess, i.cpuLevel) for i in bt.getAllEfficiencyResources().result()]
    assert rows == [(1, False, 2), (4, False, 2), (1, True, 1)]
