"""The event log: every event with its virtual time and reason; `/` filter, follow, freeze.

New events are read from the engine's log once per tick (`events.since`), appended, never
re-listed. A playing scenario's own entries (its calls, actions, callbacks and checks) are merged
in, each after the engine event it followed. Freezing the view keeps what is shown while the
clock (and the engine) go on; the held events are added when the view thaws.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from emulator.events import Event, EventKind
from emulator.snapshot import Snapshot
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.reactive import reactive

from bgtui import format as fmt
from bgtui.log_filter import LogEntry, compile_filter
from bgtui.scenario_trace import ScenarioLine
from bgtui.widgets.snapshot_view import watch_snapshot
from bgtui.widgets.table import Cell, Column, SnapshotTable

if TYPE_CHECKING:
    from textual.widgets import Input

__all__ = ["EventLog", "EventLogPanel"]

MAX_ROWS = 10_000

_KIND_STYLES = {
    EventKind.TRANSIENT_EXPIRING: "countdown-expiring", EventKind.TRANSIENT_FORCE_CANCELLED: "countdown-expiring",
    EventKind.APP_KILLED: "state-dead", EventKind.APP_SUSPENDED: "state-suspended",
    EventKind.FAULT_FIRED: "refused", EventKind.APP_CALLBACK_ERROR: "refused",
}


def row_key(entry: LogEntry) -> int | tuple[str, int]:
    """An engine event's seq, or a scenario entry's ("scenario", n)."""
    return entry.key if isinstance(entry, ScenarioLine) else entry.seq


def merged(events: list[Event], lines: list[ScenarioLine]) -> list[LogEntry]:
    """Both streams in the order they happened: a scenario entry follows the event it came after."""
    if not lines:
        return list(events)
    out: list[LogEntry] = []
    i = 0
    for line in lines:
        while i < len(events) and events[i].seq <= line.after_seq:
            out.append(events[i])
            i += 1
        out.append(line)
    out.extend(events[i:])
    return out


class EventLog(SnapshotTable):
    KIND = "event"
    EMPTY = "No events yet."
    SORTABLE = False  # time order is what a log is
    COLUMNS: ClassVar[tuple[Column, ...]] = (
        Column("time", "Time", 15),
        Column("app", "App", 10),
        Column("kind", "Kind", 25),
        Column("subject", "Subject", 8, drop=1, right=True),
        Column("reason", "Reason", 30, flex=1),
    )

    follow: reactive[bool] = reactive(True)
    """Keep the newest event in view."""
    frozen: reactive[bool] = reactive(False)
    """Hold new events back (the clock keeps running)."""
    query: reactive[str] = reactive("")
    """The `/` filter."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._events: list[LogEntry] = []  # everything read, filtered or not (bounded)
        self._held: list[LogEntry] = []  # read while frozen
        self._last_seq = 0
        self._last_line = 0  # scenario entries read
        self._labels: dict[str, str] = {}
        self._matcher = compile_filter("")

    def on_mount(self) -> None:
        self.anchor(self.follow)  # the compositor keeps an anchored view at the newest line
        watch_snapshot(self, self.show)

    @property
    def held(self) -> int:
        return len(self._held)

    def show(self, snapshot: Snapshot) -> None:
        session = self.app.session  # type: ignore[attr-defined]
        if snapshot.events_total == self._last_seq and session.trace.total == self._last_line:
            return
        if not self._labels or len(self._labels) != len(snapshot.apps):
            self._labels = {a.bundle_name: a.label for a in snapshot.apps}
        new = merged(session.emu.events.since(self._last_seq), session.trace.since(self._last_line))
        self._last_seq, self._last_line = snapshot.events_total, session.trace.total
        if self.frozen:
            self._held.extend(new)
            del self._held[:-MAX_ROWS]
            self.post_message(self.Highlighted(self, self.cursor_key))  # the panel's title shows the count
            return
        self._append(new)

    def start_over(self) -> None:
        """Read the app's session again from its first entry (another device: a rewound moment), and
        follow: the newest entry is the moment shown."""
        self._events, self._held, self._last_seq, self._last_line = [], [], 0, 0
        self._replace([], {})
        self.follow = True

    def _label(self, event: LogEntry) -> str:
        return self._labels.get(event.app, event.app) if event.app else ""

    def _shown(self, event: LogEntry) -> bool:
        return self._matcher is None or self._matcher(event, self._label(event))

    def _append(self, new: list[LogEntry]) -> None:
        if not new:
            return
        self._events.extend(new)
        dropped = self._events[:-MAX_ROWS]
        del self._events[:-MAX_ROWS]
        keys, views = self._keys, self._views
        shown = [e for e in new if self._shown(e)]
        if not shown and not dropped:
            return
        gone = {row_key(e) for e in dropped}
        keys = [k for k in keys if k not in gone] if gone else list(keys)
        views = {k: v for k, v in views.items() if k not in gone} if gone else dict(views)
        for event in shown:
            key = row_key(event)
            keys.append(key)
            views[key] = event
        self._replace(keys, views)
        self._follow()

    def _follow(self) -> None:
        """Put the cursor on the newest line; the anchor scrolls there at the next layout."""
        if self.follow and self._keys:
            if self._cursor != len(self._keys) - 1:
                self._cursor = len(self._keys) - 1
                self.refresh()
            self._announce()

    def _refilter(self) -> None:
        shown = [e for e in self._events if self._shown(e)]
        self._replace([row_key(e) for e in shown], {row_key(e): e for e in shown})
        self._follow()

    def watch_query(self, query: str) -> None:
        self._matcher = compile_filter(query)
        self.EMPTY = f"No event matches the filter {query!r}." if query else EventLog.EMPTY
        self._refilter()

    def watch_frozen(self, frozen: bool) -> None:
        if not frozen and self._held:
            held, self._held = self._held, []
            self._append(held)

    def watch_follow(self, follow: bool) -> None:
        if self.is_mounted:
            self.anchor(follow)
        self._follow()

    def action_cursor(self, delta: int) -> None:
        if delta < 0:
            self.follow = False
        super().action_cursor(delta)

    def action_page(self, delta: int) -> None:
        if delta < 0:
            self.follow = False
        super().action_page(delta)

    def bundle_of(self, key: object) -> str | None:
        entry = self._views.get(key)
        return entry.app if entry is not None else None

    def cells(self, view: LogEntry) -> dict[str, Cell]:
        if isinstance(view, ScenarioLine):
            return self._scenario_cells(view)
        style = "refused" if view.is_refusal else _KIND_STYLES.get(view.kind, "accent")
        return {
            "time": [(fmt.stamp(view.time_ms), "dim")],
            "app": [(self._label(view) or "—", "bold" if view.app else "dim")],
            "kind": [(view.kind.value, style)],
            "subject": [("" if view.subject is None else str(view.subject), "dim")],
            "reason": [(view.reason, "refused" if view.is_refusal or view.kind is EventKind.FAULT_FIRED else None)],
        }

    def _scenario_cells(self, line: ScenarioLine) -> dict[str, Cell]:
        """The scenario's own entries read apart from the engine's: italic, the step's file line as subject."""
        passed = line.kind == "scenario.expect" and not line.is_refusal
        style = "refused" if line.is_refusal else "scenario-ok" if passed else "scenario"
        return {
            "time": [(fmt.stamp(line.time_ms), "dim")],
            "app": [(self._label(line) or "—", "bold" if line.app else "dim")],
            "kind": [(line.kind, style)],
            "subject": [("" if line.line is None else f"line {line.line}", "dim")],
            "reason": [(line.reason, "refused" if line.is_refusal else "italic")],
        }


