"""Random sequences of continuous-task calls, user and system actions, app moves, kills and restarts.

Invariants (issue 3): at most one task per UIAbility; every notification belongs to a live task; each
listener hears of a task's end at most once (and never of a task still running); a restart loses no
task of a live process; the state file always parses and matches the service's map. Plus: an app the
device suspended holds no active task, and ids only grow between restarts.
"""

import json

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from emulator import BusinessError, Emulator, ProcessState

from .conftest import install, make_agent

BUNDLES = ("com.a", "com.b", "com.c")
MODES = ["audioPlayback", "dataTransfer", "location", "bluetoothInteraction", "voip"]
TYPES = ("continuousTaskCancel", "continuousTaskSuspend", "continuousTaskActive")
AGENT = make_agent()


class ContinuousMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.emu = Emulator()
        self.apps = {b: install(self.emu, b, modes=MODES, system_app=(b == "com.c")) for b in BUNDLES}
        self.ends: list[list[tuple[int, int]]] = []  # per cancel callback: (service lifetime, task id) heard
        self.lifetime = 0  # a restarted service with no persisted task starts its ids at 1 again
        self.last_id = 0

    def _cancel_cb(self):
        ends: list[tuple[int, int]] = []
        self.ends.append(ends)

        def heard(info):
            assert info.id not in self.emu.continuous.by_id, "heard of the end of a task still running"
            ends.append((self.lifetime, info.id))
        return heard

    def _bt(self, bundle):
        return self.apps[bundle].backgroundTaskManager

    # -- app calls ---------------------------------------------------------------------------
    @rule(bundle=st.sampled_from(BUNDLES), modes=st.lists(st.sampled_from(MODES), min_size=1, max_size=3),
          numeric=st.booleans())
    def start(self, bundle, modes, numeric):
        app = self.apps[bundle]
        if not app.alive:
            return
        form = 2 if numeric else modes
        try:
            result = app.backgroundTaskManager.startBackgroundRunning(app.context, form, AGENT).result()
        except BusinessError as err:
            assert err.code in (9800005,), err
            return
        if not numeric:
            if result.notificationId != -1:
                assert result.continuousTaskId > self.last_id
            self.last_id = max(self.last_id, result.continuousTaskId)

    @rule(bundle=st.sampled_from(BUNDLES), modes=st.lists(st.sampled_from(MODES), min_size=1, max_size=3))
    def update(self, bundle, modes):
        app = self.apps[bundle]
        try:
            app.backgroundTaskManager.updateBackgroundRunning(app.context, modes).result()
        except BusinessError as err:
            assert err.code == 9800005

    @rule(bundle=st.sampled_from(BUNDLES))
    def stop(self, bundle):
        app = self.apps[bundle]
        try:
            app.backgroundTaskManager.stopBackgroundRunning(app.context).result()
        except BusinessError as err:
            assert err.code in (9800005, 401)

    @rule(bundle=st.sampled_from(BUNDLES), type_=st.sampled_from(TYPES), on=st.booleans())
    def listen(self, bundle, type_, on):
        app = self.apps[bundle]
        cb = self._cancel_cb() if type_ == "continuousTaskCancel" else (lambda info: None)
        if on:
            app.backgroundTaskManager.on(type_, cb)
        else:
            app.backgroundTaskManager.off(type_)

    # -- the user and the system -----------------------------------------------------------------
    @precondition(lambda self: len(self.emu.continuous.drawer) > 0)
    @rule(pick=st.integers(0, 10))
    def user_removes(self, pick):
        notes = self.emu.snapshot().notifications
        self.emu.user.remove_notification(notes[pick % len(notes)].notification_id)

    @precondition(lambda self: self.emu.continuous.by_id)
    @rule(pick=st.integers(0, 10), cause=st.sampled_from(["suspend", "not_running", "low_speed", "misuse"]))
    def system(self, pick, cause):
        ids = sorted(self.emu.continuous.by_id)
        task_id = ids[pick % len(ids)]
        if cause == "suspend":
            self.emu.system.suspend_continuous_task(task_id)
        else:
            self.emu.system.stop_continuous_task(task_id, cause)

    @rule(bundle=st.sampled_from(BUNDLES), move=st.sampled_from(["fg", "bg", "kill", "end", "clear"]))
    def move(self, bundle, move):
        app = self.apps[bundle]
        if move == "fg":
            app.to_foreground()
        elif move == "bg" and app.alive:
            app.to_background()
        elif move == "kill":
            app.kill()
        elif move == "end" and app.alive:
            app.end_ability()
        elif move == "clear":
            app.clear_data()

    @rule(ms=st.sampled_from([1, 6000, 60_000]))
    def advance(self, ms):
        self.emu.advance(ms)

    @rule(reboot=st.booleans())
    def restart(self, reboot):
        live = {r.task_id for r in self.emu.continuous.by_id.values()
                if any(a.alive and a.pid == r.pid for a in self.apps.values())}
        self.lifetime += 1
        if reboot:
            self.emu.reboot()
            assert not self.emu.continuous.by_id
        else:
            self.emu.restart_service()
            assert live <= set(self.emu.continuous.by_id), "a restart lost a task of a live process"
        self.last_id = max(self.emu.continuous.by_id, default=0)

    # -- invariants ----------------------------------------------------------------------------
    @invariant()
    def one_task_per_ability(self):
        abilities = [(t.uid, t.ability_name, t.ability_id) for t in self.emu.snapshot().continuous_tasks]
        assert len(abilities) == len(set(abilities))

    @invariant()
    def notifications_belong_to_live_tasks(self):
        tasks = {t.continuous_task_id: t for t in self.emu.snapshot().continuous_tasks}
        for note in self.emu.snapshot().notifications:
            assert note.task_ids, f"notification {note.notification_id} has no task"
            for task_id in note.task_ids:
                assert tasks[task_id].notification_id == note.notification_id

    @invariant()
    def ends_heard_once(self):
        for heard in self.ends:
            assert len(heard) == len(set(heard))

    @invariant()
    def state_file_parses_and_matches(self):
        # Whatever is on disk parses at every step; once flushed it holds exactly the live tasks.
        path = self.emu.continuous.file.path
        if path.exists():
            json.loads(path.read_text(encoding="utf-8"))
        self.emu.flush_state()
        if path.exists():
            data = json.loads(path.read_text(encoding="utf-8"))
            assert set(data) == set(self.emu.continuous.tasks)

    @invariant()
    def suspended_apps_hold_no_active_task(self):
        for app in self.apps.values():
            if app.state is ProcessState.SUSPENDED:
                assert self.emu.continuous.holds(app) == []


ContinuousMachine.TestCase.settings = settings(max_examples=150, stateful_step_count=40, deadline=None)
TestContinuousMachine = ContinuousMachine.TestCase
