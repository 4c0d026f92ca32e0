"""The `[[steps]]` tables: timing, the one thing each step does, and its fields.

Keys every step may have: at | after, every + (times | until), note, app.
Then exactly one of:
    call = "<kit function>"   args, save_as, on_callback, expect_code, expect_result
    do = "<action>"           args
    expect = "<kind>"         the kind's fields (emulator.scenario.expect)
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

from emulator.scenario import size
from emulator.scenario.actions import ACTIONS, ActionArgsError
from emulator.scenario.expect import EVENT_KINDS, EXPECTATIONS
from emulator.scenario.model import CALL, DO, EXPECT, NO_VALUE, Ref, Step
from emulator.scenario.refs import NAME, RESERVED, SPECIALS, RefError, contains_callback, convert
from emulator.scenario.rules import reaction_problem, suggest, unknown_action, unknown_function
from emulator.scenario.timefmt import format_duration

if TYPE_CHECKING:
    from emulator.scenario.load import Ctx

__all__ = ["parse_steps"]

_TIMING = ("at", "after", "every", "times", "until", "note", "app")
_CALL_KEYS = ("call", "request", "args", "save_as", "on_callback", "expect_code", "expect_result")
_DO_KEYS = ("do", "args")
INSTALL = "app.install"


def parse_steps(ctx: Ctx, value: object, apps: set[str]) -> list[Step]:
    from emulator.scenario.load import _kind

    if not isinstance(value, list):
        raise ctx.fail(("steps",), f"must be written as [[steps]] tables, not {_kind(value)}")
    steps: list[Step] = []
    saved: dict[str, int] = {}  # save_as name -> index of the first step that saves it
    prev_ms, prev_where = 0, None
    for i, table in enumerate(value):
        path = ("steps", i)
        if not isinstance(table, dict):
            raise ctx.fail(path, f"must be a table, not {_kind(table)}")
        verbs = [k for k in (CALL, DO, EXPECT) if k in table]
        if not verbs:
            raise ctx.fail(path, "a step needs one of: call = \"<kit function>\", do = \"<action>\" "
                                 "or expect = \"<kind>\"")
        if len(verbs) > 1:
            raise ctx.fail(path + (verbs[1],), f"a step does one thing: it has both {verbs[0]} and {verbs[1]}")
        kind = verbs[0]
        extra = tuple(EXPECTATIONS.get(table[EXPECT], {})) if kind == EXPECT and isinstance(
            table[EXPECT], str) else ()
        allowed = _TIMING + {CALL: _CALL_KEYS, DO: _DO_KEYS, EXPECT: (EXPECT,) + extra}[kind]
        allowed = tuple(dict.fromkeys(allowed))
        ctx.table(table, path, allowed, f"{'an' if kind == EXPECT else 'a'} {kind} step")
        at = _when(ctx, table, path, prev_ms, prev_where)
        step = Step(index=i + 1, line=ctx.lines.line(path), at_ms=at, kind=kind)
        _repeat(ctx, table, path, step)
        if "note" in table:
            if not isinstance(table["note"], str):
                raise ctx.fail(path + ("note",), f"must be a string, not {_kind(table['note'])}")
            step.note = table["note"]
        if "app" in table:
            name = table["app"]
            if not isinstance(name, str):
                raise ctx.fail(path + ("app",), f"must be a bundle name string, not {_kind(name)}")
            if name not in apps:
                known = ", ".join(sorted(apps)) or "none: add [[apps]] tables"
                raise ctx.fail(path + ("app",), f"unknown app {name!r}{suggest(name, apps)} (installed: {known})")
            step.app = sys.intern(name)  # one string for an app's thousands of steps
        {CALL: _call, DO: _do, EXPECT: _expect}[kind](ctx, table, path, step, saved)
        if step.save_as is not None:
            saved.setdefault(step.save_as, step.index)
        if step.action == INSTALL and step.args and isinstance(step.args[0], str):
            apps = apps | {step.args[0]}  # later steps may act as the app this step installs
        steps.append(step)
        value[i] = None  # the parsed table is done with: a large file holds its steps, not their TOML too
        prev_ms, prev_where = step.at_ms, (step.index, step.line)
    return steps


def _when(ctx: Ctx, t: dict[str, Any], path: tuple[object, ...], prev_ms: int,
          prev_where: tuple[int, int] | None) -> int:
    if "at" in t and "after" in t:
        raise ctx.fail(path + ("after",), "give at (a time from the start) or after (a delay after the "
                                          "previous step), not both")
    if "at" not in t and "after" not in t:
        raise ctx.fail(path, "a step needs at = \"<time>\" or after = \"<delay>\"")
    if "after" in t:
        return prev_ms + ctx.duration(t["after"], path + ("after",))
    at = ctx.duration(t["at"], path + ("at",))
    if at < prev_ms:
        assert prev_where is not None
        raise ctx.fail(path + ("at",), f"times out of order: {format_duration(at)} is before the previous step "
                                       f"(steps[{prev_where[0]}] at line {prev_where[1]}, "
                                       f"{format_duration(prev_ms)}); steps run in file order")
    return at


def _repeat(ctx: Ctx, t: dict[str, Any], path: tuple[object, ...], step: Step) -> None:
    if "every" not in t:
        for key in ("times", "until"):
            if key in t:
                raise ctx.fail(path + (key,), f"{key} needs every = \"<interval>\"")
        return
    every = ctx.duration(t["every"], path + ("every",))
    if every <= 0:
        raise ctx.fail(path + ("every",), "must be longer than 0s")
    if ("times" in t) == ("until" in t):
        raise ctx.fail(path + ("every",), "every needs times = <count> or until = \"<time>\" (one of them)")
    until = None
    if "times" in t:
        times = t["times"]
        if isinstance(times, bool) or not isinstance(times, int) or times < 1:
            raise ctx.fail(path + ("times",), f"must be a whole number >= 1, not {times!r}")
    else:
        until = ctx.duration(t["until"], path + ("until",))
        if until < step.at_ms:
            raise ctx.fail(path + ("until",), f"{format_duration(until)} is before the step's first run "
                                              f"({format_duration(step.at_ms)})")
        times = (until - step.at_ms) // every + 1
    size.check_repeat(ctx, path, times, every, until)
    step.every_ms, step.times = every, times


def _values(ctx: Ctx, value: Any, path: tuple[object, ...], saved: dict[str, int], *, specials: bool) -> Any:
    def check(ref: Ref, sub: tuple[object, ...]) -> None:
        if ref.name in SPECIALS:
            if not specials:
                raise ctx.fail(path + sub, f"${ref.name} can only be an argument of a call step")
        elif ref.name not in saved:
            names = ", ".join(f"${n}" for n in saved) or "none yet"
            raise ctx.fail(path + sub, f"unknown reference {ref}: no earlier step has save_as = {ref.name!r}"
                                       f"{suggest(ref.name, saved)} (saved so far: {names})")
    try:
        return convert(value, check, ())
    except RefError as exc:
        raise ctx.fail(path, str(exc)) from None


def _args(ctx: Ctx, t: dict[str, Any], path: tuple[object, ...], saved: dict[str, int], specials: bool) -> list[Any]:
    from emulator.scenario.load import _kind

    args = t.get("args", [])
    if not isinstance(args, list):
        raise ctx.fail(path + ("args",), f"must be an array of the call's arguments, not {_kind(args)} "
                                         "(write args = [value] for one argument)")
    return [_values(ctx, a, path + ("args", j), saved, specials=specials) for j, a in enumerate(args)]


def _call(ctx: Ctx, t: dict[str, Any], path: tuple[object, ...], step: Step, saved: dict[str, int]) -> None:
    from emulator.scenario.load import KNOWN_CODES, _kind

    fn = t[CALL]
    problem = unknown_function(fn)
    if problem:
        raise ctx.fail(path + (CALL,), problem)
    if step.app is None:
        raise ctx.fail(path, f"a call step needs app = \"<bundle name>\": the app that calls {fn}")
    step.function = sys.intern(fn)
    _request(ctx, t, path, step, saved)
    step.args = tuple(_args(ctx, t, path, saved, specials=True))
    if "save_as" in t:
        name = t["save_as"]
        if not isinstance(name, str) or not NAME.match(name):
            raise ctx.fail(path + ("save_as",), f"must be a name (letters, digits, _), not {name!r}")
        if name in RESERVED:
            raise ctx.fail(path + ("save_as",), f"{name!r} is reserved ($callback, $context, $wantAgent and the "
                                                "module's enum names)")
        step.save_as = name
    reaction = t.get("on_callback", "nothing")
    problem = reaction_problem(reaction, fn, contains_callback(list(step.args)))
    if problem:
        raise ctx.fail(path + ("on_callback",), problem)
    step.on_callback = reaction
    if "expect_code" in t:
        code = t["expect_code"]
        if isinstance(code, bool) or not isinstance(code, int):
            raise ctx.fail(path + ("expect_code",), f"must be an error code number (0 = success), not {_kind(code)}")
        if code not in KNOWN_CODES:
            raise ctx.fail(path + ("expect_code",), f"unknown error code {code}; a call answers 0 (success) or one "
                                                    f"of {', '.join(map(str, sorted(KNOWN_CODES - {0})))}")
        step.expect_code = code
    if "expect_result" in t:
        if step.expect_code not in (None, 0):
            raise ctx.fail(path + ("expect_result",), f"a call that fails with {step.expect_code} has no result")
        step.expect_result = _values(ctx, t["expect_result"], path + ("expect_result",), saved, specials=False)
    else:
        step.expect_result = NO_VALUE


def _request(ctx: Ctx, t: dict[str, Any], path: tuple[object, ...], step: Step, saved: dict[str, int]) -> None:
    """`request = {...}`: the ContinuousTaskRequest a `call = "ContinuousTaskRequest.<method>"` step calls."""
    from emulator.scenario.methods import method_name, request_problem

    if "request" not in t and method_name(step.function) is None:
        return
    table = t.get("request", {})
    problem = request_problem(step.function, table)  # type: ignore[arg-type]
    if problem is not None:
        raise ctx.fail(path + ("request",) + problem[0], problem[1])
    step.request = _values(ctx, table, path + ("request",), saved, specials=True)


def _do(ctx: Ctx, t: dict[str, Any], path: tuple[object, ...], step: Step, saved: dict[str, int]) -> None:
    name = t[DO]
    problem = unknown_action(name)
    if problem:
        raise ctx.fail(path + (DO,), problem)
    action = ACTIONS[name]
    if action.needs_app and step.app is None:
        raise ctx.fail(path, f"{name} needs app = \"<bundle name>\"")
    if not action.needs_app and step.app is not None:
        raise ctx.fail(path + ("app",), f"{name} acts on the device, not on an app: remove app")
    args = _args(ctx, t, path, saved, specials=False)
    try:  # a $reference is checked when the step runs and its value is known
        step.args = action.bind(args, later=lambda v: isinstance(v, Ref))
    except ActionArgsError as exc:
        where = ("args",) if exc.position is None else ("args", exc.position)
        raise ctx.fail(path + where, str(exc)) from None
    step.action = sys.intern(name)


def _expect(ctx: Ctx, t: dict[str, Any], path: tuple[object, ...], step: Step, saved: dict[str, int]) -> None:
    kind = t[EXPECT]
    fields = EXPECTATIONS.get(kind) if isinstance(kind, str) else None
    if fields is None:
        raise ctx.fail(path + (EXPECT,), f"unknown expectation {kind!r}{suggest(str(kind), EXPECTATIONS)} "
                                         f"(kinds: {', '.join(EXPECTATIONS)})")
    if "app" not in fields and step.app is not None:
        raise ctx.fail(path + ("app",), f"expect = {kind!r} does not take an app")
    params: dict[str, Any] = {}
    for key, spec in fields.items():
        if key == "app":
            if spec.required and step.app is None:
                raise ctx.fail(path, f"expect = {kind!r} needs app = \"<bundle name>\"")
            continue
        if key not in t:
            if spec.required:
                raise ctx.fail(path, f"expect = {kind!r} needs {key} = ...")
            continue
        value = t[key]
        if spec.ref_ok and isinstance(value, str) and value.startswith("$"):
            params[key] = _values(ctx, value, path + (key,), saved, specials=False)
            continue
        if key == "kind" and value not in EVENT_KINDS:
            raise ctx.fail(path + (key,), f"unknown event kind {value!r}{suggest(str(value), EVENT_KINDS)} "
                                          f"(kinds: {', '.join(EVENT_KINDS)})")
        try:
            params[key] = spec.check(value)
        except ValueError as exc:
            raise ctx.fail(path + (key,), str(exc)) from None
    if kind == "event" and "count" in params and "occurs" in params:
        raise ctx.fail(path + ("count",), "give occurs or count, not both")
    step.expect, step.params = kind, params
