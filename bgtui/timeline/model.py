"""The timeline: every lifecycle as intervals on the virtual time axis, derived from the engine's events.

No Textual here: `bgtui timeline` (text and SVG) and the dashboard's timeline panel read the same
Timeline. It holds a compact record (intervals, marks and the events' sequence numbers, never the
events), built as the events arrive, so it outlives the bounded event log. When it is attached to
an emulator whose log already dropped events, it starts from a snapshot and says where its history
begins (`begins_ms`, `truncated`); it never draws what the engine did not do.

    timeline = Timeline.attach(emu)          # every event so far, then each new one
    timeline.state_at(90_000)                # apps' states, live tasks counting or paused at 1:30
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable, NamedTuple

from emulator.events import Event, EventKind as K

if TYPE_CHECKING:
    from emulator import Emulator
    from emulator.snapshot import Snapshot

__all__ = ["Span", "Mark", "Lane", "Timeline", "TimelineState", "RESOURCE_NAMES"]

RESOURCE_NAMES = ("CPU", "COMMON_EVENT", "TIMER", "WORK_SCHEDULER", "BLUETOOTH", "GPS", "AUDIO", "RUNNING_LOCK",
                  "SENSOR")  # ResourceType bit i, as the kit's enum and the snapshot's type_name


@dataclass(slots=True)
class Span:
    start_ms: int
    end_ms: int | None  # None: it lasts until now
    state: str


class Mark(NamedTuple):
    time_ms: int
    kind: str  # "callback", "refusal", or an end: "cancelled", "force-cancelled", "process-gone", ...
    label: str
    seq: int


@dataclass(slots=True)
class Lane:
    key: tuple
    kind: str  # "device" | "app" | "transient" | "continuous" | "grant"
    label: str
    bundle: str | None = None
    spans: list[Span] = field(default_factory=list)
    marks: list[Mark] = field(default_factory=list)
    seqs: list[int] = field(default_factory=list)  # the events that made it, for the details pane
    end: str | None = None  # how it ended, in words
    end_kind: str | None = None

    @property
    def open(self) -> bool:
        return bool(self.spans) and self.spans[-1].end_ms is None

    @property
    def start_ms(self) -> int:
        return self.spans[0].start_ms if self.spans else 0

    @property
    def end_ms(self) -> int | None:
        return self.spans[-1].end_ms if self.spans else None

    def set_state(self, t: int, state: str) -> None:
        spans = self.spans
        if spans:
            last = spans[-1]
            if last.end_ms is None and last.state == state:
                return
            if last.end_ms is None or last.end_ms >= t:
                if last.start_ms == t:  # a change within one millisecond: what it became wins
                    spans.pop()
                    if spans and spans[-1].end_ms == t and spans[-1].state == state:
                        spans[-1].end_ms = None
                        return
                else:
                    last.end_ms = t
        spans.append(Span(t, None, state))

    def close(self, t: int, kind: str, words: str, seq: int) -> None:
        if self.open:
            last = self.spans[-1]
            if last.start_ms == t and len(self.spans) > 1:
                self.spans.pop()
                self.spans[-1].end_ms = t
            else:
                last.end_ms = t
        self.end, self.end_kind = words, kind
        self.marks.append(Mark(t, kind, words, seq))

    def state_at(self, t: int) -> str | None:
        """The state after every event at `t` (None: not there then)."""
        spans = self.spans
        i = bisect_right(spans, t, key=lambda s: s.start_ms) - 1
        if i < 0:
            return None
        span = spans[i]
        return span.state if span.end_ms is None or span.end_ms > t else None


class TimelineState(NamedTuple):
    """What the timeline says about one moment: comparable with a snapshot's."""

    apps: dict[str, str]  # bundle -> foreground | background | suspended | dead
    transient: dict[int, str]  # live request id -> counting | paused
    continuous: dict[int, str]  # live task id -> active | suspended
    grants: dict[tuple[str, int, str], str]  # (bundle, type bit, app | process) -> held


