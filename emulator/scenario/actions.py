"""Everything a step can `do` besides kit calls: app, device, policy, service, user, system, fault.

Each action has typed positional arguments, checked at load time when they are literals and
at run time when they are `$references`. The `[device]` and `[policy]` tables use the same
setters (`device.<key>`, `policy.<key>`), so a value that is wrong there is wrong here too.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable, Sequence

from emulator.actions import STOP_CAUSES
from emulator.device import AUTH_DIALOG_ANSWERS, DEVICE_TYPES
from emulator.faults import INJECTABLE_CODES
from emulator.policy import UNCAUGHT_EXCEPTION_ACTIONS, UNHANDLED_TIMEOUT_ACTIONS
from emulator.scenario.kitnames import DOCUMENTED_FUNCTIONS
from emulator.scenario.timefmt import DurationError, parse_duration

if TYPE_CHECKING:
    from emulator.apps import App
    from emulator.emulator import Emulator

__all__ = ["Param", "Action", "ActionArgsError", "ACTIONS", "FOLLOW_DEVICE_TYPE", "duration_arg"]

Check = Callable[[object], object]


def _int(lo: int | None = None, hi: int | None = None) -> Check:
    def check(v: object) -> object:
        if isinstance(v, bool) or not isinstance(v, int):
            raise ValueError(f"must be a whole number, not {_show(v)}")
        if (lo is not None and v < lo) or (hi is not None and v > hi):
            span = f"from {lo} to {hi}" if hi is not None else f">= {lo}"
            raise ValueError(f"must be {span}, not {v}")
        return v
    return check


def _str(v: object) -> object:
    if not isinstance(v, str):
        raise ValueError(f"must be a string, not {_show(v)}")
    return v


def _bool(v: object) -> object:
    if not isinstance(v, bool):
        raise ValueError(f"must be true or false, not {_show(v)}")
    return v


def _choice(options: tuple[object, ...]) -> Check:
    def check(v: object) -> object:
        if isinstance(v, bool) or v not in options:
            raise ValueError(f"must be one of {', '.join(map(_show, options))}; not {_show(v)}")
        return v
    return check


# device.support_task_keeping: neither true nor false, the device type decides (2in1: true).
FOLLOW_DEVICE_TYPE = "auto"


def _task_keeping(v: object) -> object:
    if isinstance(v, bool) or v == FOLLOW_DEVICE_TYPE:
        return v
    raise ValueError(f'must be true, false or "{FOLLOW_DEVICE_TYPE}" (follow the device type), not {_show(v)}')


def _set_task_keeping(emu: Emulator, app: App | None, value: bool | str) -> None:
    emu.device.support_task_keeping = None if value == FOLLOW_DEVICE_TYPE else value


def duration_arg(v: object) -> object:
    """A duration string or whole ms, as ms; ValueError says what is wrong."""
    try:
        return parse_duration(v)
    except DurationError as exc:
        raise ValueError(str(exc)) from None


def _show(v: object) -> str:
    if isinstance(v, bool):
        return str(v).lower()
    if isinstance(v, str):
        return f'"{v}"'
    return repr(v)


@dataclass(frozen=True, slots=True)
class Param:
    name: str
    check: Check
    default: object = None
    required: bool = True


@dataclass(frozen=True, slots=True)
class Action:
    name: str
    params: tuple[Param, ...]
    run: Callable[..., None]  # run(emu, app, *args)
    needs_app: bool = False
    doc: str = ""

    def signature(self) -> str:
        ps = [p.name if p.required else f"{p.name}={_show(p.default)}" for p in self.params]
        return f"{self.name}({', '.join(ps)})"

    def check_arg(self, position: int, value: object) -> object:
        """One argument as the action takes it; ActionArgsError names the parameter and what is wrong."""
        param = self.params[position]
        try:
            return param.check(value)
        except ValueError as exc:
            raise ActionArgsError(position, f"{param.name} {exc}") from None

    def bind(self, args: Sequence[object], later: Callable[[object], bool] = lambda v: False) -> tuple[object, ...]:
        """The arguments the action runs with: counted, each checked (but those `later` says are checked
        when the step runs), and the defaults of those left out appended."""
        required = sum(1 for p in self.params if p.required)
        if not required <= len(args) <= len(self.params):
            count = f"{required}" if required == len(self.params) else f"{required} to {len(self.params)}"
            raise ActionArgsError(None, f"{self.signature()} takes {count} argument(s), not {len(args)}")
        checked = [v if later(v) else self.check_arg(i, v) for i, v in enumerate(args)]
        return tuple(checked + [p.default for p in self.params[len(args):]])


class ActionArgsError(ValueError):
    """Arguments an action cannot take; `position` is the argument's index, None when the count is wrong."""

    def __init__(self, position: int | None, message: str) -> None:
        super().__init__(message)
        self.position = position


