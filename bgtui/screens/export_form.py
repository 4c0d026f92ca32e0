"""Export the event log: the file (checked as you type), its format, all of it or the filtered view."""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.widgets import Input, Label

from bgtui.log_export import format_of
from bgtui.save_folder import SaveFolder
from bgtui.screens.form import Check, FormScreen

__all__ = ["ExportRequest", "ExportForm", "export_problems"]


@dataclass(frozen=True)
class ExportRequest:
    path: str  # as typed: app.save_folder writes it
    format: str  # "jsonl" | "csv"
    filtered: bool


def export_problems(text: str, folder: SaveFolder | None = None) -> list[str]:
    """What stops `text` from being a log file to write in `folder` (bgtui.save_folder; default: anywhere)."""
    folder = folder if folder is not None else SaveFolder.anywhere()
    if not text.strip():
        return ["give a file name, e.g. events.jsonl or events.csv"]
    problems = folder.problems(text)
    if format_of(text.strip()) is None:
        problems.insert(0, "end the name with .jsonl (bgtui play --format jsonl) or .csv (bgtui play --csv)")
    return problems


class ExportForm(FormScreen[ExportRequest]):
    FORM_TITLE = "Export the event log"
    AUTO_FOCUS = "#path"

    def __init__(self, query: str, folder: SaveFolder | None = None, default: str = "events.jsonl") -> None:
        super().__init__()
        self._query, self._default = query, default
        self._folder = folder if folder is not None else SaveFolder.anywhere()

    @property
    def ABOUT(self) -> str:  # type: ignore[override]
        return ("The engine's events and the session's own entries, in the order they happened: .jsonl is "
                "bgtui play --format jsonl's format, .csv is bgtui play --csv's.")

    def fields(self) -> ComposeResult:
        yield Label(self._folder.label("File"), classes="form-label")
        yield Input(self._default, placeholder="events.jsonl", id="path")
        label = f"Only what the filter shows ({self._query})" if self._query else "Only what the filter shows (no filter set)"
        yield Check(label, bool(self._query), id="filtered", disabled=not self._query)

    def _text(self) -> str:
        return self.query_one("#path", Input).value

    def problems(self) -> list[str]:
        return export_problems(self._text(), self._folder)

    def notes(self) -> list[str]:
        return [f"{self._text().strip()} exists: it will be overwritten"] if self._folder.exists(self._text()) else []

    def result(self) -> ExportRequest:
        text = self._text().strip()
        return ExportRequest(text, format_of(text) or "jsonl", bool(self.query_one("#filtered", Check).value))