_APP_STATES = {K.APP_FOREGROUND: "foreground", K.APP_LAUNCHED: "foreground", K.APP_BACKGROUND: "background",
               K.APP_THAWED: "background", K.APP_SUSPENDED: "suspended", K.APP_KILLED: "dead"}
_DEVICE_LANES = (("battery", "battery"), ("charging", "charging"), ("screen", "screen"), ("service", "service"))


def battery_state(level: int, threshold: int) -> str:
    return f"{'low' if level <= threshold else 'ok'}:{level}"


class Timeline:
    def __init__(self, start: Snapshot | None = None, *, begins_ms: int = 0, truncated: bool = False) -> None:
        """Empty, or (with `start`) seeded with the device, apps and live tasks of that snapshot."""
        self.begins_ms = begins_ms
        self.truncated = truncated
        self.device: dict[str, Lane] = {k: Lane(("device", k), "device", label) for k, label in _DEVICE_LANES}
        self.apps: dict[str, Lane] = {}
        self.children: dict[str, list[Lane]] = {}
        self._transient: dict[int, Lane] = {}
        self._continuous: dict[int, Lane] = {}
        self._grants: dict[tuple[str, int, str], Lane] = {}  # (bundle, type bit, "app" | "process")

        self.threshold = 20
        self.level = 100
        self.last_ms = begins_ms
        self.revision = 0  # grows with every event heard: views redraw only when it moved
        if start is not None:
            self._seed(start, begins_ms)

    # -- building ------------------------------------------------------------------------------
    @classmethod
    def attach(cls, emu: Emulator) -> Timeline:
        """A timeline of `emu`: every event still in its log, then each new one as it is emitted."""
        log = emu.events
        events = list(log)
        complete = log.total == len(events)
        if complete:
            from emulator.device import Device

            fresh = Device(lambda *_a, **_k: None, lambda _name: None)  # a fresh device, before any event
            timeline = cls(begins_ms=0)
            timeline._seed_device(fresh.battery_level, fresh.low_battery_threshold, fresh.charging, fresh.screen_on,
                                  True, 0)
        else:  # the log already forgot the start: begin at its oldest event, from the state now
            timeline = cls(emu.snapshot(), begins_ms=emu.now_ms, truncated=True)
            events = []
        for event in events:
            timeline.feed(event)
        log.subscribe(timeline.feed)
        return timeline

    def _seed_device(self, level: int, threshold: int, charging: bool, screen_on: bool, ready: bool, t: int) -> None:
        self.threshold, self.level = threshold, level
        self.device["battery"].label = f"battery (low ≤ {threshold}%)"
        self.device["battery"].set_state(t, battery_state(level, threshold))
        self.device["charging"].set_state(t, "charging" if charging else "unplugged")
        self.device["screen"].set_state(t, "on" if screen_on else "off")
        self.device["service"].set_state(t, "ready" if ready else "not-ready")

    def _seed(self, snap: Snapshot, t: int) -> None:
        d = snap.device
        self._seed_device(d.battery_level, d.low_battery_threshold, d.charging, d.screen_on, snap.service_ready, t)
        for app in snap.apps:
            self._app_lane(app.bundle_name, app.label).set_state(t, app.state)
        for task in snap.transient_tasks:
            lane = self._child(task.bundle_name, ("transient", task.request_id, -1), "transient",
                               f"transient {task.request_id} {task.reason!r}")
            lane.set_state(t, "counting" if task.counting else "paused")
            self._transient[task.request_id] = lane
        for task in snap.continuous_tasks:
            lane = self._child(task.bundle_name, ("continuous", task.continuous_task_id, -1), "continuous",
                               f"continuous {task.continuous_task_id} {','.join(task.modes)}")
            lane.set_state(t, "suspended" if task.suspended else "active")
            self._continuous[task.continuous_task_id] = lane
        for grant in snap.efficiency_grants:
            self._grant_lane(grant.bundle_name, grant.resource_type.bit_length() - 1, grant.scope,
                             -1).set_state(t, "held")

    def _app_lane(self, bundle: str, label: str | None = None) -> Lane:
        lane = self.apps.get(bundle)
        if lane is None:
            lane = self.apps[bundle] = Lane(("app", bundle), "app", label or bundle, bundle)
            self.children[bundle] = []
        return lane

    def _child(self, bundle: str, key: tuple, kind: str, label: str) -> Lane:
        self._app_lane(bundle)
        lane = Lane((kind, bundle) + key[1:], kind, label, bundle)
        self.children[bundle].append(lane)
        return lane

    def _grant_lane(self, bundle: str, bit: int, scope: str, seq: int) -> Lane:
        lane = self._grants.get((bundle, bit, scope))
        if lane is None or not lane.open:
            name = RESOURCE_NAMES[bit] if 0 <= bit < len(RESOURCE_NAMES) else f"type {1 << bit}"
            label = f"grant {name}" + (" (process)" if scope == "process" else "")
            lane = self._child(bundle, ("grant", bit, scope, seq), "grant", label)
            self._grants[(bundle, bit, scope)] = lane
        return lane

    def feed(self, e: Event) -> None:
        """Take one event into account (events arrive in time order)."""
        self.revision += 1
        t, kind, data = e.time_ms, e.kind, e.data
        self.last_ms = t
        handler = _HANDLERS.get(kind)
        if handler is not None:
            handler(self, e, t, data)
        code = data.get("code")
        if e.app is not None and code is not None and (e.is_refusal or kind is K.FAULT_FIRED):
            lane = self._app_lane(e.app)  # a refusal is a mark on its caller's lane, with its code
            lane.marks.append(Mark(t, "refusal", f"{data.get('function', kind.value)}: {code}", e.seq))
            lane.seqs.append(e.seq)

    def relabel(self, snap: Snapshot) -> None:
        """Name each app's lane by its label (an install event gives only the bundle name)."""
        for app in snap.apps:
            lane = self.apps.get(app.bundle_name)
            if lane is not None and lane.label == app.bundle_name:
                lane.label = app.label

    # -- reading -------------------------------------------------------------------------------
    def lanes(self) -> list[tuple[int, Lane]]:
        """Every lane in drawing order, with its depth: the device's, then each app and its tasks."""
        out = [(0, lane) for lane in self.device.values()]
        for bundle, lane in self.apps.items():
            out.append((0, lane))
            out.extend((1, child) for child in self.children[bundle])
        return out

    def lane(self, key: tuple) -> Lane | None:
        return next((lane for _depth, lane in self.lanes() if lane.key == key), None)

    def state_at(self, t: int) -> TimelineState:
        apps = {b: s for b, lane in self.apps.items() if (s := lane.state_at(t)) is not None}
        transient, continuous = {}, {}
        grants: dict[tuple[str, int, str], str] = {}
        for bundle in self.apps:
            for lane in self.children[bundle]:
                state = lane.state_at(t)
                if state is None:
                    continue
                if lane.kind == "transient":
                    transient[lane.key[2]] = state
                elif lane.kind == "continuous":
                    continuous[lane.key[2]] = state
                elif lane.kind == "grant":
                    grants[(bundle, lane.key[2], lane.key[3])] = state  # key: ("grant", bundle, bit, scope, seq)
        return TimelineState(apps, transient, continuous, grants)


