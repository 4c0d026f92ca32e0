"""A playing scenario's own entries (its calls, actions, callbacks and checks), kept for the event log.

The scenario runner reports them to its sink next to the engine's events; they are kept here,
each marked with the engine event it came after, so the dashboard's log can show both streams in
the order they happened. No Textual here.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from itertools import islice
from typing import TYPE_CHECKING, Any, Mapping

if TYPE_CHECKING:
    from emulator import Emulator
    from emulator.scenario.model import Scenario

__all__ = ["ScenarioLine", "ScenarioTrace"]


@dataclass(frozen=True, slots=True)
class ScenarioLine:
    """One entry of the playing scenario's trace: a call and its outcome, an action, a callback, a check."""

    n: int
    """Its number among the scenario's entries, from 0."""
    after_seq: int
    """The engine events emitted before it (it comes after event `after_seq`, before the next)."""
    time_ms: int
    kind: str
    """scenario.call, scenario.do, scenario.callback, scenario.expect or scenario.error."""
    reason: str
    app: str | None
    line: int | None
    """The step's line in the scenario file."""
    label: str | None
    """The step as the file names it ("steps[3]")."""
    data: Mapping[str, Any] = field(default_factory=dict)

    @property
    def key(self) -> tuple[str, int]:
        """Its row key in the event log (engine events use their seq)."""
        return ("scenario", self.n)

    @property
    def is_refusal(self) -> bool:
        """A failed expectation, or a step that could not run."""
        return self.kind == "scenario.error" or (self.kind == "scenario.expect" and not self.data.get("ok"))


class ScenarioTrace:
    """The last entries of `scenario` playing on `emu` (as many as the engine's log keeps)."""

    def __init__(self, scenario: Scenario | None, emu: Emulator) -> None:
        self._scenario = scenario
        self._emu = emu
        self._lines: deque[ScenarioLine] = deque(maxlen=emu.events.capacity)
        self.total = 0
        """How many entries were ever made."""

    def hear(self, entry: Any) -> None:
        """The runner's sink: engine events (their seq set) are in the engine's log already; keep the rest."""
        if entry.seq is not None:
            return
        step = None
        if entry.step is not None and self._scenario is not None:
            step = self._scenario.steps[entry.step - 1]  # Step.index counts from 1
        self._lines.append(ScenarioLine(self.total, self._emu.events.total, entry.time_ms, entry.kind, entry.reason,
                                        entry.app, step.line if step else None, step.label if step else None,
                                        dict(entry.data)))
        self.total += 1

    def since(self, n: int) -> list[ScenarioLine]:
        """The entries numbered `n` and later that are still kept."""
        first = self.total - len(self._lines)
        return list(islice(self._lines, max(0, n - first), None))

    def line(self, n: int) -> ScenarioLine | None:
        """Entry number `n`, if still kept."""
        index = n - (self.total - len(self._lines))
        return self._lines[index] if 0 <= index < len(self._lines) else None
