"""API 22+: updateDataTransferProgress, setBackgroundTaskState and getBackgroundTaskState from the dashboard."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from emulator import BusinessError

from bgtui import ops
from bgtui.actions.base import ActionsBase
from bgtui.app_log import QUERY, note
from bgtui.arkts import arkts

if TYPE_CHECKING:
    from bgtui.screens.progress_form import ProgressSpec, StateSpec

__all__ = ["ProgressActions"]


class ProgressActions(ActionsBase):
    def action_transfer_progress(self) -> None:
        app = self.acting_app()
        if app is None:
            self.tell("Select an app first (any row of it).", "updateDataTransferProgress", "warning")
            return
        from bgtui.screens.progress_form import ProgressForm

        task = self.continuous_target()  # type: ignore[attr-defined]

        def done(form: ProgressSpec | None) -> None:
            if form is None:
                return
            info: dict[str, Any] = {"title": form.title, "fileName": form.file_name, "isMute": form.mute}
            if form.progress is not None:
                info["progressValue"] = form.progress
            self.attempt("updateDataTransferProgress",
                         lambda: ops.transfer_progress(self.rec, app, form.task_id, info),
                         lambda _: f"{app.label}: task {form.task_id} progress {form.progress}")

        self.app.push_screen(ProgressForm(app.label, task.continuous_task_id if task is not None else -1), done)

    def action_task_state(self) -> None:
        app = self.acting_app()
        if app is None:
            self.tell("Select an app first (any row of it).", "getBackgroundTaskState", "warning")
            return
        from bgtui.screens.progress_form import StateForm

        def done(form: StateSpec | None) -> None:
            if form is not None:
                self._task_state(app, form)

        self.app.push_screen(StateForm(app.label, self.app_views(), app.bundle_name), done)

    def _task_state(self, app: Any, form: StateSpec) -> None:
        info: dict[str, Any] = {"userId": form.user_id, "bundleName": form.bundle_name, "appIndex": form.app_index}
        if form.function == "setBackgroundTaskState":
            info["authResult"] = form.auth_result
            self.attempt(form.function, lambda: ops.query(self.rec, app, form.function, [info]),
                         lambda _: f"{form.bundle_name}: authResult now {form.auth_result}")
            return
        try:
            value = ops.query(self.rec, app, form.function, [info])
        except BusinessError as err:
            self.app.publish()
            self.tell(err.message, f"{form.function}: refused ({err.code})", "error")
            return
        self.app.publish()
        note(self.app.session, QUERY, f"{app.label} asked {form.function}({arkts(info)}): {value.name} ({value.value})",
             app.bundle_name, {"function": form.function, "result": int(value)})
        self.tell(f"{form.bundle_name}: {value.name} ({value.value})", form.function)
