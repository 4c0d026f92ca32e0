"""Export the event log (all of it, or what the `/` filter shows) as JSONL or CSV. No Textual here.

The formats are `bgtui play --format jsonl` and `bgtui play --csv`'s (emulator.scenario.report): the engine's
events and the session's own entries (a playing scenario's calls and checks, what apps heard and asked), in
the order they happened (merged as the event log panel merges them). Only what the engine's log still keeps
is written (its capacity).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterator

from bgtui.log_filter import compile_filter
from bgtui.widgets.event_log import merged

if TYPE_CHECKING:
    from bgtui.save_folder import SaveFolder
    from bgtui.session import Session

__all__ = ["FORMATS", "entries", "log_text", "write_log", "format_of"]

FORMATS = ("jsonl", "csv")


def format_of(path: str | Path) -> str | None:
    """"jsonl" or "csv" from the file's suffix, or None."""
    suffix = Path(path).suffix.lower().lstrip(".")
    return {"jsonl": "jsonl", "json": "jsonl", "ndjson": "jsonl", "csv": "csv"}.get(suffix)


def entries(session: Session, query: str = "", labels: dict[str, str] | None = None) -> Iterator[Any]:
    """Every entry kept, as the report writers take them (a trace line as a runner TraceEntry)."""
    from emulator.scenario.runner import TraceEntry

    labels = labels or {}
    matcher = compile_filter(query)
    steps = {s.label: s.index for s in session.scenario.steps} if session.scenario is not None else {}
    for entry in merged(session.emu.events.since(0), session.trace.since(0)):
        if matcher is not None and not matcher(entry, labels.get(entry.app, entry.app or "") if entry.app else ""):
            continue
        if getattr(entry, "seq", None) is None:  # a ScenarioLine
            yield TraceEntry(entry.time_ms, entry.kind, entry.reason, entry.app, steps.get(entry.label),
                             dict(entry.data))
        else:
            yield entry


def log_text(session: Session, fmt: str, query: str = "", labels: dict[str, str] | None = None) -> tuple[str, int]:
    """The log in `fmt` ("jsonl" | "csv"), and how many entries it holds."""
    import io

    from emulator.scenario.report import CsvWriter, JsonlWriter

    if fmt not in FORMATS:
        raise ValueError(f"the format is jsonl or csv, not {fmt!r}")
    stream = io.StringIO(newline="")
    writer: Any = JsonlWriter(stream, batch=256) if fmt == "jsonl" else CsvWriter(stream)
    count = 0
    for entry in entries(session, query, labels):
        writer(entry)
        count += 1
    if fmt == "jsonl":
        writer.flush()
    return stream.getvalue(), count


def write_log(session: Session, folder: SaveFolder, path: str, fmt: str, query: str = "",
              labels: dict[str, str] | None = None) -> tuple[Path, int]:
    """Write the log to `path` in the save folder (bgtui.save_folder, checked again now): where, and how many."""
    text, count = log_text(session, fmt, query, labels)
    return folder.write_text(path, text), count
