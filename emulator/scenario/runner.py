"""Play a scenario on a fresh Emulator's virtual clock.

The run sets the device and policy, installs the apps at 0 ms, then fires each step on the
emulator's own clock (`clock.call_at`), so steps interleave exactly with the engine's timers.
Steps due at the same millisecond run in file order, after every engine timer due at that
millisecond: a step at T sees everything the engine does at T.

Everything the run does is reported to `sink`, in order: the engine's events and the run's own
entries (TraceEntry: each call and its outcome, each action, each callback, each check).
"""

from __future__ import annotations

import heapq
import json
from itertools import pairwise
from dataclasses import dataclass
from typing import Any, Callable

from emulator import Emulator
from emulator.events import Event, EventKind
from emulator.scenario import calls
from emulator.scenario.actions import ACTIONS
from emulator.scenario.expect import Outcome, Seen, evaluate
from emulator.scenario.kitnames import missing
from emulator.scenario.model import CALL, DO, Ref, Scenario, ScenarioError, Step, StepError
from emulator.scenario.refs import SPECIALS, RefError, field_of, refs_of, resolve, show
from emulator.scenario.timefmt import format_clock

__all__ = ["ScenarioRun", "TraceEntry", "Failure", "StepError", "run_scenario"]


class TraceEntry:
    """One entry of the run's own trace, shaped like an engine Event (without `seq`)."""

    __slots__ = ("time_ms", "kind", "reason", "app", "step", "data")
    subject = None
    seq = None

    def __init__(self, time_ms: int, kind: str, reason: str, app: str | None = None, step: int | None = None,
                 data: dict[str, Any] | None = None) -> None:
        self.time_ms, self.kind, self.reason, self.app, self.step = time_ms, kind, reason, app, step
        self.data = data if data is not None else {}

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"time_ms": self.time_ms, "kind": self.kind}
        if self.app is not None:
            out["app"] = self.app
        if self.step is not None:
            out["step"] = self.step
        out["reason"] = self.reason
        if self.data:
            out["data"] = self.data
        return out

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, separators=(",", ":"))

    def __repr__(self) -> str:
        return f"TraceEntry({self.time_ms}, {self.kind!r}, {self.reason!r})"


@dataclass(frozen=True, slots=True)
class Failure:
    time_ms: int
    step: Step
    what: str
    expected: str
    got: str

    def describe(self, file: str) -> str:
        return (f"FAILED at {format_clock(self.time_ms)}, {file}:{self.step.line} ({self.step.label}, "
                f"{self.what}):\n    expected: {self.expected}\n    got:      {self.got}")


class Shape:
    """What never changes between runs of a step: whether its args hold refs, and their rendering."""

    __slots__ = ("has_refs", "static_display", "shown", "args_plain")

    def __init__(self, step: Step) -> None:
        refs = refs_of(step.args)
        self.has_refs = bool(refs)
        # $callback, $context and $wantAgent render the same every time; saved values may not.
        self.static_display = all(r.name in SPECIALS for r in refs)
        self.shown: str | None = None
        self.args_plain: Any = None


class _Failed:
    """What save_as holds after its call failed."""

    __slots__ = ("step", "code", "time_ms")

    def __init__(self, step: Step, code: int, time_ms: int) -> None:
        self.step, self.code, self.time_ms = step, code, time_ms


Sink = Callable[[Any], None]


