"""A past moment of a dashboard session, rebuilt by replaying it into a fresh emulator. No Textual here.

The engine is deterministic, so the scenario playing (if any) and every action the recorder holds,
replayed from the start on a new device, give the same world at any moment as the session had then.

    past = replay_session(app.session, 90_000)              # the world at 1:30, later actions still due
    fork = replay_session(app.session, 90_000, keep_later=False)   # resume from here: they are dropped
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from emulator import Emulator
from emulator.scenario import load_text
from emulator.scenario.runner import ScenarioRun

from bgtui.session import Session

if TYPE_CHECKING:
    from emulator.scenario.model import Scenario
    from emulator.scenario.record import SessionRecorder

__all__ = ["replay_session", "ReplayError", "later_steps"]


class ReplayError(Exception):
    """The moment cannot be rebuilt (it is before the recording began)."""


_cache: list[tuple[SessionRecorder, int, int, Scenario]] = []  # the last one parsed (it holds its recorder)


def _parsed(rec: SessionRecorder, end: int, keep_later: bool) -> Scenario:
    """The recording as a scenario, parsed once per recording and length (a rewound view moves the
    cursor many times over the same recording; the steps are only read, never changed)."""
    if not keep_later:
        return load_text(rec.to_toml("replay", end_ms=end), "replay.toml")
    if _cache and _cache[0][0] is rec and _cache[0][1:3] == (len(rec), end):
        return _cache[0][3]
    scenario = load_text(rec.to_toml("replay", end_ms=end), "replay.toml")
    _cache[:] = [(rec, len(rec), end, scenario)]
    return scenario


def _read_only(*scenarios: Scenario | None) -> tuple[object, ...]:
    """The parsed scenarios a replay plays and everything in their steps: never changed by a run."""
    out: list[object] = []
    for scenario in scenarios:
        if scenario is not None:
            out += [scenario, scenario.steps, *scenario.steps, *(step.args for step in scenario.steps),
                    *(step.params for step in scenario.steps)]
    return tuple(out)


def later_steps(session: Session, at_ms: int) -> int:
    """How many recorded actions come after `at_ms` (what resuming from there drops)."""
    return sum(1 for s in session.recorder.steps if s.at_ms > at_ms)


def replay_session(session: Session, at_ms: int, *, keep_later: bool = True) -> Session:
    """A new Session on a fresh emulator at `at_ms`: `session`'s scenario and recorded actions replayed.

    With `keep_later` the actions after `at_ms` stay scheduled (moving the replay's clock plays them);
    without, they are gone and the new session's recorder holds only those up to `at_ms`.
    """
    rec = session.recorder
    if at_ms < 0:
        raise ReplayError("a moment before 0:00 does not exist")
    last = max((s.at_ms for s in rec.steps), default=0)
    kept = rec if keep_later else rec.fork(rec.emu, at_ms)
    end = last if keep_later else at_ms  # the file's end: the replay's clock is moved by hand anyway
    recorded = _parsed(kept, end, keep_later)
    scenario = session.scenario
    if scenario is not None:
        past = Session.of_scenario(scenario)  # its own steps (and its trace in the log) as they played
        actions = ScenarioRun(replace(recorded, apps=[], device={}, policy={}), emulator=past.emu)
    else:
        past = Session(Emulator())
        actions = ScenarioRun(recorded, emulator=past.emu)
    actions.start()
    past.sources = _read_only(scenario, actions.scenario)
    past.emu.advance_to(at_ms)
    past.adopt_recorder(rec.fork(past.emu, at_ms if not keep_later else last))
    return past