def _set(attr_path: str) -> Callable[..., None]:
    owner, attr = attr_path.split(".")

    def run(emu: Emulator, app: App | None, value: object) -> None:
        setattr(getattr(emu, owner), attr, value)
    return run


def _fail_next(emu: Emulator, app: App | None, function: str, code: int, times: int) -> None:
    emu.faults.fail_next(function, code, times)


def _service_ready(emu: Emulator, app: App | None, value: bool) -> None:
    emu.service_ready = value


def _strings(v: object) -> object:
    if not isinstance(v, list) or not all(isinstance(s, str) for s in v):
        raise ValueError(f"must be a list of strings, not {_show(v)}")
    return v


def _privileges(v: object) -> object:
    if not isinstance(v, list) or not all(type(n) is int and 0 <= n <= 9 for n in v):
        raise ValueError(f"must be a list of whole numbers from 0 to 9 (0 = every type), not {_show(v)}")
    return v


def _bundle(v: object) -> object:
    if not isinstance(v, str) or not v:
        raise ValueError(f"must be a non-empty string, not {_show(v)}")
    return v


def _abilities(v: object) -> object:
    """install_app's abilities=: {name: [backgroundModes]}, the main ability first (its own checks)."""
    from emulator.emulator import _check_abilities

    try:
        _check_abilities(v, None)
    except (TypeError, ValueError) as exc:
        text = str(exc)
        raise ValueError(text.removeprefix("abilities ") if text.startswith("abilities ")
                         else f"refused by install_app: {text}") from None
    return v


def _install(emu: Emulator, app: App | None, bundle_name: str, label: str, system_app: bool, atomic_service: bool,
             permissions: list[str], background_modes: list[str], running_resources_apply: list[int],
             abilities: dict[str, list[str]]) -> None:
    emu.install_app(bundle_name, label=label or None, system_app=system_app, atomic_service=atomic_service,
                    permissions=permissions, background_modes=background_modes,
                    running_resources_apply=running_resources_apply, abilities=abilities or None)


def _audio_playing(emu: Emulator, app: App, playing: bool) -> None:
    app.audio_playing = playing


def _avsession_notification(emu: Emulator, app: App, published: bool) -> None:
    app.avsession_notification = published


def _navigation_capsule(emu: Emulator, app: App, shown: bool) -> None:
    app.navigation_capsule = shown


