"""The timeline panel's keys: show it, zoom, pan, move the time cursor (rewind), back to now, resume."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import work

from bgtui.actions.base import ActionsBase
from bgtui.timeline.grid import ZOOMS

if TYPE_CHECKING:
    from bgtui.rewind import Rewind
    from bgtui.widgets.timeline import TimelinePanel

__all__ = ["TimelineActions"]

REWIND_DEBOUNCE_S = 0.3  # a log entry's time is shown once the cursor rests there


class TimelineActions(ActionsBase):
    @property
    def view(self) -> Rewind:
        return self.app.rewind

    def _panel(self) -> TimelinePanel:
        from bgtui.widgets.timeline import TimelinePanel

        return self.query_one(TimelinePanel)  # type: ignore[attr-defined]

    def apply_timeline_mode(self) -> None:
        """Show the panel as the view says: hidden, sharing the screen, or on the whole screen."""
        mode = self.view.mode
        self.set_class(mode != "hidden", "-timeline")  # type: ignore[attr-defined]
        self.set_class(mode == "full", "-timeline-full")  # type: ignore[attr-defined]
        panel = self._panel()
        panel.display = mode != "hidden"
        if mode != "hidden":
            panel.refresh()
        self.call_after_refresh(self._fit)  # type: ignore[attr-defined]  # the tables' room changed

    def action_toggle_timeline(self) -> None:
        view = self.view
        view.mode = {"hidden": "shared", "shared": "full", "full": "hidden"}[view.mode]
        if view.mode == "shared":
            self._panel().fit()
        self.apply_timeline_mode()
        if view.mode != "hidden":
            self._panel().focus()
        elif self.focused is None or not self.focused.display:  # type: ignore[attr-defined]
            self.action_focus_panel(1)  # type: ignore[attr-defined]

    def _show_panel(self) -> None:
        if self.view.mode == "hidden":
            self.view.mode = "shared"
            self._panel().fit()
            self.apply_timeline_mode()

    def action_timeline_zoom_in(self) -> None:
        self.action_timeline_zoom(-1)

    def action_timeline_zoom_out(self) -> None:
        self.action_timeline_zoom(1)

    def action_timeline_pan_back(self) -> None:
        self.action_timeline_pan(-1)

    def action_timeline_pan_forward(self) -> None:
        self.action_timeline_pan(1)

    async def action_timeline_back(self) -> None:
        await self.action_timeline_cursor(-1)

    async def action_timeline_forward(self) -> None:
        await self.action_timeline_cursor(1)

    # -- zoom and pan ----------------------------------------------------------------------------
    def action_timeline_zoom(self, delta: int) -> None:
        view = self.view
        self._show_panel()
        panel = self._panel()
        old = view.scale_ms
        start = panel.window_start()
        view.zoom = max(0, min(len(ZOOMS) - 1, view.zoom + delta))
        if view.start_ms is not None:  # keep the cursor where it is on the screen
            offset = (view.cursor_ms - start) // old
            view.start_ms = max(0, (view.cursor_ms // view.scale_ms - offset) * view.scale_ms)
        panel.refresh()

    def action_timeline_pan(self, direction: int) -> None:
        view = self.view
        self._show_panel()
        panel = self._panel()
        step = panel.cells // 2 * view.scale_ms
        start = max(0, panel.window_start() + direction * step)
        view.start_ms = None if start + panel.cells * view.scale_ms > view.now_ms else start
        panel.refresh()

    # -- the time cursor: rewind -------------------------------------------------------------------
    async def action_timeline_cursor(self, cells: int) -> None:
        view = self.view
        self._show_panel()
        scale = view.scale_ms
        base = view.cursor_ms if view.at_ms is not None else view.now_ms // scale * scale + (
            scale if cells < 0 and view.now_ms % scale else 0)
        await self.rewind_to(base + cells * scale)

    async def action_timeline_now(self) -> None:
        self.view.start_ms = None
        await self.rewind_to(self.view.now_ms)

    async def rewind_to(self, at_ms: int) -> None:
        """Show the dashboard at `at_ms` (now or later: live), keeping the focus where it was."""
        target = self.focus_target  # type: ignore[attr-defined]
        focused = target.id if target is not None else None
        problem = await self.view.show(at_ms)
        if problem is not None:
            self.tell(problem, "Rewind", "warning")
            return
        self.apply_timeline_mode()
        if focused is not None:
            for widget in self.query(f"#{focused}"):  # type: ignore[attr-defined]
                widget.focus()
        self._panel().refresh()

    def action_resume_here(self) -> None:
        from emulator.scenario.timefmt import format_clock

        from bgtui.replay import later_steps
        from bgtui.screens.resume_form import ResumeForm

        from bgtui.presenter import PRESENTER, PRESENTER_MESSAGE

        view = self.view
        if self.app.gate.held_by(PRESENTER):  # resuming changes the world: presenter mode never does
            self.tell(PRESENTER_MESSAGE, "Refused", "warning")
            return
        if not view.active or view.at_ms is None:
            self.tell("The dashboard shows now: move the time cursor into the past first (shift+←)", "Resume from here",
                      "warning")
            return
        dropped = later_steps(view.session, view.at_ms)

        async def done(ok: bool | None) -> None:
            if ok:
                at = view.at_ms
                dropped_now = await view.resume_here()
                self.apply_timeline_mode()
                self.tell(f"Live again from {format_clock(at or 0)}; {dropped_now} later action(s) dropped from "
                          "the recorded session", "Resumed from here")

        self.app.push_screen(ResumeForm(format_clock(view.at_ms), dropped, format_clock(view.now_ms)), done)

    # -- a log entry puts the cursor at its time -----------------------------------------------------
    def on_snapshot_table_highlighted(self, message) -> None:  # noqa: ANN001 - SnapshotTable.Highlighted
        table = message.table
        if (self.view.mode == "hidden" or self.view.settling or table.KIND != "event" or not table.has_focus
                or message.key is None):
            return
        time_ms = getattr(table.view(message.key), "time_ms", None)
        if time_ms is not None:
            self._log_time = time_ms
            self._debounced_rewind()

    @work(exclusive=True, group="timeline-log", exit_on_error=False)
    async def _debounced_rewind(self) -> None:
        import asyncio

        await asyncio.sleep(REWIND_DEBOUNCE_S)  # real time, in the UI only: the world's clock is not involved
        at = self._log_time
        if at != self.view.cursor_ms:
            await self.rewind_to(at)
