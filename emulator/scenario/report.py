"""The event log of a run as readable text, JSONL and CSV, and the run's summary.

Every entry is an engine Event or a runner TraceEntry (same fields; a TraceEntry has `step`
instead of `seq`). All three formats are deterministic: the same run writes the same bytes.
"""

from __future__ import annotations

import csv
import json
from typing import TYPE_CHECKING, Any, Callable, TextIO

from emulator.scenario.timefmt import format_clock, format_duration

if TYPE_CHECKING:
    from emulator.scenario.runner import ScenarioRun

__all__ = ["text_line", "TextWriter", "JsonlWriter", "CsvWriter", "tee", "summary", "CSV_COLUMNS"]

CSV_COLUMNS = ("seq", "time_ms", "time", "kind", "app", "subject", "step", "reason", "data")


def text_line(entry: Any) -> str:
    kind = entry.kind.value if hasattr(entry.kind, "value") else entry.kind
    app = f"{entry.app}  " if entry.app else ""
    subject = f"#{entry.subject} " if entry.subject is not None else ""
    return f"{format_clock(entry.time_ms)}  {kind:<25}  {app}{subject}{entry.reason}"


class _LineWriter:
    """Writes one line per entry; with `batch`, lines are joined and written `batch` at a time
    (call flush() at the end), which saves the per-write cost on large logs."""

    def __init__(self, stream: TextIO, batch: int = 0) -> None:
        self._stream = stream
        self._batch = batch
        self._lines: list[str] = []

    def line(self, entry: Any) -> str:
        raise NotImplementedError

    def __call__(self, entry: Any) -> None:
        if not self._batch:
            self._stream.write(self.line(entry))
            return
        lines = self._lines
        lines.append(self.line(entry))
        if len(lines) >= self._batch:
            self.flush()

    def flush(self) -> None:
        if self._lines:
            self._stream.write("".join(self._lines))
            self._lines.clear()


class TextWriter(_LineWriter):
    def line(self, entry: Any) -> str:
        return text_line(entry) + "\n"


def _make_encoder() -> Callable[[Any], str]:
    """The same text as Event.to_json (json.dumps, ensure_ascii=False, separators=(",", ":")), with the
    C encoder built once instead of once per line."""
    from json import encoder as std

    if std.c_make_encoder is None:  # pragma: no cover - CPython always has it
        return json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    chunks = std.c_make_encoder(None, None, std.encode_basestring, None, ":", ",", False, False, True)
    return lambda obj: "".join(chunks(obj, 0))


_encode = _make_encoder()


class JsonlWriter(_LineWriter):
    def line(self, entry: Any) -> str:
        return _encode(entry.to_dict()) + "\n"


class CsvWriter:
    def __init__(self, stream: TextIO) -> None:
        self._writer = csv.writer(stream, lineterminator="\n")
        self._writer.writerow(CSV_COLUMNS)

    def __call__(self, entry: Any) -> None:
        kind = entry.kind.value if hasattr(entry.kind, "value") else entry.kind
        data = json.dumps(dict(entry.data), ensure_ascii=False, separators=(",", ":")) if entry.data else ""
        self._writer.writerow((
            "" if entry.seq is None else entry.seq, entry.time_ms, format_clock(entry.time_ms), kind,
            entry.app or "", "" if entry.subject is None else entry.subject,
            "" if getattr(entry, "step", None) is None else entry.step, entry.reason, data))


def tee(*sinks: Callable[[Any], None] | None) -> Callable[[Any], None] | None:
    """One sink that feeds every given sink (None when there are none)."""
    real = [s for s in sinks if s is not None]
    if not real:
        return None
    if len(real) == 1:
        return real[0]

    def both(entry: Any) -> None:
        for sink in real:
            sink(entry)
    return both


def summary(run: ScenarioRun) -> str:
    """What happened, in a few lines: the failures with expected and got, then the totals."""
    sc = run.scenario
    lines = [f.describe(sc.file) for f in run.failures]
    held = run.checked - sum(1 for f in run.failures if f.expected != "the step to run")
    broken = sum(1 for f in run.failures if f.expected == "the step to run")
    verdict = "PASSED" if run.ok else "FAILED"
    parts = [f"{held} of {run.checked} expectation(s) held"]
    if broken:
        parts.append(f"{broken} step(s) could not run")
    lines.append(f"{verdict}: {sc.name}: {'; '.join(parts)}; ran to {format_clock(run.emu.now_ms)} "
                 f"({format_duration(run.emu.now_ms)}) with {run.entries} log entries")
    return "\n".join(lines)
