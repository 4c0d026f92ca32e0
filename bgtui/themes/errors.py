"""``ThemeError``: what is wrong with a theme file, and on which line."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

_TOML_POSITION = re.compile(r"\s*\(at (?:line (?P<line>\d+), column (?P<column>\d+)|end of document)\)\s*$")
_TABLE_HEADER = re.compile(r"^\s*\[\[?\s*(?P<name>[^\[\]]+?)\s*\]\]?\s*(?:#.*)?$")
_KEY = re.compile(r"""^\s*(?P<key>(?:"[^"]*"|'[^']*'|[A-Za-z0-9_-]+)(?:\s*\.\s*(?:"[^"]*"|'[^']*'|[A-Za-z0-9_-]+))*)\s*=""")


class ThemeError(Exception):
    """A theme file that cannot be used: the file, the line (when known) and the problem."""

    def __init__(self, path: Path | str, line: int | None, message: str) -> None:
        self.path = Path(path)
        self.line = line
        self.message = message
        super().__init__(str(self))

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line is not None else str(self.path)  # FILE:LINE, as scenarios
        return f"{where}: {self.message}"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, ThemeError):
            return NotImplemented
        return (self.path, self.line, self.message) == (other.path, other.line, other.message)

    def __hash__(self) -> int:
        return hash((self.path, self.line, self.message))


def from_toml_error(path: Path | str, text: str, error: tomllib.TOMLDecodeError) -> ThemeError:
    """A ``ThemeError`` for a TOML syntax error, on the line tomllib names."""
    message = str(error)
    match = _TOML_POSITION.search(message)
    line: int | None = None
    if match is not None:
        message = message[: match.start()]
        if match["line"] is not None:
            line = int(match["line"])
            message = f"{message} (column {match['column']})"
        else:
            line = max(1, len(text.splitlines()))
            message = f"{message} (at the end of the file)"
    return ThemeError(path, line, f"TOML syntax error: {message}")


def _split_key(key: str) -> tuple[str, ...]:
    parts = re.findall(r""""([^"]*)"|'([^']*)'|([A-Za-z0-9_-]+)""", key)
    return tuple(double or single or bare for double, single, bare in parts)


def line_of_key(text: str, *key_path: str) -> int | None:
    """The 1-based line where ``key_path`` (e.g. ``("variables", "chip-text")``) is set.

    Understands ``[table]`` headers, dotted keys and quoted keys; for a key inside an inline
    table it gives the line of the table's key, or failing that the first line that sets a
    key of that name. ``None`` if nothing matches.
    """
    wanted = tuple(key_path)
    table: tuple[str, ...] = ()
    fallback: int | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        header = _TABLE_HEADER.match(line)
        if header is not None:
            table = _split_key(header["name"])
            if table == wanted:
                return number
            continue
        key = _KEY.match(line)
        if key is None:
            if fallback is None and re.search(rf"""(?:^|[\s{{,"'])["']?{re.escape(wanted[-1])}["']?\s*=""", line):
                fallback = number
            continue
        full = table + _split_key(key["key"])
        if full == wanted:
            return number
        if fallback is None and len(full) < len(wanted) and wanted[: len(full)] == full:
            fallback = number  # e.g. `variables = { chip-text = ... }`
        elif fallback is None and full[-1:] == wanted[-1:]:
            fallback = number
    return fallback
