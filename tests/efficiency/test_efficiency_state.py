"""The state model of service-rules §3.4: app and process records, merging, expiry, release, reset, app stop."""

from __future__ import annotations

from emulator.events import EventKind
from tests.efficiency.conftest import SYS, events_of, held, req

CPU, COMMON_EVENT, TIMER, WORK_SCHEDULER, GPS = 1, 2, 4, 8, 32


def unit(emu, app, index, process=False):
    records = emu.efficiency.proc_records if process else emu.efficiency.app_records
    return records[app.pid if process else app.uid].units[index]


def test_an_app_level_grant_is_one_record_per_uid(emu, app, bt):
    bt.applyEfficiencyResources(req(types=CPU | TIMER, isPersist=True))
    bt.applyEfficiencyResources(req(types=GPS, time_out=5_000))
    assert held(emu, app) == (CPU | TIMER | GPS, 0)
    assert list(emu.efficiency.app_records) == [app.uid]


def test_only_cpu_is_held_per_process_the_rest_moves_to_the_app(emu, app, bt):
    bt.applyEfficiencyResources(req(types=CPU | TIMER | GPS, isProcess=True, isPersist=True))
    assert held(emu, app) == (TIMER | GPS, CPU)
    [applied] = events_of(emu, EventKind.EFFICIENCY_APPLIED)
    assert applied.reason == (f"granted CPU for process {app.pid} and TIMER, GPS for the app persistently ('test'); "
                              "TIMER, GPS asked per process counts for the whole app: only CPU can be held per "
                              "process")


def test_a_timed_grant_expires_on_the_virtual_clock(emu, app, bt):
    emu.advance(1_000)
    bt.applyEfficiencyResources(req(types=TIMER, time_out=10_000))
    emu.advance(9_999)
    assert held(emu, app) == (TIMER, 0)
    emu.advance(1)
    assert held(emu, app) == (0, 0)
    assert emu.efficiency.app_records == {}
    [expired] = events_of(emu, EventKind.EFFICIENCY_EXPIRED)
    assert (expired.time_ms, expired.app) == (11_000, SYS)
    assert expired.reason == ("expired: TIMER after its 10 s timeOut, held for the app; a timed grant ends when its "
                              "timeOut runs out (ResetTimeOutResource)")


def test_types_with_different_ends_expire_one_by_one(emu, app, bt):
    bt.applyEfficiencyResources(req(types=TIMER, time_out=5_000))
    bt.applyEfficiencyResources(req(types=GPS, time_out=8_000))
    emu.advance(5_000)
    assert held(emu, app) == (GPS, 0)
    emu.advance(3_000)
    assert held(emu, app) == (0, 0)


def test_persistent_wins_over_timed_and_never_turns_timed(emu, app, bt):
    bt.applyEfficiencyResources(req(types=TIMER, time_out=5_000))
    bt.applyEfficiencyResources(req(types=TIMER, time_out=0, isPersist=True))
    bt.applyEfficiencyResources(req(types=TIMER, time_out=1_000, reason="later"))
    u = unit(emu, app, 2)
    assert (u.persist, u.end_ms, u.reason) == (True, 0, "later")
    emu.advance(60_000)
    assert held(emu, app) == (TIMER, 0)


def test_the_later_end_time_wins(emu, app, bt):
    bt.applyEfficiencyResources(req(types=TIMER, time_out=10_000))
    emu.advance(2_000)
    bt.applyEfficiencyResources(req(types=TIMER, time_out=5_000, reason="shorter"))
    assert (unit(emu, app, 2).end_ms, unit(emu, app, 2).reason) == (10_000, "shorter")
    bt.applyEfficiencyResources(req(types=TIMER, time_out=20_000, reason="longer"))
    assert unit(emu, app, 2).end_ms == 22_000
    emu.advance(19_999)
    assert held(emu, app) == (TIMER, 0)
    emu.advance(1)
    assert held(emu, app) == (0, 0)


def test_merge_is_explained(emu, app, bt):
    bt.applyEfficiencyResources(req(types=TIMER, time_out=5_000))
    bt.applyEfficiencyResources(req(types=TIMER | GPS, time_out=5_000, reason="again"))
    assert events_of(emu, EventKind.EFFICIENCY_APPLIED)[-1].reason == (
        "granted TIMER, GPS for the app for 5 s ('again'); TIMER already held: merged (a persistent grant stays "
        "persistent, otherwise the later end time wins; the reason is replaced, the timeOut stays the first)")


def test_release_clears_only_the_listed_bits(emu, app, bt):
    bt.applyEfficiencyResources(req(types=CPU | TIMER | GPS, isPersist=True))
    bt.applyEfficiencyResources(req(types=TIMER | COMMON_EVENT, apply=False))
    assert held(emu, app) == (CPU | GPS, 0)
    assert events_of(emu, EventKind.EFFICIENCY_RELEASED)[-1].reason == (
        "released TIMER of the app; COMMON_EVENT not held: nothing to release, and still OK")


def test_releasing_what_is_not_held_is_ok_and_changes_nothing(emu, app, bt):
    bt.applyEfficiencyResources(req(types=GPS, apply=False))
    assert held(emu, app) == (0, 0)
    assert events_of(emu, EventKind.EFFICIENCY_RELEASED)[-1].reason == (
        "released nothing; GPS not held: nothing to release, and still OK")


