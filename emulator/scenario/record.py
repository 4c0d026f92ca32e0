"""Record a live session as a scenario file that replays to the same event log.

    rec = SessionRecorder(emu)                  # after the apps are installed: captures the start
    rec.perform_call("com.a", "requestSuspendDelay", ["upload", on_expiring])   # does it, records it
    emu.advance(2_000)
    rec.perform_do("app.background", app="com.a")
    rec.save("session.toml")                    # [scenario] end = now; `bgtui play` replays it

Each step gets `at` = the virtual time it was recorded at; time passing is not a step, the file's
`end` is. Arguments are written as a step writes them (record_args): the app's context is
"$context", its WantAgent "$wantAgent", a function "$callback"; ids an earlier call returned are
literal numbers (a replay allocates the same ids). Anything a file cannot say is a ValueError,
raised before a `perform_*` acts, so the live session never gets ahead of its recording.

A replay runs the steps due at one millisecond after every engine timer due then, back to back.
`perform_*` makes the live session do the same: before the first action at a millisecond it
fires the timers already due (emu.advance(0)). `call` and `do` only record what the caller did.
"""

from __future__ import annotations

import copy
import dataclasses

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Sequence

from emulator.apps import ENTRY_ABILITY, App
from emulator.errors import BusinessError
from emulator.kit.promise import Promise
from emulator.scenario.actions import ACTIONS, Action, ActionArgsError
from emulator.scenario.load import KNOWN_CODES
from emulator.scenario.model import CALL, DO
from emulator.scenario.record_args import encode_args
from emulator.scenario.refs import contains_callback, convert, escape, show
from emulator.scenario.rules import reaction_problem, unknown_action, unknown_function
from emulator.scenario.subscriber import StateSubscriber
from emulator.scenario.timefmt import format_clock, format_duration
from emulator.scenario.write import dumps
from emulator.service.continuous_listeners import STATE

if TYPE_CHECKING:
    from emulator.emulator import Emulator

__all__ = ["SessionRecorder", "RecordedStep"]

# Calls whose function or subscriber object the kit compares by identity: a replay passes a new one each time.
_BY_IDENTITY = {"on": 1, "off": 1, "subscribeContinuousTaskState": 0, "unsubscribeContinuousTaskState": 0}


@dataclass(frozen=True, slots=True)
class RecordedStep:
    """One recorded step, its values as the file writes them ("$callback", "$$x" for a literal "$x")."""

    at_ms: int
    kind: str  # "call" | "do"
    name: str  # the kit function or the action
    args: tuple[Any, ...] = ()
    app: str | None = None
    on_callback: str = "nothing"
    code: int | None = None  # a call's outcome when the recorder saw it: 0 or the error code
    request: dict[str, Any] | None = None  # a ContinuousTaskRequest method's request, as the file writes it

    def table(self) -> dict[str, Any]:
        """The [[steps]] table."""
        out: dict[str, Any] = {"at": format_duration(self.at_ms)}
        if self.app is not None:
            out["app"] = self.app
        out[self.kind] = self.name
        if self.request is not None:
            out["request"] = self.request
        if self.args:
            out["args"] = list(self.args)
        if self.on_callback != "nothing":
            out["on_callback"] = self.on_callback
        if self.code is not None and self.code in KNOWN_CODES:
            out["expect_code"] = self.code
        return out

    def __str__(self) -> str:
        args = ", ".join(_shown(a) for a in self.args)
        app = f"{self.app}  " if self.app else ""
        outcome = "" if self.code is None else (" -> ok" if self.code == 0 else f" -> error {self.code}")
        react = f" (callback: {self.on_callback})" if self.on_callback != "nothing" else ""
        name = self.name if self.request is None else f"{self.name} of {_shown(self.request)}"
        return f"{format_clock(self.at_ms)}  {app}{self.kind} {name}({args}){outcome}{react}"