class ScenarioRun:
    def __init__(self, scenario: Scenario, sink: Sink | None = None, *, emulator: Emulator | None = None) -> None:
        self.scenario = scenario
        self.emu = emulator if emulator is not None else Emulator()
        self.sink = sink
        self.failures: list[Failure] = []
        self.checked = 0
        self.entries = 0  # engine events + trace entries reported
        self.saved: dict[str, Any] = {}
        self.subscribers: dict[str, Any] = {}  # "$subscriber" of each app (calls.state_subscriber)
        watched = {s.params["kind"] for s in scenario.steps if s.expect == "event"}
        self.seen = Seen(watched)
        # Engine events are looked up by their EventKind (an enum hashes by name), trace entries by str.
        engine_kinds = {k.value: k for k in EventKind}
        self._watched = {engine_kinds.get(k, k): v for k, v in self.seen.by_kind.items()}
        # Runs waiting: steps not yet started, in file order (their first runs are in time order, as the
        # loader checks), and a heap of the next run of each repeating step. One entry per repeating
        # step, not one per step: a 200,000-step file does not hold 200,000 queue entries.
        self._order = scenario.steps
        self._next_step = 0
        self._base = 0
        self._queue: list[tuple[int, int, int, Step]] = []
        self._shapes: dict[int, Shape] = {}
        self.started = False

    # -- lifecycle ---------------------------------------------------------------------------------
    def check_kit(self) -> None:
        """ScenarioError when a step calls a documented function this build's kit does not have yet."""
        absent = missing(self.scenario.functions())
        if not absent:
            return
        step = next(s for s in self.scenario.steps if set(s.functions()) & set(absent))
        fn = next(f for f in step.functions() if f in absent)
        raise ScenarioError(self.scenario.file, step.line, step.label,
                            f"backgroundTaskManager.{fn} is documented but not in this build's kit yet "
                            f"(missing: {', '.join(absent)})")

    def start(self) -> None:
        """Check the kit, set up the device and apps at the current time, and schedule every step."""
        if self.started:
            return
        self.check_kit()
        self.started = True
        self.emu.events.subscribe(self._make_listener())
        for key, value in self.scenario.device.items():
            ACTIONS[f"device.{key}"].run(self.emu, None, value)
        for key, value in self.scenario.policy.items():
            ACTIONS[f"policy.{key}"].run(self.emu, None, value)
        for spec in self.scenario.apps:
            self.emu.install_app(spec.bundle_name, system_app=spec.system_app, atomic_service=spec.atomic_service,
                                 permissions=spec.permissions, background_modes=spec.background_modes,
                                 running_resources_apply=spec.running_resources_apply, label=spec.label,
                                 abilities=spec.install_abilities())
        base = self._base = self.emu.now_ms
        steps = self.scenario.steps
        if any(a.at_ms > b.at_ms for a, b in pairwise(steps)):  # a Scenario built by code may be unsorted
            self._order = sorted(steps, key=lambda s: (s.at_ms, s.index))
        first = self._peek()
        if first is not None:
            self._drive_at(first[0])
        self._end_ms = base + self.scenario.end_ms

    def run(self, until_ms: int | None = None) -> bool:
        """Start if needed and run to the scenario's end (or `until_ms`); True when nothing failed."""
        self.start()
        self.emu.advance_to(max(self.emu.now_ms, self._end_ms if until_ms is None else until_ms))
        return self.ok

    @property
    def end_ms(self) -> int:
        return self._end_ms if self.started else self.scenario.end_ms

    @property
    def ok(self) -> bool:
        return not self.failures

    # -- reporting ---------------------------------------------------------------------------------
    def _make_listener(self) -> Callable[[Event], None]:
        sink, watched = self.sink, self._watched

        def listener(event: Event) -> None:
            self.entries += 1
            if sink is not None:
                sink(event)
            if watched:
                bucket = watched.get(event.kind)
                if bucket is not None:
                    bucket.append((event.time_ms, event.app, event.subject, event.reason))
        return listener

    def trace(self, kind: str, reason: str, app: str | None = None, step: Step | None = None,
              data: dict[str, Any] | None = None) -> None:
        entry = TraceEntry(self.emu.clock.now_ms, kind, reason, app, step.index if step else None, data)
        self.entries += 1
        if self.sink is not None:
            self.sink(entry)
        bucket = self._watched.get(kind)
        if bucket is not None:
            bucket.append((entry.time_ms, app, None, reason))

    def record(self, step: Step, outcome: Outcome, app: str | None) -> None:
        self.checked += 1
        if outcome.ok:
            self.trace("scenario.expect", f"ok: {outcome.what}: {outcome.got}", app, step, {"ok": True})
            return
        self.failures.append(Failure(self.emu.now_ms, step, outcome.what, outcome.expected, outcome.got))
        self.trace("scenario.expect", f"FAILED: {outcome.what}: expected {outcome.expected}, got {outcome.got}",
                   app, step, {"ok": False, "expected": outcome.expected, "got": outcome.got})

    # -- scheduling --------------------------------------------------------------------------------
    def _drive_at(self, t: int) -> None:
        self.emu.clock.call_at(t, lambda: self._drive(t), "scenario steps")

    def _drive(self, t: int) -> None:
        """Run the steps due at `t`, after every engine timer due at `t` (re-queued behind them)."""
        clock, queue = self.emu.clock, self._queue
        due_next = clock.next_due_ms()
        if due_next is not None and due_next <= t:
            self._drive_at(t)
            return
        while True:
            head = self._peek()
            if head is None or head[0] > t:
                break
            if queue and queue[0] is head:
                heapq.heappop(queue)
            else:
                self._next_step += 1
            due, _, n, step = head
            self._run_step(step)
            if n + 1 < step.times:
                heapq.heappush(queue, (due + step.every_ms, step.index, n + 1, step))  # type: ignore[operator]
        if head is not None:
            self._drive_at(head[0])

    def _peek(self) -> tuple[int, int, int, Step] | None:
        """The earliest waiting run: the heap's, or the next step's first run, whichever comes first."""
        steps, queue = self._order, self._queue
        if self._next_step < len(steps):
            step = steps[self._next_step]
            fresh = (self._base + step.at_ms, step.index, 0, step)
            if not queue or fresh < queue[0]:
                return fresh
        return queue[0] if queue else None

    def _run_step(self, step: Step) -> None:
        try:
            if step.kind == CALL:
                calls.run_call(self, step)
            elif step.kind == DO:
                self._do(step)
            else:
                self._expect(step)
        except StepError as exc:
            self.failures.append(Failure(self.emu.now_ms, step, step.what, "the step to run", str(exc)))
            self.trace("scenario.error", f"{step.label} could not run: {exc}", step.app, step)

    # -- values ------------------------------------------------------------------------------------
    def shape(self, step: Step) -> Shape:
        if step.times == 1:
            return Shape(step)  # nothing to reuse: a cache of every one-off step grew 22 MB on 200,000 steps
        shape = self._shapes.get(step.index)
        if shape is None:
            shape = self._shapes[step.index] = Shape(step)
        return shape

    def saved_value(self, ref: Ref) -> Any:
        if ref.name not in self.saved:
            raise StepError(f"{ref}: nothing is saved as {ref.name!r} yet")
        value = self.saved[ref.name]
        if isinstance(value, _Failed):
            raise StepError(f"{ref}: {value.step.label} (line {value.step.line}) saves {ref.name!r}, but its call "
                            f"failed with {value.code} at {format_clock(value.time_ms)}")
        try:
            return field_of(value, ref)
        except RefError as exc:
            raise StepError(str(exc)) from None

    def save_failure(self, step: Step, code: int) -> None:
        assert step.save_as is not None
        self.saved[step.save_as] = _Failed(step, code, self.emu.now_ms)

    # -- do / expect -------------------------------------------------------------------------------
    def _do(self, step: Step) -> None:
        action = ACTIONS[step.action]  # type: ignore[index]
        shape = self.shape(step)
        args = step.args
        if shape.has_refs:
            args = resolve(step.args, self.saved_value)
            for i, raw in enumerate(step.args):
                if isinstance(raw, Ref):  # checked now that its value is known, as the loader checks a literal
                    try:
                        args[i] = action.check_arg(i, args[i])
                    except ValueError as exc:
                        raise StepError(f"{raw} = {show(args[i])}: {exc}") from None
            shown = ", ".join(map(show, args))
        else:
            shown = shape.shown
            if shown is None:
                shown = shape.shown = ", ".join(map(show, args))
        app = self.emu.app(step.app) if step.app else None
        self.trace("scenario.do", f"{action.name}({shown})", step.app, step,
                   {"action": action.name, "args": list(args)})
        try:
            action.run(self.emu, app, *args)
        except (ValueError, TypeError, KeyError, NotImplementedError) as exc:
            raise StepError(f"{action.name} failed: {exc}") from None

    def _expect(self, step: Step) -> None:
        params = {k: resolve(v, self.saved_value) for k, v in step.params.items()}
        app = self.emu.app(step.app) if step.app else None
        self.record(step, evaluate(self.emu, app, step.expect, params, self.seen), step.app)  # type: ignore[arg-type]


def run_scenario(scenario: Scenario, sink: Sink | None = None, until_ms: int | None = None) -> ScenarioRun:
    """Run `scenario` headless to its end (or `until_ms`) and return the finished run."""
    run = ScenarioRun(scenario, sink)
    run.run(until_ms)
    return run
