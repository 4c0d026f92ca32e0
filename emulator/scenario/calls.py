"""A `call` step: the app calls a backgroundTaskManager function by name, with its arguments.

`$callback` arguments become recording callbacks: each call of one is a `scenario.callback`
entry, then the app does what `on_callback` says (nothing; "cancel": cancelSuspendDelay of the
request the call made; "stop": stopBackgroundRunning of its context). A promise is settled at
once (the emulator answers at once), so its value or rejection is the call's outcome; for a
callback form, the outcome is what the callback received as (err, data) during the call.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from emulator.errors import BusinessError
from emulator.kit import wantAgent
from emulator.kit.promise import Promise
from emulator.scenario.expect import Outcome
from emulator.scenario.model import NO_VALUE, Ref, Step, StepError
from emulator.scenario.refs import Opaque, plain, resolve, show
from emulator.scenario.subscriber import STATE_METHODS, StateSubscriber

if TYPE_CHECKING:
    from emulator.apps import App
    from emulator.scenario.runner import ScenarioRun

__all__ = ["run_call", "matches"]


def _want_agent(app: App) -> Any:
    info = {"wants": [{"bundleName": app.bundle_name, "abilityName": app.main_ability}],
            "actionType": wantAgent.OperationType.START_ABILITY, "requestCode": 0,
            "wantAgentFlags": [wantAgent.WantAgentFlags.UPDATE_PRESENT_FLAG]}
    return wantAgent.getWantAgent(info).result()  # type: ignore[union-attr]


class _Call:
    """One run of a call step: its callbacks share the call's result (for the "cancel" reaction)."""

    def __init__(self, run: ScenarioRun, step: Step, app: App) -> None:
        self.run, self.step, self.app = run, step, app
        self.result: Any = None
        self.calling = True
        self.during: list[tuple[Any, ...]] = []  # callback invocations while the call is in progress

    def lookup(self, ref: Ref) -> Any:
        if ref.name == "callback":
            return self.callback
        if ref.name == "context":
            return self._context(ref)
        if ref.name == "wantAgent":
            return _want_agent(self.app)
        if ref.name == "subscriber":
            return state_subscriber(self.run, self.app)
        return self.run.saved_value(ref)

    def _context(self, ref: Ref) -> Any:
        if not ref.fields:
            return self.app.context
        try:  # checked at load for [[apps]]; an app that app.install adds mid-run is known only now
            return self.app.ability_context(ref.fields[0])
        except ValueError as exc:
            raise StepError(f"{ref}: {exc}") from None

    def callback(self, *args: Any) -> None:
        if self.calling:
            self.during.append(args)
        step, run = self.step, self.run
        shown = ", ".join(show(plain(a)) for a in args)
        run.trace("scenario.callback", f"callback of {step.function} ({step.label}) called with ({shown}); "
                                       f"the app does {step.on_callback}", self.app.bundle_name, step,
                  {"function": step.function, "args": plain(list(args)), "reaction": step.on_callback})
        if step.on_callback == "cancel":
            request_id = self.result.get("requestId") if isinstance(self.result, dict) else None
            self.react("cancelSuspendDelay", request_id)
        elif step.on_callback == "stop":
            self.react("stopBackgroundRunning", self.app.context)

    def react(self, function: str, *args: Any) -> None:
        """A call the app makes inside its callback; its outcome is traced, never raised."""
        fn = getattr(self.app.backgroundTaskManager, function, None)
        args_plain = plain(list(args))
        label = f"{function}({', '.join(map(show, args_plain))}) in the callback of {self.step.label}"
        if fn is None:
            self.run.trace("scenario.error", f"{label}: not in this build's kit", self.app.bundle_name, self.step)
            return
        result, error = _invoke(fn, args)
        value = plain(result)
        self.run.trace("scenario.call", f"{label} -> {_outcome(value, error)}", self.app.bundle_name, self.step,
                       _data(function, args_plain, value, error))


def state_subscriber(run: ScenarioRun, app: App) -> StateSubscriber:
    """The app's one "$subscriber": each call of its methods is a scenario.callback entry."""
    sub = run.subscribers.get(app.bundle_name)
    if sub is None:
        def method(name: str) -> Any:
            def called(*args: Any) -> None:
                shown = ", ".join(show(plain(a)) for a in args)
                run.trace("scenario.callback", f"$subscriber {name} of {app.bundle_name} called with ({shown})",
                          app.bundle_name, None, {"function": name, "args": plain(list(args))})
            return called
        sub = run.subscribers[app.bundle_name] = StateSubscriber(app.bundle_name,
                                                                 {m: method(m) for m in STATE_METHODS})
    return sub


