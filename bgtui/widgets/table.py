"""A table drawn on demand from the snapshot, with Textual's Line API.

Rows are (stable key, immutable view) pairs taken from a snapshot. Only the visible lines are
rendered; a row's strip is cached while its view, the width and the cursor stay the same, so a
table of a thousand live tasks costs what its visible rows cost. The cursor follows its row's key
when rows come and go; nothing is ever cleared and rebuilt.
"""

from __future__ import annotations

from typing import Any, ClassVar, Hashable, Iterable, NamedTuple, Sequence

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip


__all__ = ["Column", "SnapshotTable", "Fragment", "Cell", "chip"]

Fragment = tuple[str, "str | None"]  # text, and a style name for bgtui.palette (a theme variable) or None
Cell = Sequence[Fragment]


def chip(label: str, variable: str) -> list[Fragment]:
    """A coloured chip for a mode or resource type, then a space."""
    return [(f" {label} ", variable), (" ", None)]


class Column(NamedTuple):
    key: str
    title: str
    width: int  # fixed width, or the least width of a flex column
    flex: int = 0  # share of the spare width
    drop: int = 0  # on a narrow table, columns with the highest `drop` go first (0: never)
    right: bool = False
    want: int = 0  # a "why" column: below this width, droppable columns go first to give it room


