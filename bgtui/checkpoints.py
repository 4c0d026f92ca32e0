"""Checkpoints: copies of a session's replay at regular moments of its past, so that moving the time
cursor back replays from the nearest one instead of from 0:00. No Textual here.

They are built while the dashboard is idle (`build`, a slice at a time, called by the rewound view)
and belong to one recording: a new action (the recorder's length changes) or another session makes
them stale, and they start over. `take` hands out a copy of one (the rewound view plays it on; a copy costs
a fraction of a replay: 18 ms for the one-hour bench session, 150 ms for the 24-hour one), so a key
held down finds every checkpoint still there. At most KEEP of them exist; the spacing is a whole
number of minutes chosen so the session's length fits.

    points = Checkpoints(live)
    while points.build(0.02): ...                # idle slices
    past = points.take(90_000)                   # a world at or before 1:30, or None
"""

from __future__ import annotations

import bisect
import time
from typing import TYPE_CHECKING

from bgtui.world_copy import copy_world

if TYPE_CHECKING:
    from bgtui.session import Session

__all__ = ["Checkpoints", "KEEP", "MIN_SPACING_MS"]

KEEP = 48  # each is a whole world: 0.18 MB for the one-hour bench session, 1.1 MB for the 24-hour one
MIN_SPACING_MS = 60_000  # one minute: closer ones would save less than the copy costs
_SLICE_MS = 60_000  # how far the builder plays between looks at the budget


class Checkpoints:
    def __init__(self, live: Session) -> None:
        self.live = live
        self._length = len(live.recorder)
        end = live.emu.now_ms
        minutes = max(1, -(-end // (KEEP * 60_000)))  # ceil: the session in at most KEEP steps
        self.spacing_ms = max(MIN_SPACING_MS, minutes * 60_000)
        self.wanted = list(range(self.spacing_ms, end, self.spacing_ms))
        self._have: dict[int, Session] = {}
        self._builder: Session | None = None

    def matches(self, live: Session) -> bool:
        """Still about `live` as it is (the same session, no action since)."""
        return live is self.live and len(live.recorder) == self._length

    @property
    def ready(self) -> bool:
        """Every checkpoint is there (nothing left to build)."""
        return len(self._have) == len(self.wanted)

    def __len__(self) -> int:
        return len(self._have)

    def take(self, at_ms: int) -> Session | None:
        """A copy of the latest checkpoint at or before `at_ms` (the caller plays it on), or None."""
        times = [t for t in self._have if t <= at_ms]
        return self.copy(self._have[max(times)]) if times else None

    def build(self, budget_s: float) -> bool:
        """Build for about `budget_s` seconds; True while checkpoints are still missing."""
        from bgtui.replay import replay_session

        deadline = time.perf_counter() + budget_s
        while not self.ready:
            target = next(t for t in self.wanted if t not in self._have)
            builder = self._builder
            if builder is None or builder.emu.now_ms > target:  # start from the checkpoint before, or 0:00
                i = bisect.bisect_left(self.wanted, target)
                earlier = [t for t in self.wanted[:i] if t in self._have]
                builder = (self.copy(self._have[earlier[-1]]) if earlier
                           else replay_session(self.live, 0))
                self._builder = builder
            builder.emu.advance_to(min(target, builder.emu.now_ms + _SLICE_MS))
            if builder.emu.now_ms == target:
                self._have[target] = self.copy(builder)
            if time.perf_counter() >= deadline:
                break
        if self.ready:
            self._builder = None  # done: its memory back
        return not self.ready

    @staticmethod
    def copy(session: Session) -> Session:
        return copy_world(session, session.sources)
