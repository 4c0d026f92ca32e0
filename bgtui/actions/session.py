"""Saving the session: every action taken so far, at its virtual time, as a scenario file."""

from __future__ import annotations

from pathlib import Path

from bgtui.actions.base import ActionsBase

__all__ = ["SessionActions", "default_file"]


def default_file(scenario_file: str | None) -> str:
    """session.toml, or NAME-session.toml when the dashboard plays scenario NAME."""
    if scenario_file is None:
        return "session.toml"
    return f"{Path(scenario_file.removeprefix('demo:')).stem}-session.toml"


class SessionActions(ActionsBase):
    def action_save_session(self) -> None:
        from emulator.scenario.timefmt import format_clock

        from bgtui.screens.save_form import SaveSessionForm

        session = self.app.session
        scenario = session.scenario
        rec = session.recorder

        def done(path: str | None) -> None:
            if path is not None:
                self.save_session(path)

        self.app.push_screen(SaveSessionForm(default_file(scenario.file if scenario else None), len(rec),
                                             format_clock(rec.start_ms), self.app.save_folder), done)

    def save_session(self, path: str | Path) -> Path | None:
        """Write the recording to `path`, in the app's save folder (bgtui.save_folder); a toast says
        where (or why not)."""
        from bgtui.save_folder import PathRefused
        session = self.app.session
        rec, scenario = session.recorder, session.scenario
        description = None
        if scenario is not None:
            description = (f"recorded from a live session on scenario {scenario.name!r} ({scenario.file}): "
                           f"{len(rec)} step(s); that scenario's own steps are not in this file")
        try:
            content = rec.to_toml(Path(str(path).strip()).stem, description=description)
            path = self.app.save_folder.write_text(str(path), content)
        except (OSError, ValueError, PathRefused) as exc:
            self.tell(str(exc), "Save session: not saved", "error")
            return None
        self.tell(f"{len(rec)} step(s) saved to {path}\nReplay it: bgtui play {path}", "Session saved")
        return path