def _shown(value: Any) -> str:
    if isinstance(value, str) and value.startswith("$") and not value.startswith("$$"):
        return f"<{value[1:]}>"
    if isinstance(value, str):
        return show(value[1:] if value.startswith("$$") else value)
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_shown(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(map(_shown, value)) + "]"
    return show(value)


class SessionRecorder:
    """Records the actions taken on `emu` from now on; create it once the apps are installed."""

    def __init__(self, emu: Emulator) -> None:
        self.emu = emu
        self.start_ms = emu.now_ms
        self.device: dict[str, Any] = dict(emu.device.overrides())
        policy = emu.policy.overrides()  # only what differs from a fresh device, as for the device
        self.policy: dict[str, Any] = {}
        if "suspend_grace_ms" in policy:
            self.policy["suspend_grace"] = format_duration(policy["suspend_grace_ms"])  # type: ignore[arg-type]
        if "unhandled_timeout" in policy:
            self.policy["unhandled_timeout"] = policy["unhandled_timeout"]
        if "uncaught_exception" in policy:
            self.policy["uncaught_exception"] = policy["uncaught_exception"]
        self.apps: list[dict[str, Any]] = [_app_table(a) for a in emu.apps]
        self._bundles = {a.bundle_name for a in emu.apps}
        self._steps: list[RecordedStep] = []
        self._seen: dict[tuple[str, int], object] = {}  # objects passed to on/off/subscribe..., kept alive

    # -- reading -----------------------------------------------------------------------------------
    @property
    def steps(self) -> list[RecordedStep]:
        return list(self._steps)

    def __len__(self) -> int:
        return len(self._steps)

    def fork(self, emu: Emulator, until_ms: int) -> SessionRecorder:
        """A recorder on `emu` (a replay of this session) with the same starting device and apps and the
        steps up to `until_ms`: what "resume from here" keeps; later steps are dropped."""
        other = copy.copy(self)
        other.emu = emu
        other.device, other.policy = dict(self.device), dict(self.policy)
        other.apps = [dict(a) for a in self.apps]
        other._bundles = set(self._bundles)
        other._steps = [s for s in self._steps if s.at_ms <= until_ms]
        other._seen = {}  # the replay registered its own objects
        return other

    # -- recording what the caller did -------------------------------------------------------------
    def call(self, app: str | App, function: str, args: Sequence[Any] = (), *, on_callback: str = "nothing",
             code: int | None = None, request: Any = None) -> RecordedStep:
        """Record a kit call the caller just made (`code`: its outcome if known, 0 = success); for
        "ContinuousTaskRequest.<method>", `request` is the request it was called on."""
        the_app = self._app(app)
        table = self._request_table(the_app, function, request)
        file_args = self._call_args(the_app, function, args, on_callback, live=False)
        return self._add(RecordedStep(self.emu.now_ms, CALL, function, tuple(file_args), the_app.bundle_name,
                                      on_callback, code, table))

    def do(self, action: str, args: Sequence[Any] = (), app: str | App | None = None) -> RecordedStep:
        """Record a scenario `do` action the caller just performed (arguments as a step writes them)."""
        _act, the_app, file_args, _run_args = self._do_args(action, args, app)
        return self._add(RecordedStep(self.emu.now_ms, DO, action, file_args,
                                      the_app.bundle_name if the_app else None))

    # -- doing and recording -----------------------------------------------------------------------
    def perform_call(self, app: str | App, function: str, args: Sequence[Any] = (), *,
                     on_callback: str = "nothing", request: Any = None) -> Any:
        """Call `app.backgroundTaskManager.<function>(*args)`, record it, and return what it returned.

        For `function` "ContinuousTaskRequest.<method>" it calls `request.<method>(*args)` (a request made
        with `app.backgroundTaskManager.ContinuousTaskRequest()`), and the step records the request's
        properties. A BusinessError the call raises is recorded, then raised; an argument a file cannot
        hold is a ValueError before anything happens.
        """
        the_app = self._app(app)
        self._settle()
        table = self._request_table(the_app, function, request)
        file_args = self._call_args(the_app, function, args, on_callback, live=True)
        fn = self._callee(the_app, function, request)
        step = RecordedStep(self.emu.now_ms, CALL, function, tuple(file_args), the_app.bundle_name, on_callback,
                            None, table)
        try:
            result = fn(*args)
        except BusinessError as err:
            self._add(_with_code(step, err.code))
            raise
        except Exception:  # not a kit answer (a bug): recorded all the same, since it happened
            self._add(step)
            raise
        self._add(_with_code(step, _outcome(result, args)))
        return result

    def perform_do(self, action: str, args: Sequence[Any] = (), app: str | App | None = None) -> None:
        """Perform a scenario `do` action on the emulator and record it (not recorded if it raises)."""
        act, the_app, file_args, run_args = self._do_args(action, args, app)
        self._settle()
        at = self.emu.now_ms
        act.run(self.emu, the_app, *run_args)
        self._bundles |= {a.bundle_name for a in self.emu.apps}  # app.install: later steps may act as it
        self._add(RecordedStep(at, DO, action, file_args, the_app.bundle_name if the_app else None))

    # -- writing -----------------------------------------------------------------------------------
    def to_toml(self, name: str = "session", end_ms: int | None = None, description: str | None = None) -> str:
        """The whole scenario: [scenario] (end = now unless given), [device], [policy], [[apps]], [[steps]]."""
        end = self.emu.now_ms if end_ms is None else end_ms
        last = self._steps[-1].at_ms if self._steps else 0
        if isinstance(end, bool) or not isinstance(end, int) or end < last:
            raise ValueError(f"end_ms must be a whole number of ms at or after the last step ({last} ms), not {end!r}")
        if description is None:
            description = f"recorded from a live session: {len(self._steps)} step(s)"
            if self.start_ms:
                description += (f"; recording started at {format_clock(self.start_ms)}, and what happened "
                                "before is not in this file")
        head = {"name": name, "description": description, "end": format_duration(end)}
        doc: dict[str, Any] = {"scenario": head}
        if self.device:
            doc["device"] = self.device
        if self.policy:
            doc["policy"] = self.policy
        if self.apps:
            doc["apps"] = self.apps
        if self._steps:
            doc["steps"] = [s.table() for s in self._steps]
        return dumps(doc, comment="Recorded by bgtui from a live session. Replay it: bgtui play FILE")

    def save(self, path: str | Path, name: str | None = None, end_ms: int | None = None) -> Path:
        """Write the scenario to `path` (UTF-8); its name defaults to the file's stem."""
        path = Path(path)
        path.write_text(self.to_toml(name or path.stem, end_ms), encoding="utf-8")
        return path

    # -- internals ---------------------------------------------------------------------------------
    def _add(self, step: RecordedStep) -> RecordedStep:
        self._steps.append(step)
        return step

    def _settle(self) -> None:
        """Before the first action at this millisecond, fire the timers due now, as a replay does."""
        now = self.emu.now_ms
        if self._steps and self._steps[-1].at_ms == now:
            return
        due = self.emu.clock.next_due_ms()
        if due is not None and due <= now:
            self.emu.advance(0)

    def _app(self, app: str | App) -> App:
        name = app.bundle_name if isinstance(app, App) else app
        if name not in self._bundles:
            known = ", ".join(sorted(self._bundles)) or "none"
            raise ValueError(f"app {name!r} was not installed when the recording started (recorded apps: {known})")
        return self.emu.app(name)

    def _request_table(self, app: App, function: str, request: Any) -> dict[str, Any] | None:
        """The step's `request` table for a ContinuousTaskRequest method, None for a module function."""
        from emulator.scenario.methods import encode_request, method_name

        if method_name(function) is None:
            if request is not None:
                raise ValueError(f"request= is for ContinuousTaskRequest methods, not for {function}")
            return None
        return encode_request(function, request, app, encode_args)

    @staticmethod
    def _callee(app: App, function: str, request: Any) -> Any:
        from emulator.scenario.methods import method_name

        method = method_name(function)
        fn = getattr(app.backgroundTaskManager if method is None else request, method or function, None)
        if fn is None:
            raise ValueError(f"backgroundTaskManager.{function} is not in this build's kit")
        return fn

    def _call_args(self, app: App, function: str, args: Sequence[Any], on_callback: str, *, live: bool) -> list[Any]:
        problem = unknown_function(function)
        if problem:
            raise ValueError(problem)
        if isinstance(args, (str, bytes, dict)) or not isinstance(args, Sequence):
            raise TypeError(f"args must be a list or tuple of the call's arguments, not {args!r}")
        args = tuple(args)
        file_args = encode_args(args, app)
        has_callback = contains_callback(convert(file_args, _no_check))  # read back as the loader reads it
        problem = reaction_problem(on_callback, function, has_callback, live=True)
        if problem:
            raise ValueError(f"on_callback: {problem}")
        position = _BY_IDENTITY.get(function)
        if position is not None and len(args) > position:
            file_args = self._identity(app, function, args, position, file_args, live)
        return file_args

    def _identity(self, app: App, function: str, args: tuple[Any, ...], position: int, file_args: list[Any],
                  live: bool) -> list[Any]:
        """on/off and (un)subscribe compare functions and subscribers by identity; a replay's are always new."""
        obj = args[position]
        if isinstance(obj, StateSubscriber) and file_args[position] == "$subscriber":
            return file_args  # a replay passes the app's one $subscriber every time, as the live session does
        type_ = STATE if position == 0 else args[0]
        key = (app.bundle_name, id(obj))
        what = "subscriber" if position == 0 else "function"
        refuse = ValueError(f"{function}: this {what} was passed to an earlier call; the kit compares them by "
                            f"identity, but a replay passes a new one to every step, so the call would not replay "
                            f"the same")
        if not live:
            if key in self._seen:
                raise ValueError(str(refuse) + " (perform_call checks the live registrations and can record "
                                 "some of these)")
            self._seen[key] = obj
            return file_args
        sub = self.emu.continuous.listeners.get(app.uid, app.pid, app.bundle_name, False)
        held = list(sub.observers.get(type_, ())) if sub is not None and isinstance(type_, str) else []
        same = sum(1 for o in held if o is obj)
        self._seen[key] = obj
        if not same:
            return file_args  # a new one behaves alike: not registered yet, or nothing to remove
        if function == "off" and len(args) == 2 and same == len(held):
            return file_args[:1]  # off(type): removes every callback of the type, which is all of this one
        raise refuse

    def _do_args(self, action: str, args: Sequence[Any], app: str | App | None
                 ) -> tuple[Action, App | None, tuple[Any, ...], list[Any]]:
        problem = unknown_action(action)
        if problem:
            raise ValueError(problem)
        act = ACTIONS[action]
        if isinstance(args, (str, bytes, dict)) or not isinstance(args, Sequence):
            raise TypeError(f"args must be a list or tuple of the action's arguments, not {args!r}")
        if act.needs_app and app is None:
            raise ValueError(f"{action} needs the app it acts on")
        if not act.needs_app and app is not None:
            raise ValueError(f"{action} acts on the device, not on an app: pass no app")
        the_app = self._app(app) if app is not None else None
        raw = [_plain_scalar(v) for v in args]
        if action == "policy.suspend_grace" and raw and type(raw[0]) is int:
            raw[0] = format_duration(raw[0])  # milliseconds, as the policy holds them
        try:
            checked = act.bind(raw)
        except ActionArgsError as exc:
            raise ValueError(str(exc) if exc.position is None else f"{action}: {exc}") from None
        file_args = tuple(_escaped(v) for v in raw)
        return act, the_app, file_args, list(checked)


def _plain_scalar(value: Any) -> Any:
    """An action's argument: bool, int (an IntEnum's value) and str (a StrEnum's value) as themselves."""
    if isinstance(value, bool):
        return bool(value)
    if isinstance(value, int):
        return int(value)
    if isinstance(value, str):
        return str(value)
    return value


def _escaped(value: Any) -> Any:
    """A string as a file writes it ("$x" as "$$x"), in a list too (app.install's lists)."""
    if isinstance(value, str):
        return escape(value)
    if isinstance(value, list):
        return [_escaped(v) for v in value]
    if isinstance(value, dict):  # app.install's abilities: the names are keys, the modes strings
        return {k: _escaped(v) for k, v in value.items()}
    return value


def _with_code(step: RecordedStep, code: int | None) -> RecordedStep:
    return dataclasses.replace(step, code=code)


def _outcome(result: Any, args: tuple[Any, ...]) -> int | None:
    """0 or the error code when the returned value tells; None when a callback got the answer."""
    if isinstance(result, Promise):
        err = result.error()
        return 0 if err is None else err.code
    if result is not None or not any(callable(a) and not isinstance(a, type) for a in args):
        return 0
    return None


def _no_check(_ref: Any, _path: tuple[object, ...]) -> None:
    """Every reference the recorder writes is one a call step may hold."""


def _app_table(app: App) -> dict[str, Any]:
    """The [[apps]] table that installs `app` as it was installed."""
    out: dict[str, Any] = {"bundle_name": app.bundle_name}
    if app.label != app.bundle_name:
        out["label"] = app.label
    if app.system_app:
        out["system_app"] = True
    if app.atomic_service:
        out["atomic_service"] = True
    out["permissions"] = sorted(app.permissions)
    if len(app.abilities) == 1 and app.main_ability == ENTRY_ABILITY:
        out["background_modes"] = list(app.background_modes)
    else:
        out["abilities"] = {a.name: list(a.background_modes) for a in app.abilities}
    if app.running_resources_apply:
        out["running_resources_apply"] = list(app.running_resources_apply)
    return out
