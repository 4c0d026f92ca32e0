"""Where each key of a TOML document is: its line, found by scanning the source text.

`tomllib` parses but does not say where a value came from. This scanner reads the same text
(the file has already parsed, so it is valid TOML) and finds, for every table header and
every `key = value` line, the path of the key and its 1-based line:

    [scenario]            -> ("scenario",)
    name = "x"            -> ("scenario", "name")
    [[steps]]             -> ("steps", 0)          arrays of tables count from 0
    at = "2m"             -> ("steps", 0, "at")

Values spanning several lines (arrays, inline tables, multi-line strings) are skipped, so a
key inside an inline table is reported at the line of the key that holds the table.
"""

from __future__ import annotations

import re
from array import array

__all__ = ["KeyLines"]

Path = tuple[object, ...]
# A one-line basic or literal string (not the opening of a multi-line one), and its body.
_BARE = re.compile(r"[^ \t.=\]]+")  # a bare key (or its part) ends at any of these
_PLAIN = re.compile(r"[^\"'\[\]{}#\n]+")
_ONE_LINE = {'"': re.compile(r'"(?!"")((?:[^"\\\n]|\\.)*)"'), "'": re.compile(r"'(?!'')([^'\n]*)'")}


class KeyLines:
    """Table headers are found up front; a key's line only when asked, by rescanning its table.

    Keeping every key's path (a tuple per key) cost 190 MB for a 200,000-step file, 10 times
    the text; a header costs three integers, and a line is only asked for on an error or once
    per header (each step's own line).
    """

    def __init__(self, text: str) -> None:
        self._text = text
        self._begin = array("q")  # each header's '[' position, in file order
        self._start = array("q")  # just after its closing bracket
        self._hline = array("q")  # its line
        self._arrays: dict[Path, array] = {}  # `[[name]]` -> the ordinal of each of its headers
        self._tables: dict[Path, int] = {}  # `[name]` -> its header's ordinal
        self._cached: tuple[int, dict[Path, int]] = (-2, {})  # the last table whose keys were scanned
        self._scan_headers()

    def line(self, path: Path) -> int:
        """The line of `path`, or of its nearest recorded ancestor; 1 if none is known."""
        p = tuple(path)
        for k in range(len(p), -1, -1):
            h = self._header(p[:k])
            if h is None:
                continue
            if k == len(p) and k:
                return self._hline[h]
            keys = self._keys(h, p[:k])
            q = p
            while len(q) > k:
                if q in keys:
                    return keys[q]
                q = q[:-1]
            return self._hline[h] if h >= 0 else 1
        return 1

    def count(self, name: Path) -> int:
        """How many `[[name]]` tables the file has."""
        return len(self._arrays.get(tuple(name), ()))

    def _header(self, prefix: Path) -> int | None:
        """The ordinal of the header that opens table `prefix` (-1: the top, before any header)."""
        if not prefix:
            return -1
        last = prefix[-1]
        if isinstance(last, int):
            ords = self._arrays.get(prefix[:-1])
            return ords[last] if ords is not None and 0 <= last < len(ords) else None
        return self._tables.get(prefix)

    def _keys(self, h: int, table: Path) -> dict[Path, int]:
        if self._cached[0] != h:
            start = self._start[h] if h >= 0 else 0
            end = self._begin[h + 1] if h + 1 < len(self._begin) else len(self._text)
            self._cached = (h, self._scan_keys(start, end, self._hline[h] if h >= 0 else 1, table))
        return self._cached[1]

    # -- scanning ----------------------------------------------------------------------------
    def _scan_headers(self) -> None:
        self._pos, self._lineno = 0, 1
        text = self._text
        while self._pos < len(text):
            c = text[self._pos]
            if c in " \t\r":
                self._pos += 1
            elif c == "\n":
                self._newline()
            elif c == "#":
                self._skip_comment()
            elif c == "[":
                begin, line = self._pos, self._lineno
                array_table = text.startswith("[[", self._pos)
                self._pos += 2 if array_table else 1
                name = tuple(self._read_key("]"))
                self._pos += 2 if array_table else 1
                ordinal = len(self._begin)
                if array_table:
                    self._arrays.setdefault(name, array("q")).append(ordinal)
                else:
                    self._tables.setdefault(name, ordinal)
                self._begin.append(begin)
                self._start.append(self._pos)
                self._hline.append(line)
            else:
                self._read_key("=")
                self._pos += 1  # '='
                self._skip_value()

    def _scan_keys(self, start: int, end: int, line: int, table: Path) -> dict[Path, int]:
        """Every `key = value` line of one table's body (between its header and the next)."""
        self._pos, self._lineno = start, line
        text = self._text
        keys: dict[Path, int] = {}
        while self._pos < end:
            c = text[self._pos]
            if c in " \t\r":
                self._pos += 1
            elif c == "\n":
                self._newline()
            elif c == "#":
                self._skip_comment()
            else:
                line = self._lineno
                key = self._read_key("=")
                self._pos += 1  # '='
                for i in range(1, len(key) + 1):
                    keys.setdefault(table + tuple(key[:i]), line)
                self._skip_value()
        return keys

    def _newline(self) -> None:
        self._pos += 1
        self._lineno += 1

    def _skip_comment(self) -> None:
        end = self._text.find("\n", self._pos)
        self._pos = len(self._text) if end < 0 else end

    def _read_key(self, stop: str) -> list[str]:
        """A dotted key up to `stop` ('=' or ']'), with bare and quoted parts."""
        parts: list[str] = []
        text = self._text
        while self._pos < len(text) and text[self._pos] != stop:
            c = text[self._pos]
            if c in " \t.":
                self._pos += 1
            elif c in "\"'":
                parts.append(self._read_string())
            else:
                bare = _BARE.match(text, self._pos)
                if bare is None:  # "]" before "=" (or "=" in a header): not TOML, but never a reason to hang
                    self._pos += 1
                    continue
                self._pos = bare.end()
                parts.append(bare.group())
        return parts

    def _read_string(self) -> str:
        """A basic, literal or multi-line string starting at the cursor; returns its raw body."""
        text = self._text
        quote = text[self._pos]
        one_line = _ONE_LINE[quote].match(text, self._pos)
        if one_line:  # the common case, without a Python loop over its characters
            self._pos = one_line.end()
            return one_line.group(1)
        triple = text.startswith(quote * 3, self._pos)
        delim = quote * 3 if triple else quote
        self._pos += len(delim)
        start = self._pos
        while self._pos < len(text):
            if quote == '"' and text[self._pos] == "\\":
                if text[self._pos + 1:self._pos + 2] == "\n":
                    self._lineno += 1
                self._pos += 2
                continue
            if text.startswith(delim, self._pos):
                # A multi-line string may end with up to two extra quotes before the delimiter.
                while triple and text.startswith(delim + quote, self._pos):
                    self._pos += 1
                body = text[start:self._pos]
                self._pos += len(delim)
                return body
            if text[self._pos] == "\n":
                self._lineno += 1
            self._pos += 1
        return text[start:]

    def _skip_value(self) -> None:
        """Skip a value, including arrays and inline tables over several lines, up to its line's end."""
        depth = 0
        text = self._text
        while self._pos < len(text):
            plain = _PLAIN.match(text, self._pos)
            if plain:  # characters that open, close or end nothing
                self._pos = plain.end()
                continue
            c = text[self._pos]
            if c in "\"'":
                self._read_string()
                continue
            if c == "#":
                self._skip_comment()
                continue
            if c in "[{":
                depth += 1
            elif c in "]}":
                depth -= 1
            elif c == "\n":
                if depth <= 0:
                    return
                self._lineno += 1
            self._pos += 1
