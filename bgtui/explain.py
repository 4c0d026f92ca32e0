"""The details of a selected row: every field, its history, and why it is in its state. No Textual."""

from __future__ import annotations

from typing import Any, Hashable

from emulator.events import Event
from emulator.modes import RESOURCE_TYPE_NAMES
from emulator.service.transient_model import ADVANCE_TIME_MS, ALLOW_REQUEST_TIME_BG_MS, WATCHDOG_DELAY_TIME_MS
from emulator.snapshot import AppView, Snapshot

from bgtui import format as fmt
from bgtui.describe import awake_text, group_grants, suspend_reason_text, transient_status
from bgtui.scenario_trace import ScenarioLine
from bgtui.session import Session

__all__ = ["Details", "explain", "HISTORY_ROWS"]

HISTORY_ROWS = 12


class Details:
    """What the details pane shows for one row."""

    __slots__ = ("title", "fields", "why", "history")

    def __init__(self, title: str) -> None:
        self.title = title
        self.fields: list[tuple[str, str]] = []  # every field, in words
        self.why: list[str] = []  # why it is in its state
        self.history: list[Event] = []  # the last events about it, oldest first


def _history(events: list[Event], app: str | None, subject: Any = None, areas: tuple[str, ...] = ()) -> list[Event]:
    """The last HISTORY_ROWS events about the row, oldest first (searched from the newest)."""
    out: list[Event] = []
    for e in reversed(events):
        if (app is None or e.app == app) and (subject is None or e.subject == subject) \
                and (not areas or e.kind.area in areas):
            out.append(e)
            if len(out) == HISTORY_ROWS:
                break
    out.reverse()
    return out


def _yes(value: bool) -> str:
    return "yes" if value else "no"


def prose(value: object) -> str:
    """A value of an event's data as people write it: yes/no, none, lists joined, not Python reprs."""
    if isinstance(value, bool):
        return _yes(value)
    if value is None:
        return "none"
    if isinstance(value, str):
        return value or "(empty)"
    if isinstance(value, (list, tuple, set, frozenset)):
        return ", ".join(prose(v) for v in value) or "none"
    if isinstance(value, dict):
        return ", ".join(f"{k} {prose(v)}" for k, v in value.items()) or "none"
    return str(value)


def _at(ms: int | None, now: int) -> str:
    if ms is None:
        return "—"
    delta = ms - now
    when = f"in {fmt.remaining(delta)}" if delta >= 0 else f"{fmt.remaining(-delta)} ago"
    return f"{fmt.stamp(ms)} ({when})"


def _privileges(apply: tuple[int, ...]) -> str:
    if not apply:
        return "none"
    if 0 in apply:
        return "0: every type"
    return ", ".join(RESOURCE_TYPE_NAMES[k - 1] for k in apply if 1 <= k <= len(RESOURCE_TYPE_NAMES))


def media_text(app: AppView) -> str:
    """What changes its tasks' notification texts besides their modes."""
    parts = [("audio playing", app.audio_playing), ("AVSession notification published", app.avsession_notification),
             ("navigation capsule shown", app.navigation_capsule)]
    return ", ".join(word for word, on in parts if on)


