"""The one screen that tells the story: clock and device, apps, tasks, grants, notifications, log, details."""

from __future__ import annotations

from typing import ClassVar, Hashable

from emulator.snapshot import Snapshot
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.reactive import reactive
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Static

from bgtui.actions import DeviceActions, SessionActions, WorldActions
from bgtui.actions.timeline import TimelineActions
from bgtui.actions.reach import ReachActions
from bgtui.keymap import main_bindings
from bgtui.widgets.apps_table import AppsTable
from bgtui.widgets.clock_bar import ClockBar
from bgtui.widgets.continuous_table import ContinuousTable
from bgtui.widgets.details import DetailsPane
from bgtui.widgets.event_log import EventLog, EventLogPanel
from bgtui.widgets.grants_table import GrantsTable
from bgtui.widgets.key_bar import KeyBar
from bgtui.widgets.notifications import NotificationsTable
from bgtui.widgets.overrides_banner import OverridesBanner
from bgtui.widgets.snapshot_view import watch_snapshot
from bgtui.widgets.table import SnapshotTable
from bgtui.widgets.timeline import RewindBanner, TimelinePanel
from bgtui.widgets.transient_table import TransientTable

__all__ = ["MainScreen", "PANELS"]

# (panel id, table id, title), in the order of the 1..6 keys; a table is its own framed panel
PANELS: tuple[tuple[str, str, str], ...] = (
    ("apps", "apps", "Apps"),
    ("transient", "transient", "Transient tasks"),
    ("continuous", "continuous", "Continuous tasks"),
    ("grants", "grants", "Efficiency grants"),
    ("notifications", "notifications", "Notifications"),
    ("log-panel", "log", "Event log"),
)
_TABLE_CLASSES: dict[str, type[SnapshotTable]] = {
    "apps": AppsTable, "transient": TransientTable, "continuous": ContinuousTable, "grants": GrantsTable,
    "notifications": NotificationsTable,
}
_KIND_TABLE = {cls.KIND: table_id for table_id, cls in {**_TABLE_CLASSES, "log": EventLog}.items()}

Selection = tuple[str, Hashable]


