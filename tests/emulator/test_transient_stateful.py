"""Random sequences of requests, cancels, time, app moves, kills, screen and battery changes.

Invariants (issue 2): quota always within [0, 600000]; at most 3 live tasks per app; ids unique
and increasing; each callback fires at most once and never after its task is gone; a task's
remaining time never negative and never rising; the same sequence gives the same event log.
"""

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from emulator import BusinessError, Emulator, ProcessState

BUNDLES = ("com.a", "com.b", "com.c")


class TransientMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.emu = Emulator()
        self.apps = {b: self.emu.install_app(b) for b in BUNDLES}
        self.calls: dict[int, int] = {}  # requestId -> times its callback fired
        self.granted: list[int] = []
        self.last_remaining: dict[int, int] = {}
        self.script: list[tuple] = []

    def _request_callback(self, holder: dict) -> object:
        def on_expired() -> None:
            rid = holder["id"]
            assert rid in self.emu.transient.requests, "a callback fired after its task was gone"
            self.calls[rid] = self.calls.get(rid, 0) + 1
        return on_expired

    @rule(bundle=st.sampled_from(BUNDLES))
    def request(self, bundle):
        self.script.append(("request", bundle))
        holder: dict = {}
        try:
            info = self.apps[bundle].backgroundTaskManager.requestSuspendDelay("r", self._request_callback(holder))
        except BusinessError as err:
            assert err.code in (9900001, 9900002)
            return
        holder["id"] = info.requestId
        assert not self.granted or info.requestId > self.granted[-1]
        self.granted.append(info.requestId)
        assert 16000 <= info.actualDelayTime <= 180000

    @rule(bundle=st.sampled_from(BUNDLES), pick=st.integers(0, 5))
    def cancel(self, bundle, pick):
        self.script.append(("cancel", bundle, pick))
        live = sorted(self.emu.transient.requests)
        rid = live[pick % len(live)] if live else pick + 1
        try:
            self.apps[bundle].backgroundTaskManager.cancelSuspendDelay(rid)
        except BusinessError as err:
            assert err.code == 9900001

    @rule(ms=st.sampled_from([1, 999, 5000, 6000, 60_000, 174_000, 3_600_000, 86_400_001]))
    def advance(self, ms):
        self.script.append(("advance", ms))
        self.emu.advance(ms)

    @rule()
    def step_to_next_event(self):
        """Jump exactly to the next engine timer: a callback, a watchdog, a suspension."""
        self.script.append(("step",))
        self.emu.step()

    @rule(bundle=st.sampled_from(BUNDLES), move=st.sampled_from(["background", "foreground", "kill"]))
    def move(self, bundle, move):
        self.script.append(("move", bundle, move))
        app = self.apps[bundle]
        if move == "background" and app.state is not ProcessState.DEAD:
            app.to_background()
        elif move == "foreground":
            app.to_foreground()
        elif move == "kill":
            app.kill()

    @rule(bundle=st.sampled_from(BUNDLES))
    def bounce(self, bundle):
        """The user switches to the app and straight back out (re-arms expiry timers at once)."""
        self.script.append(("move", bundle, "foreground"))
        self.script.append(("move", bundle, "background"))
        self.apps[bundle].to_foreground()
        self.apps[bundle].to_background()

    @rule(on=st.booleans())
    def screen(self, on):
        self.script.append(("screen", on))
        self.emu.device.screen_on = on

    @rule(level=st.integers(0, 100))
    def battery(self, level):
        self.script.append(("battery", level))
        self.emu.device.battery_level = level

    @invariant()
    def quota_within_bounds(self):
        for app in self.apps.values():
            assert 0 <= self.emu.transient.quota_left(app.uid) <= 600000

    @invariant()
    def at_most_three_live_per_app(self):
        for record in self.emu.transient.records.values():
            assert len(record.requests) <= 3

    @invariant()
    def callbacks_at_most_once(self):
        assert all(n == 1 for n in self.calls.values())

    @invariant()
    def remaining_never_negative_or_rising(self):
        now = self.emu.now_ms
        current = {rid: r.remaining_at(now) for rid, r in self.emu.transient.requests.items()}
        for rid, left in current.items():
            assert left >= 0
            assert left <= self.last_remaining.get(rid, left)
        self.last_remaining = current

    def teardown(self) -> None:
        # Determinism: replaying the same script on a fresh device gives the same log, byte for byte.
        replay = Emulator()
        apps = {b: replay.install_app(b) for b in BUNDLES}
        for step in self.script:
            _replay(replay, apps, step)
        assert replay.events.to_jsonl() == self.emu.events.to_jsonl()


def _replay(emu, apps, step):
    kind = step[0]
    if kind == "request":
        try:
            apps[step[1]].backgroundTaskManager.requestSuspendDelay("r", lambda: None)
        except BusinessError:
            pass
    elif kind == "cancel":
        live = sorted(emu.transient.requests)
        rid = live[step[2] % len(live)] if live else step[2] + 1
        try:
            apps[step[1]].backgroundTaskManager.cancelSuspendDelay(rid)
        except BusinessError:
            pass
    elif kind == "advance":
        emu.advance(step[1])
    elif kind == "step":
        emu.step()
    elif kind == "move":
        app = apps[step[1]]
        if step[2] == "background" and app.state is not ProcessState.DEAD:
            app.to_background()
        elif step[2] == "foreground":
            app.to_foreground()
        elif step[2] == "kill":
            app.kill()
    elif kind == "screen":
        emu.device.screen_on = step[1]
    elif kind == "battery":
        emu.device.battery_level = step[1]


TransientMachine.TestCase.settings = settings(max_examples=300, stateful_step_count=30, deadline=None)
TestTransientMachine = TransientMachine.TestCase
