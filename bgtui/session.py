"""What the dashboard runs on: one emulator, the scenario playing on it (if any), and the recorder.

No Textual here. The recorder captures the device as set up (the apps installed, the scenario's
[device] and [policy] applied) before any action, so every action the dashboard takes is in it
(bgtui.ops performs them all through it). With a scenario it is made at once (the scenario's
steps change the device as time passes); without one, nothing but an action can change what it
captures, so it is made at the first action, which keeps emulator.scenario out of the start-up.

    session = Session.of_scenario(load("demo:upload-timeout"))   # steps scheduled on the emulator's clock
    session.emu.advance(60_000)                                  # ... the dashboard's clock does this
    for failure in session.new_failures(): ...                   # failed expectations, once each
    session.trace.since(0)                                       # its calls, actions, callbacks and checks
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bgtui.scenario_trace import ScenarioTrace
from bgtui.timeline.model import Timeline

if TYPE_CHECKING:
    from emulator import Emulator
    from emulator.scenario.model import Scenario
    from emulator.scenario.record import SessionRecorder
    from emulator.scenario.runner import Failure, ScenarioRun

__all__ = ["Session", "describe_failure"]


class Session:
    def __init__(self, emu: Emulator, run: ScenarioRun | None = None, trace: ScenarioTrace | None = None) -> None:
        self.emu = emu
        self.run = run
        """The scenario playing on `emu`, started; None on a device that plays nothing."""
        self.trace = trace if trace is not None else ScenarioTrace(None, emu)
        """The scenario's own entries, for the event log (empty when nothing plays)."""
        self._recorder: SessionRecorder | None = None
        self._reported = 0
        self.timeline = Timeline.attach(emu)
        """Every lifecycle as intervals, from the engine's events as they come (bgtui.timeline)."""
        self.sources: tuple[object, ...] = ()
        """For a replay: the parsed scenarios and steps it plays, read only (its copies share them)."""
        if run is not None:
            self._recorder = self.recorder  # now: the scenario's steps will change the device

    @property
    def recorder(self) -> SessionRecorder:
        """Every action taken on `emu`, with its virtual time."""
        if self._recorder is None:
            from emulator.scenario.record import SessionRecorder

            self._recorder = SessionRecorder(self.emu)
        return self._recorder

    def adopt_recorder(self, recorder: SessionRecorder) -> None:
        """Record on `recorder` from now on (a replayed session keeps the recording it was replayed from)."""
        self._recorder = recorder

    @classmethod
    def of_scenario(cls, scenario: Scenario) -> Session:
        """A fresh device at 0 ms set up as `scenario` says, its steps due on the device's own clock.

        ScenarioError when this build's kit lacks a function the scenario calls.
        """
        from emulator import Emulator
        from emulator.scenario.runner import ScenarioRun

        emu = Emulator()
        trace = ScenarioTrace(scenario, emu)
        run = ScenarioRun(scenario, trace.hear, emulator=emu)
        run.start()
        return cls(emu, run, trace)

    @property
    def scenario(self) -> Scenario | None:
        return self.run.scenario if self.run is not None else None

    @property
    def name(self) -> str | None:
        return self.run.scenario.name if self.run is not None else None

    @property
    def failures(self) -> int:
        return len(self.run.failures) if self.run is not None else 0

    @property
    def ended(self) -> bool:
        """Every step of the scenario is behind the clock."""
        return self.run is not None and self.emu.now_ms >= self.run.end_ms

    def new_failures(self) -> list[Failure]:
        """The failed expectations and steps that could not run since the last call."""
        if self.run is None or len(self.run.failures) == self._reported:
            return []
        new = self.run.failures[self._reported:]
        self._reported = len(self.run.failures)
        return new


def describe_failure(failure: Failure, file: str) -> str:
    """A toast's text: where, when, expected and got."""
    from emulator.scenario.timefmt import format_clock

    step = failure.step
    return (f"{failure.what} at {format_clock(failure.time_ms)} ({file}:{step.line}, {step.label})\n"
            f"expected: {failure.expected}\ngot: {failure.got}")
