"""BgTransientTaskMgr + DecisionMaker: requestSuspendDelay and its accounting (service-rules §1).

Each public method takes the calling app and raises BusinessError in the service's check
order; every grant, refusal and change of state is an event whose reason names the rule.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable

from emulator.apps import App, ProcessState
from emulator.duration import human_ms as _s
from emulator.errors import BusinessError, error
from emulator.events import EventKind
from emulator.service.transient_model import (
    ADVANCE_TIME_MS, ALLOW_REQUEST_TIME_BG_MS, DELAY_TIME_LOW_POWER_MS, DELAY_TIME_NORMAL_MS,
    INIT_QUOTA_MS, MAX_REQUEST_ID, MAX_REQUEST_NUMBER, MIN_ALLOW_QUOTA_TIME_MS, QUOTA_UPDATE_MS,
    WATCHDOG_DELAY_TIME_MS, AppRecord, TransientRequest,
)

if TYPE_CHECKING:
    from emulator.emulator import Emulator

__all__ = ["TransientManager"]


class TransientManager:
    def __init__(self, emu: Emulator) -> None:
        self._emu = emu
        self._clock = emu.clock
        self._events = emu.events
        self._reset_state()

    def _reset_state(self) -> None:
        self.records: dict[int, AppRecord] = {}  # by uid (a uid has one bundle)
        self.requests: dict[int, TransientRequest] = {}  # live requests by requestId
        self.background_since: dict[int, int] = {}  # uid -> when it entered background (5 s rule)
        self.last_reset_ms = 0  # lastRequestTime_: updated only when a daily reset runs
        self.low_power = self._emu.device.battery_low
        self.screen_on = self._emu.device.screen_on
        self._next_id = 1

    # -- helpers -------------------------------------------------------------------------
    @property
    def now(self) -> int:
        return self._clock.now_ms

    def _refuse(self, app: App, name: str, why: str, function: str) -> BusinessError:
        err = error(name)
        self._events.emit(EventKind.TRANSIENT_REFUSED, f"refused: {why} ({err.code})", app.bundle_name,
                          function=function, code=err.code, error=name)
        return err

    def _foreground(self, uid: int) -> bool:
        app = self._emu.app_by_uid(uid)
        return app is not None and app.state is ProcessState.FOREGROUND

    def can_count(self, uid: int) -> bool:
        """CanStartAccountingLocked: screen off counts even in the foreground; else only in background."""
        if not self.screen_on:
            return True
        return not self._foreground(uid)

    def _check_caller(self, app: App, function: str, *, not_ready: str = "ERR_BGTASK_SYS_NOT_READY") -> None:
        if not self._emu.service_ready:
            raise self._refuse(app, not_ready, "the background task service is not ready", function)
        if app.uid < 0 or app.pid < 0:
            raise self._refuse(app, "ERR_BGTASK_INVALID_PID_OR_UID",
                               f"the caller has no running process (pid {app.pid})", function)

    # -- requestSuspendDelay ---------------------------------------------------------------
    def request(self, app: App, reason: str, callback: Callable[[], None]) -> TransientRequest:
        fn = "requestSuspendDelay"
        if app.atomic_service:
            raise self._refuse(app, "ERR_BGTASK_PERMISSION_DENIED",
                               "atomic services may not request transient tasks", fn)
        self._check_caller(app, fn)
        now = self.now
        self._maybe_reset_day_quota(now)
        since = self.background_since.get(app.uid)
        if since is not None and now - since > ALLOW_REQUEST_TIME_BG_MS:
            raise self._refuse(app, "ERR_BGTASK_NOT_IN_PRESET_TIME",
                               f"the app entered the background {_s(now - since)} ago; requests are allowed "
                               f"only within {_s(ALLOW_REQUEST_TIME_BG_MS)} of it (ALLOW_REQUEST_TIME_BG)", fn)
        record = self.records.get(app.uid)
        if record is None:
            record = self.records[app.uid] = AppRecord(app.bundle_name, app.uid, now)
        if len(record.requests) >= MAX_REQUEST_ID:
            raise self._refuse(app, "ERR_BGTASK_EXCEEDS_THRESHOLD",
                               f"{MAX_REQUEST_ID} live transient tasks is the limit per app", fn)
        record.update_quota(now)
        if record.quota_ms < MIN_ALLOW_QUOTA_TIME_MS:
            raise self._refuse(app, "ERR_BGTASK_TIME_INSUFFICIENT",
                               f"{_s(record.quota_ms)} of daily quota left; a request needs at least "
                               f"{_s(MIN_ALLOW_QUOTA_TIME_MS)} (MIN_ALLOW_QUOTA_TIME)", fn)
        limit = DELAY_TIME_LOW_POWER_MS if self.low_power else DELAY_TIME_NORMAL_MS
        actual = min(record.quota_ms, limit)
        request_id = self._take_id()
        req = TransientRequest(request_id, app.bundle_name, app.uid, app.pid, reason, actual, now, callback)
        record.requests.append(req)
        self.requests[request_id] = req
        if actual < limit:
            why = f"{_s(actual)}: the rest of the daily quota, under the {_s(limit)} per-request limit"
        elif self.low_power:
            why = f"{_s(actual)}: the per-request limit in low-battery mode (DELAY_TIME_LOW_POWER)"
        else:
            why = f"{_s(actual)}: the per-request limit (DELAY_TIME_NORMAL)"
        self._events.emit(EventKind.TRANSIENT_REQUESTED, f"granted request {request_id} ({reason!r}) for {why}",
                          app.bundle_name, request_id, actual_delay_ms=actual, quota_ms=record.quota_ms)
        if self.can_count(app.uid):
            self._start_accounting(record, [req], self._counting_why(app.uid))
        return req

    def _take_id(self) -> int:
        request_id = self._next_id
        self._next_id = 1 if request_id >= MAX_REQUEST_NUMBER else request_id + 1
        return request_id

    def _maybe_reset_day_quota(self, now: int) -> None:
        if now - self.last_reset_ms <= QUOTA_UPDATE_MS:
            return
        self.last_reset_ms = now
        kept, dropped = 0, 0
        for uid in list(self.records):
            record = self.records[uid]
            if record.requests:
                record.quota_ms = INIT_QUOTA_MS
                record.base_ms = now
                kept += 1
            else:
                del self.records[uid]
                dropped += 1
        self._events.emit(EventKind.QUOTA_RESET,
                          f"daily quota reset: more than 24 h since the last reset (QUOTA_UPDATE), checked on a "
                          f"request; {kept} app(s) with live tasks back to {_s(INIT_QUOTA_MS)}, "
                          f"{dropped} idle record(s) forgotten", kept=kept, dropped=dropped)

    def next_reset_due_ms(self) -> int:
        """The first time at which a request would reset the daily quota."""
        return self.last_reset_ms + QUOTA_UPDATE_MS + 1

    # -- accounting ------------------------------------------------------------------------
    def _counting_why(self, uid: int) -> str:
        if not self.screen_on:
            return "the screen is off"
        return "the app is in the background"

    def _start_accounting(self, record: AppRecord, targets: list[TransientRequest], why: str) -> None:
        if not record.requests:
            return  # nothing to count for: the quota drains only for live requests
        now = self.now
        started = []
        if not record.counting:
            record.update_quota(now)
            record.counting = True
        for req in targets:
            if req.running:
                continue
            req.base_ms = now
            req.running = True
            started.append(req.request_id)
            # Re-armed at max(0, remaining - 6 s) every time accounting restarts, even after the callback.
            due = now + max(0, req.actual_delay_ms - req.spent_ms - ADVANCE_TIME_MS)
            req.expiry_timer = self._clock.call_at(due, lambda r=req: self._on_expiring(r),
                                                   f"transient {req.request_id} expiring")
        if started:
            ids = ", ".join(map(str, started))
            self._events.emit(EventKind.TRANSIENT_COUNTING,
                              f"counting down task(s) {ids} and the daily quota: {why}",
                              record.bundle, started[0] if len(started) == 1 else None, request_ids=started)

    def _stop_accounting_all(self, record: AppRecord, why: str) -> None:
        now = self.now
        stopped = []
        for req in record.requests:
            if req.running:
                req.spent_ms += now - req.base_ms
                req.base_ms = now
                req.running = False
                self._clock.cancel(req.expiry_timer)
                req.expiry_timer = None
                stopped.append(req.request_id)
        was_counting = record.counting
        record.update_quota(now)
        record.counting = False
        if stopped or was_counting:
            ids = ", ".join(map(str, stopped)) or "none"
            self._events.emit(EventKind.TRANSIENT_PAUSED,
                              f"paused task(s) {ids} and the daily quota: {why}",
                              record.bundle, stopped[0] if len(stopped) == 1 else None, request_ids=stopped)

    def _remove(self, req: TransientRequest) -> None:
        now = self.now
        record = self.records.get(req.uid)
        self._clock.cancel(req.expiry_timer)
        self._clock.cancel(req.watchdog)
        req.expiry_timer = req.watchdog = None
        if req.running:
            req.spent_ms += now - req.base_ms
            req.base_ms = now
            req.running = False
        self.requests.pop(req.request_id, None)
        if record is not None and req in record.requests:
            record.requests.remove(req)
            if not record.requests:
                record.update_quota(now)
                record.counting = False

    # -- expiry ----------------------------------------------------------------------------
    def _on_expiring(self, req: TransientRequest) -> None:
        req.expiry_timer = None
        now = self.now
        if req.callback_fired_ms is not None:
            # The service calls OnExpired again, but the native layer erased the JS callback after its
            # first call, so the app hears nothing; the first watchdog still ends the task.
            self._events.emit(EventKind.TRANSIENT_EXPIRING,
                              f"about to time out again ({_s(req.remaining_at(now))} left); the app's callback was "
                              "already used once and is not called again", req.bundle, req.request_id,
                              remaining_ms=req.remaining_at(now), repeat=True)
            return
        req.callback_fired_ms = now
        req.watchdog = self._clock.call_later(WATCHDOG_DELAY_TIME_MS, lambda: self._on_watchdog(req),
                                              f"transient {req.request_id} watchdog")
        self._events.emit(EventKind.TRANSIENT_EXPIRING,
                          f"about to time out: {_s(req.remaining_at(now))} left; the app's callback is called "
                          f"{_s(ADVANCE_TIME_MS)} before the end, and the task is cancelled "
                          f"{_s(WATCHDOG_DELAY_TIME_MS)} later unless the app cancels it (WATCHDOG_DELAY_TIME)",
                          req.bundle, req.request_id, remaining_ms=req.remaining_at(now))
        app = self._emu.app_by_uid(req.uid)
        if app is not None:
            self._emu.call_app(app, req.callback, f"expiry callback of transient task {req.request_id}")

    def _on_watchdog(self, req: TransientRequest) -> None:
        req.watchdog = None
        if req.request_id not in self.requests:
            return
        self._remove(req)
        self._events.emit(EventKind.TRANSIENT_FORCE_CANCELLED,
                          f"force-cancelled: the app did not cancel within {_s(WATCHDOG_DELAY_TIME_MS)} of its "
                          "\"about to time out\" callback (WATCHDOG_DELAY_TIME)", req.bundle, req.request_id)
        app = self._emu.app_by_uid(req.uid)
        if app is not None:
            self._emu.policy.on_unhandled_timeout(app, req.request_id)

    # -- getRemainingDelayTime / cancelSuspendDelay / getTransientTaskInfo ------------------
    def _verify(self, app: App, request_id: int, function: str) -> TransientRequest:
        self._check_caller(app, function)
        req = self.requests.get(request_id)
        if req is None or req.uid != app.uid or req.bundle != app.bundle_name:
            why = (f"request {request_id} belongs to another app" if req is not None
                   else f"no live transient task has requestId {request_id}")
            raise self._refuse(app, "ERR_BGTASK_INVALID_REQUEST_ID", why, function)
        return req

    def remaining(self, app: App, request_id: int) -> int:
        return self._verify(app, request_id, "getRemainingDelayTime").remaining_at(self.now)

    def cancel(self, app: App, request_id: int) -> None:
        req = self._verify(app, request_id, "cancelSuspendDelay")
        left = req.remaining_at(self.now)
        self._remove(req)
        self._events.emit(EventKind.TRANSIENT_CANCELLED,
                          f"cancelled by the app with {_s(left)} left", app.bundle_name, request_id)

    def info(self, app: App) -> tuple[int, list[tuple[int, int]]]:
        """(remainingQuota, [(requestId, remaining ms)]) for getTransientTaskInfo."""
        self._check_caller(app, "getTransientTaskInfo", not_ready="ERR_BGTASK_TRANSIENT_SYS_NOT_READY")
        now = self.now
        record = self.records.get(app.uid)
        if record is None:
            return INIT_QUOTA_MS, []
        record.update_quota(now)
        return record.quota_ms, [(r.request_id, r.remaining_at(now)) for r in record.requests]

    def quota_left(self, uid: int) -> int:
        record = self.records.get(uid)
        return INIT_QUOTA_MS if record is None else record.quota_at(self.now)

    # -- what the service hears from the rest of the system -------------------------------
    def on_process_state(self, app: App, new: ProcessState) -> None:
        record = self.records.get(app.uid)
        if new is ProcessState.FOREGROUND:
            # HandleStateChange stops accounting on any move to the foreground, whatever the screen.
            self.background_since.pop(app.uid, None)
            if record is not None:
                self._stop_accounting_all(record, "the app came to the foreground")
        elif new is ProcessState.BACKGROUND:
            if record is not None and self.can_count(app.uid):
                self.background_since[app.uid] = self.now
                self._start_accounting(record, record.requests, "the app moved to the background")

    def on_process_died(self, app: App, pid: int) -> None:
        # The callbacks die with the process: HandleExpiredCallbackDeath removes each request.
        for req in [r for r in self.requests.values() if r.pid == pid and r.uid == app.uid]:
            self._remove(req)
            self._events.emit(EventKind.TRANSIENT_REMOVED,
                              "removed: the app's process died, and its callback with it "
                              "(HandleExpiredCallbackDeath)", app.bundle_name, req.request_id)
        record = self.records.get(app.uid)
        if record is not None and self.can_count(app.uid):
            self._start_accounting(record, record.requests, "the app's process died")

    def on_common_event(self, name: str) -> None:
        if name == "SCREEN_OFF":
            self.screen_on = False
            for record in list(self.records.values()):
                self._start_accounting(record, record.requests, "the screen turned off")
        elif name == "SCREEN_ON":
            self.screen_on = True
            for record in list(self.records.values()):
                if self._foreground(record.uid):
                    self._stop_accounting_all(record, "the screen turned on while the app is in the foreground")
        elif name in ("BATTERY_LOW", "BATTERY_OKAY"):
            low = name == "BATTERY_LOW"
            if low != self.low_power:
                self.low_power = low
                self._events.emit(EventKind.LOW_POWER,
                                  f"low-power mode {'on' if low else 'off'} (COMMON_EVENT_{name}): new requests get "
                                  f"at most {_s(DELAY_TIME_LOW_POWER_MS if low else DELAY_TIME_NORMAL_MS)}; "
                                  "running tasks keep their time", low_power=low)

    def holds(self, app: App) -> list[str]:
        record = self.records.get(app.uid)
        return [] if record is None else _counting(record)

    def holds_by_uid(self) -> dict[int, list[str]]:
        """holds() of every app that holds something, in one pass (for snapshots)."""
        return {uid: held for uid, record in self.records.items() if (held := _counting(record))}

    def restart(self) -> None:
        """The service process restarts: transient tasks are not persisted (§1.8)."""
        for req in list(self.requests.values()):
            self._clock.cancel(req.expiry_timer)
            self._clock.cancel(req.watchdog)
            self._events.emit(EventKind.TRANSIENT_REMOVED,
                              "lost: the service restarted, and transient tasks are not persisted",
                              req.bundle, req.request_id)
        self._reset_state()


def _counting(record: AppRecord) -> list[str]:
    return [f"transient task {r.request_id}" for r in record.requests if r.running]
