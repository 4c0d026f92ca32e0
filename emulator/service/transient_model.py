"""The transient manager's records: one per app (quota, counting) and one per request.

Mirrors PkgDelaySuspendInfo (per app) and DelaySuspendInfoEx (per request), service-rules §1.4.
"""

from __future__ import annotations

from typing import Callable

from emulator.clock import Timer

# Constants of services/transient_task/src/bgtask_common.cpp and pkg_delay_suspend_info.cpp (§1.1).
INIT_QUOTA_MS = 600_000
QUOTA_UPDATE_MS = 86_400_000
DELAY_TIME_NORMAL_MS = 180_000
DELAY_TIME_LOW_POWER_MS = 60_000
ALLOW_REQUEST_TIME_BG_MS = 5_000
MAX_REQUEST_ID = 3  # live requests per app
MIN_ALLOW_QUOTA_TIME_MS = 16_000
ADVANCE_TIME_MS = 6_000  # the "about to time out" callback, before the end
WATCHDOG_DELAY_TIME_MS = 6_000  # forced cancel, after the callback
MAX_REQUEST_NUMBER = 2**31 - 1  # the id counter wraps from INT_MAX back to 1


class TransientRequest:
    __slots__ = ("request_id", "bundle", "uid", "pid", "reason", "actual_delay_ms", "created_ms",
                 "spent_ms", "base_ms", "running", "expiry_timer", "callback", "callback_fired_ms",
                 "watchdog")

    def __init__(self, request_id: int, bundle: str, uid: int, pid: int, reason: str,
                 actual_delay_ms: int, now_ms: int, callback: Callable[[], None]) -> None:
        self.request_id = request_id
        self.bundle = bundle
        self.uid = uid
        self.pid = pid
        self.reason = reason
        self.actual_delay_ms = actual_delay_ms
        self.created_ms = now_ms
        self.spent_ms = 0
        self.base_ms = now_ms
        self.running = False
        self.expiry_timer: Timer | None = None
        self.callback = callback
        self.callback_fired_ms: int | None = None
        self.watchdog: Timer | None = None

    def spent_at(self, now_ms: int) -> int:
        return self.spent_ms + (now_ms - self.base_ms if self.running else 0)

    def remaining_at(self, now_ms: int) -> int:
        """max(0, actualDelayTime - spent): time in the foreground with the screen on is not spent."""
        return max(0, self.actual_delay_ms - self.spent_at(now_ms))


class AppRecord:
    """Per (bundleName, uid): the daily quota and whether it is draining."""

    __slots__ = ("bundle", "uid", "quota_ms", "counting", "base_ms", "requests")

    def __init__(self, bundle: str, uid: int, now_ms: int) -> None:
        self.bundle = bundle
        self.uid = uid
        self.quota_ms = INIT_QUOTA_MS
        self.counting = False
        self.base_ms = now_ms
        self.requests: list[TransientRequest] = []

    def quota_at(self, now_ms: int) -> int:
        """The quota an update at `now_ms` would leave, without changing the record."""
        if not self.counting:
            return self.quota_ms
        return max(0, self.quota_ms - (now_ms - self.base_ms))

    def update_quota(self, now_ms: int) -> None:
        self.quota_ms = self.quota_at(now_ms)
        self.base_ms = now_ms
