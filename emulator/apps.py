"""Installed apps: identity, flags, privileges, one process, and its UIAbilities with their declared modes.

Uids are allocated as a device does for user 100: uid = 100 * 200000 + appId, appIds from
10000, so the first app gets 20010000. Each launch gets a new pid and a new ability record
(abilityId) with a new context; a dead app has pid -1 and its old context loses its token,
so a call through it answers as the native layer does for a context without a token.

An app has one or more UIAbilities, each with its own module.json5 `backgroundModes` (the service
checks a request against the calling ability's own set, bg_continuous_task_mgr.cpp GetBackgroundModeInfo).
The first is the main ability, shown in the foreground; every ability gets its record and context
when the process starts (the ability manager's startAbility between them is not modelled).
"""

from __future__ import annotations

import re
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Iterable

from emulator.frozen import FrozenRecord, frozen_record
from emulator.modes import mode_bitmask, unknown_mode_names

if TYPE_CHECKING:
    from emulator.emulator import Emulator

__all__ = ["App", "ProcessState", "AbilityInfo", "AbilitySpec", "UIAbilityContext", "ENTRY_ABILITY",
           "KEEP_BACKGROUND_RUNNING"]

ENTRY_ABILITY = "EntryAbility"
KEEP_BACKGROUND_RUNNING = "ohos.permission.KEEP_BACKGROUND_RUNNING"
FIRST_APP_UID = 100 * 200_000 + 10_000  # user 100, first appId
ABILITY_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")  # as module.json5 names them (and $context.Name can)


class ProcessState(StrEnum):
    FOREGROUND = "foreground"
    BACKGROUND = "background"
    SUSPENDED = "suspended"  # frozen by the device policy; the service still sees a background process
    DEAD = "dead"


class AppStateError(ValueError):
    """An app action that makes no sense in the app's current state (e.g. backgrounding a dead app)."""


@frozen_record
class AbilityInfo(FrozenRecord):
    """The part of the ability's info the service reads."""
    name: str
    bundleName: str
    backgroundModes: int  # module.json5 backgroundModes as the bundle manager's bitmask
    moduleName: str = "entry"


@frozen_record
class AbilitySpec(FrozenRecord):
    """One UIAbility as installed: its name and module.json5 backgroundModes."""
    name: str
    background_modes: tuple[str, ...]
    mask: int  # the bundle manager's bitmask of the known names
    ignored_modes: tuple[str, ...]  # names the bundle manager does not know (ignored silently)

    @classmethod
    def of(cls, name: str, modes: Iterable[str]) -> AbilitySpec:
        modes = tuple(modes)
        return cls(name, modes, mode_bitmask(modes), unknown_mode_names(modes))


class UIAbilityContext:
    """The `this.context` of a UIAbility, as passed to startBackgroundRunning & co."""

    def __init__(self, app: App, ability_id: int, ability: AbilitySpec | None = None) -> None:
        self._app = app
        ability = ability or app.abilities[0]
        self.abilityInfo = AbilityInfo(ability.name, app.bundle_name, ability.mask)
        self.abilityId = ability_id
        self.token: object | None = object()  # dropped when the ability's process dies

    @property
    def app(self) -> App:
        return self._app

    def __repr__(self) -> str:
        alive = "alive" if self.token is not None else "destroyed"
        return f"<UIAbilityContext {self._app.bundle_name}/{self.abilityInfo.name} #{self.abilityId} {alive}>"


