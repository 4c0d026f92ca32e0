"""Device policy and views: a CPU grant keeps a background app awake; the snapshot says what each grant lets."""

from __future__ import annotations

from emulator.apps import ProcessState
from emulator.events import EventKind
from tests.efficiency.conftest import SYS, events_of, req


def test_a_cpu_grant_keeps_a_background_app_from_being_suspended(emu, app, bt):
    bt.applyEfficiencyResources(req(types=1, time_out=20_000))
    app.to_background()
    emu.advance(19_999)
    assert app.state is ProcessState.BACKGROUND
    assert emu.holds(app) == ["CPU grant (app)"]
    emu.advance(1)  # the grant expires; the device policy's grace period starts
    assert emu.holds(app) == []
    emu.advance(emu.policy.suspend_grace_ms)
    assert app.state is ProcessState.SUSPENDED


def test_a_process_cpu_grant_holds_too(emu, app, bt):
    bt.applyEfficiencyResources(req(types=1, isProcess=True, isPersist=True))
    app.to_background()
    emu.advance(60_000)
    assert app.state is ProcessState.BACKGROUND
    assert emu.holds(app) == ["CPU grant (process)"]


def test_other_types_do_not_keep_an_app_awake(emu, app, bt):
    bt.applyEfficiencyResources(req(types=2 | 4 | 8 | 16 | 32 | 64 | 128 | 256, isPersist=True))
    app.to_background()
    emu.advance(emu.policy.suspend_grace_ms)
    assert app.state is ProcessState.SUSPENDED


def test_a_cpu_grant_thaws_a_suspended_app(emu, app, bt):
    app.to_background()
    emu.advance(emu.policy.suspend_grace_ms)
    assert app.state is ProcessState.SUSPENDED
    bt.applyEfficiencyResources(req(types=1, isPersist=True))
    assert app.state is ProcessState.BACKGROUND
    assert events_of(emu, EventKind.APP_THAWED)[-1].reason == "thawed: it holds CPU grant (app) (device policy)"


def test_releasing_cpu_lets_the_policy_suspend_again(emu, app, bt):
    bt.applyEfficiencyResources(req(types=1, isPersist=True))
    app.to_background()
    emu.advance(10_000)
    bt.applyEfficiencyResources(req(types=1, apply=False))
    emu.advance(emu.policy.suspend_grace_ms)
    assert app.state is ProcessState.SUSPENDED


def test_snapshot_lists_each_grant_with_what_it_lets(emu, app, bt):
    emu.efficiency.allow_cpu_level(SYS, 2)
    bt.applyEfficiencyResources(req(types=1, isProcess=True, isPersist=True, cpuLevel=2, reason="keep"))
    bt.applyEfficiencyResources(req(types=4 | 32, time_out=30_000, reason="wake"))
    emu.advance(10_000)
    grants = emu.snapshot().efficiency_grants
    assert [(g.scope, g.type_name, g.pid) for g in grants] == [("app", "TIMER", None), ("app", "GPS", None),
                                                               ("process", "CPU", app.pid)]
    timer, gps, cpu = grants
    assert (timer.persistent, timer.remaining_ms, timer.ends_ms, timer.time_out_ms, timer.reason) == (
        False, 20_000, 30_000, 30_000, "wake")
    assert timer.lets == "wake-ups by system timers, even while suspended"
    assert gps.lets == "wake-ups by GPS-related events, even while suspended"
    assert (cpu.persistent, cpu.remaining_ms, cpu.ends_ms, cpu.cpu_level, cpu.resource_type) == (True, None, None, 2, 1)
    assert cpu.lets.startswith("it is not suspended at all")
    assert (timer.bundle_name, timer.uid) == (SYS, app.uid)


def test_every_type_has_a_lets_text(emu, app, bt):
    bt.applyEfficiencyResources(req(types=511, isPersist=True))
    lets = [g.lets for g in emu.snapshot().efficiency_grants]
    assert len(set(lets)) == 9 and all(lets)
    assert "common events, even while suspended" in lets
    assert "sensor callbacks, which are not intercepted while it is suspended" in lets


def test_app_view_shows_the_cpu_grant_as_keeping_it_awake(emu, app, bt):
    bt.applyEfficiencyResources(req(types=1, isPersist=True))
    assert emu.snapshot().app(SYS).keeps_awake == ("CPU grant (app)",)


def test_every_change_is_an_event_of_the_app(emu, app, bt):
    bt.applyEfficiencyResources(req(types=1 | 4, time_out=1_000))
    bt.applyEfficiencyResources(req(types=4, apply=False))
    emu.advance(1_000)
    bt.applyEfficiencyResources(req(types=8, isPersist=True))
    bt.resetAllEfficiencyResources()
    kinds = [e.kind for e in emu.events if e.kind.area == "efficiency"]
    assert kinds == [EventKind.EFFICIENCY_APPLIED, EventKind.EFFICIENCY_RELEASED, EventKind.EFFICIENCY_EXPIRED,
                     EventKind.EFFICIENCY_APPLIED, EventKind.EFFICIENCY_RESET]
    assert all(e.app == SYS and "\n" not in e.reason for e in emu.events if e.kind.area == "efficiency")