def test_an_app_level_release_of_cpu_also_clears_process_cpu(emu, app, bt):
    bt.applyEfficiencyResources(req(types=CPU, isProcess=True, isPersist=True))
    bt.applyEfficiencyResources(req(types=CPU | TIMER, isPersist=True))
    bt.applyEfficiencyResources(req(types=CPU, apply=False))
    assert held(emu, app) == (TIMER, 0)
    assert emu.efficiency.proc_records == {}
    assert events_of(emu, EventKind.EFFICIENCY_RELEASED)[-1].reason == (
        f"released CPU of the app and CPU of process {app.pid} (an app-level release also clears that uid's "
        "process-level grants (RemoveRelativeProcessRecord))")


def test_a_process_level_release_leaves_the_app_grant(emu, app, bt):
    bt.applyEfficiencyResources(req(types=CPU, isProcess=True, isPersist=True))
    bt.applyEfficiencyResources(req(types=CPU, isPersist=True))
    bt.applyEfficiencyResources(req(types=CPU | TIMER, apply=False, isProcess=True))
    assert held(emu, app) == (CPU, 0)


def test_an_app_level_expiry_does_not_touch_the_process_record(emu, app, bt):
    bt.applyEfficiencyResources(req(types=CPU, isProcess=True, isPersist=True))
    bt.applyEfficiencyResources(req(types=CPU, time_out=1_000))
    emu.advance(1_000)
    assert held(emu, app) == (0, CPU)


def test_reset_all_releases_app_and_process_grants(emu, app, bt):
    bt.applyEfficiencyResources(req(types=CPU, isProcess=True, isPersist=True))
    bt.applyEfficiencyResources(req(types=TIMER | WORK_SCHEDULER, time_out=9_000))
    bt.resetAllEfficiencyResources()
    assert held(emu, app) == (0, 0)
    assert emu.efficiency.proc_records == {}
    [reset] = events_of(emu, EventKind.EFFICIENCY_RESET)
    assert reset.reason == (f"reset all: released TIMER, WORK_SCHEDULER of the app and CPU of process {app.pid} "
                            "(an app-level release also clears that uid's process-level grants "
                            "(RemoveRelativeProcessRecord))")
    bt.resetAllEfficiencyResources()
    assert events_of(emu, EventKind.EFFICIENCY_RESET)[-1].reason == "reset all: nothing was held"


def test_reset_all_releases_only_the_privileged_types(emu):
    app = emu.install_app("com.example.two", system_app=True, running_resources_apply=[1, 3])
    app.backgroundTaskManager.applyEfficiencyResources(req(types=CPU | TIMER, isPersist=True))
    app.backgroundTaskManager.resetAllEfficiencyResources()
    assert held(emu, app) == (0, 0)


def test_app_stop_releases_all_but_work_scheduler_and_timer(emu, app, bt):
    bt.applyEfficiencyResources(req(types=CPU, isProcess=True, isPersist=True))
    bt.applyEfficiencyResources(req(types=CPU | TIMER | WORK_SCHEDULER | GPS, isPersist=True))
    pid = app.pid
    app.kill()
    assert emu.efficiency.app_records[app.uid].mask == TIMER | WORK_SCHEDULER
    assert emu.efficiency.proc_records == {}
    reasons = [e.reason for e in events_of(emu, EventKind.EFFICIENCY_RELEASED)]
    assert reasons == [
        f"released CPU of process {pid}: the process died (RemoveProcessRecord)",
        "released CPU, GPS of the app: the app stopped, which releases every type but WORK_SCHEDULER and TIMER "
        "(OnAppStopped); kept TIMER, WORK_SCHEDULER",
    ]


def test_kept_timed_grants_still_expire_after_the_app_died(emu, app, bt):
    bt.applyEfficiencyResources(req(types=TIMER, time_out=3_000))
    app.kill()
    emu.advance(3_000)
    assert emu.efficiency.app_records == {}


def test_a_relaunched_app_keeps_its_kept_grants_but_not_its_old_process_grant(emu, app, bt):
    bt.applyEfficiencyResources(req(types=CPU, isProcess=True, isPersist=True))
    bt.applyEfficiencyResources(req(types=TIMER, isPersist=True))
    app.kill()
    app.to_foreground()
    assert held(emu, app) == (TIMER, 0)


def test_a_process_death_while_the_service_is_not_ready_keeps_the_grants(emu, app, bt):
    bt.applyEfficiencyResources(req(types=CPU, isPersist=True))
    emu.service_ready = False
    app.kill()
    assert emu.efficiency.app_records[app.uid].mask == CPU
    assert events_of(emu, EventKind.EFFICIENCY_REFUSED)[-1].reason == (
        "not released: the app's process died while the service was not ready, so RemoveProcessRecord and "
        "RemoveAppRecord did nothing (9800004)")


def test_two_apps_are_independent(emu, app, bt):
    other = emu.install_app("com.example.other", system_app=True, running_resources_apply=[0])
    bt.applyEfficiencyResources(req(types=CPU, isPersist=True))
    other.backgroundTaskManager.applyEfficiencyResources(req(types=CPU, isProcess=True, isPersist=True))
    other.backgroundTaskManager.resetAllEfficiencyResources()
    assert held(emu, app) == (CPU, 0)
    assert held(emu, other) == (0, 0)


def test_one_pending_timer_per_record(emu, app, bt):
    for t in (5_000, 6_000, 7_000):
        bt.applyEfficiencyResources(req(types=TIMER, time_out=t))
    assert emu.next_event_ms == 7_000  # the merged end; no leftover checks at 5 s and 6 s
    bt.applyEfficiencyResources(req(types=TIMER, apply=False))
    assert emu.next_event_ms is None
