"""resource_record: coalesced atomic writes, restart_service() and reboot() restore rules (service-rules §3.4)."""

from __future__ import annotations

import json

from emulator import Emulator
from emulator.events import EventKind
from tests.efficiency.conftest import FOUR_MIN, SYS, events_of, held, req

CPU, TIMER, WORK_SCHEDULER, GPS = 1, 4, 8, 32


def file_data(emu):
    return json.loads(emu.efficiency.store.file.path.read_text())


def test_the_file_has_the_device_layout(emu, app, bt):
    emu.advance(5_000)
    bt.applyEfficiencyResources(req(types=CPU, isProcess=True, isPersist=True, reason="p"))
    bt.applyEfficiencyResources(req(types=TIMER, time_out=10_000, reason="t"))
    emu.advance(0)
    data = file_data(emu)
    assert data["processResourceRecord"][str(app.pid)]["resourceNumber"] == CPU
    rec = data["appResourceRecord"][str(app.uid)]
    assert (rec["bundleName"], rec["uid"], rec["pid"], rec["resourceNumber"], rec["cpuLevel"]) == (
        SYS, app.uid, app.pid, TIMER, -1)
    assert rec["resourceUnitList"] == [{"resourceIndex": 2, "isPersist": False, "endTime": 15_000, "reason": "t",
                                        "timeOut": 10_000}]


def test_writes_are_coalesced_until_the_clock_settles(emu, app, bt):
    store = emu.efficiency.store
    for _ in range(5):
        bt.applyEfficiencyResources(req(types=TIMER, isPersist=True))
        bt.applyEfficiencyResources(req(types=TIMER, apply=False))
    bt.applyEfficiencyResources(req(types=GPS, isPersist=True))
    assert store.dirty and store.writes == 0 and not store.file.path.exists()
    emu.advance(0)
    assert not store.dirty and store.writes == 1
    assert file_data(emu)["appResourceRecord"][str(app.uid)]["resourceNumber"] == GPS


def test_no_leftover_temporary_files(emu, app, bt):
    bt.applyEfficiencyResources(req(types=GPS, isPersist=True))
    emu.advance(1)
    assert [p.name for p in emu.state_dir.iterdir() if "resource" in p.name] == ["resource_record"]


def test_restart_sees_the_latest_state_without_an_advance(emu, app, bt):
    emu.advance(FOUR_MIN + 1)
    bt.applyEfficiencyResources(req(types=CPU | GPS, isPersist=True))
    emu.restart_service()
    assert held(emu, app) == (CPU | GPS, 0)


def test_restart_after_four_minutes_restores_everything_of_running_apps(emu, app, bt):
    emu.advance(FOUR_MIN + 1)
    bt.applyEfficiencyResources(req(types=CPU, isProcess=True, isPersist=True))
    bt.applyEfficiencyResources(req(types=TIMER | GPS, time_out=60_000, reason="wake"))
    emu.advance(20_000)
    emu.restart_service()
    assert held(emu, app) == (TIMER | GPS, CPU)
    grant = emu.snapshot().efficiency_grants[0]
    assert (grant.type_name, grant.remaining_ms, grant.reason) == ("TIMER", 40_000, "wake")
    emu.advance(40_000)
    assert held(emu, app) == (0, CPU)
    restored = [e.reason for e in events_of(emu, EventKind.EFFICIENCY_RESTORED)]
    assert restored[0] == ("efficiency grants read back from resource_record after a service restart at uptime "
                           "260.001 s: 1 app and 1 process record(s) kept, 0 dropped")
    assert f"restored CPU (persistent) of process {app.pid} from resource_record" in restored
    assert "restored TIMER (40 s left), GPS (40 s left) of the app from resource_record" in restored


