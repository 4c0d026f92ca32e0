"""Expectation steps: what each kind checks, its fields, and its report when it fails.

    expect = "event"       kind, [app], [subject], [since], [occurs | count], [reason_contains]
    expect = "remaining"   app, request, equals (duration)       getRemainingDelayTime, read from the service
    expect = "quota"       app, equals (duration)                the app's daily transient quota left
    expect = "app"         app, equals: foreground | background | suspended | dead
    expect = "transient"   app, request, equals: counting | paused | expiring | gone
    expect = "continuous"  task, equals: running | suspended | gone
    expect = "efficiency"  app, resource (CPU, TIMER, ...), equals: held | none

An expectation is checked at its step's time and reads state without changing it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable

from emulator.events import EventKind
from emulator.modes import RESOURCE_TYPE_NAMES
from emulator.scenario.actions import duration_arg as _duration
from emulator.scenario.timefmt import format_duration

if TYPE_CHECKING:
    from emulator.apps import App
    from emulator.emulator import Emulator

__all__ = ["Field", "EXPECTATIONS", "TRACE_KINDS", "EVENT_KINDS", "Outcome", "Seen", "evaluate"]

# The runner's own entries in the log, next to the engine's events.
TRACE_KINDS = ("scenario.call", "scenario.do", "scenario.callback", "scenario.expect", "scenario.error")
EVENT_KINDS = tuple(k.value for k in EventKind) + TRACE_KINDS

APP_STATES = ("foreground", "background", "suspended", "dead")
TRANSIENT_STATES = ("counting", "paused", "expiring", "gone")
CONTINUOUS_STATES = ("running", "suspended", "gone")
EFFICIENCY_STATES = ("held", "none")


def _str(v: object) -> object:
    if not isinstance(v, str):
        raise ValueError(f"must be a string, not {v!r}")
    return v


def _bool(v: object) -> object:
    if not isinstance(v, bool):
        raise ValueError(f"must be true or false, not {v!r}")
    return v


def _count(v: object) -> object:
    if isinstance(v, bool) or not isinstance(v, int) or v < 0:
        raise ValueError(f"must be a whole number >= 0, not {v!r}")
    return v


def _id(v: object) -> object:
    if isinstance(v, bool) or not isinstance(v, (int, str)):
        raise ValueError(f"must be a number or a string, not {v!r}")
    return v




def _one_of(options: tuple[str, ...]) -> Callable[[object], object]:
    def check(v: object) -> object:
        if v not in options:
            raise ValueError(f"must be one of {', '.join(options)}; not {v!r}")
        return v
    return check


@dataclass(frozen=True, slots=True)
class Field:
    check: Callable[[object], object]
    required: bool = False
    ref_ok: bool = False  # may be a `$saved.field` reference, resolved when the step runs


_RESOURCE_NAMES = RESOURCE_TYPE_NAMES

# kind -> field -> Field. `app` is listed where the kind uses it (True = required).
EXPECTATIONS: dict[str, dict[str, Field]] = {
    "event": {"app": Field(_str), "kind": Field(_one_of(EVENT_KINDS), True), "subject": Field(_id, ref_ok=True),
              "since": Field(_duration), "occurs": Field(_bool), "count": Field(_count),
              "reason_contains": Field(_str)},
    "remaining": {"app": Field(_str, True), "request": Field(_id, True, True), "equals": Field(_duration, True)},
    "quota": {"app": Field(_str, True), "equals": Field(_duration, True)},
    "app": {"app": Field(_str, True), "equals": Field(_one_of(APP_STATES), True)},
    "transient": {"app": Field(_str, True), "request": Field(_id, True, True),
                  "equals": Field(_one_of(TRANSIENT_STATES), True)},
    "continuous": {"app": Field(_str), "task": Field(_id, True, True),
                   "equals": Field(_one_of(CONTINUOUS_STATES), True)},
    "efficiency": {"app": Field(_str, True), "resource": Field(_one_of(_RESOURCE_NAMES), True),
                   "equals": Field(_one_of(EFFICIENCY_STATES), True)},
}


@dataclass(frozen=True, slots=True)
class Outcome:
    ok: bool
    what: str  # "quota of com.example.app"
    expected: str
    got: str


class Seen:
    """The events of the kinds some `expect = "event"` step asks about, as (time, app, subject, reason)."""

    def __init__(self, kinds: set[str]) -> None:
        self.by_kind: dict[str, list[tuple[int, str | None, object, str]]] = {k: [] for k in kinds}



def _ms(ms: int) -> str:
    return f"{format_duration(ms)} ({ms} ms)"


def evaluate(emu: Emulator, app: App | None, kind: str, p: dict[str, Any], seen: Seen) -> Outcome:
    """Check one expectation at the emulator's current time (refs in `p` already resolved)."""
    return _EVALUATORS[kind](emu, app, p, seen)


