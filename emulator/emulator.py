"""The emulated device: clock, events, device, apps, policy, faults and the service's managers."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable, Iterable

from emulator.actions import SystemActions, UserActions
from emulator.app_code import AppCode
from emulator.apps import ABILITY_NAME, App, ProcessState, UIAbilityContext
from emulator.clock import VirtualClock
from emulator.device import Device
from emulator.events import Event, EventKind, EventLog
from emulator.faults import Faults
from emulator.policy import DevicePolicy
from emulator.service.continuous import ContinuousManager
from emulator.service.continuous_media import NOTIFY_AUDIO_PLAYBACK_DELAY_MS
from emulator.service.efficiency import EfficiencyManager
from emulator.service.transient import TransientManager
from emulator.snapshot import Snapshot, take_snapshot
from emulator.temp_state import make_temp_state_dir

__all__ = ["Emulator"]

FIRST_UID = 100 * 200_000 + 10_000  # user 100, appId 10000: the first app a device installs
FIRST_PID = 10_000  # arbitrary: a device's pids depend on what started before
FIRST_ABILITY_ID = 1  # arbitrary: the ability manager's record ids

_STATE_EVENTS = {ProcessState.FOREGROUND: EventKind.APP_FOREGROUND, ProcessState.BACKGROUND: EventKind.APP_BACKGROUND,
                 ProcessState.SUSPENDED: EventKind.APP_SUSPENDED}


def _service_state(state: ProcessState) -> ProcessState:
    """What the service sees: a suspended (frozen) process is still a background process."""
    return ProcessState.BACKGROUND if state is ProcessState.SUSPENDED else state


class Emulator:
    """A fresh device: virtual clock at 0 ms, screen on, battery 100 %, nothing installed."""

    def __init__(self, *, state_dir: str | Path | None = None, event_capacity: int = 10_000) -> None:
        self.clock = VirtualClock()
        self.events = EventLog(lambda: self.clock.now_ms, event_capacity)
        self.device = Device(self.events.emit, self._publish_common_event)
        self.policy = DevicePolicy(self)
        self.faults = Faults(self)
        self.app_code = AppCode(self)  # the one guarded path for app code (callbacks, listeners)
        if state_dir is None:
            state_dir = make_temp_state_dir(self)  # removed at exit and on SIGTERM / SIGHUP too
        self.state_dir = Path(state_dir)
        self.state_dir.mkdir(parents=True, exist_ok=True)
        self._apps: dict[str, App] = {}
        self._apps_by_uid: dict[int, App] = {}
        self._next_uid = FIRST_UID
        self._next_pid = FIRST_PID
        self._next_ability_id = FIRST_ABILITY_ID
        self._service_ready = True
        self._state_files: list[Any] = []
        self.clock.add_settle_hook(self.flush_state)
        self.transient = TransientManager(self)
        self.continuous = ContinuousManager(self)
        self.efficiency = EfficiencyManager(self)
        self.user = UserActions(self)
        self.system = SystemActions(self)
        self._refreshing: set[int] = set()
        self.events.subscribe(self._on_event)

    @property
    def managers(self) -> tuple[Any, ...]:
        return (self.transient, self.continuous, self.efficiency)

    # -- time ------------------------------------------------------------------------------
    @property
    def now_ms(self) -> int:
        return self.clock.now_ms

    def advance(self, ms: int) -> None:
        """Move virtual time forward by `ms`, firing every due timer in time order."""
        if isinstance(ms, bool) or not isinstance(ms, int):
            raise TypeError(f"advance() takes whole milliseconds as an int, not {ms!r}")
        self.clock.advance(ms)

    def advance_to(self, time_ms: int) -> None:
        self.clock.advance_to(time_ms)

    @property
    def next_event_ms(self) -> int | None:
        """When the next timer fires (for "step to the next event"), or None."""
        return self.clock.next_due_ms()

    def step(self) -> int | None:
        """Advance to the next pending timer and fire it; returns the new time, or None if idle."""
        return self.clock.step()

    # -- service ---------------------------------------------------------------------------
    @property
    def service_ready(self) -> bool:
        return self._service_ready

    @service_ready.setter
    def service_ready(self, value: bool) -> None:
        if not isinstance(value, bool):
            raise TypeError(f"service_ready must be True or False, not {value!r}")
        if value == self._service_ready:
            return
        self._service_ready = value
        self.events.emit(EventKind.SERVICE_READY, "the service is ready again" if value else
                         "the service is not ready: every call answers its \"not ready\" code "
                         "(9800004; 9900004 for getTransientTaskInfo; 18700004 for getAllEfficiencyResources)",
                         ready=value)

    def register_state_file(self, state_file: Any) -> None:
        self._state_files.append(state_file)

    def flush_state(self) -> None:
        """Write any coalesced service state to its file now (done after every advance anyway)."""
        for state_file in self._state_files:
            state_file.flush()

    def restart_service(self) -> None:
        """The service process restarts: transient tasks are lost, persisted state is restored."""
        self.flush_state()
        self.events.emit(EventKind.SERVICE_RESTARTED, "the service process restarted: transient tasks are lost; "
                         "continuous tasks and efficiency grants are restored from their files")
        for manager in self.managers:
            manager.restart()

    def reboot(self) -> None:
        """Everything restarts: every app process dies, uptime is 0, the service restores from its files."""
        self.flush_state()
        self.events.emit(EventKind.REBOOTED, "the device rebooted: every process died; uptime 0")
        for app in self._apps.values():
            app._avsession_pid, app._navigation_capsule = -1, False  # the media and notification services restart too
            if app.alive:
                self._drop_process(app)
                self.policy.refresh(app)  # a dead app has no pending suspension
                self.events.emit(EventKind.APP_KILLED, "killed: the device rebooted", app.bundle_name, app.uid)
        self.device.boot_ms = self.now_ms
        self.transient.restart()
        self.continuous.restart(rebooted=True)
        self.efficiency.restart(rebooted=True)

    def _publish_common_event(self, name: str) -> None:
        for manager in self.managers:
            manager.on_common_event(name)

    # -- apps ------------------------------------------------------------------------------
    def install_app(self, bundle_name: str, *, system_app: bool = False, atomic_service: bool = False,
                    permissions: Iterable[str] = (), background_modes: Iterable[str] = (),
                    running_resources_apply: Iterable[int] = (), label: str | None = None,
                    abilities: dict[str, Iterable[str]] | None = None) -> App:
        """Install an app and launch it: it starts in the foreground with one process.

        `abilities` names its UIAbilities in order, each with its backgroundModes (the first is the main
        one); without it the app has one, "EntryAbility", declaring `background_modes`.
        """
        permissions, background_modes = _as_list(permissions), _as_list(background_modes)
        running_resources_apply = _as_list(running_resources_apply)
        _check_install(bundle_name, system_app, atomic_service, permissions, background_modes,
                       running_resources_apply, label)
        ability_list = _check_abilities(abilities, background_modes)
        if bundle_name in self._apps:
            raise ValueError(f"{bundle_name} is already installed")
        app = App(self, bundle_name=bundle_name, uid=self._next_uid, label=label or bundle_name,
                  system_app=system_app, atomic_service=atomic_service, permissions=permissions,
                  background_modes=background_modes, running_resources_apply=running_resources_apply,
                  abilities=ability_list)
        self._next_uid += 1
        self._apps[bundle_name] = app
        self._apps_by_uid[app.uid] = app
        flags = [f for f, on in (("system app", system_app), ("atomic service", atomic_service)) if on]
        ignored = f"; unknown backgroundModes ignored: {', '.join(app.ignored_modes)}" if app.ignored_modes else ""
        self.events.emit(EventKind.APP_INSTALLED,
                         f"installed with uid {app.uid}" + (f" ({', '.join(flags)})" if flags else "") + ignored,
                         bundle_name, app.uid)
        self._launch(app)
        return app

    @property
    def apps(self) -> tuple[App, ...]:
        return tuple(self._apps.values())

    def app(self, bundle_name: str) -> App:
        try:
            return self._apps[bundle_name]
        except KeyError:
            raise KeyError(f"no app {bundle_name!r} is installed") from None

    def app_by_uid(self, uid: int) -> App | None:
        return self._apps_by_uid.get(uid)

    def holds(self, app: App) -> list[str]:
        """What keeps `app` from being suspended: counting transient tasks, active continuous tasks, CPU grants."""
        return self.transient.holds(app) + self.continuous.holds(app) + self.efficiency.holds(app)

    def holds_by_uid(self) -> dict[int, list[str]]:
        """holds() of every app that holds something, by uid: one pass per manager, not three calls per app."""
        out: dict[int, list[str]] = {}
        for manager in self.managers:
            for uid, held in manager.holds_by_uid().items():
                mine = out.get(uid)
                if mine is None:
                    out[uid] = held  # a fresh list: the managers build them for this call
                else:
                    mine.extend(held)
        return out

    def _launch(self, app: App) -> None:
        app.pid = self._next_pid
        self._next_pid += 1
        app.contexts = {}
        for ability in app.abilities:  # each UIAbility gets its record (abilityId) with the process
            app.contexts[ability.name] = UIAbilityContext(app, self._next_ability_id, ability)
            self._next_ability_id += 1
        app.context = app.contexts[app.main_ability]
        app.state = ProcessState.FOREGROUND
        held = self._hold_policy(app)
        try:
            self.events.emit(EventKind.APP_LAUNCHED, f"launched in the foreground with pid {app.pid}",
                             app.bundle_name, app.pid)
            for manager in self.managers:
                manager.on_process_state(app, ProcessState.FOREGROUND)
        finally:
            self._release_policy(app, held)

    def _set_process_state(self, app: App, new: ProcessState, why: str, kind: EventKind | None = None) -> None:
        old = app.state
        if old is new:
            return
        held = self._hold_policy(app)
        try:
            app.state = new
            self.events.emit(kind or _STATE_EVENTS[new], why, app.bundle_name, app.pid)
            if _service_state(old) is not _service_state(new):
                for manager in self.managers:
                    manager.on_process_state(app, _service_state(new))
        finally:
            self._release_policy(app, held)

    def _drop_process(self, app: App) -> int:
        pid = app.pid
        for context in app.contexts.values():
            context.token = None  # the abilities are gone: their contexts have no token any more
        app.pid = -1
        app.state = ProcessState.DEAD
        return pid

    def _kill(self, app: App, why: str) -> None:
        held = self._hold_policy(app)
        try:
            pid = self._drop_process(app)
            self.events.emit(EventKind.APP_KILLED, why, app.bundle_name, pid)
            if app._avsession_pid == pid:  # its AVSession dies with it
                app._avsession_pid = -1
                self._avsession_changed(app, False, " (its process died)", pid)
            for manager in self.managers:
                manager.on_process_died(app, pid)
        finally:
            self._release_policy(app, held)

    def _end_ability(self, app: App) -> None:
        assert app.context is not None
        ability_id = app.context.abilityId
        self.events.emit(EventKind.APP_ABILITY_ENDED, f"{app.main_ability} #{ability_id} ended", app.bundle_name, app.pid,
                         ability_id=ability_id)
        self.continuous.on_ability_terminated(app, ability_id)
        self._kill(app, "exited: its only UIAbility ended" if len(app.abilities) == 1
                   else f"exited: its main UIAbility {app.main_ability} ended")

    def _avsession_changed(self, app: App, published: bool, why: str, pid: int | None = None) -> None:
        """The media framework published or removed the app's AVSession notification and tells the service."""
        pid = app.pid if pid is None else pid
        if published:
            reason = (f"the media framework published {app.label}'s AVSession notification{why}: the service is "
                      "told at once (AVSessionNotifyUpdateNotification, isPublish true)")
        else:
            reason = (f"{app.label}'s AVSession notification is gone{why}: the service is told, and acts on it "
                      f"{NOTIFY_AUDIO_PLAYBACK_DELAY_MS // 1000} s later (isPublish false)")
        self.events.emit(EventKind.AVSESSION, reason, app.bundle_name, app.uid, published=published, pid=pid)
        self.continuous.on_avsession_notification(app, published)

    def _capsule_changed(self, app: App, shown: bool) -> None:
        reason = (f"{app.label} published a navigation live view with an active capsule (the service hears it: "
                  "TaskNotificationSubscriber::OnConsumed)" if shown else
                  f"{app.label} cancelled its navigation live view (the service hears it: OnCanceled)")
        self.events.emit(EventKind.LIVE_VIEW, reason, app.bundle_name, app.uid, shown=shown)
        self.continuous.on_navigation_capsule(app, shown)

    def _clear_data(self, app: App) -> None:
        self.events.emit(EventKind.APP_DATA_CLEARED, "the user cleared the app's data "
                         "(COMMON_EVENT_PACKAGE_DATA_CLEARED)", app.bundle_name, app.uid)
        self.continuous.on_data_cleared(app)
        if app.alive:
            self._kill(app, "killed: its data was cleared")

    def call_app(self, app: App, fn: Callable[..., object], what: str, *args: object) -> None:
        """Run an app's callback; what app code raises is the app's problem, never the engine's (app_code.py)."""
        self.app_code.call(app, fn, what, *args)

    # -- policy hook -----------------------------------------------------------------------
    def _hold_policy(self, app: App) -> bool:
        """While an app changes state the managers react in several events; decide once, at the end."""
        if app.uid in self._refreshing:
            return False
        self._refreshing.add(app.uid)
        return True

    def _release_policy(self, app: App, held: bool) -> None:
        if held:
            self._refreshing.discard(app.uid)
            self.policy.refresh(app)

    def _on_event(self, event: Event) -> None:
        app = self._apps.get(event.app) if event.app is not None else None
        if app is not None:
            self._release_policy(app, self._hold_policy(app))

    # -- views -----------------------------------------------------------------------------
    def snapshot(self) -> Snapshot:
        return take_snapshot(self)


