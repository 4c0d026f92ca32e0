"""A stateful model check of the efficiency manager over apply, release, reset, time, kills and restarts.

Invariants after every step: held bits stay within each app's privileges; no timed type is held
past its end; a persistent type never turns timed; process records hold CPU only; every record
with a timed type has its expiry check pending; records are never empty.
"""

from __future__ import annotations

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

from emulator import BusinessError, Emulator
from emulator.service.efficiency_model import CPU, MAX_RESOURCE_MASK

PRIVILEGES = ([0], [1, 3, 4], [2, 6, 9])  # every type; CPU+TIMER+WORK_SCHEDULER; COMMON_EVENT+GPS+SENSOR
ALLOWED_CODES = {201, 9900001}  # no privilege left after the filter; a dead app


class EfficiencyMachine(RuleBasedStateMachine):
    @initialize()
    def setup(self) -> None:
        self.emu = Emulator()
        self.apps = [self.emu.install_app(f"com.example.s{i}", system_app=True, running_resources_apply=p)
                     for i, p in enumerate(PRIVILEGES)]
        self.persistent: set[tuple[str, int, int]] = set()  # (scope, key, type index) seen persistent
        self.file_may_be_stale = False  # a write failed since the last restart

    def _call(self, fn, *args) -> None:
        try:
            fn(*args)
        except BusinessError as err:
            assert err.code in ALLOWED_CODES, err

    @rule(i=st.integers(0, 2), types=st.integers(1, MAX_RESOURCE_MASK), persist=st.booleans(),
          time_out=st.integers(1, 120_000), process=st.booleans())
    def apply(self, i, types, persist, time_out, process):
        bt = self.apps[i].backgroundTaskManager
        self._call(bt.applyEfficiencyResources, {"resourceTypes": types, "isApply": True, "timeOut": time_out,
                                                  "reason": f"r{types}", "isPersist": persist, "isProcess": process})

    @rule(i=st.integers(0, 2), types=st.integers(1, MAX_RESOURCE_MASK), process=st.booleans())
    def release(self, i, types, process):
        bt = self.apps[i].backgroundTaskManager
        self._call(bt.applyEfficiencyResources, {"resourceTypes": types, "isApply": False, "timeOut": 0,
                                                  "reason": "release", "isProcess": process})

    @rule(i=st.integers(0, 2))
    def reset_all(self, i):
        self._call(self.apps[i].backgroundTaskManager.resetAllEfficiencyResources)

    @rule(ms=st.one_of(st.integers(0, 1_000), st.integers(0, 130_000), st.just(4 * 60_000)))
    def advance(self, ms):
        self.emu.advance(ms)

    @rule(i=st.integers(0, 2))
    def kill(self, i):
        self.apps[i].kill()

    @rule(i=st.integers(0, 2))
    def launch(self, i):
        self.apps[i].to_foreground()

    @rule(i=st.integers(0, 2))
    def background(self, i):
        if self.apps[i].alive:
            self.apps[i].to_background()

    @rule()
    def restart_service(self):
        self._reload_from_file(self.emu.restart_service)

    @precondition(lambda self: len(self.emu.events) < 9_000)
    @rule()
    def reboot(self):
        self._reload_from_file(self.emu.reboot)

    @rule(fails=st.booleans())
    def storage(self, fails):
        if fails:
            self.file_may_be_stale = True
        self.emu.faults.storage_fails = fails

    def _reload_from_file(self, restart) -> None:
        # A change made while storage failed never reached resource_record, so the service restores the
        # older state, as a device would: a persistent grant may come back timed. Track afresh then.
        restart()
        if self.file_may_be_stale:
            self.persistent = set()
            self.file_may_be_stale = self.emu.faults.storage_fails

    # -- invariants ---------------------------------------------------------------------------
    def _records(self):
        eff = self.emu.efficiency
        yield from (("app", k, r) for k, r in eff.app_records.items())
        yield from (("process", k, r) for k, r in eff.proc_records.items())

    @invariant()
    def held_bits_within_privileges(self):
        by_uid = {a.uid: a for a in self.apps}
        for _, _, rec in self._records():
            app = by_uid[rec.uid]
            assert rec.mask & ~self.emu.efficiency.permitted(app, MAX_RESOURCE_MASK) == 0

    @invariant()
    def no_expired_timed_type_is_held(self):
        now = self.emu.now_ms
        for _, _, rec in self._records():
            for unit in rec.units.values():
                assert unit.persist or unit.end_ms > now, (rec, now)

    @invariant()
    def a_persistent_type_never_turns_timed(self):
        current = {(s, k, u.index): u.persist for s, k, r in self._records() for u in r.units.values()}
        for key in self.persistent:
            assert current.get(key, True), key
        self.persistent = {key for key, persist in current.items() if persist}

    @invariant()
    def process_records_hold_cpu_only(self):
        for rec in self.emu.efficiency.proc_records.values():
            assert rec.mask == CPU

    @invariant()
    def records_are_consistent(self):
        for scope, key, rec in self._records():
            assert rec.mask != 0
            assert rec.mask == sum(1 << i for i in rec.units)
            due = rec.next_end_ms()
            timer = self.emu.efficiency._timers.get((scope == "process", key))
            if due is not None:
                assert timer is not None and timer.pending and timer.due_ms == due


EfficiencyMachine.TestCase.settings = settings(max_examples=150, stateful_step_count=40, deadline=None,
                                               suppress_health_check=list(HealthCheck))
TestEfficiencyMachine = EfficiencyMachine.TestCase