# -- what each event does to the lanes ---------------------------------------------------------------
Handler = Callable[[Timeline, Event, int, dict], None]


def _app_state(tl: Timeline, e: Event, t: int, data: dict) -> None:
    lane = tl._app_lane(e.app)  # type: ignore[arg-type]
    lane.set_state(t, _APP_STATES[e.kind])
    lane.seqs.append(e.seq)


def _installed(tl: Timeline, e: Event, t: int, data: dict) -> None:
    tl._app_lane(e.app).seqs.append(e.seq)  # type: ignore[arg-type]


def _requested(tl: Timeline, e: Event, t: int, data: dict) -> None:
    rid = e.subject
    lane = tl._child(e.app, ("transient", rid, e.seq), "transient", f"transient {rid}")  # type: ignore[arg-type]
    lane.label = f"transient {rid} " + e.reason.split("(", 1)[1].split(")", 1)[0] if "(" in e.reason else lane.label
    lane.set_state(t, "paused")
    lane.seqs.append(e.seq)
    tl._transient[rid] = lane  # type: ignore[index]


def _counting(state: str) -> Handler:
    def handle(tl: Timeline, e: Event, t: int, data: dict) -> None:
        for rid in data.get("request_ids", ()):
            lane = tl._transient.get(rid)
            if lane is not None and lane.open:
                lane.set_state(t, state)
                lane.seqs.append(e.seq)
    return handle


