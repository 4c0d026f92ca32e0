"""How deeply a TOML text nests arrays and inline tables, found before tomllib sees it.

tomllib recurses once per level and gives up with a RecursionError somewhere between 400 and 500
levels, and the code that walks the parsed values recurses too. No scenario or theme needs more than
a handful of levels, so a text nesting deeper than MAX_DEPTH is refused with its line instead.
"""

from __future__ import annotations

__all__ = ["MAX_DEPTH", "too_deep_line"]

MAX_DEPTH = 100


def too_deep_line(text: str, limit: int = MAX_DEPTH) -> int | None:
    """The 1-based line where arrays / inline tables first nest more than `limit` deep, or None."""
    depth, line, i, n = 0, 1, 0, len(text)
    while i < n:
        c = text[i]
        if c == "\n":
            line += 1
        elif c == "#":
            end = text.find("\n", i)
            i = n if end < 0 else end
            continue
        elif c in "\"'":
            quote3 = c * 3
            if text.startswith(quote3, i):
                end = text.find(quote3, i + 3)
                end = n if end < 0 else end + 3
            else:
                end = i + 1
                while end < n and text[end] not in (c, "\n"):
                    end += 2 if c == '"' and text[end] == "\\" else 1
                end += 1
            line += text.count("\n", i, min(end, n))
            i = end
            continue
        elif c in "[{":
            depth += 1
            if depth > limit:
                return line
        elif c in "]}":
            depth = max(0, depth - 1)
        i += 1
    return None