_PCT = _int(0, 100)
_ID = _int()
_ACTIONS: tuple[Action, ...] = (
    Action("app.foreground", (), lambda emu, app: app.to_foreground(), True,
           "the user opens the app (relaunching it if it is dead)"),
    Action("app.background", (), lambda emu, app: app.to_background(), True, "the user leaves the app"),
    Action("app.kill", (), lambda emu, app: app.kill(), True, "the app's process is killed"),
    Action("app.end_ability", (), lambda emu, app: app.end_ability(), True,
           "EntryAbility ends (terminateSelf, or swiped from recents): its tasks go, the process exits"),
    Action("app.clear_data", (), lambda emu, app: app.clear_data(), True,
           "the user clears the app's data (COMMON_EVENT_PACKAGE_DATA_CLEARED); the process is killed"),
    Action("app.install", (Param("bundle_name", _bundle), Param("label", _str, "", False),
                           Param("system_app", _bool, False, False), Param("atomic_service", _bool, False, False),
                           Param("permissions", _strings, [], False), Param("background_modes", _strings, [], False),
                           Param("running_resources_apply", _privileges, [], False),
                           Param("abilities", _abilities, {}, False)), _install,
           doc="install an app mid-run (launched in the foreground); later steps may act as it; abilities: "
               "{name = [backgroundModes]}, the main one first, instead of background_modes"),
    Action("app.audio_playing", (Param("playing", _bool),), _audio_playing, True,
           "the app's audio renderer starts or stops (the audio framework's RENDERER_RUNNING): a task showing "
           "the loading text shows the audioPlayback prompt"),
    Action("app.avsession_notification", (Param("published", _bool),), _avsession_notification, True,
           "the media framework publishes or removes the app's AVSession notification; the service drops "
           "audioPlayback from the task's text at once, and takes it back 65 s after the removal"),
    Action("app.navigation_capsule", (Param("shown", _bool),), _navigation_capsule, True,
           "the app publishes its navigation live view with an active capsule (true) or cancels it (false): a "
           "location task without dataTransfer, audioRecording or voip has no notification meanwhile"),
    Action("device.battery_level", (Param("percent", _PCT),), _set("device.battery_level")),
    Action("device.low_battery_threshold", (Param("percent", _PCT),), _set("device.low_battery_threshold")),
    Action("device.charging", (Param("on", _bool),), _set("device.charging")),
    Action("device.screen_on", (Param("on", _bool),), _set("device.screen_on")),
    Action("device.device_type", (Param("type", _choice(DEVICE_TYPES)),), _set("device.device_type")),
    Action("device.support_task_keeping", (Param("setting", _task_keeping),), _set_task_keeping,
           doc=f'true, false, or "{FOLLOW_DEVICE_TYPE}": follow the device type again'),
    Action("device.auth_dialog_answer", (Param("answer", _choice(AUTH_DIALOG_ANSWERS)),),
           _set("device.auth_dialog_answer"),
           doc="what the user answers to a special-scenario authorisation banner or dialog, 1 s after it appears"),
    Action("device.reboot", (), lambda emu, app: emu.reboot(), doc="every process dies; uptime restarts"),
    Action("policy.suspend_grace", (Param("duration", duration_arg),), _set("policy.suspend_grace_ms")),
    Action("policy.unhandled_timeout", (Param("action", _choice(UNHANDLED_TIMEOUT_ACTIONS)),),
           _set("policy.unhandled_timeout")),
    Action("policy.uncaught_exception", (Param("action", _choice(UNCAUGHT_EXCEPTION_ACTIONS)),),
           _set("policy.uncaught_exception"), doc="crash (the device) or log: what an exception in app code does"),
    Action("service.ready", (Param("ready", _bool),), _service_ready,
           doc="false: every call answers its \"not ready\" code"),
    Action("service.restart", (), lambda emu, app: emu.restart_service(),
           doc="transient tasks are lost; persisted state is restored"),
    Action("user.remove_notification", (Param("notification_id", _ID), Param("label", _str, required=False)),
           lambda emu, app, nid, label: emu.user.remove_notification(nid, label),
           doc="label: which one, when two share the id (after a service restart)"),
    Action("system.suspend_continuous_task", (Param("task_id", _ID),),
           lambda emu, app, tid: emu.system.suspend_continuous_task(tid)),
    Action("system.stop_continuous_task", (Param("task_id", _ID), Param("cause", _choice(STOP_CAUSES))),
           lambda emu, app, tid, cause: emu.system.stop_continuous_task(tid, cause)),
    Action("fault.fail_next", (Param("function", _choice(DOCUMENTED_FUNCTIONS)),
                               Param("code", _choice(tuple(INJECTABLE_CODES)), 9800003, False),
                               Param("times", _int(1), 1, False)), _fail_next,
           doc="the next calls of a kit function fail as the IPC would"),
    Action("fault.storage_fails", (Param("on", _bool),), _set("faults.storage_fails")),
    Action("fault.clear", (), lambda emu, app: emu.faults.clear()),
)

ACTIONS: dict[str, Action] = {a.name: a for a in _ACTIONS}

# The [device] and [policy] tables: key -> the action that sets it.
DEVICE_KEYS = ("battery_level", "low_battery_threshold", "charging", "screen_on", "device_type",
               "support_task_keeping", "auth_dialog_answer")
POLICY_KEYS = ("suspend_grace", "unhandled_timeout", "uncaught_exception")

