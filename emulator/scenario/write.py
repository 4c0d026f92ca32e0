"""TOML text from plain data: what a recorded session is saved as (no dependency: TOML 1.0 by hand).

Values: str, int (64-bit), float, bool, list and dict (written inline: one line each); anything
else, a string that is not valid Unicode text (a lone surrogate) or an int out of range is a
ValueError naming the value. A document is top-level tables and arrays of tables, in the order
given:

    dumps({"scenario": {"name": "x"}, "apps": [{"bundle_name": "a"}]})
    -> '[scenario]\\nname = "x"\\n\\n[[apps]]\\nbundle_name = "a"\\n'
"""

from __future__ import annotations

import math
import re
from typing import Any, Iterable

__all__ = ["dumps", "toml_value", "toml_key", "toml_string"]

_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+\Z")
_ESCAPES = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r"}
_NEEDS_ESCAPE = re.compile(r'["\\\x00-\x1f\x7f]')
_INT64 = (-(1 << 63), (1 << 63) - 1)


def _escape(match: re.Match[str]) -> str:
    ch = match.group()
    return _ESCAPES.get(ch) or f"\\u{ord(ch):04X}"


def toml_string(text: str) -> str:
    """A TOML basic string: quotes, backslashes and control characters escaped; other text as is (UTF-8)."""
    if any(0xD800 <= ord(c) <= 0xDFFF for c in text):
        raise ValueError(f"the string {text!r} holds a lone surrogate, which no TOML (UTF-8) file can hold")
    return '"' + _NEEDS_ESCAPE.sub(_escape, text) + '"'


def toml_key(key: str) -> str:
    """A key: bare when it is letters, digits, _ and -; quoted otherwise (dots included)."""
    if not isinstance(key, str):
        raise ValueError(f"a TOML key must be a string, not {type(key).__name__} {key!r}")
    return key if _BARE_KEY.match(key) else toml_string(key)


def toml_value(value: Any) -> str:
    """One value, inline (arrays and tables on one line)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        if not _INT64[0] <= value <= _INT64[1]:
            raise ValueError(f"the integer {value} is outside TOML's 64-bit range")
        return str(int(value))
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        text = repr(float(value))  # shortest round-trip form: "0.1", "1e+20", "-0.0"
        return text if any(c in text for c in ".en") else text + ".0"
    if isinstance(value, str):
        return toml_string(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        if not value:
            return "{}"
        return "{ " + ", ".join(f"{toml_key(k)} = {toml_value(v)}" for k, v in value.items()) + " }"
    raise ValueError(f"{type(value).__name__} {value!r} has no TOML form")


def _table(header: str, body: dict[str, Any]) -> str:
    lines = [header] + [f"{toml_key(k)} = {toml_value(v)}" for k, v in body.items()]
    return "\n".join(lines) + "\n"


def dumps(document: dict[str, dict[str, Any] | Iterable[dict[str, Any]]], comment: str = "") -> str:
    """A TOML document: each entry a [table] (a dict) or [[array of tables]] (a list of dicts).

    `comment` lines go first, each prefixed with "# ".
    """
    parts = ["".join(f"# {line}\n".replace("# \n", "#\n") for line in comment.splitlines())] if comment else []
    for name, body in document.items():
        head = toml_key(name)
        if isinstance(body, dict):
            parts.append(_table(f"[{head}]", body))
        else:
            parts.extend(_table(f"[[{head}]]", item) for item in body)
    return "\n".join(p for p in parts if p)
