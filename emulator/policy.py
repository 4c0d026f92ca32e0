"""Device policy: what other system parts do with the service's decisions (DESIGN §2.2).

The background task service does not freeze or kill apps itself. A device does, elsewhere:
- suspension: a background app holding nothing (no counting transient task, no active
  continuous task, no CPU efficiency grant) is suspended after a grace period;
- an unhandled transient timeout (the task force-cancelled 6 s after its callback) terminates
  the process (the docs' rule), or only suspends it, or leaves it alone.
- an uncaught exception in app code (a callback, a listener) is a JS crash that ends the app's process
  (`@ohos.app.ability.errorManager.d.ts:40-42`: only an app that registered an error observer goes on),
  or it is only logged.
All are knobs here, visible in the snapshot and settable in scenarios.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from emulator.apps import App, ProcessState
from emulator.clock import Timer
from emulator.events import EventKind

if TYPE_CHECKING:
    from emulator.emulator import Emulator

__all__ = ["DevicePolicy", "UNHANDLED_TIMEOUT_ACTIONS", "DEFAULT_SUSPEND_GRACE_MS", "UNCAUGHT_EXCEPTION_ACTIONS"]

UNHANDLED_TIMEOUT_ACTIONS = ("terminate", "suspend", "none")
DEFAULT_SUSPEND_GRACE_MS = 6_000
DEFAULT_UNHANDLED_TIMEOUT = "terminate"
UNCAUGHT_EXCEPTION_ACTIONS = ("crash", "log")
DEFAULT_UNCAUGHT_EXCEPTION = "crash"


class DevicePolicy:
    def __init__(self, emu: Emulator) -> None:
        self._emu = emu
        self._grace_ms = DEFAULT_SUSPEND_GRACE_MS
        self._unhandled = DEFAULT_UNHANDLED_TIMEOUT
        self._uncaught = DEFAULT_UNCAUGHT_EXCEPTION
        self._timers: dict[int, Timer] = {}  # uid -> pending suspension

    @property
    def suspend_grace_ms(self) -> int:
        return self._grace_ms

    @suspend_grace_ms.setter
    def suspend_grace_ms(self, value: int) -> None:
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise ValueError(f"suspend_grace_ms must be an int >= 0, not {value!r}")
        self._grace_ms = value
        self._emu.events.emit(EventKind.POLICY, f"policy: a background app holding nothing is suspended after "
                              f"{value} ms", suspend_grace_ms=value)

    @property
    def unhandled_timeout(self) -> str:
        return self._unhandled

    @unhandled_timeout.setter
    def unhandled_timeout(self, value: str) -> None:
        if value not in UNHANDLED_TIMEOUT_ACTIONS:
            raise ValueError(f"unhandled_timeout must be one of {', '.join(UNHANDLED_TIMEOUT_ACTIONS)}, not {value!r}")
        self._unhandled = value
        self._emu.events.emit(EventKind.POLICY, f"policy: on an unhandled transient timeout the app is {value}"
                              + ("d" if value != "none" else " left alone"), unhandled_timeout=value)

    @property
    def uncaught_exception(self) -> str:
        return self._uncaught

    @uncaught_exception.setter
    def uncaught_exception(self, value: str) -> None:
        if value not in UNCAUGHT_EXCEPTION_ACTIONS:
            raise ValueError(f"uncaught_exception must be one of {', '.join(UNCAUGHT_EXCEPTION_ACTIONS)}, "
                             f"not {value!r}")
        self._uncaught = value
        self._emu.events.emit(EventKind.POLICY, "policy: an uncaught exception in app code " + (
            "crashes the app" if value == "crash" else "is only logged; the app goes on"), uncaught_exception=value)

    def overrides(self) -> dict[str, object]:
        out: dict[str, object] = {}
        if self._grace_ms != DEFAULT_SUSPEND_GRACE_MS:
            out["suspend_grace_ms"] = self._grace_ms
        if self._unhandled != DEFAULT_UNHANDLED_TIMEOUT:
            out["unhandled_timeout"] = self._unhandled
        if self._uncaught != DEFAULT_UNCAUGHT_EXCEPTION:
            out["uncaught_exception"] = self._uncaught
        return out

    def suspend_due_ms(self, app: App) -> int | None:
        timer = self._timers.get(app.uid)
        return timer.due_ms if timer is not None and timer.pending else None

    # -- suspension ------------------------------------------------------------------------
    def refresh(self, app: App) -> None:
        """Re-decide after anything that may change what keeps `app` awake."""
        state = app.state
        if state is ProcessState.BACKGROUND:
            holds = self._emu.holds(app)
            if holds:
                self._cancel(app)
            elif self.suspend_due_ms(app) is None:
                self._timers[app.uid] = self._emu.clock.call_later(
                    self._grace_ms, lambda: self._suspend_if_idle(app), f"suspend {app.bundle_name}")
        elif state is ProcessState.SUSPENDED:
            holds = self._emu.holds(app)
            if holds:
                self._emu._set_process_state(app, ProcessState.BACKGROUND,
                                             f"thawed: it holds {', '.join(holds)} (device policy)",
                                             kind=EventKind.APP_THAWED)
        else:
            self._cancel(app)

    def _cancel(self, app: App) -> None:
        timer = self._timers.pop(app.uid, None)
        if timer is not None:
            timer.cancel()

    def _suspend_if_idle(self, app: App) -> None:
        self._timers.pop(app.uid, None)
        if app.state is ProcessState.BACKGROUND and not self._emu.holds(app):
            self._emu._set_process_state(
                app, ProcessState.SUSPENDED,
                f"suspended: in the background for {self._grace_ms} ms holding no counting transient task, "
                "active continuous task or CPU efficiency grant (device policy)", kind=EventKind.APP_SUSPENDED)

    # -- unhandled transient timeout -------------------------------------------------------
    def on_unhandled_timeout(self, app: App, request_id: int) -> None:
        if not app.alive or self._unhandled == "none":
            return
        why = f"transient task {request_id} timed out unhandled (device policy: {self._unhandled})"
        if self._unhandled == "terminate":
            self._emu._kill(app, f"terminated: {why}")
        elif app.state is not ProcessState.SUSPENDED:
            self._emu._set_process_state(app, ProcessState.SUSPENDED, f"suspended: {why}",
                                         kind=EventKind.APP_SUSPENDED)