def test_restart_within_four_minutes_of_boot_keeps_only_work_scheduler_and_timer(emu, app, bt):
    """Quirk: RecoverResourceNumber runs on any restart while uptime <= 4 min, not only after a reboot."""
    emu.advance(FOUR_MIN)
    bt.applyEfficiencyResources(req(types=CPU | TIMER | WORK_SCHEDULER | GPS, isPersist=True))
    emu.restart_service()
    assert held(emu, app) == (TIMER | WORK_SCHEDULER, 0)
    assert events_of(emu, EventKind.EFFICIENCY_RELEASED)[-1].reason == (
        "dropped CPU, GPS of the app on restore: uptime is 4 min, and within 4 min of boot only WORK_SCHEDULER "
        "and TIMER are restored (RecoverResourceNumber)")


def test_reboot_keeps_only_work_scheduler_and_timer(emu, app, bt):
    emu.advance(FOUR_MIN * 2)
    bt.applyEfficiencyResources(req(types=CPU, isProcess=True, isPersist=True))
    bt.applyEfficiencyResources(req(types=CPU | TIMER | WORK_SCHEDULER | GPS, isPersist=True))
    emu.reboot()
    assert emu.efficiency.app_records[app.uid].mask == TIMER | WORK_SCHEDULER
    assert emu.efficiency.proc_records == {}
    app.to_foreground()
    assert [i.resourceTypes for i in app.backgroundTaskManager.getAllEfficiencyResources().result()] == [4, 6]


def test_after_a_reboot_a_timed_grant_runs_until_its_end_measured_from_the_new_boot(emu, app, bt):
    """Quirk: endTime is CLOCK_MONOTONIC ms, which starts again at 0 when the device boots."""
    emu.advance(100_000)
    bt.applyEfficiencyResources(req(types=TIMER, time_out=60_000))  # ends at monotonic 160 s
    emu.advance(30_000)
    emu.reboot()  # uptime 0 at virtual 130 s
    grant = emu.snapshot().efficiency_grants[0]
    assert (grant.remaining_ms, grant.ends_ms) == (160_000, 290_000)  # not 30 s
    emu.advance(159_999)
    assert TIMER & emu.efficiency.app_records[app.uid].mask
    emu.advance(1)
    assert emu.efficiency.app_records == {}


def test_a_dead_apps_record_survives_a_restart_only_with_work_scheduler_or_timer(emu):
    emu.advance(FOUR_MIN + 1)
    keeps = emu.install_app("com.example.keeps", system_app=True, running_resources_apply=[0])
    loses = emu.install_app("com.example.loses", system_app=True, running_resources_apply=[0])
    keeps.backgroundTaskManager.applyEfficiencyResources(req(types=CPU | TIMER, isPersist=True))
    loses.backgroundTaskManager.applyEfficiencyResources(req(types=CPU | GPS, isPersist=True))
    emu.service_ready = False  # the deaths are not handled, so both records stay in the file
    keeps.kill()
    loses.kill()
    emu.service_ready = True
    emu.restart_service()
    assert emu.efficiency.app_records[keeps.uid].mask == CPU | TIMER  # the whole record is kept
    assert loses.uid not in emu.efficiency.app_records
    assert any(e.reason == "dropped CPU, GPS of the app on restore: it is not running, and only a record holding "
               "WORK_SCHEDULER or TIMER outlives its app (CheckPersistenceData)"
               for e in events_of(emu, EventKind.EFFICIENCY_RELEASED))


def test_process_records_of_dead_pids_are_dropped(emu, app, bt):
    emu.advance(FOUR_MIN + 1)
    bt.applyEfficiencyResources(req(types=CPU, isProcess=True, isPersist=True))
    pid = app.pid
    emu.service_ready = False
    app.kill()
    emu.service_ready = True
    app.to_foreground()  # a new pid
    emu.restart_service()
    assert emu.efficiency.proc_records == {}
    assert any(e.reason == f"dropped CPU of process {pid} on restore: that process is gone (CheckPersistenceData)"
               for e in events_of(emu, EventKind.EFFICIENCY_RELEASED))


def test_a_change_while_storage_fails_is_lost_on_restart(emu, app, bt):
    emu.advance(FOUR_MIN + 1)
    emu.faults.storage_fails = True
    bt.applyEfficiencyResources(req(types=GPS, isPersist=True))  # still OK: the service ignores the write result
    assert held(emu, app) == (GPS, 0)
    failed = events_of(emu, EventKind.STORAGE_FAILED)[-1]
    assert failed.reason == "could not write resource_record: injected storage fault (9800007)"
    emu.faults.storage_fails = False
    emu.restart_service()
    assert held(emu, app) == (0, 0)


