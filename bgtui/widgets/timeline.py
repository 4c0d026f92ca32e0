"""The timeline panel: one lane per device part, app and task, as bars on the virtual time axis.

It draws the live session's Timeline (bgtui.timeline, derived from the engine's events) through the
same cells as `bgtui timeline --format text`, coloured by the theme. Its view (zoom, window, cursor,
selected lane) lives on app.rewind, so it survives a recomposed screen; the cursor in the past is the
moment the whole dashboard shows (bgtui.rewind). Keys: the Timeline section of bgtui.keymap, and
up/down/enter while it has focus.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from emulator.snapshot import Snapshot
from rich.segment import Segment
from textual.binding import Binding
from textual.content import Content
from textual.strip import Strip
from textual.visual import Visual
from textual.widget import Widget

from bgtui.timeline.grid import LABEL_WIDTH, ZOOMS, _clock, axis, describe_scale, label_of, lane_cells
from bgtui.widgets.snapshot_view import watch_snapshot

if TYPE_CHECKING:
    from rich.style import Style as RichStyle
    from textual.style import Style as VisualStyle

    from bgtui.rewind import Rewind
    from bgtui.timeline.model import Lane

__all__ = ["TimelinePanel", "RewindBanner", "STYLES"]

# a cell's style name (bgtui.timeline.grid) -> the theme's colour for it
STYLES: dict[str, str] = {
    "foreground": "$state-foreground", "background": "$state-background", "suspended": "$state-suspended",
    "dead": "$state-dead", "counting": "$countdown-normal", "paused": "$text-muted", "active": "$state-foreground",
    "held": "$accent", "on": "$text-muted", "off": "$text-muted", "battery": "$state-foreground",
    "battery-low": "bold $countdown-expiring", "refusal": "bold $refused", "callback": "bold $countdown-warning",
    "end": "bold $foreground", "": "",
}


class TimelinePanel(Widget, can_focus=True):
    ALLOW_SELECT = False  # plain segments, no offsets to select by; `bgtui timeline --format text` copies
    DEFAULT_CSS = """
    TimelinePanel { height: 1fr; min-height: 6; }
    """
    BINDINGS: ClassVar = [
        Binding("up", "lane(-1)", "Lane up", show=False),
        Binding("down", "lane(1)", "Lane down", show=False),
        Binding("enter", "select_lane", "Lane details", show=False),
    ]

    def on_mount(self) -> None:
        self.border_title = "Timeline"
        self._drawn: tuple | None = None
        self._labelled = -1  # how many app lanes have their label
        self._frame_key: tuple | None = None
        self._frame_strips: list[Strip] = []
        self._line_cache: dict[tuple, Strip] = {}  # a line's runs -> its strip
        self._rich_styles: dict[str, RichStyle] = {}  # a run's style name -> its Rich style
        self._drawn_with: tuple | None = None  # the panel's style and the theme they were made for
        self._lanes: tuple[tuple[object, int], list[tuple[int, Lane]]] | None = None
        watch_snapshot(self, self._on_snapshot)

    @property
    def view(self) -> Rewind:
        return self.app.rewind  # type: ignore[attr-defined]

    def _on_snapshot(self, _snapshot: Snapshot) -> None:
        if not self.display or self.size.width == 0:
            return
        view = self.view
        if len(view.timeline.apps) != self._labelled:
            view.timeline.relabel(view.session.emu.snapshot() if view.active else _snapshot)
            self._labelled = len(view.timeline.apps)
        key = (view.timeline.revision, view.now_ms // view.scale_ms, view.at_ms, view.zoom, view.start_ms,
               view.lane, self.size, self.has_focus)
        if key != self._drawn:  # redraw only when a cell can have changed
            self._drawn = key
            self.refresh()

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    # -- geometry --------------------------------------------------------------------------------
    def fit(self) -> None:
        """Zoom so that the whole history, 0 to now, fits the window (when it opens, following now)."""
        view = self.view
        if view.start_ms is not None or view.active:
            return
        width = max(10, (self.size.width or self.app.size.width) - LABEL_WIDTH - 3)
        view.zoom = next((i for i, z in enumerate(ZOOMS) if view.now_ms // z < width), len(ZOOMS) - 1)

    @property
    def cells(self) -> int:
        return max(10, self.size.width - LABEL_WIDTH - 1)

    def window_start(self) -> int:
        """The window's left edge: the view's, else so that now is the last cell; the cursor stays in."""
        view, cells = self.view, self.cells
        scale = view.scale_ms
        if view.start_ms is None:
            start = max(0, (view.now_ms // scale - cells + 1) * scale)
        else:
            start = view.start_ms
        cursor = view.cursor_ms
        if cursor < start:
            start = cursor // scale * scale
        elif cursor >= start + cells * scale:
            start = (cursor // scale - cells + 1) * scale
        return max(0, start)

    def lanes(self) -> list[tuple[int, Lane]]:
        """Every lane in drawing order, listed again only when the timeline heard an event."""
        timeline = self.view.timeline
        key = (timeline, timeline.revision)
        if self._lanes is None or self._lanes[0] != key:
            self._lanes = (key, timeline.lanes())
        return self._lanes[1]

    # -- drawing ---------------------------------------------------------------------------------
    # Each line is a tuple of (text, style) runs. The axis and the lanes become one Segment per run with
    # the theme's Rich style (no Content parsing per tick), and a line whose runs are the same as at the
    # last frame keeps its Strip. Only the status line goes through Content: it wraps when narrow.
    def _status(self) -> tuple[tuple[str, str], ...]:
        view, timeline = self.view, self.view.timeline
        where = (("REWOUND ", "bold reverse $countdown-warning") if view.active else ("LIVE ", "bold $countdown-normal"))
        status = [where, (f"cursor {_clock(view.cursor_ms)}", "bold"), (f" · now {_clock(view.now_ms)} · "
                  f"{describe_scale(view.scale_ms)} · < > zoom · shift+←/→ cursor · {{ }} pan · shift+end now",
                  "$text-muted")]
        if timeline.truncated:
            status.append((f" · history begins at {_clock(timeline.begins_ms)}", "$countdown-warning"))
        return tuple(status)

    def _body(self, room: int) -> list[tuple[tuple[str, str], ...]]:
        """The axis, then as many lanes as `room` holds, the selected one in view."""
        view = self.view
        cells, scale, now = self.cells, view.scale_ms, view.now_ms
        start = self.window_start()
        cursor_cell = (view.cursor_ms - start) // scale
        # the axis in its own run: some SVG viewers drop leading spaces
        lines = [((" " * (LABEL_WIDTH + 1), ""), (axis(start, scale, cells), "$text-muted"))]
        lanes = self.lanes()
        view.lane = min(view.lane, max(0, len(lanes) - 1))
        first = min(max(0, view.lane - room + 1), max(0, len(lanes) - room)) if room else 0
        for index in range(first, min(len(lanes), first + room)):
            depth, lane = lanes[index]
            selected = index == view.lane and self.has_focus
            label_style = "reverse" if selected else ("bold" if lane.kind == "app" else "$text-muted")
            parts: list[tuple[str, str]] = [(label_of(depth, lane), label_style), (" ", "")]
            for i, cell in enumerate(lane_cells(lane, start, scale, cells, now)):
                style = STYLES.get(cell.style, "")
                if i == cursor_cell:
                    style = f"{style} reverse".strip()
                if parts[-1][1] == style:
                    parts[-1] = (parts[-1][0] + cell.glyph, style)
                else:
                    parts.append((cell.glyph, style))
            lines.append(tuple(parts))
        return lines

    def render(self) -> Content:
        """The whole panel as text (what the lines below draw; tests read it)."""
        status = Content.assemble(*self._status())
        wrapped = len(Visual.to_strips(self, status, self.size.width, None, self.visual_style)) or 1
        body = self._body(max(0, self.size.height - wrapped - 1))  # as many lanes as the panel shows
        return Content("\n").join([status, *(Content.assemble(*parts) for parts in body)])

    def _rich(self, name: str, base: VisualStyle) -> RichStyle:
        """The Rich style Content gives a run styled `name` over the panel's own style."""
        style = self._rich_styles.get(name)
        if style is None:
            style = self._rich_styles[name] = (base + self._get_style(name)).rich_style if name else base.rich_style
        return style

    def _strip(self, parts: tuple[tuple[str, str], ...], base: VisualStyle) -> Strip:
        """A line that fits the panel (a lane, the axis), drawn as one segment per run."""
        strip = self._line_cache.get(parts)
        if strip is None:
            if len(self._line_cache) > 4 * max(64, self.size.height):
                self._line_cache.clear()  # lines that scrolled away or changed state
            strip = self._line_cache[parts] = Strip([Segment(text, self._rich(name, base)) for text, name in parts])
        return strip

    def _frame(self) -> list[Strip]:
        view = self.view
        width, height = self.size
        base = self.visual_style
        generation = self.app.palette.refresh()  # type: ignore[attr-defined]  # moves with the theme
        key = (view.timeline, view.timeline.revision, view.now_ms, view.at_ms, view.cursor_ms, view.zoom,
               view.start_ms, view.lane, self.size, self.has_focus, base, generation, self._labelled)
        if key == self._frame_key:
            return self._frame_strips
        if (base, generation) != self._drawn_with:
            self._line_cache, self._rich_styles, self._drawn_with = {}, {}, (base, generation)
        # the status line goes through Content: a narrow panel wraps it
        frame = Visual.to_strips(self, Content.assemble(*self._status()), width, None, base)
        frame.extend(self._strip(parts, base) for parts in self._body(max(0, height - len(frame) - 1)))
        self._frame_key, self._frame_strips = key, frame
        return frame

    def render_line(self, y: int) -> Strip:
        frame = self._frame()
        if y < len(frame):
            return frame[y]
        return Strip.blank(self.size.width, self.visual_style.rich_style)

    # -- keys while focused ------------------------------------------------------------------------
    def action_lane(self, delta: int) -> None:
        count = len(self.lanes())
        self.view.lane = max(0, min(count - 1, self.view.lane + delta))
        self.refresh()

    def action_select_lane(self) -> None:
        lanes = self.lanes()
        if not lanes:
            return
        _depth, lane = lanes[min(self.view.lane, len(lanes) - 1)]
        self.screen.selection = ("lane", lane.key)  # type: ignore[attr-defined]
        if self.screen.has_class("-narrow"):
            self.screen.add_class("-details")


class RewindBanner(Widget):
    """One line that says plainly that the dashboard shows the past, and how to get back."""

    DEFAULT_CSS = """
    RewindBanner { height: auto; display: none; background: $countdown-warning; color: $background;
                   text-style: bold; padding: 0 1; }
    """

    def on_mount(self) -> None:
        self._text: str | None = None
        watch_snapshot(self, self._on_snapshot)

    def _on_snapshot(self, _snapshot: Snapshot) -> None:
        view = self.app.rewind  # type: ignore[attr-defined]
        text = view.banner() if view.active else None
        if text != self._text:  # a new layout only when the line changes (it may wrap)
            self._text = text
            self.display = text is not None
            self.refresh(layout=True)

    def render(self) -> Content:
        return Content(self._text or "")