class EventLogPanel(Vertical):
    """The log and its filter box; the title says what the view does (follow, frozen, filter)."""

    ALLOW_MAXIMIZE = True  # `Z` zooms the log with its title

    DEFAULT_CSS = """
    EventLogPanel {
        & > Input { dock: bottom; display: none; height: 1; border: none; padding: 0 1;
                    &:focus { border: none; } }
        &.-filtering > Input { display: block; }
        & > EventLog { height: 1fr; }
    }
    """

    def compose(self) -> ComposeResult:
        yield EventLog(id="log")  # the filter box is mounted on the first `/`

    async def _filter_box(self) -> Input:
        from bgtui.widgets.filter_box import FilterBox

        boxes = self.query("#log-filter")
        if boxes:
            return boxes.first(FilterBox)
        box = FilterBox(placeholder="filter: words, app:NAME, kind:KIND, !exclude — enter keeps, esc clears",
                    id="log-filter")
        await self.mount(box)
        return box

    @property
    def log_view(self) -> EventLog:
        return self.query_one(EventLog)

    def on_mount(self) -> None:
        self.border_title = "Event log"
        log = self.log_view
        for name in ("follow", "frozen", "query"):
            self.watch(log, name, lambda _value: self._retitle())

    def on_snapshot_table_highlighted(self, message: SnapshotTable.Highlighted) -> None:
        self._retitle()

    def _retitle(self) -> None:
        log = self.log_view
        parts = [f"{log.row_count} shown"]
        if log.query:
            parts.append(f"filter: {log.query}")
        parts.append("follow: on (l)" if log.follow else "follow: off (l)")
        if log.frozen:
            parts.append(f"FROZEN, {log.held} held (p)")
        self.border_subtitle = " · ".join(parts)

    async def open_filter(self) -> None:
        box = await self._filter_box()
        box.value = self.log_view.query
        self.add_class("-filtering")
        box.focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.log_view.query = event.value.strip()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.remove_class("-filtering")
        self.log_view.focus()

    def key_escape(self) -> None:
        if self.has_class("-filtering"):
            self.query_one("#log-filter").value = ""  # type: ignore[attr-defined]
            self.log_view.query = ""
            self.remove_class("-filtering")
            self.log_view.focus()
