"""A deep copy of a replayed world (a Session, its emulator, its scenario runs) that lives on by itself.

`copy.deepcopy` alone is not enough for a world: the engine's clock holds timers as closures
(`lambda r=req: self._on_expiring(r)`), which deepcopy shares instead of copying, so the copy's
timers would fire on the original. Here a function with a closure or defaults is rebuilt around
copies of its cells and defaults, and every module-level object of the project (singletons,
sentinels, tables) and the parsed scenarios given as `shared` are kept as they are: they are read,
never changed. No Textual here. tests/timeline/test_checkpoints.py checks that a copy advanced to t
has the same event log and snapshot as a fresh replay to t.
"""

from __future__ import annotations

import copy
import sys
import types
from collections.abc import Iterable
from typing import Any, TypeVar

__all__ = ["copy_world"]

T = TypeVar("T")
_PROJECT = ("emulator", "bgtui")


def _module_objects() -> dict[int, Any]:
    memo: dict[int, Any] = {}
    for name, module in list(sys.modules.items()):
        if module is None or name.split(".", 1)[0] not in _PROJECT:
            continue
        for value in vars(module).values():
            memo[id(value)] = value
    return memo


def _copy_function(fn: types.FunctionType, memo: dict[int, Any]) -> types.FunctionType:
    if fn.__closure__ is None and not fn.__defaults__ and not fn.__kwdefaults__:
        return fn  # nothing of its own to copy
    cells = None if fn.__closure__ is None else tuple(
        types.CellType(copy.deepcopy(cell.cell_contents, memo)) if _filled(cell) else types.CellType()
        for cell in fn.__closure__)
    twin = types.FunctionType(fn.__code__, fn.__globals__, fn.__name__, copy.deepcopy(fn.__defaults__, memo), cells)
    twin.__kwdefaults__ = copy.deepcopy(fn.__kwdefaults__, memo)
    twin.__qualname__ = fn.__qualname__
    twin.__dict__.update(fn.__dict__)
    return twin


def _filled(cell: types.CellType) -> bool:
    try:
        cell.cell_contents  # noqa: B018 - an empty cell raises
    except ValueError:
        return False
    return True


def _kept(obj: Any, memo: dict[int, Any]) -> Any:
    return obj


def _never_changed() -> tuple[type, ...]:
    """Records nothing changes once made: the events, the recorded steps, a step's cached shape, the
    timeline's marks. Most of a long session's world; shared, a copy costs a fraction."""
    from emulator.events import Event
    from emulator.scenario.record import RecordedStep
    from emulator.scenario.refs import Opaque
    from emulator.scenario.runner import Shape

    from bgtui.timeline.model import Mark

    return (Event, RecordedStep, Shape, Opaque, Mark)


def copy_world(world: T, shared: Iterable[object] = ()) -> T:
    """A copy of `world` that shares nothing that changes with it (see the module's docstring)."""
    memo = _module_objects()
    for obj in shared:
        memo[id(obj)] = obj
    dispatch = copy._deepcopy_dispatch  # type: ignore[attr-defined]
    patch: dict[type, Any] = {types.FunctionType: _copy_function, **dict.fromkeys(_never_changed(), _kept)}
    before = {cls: dispatch.get(cls) for cls in patch}
    dispatch.update(patch)  # only for this copy: the event loop runs one thing at a time
    try:
        return copy.deepcopy(world, memo)
    finally:
        for cls, old in before.items():
            if old is None:
                del dispatch[cls]
            else:
                dispatch[cls] = old
