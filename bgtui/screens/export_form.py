"""Export the event log: the file (checked as you type), its format, all of it or the filtered view."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from textual.app import ComposeResult
from textual.widgets import Input, Label

from bgtui.log_export import format_of
from bgtui.screens.form import Check, FormScreen

__all__ = ["ExportRequest", "ExportForm", "export_problems"]


@dataclass(frozen=True)
class ExportRequest:
    path: Path
    format: str  # "jsonl" | "csv"
    filtered: bool


def export_problems(text: str) -> list[str]:
    """What stops `text` (a path, relative to the current folder) from being a log file to write."""
    if not text.strip():
        return ["give a file name, e.g. events.jsonl or events.csv"]
    path = Path(text.strip()).expanduser()
    problems = []
    if format_of(path) is None:
        problems.append("end the name with .jsonl (bgtui play --format jsonl) or .csv (bgtui play --csv)")
    if path.is_dir():
        problems.append(f"{path} is a folder")
    elif not path.parent.is_dir():
        problems.append(f"the folder {path.parent} does not exist")
    return problems


class ExportForm(FormScreen[ExportRequest]):
    FORM_TITLE = "Export the event log"
    AUTO_FOCUS = "#path"

    def __init__(self, query: str, default: str = "events.jsonl") -> None:
        super().__init__()
        self._query, self._default = query, default

    @property
    def ABOUT(self) -> str:  # type: ignore[override]
        return ("The engine's events and the session's own entries, in the order they happened: .jsonl is "
                "bgtui play --format jsonl's format, .csv is bgtui play --csv's.")

    def fields(self) -> ComposeResult:
        yield Label("File (relative to the current folder)", classes="form-label")
        yield Input(self._default, placeholder="events.jsonl", id="path")
        label = f"Only what the filter shows ({self._query})" if self._query else "Only what the filter shows (no filter set)"
        yield Check(label, bool(self._query), id="filtered", disabled=not self._query)

    def _text(self) -> str:
        return self.query_one("#path", Input).value

    def problems(self) -> list[str]:
        return export_problems(self._text())

    def notes(self) -> list[str]:
        path = Path(self._text().strip()).expanduser()
        return [f"{path} exists: it will be overwritten"] if path.is_file() else []

    def result(self) -> ExportRequest:
        path = Path(self._text().strip()).expanduser()
        return ExportRequest(path, format_of(path) or "jsonl", bool(self.query_one("#filtered", Check).value))
