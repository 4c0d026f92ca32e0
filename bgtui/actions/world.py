"""Actions on apps and their tasks: lifecycle, transient, continuous, efficiency, system, user."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from emulator.snapshot import ContinuousTaskView, NotificationView, TransientTaskView

from bgtui import format as fmt
from bgtui import ops
from bgtui.actions.base import ActionsBase

if TYPE_CHECKING:
    from bgtui.screens.efficiency_form import EfficiencyRequest
    from bgtui.screens.modes_form import ModesRequest
    from bgtui.screens.transient_form import TransientRequest

__all__ = ["WorldActions"]

# The forms are imported when first opened: their widgets are not needed for the first frame.


class WorldActions(ActionsBase):
    # -- targets -----------------------------------------------------------------------------
    def transient_target(self) -> TransientTaskView | None:
        """The selected transient task, else the acting app's newest."""
        tasks = self.snap.transient_tasks
        key = self.selected("transient")
        chosen = next((t for t in tasks if t.request_id == key), None)
        if chosen is None:
            chosen = next((t for t in reversed(tasks) if t.bundle_name == self.acting_as), None)
        return chosen

    def continuous_target(self) -> ContinuousTaskView | None:
        tasks = self.snap.continuous_tasks
        key = self.selected("continuous")
        note = self.selected_notification()
        chosen = next((t for t in tasks if t.continuous_task_id == key
                       or (note is not None and t.continuous_task_id in note.task_ids)), None)
        if chosen is None:
            chosen = next((t for t in tasks if t.bundle_name == self.acting_as), None)
        return chosen

    def selected_notification(self) -> NotificationView | None:
        """The notification row selected: its key is (id, label), as two can share an id after a restart."""
        key = self.selected("notification")
        return next((n for n in self.snap.notifications if (n.notification_id, n.label) == key), None)

    def notification_target(self) -> NotificationView | None:
        notes = self.snap.notifications
        chosen = self.selected_notification()
        if chosen is None:
            task = self.continuous_target()
            if task is not None:
                chosen = next((n for n in notes if n.notification_id == task.notification_id
                               and task.continuous_task_id in n.task_ids), None)
        return chosen

    def _app_or_tell(self, what: str) -> Any:
        app = self.acting_app()
        if app is None:
            self.tell("Select an app first (any row of it).", what, "warning")
        return app

    def _kit_ready(self, app: Any, function: str) -> bool:
        """Say so before opening a form for a function this build's engine lacks (nothing changes: no redraw)."""
        try:
            ops.kit(app, function)
        except ops.NotEmulated as exc:
            self.tell(str(exc), function, "warning")
            return False
        return True

    # -- app lifecycle -------------------------------------------------------------------------
    # A key that would change nothing says why, and sends (and records) nothing.
    def action_app_foreground(self) -> None:
        if app := self._app_or_tell("Foreground"):
            if app.state.value == "foreground":
                return self.tell(f"{app.label} is already in the foreground: nothing changes.", "Foreground")
            self.attempt("Foreground", lambda: ops.app_foreground(self.rec, app))

    def action_app_background(self) -> None:
        if app := self._app_or_tell("Background"):
            if app.state.value != "foreground":
                why = "is not running" if app.state.value == "dead" else f"is already {app.state.value}"
                return self.tell(f"{app.label} {why}: only an app in the foreground can be sent to the background.",
                                 "Background")
            self.attempt("Background", lambda: ops.app_background(self.rec, app))

    def action_app_kill(self) -> None:
        if app := self._app_or_tell("Kill"):
            if app.state.value == "dead":
                return self.tell(f"{app.label} is not running: nothing to kill (f launches it).", "Kill")
            self.attempt("Kill", lambda: ops.app_kill(self.rec, app))

    def action_app_relaunch(self) -> None:
        if app := self._app_or_tell("Relaunch"):
            self.attempt("Relaunch", lambda: ops.app_relaunch(self.rec, app), lambda _: f"{app.label} relaunched with pid {app.pid}")

    # -- transient tasks -----------------------------------------------------------------------
    def action_request_transient(self) -> None:
        def done(form: TransientRequest | None) -> None:
            if form is None:
                return
            app = self.emu.app(form.bundle_name)
            self.attempt("requestSuspendDelay",
                         lambda: ops.request_transient(self.rec, app, form.reason, cancel_on_expiry=form.cancel_on_expiry),
                         lambda info: f"{app.label}: request {info.requestId} granted "
                                      f"{fmt.duration(info.actualDelayTime)}")
        from bgtui.screens.transient_form import TransientForm

        self.sync_selection()
        self.app.push_screen(TransientForm(self.snap, self.acting_as), done)

    def action_cancel_transient(self) -> None:
        task = self.transient_target()
        if task is None:
            who = self.label(self.acting_as or "")
            text = (f"{who} has no transient task to cancel." if self.snap.transient_tasks
                    else "No app has a transient task to cancel (t requests one).")
            self.tell(text, "cancelSuspendDelay", "warning")
            return
        app = self.emu.app(task.bundle_name)
        self.attempt("cancelSuspendDelay", lambda: ops.cancel_transient(self.rec, app, task.request_id),
                     lambda _: f"{app.label}: request {task.request_id} cancelled")

    # -- continuous tasks ----------------------------------------------------------------------
    def _modes_form(self, update: bool) -> None:
        function = "updateBackgroundRunning" if update else "startBackgroundRunning"
        app = self._app_or_tell(function)
        if app is None or not self._kit_ready(app, function):
            return
        task = self.continuous_target() if update else None
        if task is None or task.bundle_name != app.bundle_name:
            task = next((t for t in self.snap.continuous_tasks if t.bundle_name == app.bundle_name), None)
        current = task.modes if task is not None else ()
        ability = task.ability_name if task is not None and update else None

        def done(form: ModesRequest | None) -> None:
            if form is None:
                return
            target = self.emu.app(form.bundle_name)
            if update:
                self.attempt(function, lambda: ops.update_continuous(self.rec, target, form.modes, form.ability),
                             lambda _: f"{target.label}: modes now {', '.join(form.modes)}")
            else:
                self.attempt(function, lambda: ops.start_continuous(self.rec, target, form.modes, form.ability),
                             lambda note: f"{target.label}: continuous task {note.continuousTaskId} started, "
                                          f"notification {note.notificationId}")

        from bgtui.screens.modes_form import ModesForm

        self.app.push_screen(ModesForm(self.app_views(), app.bundle_name, update=update, current=current,
                                       task_keeping=self.snap.device.support_task_keeping, ability=ability), done)

    def action_start_continuous(self) -> None:
        self._modes_form(update=False)

    def action_update_continuous(self) -> None:
        self._modes_form(update=True)

    def action_stop_continuous(self) -> None:
        task = self.continuous_target()
        bundle = task.bundle_name if task is not None else self.acting_as
        if bundle is None:
            self.tell("Select an app first.", "stopBackgroundRunning", "warning")
            return
        app = self.emu.app(bundle)
        ability = task.ability_name if task is not None and len(app.abilities) > 1 else None
        self.attempt("stopBackgroundRunning", lambda: ops.stop_continuous(self.rec, app, ability),
                     lambda _: f"{app.label}: continuous task stopped")

    # -- efficiency resources ------------------------------------------------------------------
    def _efficiency_form(self, apply: bool) -> None:
        app = self._app_or_tell("applyEfficiencyResources")
        if app is None or not self._kit_ready(app, "applyEfficiencyResources"):
            return
        held = tuple(dict.fromkeys(g.type_name for g in self.snap.efficiency_grants
                                   if g.bundle_name == app.bundle_name))

        def done(form: EfficiencyRequest | None) -> None:
            if form is None:
                return
            target = self.emu.app(form.bundle_name)
            verb = "applied" if form.apply else "released"
            self.attempt("applyEfficiencyResources",
                         lambda: ops.apply_efficiency(self.rec, target, form.types, time_out_ms=form.time_out_ms,
                                                      reason=form.reason, persist=form.persist,
                                                      process=form.process, apply=form.apply),
                         lambda _: f"{target.label}: {verb} {', '.join(form.types)}")

        from bgtui.screens.efficiency_form import EfficiencyForm

        self.app.push_screen(EfficiencyForm(self.app_views(), app.bundle_name, apply=apply, held=held), done)

    def action_apply_efficiency(self) -> None:
        self._efficiency_form(apply=True)

    def action_release_efficiency(self) -> None:
        self._efficiency_form(apply=False)

    def action_reset_efficiency(self) -> None:
        if app := self._app_or_tell("resetAllEfficiencyResources"):
            self.attempt("resetAllEfficiencyResources", lambda: ops.reset_efficiency(self.rec, app),
                         lambda _: f"{app.label}: every efficiency resource released")

    # -- the system and the user ---------------------------------------------------------------
    def _no_task(self, what: str) -> None:
        self.tell("Select a continuous task (or an app that has one).", what, "warning")

    def _task_outcome(self, task_id: int) -> str:
        """What became of continuous task `task_id`, from the snapshot after the action (the log says why)."""
        task = next((t for t in self.snap.continuous_tasks if t.continuous_task_id == task_id), None)
        if task is None:
            return f"continuous task {task_id} ended (the event log says why)"
        return f"continuous task {task_id} " + ("suspended" if task.suspended else "still running: nothing changed")

    def action_system_suspend(self) -> None:
        task = self.continuous_target()
        if task is None:
            return self._no_task("System suspend")
        self.attempt("System suspend", lambda: ops.system_suspend(self.rec, task.continuous_task_id),
                     lambda _: self._task_outcome(task.continuous_task_id))

    def action_system_stop(self) -> None:
        task = self.continuous_target()
        if task is None:
            return self._no_task("System stop")

        def done(cause: str | None) -> None:
            if cause == "low_speed" and not low_speed_targets(self.snap, task.bundle_name):
                # HandleStopContinuousTask(DATA_TRANSFER) removes only the uid's dataTransfer tasks: none here
                self.tell(f"{self.label(task.bundle_name)} has no dataTransfer task: for \"low speed\" the service "
                          "stops only an app's dataTransfer tasks, so nothing changes (nothing sent).",
                          "System stop", "warning")
            elif cause is not None:
                self.attempt("System stop", lambda: ops.system_stop(self.rec, task.continuous_task_id, cause),
                             lambda _: self._task_outcome(task.continuous_task_id))

        from bgtui.screens.stop_form import StopCauseForm, low_speed_targets

        self.app.push_screen(StopCauseForm(task.continuous_task_id, bool(low_speed_targets(self.snap, task.bundle_name))),
                             done)

    def action_swipe_notification(self) -> None:
        note = self.notification_target()
        if note is None:
            self.tell("Select a notification (or a task that has one).", "Swipe away", "warning")
            return
        shared = sum(n.notification_id == note.notification_id for n in self.snap.notifications) > 1
        label = note.label if shared else None  # said only when the id alone would swipe both away
        self.attempt("Swipe away", lambda: ops.swipe_notification(self.rec, note.notification_id, label),
                     lambda _: f"notification {note.notification_id} swiped away")
