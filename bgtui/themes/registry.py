"""The themes of a set of folders, kept up to date file by file.

Folders are given lowest priority first (shipped, then the user's): a user theme with the
same name as a shipped one replaces it, and deleting it brings the shipped one back. Each
file keeps its last good theme, so a broken save never takes a theme away.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Sequence

from textual.theme import Theme

from bgtui.themes.errors import ThemeError, line_of_key
from bgtui.themes.loader import parse_theme, read_theme_text


def _declared_name(path: Path) -> str | None:
    """The ``name`` a theme file declares, read without checking the rest (None if it cannot be read)."""
    try:
        data = tomllib.loads(read_theme_text(path).removeprefix("\ufeff"))
    except (ThemeError, tomllib.TOMLDecodeError):
        return None
    name = data.get("name")
    return name if isinstance(name, str) else None


def is_theme_file_name(name: str) -> bool:
    """``*.toml``, leaving out editors' hidden, backup and lock files."""
    return name.endswith(".toml") and not name.startswith((".", "#", "~"))


@dataclass
class _FileState:
    text: str | None = None  # what was last read, to skip saves that change nothing
    theme: Theme | None = None  # the last good theme from this file
    error: ThemeError | None = None  # the problem with the current text, if any


@dataclass(frozen=True)
class ReloadResult:
    """What a (re)load changed."""

    updated: tuple[Theme, ...] = ()
    """Themes that are new or whose definition changed (register these)."""
    removed: tuple[str, ...] = ()
    """Names no file defines any more (unregister these)."""
    errors: tuple[ThemeError, ...] = ()
    """One per file that was read and found broken (its last good theme stays)."""
    paths: tuple[Path, ...] = field(default=(), compare=False)
    """The theme files that were looked at."""

    def __bool__(self) -> bool:
        return bool(self.updated or self.removed or self.errors)


class ThemeRegistry:
    """Themes from ``folders``; later folders win on a name clash."""

    def __init__(self, folders: Sequence[Path | str]) -> None:
        unique: list[Path] = []
        for folder in folders:
            resolved = Path(os.path.abspath(Path(folder).expanduser()))
            if resolved not in unique:
                unique.append(resolved)
        self.folders: tuple[Path, ...] = tuple(unique)
        self._files: dict[Path, _FileState] = {}
        self._themes: dict[str, Theme] = {}
        self._origins: dict[str, Path] = {}

    @property
    def themes(self) -> dict[str, Theme]:
        """The themes in effect, by name."""
        return dict(self._themes)

    def origin(self, name: str) -> Path | None:
        """The file the theme ``name`` comes from."""
        return self._origins.get(name)

    def errors(self) -> list[ThemeError]:
        """Every file that is broken right now."""
        return [state.error for state in self._files.values() if state.error is not None]

    def theme_files(self) -> list[Path]:
        """Theme files now present in the folders."""
        found: list[Path] = []
        for folder in self.folders:
            try:
                names = sorted(entry.name for entry in os.scandir(folder) if entry.is_file())
            except OSError:
                continue
            found.extend(folder / name for name in names if is_theme_file_name(name))
        return found

    def load_one(self, name: str) -> bool:
        """Read only the file that defines the theme ``name`` (start-up: the theme shown first; a
        later ``load_all`` reads the others). False when that cannot be told without reading every
        file: no file or more than one declares the name, or its file is broken."""
        files = [path for path in self.theme_files() if _declared_name(path) == name]
        if len(files) != 1:
            return False
        return not self.reload(files).errors and name in self._themes

    def load_all(self) -> ReloadResult:
        """Read every theme file (the first load, or a full rescan: unchanged files are skipped)."""
        return self.reload([*self._files, *self.theme_files()])

    def reload(self, paths: Iterable[Path | str]) -> ReloadResult:
        """Re-read the given files (changed, added or deleted) and say what that changed."""
        before = dict(self._themes)
        looked_at: list[Path] = []
        errors: list[ThemeError] = []
        for path in sorted({Path(os.path.abspath(p)) for p in paths}, key=self._order):
            if path.parent not in self.folders or not is_theme_file_name(path.name):
                continue
            looked_at.append(path)
            error = self._read(path)
            if error is not None:
                errors.append(error)
        self._rebuild()
        updated = tuple(theme for name, theme in self._themes.items() if before.get(name) is not theme)
        removed = tuple(name for name in before if name not in self._themes)
        return ReloadResult(updated, removed, tuple(errors), tuple(looked_at))

    def _order(self, path: Path) -> tuple[int, str]:
        rank = self.folders.index(path.parent) if path.parent in self.folders else len(self.folders)
        return rank, path.name

    def _read(self, path: Path) -> ThemeError | None:
        """Update one file's state; return its error if it is newly broken."""
        if not path.is_file():
            self._files.pop(path, None)
            return None
        state = self._files.setdefault(path, _FileState())
        try:
            text = read_theme_text(path)
        except ThemeError as error:
            if not path.exists():  # deleted while we looked: the deletion event follows
                self._files.pop(path, None)
                return None
            state.text, state.error = None, error
            return error
        if text == state.text:
            return None  # saved without changes (or touched): nothing new to say
        state.text = text
        if not text.strip():
            state.error = None  # an editor truncated it and is still writing: wait for the next change
            return None
        try:
            theme = parse_theme(text, path)
        except ThemeError as error:
            state.error = error
            return error
        except Exception as exc:  # noqa: BLE001 - any file, however broken, is one message, never a dead watcher
            state.error = ThemeError(path, None, f"cannot be loaded: {type(exc).__name__}: {exc}")
            return state.error
        owner = self._name_owner(theme.name, path)
        if owner is not None:
            state.error = ThemeError(
                path, line_of_key(text, "name"), f"theme name {theme.name!r} is already used by {owner.name}"
            )
            return state.error
        state.theme, state.error = theme, None
        return None

    def _name_owner(self, name: str, path: Path) -> Path | None:
        """Another file in the same folder whose good theme already has this name."""
        for other, state in self._files.items():
            if other != path and other.parent == path.parent and state.theme is not None:
                if state.theme.name == name:
                    return other
        return None

    def _rebuild(self) -> None:
        themes: dict[str, Theme] = {}
        origins: dict[str, Path] = {}
        for path in sorted(self._files, key=self._order):
            theme = self._files[path].theme
            if theme is None:
                continue
            if theme.name in origins and origins[theme.name].parent == path.parent:
                continue  # a same-folder clash: the first file keeps the name
            themes[theme.name] = theme
            origins[theme.name] = path
        self._themes = dict(sorted(themes.items()))
        self._origins = origins