def _as_list(value: object) -> object:
    """Materialise an iterable once so validation cannot consume it; leave anything else for the checks."""
    if isinstance(value, (str, bytes)) or not hasattr(value, "__iter__"):
        return value
    return list(value)  # type: ignore[call-overload]


def _check_abilities(abilities: object, background_modes: object) -> list[tuple[str, list[str]]] | None:
    """install_app's abilities=: a dict of ability name -> backgroundModes, in order; not with background_modes."""
    if abilities is None:
        return None
    if not isinstance(abilities, dict) or not abilities:
        raise TypeError(f"abilities must be a non-empty dict of ability name -> list of backgroundModes, "
                        f"not {abilities!r}")
    if background_modes:
        raise ValueError("pass background_modes= (one EntryAbility) or abilities= (each ability's modes), not both")
    out = []
    for name, modes in abilities.items():
        if not isinstance(name, str) or not ABILITY_NAME.match(name):
            raise ValueError(f"an ability name is letters, digits and _ (not starting with a digit), not {name!r}")
        modes = _as_list(modes)
        if not isinstance(modes, list) or not all(isinstance(m, str) for m in modes):
            raise TypeError(f"abilities[{name!r}] must be a list of strings, not {modes!r}")
        out.append((name, modes))
    return out


def _check_install(bundle_name: object, system_app: object, atomic_service: object, permissions: object,
                   background_modes: object, running_resources_apply: object, label: object) -> None:
    if not isinstance(bundle_name, str) or not bundle_name:
        raise ValueError(f"bundle_name must be a non-empty string, not {bundle_name!r}")
    for name, value in (("system_app", system_app), ("atomic_service", atomic_service)):
        if not isinstance(value, bool):
            raise TypeError(f"{name} must be True or False, not {value!r}")
    for name, value in (("permissions", permissions), ("background_modes", background_modes)):
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise TypeError(f"{name} must be a list of strings, not {value!r}")
    if not isinstance(running_resources_apply, list) or not all(
            isinstance(v, int) and not isinstance(v, bool) and 0 <= v <= 9
            for v in running_resources_apply):
        raise ValueError("running_resources_apply must be a list of ints from 0 to 9 (0 = every type), "
                         f"not {running_resources_apply!r}")
    if label is not None and not isinstance(label, str):
        raise TypeError(f"label must be a string, not {label!r}")