def _app(snap: Snapshot, app: AppView, events: list[Event]) -> Details:
    d = Details(f"App {app.label}")
    d.fields = [
        ("bundle", app.bundle_name), ("uid", str(app.uid)), ("pid", str(app.pid) if app.pid >= 0 else "— (dead)"),
        ("state", app.state), ("system app", _yes(app.system_app)), ("atomic service", _yes(app.atomic_service)),
        ("permissions", ", ".join(p.rsplit(".", 1)[-1] for p in app.permissions) or "none"),
        ("declared modes", ", ".join(app.background_modes) or "none"),
        ("privileges", _privileges(app.running_resources_apply)),
        ("ability", f"{app.ability_name} #{app.ability_id}" if app.ability_id is not None else app.ability_name),
        ("daily quota left", fmt.remaining(app.quota_left_ms) + (" (draining)" if app.quota_counting else "")),
    ]
    if len(app.abilities) > 1:  # one row per UIAbility, each with its own declared modes, instead
        d.fields[7:10] = [("privileges", _privileges(app.running_resources_apply))] + [
            (f"ability {i}", f"{a.name}" + (f" #{a.ability_id}" if a.ability_id is not None else "")
             + (" (main)" if i == 1 else "") + f": {', '.join(a.background_modes) or 'no modes'}")
            for i, a in enumerate(app.abilities, 1)]
    if app.ignored_modes:
        d.fields.append(("ignored modes", ", ".join(app.ignored_modes)))
    if media_text(app):  # only when something is on: most apps have none of it
        d.fields.append(("media", media_text(app)))
    if app.background_since_ms is not None:
        end = app.background_since_ms + ALLOW_REQUEST_TIME_BG_MS
        d.fields.append(("request window ends", _at(end, snap.now_ms)))
    if app.suspend_due_ms is not None:
        d.fields.append(("suspended", _at(app.suspend_due_ms, snap.now_ms)))
    awake, _style = awake_text(app, snap.now_ms)
    d.why.append(f"Keeps it awake: {awake}.")
    last = next((e for e in reversed(events) if e.app == app.bundle_name and e.kind.area == "app"), None)
    if last is not None:
        d.why.append(f"{app.state.capitalize()} since {fmt.stamp(last.time_ms)}: {last.reason}")
    d.history = _history(events, app.bundle_name)
    return d


def _transient(snap: Snapshot, key: Hashable, events: list[Event]) -> Details | None:
    task = next((t for t in snap.transient_tasks if t.request_id == key), None)
    if task is None:
        return None
    now = snap.now_ms
    d = Details(f"Transient task {task.request_id}")
    d.fields = [
        ("app", task.bundle_name), ("uid / pid", f"{task.uid} / {task.pid}"), ("reason", repr(task.reason)),
        ("granted", f"{fmt.duration(task.actual_delay_ms)} (actualDelayTime)"),
        ("requested", _at(task.created_ms, now)),
        ("remaining", fmt.remaining(task.remaining_ms)), ("counting", _yes(task.counting)),
        ("ends", _at(task.ends_ms, now)), ("callback due", _at(task.callback_due_ms, now)),
        ("callback fired", _at(task.callback_fired_ms, now)), ("force-cancel", _at(task.force_cancel_ms, now)),
    ]
    status, _style = transient_status(task, now)
    d.why.append(status[0].upper() + status[1:] + ".")
    last = next((e for e in reversed(events) if e.subject == task.request_id and e.app == task.bundle_name
                 and e.kind.area == "transient"), None)
    if last is not None:
        d.why.append(f"Last change: {last.reason}")
    d.why.append(f"The \"about to time out\" callback fires {fmt.duration(ADVANCE_TIME_MS)} before the end; "
                 f"unless the app cancels the task, the service cancels it {fmt.duration(WATCHDOG_DELAY_TIME_MS)} "
                 f"later and the device policy acts: {snap.policy.unhandled_timeout}.")
    d.history = _history(events, task.bundle_name, task.request_id, ("transient",))
    return d


def _continuous(snap: Snapshot, key: Hashable, events: list[Event]) -> Details | None:
    task = next((t for t in snap.continuous_tasks if t.continuous_task_id == key), None)
    if task is None:
        return None
    d = Details(f"Continuous task {task.continuous_task_id}")
    d.fields = [
        ("app", task.bundle_name), ("key", task.key), ("uid / pid", f"{task.uid} / {task.pid}"),
        ("ability", f"{task.ability_name} #{task.ability_id}"), ("modes", ", ".join(task.modes)),
        ("notification", str(task.notification_id) if task.notification_id >= 0 else "none"),
        ("wantAgent", f"{task.want_agent_bundle}/{task.want_agent_ability}"),
        ("started", _at(task.started_ms, snap.now_ms)), ("listeners", ", ".join(task.listeners) or "none"),
        ("state", "suspended: " + suspend_reason_text(task.suspend_reason) if task.suspended else "active"),
    ]
    last = next((e for e in reversed(events) if e.subject == task.continuous_task_id
                 and e.kind.area == "continuous"), None)
    if last is not None:
        d.why.append(f"Last change: {last.reason}")
    d.history = _history(events, task.bundle_name, task.continuous_task_id, ("continuous",))
    return d