def _expiring(tl: Timeline, e: Event, t: int, data: dict) -> None:
    lane = tl._transient.get(e.subject)  # type: ignore[arg-type]
    if lane is not None:
        again = bool(data.get("repeat"))
        lane.marks.append(Mark(t, "callback-again" if again else "callback",
                               "about to time out again (no callback)" if again else "about to time out: callback",
                               e.seq))
        lane.seqs.append(e.seq)


_TRANSIENT_ENDS = {K.TRANSIENT_CANCELLED: ("cancelled", "cancelled by the app"),
                   K.TRANSIENT_FORCE_CANCELLED: ("force-cancelled", "force-cancelled after the callback")}


def _transient_end(tl: Timeline, e: Event, t: int, data: dict) -> None:
    lane = tl._transient.pop(e.subject, None)  # type: ignore[arg-type]
    if lane is None:
        return
    if e.kind is K.TRANSIENT_REMOVED:
        kind, words = (("lost", "lost: the service restarted") if e.reason.startswith("lost")
                       else ("process-gone", "gone with the app's process"))
    else:
        kind, words = _TRANSIENT_ENDS[e.kind]
    lane.close(t, kind, words, e.seq)
    lane.seqs.append(e.seq)


def _continuous_start(tl: Timeline, e: Event, t: int, data: dict) -> None:
    tid = e.subject
    lane = tl._continuous.get(tid)  # type: ignore[arg-type]
    if lane is None or not lane.open:
        modes = ",".join(data.get("modes", ()))
        lane = tl._child(e.app, ("continuous", tid, e.seq), "continuous",  # type: ignore[arg-type]
                         f"continuous {tid} {modes}".rstrip())
        tl._continuous[tid] = lane  # type: ignore[index]
    lane.set_state(t, "suspended" if "still suspended" in e.reason else "active")
    lane.seqs.append(e.seq)


def _continuous_state(state: str) -> Handler:
    def handle(tl: Timeline, e: Event, t: int, data: dict) -> None:
        lane = tl._continuous.get(e.subject)  # type: ignore[arg-type]
        if lane is not None and lane.open:
            lane.set_state(t, state)
            lane.seqs.append(e.seq)
    return handle


def _continuous_updated(tl: Timeline, e: Event, t: int, data: dict) -> None:
    lane = tl._continuous.get(e.subject)  # type: ignore[arg-type]
    if lane is not None:
        lane.seqs.append(e.seq)


def _continuous_end(tl: Timeline, e: Event, t: int, data: dict) -> None:
    lane = tl._continuous.pop(e.subject, None)  # type: ignore[arg-type]
    if lane is None:
        return
    if e.kind is K.CONTINUOUS_DROPPED:
        kind, words = "process-gone", "not restored: its process no longer runs"
    else:
        why = e.reason.split("ended: ", 1)[-1]
        kind = "stopped" if e.kind is K.CONTINUOUS_STOPPED else "cancelled-system"
        words = why
    lane.close(t, kind, words, e.seq)
    lane.seqs.append(e.seq)


def _bits(mask: int) -> list[int]:
    return [i for i in range(mask.bit_length()) if mask >> i & 1]