class MainScreen(ReachActions, WorldActions, DeviceActions, SessionActions, TimelineActions, Screen[None]):
    BINDINGS: ClassVar = main_bindings()
    HORIZONTAL_BREAKPOINTS: ClassVar = [(0, "-narrow"), (120, "-wide")]
    VERTICAL_BREAKPOINTS: ClassVar = [(0, "-short"), (36, "-tall")]

    selection: reactive[Selection | None] = reactive(None)
    """The selected row: (table kind, row key). Details show it; the keys act on its app."""
    acting_as: reactive[str | None] = reactive(None)
    """The bundle name the keys act as."""

    def __init__(self) -> None:
        super().__init__()
        self._disabled: frozenset[str] | None = None  # computed when the footer first asks

    def _breakpoint_classes(self) -> list[str]:
        """The breakpoint classes for the app's size now: set before the first layout, so Textual's
        own breakpoint update on the first resize finds nothing to change (no second styling pass)."""
        width, height = self.app.size
        return [max((b for b in self.HORIZONTAL_BREAKPOINTS if width >= b[0]), key=lambda b: b[0])[1],
                max((b for b in self.VERTICAL_BREAKPOINTS if height >= b[0]), key=lambda b: b[0])[1]]

    def compose(self) -> ComposeResult:
        self.add_class(*self._breakpoint_classes())
        snapshot = self.app.snapshot
        first = snapshot.apps[0].bundle_name if snapshot is not None and snapshot.apps else None
        self.set_reactive(MainScreen.selection, ("app", first) if first else None)  # act as the first app
        self.set_reactive(MainScreen.acting_as, first)  # until a row is chosen
        with Vertical(id="top"):
            yield ClockBar(id="clock")
            yield OverridesBanner(id="overrides")
            yield RewindBanner(id="rewind-banner")
        with Horizontal(id="body"):
            with Vertical(id="left"):
                for _panel_id, table_id, _title in PANELS[:5]:
                    yield _TABLE_CLASSES[table_id](id=table_id, classes="panel")
            yield DetailsPane(id="details", classes="panel")
        yield TimelinePanel(id="timeline", classes="panel")
        yield EventLogPanel(id="log-panel", classes="panel")
        yield Static(id="too-small")
        yield KeyBar()

    AUTO_FOCUS = "#apps"

    def on_mount(self) -> None:
        self._panels_mounted()
        watch_snapshot(self, self._on_snapshot)

    # -- room: every panel visible (bgtui.widgets.panel_layout) ------------------------------------
    def _fit(self) -> None:
        from bgtui.widgets.panel_layout import MIN_SIZE, fit_panels, too_small_text

        width, height = self.app.size
        small = width < MIN_SIZE[0] or height < MIN_SIZE[1]
        self.set_class(small, "-too-small")
        if small:
            self.query_one("#too-small", Static).update(too_small_text(width, height, self.app.driver.running))
            return
        if self.maximized is not None:
            return  # a zoomed panel has the whole screen
        tables = [table for _p, table_id, _t in PANELS[:5] for table in self.query(f"#{table_id}")]
        if len(tables) < 5:
            return  # between a restart's recompose and its new panels (a reloaded scenario): fitted once they mount
        fit_panels(self, tables, [title for _p, _t, title in PANELS[:5]])

    def on_resize(self) -> None:
        self.call_after_refresh(self._fit)

    def on_descendant_focus(self) -> None:
        self._focus_to = None
        self._fit()

    _focus_to: SnapshotTable | None = None
    """The table a number key focused, until focus arrives there (Textual moves it later)."""

    @property
    def focus_target(self) -> Widget | None:
        """The focused widget, or the table focus is on its way to: what the next key acts on."""
        return self._focus_to or self.focused

    def _panels_mounted(self) -> None:
        for number, (panel_id, _table_id, title) in enumerate(PANELS, 1):
            self.query_one(f"#{panel_id}").border_title = f"{number} {title}"
        self.query_one("#details").border_title = "Details"
        self.apply_timeline_mode()
        self.watch_selection(self.selection)
        self.watch_acting_as(self.acting_as)
        self.watch(self.query_one(EventLog), "follow", lambda _on: self.refresh_bindings(), init=False)

    async def restart(self) -> None:
        """Every panel afresh, for the app's new device (a reloaded scenario): rows, log, selection."""
        await self.recompose()
        self._disabled = None
        self._panels_mounted()
        self.query_one(f"#{PANELS[0][1]}").focus()

    # -- selection ---------------------------------------------------------------------------
    def on_snapshot_table_highlighted(self, message: SnapshotTable.Highlighted) -> None:
        table = message.table
        if table.has_focus or self.selection is None:
            self.selection = None if message.key is None else (table.KIND, message.key)

    def sync_selection(self, table: SnapshotTable | None = None) -> None:
        """The selection is the row under the cursor of `table` (default: the one keys act on)."""
        focused = self.focus_target if table is None else table
        if isinstance(focused, SnapshotTable) and focused.cursor_key is not None:
            selection = (focused.KIND, focused.cursor_key)
            if selection != self.selection:
                self.selection = selection

    def watch_selection(self, selection: Selection | None) -> None:
        self.query_one(DetailsPane).selection = selection
        bundle = self._bundle_of(selection)
        if bundle is not None:
            self.acting_as = bundle

    def watch_acting_as(self, bundle: str | None) -> None:
        snapshot = self.app.snapshot
        view = snapshot.app(bundle) if snapshot is not None and bundle else None
        self.query_one(ClockBar).acting_as = view.label if view else (bundle or "")
        self._refresh_footer()

    def _bundle_of(self, selection: Selection | None) -> str | None:
        if selection is None:
            return None
        kind, key = selection
        if kind == "lane":  # a timeline lane: (kind, bundle, ...) or a device lane's ("device", part)
            return key[1] if key[0] != "device" else None  # type: ignore[index]
        return self.query_one(f"#{_KIND_TABLE[kind]}", SnapshotTable).bundle_of(key)

    # -- footer ------------------------------------------------------------------------------
    def _on_snapshot(self, snapshot: Snapshot) -> None:
        self._refresh_footer()
        counts = (len(snapshot.apps), len(snapshot.transient_tasks), len(snapshot.continuous_tasks),
                  len(snapshot.efficiency_grants), len(snapshot.notifications))
        before = getattr(self, "_counts", None)
        if counts != before:
            self._counts = counts
            rows = tuple(table.row_count for _p, table_id, _t in PANELS[:5] for table in self.query(f"#{table_id}"))
            if before is not None and rows == counts:  # laid out once, and
                self._fit()  # the tables took their new rows already: the new heights land in this frame
            else:
                self.call_after_refresh(self._fit)  # after the tables took their new rows

    def _disabled_now(self) -> frozenset[str]:
        snap = self.app.snapshot
        app = snap.app(self.acting_as) if snap is not None and self.acting_as else None
        off = set()
        if app is None or app.state == "foreground":
            off.add("app_foreground")
        if app is None or app.state in ("background", "suspended", "dead"):
            off.add("app_background")
        if app is None or app.state == "dead":
            off.add("app_kill")
        if snap is not None:
            if not snap.transient_tasks:
                off.add("cancel_transient")
            if not snap.overrides:
                off.add("reset_overrides")
        return frozenset(off)

    def _refresh_footer(self) -> None:
        disabled = self._disabled_now()
        if disabled != self._disabled:
            self._disabled = disabled
            self.refresh_bindings()

    def key_state(self, action: str) -> bool | None:
        """How the footer shows a key: True as usual, None greyed (it would change nothing), False not
        at all. Every key still runs, greyed or not, and says why when it changes nothing."""
        if self._disabled is None:
            self._disabled = self._disabled_now()
        if action == "reset_overrides" and action in self._disabled:
            return False  # shown only when there is something to reset
        return None if action in self._disabled else True

    # -- view actions ------------------------------------------------------------------------
    def action_focus_panel(self, number: int) -> None:
        _panel, table_id, _title = PANELS[number - 1]
        table = self.query_one(f"#{table_id}", SnapshotTable)
        table.focus()
        self._focus_to = table if self.focused is not table else None
        self.sync_selection(table)  # now: focus moves later, and the next key acts on this panel's row

    async def action_filter_log(self) -> None:
        await self.query_one(EventLogPanel).open_filter()

    def action_toggle_follow(self) -> None:
        log = self.query_one(EventLog)
        log.follow = not log.follow

    def footer_label(self, action: str, label: str) -> str:
        """A toggle's footer label says its state (bgtui.widgets.key_bar asks)."""
        if action == "toggle_follow":
            return f"{label}: {'on' if self.query_one(EventLog).follow else 'off'}"
        return label

    def action_toggle_log_pause(self) -> None:
        log = self.query_one(EventLog)
        log.frozen = not log.frozen

    def action_toggle_details(self) -> None:
        """Go to the details (narrow: shown over the panels) to scroll them; again, or esc, to come back."""
        details = self.query_one(DetailsPane)
        if details.has_focus or self.has_class("-details"):
            self.action_details_back()
            return
        self.sync_selection()  # the row under the cursor now, even if its Highlighted message is still queued
        focused = self.focus_target  # a number key just before: its table, where focus is going
        self._details_from = focused.id if isinstance(focused, SnapshotTable) else None
        if self.has_class("-narrow"):
            self.add_class("-details")
            self.call_after_refresh(details.focus)
        else:
            details.focus()

    def action_cycle_sort(self) -> None:
        table = self.focus_target
        if not isinstance(table, SnapshotTable):
            self.app.notify("Focus a table first (1–6).", title="Sort", severity="warning", timeout=4)
            return
        if not table.SORTABLE:
            self.app.notify("The event log stays in time order (/ filters it).", title="Sort", severity="warning",
                            timeout=4)
            return
        table.cycle_sort()  # the header marks the column and the direction: no toast over the rows

    def action_zoom(self) -> None:
        """The focused panel over the whole screen (htop, k9s habits), and back."""
        if self.maximized is not None:
            self._unzoom()
            return
        focused = self.focus_target
        if focused is None:
            return
        target = focused.parent if isinstance(focused, EventLog) else focused  # the log with its title
        if self.maximize(target, container=False):  # type: ignore[arg-type]
            target.styles.height = target.styles.max_height = "1fr"  # over the fitted height
            target.styles.min_height = None

    def _unzoom(self) -> None:
        self.minimize()
        for panel_id, _table, _title in PANELS[:5]:
            self.query_one(f"#{panel_id}").styles.height = None  # fitted afresh
        self._fit()

    def key_escape(self) -> None:
        if self.maximized is not None:
            self._unzoom()

    def action_details_back(self) -> None:
        """esc in the details: back to the table they came from."""
        self.remove_class("-details")
        self.query_one(f"#{getattr(self, '_details_from', None) or PANELS[0][1]}").focus()

    def action_help(self) -> None:
        from bgtui.screens.help import HelpScreen  # Markdown is slow to import: not at start-up

        self.app.push_screen(HelpScreen())

