"""Request a transient task: requestSuspendDelay(reason, callback) as an app."""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.widgets import Input, Label, Select

from bgtui.screens.form import Check, FormScreen, app_options

__all__ = ["TransientRequest", "TransientForm"]

NAPI_STRING_BYTES = 63


@dataclass(frozen=True)
class TransientRequest:
    bundle_name: str
    reason: str
    cancel_on_expiry: bool


class TransientForm(FormScreen[TransientRequest]):
    FORM_TITLE = "Request a transient task"
    AUTO_FOCUS = "#reason"
    ABOUT = ("requestSuspendDelay(reason, callback): up to 3 min (1 min on low battery), from a daily quota "
             "of 10 min, counted while the app is in the background or the screen is off.")

    def __init__(self, apps: dict[str, str], selected: str | None, reason: str = "upload") -> None:
        super().__init__()
        self._apps = apps
        self._selected = selected if selected in apps else next(iter(apps), None)
        self._reason = reason

    def fields(self) -> ComposeResult:
        yield Label("As the app", classes="form-label")
        yield Select(app_options(self._apps), value=self._selected or Select.NULL, allow_blank=False, id="app")
        yield Label("Reason", classes="form-label")
        yield Input(self._reason, placeholder="why the app needs the time", id="reason")
        yield Check("The app cancels the task in its \"about to time out\" callback", False, id="handles")

    def problems(self) -> list[str]:
        return [] if isinstance(self.query_one("#app", Select).value, str) else ["choose an app"]

    def notes(self) -> list[str]:
        reason = self.query_one("#reason", Input).value
        out = []
        if len(reason.encode()) > NAPI_STRING_BYTES:
            out.append(f"the native layer keeps only the first {NAPI_STRING_BYTES} bytes of the reason")
        if not self.query_one("#handles", Check).value:
            out.append("the callback does nothing: 6 s after it the service force-cancels the task "
                       "and the device policy acts")
        return out

    def result(self) -> TransientRequest:
        return TransientRequest(str(self.query_one("#app", Select).value), self.query_one("#reason", Input).value,
                                self.query_one("#handles", Check).value)
