"""Frozen value records (the snapshot's views, error and ability definitions): declared as dataclasses,
cheap to define and to build.

`@dataclass(frozen=True)` compiles six methods per class at import (~0.7 ms a class) and its __init__
sets every field through object.__setattr__ (~1.7 µs for a 14-field view; a snapshot of 1,000 tasks
builds ~1,300 views 10 times a second). A `@frozen_record` class keeps the dataclass fields, so
dataclasses.fields(), asdict() and replace() still work, but takes its methods from `FrozenRecord`,
which stores the fields in the instance's __dict__ in one step. Like a frozen dataclass, it is
compared and hashed by its fields' values, and assigning or deleting a field raises
FrozenInstanceError (its __dataclass_params__ say frozen=False: FrozenRecord does the freezing).

A hot loop may skip __init__: `view = object.__new__(cls)`, then set every field in `view.__dict__`
once, in declaration order (see snapshot.py).
"""

from __future__ import annotations

from dataclasses import MISSING, FrozenInstanceError, dataclass, fields
from typing import Any, TypeVar

__all__ = ["FrozenRecord", "frozen_record"]

_set = object.__setattr__
R = TypeVar("R", bound="FrozenRecord")


class FrozenRecord:
    _fields: tuple[str, ...] = ()  # in declaration order
    _names: frozenset[str] = frozenset()
    _defaults: dict[str, Any] = {}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        if args or kwargs.keys() != self._names:
            kwargs = self._complete(args, kwargs)
        _set(self, "__dict__", kwargs)  # a fresh dict: **kwargs always makes one

    @classmethod
    def _complete(cls, args: tuple[Any, ...], kwargs: dict[str, Any]) -> dict[str, Any]:
        """Positional arguments and defaults, with the TypeErrors a dataclass __init__ raises."""
        name = cls.__qualname__
        if len(args) > len(cls._fields):
            raise TypeError(f"{name}() takes {len(cls._fields)} positional arguments but {len(args)} were given")
        values = dict(zip(cls._fields, args))
        for key, value in kwargs.items():
            if key not in cls._names:
                raise TypeError(f"{name}() got an unexpected keyword argument {key!r}")
            if key in values:
                raise TypeError(f"{name}() got multiple values for argument {key!r}")
            values[key] = value
        missing = [f for f in cls._fields if f not in values and f not in cls._defaults]
        if missing:
            raise TypeError(f"{name}() missing {len(missing)} required argument(s): {', '.join(map(repr, missing))}")
        return {f: values[f] if f in values else cls._defaults[f] for f in cls._fields}

    def __setattr__(self, name: str, value: Any) -> None:
        raise FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise FrozenInstanceError(f"cannot delete field {name!r}")

    def __eq__(self, other: object) -> bool:
        if other.__class__ is self.__class__:
            return self.__dict__ == other.__dict__
        return NotImplemented

    def __hash__(self) -> int:
        values = self.__dict__
        return hash(tuple(values[f] for f in self._fields))

    def __repr__(self) -> str:
        values = self.__dict__
        return f"{self.__class__.__qualname__}({', '.join(f'{f}={values[f]!r}' for f in self._fields)})"


def frozen_record(cls: type[R]) -> type[R]:
    """Make a FrozenRecord subclass's annotated fields dataclass fields (no generated methods)."""
    cls = dataclass(init=False, repr=False, eq=False)(cls)
    declared = fields(cls)
    if any(f.default_factory is not MISSING for f in declared):
        raise TypeError(f"{cls.__qualname__}: a record field takes a plain default, not a default_factory")
    cls._fields = tuple(f.name for f in declared)
    cls._names = frozenset(cls._fields)
    cls._defaults = {f.name: f.default for f in declared if f.default is not MISSING}
    return cls

