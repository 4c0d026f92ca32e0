"""Service checks of apply and reset, in the order of service-rules §3.3, with exact codes and messages."""

from __future__ import annotations

import pytest

from emulator.events import EventKind
from emulator.kit import backgroundTaskManager as btm
from tests.efficiency.conftest import SYS, events_of, held, raises, req

NOT_READY = "BussinessError 9800004: System service operation failed. The system service is not ready."
EXCEEDS = ("BussinessError 18700001: Caller information verification failed for an energy resource request. "
           "The number of resources applied exceeds maximun.")
BAD_PID = "BussinessError 9900001: Caller information verification failed for a transient task. Invalid pid or uid."
NOT_SYSTEM = "BussinessError 202: System API verification failed. Only system application can apply."
DENIED = "BussinessError 201: Permission denied."
LEVEL_NOT_ALLOWED = "BussinessError 18700001: Apply cpu efficiency resources failed. Not allow apply cpuLevel."
LEVEL_TOO_LARGE = ("BussinessError 18700001: Apply cpu efficiency resources failed. "
                   "The cpuLevel value exceeds the max allowed by current application.")


def test_not_ready_answers_9800004_before_anything_else(emu, bt):
    emu.service_ready = False
    with raises(9800004, NOT_READY):
        bt.applyEfficiencyResources(req(types=512))
    with raises(9800004, NOT_READY):
        bt.resetAllEfficiencyResources()


@pytest.mark.parametrize("types", [512, 1023, 2**31 - 1])
def test_mask_above_511_answers_18700001(emu, app, bt, types):
    with raises(18700001, EXCEEDS):
        bt.applyEfficiencyResources(req(types=types))
    assert held(emu, app) == (0, 0)


def test_mask_check_comes_before_the_caller_checks(emu):
    other = emu.install_app("com.example.plain")
    with raises(18700001, EXCEEDS):
        other.backgroundTaskManager.applyEfficiencyResources(req(types=512))
    other.kill()
    with raises(18700001, EXCEEDS):
        other.backgroundTaskManager.applyEfficiencyResources(req(types=512))


def test_a_dead_app_answers_the_transient_code_9900001(app, bt):
    app.kill()
    with raises(9900001, BAD_PID):
        bt.applyEfficiencyResources(req())
    with raises(9900001, BAD_PID):
        bt.resetAllEfficiencyResources()


def test_pid_check_comes_before_the_system_app_check(emu):
    other = emu.install_app("com.example.plain", running_resources_apply=[0])
    other.kill()
    with raises(9900001, BAD_PID):
        other.backgroundTaskManager.applyEfficiencyResources(req())


def test_a_non_system_app_gets_202_even_with_privileges(emu):
    other = emu.install_app("com.example.plain", running_resources_apply=[0])
    with raises(202, NOT_SYSTEM):
        other.backgroundTaskManager.applyEfficiencyResources(req())
    with raises(202, NOT_SYSTEM):
        other.backgroundTaskManager.resetAllEfficiencyResources()


def test_bits_outside_the_privilege_list_are_dropped_silently(emu):
    app = emu.install_app("com.example.timer", system_app=True, running_resources_apply=[3, 6])  # TIMER, GPS
    app.backgroundTaskManager.applyEfficiencyResources(req(types=1 | 4 | 32 | 64, isPersist=True))
    assert held(emu, app) == (4 | 32, 0)
    [applied] = events_of(emu, EventKind.EFFICIENCY_APPLIED)
    assert "CPU, AUDIO dropped silently: not in the app's runningResourcesApply privilege list" in applied.reason


def test_nothing_left_after_the_privilege_filter_is_201(emu):
    app = emu.install_app("com.example.timer", system_app=True, running_resources_apply=[3])
    with raises(201, DENIED):
        app.backgroundTaskManager.applyEfficiencyResources(req(types=1 | 2))
    with raises(201, DENIED):
        app.backgroundTaskManager.applyEfficiencyResources(req(types=1, apply=False))
    [refused] = [e for e in events_of(emu, EventKind.EFFICIENCY_REFUSED)][:1]
    assert refused.reason == ("refused: none of CPU, COMMON_EVENT is in the app's runningResourcesApply "
                              "privilege list [3] (201)")


def test_an_empty_privilege_list_refuses_apply_and_reset_with_201(emu):
    app = emu.install_app("com.example.none", system_app=True)
    with raises(201, DENIED):
        app.backgroundTaskManager.applyEfficiencyResources(req())
    with raises(201, DENIED):
        app.backgroundTaskManager.resetAllEfficiencyResources()


def test_cpu_level_needs_the_allow_list(emu, app, bt):
    with raises(18700001, LEVEL_NOT_ALLOWED):
        bt.applyEfficiencyResources(req(cpuLevel=btm.EfficiencyResourcesCpuLevel.SMALL_CPU))
    emu.efficiency.allow_cpu_level(SYS, 1)
    with raises(18700001, LEVEL_TOO_LARGE):
        bt.applyEfficiencyResources(req(cpuLevel=btm.EfficiencyResourcesCpuLevel.LARGE_CPU))
    bt.applyEfficiencyResources(req(cpuLevel=btm.EfficiencyResourcesCpuLevel.MEDIUM_CPU, isPersist=True))
    assert emu.efficiency.app_records[app.uid].cpu_level == 1
    assert bt.getAllEfficiencyResources().result()[0].cpuLevel == 1


