"""How the NAPI layer sees Python values: JS types, and number conversion to int32.

Python stands in for JS: int and float are `number` (bool is not: it is `boolean`), str is
`string`, list/tuple are arrays, callables are functions, dicts and other objects are objects,
None is null/undefined.
"""

from __future__ import annotations

import inspect
import math
import re
from inspect import CO_VARARGS
from types import FunctionType
from typing import Any

MISSING: Any = object()  # a property that is not there (JS undefined)


def is_number(v: object) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def is_string(v: object) -> bool:
    return isinstance(v, str)


def is_bool(v: object) -> bool:
    return isinstance(v, bool)


def is_function(v: object) -> bool:
    return callable(v) and not isinstance(v, type)


def is_array(v: object) -> bool:
    return isinstance(v, (list, tuple))


def is_object(v: object) -> bool:
    return v is not None and not isinstance(v, (int, float, str, bytes, bool)) and not is_function(v)


def _as_double(v: int | float) -> float:
    try:
        return float(v)
    except OverflowError:  # an int beyond a double's range is +/-Infinity in JS
        return math.inf if v > 0 else -math.inf


def to_int32(v: int | float) -> int:
    """napi_get_value_int32: truncate, wrap to 32 bits; NaN and +/-Infinity give 0."""
    d = _as_double(v)
    if not math.isfinite(d):
        return 0
    n = int(d) & 0xFFFFFFFF
    return n - (1 << 32) if n >= 1 << 31 else n


def to_int64(v: int | float) -> int:
    """napi_get_value_int64: truncate; NaN and +/-Infinity give 0; out of range saturates."""
    d = _as_double(v)
    if not math.isfinite(d):
        return 0
    return max(-(1 << 63), min((1 << 63) - 1, int(d)))


def get_field(obj: object, name: str) -> Any:
    """A property of a dict or an object, or MISSING (JS undefined). None counts as present-but-null."""
    if isinstance(obj, dict):
        return obj.get(name, MISSING)
    return getattr(obj, name, MISSING)


STR_MAX_BYTES = 63  # STR_MAX_SIZE (64) - 1: the NAPI string buffer silently truncates
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")  # a JS surrogate pair is one code point in a Python str


def napi_string(value: str) -> str:
    """A string argument as the kit reads it (Common::GetStringValue): each lone surrogate becomes U+FFFD,
    then at most 63 UTF-8 bytes are kept (a character that does not fit is dropped).

    The device writes a lone surrogate as its own 3 bytes, which no UTF-8 text (log, TOML, JSON) can hold;
    U+FFFD takes the same 3 bytes, so the cut falls where it falls on a device (docs/quirks.md).
    """
    if value.isascii():
        return value[:STR_MAX_BYTES]
    value = _LONE_SURROGATE.sub("\ufffd", value)
    raw = value.encode("utf-8")
    if len(raw) <= STR_MAX_BYTES:
        return value
    return raw[:STR_MAX_BYTES].decode("utf-8", "ignore")


def call_js(fn: Any, *args: Any) -> Any:
    """Call a callback as JS would: extra arguments are dropped when the function takes fewer."""
    return fn(*args[:_arity(fn, len(args))])


def _arity(fn: Any, offered: int) -> int:
    if isinstance(fn, FunctionType):  # the common case, read from the code object: no inspect.signature
        code = fn.__code__
        return offered if code.co_flags & CO_VARARGS else min(code.co_argcount, offered)
    try:
        params = inspect.signature(fn).parameters.values()
    except (TypeError, ValueError):
        return offered
    count = 0
    for p in params:
        if p.kind is p.VAR_POSITIONAL:
            return offered
        if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD):
            count += 1
    return min(count, offered)