class SnapshotTable(ScrollView, can_focus=True):
    """Subclasses set COLUMNS and EMPTY and implement `cells(view)`; the owner calls `set_rows`."""

    DEFAULT_CSS = """
    SnapshotTable {
        height: auto;
        max-height: 100%;
        overflow-x: hidden;
        background: $surface;
        color: $foreground;
        scrollbar-size-vertical: 1;
    }
    """

    BINDINGS: ClassVar[list[Binding]] = [
        Binding("up", "cursor(-1)", "Up", show=False),
        Binding("down", "cursor(1)", "Down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("home", "edge(-1)", "First", show=False),
        Binding("end", "edge(1)", "Last", show=False),
    ]

    COLUMNS: ClassVar[tuple[Column, ...]] = ()
    EMPTY: ClassVar[str] = "nothing here"
    KIND: ClassVar[str] = "row"
    TIME_DEPENDENT: ClassVar[bool] = False  # cells read `now_ms`, not only their view
    SORTABLE: ClassVar[bool] = True  # `O` sorts it (the event log stays in time order)

    class Highlighted(Message):
        """The row under the cursor changed (or the table got the focus)."""

        def __init__(self, table: SnapshotTable, key: Hashable | None) -> None:
            super().__init__()
            self.table = table
            self.key = key

        @property
        def control(self) -> SnapshotTable:
            return self.table

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.now_ms = 0
        self._keys: list[Hashable] = []
        self._views: dict[Hashable, Any] = {}
        self._cursor = 0
        self._announced: Hashable | None = None
        self._layout: list[tuple[Column, int]] = []
        self._layout_width = -1
        self._strips: dict[Hashable, tuple[tuple[Any, ...], Strip]] = {}
        self._base: Style | None = None
        self.virtual_size = Size(0, 1)
        self.sort: tuple[str, bool] | None = None  # (column key, descending), cycled by `O`; None: the snapshot's order
        self._given: list[Hashable] = []  # the keys in the snapshot's order

    # -- data ------------------------------------------------------------------------------
    def cells(self, view: Any) -> dict[str, Cell]:
        raise NotImplementedError

    @property
    def row_count(self) -> int:
        return len(self._keys)

    @property
    def cursor_key(self) -> Hashable | None:
        return self._keys[self._cursor] if self._keys else None

    def view(self, key: Hashable) -> Any:
        return self._views.get(key)

    def bundle_of(self, key: Hashable) -> str | None:
        """The app the row `key` belongs to (its view's bundle_name; a grouped row's first view's)."""
        view = self._views.get(key)
        view = view[0] if isinstance(view, tuple) and view else view
        return getattr(view, "bundle_name", None)

    def set_rows(self, rows: Iterable[tuple[Hashable, Any]], now_ms: int) -> None:
        """Show these rows (in this order); repaints only if something shown changed."""
        views = dict(rows)
        time_moved = self.TIME_DEPENDENT and now_ms != self.now_ms
        self.now_ms = now_ms
        self._given = list(views)
        keys = self._sorted(views) if self.sort is not None else self._given
        if views == self._views and keys == self._keys:
            if time_moved:
                self.refresh()
            return
        self._replace(keys, views)

    # -- sorting (`O` cycles the column and the direction) -------------------------------------
    def _sorted(self, views: dict[Hashable, Any]) -> list[Hashable]:
        assert self.sort is not None
        column, descending = self.sort

        def value(key: Hashable) -> tuple[int, float, str]:
            text = "".join(t for t, _s in self.cells(views[key]).get(column, ())).strip()
            digits = text.replace(":", "").replace(".", "", 1).replace("▸", "")
            try:
                return (0, float(digits), text)
            except ValueError:
                return (1, 0.0, text.lower())

        return sorted(views, key=value, reverse=descending)

    def cycle_sort(self) -> str:
        """The next sort: each column ascending, then descending, then the snapshot's order. Says which."""
        keys = [c.key for c, _w in self._columns(self.scrollable_content_region.width)]  # the shown ones
        if self.sort is not None and self.sort[0] not in keys:
            self.sort = None
        if self.sort is None:
            self.sort = (keys[0], False)
        elif not self.sort[1]:
            self.sort = (self.sort[0], True)
        else:
            index = keys.index(self.sort[0]) + 1
            self.sort = (keys[index], False) if index < len(keys) else None
        self._strips.clear()
        self._replace(self._sorted(self._views) if self.sort is not None else self._given, self._views)
        if self.sort is None:
            return "as the device lists them"
        title = next(c.title for c in self.COLUMNS if c.key == self.sort[0])
        return f"by {title}, " + ("descending" if self.sort[1] else "ascending")

    def _replace(self, keys: list[Hashable], views: dict[Hashable, Any]) -> None:
        old_key = self.cursor_key
        same_keys = keys == self._keys
        self._keys, self._views = keys, views
        if not same_keys:
            self._strips = {k: v for k, v in self._strips.items() if k in views}
            if old_key in views:
                self._cursor = keys.index(old_key)
            else:
                self._cursor = max(0, min(self._cursor, len(keys) - 1))
            self.virtual_size = Size(0, len(keys) + 1 if keys else 1)
        self.refresh()
        self._announce()

    def _announce(self) -> None:
        key = self.cursor_key
        if key != self._announced:
            self._announced = key
            self.post_message(self.Highlighted(self, key))

    # -- cursor ------------------------------------------------------------------------------
    def move_cursor(self, index: int) -> None:
        if not self._keys:
            return
        index = max(0, min(index, len(self._keys) - 1))
        if index != self._cursor:
            self._cursor = index
            self.refresh()
        self.call_after_refresh(self._scroll_to_cursor)  # after the new virtual size is laid out
        self._announce()

    def _scroll_to_cursor(self) -> None:
        visible = max(1, self.scrollable_content_region.height - 1)
        top = round(self.scroll_offset.y)
        if self._cursor < top:
            self.scroll_to(y=self._cursor, animate=False)
        elif self._cursor >= top + visible:
            self.scroll_to(y=self._cursor - visible + 1, animate=False)

    def action_cursor(self, delta: int) -> None:
        self.move_cursor(self._cursor + delta)

    def action_page(self, delta: int) -> None:
        self.move_cursor(self._cursor + delta * max(1, self.scrollable_content_region.height - 1))

    def action_edge(self, where: int) -> None:
        self.move_cursor(0 if where < 0 else len(self._keys) - 1)

    def _on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is not None and offset.y >= 1:
            self.move_cursor(round(self.scroll_offset.y) + offset.y - 1)

    def _on_focus(self, event: events.Focus) -> None:
        self._announced = None
        self._announce()
        self._invalidate()

    def _on_blur(self, event: events.Blur) -> None:
        self._invalidate()

    # -- rendering ---------------------------------------------------------------------------
    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._invalidate()

    def _invalidate(self) -> None:
        self._strips.clear()
        self._base = None
        self.refresh()

    @property
    def base_style(self) -> Style:
        """The widget's own style (its background and colour), cached until the styles change."""
        if self._base is None:
            self._base = self.rich_style
        return self._base

    def _style(self, name: str) -> Style:
        return self.app.palette.style(name)  # type: ignore[attr-defined]

    def _columns(self, width: int) -> list[tuple[Column, int]]:
        if width == self._layout_width:
            return self._layout
        cols = list(self.COLUMNS)

        def need(cs: list[Column]) -> int:
            return sum(c.width for c in cs) + max(0, len(cs) - 1)

        def starved(cs: list[Column]) -> bool:
            spare, shares = width - need(cs), sum(c.flex for c in cs) or 1
            return any(c.width + max(0, spare) * c.flex // shares < c.want for c in cs if c.want)

        while (need(cols) > width or starved(cols)) and any(c.drop for c in cols):
            cols.remove(max((c for c in cols if c.drop), key=lambda c: c.drop))
        spare = width - need(cols)
        shares = sum(c.flex for c in cols)
        layout, given = [], 0
        for c in cols:
            extra = max(0, spare) * c.flex // shares if shares else 0
            given += extra
            layout.append([c, c.width + extra])
        if spare < 0 and shares:  # still too wide: the flexible columns give up room (down to 6 cells)
            for item in sorted((item for item in layout if item[0].flex), key=lambda item: -item[1]):
                cut = min(-spare, item[1] - 6)
                item[1] -= cut
                spare += cut
        spare = max(spare, 0)
        if shares and given < spare:  # rounding leftovers go to the last flex column
            next(item for item in reversed(layout) if item[0].flex)[1] += spare - given
        self._layout, self._layout_width = [(c, w) for c, w in layout], width
        return self._layout

    def _fit(self, fragments: Cell, width: int, base: Style, right: bool) -> list[Segment]:
        segments: list[Segment] = []
        used = 0
        for text, name in fragments:
            if used >= width:
                break
            style = base + self._style(name) if name else base
            length = cell_len(text)
            if used + length > width:
                text = set_cell_size(text, width - used - 1) + "…"
                length = width - used
            segments.append(Segment(text, style))
            used += length
        if used < width:
            pad = Segment(" " * (width - used), base)
            segments.insert(0, pad) if right else segments.append(pad)
        return segments

    def _line(self, cells: dict[str, Cell], width: int, base: Style) -> Strip:
        segments: list[Segment] = []
        used = -1
        for column, col_width in self._columns(width):
            if used >= 0:
                segments.append(Segment(" ", base))
            segments.extend(self._fit(cells.get(column.key, ()), col_width, base, column.right))
            used += col_width + 1
        used = max(used, 0)
        if used < width:
            segments.append(Segment(" " * (width - used), base))
        elif used > width:
            return Strip(segments).adjust_cell_length(width, base).simplify()
        # one Strip, its length known (each Strip made costs seven caches); fewer segments per frame
        return Strip(Segment.simplify(segments), width)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.base_style
        if not self._keys:
            if y == 0:
                return Strip([Segment(" " + self.EMPTY, base + self._style("hint"))]).adjust_cell_length(width, base)
            return Strip.blank(width, base)
        if y == 0:
            header = base + self._style("header")
            marks = {} if self.sort is None else {self.sort[0]: " ▼" if self.sort[1] else " ▲"}
            return self._line({c.key: [(c.title + marks.get(c.key, ""), None)] for c in self.COLUMNS}, width, header)
        index = round(self.scroll_offset.y) + y - 1
        if index >= len(self._keys):
            return Strip.blank(width, base)
        key = self._keys[index]
        view = self._views[key]
        on_cursor = index == self._cursor
        generation = self.app.palette.refresh()  # type: ignore[attr-defined]
        signature = (view, width, on_cursor, self.has_focus, generation, self.now_ms if self.TIME_DEPENDENT else None)
        cached = self._strips.get(key)
        if cached is not None and cached[0] == signature:
            return cached[1]
        if on_cursor:
            base = base + self._style("cursor" if self.has_focus else "cursor-blurred")
        strip = self._line(self.cells(view), width, base)
        self._strips[key] = (signature, strip)
        return strip
