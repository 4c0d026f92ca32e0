"""A tiny App standing in for the dashboard: a few widgets drawn with the app variables."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.app import App, ComposeResult
from textual.widgets import Static

from bgtui.themes import ThemeManager, ThemeVariablesMixin, install_themes
from bgtui.themes.settings import shipped_themes_dir


def user_themes(tmp_path: Path) -> Path:
    """The user themes folder a ThemedApp built on ``tmp_path`` uses (created here)."""
    folder = tmp_path / "config" / "themes"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


class ThemedApp(ThemeVariablesMixin, App[None]):
    CSS = """
    Screen { background: $background; color: $foreground; }
    #countdown { color: $countdown-warning; }
    #state { color: $state-suspended; }
    #refused { color: $refused; background: $surface; }
    #chip { color: $chip-text; background: $chip-mode-voip; }
    #resource { color: $chip-text; background: $chip-res-gps; }
    """

    def __init__(
        self,
        tmp_path: Path,
        theme: str | None = None,
        *,
        shipped: Path | None = None,
        watch: bool = False,
        **options: Any,
    ) -> None:
        super().__init__()
        self.notices: list[tuple[str, str, str]] = []  # (title, message, severity)
        self.settings_path = tmp_path / "config" / "settings.json"
        self.user_dir = tmp_path / "config" / "themes"
        self.theme_manager: ThemeManager = install_themes(
            self,
            theme,
            shipped_dir=shipped or shipped_themes_dir(),
            user_dir=self.user_dir,
            settings_path=self.settings_path,
            watch=watch,
            watch_options={"ready_timeout_ms": 50},
            **options,
        )

    def compose(self) -> ComposeResult:
        yield Static("0:42", id="countdown")
        yield Static("suspended", id="state")
        yield Static("refused: 9800005", id="refused")
        yield Static("voip", id="chip")
        yield Static("gps", id="resource")

    def notify(self, message: str, *, title: str = "", severity: Any = "information", **kwargs: Any) -> None:
        self.notices.append((title, message, severity))
        super().notify(message, title=title, severity=severity, **kwargs)
