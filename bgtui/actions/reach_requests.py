"""API-21 request objects: start from a ContinuousTaskRequest, update it by task id, stop it by task id."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bgtui import ops
from bgtui.actions.base import ActionsBase

if TYPE_CHECKING:
    from bgtui.screens.request_form import RequestSpec

__all__ = ["RequestActions"]


def _anyway(spec_anyway: bool) -> str:
    return " (sent anyway)" if spec_anyway else ""


class RequestActions(ActionsBase):
    def _selected_task_id(self, bundle: str | None) -> int:
        task = self.continuous_target()  # type: ignore[attr-defined]
        return task.continuous_task_id if task is not None else -1

    def action_start_request(self) -> None:
        app = self.acting_app()
        if app is None:
            self.tell("Select an app first (any row of it).", "startBackgroundRunning", "warning")
            return
        from bgtui.screens.request_form import RequestForm

        def done(form: RequestSpec | None) -> None:
            if form is None:
                return
            target = self.emu.app(form.bundle_name)
            self.attempt("startBackgroundRunning" + _anyway(form.anyway),
                         lambda: ops.start_by_request(self.rec, target, form.pairs, combined=form.combined,
                                                      share_with=form.task_id),
                         lambda note: f"{target.label}: continuous task {note.continuousTaskId} started from a "
                                      f"request object, notification {note.notificationId}")

        self.app.push_screen(RequestForm(self.app_views(), app.bundle_name), done)

    def action_update_request(self) -> None:
        app = self.acting_app()
        if app is None:
            self.tell("Select an app first (any row of it).", "updateBackgroundRunning", "warning")
            return
        from bgtui.screens.request_form import RequestForm

        def done(form: RequestSpec | None) -> None:
            if form is None:
                return
            target = self.emu.app(form.bundle_name)
            self.attempt("updateBackgroundRunning" + _anyway(form.anyway),
                         lambda: ops.update_by_request(self.rec, target, form.task_id, form.pairs),
                         lambda note: f"{target.label}: continuous task {note.continuousTaskId} updated, "
                                      f"notification {note.notificationId}")

        self.app.push_screen(RequestForm(self.app_views(), app.bundle_name, update=True,
                                         task_id=self._selected_task_id(app.bundle_name)), done)

    def action_stop_by_id(self) -> None:
        app = self.acting_app()
        if app is None:
            self.tell("Select an app first (any row of it).", "stopBackgroundRunning", "warning")
            return
        from bgtui.screens.request_form import TaskIdForm

        def done(task_id: int | None) -> None:
            if task_id is not None:
                self.attempt("stopBackgroundRunning", lambda: ops.stop_by_id(self.rec, app, task_id),
                             lambda _: f"{app.label}: continuous task {task_id} stopped by its id")

        self.app.push_screen(TaskIdForm(app.label, self._selected_task_id(app.bundle_name)), done)
