"""Rewind: the whole dashboard at a past moment, and the timeline panel's view (zoom, cursor, lanes).

While the time cursor is in the past the app runs on a replay of the session up to that moment
(bgtui.replay), the live session waits with its clock paused, and the world gate refuses every key
that would change the world. `back_to_now` puts the live session back exactly as it was;
`resume_here` makes the replay the live session and drops the recorded actions after it.
No Textual import: it drives the app through BgtuiApp.load_session.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bgtui.timeline.grid import ZOOMS, _clock

from bgtui.clock_driver import ClockDriver

if TYPE_CHECKING:
    from bgtui.app import BgtuiApp
    from textual.timer import Timer

    from bgtui.checkpoints import Checkpoints
    from bgtui.session import Session
    from bgtui.timeline.model import Timeline

__all__ = ["Rewind", "GATE_HOLDER"]

GATE_HOLDER = "rewind"
BUILD_SLICE_S = 0.02  # idle work at a time: about one world copy
BUILD_PAUSE_S = 0.05  # between slices, so keys and frames come first
IDLE_S = 0.4  # the cursor at rest this long: the user is looking, the dashboard can build
MODES = ("hidden", "shared", "full")


class Rewind:
    def __init__(self, app: BgtuiApp) -> None:
        self.app = app
        self.live: Session | None = None  # the live session while the dashboard shows the past
        self._live_driver: ClockDriver | None = None
        self._live_was_running = False
        # the timeline panel's view; it lives here so that a recomposed screen keeps it
        self.mode = "hidden"
        self.zoom = ZOOMS.index(1_000)
        self.start_ms: int | None = None  # the window's left edge; None: follow now at the right edge
        self.lane = 0  # the selected lane's index
        self.settling = False
        self.points: Checkpoints | None = None  # the live session's past, copied while idle (bgtui.checkpoints)
        self._build_timer: Timer | None = None

    # -- what the panel reads ------------------------------------------------------------------
    @property
    def active(self) -> bool:
        return self.live is not None

    @property
    def session(self) -> Session:
        """The live session (the one the timeline draws), rewound or not."""
        return self.live if self.live is not None else self.app.session

    @property
    def timeline(self) -> Timeline:
        return self.session.timeline

    @property
    def now_ms(self) -> int:
        return self.session.emu.now_ms

    @property
    def at_ms(self) -> int | None:
        """The moment shown (the replay's clock: time keys move it too), None when live."""
        return self.app.session.emu.now_ms if self.live is not None else None

    @property
    def scale_ms(self) -> int:
        return ZOOMS[self.zoom]

    @property
    def cursor_ms(self) -> int:
        return self.now_ms if self.at_ms is None else self.at_ms

    def banner(self) -> str:
        """What the dashboard says while it shows the past."""
        from bgtui.replay import later_steps

        assert self.at_ms is not None
        later = later_steps(self.session, self.at_ms)
        return (f"REWOUND to {_clock(self.at_ms)} (now is {_clock(self.now_ms)}): this is the past, "
                f"replayed; keys that change the world are refused. shift+end: back to now · ctrl+g: resume from "
                f"here ({later} later action(s) dropped)")

    # -- moving in time --------------------------------------------------------------------------
    async def show(self, at_ms: int) -> str | None:
        """Show the dashboard at `at_ms` (at or after now: live again). None, or why it cannot."""
        from bgtui.replay import ReplayError, replay_session

        at_ms = max(0, at_ms)
        if at_ms >= self.now_ms:
            await self.back_to_now()
            return None
        if at_ms == self.at_ms:
            return None
        if self.at_ms is not None and at_ms > self.at_ms:  # forward: the replay plays on, as a tick would
            self.app.emu.advance_to(at_ms)
            self._lock(at_ms)
            self.app.publish()
            return None
        live = self.session
        past = self._from_checkpoint(live, at_ms)
        if past is None:
            try:
                past = replay_session(live, at_ms)
            except (ReplayError, ValueError) as exc:
                return str(exc)
        app = self.app
        if self.live is None:
            self.live, self._live_driver = live, app.driver
            self._live_was_running = app.driver.running
            app.driver.pause()
        self._lock(at_ms)
        self._swap(past, ClockDriver(past.emu, running=False, speed=app.driver.speed))
        self._build_later()
        return None

    # -- checkpoints: moving back replays from the nearest one -----------------------------------
    def _from_checkpoint(self, live: Session, at_ms: int) -> Session | None:
        from bgtui.checkpoints import Checkpoints

        if self.points is None or not self.points.matches(live):
            self.points = Checkpoints(live)
            return None
        past = self.points.take(at_ms)
        if past is not None:
            past.emu.advance_to(at_ms)
        return past

    def _build_later(self, pause_s: float = IDLE_S) -> None:
        """Build checkpoints once the cursor has rested for `pause_s`, a slice at a time, so that a key
        held down is never kept waiting by them (it waits at most one slice)."""
        if self._build_timer is not None:
            self._build_timer.stop()
        self._build_timer = self.app.set_timer(pause_s, self._build_some)

    def _build_some(self) -> None:
        self._build_timer = None
        points = self.points
        if self.live is None or points is None or not points.matches(self.live):
            return
        if points.build(BUILD_SLICE_S):
            self._build_later(BUILD_PAUSE_S)

    def _swap(self, session: Session, driver: ClockDriver) -> None:
        """Show `session` on the same panels: they all read the snapshot, and the log starts over
        (much quicker than fresh panels; the key-to-frame budget is 250 ms)."""
        from bgtui.widgets.event_log import EventLog

        app = self.app
        app.session, app.driver = session, driver
        self.settling = True  # the log's own highlights while it refills are not the user's choice
        for log in app.main_screen.query(EventLog):
            log.start_over()
        app.publish()
        app.call_after_refresh(self._settled)

    def _settled(self) -> None:
        self.settling = False

    def _lock(self, at_ms: int) -> None:
        self.app.gate.lock(GATE_HOLDER, f"Rewound to {_clock(at_ms)}: the dashboard shows the past. "
                                        "shift+end returns to now; ctrl+g resumes from here")

    async def back_to_now(self) -> None:
        if self.live is None:
            return
        live, driver = self.live, self._live_driver
        self.live = self._live_driver = None
        self.app.gate.unlock(GATE_HOLDER)
        assert driver is not None
        self._swap(live, driver)
        if self._live_was_running:
            driver.resume()

    async def resume_here(self) -> int:
        """Continue from the moment shown: the replay, without the later actions, becomes the live
        session. Returns how many recorded actions were dropped."""
        from bgtui.replay import later_steps, replay_session

        assert self.live is not None and self.at_ms is not None
        live, at_ms = self.live, self.at_ms
        dropped = later_steps(live, at_ms)
        fork = replay_session(live, at_ms, keep_later=False)
        self.live = self._live_driver = None
        self.points = None  # they were the old session's
        self.app.gate.unlock(GATE_HOLDER)
        await self.app.load_session(fork, running=self._live_was_running)
        return dropped
