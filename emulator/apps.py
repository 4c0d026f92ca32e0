"""Installed apps: identity, flags, declared modes and privileges, one process, one UIAbility.

Uids are allocated as a device does for user 100: uid = 100 * 200000 + appId, appIds from
10000, so the first app gets 20010000. Each launch gets a new pid and a new ability record
(abilityId) with a new context; a dead app has pid -1 and its old context loses its token,
so a call through it answers as the native layer does for a context without a token.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Iterable

from emulator.modes import mode_bitmask, unknown_mode_names

if TYPE_CHECKING:
    from emulator.emulator import Emulator

__all__ = ["App", "ProcessState", "AbilityInfo", "UIAbilityContext", "ENTRY_ABILITY", "KEEP_BACKGROUND_RUNNING"]

ENTRY_ABILITY = "EntryAbility"
KEEP_BACKGROUND_RUNNING = "ohos.permission.KEEP_BACKGROUND_RUNNING"
FIRST_APP_UID = 100 * 200_000 + 10_000  # user 100, first appId


class ProcessState(StrEnum):
    FOREGROUND = "foreground"
    BACKGROUND = "background"
    SUSPENDED = "suspended"  # frozen by the device policy; the service still sees a background process
    DEAD = "dead"


class AppStateError(ValueError):
    """An app action that makes no sense in the app's current state (e.g. backgrounding a dead app)."""


@dataclass(frozen=True, slots=True)
class AbilityInfo:
    """The part of the ability's info the service reads."""
    name: str
    bundleName: str
    backgroundModes: int  # module.json5 backgroundModes as the bundle manager's bitmask
    moduleName: str = "entry"


class UIAbilityContext:
    """The `this.context` of a UIAbility, as passed to startBackgroundRunning & co."""

    def __init__(self, app: App, ability_id: int) -> None:
        self._app = app
        self.abilityInfo = AbilityInfo(ENTRY_ABILITY, app.bundle_name, app.background_modes_mask)
        self.abilityId = ability_id
        self.token: object | None = object()  # dropped when the ability's process dies

    @property
    def app(self) -> App:
        return self._app

    def __repr__(self) -> str:
        alive = "alive" if self.token is not None else "destroyed"
        return f"<UIAbilityContext {self._app.bundle_name}/{ENTRY_ABILITY} #{self.abilityId} {alive}>"


class App:
    def __init__(self, emu: Emulator, *, bundle_name: str, uid: int, label: str, system_app: bool,
                 atomic_service: bool, permissions: Iterable[str], background_modes: Iterable[str],
                 running_resources_apply: Iterable[int]) -> None:
        self._emu = emu
        self.bundle_name = bundle_name
        self.uid = uid
        self.label = label
        self.system_app = system_app
        self.atomic_service = atomic_service
        self.permissions = frozenset(permissions)
        self.sorted_permissions = tuple(sorted(self.permissions))  # for views: fixed at install
        self.background_modes = tuple(background_modes)
        self.background_modes_mask = mode_bitmask(self.background_modes)
        self._ignored_modes = unknown_mode_names(self.background_modes)
        self.running_resources_apply = tuple(running_resources_apply)
        self.state = ProcessState.DEAD
        self.pid = -1
        self.context: UIAbilityContext | None = None
        self._kit: Any = None
        self._audio_pid = -1  # the process whose audio renderer runs (the audio framework's RENDERER_RUNNING)

    # -- identity ------------------------------------------------------------------------
    def has_permission(self, permission: str) -> bool:
        return permission in self.permissions

    @property
    def alive(self) -> bool:
        return self.state is not ProcessState.DEAD

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
        """EntryAbility ends (terminateSelf, or swiped away from recents); with it gone, the process exits."""
        if self.state is ProcessState.DEAD:
            raise AppStateError(f"{self.bundle_name} is not running")
        self._emu._end_ability(self)

    def clear_data(self) -> None:
        """The user clears the app's data: COMMON_EVENT_PACKAGE_DATA_CLEARED, and the process is killed."""
        self._emu._clear_data(self)

    def __repr__(self) -> str:
        return f"<App {self.bundle_name} uid={self.uid} pid={self.pid} {self.state.value}>"