def test_changes_made_before_storage_fails_reach_the_file(emu, app, bt):
    emu.advance(FOUR_MIN + 1)
    bt.applyEfficiencyResources(req(types=GPS, isPersist=True))
    emu.faults.storage_fails = True
    bt.applyEfficiencyResources(req(types=TIMER, isPersist=True))
    emu.faults.storage_fails = False
    emu.restart_service()
    assert held(emu, app) == (GPS, 0)


def test_a_grant_whose_end_passed_expires_on_restore(emu, app, bt):
    emu.advance(FOUR_MIN + 1)
    bt.applyEfficiencyResources(req(types=TIMER | GPS, time_out=5_000))
    bt.applyEfficiencyResources(req(types=GPS, isPersist=True))
    emu.advance(0)
    emu.faults.storage_fails = True
    emu.advance(5_000)  # TIMER expires, but the file keeps it
    emu.faults.storage_fails = False
    emu.restart_service()
    assert held(emu, app) == (GPS, 0)
    assert events_of(emu, EventKind.EFFICIENCY_EXPIRED)[-1].reason == (
        "expired on restore: TIMER of the app passed its end time while the service was down (ResetTimeOutResource)")


def test_an_unreadable_file_restores_nothing(emu, app, bt):
    emu.advance(FOUR_MIN + 1)
    bt.applyEfficiencyResources(req(types=GPS, isPersist=True))
    emu.advance(0)
    emu.efficiency.store.file.path.write_text("{not json")
    emu.restart_service()
    assert held(emu, app) == (0, 0)
    assert "resource_record could not be parsed" in events_of(emu, EventKind.EFFICIENCY_RESTORED)[0].reason


def test_malformed_entries_are_skipped(emu, app, bt):
    emu.advance(FOUR_MIN + 1)
    bt.applyEfficiencyResources(req(types=GPS, isPersist=True))
    emu.advance(0)
    data = file_data(emu)
    data["appResourceRecord"]["123"] = {"uid": "x"}
    emu.efficiency.store.file.path.write_text(json.dumps(data))
    emu.restart_service()
    assert held(emu, app) == (GPS, 0)
    assert "1 unreadable entry skipped" in events_of(emu, EventKind.EFFICIENCY_RESTORED)[0].reason


def test_restart_refreshes_the_device_policy(emu, app, bt):
    emu.advance(FOUR_MIN)
    bt.applyEfficiencyResources(req(types=CPU, isPersist=True))
    app.to_background()
    emu.restart_service()  # within 4 min of boot: CPU is not restored
    assert emu.holds(app) == []
    emu.advance(emu.policy.suspend_grace_ms)
    assert app.state.value == "suspended"


def test_a_state_dir_outlives_the_emulator(tmp_path):
    first = Emulator(state_dir=tmp_path)
    app = first.install_app(SYS, system_app=True, running_resources_apply=[0])
    app.backgroundTaskManager.applyEfficiencyResources(req(types=TIMER, isPersist=True))
    first.advance(1)
    data = json.loads((tmp_path / "resource_record").read_text())
    assert data["appResourceRecord"][str(app.uid)]["resourceNumber"] == TIMER


def test_a_grant_missing_from_the_file_stops_keeping_the_app_awake(emu, app, bt):
    emu.advance(FOUR_MIN + 1)
    emu.faults.storage_fails = True
    bt.applyEfficiencyResources(req(types=CPU, isPersist=True))  # never reaches the file
    emu.faults.storage_fails = False
    app.to_background()
    emu.advance(60_000)
    assert app.state.value == "background"  # held by the CPU grant
    emu.restart_service()  # the grant is gone, and no event names the app: the policy is refreshed anyway
    assert emu.holds(app) == []
    emu.advance(emu.policy.suspend_grace_ms)
    assert app.state.value == "suspended"