def _event(emu: Emulator, app: App | None, p: dict[str, Any], seen: Seen) -> Outcome:
    since, now = p.get("since", 0), emu.now_ms
    name = app.bundle_name if app is not None else None
    hits = [t for (t, a, subject, reason) in seen.by_kind.get(p["kind"], ())
            if since <= t <= now and (name is None or a == name)
            and ("subject" not in p or subject == p["subject"])
            and ("reason_contains" not in p or p["reason_contains"] in reason)]
    desc = p["kind"] + (f" for {name}" if name else "") + (f" (subject {p['subject']})" if "subject" in p else "")
    if "reason_contains" in p:
        desc += f" whose reason contains {p['reason_contains']!r}"
    window = f"between {format_duration(since)} and {format_duration(now)}"
    times = ", ".join(format_duration(t) for t in hits[:5]) + (", ..." if len(hits) > 5 else "")
    got = "none" if not hits else f"{len(hits)} (at {times})"
    if "count" in p:
        return Outcome(len(hits) == p["count"], f"event {desc}", f"exactly {p['count']} {window}", got)
    if p.get("occurs", True):
        return Outcome(bool(hits), f"event {desc}", f"at least one {window}", got)
    return Outcome(not hits, f"no event {desc}", f"none {window}", got)


def _remaining(emu: Emulator, app: App | None, p: dict[str, Any], seen: Seen) -> Outcome:
    assert app is not None
    rid = p["request"]
    req = emu.transient.requests.get(rid)
    what = f"remaining time of transient task {rid} of {app.bundle_name}"
    if req is None or req.uid != app.uid:
        return Outcome(False, what, _ms(p["equals"]), f"no live transient task {rid} for this app")
    left = req.remaining_at(emu.now_ms)
    return Outcome(left == p["equals"], what, _ms(p["equals"]), _ms(left))


def _quota(emu: Emulator, app: App | None, p: dict[str, Any], seen: Seen) -> Outcome:
    assert app is not None
    left = emu.transient.quota_left(app.uid)
    return Outcome(left == p["equals"], f"daily transient quota left for {app.bundle_name}", _ms(p["equals"]),
                   _ms(left))


def _app(emu: Emulator, app: App | None, p: dict[str, Any], seen: Seen) -> Outcome:
    assert app is not None
    state = app.state.value
    return Outcome(state == p["equals"], f"state of {app.bundle_name}", p["equals"], state)


def transient_state(emu: Emulator, app: App, request_id: object) -> str:
    req = emu.transient.requests.get(request_id)  # type: ignore[arg-type]
    if req is None or req.uid != app.uid:
        return "gone"
    if req.callback_fired_ms is not None:
        return "expiring"
    return "counting" if req.running else "paused"


def _transient(emu: Emulator, app: App | None, p: dict[str, Any], seen: Seen) -> Outcome:
    assert app is not None
    state = transient_state(emu, app, p["request"])
    return Outcome(state == p["equals"], f"transient task {p['request']} of {app.bundle_name}", p["equals"], state)


def _continuous(emu: Emulator, app: App | None, p: dict[str, Any], seen: Seen) -> Outcome:
    tid = p["task"]
    state = "gone"
    for view in emu.continuous.task_views():
        if view.continuous_task_id == tid and (app is None or view.bundle_name == app.bundle_name):
            state = "suspended" if view.suspended else "running"
    return Outcome(state == p["equals"], f"continuous task {tid}", p["equals"], state)


def _efficiency(emu: Emulator, app: App | None, p: dict[str, Any], seen: Seen) -> Outcome:
    assert app is not None
    grants = [g for g in emu.efficiency.grant_views()
              if g.bundle_name == app.bundle_name and g.type_name == p["resource"]]
    state = "held" if grants else "none"
    if grants:
        state_detail = ", ".join(f"{g.scope}{'' if g.persistent else f' for {format_duration(g.remaining_ms or 0)}'}"
                                 for g in grants)
        got = f"held ({state_detail})"
    else:
        got = "none"
    return Outcome(state == p["equals"], f"{p['resource']} efficiency resource of {app.bundle_name}", p["equals"], got)


_EVALUATORS: dict[str, Callable[..., Outcome]] = {
    "event": _event, "remaining": _remaining, "quota": _quota, "app": _app, "transient": _transient,
    "continuous": _continuous, "efficiency": _efficiency,
}

