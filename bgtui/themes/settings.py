"""Where themes live, and the remembered theme choice.

The user's folder is ``$XDG_CONFIG_HOME/bgtui`` when that variable is set, else
platformdirs' user config folder for ``bgtui``. The choice is kept in ``settings.json``
there; other keys in that file are left as they are.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import platformdirs

APP_NAME = "bgtui"
SETTINGS_FILE = "settings.json"
THEME_KEY = "theme"


def user_config_dir() -> Path:
    """The user's bgtui config folder (not created here)."""
    xdg = os.environ.get("XDG_CONFIG_HOME", "")
    if xdg and os.path.isabs(xdg):
        return Path(xdg) / APP_NAME
    return platformdirs.user_config_path(APP_NAME, appauthor=False)


def user_themes_dir() -> Path:
    """The user's themes folder, loaded and watched beside the shipped one."""
    return user_config_dir() / "themes"


def shipped_themes_dir() -> Path:
    """The project's ``themes/`` folder (packaged copy first, then the source checkout)."""
    packaged = Path(__file__).with_name("shipped")
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "themes"


def default_settings_path() -> Path:
    return user_config_dir() / SETTINGS_FILE


class ThemeChoice:
    """The remembered theme name, stored in a small JSON settings file."""

    def __init__(self, path: Path | str | None = None) -> None:
        self.path = Path(path) if path is not None else default_settings_path()

    def _read_all(self) -> dict[str, object]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}  # missing or unreadable settings: start from nothing
        return data if isinstance(data, dict) else {}

    def load(self) -> str | None:
        """The remembered theme name, or ``None``."""
        name = self._read_all().get(THEME_KEY)
        return name if isinstance(name, str) and name else None

    def save(self, name: str) -> None:
        """Remember ``name`` (atomically; other settings kept). Raises ``OSError`` on failure."""
        data = self._read_all()
        if data.get(THEME_KEY) == name:
            return
        data[THEME_KEY] = name
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=".settings-", suffix=".tmp", dir=self.path.parent)
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as stream:
                json.dump(data, stream, indent=2, sort_keys=True)
                stream.write("\n")
            os.replace(temporary, self.path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise


class SessionThemeChoice(ThemeChoice):
    """The remembered choice is read, and a new one is kept for this session only (a served browser
    tab writes nothing to the server's disk)."""

    def save(self, name: str) -> None:
        return None