def _invoke(fn: Any, args: Any) -> tuple[Any, BusinessError | None]:
    try:
        result = fn(*args)
        if isinstance(result, Promise):
            result = result.result()
        return result, None
    except BusinessError as err:
        return None, err


def _outcome(value: Any, error: BusinessError | None) -> str:
    if error is not None:
        return f"error {error.code}: {error.message}"
    return "ok" if value is None else show(value)


def _data(function: str, args_plain: list[Any], value: Any, error: BusinessError | None) -> dict[str, Any]:
    out: dict[str, Any] = {"function": function, "args": args_plain}
    if error is not None:
        out["error"] = {"code": error.code, "message": error.message}
    else:
        out["result"] = value
    return out


def _callee(call: _Call, step: Step, app: App) -> tuple[Any, str, dict[str, Any] | None]:
    """The function the step calls, how the log names it, and the request it is a method of (or None)."""
    if step.request is None:
        fn = getattr(app.backgroundTaskManager, step.function, None)  # type: ignore[arg-type]
        if fn is None:
            raise StepError(f"backgroundTaskManager.{step.function} is not in this build's kit")
        return fn, step.function, None  # type: ignore[return-value]
    from emulator.scenario.methods import build_request, method_name, request_label

    table = resolve(step.request, call.lookup)
    fn = getattr(build_request(app, table), method_name(step.function))  # type: ignore[arg-type]
    table_plain = plain(table)
    return fn, request_label(step.function, table_plain, show), table_plain  # type: ignore[arg-type]


def run_call(run: ScenarioRun, step: Step) -> None:
    app = run.emu.app(step.app)  # type: ignore[arg-type]
    call = _Call(run, step, app)
    fn, named, request = _callee(call, step, app)
    shape = run.shape(step)
    args = resolve(step.args, call.lookup) if shape.has_refs else list(step.args)
    shown = shape.shown
    if shown is None:
        args_plain = plain(args)
        shown = ", ".join(map(show, args_plain))
        if shape.static_display:
            shape.shown, shape.args_plain = shown, args_plain
    else:
        args_plain = shape.args_plain
    result, error = _invoke(fn, args)
    call.calling = False
    if result is None and error is None and call.during:
        first = call.during[0]  # callback form: callback(err, data) during the call
        if first and isinstance(first[0], BusinessError):
            error = first[0]
        elif len(first) >= 2 and first[0] is None:
            result = first[1]
    value = plain(result)
    call.result = value
    data = _data(step.function, args_plain, value, error)  # type: ignore[arg-type]
    if request is not None:
        data["request"] = request
    run.trace("scenario.call", f"{named}({shown}) -> {_outcome(value, error)}", app.bundle_name, step, data)
    if step.save_as is not None:
        if error is None:
            run.saved[step.save_as] = value
        else:
            run.save_failure(step, error.code)
    if step.expect_code is not None or step.expect_result is not NO_VALUE:
        _check(run, step, value, error)


def _check(run: ScenarioRun, step: Step, value: Any, error: BusinessError | None) -> None:
    name = app = step.app
    if step.expect_code is not None:
        got = 0 if error is None else error.code
        got_text = "0 (success)" if error is None else f"{error.code} ({error.message})"
        want = "0 (success)" if step.expect_code == 0 else str(step.expect_code)
        run.record(step, Outcome(got == step.expect_code, f"code of {step.function} by {name}", want, got_text), app)
    if step.expect_result is not NO_VALUE:
        expected = resolve(step.expect_result, run.saved_value)
        what = f"result of {step.function} by {name}"
        if error is not None:
            run.record(step, Outcome(False, what, show(expected), f"error {error.code} ({error.message})"), app)
        else:
            run.record(step, Outcome(matches(value, expected), what, show(expected), show(value)), app)


def matches(got: Any, expected: Any) -> bool:
    """A table expects those fields (others may be there too); arrays match item by item."""
    if isinstance(expected, dict):
        return isinstance(got, dict) and all(k in got and matches(got[k], v) for k, v in expected.items())
    if isinstance(expected, list):
        return isinstance(got, list) and len(got) == len(expected) and all(map(matches, got, expected))
    if isinstance(expected, bool) or isinstance(got, bool):
        return type(expected) is type(got) and expected == got
    if isinstance(got, Opaque):
        return False
    return bool(got == expected)
