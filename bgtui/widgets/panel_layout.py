"""Fits the main screen's table panels to the terminal (bgtui.panel_fit) and titles them with what
they hold, so that at every size from 80×24 a panel a key can focus shows its title and a row, or
is folded into a title that says what it holds. Below 80×24 the screen says what size it needs."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bgtui.panel_fit import plan_heights

if TYPE_CHECKING:
    from bgtui.screens.main import MainScreen

__all__ = ["MIN_SIZE", "fit_panels", "too_small_text"]

MIN_SIZE = (80, 24)
_NARROW_CAPS = (8, 6, 4, 4, 4)  # the most lines each panel takes before the log gets the rest


def too_small_text(width: int, height: int, running: bool) -> str:
    clock = "The clock keeps running (space pauses it)" if running else "The clock is paused (space runs it)"
    return (f"bgtui needs a terminal of at least {MIN_SIZE[0]}×{MIN_SIZE[1]}; this one is {width}×{height}.\n"
            f"Make the window larger (or the font smaller). {clock}; q quits.")


def fit_panels(screen: MainScreen, tables: list, titles: list[str]) -> None:  # type: ignore[type-arg]
    """Heights and titles of the five table panels, for the screen's size, rows and focus now."""
    from textual.css.scalar import Scalar

    counts = [t.row_count for t in tables]
    for number, (table, count, name) in enumerate(zip(tables, counts, titles), 1):
        title = f"{number} {name}" + (f" ({count})" if count else "")
        if table.border_title != title:
            table.border_title = title
    height = screen.size.height
    if not height:
        return
    focused = next((i for i, t in enumerate(tables) if t.has_focus), None)
    narrow = screen.has_class("-narrow")
    top = screen.query_one("#top").outer_size.height
    timeline = next(iter(screen.query("#timeline")), None)
    shared = timeline is not None and screen.has_class("-timeline") and not screen.has_class("-timeline-full")
    if timeline is not None and not (narrow and shared) and timeline.styles.inline.has_rule("height"):
        timeline.styles.height = None  # app.tcss sizes it: on the whole screen, or wide
    if narrow:
        available = height - top - 1  # the footer
        if shared:
            lines = max(6, available // 3)  # the timeline shares the column: the log keeps its rows
            if timeline.styles.height != Scalar.from_number(lines):
                timeline.styles.height = lines
            available -= lines
        log_focused = screen.query_one("#log").has_focus
        log = available // 2 if log_focused else max(4, available // 4)
        heights = plan_heights(available - log, counts, focused, chrome=1, caps=_NARROW_CAPS)
    else:
        available = screen.query_one("#left").size.height
        heights = plan_heights(available, counts, focused, chrome=2)
        heights[1] += max(0, available - sum(heights))  # the transient tasks take what is left, as before
    for table, lines in zip(tables, heights):
        if table.styles.height != Scalar.from_number(lines):
            table.styles.height = lines
            table.styles.max_height = lines
            table.styles.min_height = lines
