"""The one clock of the dashboard: virtual time follows real time × speed while running.

The app calls `tick()` from a single `set_interval` (~10 Hz). Each tick advances the engine by
the real time elapsed since the last tick times the speed (carrying the fraction of a
millisecond), then takes ONE snapshot that every widget renders. Countdowns are read from the
snapshot; nothing in a widget counts time itself.
"""

from __future__ import annotations

import time
from typing import Callable

from emulator import Emulator
from emulator.snapshot import Snapshot

__all__ = ["ClockDriver", "SPEEDS", "TICK_SECONDS", "FAST_SPEED", "FAST_TICK_EVERY"]

SPEEDS: tuple[float, ...] = (0.5, 1.0, 2.0, 5.0, 10.0, 20.0, 50.0, 100.0)
TICK_SECONDS = 0.1  # 10 Hz: a countdown to a tenth of a second redraws at every tenth
# Above x10 a tick moves more than a virtual second, so no tenth is shown anyway: the dashboard
# redraws at every second tick (5 Hz, still above the 4 redraws a second a countdown needs to look
# alive), which halves the drawing at x100 with 50 busy apps (tests/benchmarks/bench_busy.py).
FAST_SPEED = 10.0
FAST_TICK_EVERY = 2


class ClockDriver:
    def __init__(self, emu: Emulator, *, running: bool = True, speed: float = 1.0,
                 monotonic: Callable[[], float] = time.monotonic) -> None:
        if not 0 < speed <= 1000:
            raise ValueError(f"speed must be above 0 and at most 1000, not {speed!r}")
        self.emu = emu
        self._monotonic = monotonic
        self._running = running
        self._speed = float(speed)
        self._last = monotonic()
        self._carry = 0.0  # virtual ms not yet applied (fractions of a millisecond)
        self._held: str | None = None  # why time stands still regardless of running (a modal is open)

    # -- state -------------------------------------------------------------------------------
    @property
    def running(self) -> bool:
        return self._running

    @property
    def speed(self) -> float:
        return self._speed

    @speed.setter
    def speed(self, value: float) -> None:
        if not 0 < value <= 1000:
            raise ValueError(f"speed must be above 0 and at most 1000, not {value!r}")
        self.catch_up()  # time so far ran at the old speed
        self._speed = float(value)

    def faster(self) -> float:
        self.speed = next((s for s in SPEEDS if s > self._speed), SPEEDS[-1])
        return self._speed

    def slower(self) -> float:
        self.speed = next((s for s in reversed(SPEEDS) if s < self._speed), SPEEDS[0])
        return self._speed

    def pause(self) -> None:
        if self._running:
            self.catch_up()
            self._running = False
            self._carry = 0.0

    def resume(self) -> None:
        if not self._running:
            self._last = self._monotonic()
            self._running = True

    @property
    def held(self) -> str | None:
        """Why virtual time stands still while the clock is otherwise as it was ('form open'), or None."""
        return self._held

    def hold(self, reason: str) -> None:
        """Stop virtual time now, keeping running and speed as they are (release() restores them)."""
        if self._held is None:
            self.catch_up()
            self._carry = 0.0
        self._held = reason

    def release(self) -> None:
        """Let time move again as before the hold; the real time spent held is not counted."""
        if self._held is not None:
            self._held = None
            self._last = self._monotonic()

    def toggle(self) -> bool:
        """Pause or resume; returns whether the clock now runs."""
        self.pause() if self._running else self.resume()
        return self._running

    # -- time ------------------------------------------------------------------------------
    def catch_up(self) -> None:
        """Advance the engine by the real time elapsed since the last call, times the speed."""
        now = self._monotonic()
        elapsed, self._last = now - self._last, now
        if not self._running or self._held is not None or elapsed <= 0:
            return
        virtual = elapsed * 1000.0 * self._speed + self._carry
        whole = int(virtual)
        self._carry = virtual - whole
        if whole:
            self.emu.advance(whole)

    def tick(self) -> Snapshot:
        """One tick of the dashboard: catch up, then the one snapshot everything renders."""
        self.catch_up()
        return self.emu.snapshot()

    def step(self) -> int | None:
        """Jump to the next pending timer and fire it; the new time, or None if nothing is pending."""
        self.catch_up()
        return self.emu.step()

    def skip(self, ms: int) -> None:
        self.catch_up()
        self.emu.advance(ms)

    def jump_to(self, time_ms: int) -> bool:
        """Advance to `time_ms` if it is in the future; False if it is not."""
        self.catch_up()
        if time_ms <= self.emu.now_ms:
            return False
        self.emu.advance_to(time_ms)
        return True
