"""Save the session: where to write the scenario file (checked as you type)."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.widgets import Input, Label

from bgtui.screens.form import FormScreen

__all__ = ["SaveSessionForm", "path_problems"]


def path_problems(text: str) -> list[str]:
    """What stops `text` (a path, relative to the current folder) from being a scenario file to write."""
    if not text.strip():
        return ["give a file name, e.g. session.toml"]
    path = Path(text.strip()).expanduser()
    problems = []
    if path.suffix.lower() != ".toml":
        problems.append("a scenario file is TOML: end the name with .toml")
    if path.is_dir():
        problems.append(f"{path} is a folder")
    elif not path.parent.is_dir():
        problems.append(f"the folder {path.parent} does not exist")
    return problems


class SaveSessionForm(FormScreen[Path]):
    FORM_TITLE = "Save the session"
    AUTO_FOCUS = "#path"

    def __init__(self, default: str, steps: int, since: str) -> None:
        super().__init__()
        self._default, self._steps, self._since = default, steps, since

    @property
    def ABOUT(self) -> str:  # type: ignore[override]
        return (f"{self._steps} action(s) recorded since {self._since}, each at its virtual time. The file "
                "replays to the same event log: bgtui play FILE.")

    def fields(self) -> ComposeResult:
        yield Label("Scenario file (relative to the current folder)", classes="form-label")
        yield Input(self._default, placeholder="session.toml", id="path")

    def _text(self) -> str:
        return self.query_one("#path", Input).value

    def problems(self) -> list[str]:
        return path_problems(self._text())

    def notes(self) -> list[str]:
        path = Path(self._text().strip()).expanduser()
        return [f"{path} exists: it will be overwritten"] if path.is_file() else []

    def result(self) -> Path:
        return Path(self._text().strip()).expanduser()
