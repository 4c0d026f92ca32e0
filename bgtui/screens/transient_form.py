"""Request a transient task: requestSuspendDelay(reason, callback) as an app."""

from __future__ import annotations

from dataclasses import dataclass

from emulator.errors import ERRORS
from emulator.service.transient_model import (
    ALLOW_REQUEST_TIME_BG_MS, DELAY_TIME_LOW_POWER_MS, DELAY_TIME_NORMAL_MS, INIT_QUOTA_MS, MAX_REQUEST_ID,
    MIN_ALLOW_QUOTA_TIME_MS, WATCHDOG_DELAY_TIME_MS,
)
from emulator.snapshot import Snapshot
from textual.app import ComposeResult
from textual.widgets import Input, Label, Select

from bgtui import format as fmt
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
    ABOUT = (f"requestSuspendDelay(reason, callback): up to {fmt.duration(DELAY_TIME_NORMAL_MS)} "
             f"({fmt.duration(DELAY_TIME_LOW_POWER_MS)} on low battery), from a daily quota "
             f"of {fmt.duration(INIT_QUOTA_MS)}, counted while the app is in the background or the screen is off.")

    def __init__(self, snapshot: Snapshot, selected: str | None, reason: str = "upload") -> None:
        super().__init__()
        self._snap = snapshot
        apps = [a.bundle_name for a in snapshot.apps]
        self._selected = selected if selected in apps else next(iter(apps), None)
        self._reason = reason

    def fields(self) -> ComposeResult:
        yield Label("As the app", classes="form-label")
        labels = {a.bundle_name: a.label for a in self._snap.apps}
        yield Select(app_options(labels), value=self._selected or Select.NULL, allow_blank=False, id="app")
        yield Label("Reason", classes="form-label")
        yield Input(self._reason, placeholder="why the app needs the time", id="reason")
        yield Check("The app cancels the task in its \"about to time out\" callback", False, id="handles")

    def _bundle(self) -> str | None:
        value = self.query_one("#app", Select).value
        return value if isinstance(value, str) else None

    def problems(self) -> list[str]:
        return [] if self._bundle() else ["choose an app"]

    def notes(self) -> list[str]:
        """What the device will say, from the rules the service applies (service-rules §1.2)."""
        snap, out = self._snap, []
        app = snap.app(self._bundle() or "")
        refused = ERRORS["ERR_BGTASK_NOT_IN_PRESET_TIME"].code
        if app is not None:
            if app.state == "dead":
                out.append("the app is not running: the device refuses the call")
            if app.background_since_ms is not None and snap.now_ms - app.background_since_ms > \
                    ALLOW_REQUEST_TIME_BG_MS:
                out.append(f"in the background for {fmt.duration(snap.now_ms - app.background_since_ms)}: "
                           f"requests are allowed within {fmt.duration(ALLOW_REQUEST_TIME_BG_MS)} of it "
                           f"({refused})")
            if sum(t.bundle_name == app.bundle_name for t in snap.transient_tasks) >= MAX_REQUEST_ID:
                out.append(f"{MAX_REQUEST_ID} live tasks is the limit per app ({refused})")
            if app.quota_left_ms < MIN_ALLOW_QUOTA_TIME_MS:
                out.append(f"{fmt.remaining(app.quota_left_ms)} of daily quota left; a request needs "
                           f"{fmt.duration(MIN_ALLOW_QUOTA_TIME_MS)} ({refused})")
        if snap.low_power:
            out.append(f"low battery: the grant is at most {fmt.duration(DELAY_TIME_LOW_POWER_MS)}")
        if len(self.query_one("#reason", Input).value.encode()) > NAPI_STRING_BYTES:
            out.append(f"the native layer keeps only the first {NAPI_STRING_BYTES} bytes of the reason")
        if not self.query_one("#handles", Check).value:
            out.append(f"the callback does nothing: {fmt.duration(WATCHDOG_DELAY_TIME_MS)} after it the service "
                       "force-cancels the task and the device policy acts")
        return out

    def result(self) -> TransientRequest:
        bundle = self._bundle()
        assert bundle is not None
        return TransientRequest(bundle, self.query_one("#reason", Input).value, self.query_one("#handles", Check).value)
