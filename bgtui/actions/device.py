"""Actions on the device, the clock and the view."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bgtui import format as fmt
from bgtui import ops
from bgtui.actions.base import ActionsBase
from bgtui.widgets.overrides_banner import describe_override

if TYPE_CHECKING:
    from bgtui.screens.device_forms import BatterySetting
    from bgtui.screens.fault_form import FaultRequest

__all__ = ["DeviceActions"]

BATTERY_STEP = 10


class DeviceActions(ActionsBase):
    # -- time ------------------------------------------------------------------------------
    def action_toggle_clock(self) -> None:
        self.app.driver.toggle()
        self.app.publish()
        if self.has_class("-too-small"):  # type: ignore[attr-defined]
            self._fit()  # type: ignore[attr-defined]  # its message says whether the clock runs

    def action_faster(self) -> None:
        self.app.driver.faster()
        self.app.publish()

    def action_slower(self) -> None:
        self.app.driver.slower()
        self.app.publish()

    def action_step(self) -> None:
        if self.attempt("Next event", self.app.driver.step) is None:
            self.tell("Nothing is scheduled: no timer is pending.", "Next event", "warning")

    def action_skip_second(self) -> None:
        self.attempt("+1 s", lambda: self.app.driver.skip(1_000))

    def action_skip_minute(self) -> None:
        self.attempt("+1 min", lambda: self.app.driver.skip(60_000))

    def action_jump_quota_reset(self) -> None:
        due = self.snap.quota_reset_due_ms
        if self.attempt("Quota reset", lambda: self.app.driver.jump_to(due)):
            self.tell(f"Now {fmt.clock(due)}: the next transient request resets every daily quota.",
                      "Quota reset")
        else:
            self.tell("Already past the quota reset: the next request resets every daily quota.", "Quota reset")

    # -- device ----------------------------------------------------------------------------
    def action_battery_down(self) -> None:
        self.attempt("Battery", lambda: ops.set_battery(self.rec, self.emu.device.battery_level - BATTERY_STEP))

    def action_battery_up(self) -> None:
        self.attempt("Battery", lambda: ops.set_battery(self.rec, self.emu.device.battery_level + BATTERY_STEP))

    def action_battery_set(self) -> None:
        def done(form: BatterySetting | None) -> None:
            if form is None:
                return

            def apply() -> None:
                ops.set_device(self.rec, "low_battery_threshold", form.threshold)
                ops.set_device(self.rec, "battery_level", form.level)
            self.attempt("Battery", apply)

        from bgtui.screens.device_forms import BatteryForm

        device = self.emu.device
        self.app.push_screen(BatteryForm(device.battery_level, device.low_battery_threshold), done)

    def action_toggle_charging(self) -> None:
        self.attempt("Charging", lambda: ops.set_device(self.rec, "charging", not self.emu.device.charging))

    def action_toggle_screen(self) -> None:
        self.attempt("Screen", lambda: ops.set_device(self.rec, "screen_on", not self.emu.device.screen_on))

    def action_device_type(self) -> None:
        def done(kind: str | None) -> None:
            if kind is not None:
                self.attempt("Device type", lambda: ops.set_device(self.rec, "device_type", kind))

        from bgtui.screens.device_forms import DeviceTypeForm

        self.app.push_screen(DeviceTypeForm(self.emu.device.device_type), done)

    def action_auth_answer(self) -> None:
        def done(answer: str | None) -> None:
            if answer is not None:
                self.attempt("Authorisation answer", lambda: ops.set_device(self.rec, "auth_dialog_answer", answer))

        from bgtui.screens.auth_form import AuthAnswerForm

        self.app.push_screen(AuthAnswerForm(self.emu.device.auth_dialog_answer), done)

    def action_toggle_service(self) -> None:
        self.attempt("Service", lambda: ops.set_service_ready(self.rec, not self.emu.service_ready))

    def action_inject_fault(self) -> None:
        from bgtui.screens.fault_form import STORAGE, FaultForm

        def done(form: FaultRequest | None) -> None:
            if form is None:
                return
            if form.function == STORAGE:
                self.attempt("Fault", lambda: ops.fail_storage(self.rec))
            else:
                self.attempt("Fault", lambda: ops.fail_next(self.rec, form.function, form.code, form.times),
                             lambda _: f"the next {form.times} call(s) of {form.function} fail with {form.code}")

        self.app.push_screen(FaultForm(), done)

    def action_reset_overrides(self) -> None:
        before = dict(self.snap.overrides)
        done = self.attempt("Reset", lambda: ops.reset_overrides(self.rec))
        if done == []:
            self.tell("Nothing to reset: battery, screen, faults, service and policies are as on a fresh device.",
                      "Device reset")
        elif done:
            self.tell("Reset " + ", ".join(describe_override(n, before.get(n)) for n in done), "Device reset")
