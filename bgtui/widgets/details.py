"""The details pane: every field of the selected row, why it is in its state, and its history."""

from __future__ import annotations

from typing import ClassVar, Hashable

from emulator.events import Event, EventLog
from emulator.snapshot import Snapshot
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Static

from bgtui import format as fmt
from bgtui.explain import Details, explain
from bgtui.widgets.snapshot_view import watch_snapshot

__all__ = ["DetailsPane", "render_details"]

Selection = tuple[str, Hashable]


def _hang(prefix: Content, body: Content, width: int) -> list[Content]:
    """`prefix` then `body` wrapped to the width, continuation lines indented under the body."""
    indent = prefix.cell_length
    lines = body.wrap(max(8, width - indent)) or [Content("")]
    return [prefix + lines[0], *(Content(" " * indent) + line for line in lines[1:])]


def render_details(details: Details | None, width: int = 60) -> Content:
    if details is None:
        return Content.styled("Select a row (arrows, or click) to see every field, why it is in its state, "
                              "and its history.", "$text-muted italic")
    label_width = max((len(name) for name, _ in details.fields), default=0) + 2
    stacked = width - label_width - 2 < 24  # too narrow for two columns: each value under its name
    lines: list[Content] = [Content.styled(details.title, "bold $text-primary")]
    for name, value in details.fields:
        if stacked:
            lines.append(Content.styled(f"  {name}", "$text-muted"))
            lines += _hang(Content("    "), Content(value), width)
        else:
            lines += _hang(Content.styled(f"  {name}".ljust(label_width + 2), "$text-muted"), Content(value), width)
    if details.why:
        lines.append(Content.styled("Why", "bold $text-primary"))
        for line in details.why:
            lines += _hang(Content("  "), Content(line), width)
    if details.history:
        lines.append(Content.styled("History", "bold $text-primary"))
        for event in details.history:
            when = Content.styled(f"  {fmt.stamp(event.time_ms)} ", "$text-muted")
            kind = Content.styled(event.kind.value, "$text-accent")
            reason = Content.styled(event.reason, "$refused" if event.is_refusal else "")
            if width - when.cell_length >= 40:  # room for the kind and some words of the reason
                lines += _hang(when, kind + " " + reason, width)
            elif when.cell_length + kind.cell_length <= width:  # narrow: the reason under time and kind
                lines.append(when + kind)
                lines += _hang(Content("    "), reason, width)
            else:  # narrower still: the time alone, then kind and reason, wrapped at words
                lines.append(when)
                lines += _hang(Content("    "), kind + " " + reason, width)
    return Content("\n").join(lines)


class DetailsPane(VerticalScroll):
    """Shows the row the screen says is selected, refreshed from each snapshot when it changes."""

    DEFAULT_CSS = """
    DetailsPane { scrollbar-size-vertical: 1; & > Static { width: 1fr; } }
    """

    BINDINGS: ClassVar[list[Binding]] = [Binding("escape", "screen.details_back", "Back", show=False)]

    selection: reactive[Selection | None] = reactive(None)

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._shown: object = object()
        self._events: list[Event] = []
        self._log: EventLog | None = None
        self._events_total = -1
        self._snapshot: Snapshot | None = None
        self._lines = -1

    def compose(self) -> ComposeResult:
        yield Static(id="details-body")

    def on_mount(self) -> None:
        watch_snapshot(self, self._on_snapshot)

    def _on_snapshot(self, snapshot: Snapshot) -> None:
        self._snapshot = snapshot
        self._redraw()

    def watch_selection(self) -> None:
        self._redraw()

    def on_resize(self) -> None:
        self._redraw()

    @property
    def details(self) -> Details | None:
        snapshot, selection = self._snapshot, self.selection
        if snapshot is None or selection is None:
            return None
        if snapshot.events_total != self._events_total:
            self._catch_up(self.app.emu.events)  # type: ignore[attr-defined]
            self._events_total = snapshot.events_total
        return explain(snapshot, selection[0], selection[1], self._events, self.app.session)  # type: ignore[attr-defined]

    def _catch_up(self, log: EventLog) -> None:
        """Add the events emitted since the last look, rather than copying up to 10,000 each tick."""
        if log is not self._log:  # a new emulator (a reloaded scenario): start over
            self._log, self._events = log, list(log)
            return
        self._events.extend(log.since(self._events[-1].seq if self._events else 0))
        del self._events[:-log.capacity]

    def _width(self) -> int:
        """The width to wrap at: the pane's, or before the first layout an estimate (a third of the app)."""
        if self.size.width:
            return self.scrollable_content_region.width - 1  # room for a scrollbar
        return max(38, self.app.size.width // 3) - 5

    def _redraw(self) -> None:
        width = self._width()
        if not self.is_mounted or width < 8:
            return  # hidden: drawn when it is shown
        details = self.details
        signature = None if details is None else (details.title, tuple(details.fields), tuple(details.why),
                                                  tuple(e.seq for e in details.history), width)
        if signature == self._shown:
            return
        self._shown = signature
        content = render_details(details, width)
        lines = content.plain.count("\n")
        self.query_one("#details-body", Static).update(content, layout=lines != self._lines)
        self._lines = lines
