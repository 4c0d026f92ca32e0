"""Typed events: every state change and every refusal, with its virtual time and its reason.

The reason is one line of plain words naming the rule and its number, e.g.
"refused: 3 live transient tasks is the limit per app (9900002)". The log is bounded
(10,000 by default) and has subscribers, which are called synchronously in emit order.
"""

from __future__ import annotations

import json
from collections import deque
from dataclasses import dataclass, field
from enum import StrEnum
from itertools import islice
from typing import Any, Callable, Iterator, Mapping

__all__ = ["EventKind", "Event", "EventLog"]


class EventKind(StrEnum):
    # device
    BATTERY = "device.battery"
    COMMON_EVENT = "device.common_event"  # BATTERY_LOW / BATTERY_OKAY / SCREEN_ON / SCREEN_OFF published
    CHARGING = "device.charging"
    SCREEN = "device.screen"
    DEVICE_TYPE = "device.type"
    TASK_KEEPING_SUPPORT = "device.task_keeping"
    AUTH_ANSWER = "device.auth_answer"  # what the fake user answers to authorisation prompts
    SERVICE_READY = "service.ready"
    SERVICE_RESTARTED = "service.restarted"
    REBOOTED = "device.rebooted"
    FAULT_SET = "service.fault_set"
    FAULT_FIRED = "service.fault_fired"
    STORAGE_FAILED = "service.storage_failed"
    POLICY = "policy.changed"
    # apps
    APP_INSTALLED = "app.installed"
    APP_FOREGROUND = "app.foreground"
    APP_BACKGROUND = "app.background"
    APP_SUSPENDED = "app.suspended"
    APP_THAWED = "app.thawed"
    APP_KILLED = "app.killed"
    APP_LAUNCHED = "app.launched"
    APP_CALLBACK_ERROR = "app.callback_error"
    APP_ABILITY_ENDED = "app.ability_ended"
    APP_DATA_CLEARED = "app.data_cleared"
    # JS-layer argument checks (401), before any service is asked
    CALL_REFUSED = "call.refused"
    # transient tasks
    TRANSIENT_REQUESTED = "transient.requested"
    TRANSIENT_REFUSED = "transient.refused"
    TRANSIENT_COUNTING = "transient.counting"
    TRANSIENT_PAUSED = "transient.paused"
    TRANSIENT_EXPIRING = "transient.expiring"
    TRANSIENT_CANCELLED = "transient.cancelled"
    TRANSIENT_FORCE_CANCELLED = "transient.force_cancelled"
    TRANSIENT_REMOVED = "transient.removed"
    QUOTA_RESET = "transient.quota_reset"
    LOW_POWER = "transient.low_power"
    # continuous tasks
    CONTINUOUS_STARTED = "continuous.started"
    CONTINUOUS_UPDATED = "continuous.updated"
    CONTINUOUS_STOPPED = "continuous.stopped"
    CONTINUOUS_CANCELLED = "continuous.cancelled"
    CONTINUOUS_SUSPENDED = "continuous.suspended"
    CONTINUOUS_ACTIVATED = "continuous.activated"
    CONTINUOUS_REFUSED = "continuous.refused"
    CONTINUOUS_RESTORED = "continuous.restored"
    CONTINUOUS_DROPPED = "continuous.dropped"
    CONTINUOUS_LISTENER = "continuous.listener"
    CONTINUOUS_AUTH = "continuous.auth"  # special-scenario authorisation: requests, answers, records
    NOTIFICATION_PUBLISHED = "notification.published"
    NOTIFICATION_REMOVED = "notification.removed"
    # what other system services tell the continuous manager about an app's own notifications
    AVSESSION = "media.avsession"  # the app's AVSession notification published or gone
    LIVE_VIEW = "media.live_view"  # the app's navigation live-view capsule shown or gone
    # efficiency resources
    EFFICIENCY_APPLIED = "efficiency.applied"
    EFFICIENCY_RELEASED = "efficiency.released"
    EFFICIENCY_EXPIRED = "efficiency.expired"
    EFFICIENCY_RESET = "efficiency.reset"
    EFFICIENCY_REFUSED = "efficiency.refused"
    EFFICIENCY_RESTORED = "efficiency.restored"

    @property
    def area(self) -> str:
        return self.value.split(".", 1)[0]


@dataclass(frozen=True, slots=True)
class Event:
    seq: int
    time_ms: int
    kind: EventKind
    reason: str
    app: str | None = None  # bundle name
    subject: int | str | None = None  # task id, request id, notification id, ...
    data: Mapping[str, Any] = field(default_factory=dict)

    @property
    def is_refusal(self) -> bool:
        return self.kind.value.endswith(".refused")

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"seq": self.seq, "time_ms": self.time_ms, "kind": self.kind.value}
        if self.app is not None:
            out["app"] = self.app
        if self.subject is not None:
            out["subject"] = self.subject
        out["reason"] = self.reason
        if self.data:
            out["data"] = dict(self.data)
        return out

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, separators=(",", ":"))


Subscriber = Callable[[Event], None]


class EventLog:
    def __init__(self, now: Callable[[], int], capacity: int = 10_000) -> None:
        self._now = now
        self._events: deque[Event] = deque(maxlen=capacity)
        self._subscribers: list[Subscriber] = []
        self._seq = 0
        self._pending: deque[Event] = deque()
        self._dispatching = False

    @property
    def capacity(self) -> int:
        return self._events.maxlen or 0

    @property
    def total(self) -> int:
        """How many events were ever emitted (the log keeps only the last `capacity`)."""
        return self._seq

    def emit(self, kind: EventKind, reason: str, app: str | None = None,
             subject: int | str | None = None, **data: Any) -> Event:
        self._seq += 1
        event = Event(self._seq, self._now(), kind, reason, app, subject, data)
        self._events.append(event)
        self._pending.append(event)
        if not self._dispatching:
            self._dispatch()
        return event

    def _dispatch(self) -> None:
        # An event emitted by a subscriber's reaction waits until every subscriber heard the event
        # that caused it, so each subscriber hears events in seq order.
        self._dispatching = True
        try:
            while self._pending:
                event = self._pending.popleft()
                for subscriber in tuple(self._subscribers):
                    subscriber(event)
        finally:
            self._dispatching = False
            self._pending.clear()

    def subscribe(self, subscriber: Subscriber) -> Callable[[], None]:
        """Call `subscriber(event)` for every new event; returns a function that unsubscribes."""
        self._subscribers.append(subscriber)

        def unsubscribe() -> None:
            if subscriber in self._subscribers:
                self._subscribers.remove(subscriber)

        return unsubscribe

    def since(self, seq: int) -> list[Event]:
        """Events with a sequence number above `seq` that are still in the log."""
        if not self._events or self._events[-1].seq <= seq:
            return []
        newer = min(len(self._events), self._events[-1].seq - seq)  # seqs in the log are consecutive
        out = list(islice(reversed(self._events), newer))  # from the newest end: a tick reads a few
        out.reverse()
        return out

    def __iter__(self) -> Iterator[Event]:
        return iter(tuple(self._events))

    def __len__(self) -> int:
        return len(self._events)

    def latest(self) -> Event | None:
        return self._events[-1] if self._events else None

    def to_jsonl(self) -> str:
        return "".join(e.to_json() + "\n" for e in self._events)
