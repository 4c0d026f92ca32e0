"""The virtual monotonic clock: integer milliseconds and a heap of timers.

Nothing in the engine reads the wall clock. Time moves only through `advance`/`advance_to`,
which fire every due timer in time order (ties in the order they were scheduled), setting
`now_ms` to each timer's due time before calling it, so a callback sees the time it was due.
"""

from __future__ import annotations

import heapq
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
        # Lazy deletion: the heap key stays and is skipped when it comes up.
        self.callback = None

    def __repr__(self) -> str:
        state = "pending" if self.pending else "done"
        return f"Timer({self.label!r} at {self.due_ms} ms, {state})"


# The heap holds plain ints, key = due << _SEQ_BITS | seq: one int comparison orders by time, then by
# scheduling order, which is several times cheaper than comparing tuples.
_SEQ_BITS = 40  # room for 10^12 timers before sequence numbers could collide with the next millisecond
_push, _pop = heapq.heappush, heapq.heappop


class VirtualClock:
    def __init__(self, start_ms: int = 0) -> None:
        self._now = int(start_ms)
        self._heap: list[int] = []
        self._timers: dict[int, Timer] = {}
        self._seq = 0
        self._settle_hooks: list[Callable[[], None]] = []

    def add_settle_hook(self, hook: Callable[[], None]) -> None:
        """Call `hook()` at the end of every advance, after the due timers fired (e.g. to write coalesced state)."""
        self._settle_hooks.append(hook)

    @property
    def now_ms(self) -> int:
        return self._now

    def call_at(self, due_ms: int, callback: Callable[[], None], label: str = "") -> Timer:
        """Schedule `callback` at virtual time `due_ms` (a time in the past fires on the next advance)."""
        now = self._now
        due = due_ms if due_ms > now else now
        seq = self._seq
        self._seq = seq + 1
        key = (due << _SEQ_BITS) | seq
        self._timers[key] = timer = Timer(due, callback, label)
        _push(self._heap, key)
        return timer

    def call_later(self, delay_ms: int, callback: Callable[[], None], label: str = "") -> Timer:
        return self.call_at(self._now + max(0, int(delay_ms)), callback, label)

    @staticmethod
    def cancel(timer: Timer | None) -> None:
        if timer is not None:
            timer.cancel()

    def next_due_ms(self) -> int | None:
        """The due time of the earliest pending timer, or None when nothing is scheduled."""
        heap, timers = self._heap, self._timers
        while heap and timers[heap[0]].callback is None:
            del timers[_pop(heap)]
        return heap[0] >> _SEQ_BITS if heap else None

    def advance(self, ms: int) -> int:
        """Move time forward by `ms` (>= 0), firing due timers. Returns how many fired."""
        if ms < 0:
            raise ValueError(f"time only moves forward: advance({ms}) is negative")
        return self.advance_to(self._now + ms)

    def advance_to(self, target_ms: int) -> int:
        if target_ms < self._now:
            raise ValueError(f"time only moves forward: {target_ms} ms is before now ({self._now} ms)")
        heap, pop_timer, pop = self._heap, self._timers.pop, _pop
        limit = ((target_ms + 1) << _SEQ_BITS)  # every key due at or before target_ms is below this
        fired = 0
        while heap and heap[0] < limit:
            timer = pop_timer(pop(heap))
            callback = timer.callback
            if callback is None:
                continue
            timer.callback = None
            self._now = timer.due_ms
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