def _grants(tl: Timeline, e: Event, t: int, data: dict) -> None:
    """Each efficiency event: the app's grant lanes follow what it holds right after it (the event says, per
    scope: an app grant and a process grant of the same type are two lanes)."""
    if e.app is None or "held_app" not in data:
        return
    held = {(bit, "app") for bit in _bits(int(data["held_app"]))} | {
        (bit, "process") for bit in _bits(int(data["held_process"]))}
    if e.kind is K.EFFICIENCY_RESET:
        kind, words = "released", "reset by the app"
    elif e.kind is K.EFFICIENCY_EXPIRED:
        kind, words = "expired", "its timeOut ran out"
    else:
        kind, words = "released", e.reason.split(";", 1)[0]
    for (bundle, bit, scope), lane in list(tl._grants.items()):
        if bundle == e.app and lane.open and (bit, scope) not in held:
            lane.close(t, kind, words, e.seq)
            lane.seqs.append(e.seq)
    named = int(data.get("granted", data.get("resource_types", 0)) or 0)
    for bit, scope in sorted(held):
        lane = tl._grant_lane(e.app, bit, scope, e.seq)
        if lane.state_at(t) != "held":
            lane.set_state(t, "held")
            lane.seqs.append(e.seq)
        elif e.kind is not K.EFFICIENCY_EXPIRED and named >> bit & 1:
            lane.seqs.append(e.seq)  # asked again (a merge) or partly released: one of the events that made it


def _device(tl: Timeline, e: Event, t: int, data: dict) -> None:
    k = e.kind
    if k is K.BATTERY:
        tl.level = data.get("level", tl.level)
        tl.threshold = data.get("threshold", tl.threshold)
        tl.device["battery"].label = f"battery (low ≤ {tl.threshold}%)"
        lane, state = tl.device["battery"], battery_state(tl.level, tl.threshold)
    elif k is K.CHARGING:
        lane, state = tl.device["charging"], "charging" if data.get("charging") else "unplugged"
    elif k is K.SCREEN:
        lane, state = tl.device["screen"], "on" if "turned on" in e.reason else "off"
    else:
        lane, state = tl.device["service"], "ready" if data.get("ready") else "not-ready"
    lane.set_state(t, state)
    lane.seqs.append(e.seq)


def _restarted(tl: Timeline, e: Event, t: int, data: dict) -> None:
    lane = tl.device["service"]
    words = "the device rebooted" if e.kind is K.REBOOTED else "the service restarted"
    lane.marks.append(Mark(t, "restart", words, e.seq))
    lane.seqs.append(e.seq)


_HANDLERS: dict[K, Handler] = {
    K.SERVICE_RESTARTED: _restarted,
    K.REBOOTED: _restarted,
    K.APP_INSTALLED: _installed,
    **{k: _app_state for k in _APP_STATES},
    K.TRANSIENT_REQUESTED: _requested,
    K.TRANSIENT_COUNTING: _counting("counting"),
    K.TRANSIENT_PAUSED: _counting("paused"),
    K.TRANSIENT_EXPIRING: _expiring,
    K.TRANSIENT_CANCELLED: _transient_end,
    K.TRANSIENT_FORCE_CANCELLED: _transient_end,
    K.TRANSIENT_REMOVED: _transient_end,
    K.CONTINUOUS_STARTED: _continuous_start,
    K.CONTINUOUS_RESTORED: _continuous_start,
    K.CONTINUOUS_UPDATED: _continuous_updated,
    K.CONTINUOUS_SUSPENDED: _continuous_state("suspended"),
    K.CONTINUOUS_ACTIVATED: _continuous_state("active"),
    K.CONTINUOUS_STOPPED: _continuous_end,
    K.CONTINUOUS_CANCELLED: _continuous_end,
    K.CONTINUOUS_DROPPED: _continuous_end,
    K.EFFICIENCY_APPLIED: _grants,
    K.EFFICIENCY_RESTORED: _grants,
    K.EFFICIENCY_RELEASED: _grants,
    K.EFFICIENCY_EXPIRED: _grants,
    K.EFFICIENCY_RESET: _grants,
    K.BATTERY: _device,
    K.CHARGING: _device,
    K.SCREEN: _device,
    K.SERVICE_READY: _device,
}
