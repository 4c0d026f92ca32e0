"""Where each key of a TOML document is: its line, found by scanning the source text.

`tomllib` parses but does not say where a value came from. This scanner reads the same text
(the file has already parsed, so it is valid TOML) and records, for every table header and
every `key = value` line, the path of the key and its 1-based line:

    [scenario]            -> ("scenario",)
    name = "x"            -> ("scenario", "name")
    [[steps]]             -> ("steps", 0)          arrays of tables count from 0
    at = "2m"             -> ("steps", 0, "at")

Values spanning several lines (arrays, inline tables, multi-line strings) are skipped, so a
key inside an inline table is reported at the line of the key that holds the table.
"""

from __future__ import annotations

__all__ = ["KeyLines"]

Path = tuple[object, ...]


class KeyLines:
    def __init__(self, text: str) -> None:
        self._lines: dict[Path, int] = {}
        self._scan(text)

    def line(self, path: Path) -> int:
        """The line of `path`, or of its nearest recorded ancestor; 1 if none is known."""
        p = tuple(path)
        while p:
            if p in self._lines:
                return self._lines[p]
            p = p[:-1]
        return 1

    # -- scanning ----------------------------------------------------------------------------
    def _scan(self, text: str) -> None:
        self._text, self._pos, self._lineno = text, 0, 1
        counts: dict[Path, int] = {}
        table: Path = ()
        while self._pos < len(text):
            c = text[self._pos]
            if c in " \t\r":
                self._pos += 1
            elif c == "\n":
                self._newline()
            elif c == "#":
                self._skip_comment()
            elif c == "[":
                line = self._lineno
                array = text.startswith("[[", self._pos)
                self._pos += 2 if array else 1
                name = tuple(self._read_key("]"))
                self._pos += 2 if array else 1
                if array:
                    index = counts.get(name, 0)
                    counts[name] = index + 1
                    table = name + (index,)
                else:
                    table = name
                self._lines.setdefault(table, line)
            else:
                line = self._lineno
                key = self._read_key("=")
                self._pos += 1  # '='
                for i in range(1, len(key) + 1):
                    self._lines.setdefault(table + tuple(key[:i]), line)
                self._skip_value()

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
                start = self._pos
                while self._pos < len(text) and text[self._pos] not in " \t.=]" and text[self._pos] != stop:
                    self._pos += 1
                parts.append(text[start:self._pos])
        return parts

    def _read_string(self) -> str:
        """A basic, literal or multi-line string starting at the cursor; returns its raw body."""
        text = self._text
        quote = text[self._pos]
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