class App:
    def __init__(self, emu: Emulator, *, bundle_name: str, uid: int, label: str, system_app: bool,
                 atomic_service: bool, permissions: Iterable[str], background_modes: Iterable[str],
                 running_resources_apply: Iterable[int],
                 abilities: Iterable[tuple[str, Iterable[str]]] | None = None) -> None:
        self._emu = emu
        self.bundle_name = bundle_name
        self.uid = uid
        self.label = label
        self.system_app = system_app
        self.atomic_service = atomic_service
        self.permissions = frozenset(permissions)
        self.sorted_permissions = tuple(sorted(self.permissions))  # for views: fixed at install
        specs = [AbilitySpec.of(n, m) for n, m in abilities] if abilities else [
            AbilitySpec.of(ENTRY_ABILITY, background_modes)]
        self.abilities: tuple[AbilitySpec, ...] = tuple(specs)  # in order; the first is the main ability
        self._ability_by_name = {a.name: a for a in specs}
        main = specs[0]
        self.background_modes = main.background_modes  # the main ability's
        self.background_modes_mask = main.mask
        self._ignored_modes = tuple(dict.fromkeys(m for a in specs for m in a.ignored_modes))
        self.running_resources_apply = tuple(running_resources_apply)
        self.state = ProcessState.DEAD
        self.pid = -1
        self.context: UIAbilityContext | None = None  # the main ability's, of the current or last launch
        self.contexts: dict[str, UIAbilityContext] = {}  # every ability's, by name, same launch
        self._kit: Any = None
        self._audio_pid = -1  # the process whose audio renderer runs (the audio framework's RENDERER_RUNNING)
        self._avsession_pid = -1  # the process whose AVSession notification the media framework shows
        self._navigation_capsule = False  # its navigation live view with an active capsule is published

    # -- identity ------------------------------------------------------------------------
    def has_permission(self, permission: str) -> bool:
        return permission in self.permissions

    @property
    def alive(self) -> bool:
        return self.state is not ProcessState.DEAD

    @property
    def main_ability(self) -> str:
        return self.abilities[0].name

    def ability(self, name: str) -> AbilitySpec | None:
        return self._ability_by_name.get(name)

    def modes_mask_of(self, ability_name: str) -> int:
        """GetBackgroundModeInfo(uid, abilityName): 0 (INVALID_BGMODE) for an ability the app does not have."""
        spec = self._ability_by_name.get(ability_name)
        return spec.mask if spec is not None else 0

    def ability_context(self, name: str) -> UIAbilityContext:
        """The context of the named UIAbility (of the current launch, or the last one if the app is dead)."""
        spec = self._ability_by_name.get(name) if isinstance(name, str) else None
        if spec is None:
            have = ", ".join(a.name for a in self.abilities)
            raise ValueError(f"{self.bundle_name} has no UIAbility {name!r} (its abilities: {have})")
        ctx = self.contexts.get(spec.name)
        if ctx is None:
            raise AppStateError(f"{self.bundle_name} has never been launched")
        return ctx

    @property
    def audio_playing(self) -> bool:
        """The app's process has an audio renderer running (False until set; gone with the process)."""
        return self.alive and self._audio_pid == self.pid

    @audio_playing.setter
    def audio_playing(self, playing: bool) -> None:
        if not isinstance(playing, bool):
            raise TypeError(f"audio_playing is True or False, not {playing!r}")
        if playing and not self.alive:
            raise AppStateError(f"{self.bundle_name} is not running, so it cannot play audio")
        was = self.audio_playing
        self._audio_pid = self.pid if playing else -1
        if playing and not was:
            self._emu.continuous.on_audio_start(self)  # NotifyAudioStart

    @property
    def avsession_notification(self) -> bool:
        """The media framework shows the app's AVSession (playback control) notification; it goes with the
        process. Each change is told to the service (AVSessionNotifyUpdateNotification)."""
        return self.alive and self._avsession_pid == self.pid

    @avsession_notification.setter
    def avsession_notification(self, published: bool) -> None:
        if not isinstance(published, bool):
            raise TypeError(f"avsession_notification is True or False, not {published!r}")
        if published and not self.alive:
            raise AppStateError(f"{self.bundle_name} is not running, so it has no AVSession to show")
        if published == self.avsession_notification:
            return
        self._avsession_pid = self.pid if published else -1
        self._emu._avsession_changed(self, published, "")

    @property
    def navigation_capsule(self) -> bool:
        """The app has published a live view with event NAVIGATION and an active capsule, until it cancels it;
        the notification service keeps it when the process dies (a reboot clears it)."""
        return self._navigation_capsule

    @navigation_capsule.setter
    def navigation_capsule(self, shown: bool) -> None:
        if not isinstance(shown, bool):
            raise TypeError(f"navigation_capsule is True or False, not {shown!r}")
        if shown and not self.alive:
            raise AppStateError(f"{self.bundle_name} is not running, so it cannot publish a live view")
        if shown == self._navigation_capsule:
            return
        self._navigation_capsule = shown
        self._emu._capsule_changed(self, shown)

    @property
    def ignored_modes(self) -> tuple[str, ...]:
        """backgroundModes strings the bundle manager does not know (it ignores them silently)."""
        return self._ignored_modes

    @property
    def backgroundTaskManager(self) -> Any:
        """The kit module bound to this app: its calls are made as this app's current process."""
        if self._kit is None:
            from emulator.kit.bound import BoundBackgroundTaskManager
            self._kit = BoundBackgroundTaskManager(self)
        return self._kit

    # -- lifecycle -----------------------------------------------------------------------
    def to_background(self) -> None:
        if self.state is ProcessState.DEAD:
            raise AppStateError(f"{self.bundle_name} is not running; relaunch it with to_foreground()")
        if self.state is ProcessState.FOREGROUND:
            self._emu._set_process_state(self, ProcessState.BACKGROUND, "the user left the app")

    def to_foreground(self) -> None:
        if self.state is ProcessState.DEAD:
            self._emu._launch(self)
        elif self.state is not ProcessState.FOREGROUND:
            self._emu._set_process_state(self, ProcessState.FOREGROUND, "the user opened the app")

    def kill(self, why: str = "killed by the user") -> None:
        if self.state is not ProcessState.DEAD:
            self._emu._kill(self, why)

    def end_ability(self) -> None:
        """The main ability ends (terminateSelf, or swiped away from recents); with it gone, the process exits."""
        if self.state is ProcessState.DEAD:
            raise AppStateError(f"{self.bundle_name} is not running")
        self._emu._end_ability(self)

    def clear_data(self) -> None:
        """The user clears the app's data: COMMON_EVENT_PACKAGE_DATA_CLEARED, and the process is killed."""
        self._emu._clear_data(self)

    def __repr__(self) -> str:
        return f"<App {self.bundle_name} uid={self.uid} pid={self.pid} {self.state.value}>"