def _grant(snap: Snapshot, key: Hashable, events: list[Event]) -> Details | None:
    group = group_grants(snap.efficiency_grants).get(key)  # type: ignore[arg-type]
    if not group:
        return None
    first = group[0]
    d = Details(f"Efficiency grant of {first.bundle_name}")
    d.fields = [
        ("scope", first.scope if first.scope == "app" else f"process {first.pid}"), ("uid", str(first.uid)),
        ("types", ", ".join(g.type_name for g in group)),
        ("persistent", _yes(first.persistent)), ("timeOut", fmt.duration(first.time_out_ms)),
        ("ends", _at(first.ends_ms, snap.now_ms)), ("reason", first.reason),
    ]
    d.why = [f"{g.type_name}: {g.lets}" for g in group]
    d.history = _history(events, first.bundle_name, None, ("efficiency",))
    return d


def _notification(snap: Snapshot, key: Hashable, events: list[Event]) -> Details | None:
    note = next((n for n in snap.notifications if (n.notification_id, n.label) == key), None)
    if note is None:
        return None
    d = Details(f"Notification {note.notification_id}")
    d.fields = [("app", note.bundle_name), ("title", note.title), ("text", note.text), ("label", note.label),
                ("tasks", ", ".join(map(str, note.task_ids)))]
    d.why.append("Swiping it away (w) ends every continuous task that shares it.")
    d.history = _history(events, note.bundle_name, note.notification_id, ("notification",))
    return d


def _event(events: list[Event], key: Hashable) -> Details | None:
    event = next((e for e in reversed(events) if e.seq == key), None)
    if event is None:
        return None
    d = Details(f"Event {event.seq}")
    d.fields = [("time", fmt.stamp(event.time_ms)), ("kind", event.kind.value), ("app", event.app or "—"),
                ("subject", "—" if event.subject is None else str(event.subject))]
    d.fields += [(name, prose(value)) for name, value in event.data.items()]
    d.why.append(event.reason)
    return d


def _scenario_line(line: ScenarioLine, file: str) -> Details:
    d = Details(f"Scenario {line.kind.removeprefix('scenario.')}")
    d.fields = [("time", fmt.stamp(line.time_ms)), ("kind", line.kind), ("app", line.app or "—")]
    if line.line is not None:
        d.fields.append(("step", f"{line.label}, {file}:{line.line}"))
    d.fields += [(name, prose(value)) for name, value in line.data.items()]
    d.why.append(line.reason)
    return d


def explain(snap: Snapshot, kind: str, key: Hashable, events: list[Event],
            session: Session | None = None) -> Details | None:
    """The details of the row `key` of table `kind`, or None when it no longer exists. An event-log
    row may be one of the playing scenario's own entries, found in `session`."""
    if kind == "event" and isinstance(key, tuple):
        line = session.trace.line(key[1]) if session is not None else None  # empty unless a scenario plays
        return None if line is None else _scenario_line(line, session.run.scenario.file)  # type: ignore[union-attr]
    if kind == "lane" and session is not None:
        from bgtui.timeline.details import lane_details

        return lane_details(session.timeline, key, events)
    if kind == "app":
        app = snap.app(key)  # type: ignore[arg-type]
        return None if app is None else _app(snap, app, events)
    if kind == "event":
        return _event(events, key)
    builders = {"transient": _transient, "continuous": _continuous, "grant": _grant, "notification": _notification}
    builder = builders.get(kind)
    return None if builder is None else builder(snap, key, events)