def test_cpu_level_above_large_becomes_the_default(emu, app, bt):
    """SetCpuLevel (efficiency_resource_info.cpp:63-67 at HEAD e75584cd): no error, and no allow-list needed."""
    bt.applyEfficiencyResources(req(cpuLevel=3, isPersist=True))
    assert emu.efficiency.app_records[app.uid].cpu_level == -1
    assert bt.getAllEfficiencyResources().result()[0].cpuLevel is None


def test_cpu_level_is_read_before_check_valid_info(emu, app, bt):
    bt.applyEfficiencyResources(req(types=0, cpuLevel=-1))  # returns silently: no 401 for resourceTypes 0
    assert held(emu, app) == (0, 0)


def test_cpu_level_is_ignored_without_cpu(emu, app, bt):
    bt.applyEfficiencyResources(req(types=4, cpuLevel=2, isPersist=True))
    assert held(emu, app) == (4, 0)
    assert emu.efficiency.app_records[app.uid].cpu_level == -1


def test_cpu_level_is_checked_before_the_privilege_filter(emu):
    app = emu.install_app("com.example.timer", system_app=True, running_resources_apply=[3])
    with raises(18700001, LEVEL_NOT_ALLOWED):
        app.backgroundTaskManager.applyEfficiencyResources(req(types=1, cpuLevel=0))


def test_system_app_check_comes_before_cpu_level(emu):
    other = emu.install_app("com.example.plain", running_resources_apply=[0])
    with raises(202, NOT_SYSTEM):
        other.backgroundTaskManager.applyEfficiencyResources(req(cpuLevel=9))


@pytest.mark.parametrize("level", [-1, -5, None, "1"])
def test_negative_or_non_number_cpu_level_returns_silently(emu, app, bt, level):
    assert bt.applyEfficiencyResources(req(cpuLevel=level, isPersist=True)) is None
    assert held(emu, app) == (0, 0)
    [ignored] = events_of(emu, EventKind.CALL_REFUSED)
    assert ignored.reason.startswith("ignored by the JS layer of applyEfficiencyResources: cpuLevel")


def test_allow_list_knob_validates_and_is_an_event(emu):
    with pytest.raises(ValueError):
        emu.efficiency.allow_cpu_level(SYS, 3)
    with pytest.raises(ValueError):
        emu.efficiency.allow_cpu_level("", 1)
    emu.efficiency.allow_cpu_level(SYS, 0)
    assert emu.efficiency.cpu_level_allow_list == {SYS: 0}
    emu.efficiency.allow_cpu_level(SYS, None)
    assert emu.efficiency.cpu_level_allow_list == {}
    assert [e.reason for e in events_of(emu, EventKind.POLICY)] == [
        f"CPU-level allow-list: {SYS} may ask for a CPU grant with cpuLevel up to 0",
        f"CPU-level allow-list: {SYS} is off the CPU-level allow-list"]


def test_every_refusal_is_an_event_naming_its_code(emu, app, bt):
    emu.service_ready = False
    with raises(9800004, NOT_READY):
        bt.applyEfficiencyResources(req())
    emu.service_ready = True
    with raises(18700001, EXCEEDS):
        bt.applyEfficiencyResources(req(types=600))
    app.kill()
    with raises(9900001, BAD_PID):
        bt.resetAllEfficiencyResources()
    reasons = [e.reason for e in events_of(emu, EventKind.EFFICIENCY_REFUSED)]
    assert reasons == [
        "refused: the background task service is not ready (9800004)",
        "refused: resourceTypes 600 is outside 1..511 (MAX_RESOURCE_MASK, CheckResourceInfo) (18700001)",
        "refused: the caller has no running process (pid -1), so its pid is invalid (IsCallingInfoLegal) (9900001)",
    ]
    assert all(e.app == SYS and e.data["function"] for e in events_of(emu, EventKind.EFFICIENCY_REFUSED))


def test_the_service_rejects_a_timed_apply_with_no_time_out(emu, app):
    from emulator.errors import BusinessError
    from emulator.service.efficiency_model import EfficiencyRequest

    with pytest.raises(BusinessError) as info:
        emu.efficiency.apply(app, EfficiencyRequest(1, True, 0, "direct"))
    assert (info.value.code, info.value.message) == (18700001, EXCEEDS)


def test_injected_faults_target_each_function(emu, bt):
    for fn in ("applyEfficiencyResources", "resetAllEfficiencyResources", "getAllEfficiencyResources"):
        emu.faults.fail_next(fn, 9800002)
    msg = ("BussinessError 9800002: Failed to write data into parcel. Possible reasons: 1. Invalid parameters; "
           "2. Failed to apply for memory.")
    with raises(9800002, msg):
        bt.applyEfficiencyResources(req())
    with raises(9800002, msg):
        bt.resetAllEfficiencyResources()
    with raises(9800002, msg):
        bt.getAllEfficiencyResources().result()
