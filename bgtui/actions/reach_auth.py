"""The ContinuousTaskRequest methods (special-scenario authorisation) and the app's audio, from the dashboard."""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING, Any

from emulator import BusinessError

from bgtui import ops
from bgtui.actions.base import ActionsBase
from bgtui.app_log import QUERY, note
from bgtui.arkts import arkts

if TYPE_CHECKING:
    from bgtui.screens.request_method_form import RequestMethodSpec

__all__ = ["AuthActions", "answer_text"]


def answer_text(method: str, value: Any) -> str:
    """What the app receives: a UserAuthResult as its number (and name), isModeSupported's null as null."""
    if isinstance(value, enum.Enum):
        return f"{value.value} ({type(value).__name__}.{value.name})"
    if value is None and method == "isModeSupported":
        return "null"  # the native layer returns null, not undefined, when the modes are not numbers
    return arkts(value)


class AuthActions(ActionsBase):
    def action_request_method(self) -> None:
        app = self.acting_app()
        if app is None:
            self.tell("Select an app first (any row of it).", "ContinuousTaskRequest", "warning")
            return
        from bgtui.screens.request_method_form import RequestMethodForm

        def done(form: RequestMethodSpec | None) -> None:
            if form is not None:
                self.run_request_method(app, form)

        self.app.push_screen(RequestMethodForm(app.label), done)

    def run_request_method(self, app: Any, form: RequestMethodSpec) -> Any:
        """Call it as the app: the answer (or the refusal) in a toast and in the log."""
        modes = [m for m, _s in form.pairs]
        subs = [s for _m, s in form.pairs]
        args = {"isModeSupported": ""}.get(form.method, "context" + (", callback" if form.method.startswith(
            "request") else ""))
        call = f"ContinuousTaskRequest {{ backgroundTaskModes: {modes}, backgroundTaskSubmodes: {subs} }}" \
               f".{form.method}({args})"
        hear = self.hearer(app.bundle_name, f"the {form.method} callback")  # type: ignore[attr-defined]
        data: dict[str, Any] = {"function": f"ContinuousTaskRequest.{form.method}",
                                "request": {"backgroundTaskModes": modes, "backgroundTaskSubmodes": subs}}
        try:
            value = ops.request_method(self.rec, app, form.method, form.pairs, hear)
        except BusinessError as err:
            self.app.publish()
            note(self.app.session, QUERY, f"{app.label} called {call}: refused {err.code}: {err.message}",
                 app.bundle_name, {**data, "error": {"code": err.code, "message": err.message}})
            self.tell(err.message, f"{form.method}: refused ({err.code})", "error")
            return err
        except (ops.NotEmulated, ValueError, TypeError) as exc:
            self.app.publish()
            self.tell(str(exc), form.method, "warning")
            return None
        self.app.publish()
        shown = answer_text(form.method, value)
        from emulator.scenario.refs import plain

        note(self.app.session, QUERY, f"{app.label} called {call}: {shown}", app.bundle_name,
             {**data, "result": plain(value)})
        later = " (the callback hears the user's answer: A sets it)" if form.method.startswith("request") else ""
        self.tell(f"{app.label}: {shown}{later}", form.method)
        return value

    def action_media(self) -> None:
        app = self.acting_app()
        if app is None:
            self.tell("Select an app first (any row of it).", "Media", "warning")
            return
        view = self.snap.app(app.bundle_name)
        assert view is not None
        from bgtui.screens.media_form import MediaForm

        def done(wanted: dict[str, bool] | None) -> None:
            if wanted is None:
                return
            changes = [(name, on) for name, on in wanted.items() if getattr(view, name) != on]
            if not changes:
                self.tell("Nothing changed.", "Media")
            for name, on in changes:
                self._media_change(app, name, on)

        self.app.push_screen(MediaForm(view), done)

    def _media_change(self, app: Any, name: str, on: bool) -> None:
        if name == "audio_playing":
            self.attempt("Audio", lambda: ops.set_audio_playing(self.rec, app, on),
                         lambda _: f"{app.label}: audio renderer {'running' if on else 'stopped'}"
                                   + (" (a task showing the loading text now shows the audio prompt)" if on else ""))
        elif name == "avsession_notification":
            self.attempt("AVSession", lambda: ops.set_avsession_notification(self.rec, app, on),
                         lambda _: f"{app.label}: AVSession notification "
                                   + ("published (audioPlayback leaves its tasks' texts)" if on else
                                      "gone (the service acts on it 65 s later)"))
        else:
            self.attempt("Live view", lambda: ops.set_navigation_capsule(self.rec, app, on),
                         lambda _: f"{app.label}: navigation capsule "
                                   + ("shown (a location task without dataTransfer, audioRecording or voip loses "
                                      "its notification)" if on else "gone (a task without a notification gets one)"))
