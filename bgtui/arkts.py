"""What an app receives, written as ArkTS shows it: class names, field names and values. No Textual here.

    ContinuousTaskSuspendInfo { continuousTaskId: 3, suspendReason: -1 }
"""

from __future__ import annotations

import dataclasses
import enum
import json
from typing import Any

__all__ = ["arkts", "arkts_lines"]


def _scalar(value: Any) -> str | None:
    if value is None:
        return "undefined"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, enum.Enum):
        return str(value.value)
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    return None


def _fields(value: Any) -> tuple[str, list[tuple[str, Any]]] | None:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        # a None field is one the object leaves out (undefined), as the kit reads it
        return type(value).__name__, [(f.name, getattr(value, f.name)) for f in dataclasses.fields(value)
                                      if getattr(value, f.name) is not None]
    if isinstance(value, dict):
        return "", [(str(k), v) for k, v in value.items()]
    return None


def arkts(value: Any) -> str:
    """One line."""
    text = _scalar(value)
    if text is not None:
        return text
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(map(arkts, value)) + "]"
    fields = _fields(value)
    if fields is None:
        return f"<{type(value).__name__}>"
    name, items = fields
    body = ", ".join(f"{k}: {arkts(v)}" for k, v in items)
    return f"{name + ' ' if name else ''}{{ {body} }}" if items else f"{name} {{}}".strip()


def arkts_lines(value: Any, indent: str = "") -> list[str]:
    """Several lines: one field a line, nested objects indented."""
    text = _scalar(value)
    if text is not None:
        return [indent + text]
    if isinstance(value, (list, tuple)):
        if not value:
            return [indent + "[]"]
        out = [indent + "["]
        for item in value:
            out += arkts_lines(item, indent + "  ")
        return out + [indent + "]"]
    fields = _fields(value)
    if fields is None:
        return [indent + arkts(value)]
    name, items = fields
    out = [indent + (f"{name} {{" if name else "{")]
    for key, item in items:
        inner = arkts_lines(item, indent + "  ")
        out.append(f"{indent}  {key}: {inner[0].strip()}")
        out += inner[1:]
    return out + [indent + "}"]
