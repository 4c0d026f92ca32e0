"""`$references` in step values, and turning call results into plain data.

In a step's `args`, `expect_result` and some expectation fields, a string starting with `$`
is a reference:

    "$upload.requestId"       a field of the result a previous step saved with save_as = "upload"
    "$info.transientTasks.0"  list items by position (from 0, as in ArkTS)
    "$callback"               a callback the runner records (its reaction: on_callback)
    "$context"                the calling app's main UIAbility context
    "$context.MapAbility"     the context of the calling app's UIAbility of that name
    "$wantAgent"              a WantAgent that opens the calling app's EntryAbility
    "$subscriber"             the calling app's subscribeContinuousTaskState subscriber (the same one every
                              step, so an unsubscribe removes what a subscribe added); its methods are recorded
    "$ResourceType.CPU"       a member of one of the module's enums (replaced by its value at load)
    "$$text"                  the literal string "$text"
"""

from __future__ import annotations

import dataclasses
import enum
import re
from typing import Any, Callable

from emulator.errors import BusinessError
from emulator.kit import enums as _enums
from emulator.scenario.model import Ref

__all__ = ["SPECIALS", "ENUMS", "RESERVED", "RefError", "parse_ref", "convert", "resolve", "plain",
           "show", "escape", "contains_callback", "Opaque", "field_of", "NAME", "refs_of"]

SPECIALS = ("callback", "context", "wantAgent", "subscriber")
ENUMS: dict[str, type[enum.Enum]] = {
    name: obj for name, obj in vars(_enums).items()
    if isinstance(obj, type) and issubclass(obj, enum.Enum) and obj.__module__ == _enums.__name__
}
RESERVED = frozenset(SPECIALS) | frozenset(ENUMS)
_REF = re.compile(r"\$([A-Za-z_]\w*)((?:\.\w+)*)$")
NAME = re.compile(r"[A-Za-z_]\w*$")


class RefError(ValueError):
    pass


class Opaque(str):
    """An object with no plain form (a callback, a context): shown as <name>, not quoted."""


def parse_ref(text: str) -> Ref | Any:
    """A `$...` string as a Ref (or an enum member's value); RefError if malformed."""
    m = _REF.match(text)
    if m is None:
        raise RefError(f"{text!r} is not a reference: write $name or $name.field (use $$ for a literal $)")
    name, rest = m.group(1), m.group(2)
    fields = tuple(rest[1:].split(".")) if rest else ()
    if name in ENUMS:
        members = ENUMS[name].__members__
        if len(fields) != 1 or fields[0] not in members:
            raise RefError(f"{text!r}: {name} has the members {', '.join(members)}")
        return members[fields[0]].value
    if name == "context" and len(fields) > 1:
        raise RefError(f"{text!r}: write $context (the main ability's) or $context.AbilityName")
    if name in SPECIALS and fields and name != "context":
        raise RefError(f"{text!r}: ${name} has no fields")
    return Ref(name, fields)


def convert(value: Any, on_ref: Callable[[Ref, tuple[object, ...]], None], path: tuple[object, ...] = ()) -> Any:
    """A TOML value with its `$` strings turned into Refs; `on_ref(ref, path)` may refuse one (raise)."""
    if isinstance(value, str):
        if value.startswith("$$"):
            return value[1:]
        if value.startswith("$"):
            try:
                ref = parse_ref(value)
            except RefError as exc:
                raise RefError(str(exc)) from None
            if isinstance(ref, Ref):
                on_ref(ref, path)
            return ref
        return value
    if isinstance(value, list):
        return [convert(v, on_ref, path + (i,)) for i, v in enumerate(value)]
    if isinstance(value, dict):
        return {k: convert(v, on_ref, path + (k,)) for k, v in value.items()}
    if isinstance(value, (bool, int, float)):
        return value
    raise RefError(f"{type(value).__name__} values (dates and times) are not supported here")


def escape(value: str) -> str:
    """A literal string as a step writes it, the inverse of `convert`: "$x" is written "$$x"."""
    return "$" + value if value.startswith("$") else value


def contains_callback(value: Any) -> bool:
    if isinstance(value, Ref):
        return value.name == "callback"
    if isinstance(value, list):
        return any(contains_callback(v) for v in value)
    if isinstance(value, dict):
        return any(contains_callback(v) for v in value.values())
    return False


def refs_of(value: Any) -> list[Ref]:
    """Every Ref in a value, at any depth."""
    if isinstance(value, Ref):
        return [value]
    if isinstance(value, (list, tuple)):
        return [r for v in value for r in refs_of(v)]
    if isinstance(value, dict):
        return [r for v in value.values() for r in refs_of(v)]
    return []


def resolve(value: Any, lookup: Callable[[Ref], Any]) -> Any:
    """`value` with every Ref replaced by `lookup(ref)` (tuples become lists)."""
    if isinstance(value, Ref):
        return lookup(value)
    if isinstance(value, (list, tuple)):
        return [resolve(v, lookup) for v in value]
    if isinstance(value, dict):
        return {k: resolve(v, lookup) for k, v in value.items()}
    return value


def field_of(value: Any, ref: Ref) -> Any:
    """Follow `ref.fields` into a plain value; RefError names the first field that is missing."""
    for i, name in enumerate(ref.fields):
        if isinstance(value, dict) and name in value:
            value = value[name]
        elif isinstance(value, list) and name.isdigit() and int(name) < len(value):
            value = value[int(name)]
        else:
            upto = "$" + ".".join((ref.name,) + ref.fields[:i])
            raise RefError(f"{ref}: {upto} is {show(value)}, which has no {name!r}")
    return value


_SCALARS = frozenset({str, int, float, bool, type(None)})
_FIELDS: dict[type, tuple[str, ...]] = {}


def plain(value: Any) -> Any:
    """A call's result as JSON-like data: objects become dicts of their ArkTS fields."""
    kind = type(value)
    if kind in _SCALARS:
        return value
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, (bool, str, int, float)):
        return value
    if isinstance(value, BusinessError):
        return {"code": value.code, "message": value.message}
    names = _FIELDS.get(kind)
    if names is None and dataclasses.is_dataclass(value) and not isinstance(value, type):
        names = _FIELDS[kind] = tuple(f.name for f in dataclasses.fields(value))
    if names is not None:
        return {name: plain(getattr(value, name)) for name in names}
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if callable(value):
        return Opaque("<callback>")
    return Opaque(f"<{type(value).__name__}>")


def show(value: Any) -> str:
    """A short, deterministic rendering of a plain value or a step argument for the log."""
    if isinstance(value, Ref):
        if value.name == "context" and value.fields:
            return f"<context {value.fields[0]}>"
        return {"callback": "<callback>", "context": "<context>", "wantAgent": "<wantAgent>",
                "subscriber": "<subscriber>"}.get(
            value.name, str(value))
    if value is None:
        return "null"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, Opaque):
        return str(value)
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {show(v)}" for k, v in value.items()) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(show(v) for v in value) + "]"
    return str(value)
