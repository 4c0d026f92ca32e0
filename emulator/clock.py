"""The virtual monotonic clock: integer milliseconds and a heap of timers.

Nothing in the engine reads the wall clock. Time moves only through `advance`/`advance_to`,
which fire every due timer in time order (ties in the order they were scheduled), setting
`now_ms` to each timer's due time before calling it, so a callback sees the time it was due.
"""

from __future__ import annotations

import heapq
import itertools
from typing import Callable

__all__ = ["VirtualClock", "Timer"]


class Timer:
    """A scheduled callback. Cancel it with `Timer.cancel()` or `VirtualClock.cancel(timer)`."""

    __slots__ = ("due_ms", "callback", "label")

    def __init__(self, due_ms: int, callback: Callable[[], None] | None, label: str) -> None:
        self.due_ms = due_ms
        self.callback = callback  # None once cancelled or fired
        self.label = label

    @property
    def pending(self) -> bool:
        return self.callback is not None

    def cancel(self) -> None:
        # Lazy deletion: the heap entry stays and is skipped when it comes up.
        self.callback = None

    def __repr__(self) -> str:
        state = "pending" if self.pending else "done"
        return f"Timer({self.label!r} at {self.due_ms} ms, {state})"


class VirtualClock:
    def __init__(self, start_ms: int = 0) -> None:
        self._now = int(start_ms)
        self._heap: list[tuple[int, int, Timer]] = []
        self._seq = itertools.count()
        self._settle_hooks: list[Callable[[], None]] = []

    def add_settle_hook(self, hook: Callable[[], None]) -> None:
        """Call `hook()` at the end of every advance, after the due timers fired (e.g. to write coalesced state)."""
        self._settle_hooks.append(hook)

    @property
    def now_ms(self) -> int:
        return self._now

    def call_at(self, due_ms: int, callback: Callable[[], None], label: str = "") -> Timer:
        """Schedule `callback` at virtual time `due_ms` (a time in the past fires on the next advance)."""
        timer = Timer(max(int(due_ms), self._now), callback, label)
        heapq.heappush(self._heap, (timer.due_ms, next(self._seq), timer))
        return timer

    def call_later(self, delay_ms: int, callback: Callable[[], None], label: str = "") -> Timer:
        return self.call_at(self._now + max(0, int(delay_ms)), callback, label)

    @staticmethod
    def cancel(timer: Timer | None) -> None:
        if timer is not None:
            timer.cancel()

    def next_due_ms(self) -> int | None:
        """The due time of the earliest pending timer, or None when nothing is scheduled."""
        heap = self._heap
        while heap and heap[0][2].callback is None:
            heapq.heappop(heap)
        return heap[0][0] if heap else None

    def pending_count(self) -> int:
        return sum(1 for _, _, t in self._heap if t.callback is not None)

    def advance(self, ms: int) -> int:
        """Move time forward by `ms` (>= 0), firing due timers. Returns how many fired."""
        if ms < 0:
            raise ValueError(f"time only moves forward: advance({ms}) is negative")
        return self.advance_to(self._now + ms)

    def advance_to(self, target_ms: int) -> int:
        if target_ms < self._now:
            raise ValueError(f"time only moves forward: {target_ms} ms is before now ({self._now} ms)")
        heap = self._heap
        pop = heapq.heappop
        fired = 0
        while heap and heap[0][0] <= target_ms:
            due, _, timer = pop(heap)
            callback = timer.callback
            if callback is None:
                continue
            timer.callback = None
            self._now = due
            callback()
            fired += 1
        self._now = target_ms
        for hook in self._settle_hooks:
            hook()
        return fired

    def step(self) -> int | None:
        """Advance to the next pending timer and fire everything due then. Returns the new time."""
        due = self.next_due_ms()
        if due is not None:
            self.advance_to(due)
        return due
