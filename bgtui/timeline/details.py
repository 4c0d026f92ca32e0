"""The details of one timeline lane: its stretches, marks and end, and the events that made it. No Textual."""

from __future__ import annotations

from typing import TYPE_CHECKING, Hashable

from emulator.events import Event

from bgtui import format as fmt
from bgtui.explain import HISTORY_ROWS, Details

if TYPE_CHECKING:
    from bgtui.timeline.model import Timeline

__all__ = ["lane_details"]

_STRETCHES = 8


def lane_details(timeline: Timeline, key: Hashable, events: list[Event]) -> Details | None:
    lane = next((lane for _depth, lane in timeline.lanes() if lane.key == key), None)
    if lane is None:
        return None
    now = timeline.last_ms
    details = Details(f"Timeline: {lane.label}" + (f" ({lane.bundle})" if lane.bundle and lane.kind != "app" else ""))
    if lane.spans:
        details.fields.append(("From", fmt.stamp(lane.start_ms)))
        end = lane.end_ms
        details.fields.append(("To", "still going" if end is None else fmt.stamp(end)))
        if end is not None:
            details.fields.append(("Lasted", fmt.remaining(end - lane.start_ms)))
    if lane.end:
        details.fields.append(("Ended", lane.end))
    for span in lane.spans[-_STRETCHES:]:
        until = "now" if span.end_ms is None else fmt.stamp(span.end_ms)
        length = (span.end_ms if span.end_ms is not None else now) - span.start_ms
        details.fields.append((span.state.split(":")[-1] + ("%" if lane.key[-1] == "battery" else ""),
                               f"{fmt.stamp(span.start_ms)} to {until} ({fmt.remaining(max(0, length))})"))
    if len(lane.spans) > _STRETCHES:
        details.why.append(f"{len(lane.spans) - _STRETCHES} earlier stretch(es) not listed")
    for mark in lane.marks:
        details.why.append(f"{fmt.stamp(mark.time_ms)} {mark.label}")
    wanted = set(lane.seqs)
    found = [e for e in events if e.seq in wanted]
    missing = len(wanted) - len(found)
    if missing:
        details.why.append(f"{missing} of the events that made it are older than the event log keeps")
    details.history = found[-HISTORY_ROWS:]
    return details
