"""Save the session: where to write the scenario file (checked as you type, by the save folder)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Input, Label

from bgtui.save_folder import SaveFolder
from bgtui.screens.form import FormScreen

__all__ = ["SaveSessionForm", "path_problems"]


def path_problems(text: str, folder: SaveFolder | None = None) -> list[str]:
    """What stops `text` from being a scenario file to write in `folder` (default: anywhere)."""
    folder = folder if folder is not None else SaveFolder.anywhere()
    if not text.strip():
        return ["give a file name, e.g. session.toml"]
    problems = folder.problems(text)
    if not text.strip().lower().endswith(".toml"):
        problems.insert(0, "a scenario file is TOML: end the name with .toml")
    return problems


class SaveSessionForm(FormScreen[str]):
    """Dismisses with the text of the path, for `app.save_folder.write_text`."""

    FORM_TITLE = "Save the session"
    AUTO_FOCUS = "#path"

    def __init__(self, default: str, steps: int, since: str, folder: SaveFolder | None = None) -> None:
        super().__init__()
        self._default, self._steps, self._since = default, steps, since
        self._folder = folder if folder is not None else SaveFolder.anywhere()

    @property
    def ABOUT(self) -> str:  # type: ignore[override]
        return (f"{self._steps} action(s) recorded since {self._since}, each at its virtual time. The file "
                "replays to the same event log: bgtui play FILE.")

    def fields(self) -> ComposeResult:
        yield Label(self._folder.label("Scenario file"), classes="form-label")
        yield Input(self._default, placeholder="session.toml", id="path")

    def _text(self) -> str:
        return self.query_one("#path", Input).value

    def problems(self) -> list[str]:
        return path_problems(self._text(), self._folder)

    def notes(self) -> list[str]:
        if not self._folder.exists(self._text()):
            return []
        return [f"{self._text().strip()} exists: it will be overwritten"]

    def result(self) -> str:
        return self._text().strip()
