"""A live call's Python arguments as a scenario step writes them, or a ValueError saying why they cannot be.

    "$context"    the calling app's current main-ability context (the very object `app.context`)
    "$context.X"  the calling app's current context of its UIAbility X (`app.ability_context("X")`)
    "$wantAgent"  a WantAgent that opens the calling app's main ability (all the service reads of one)
    "$callback"   any function (the step's `on_callback` says what the app does inside it)
    "$subscriber" a StateSubscriber of the calling app (the same object at every step of a replay)
    "$$text"      a string that starts with "$"
    a table       a dict, or a dataclass of emulator.kit.types (its fields; None fields are left out,
                  which is how the kit reads them: None on an object means "not given")
    a number      an int, a float, an IntEnum member (its value)

None (null) has no form in TOML: in a dict or as an argument the kit reads it as a present null,
which is not the same as leaving it out, so it is refused.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any

from emulator.apps import UIAbilityContext
from emulator.kit.wantAgent import WantAgent
from emulator.scenario.load import field_name
from emulator.scenario.refs import escape
from emulator.scenario.subscriber import StateSubscriber
from emulator.scenario.write import toml_value

if TYPE_CHECKING:
    from emulator.apps import App

__all__ = ["encode_args"]

_KIT_TYPES = "emulator.kit.types"


def encode_args(args: tuple[Any, ...], app: App) -> list[Any]:
    """The file form of a call's arguments; ValueError names the first argument that has none."""
    out = [_encode(v, app, ("args", i)) for i, v in enumerate(args)]
    toml_value(out)  # a lone surrogate, an int beyond 64 bits: refused now, not when saving
    return out


def _fail(path: tuple[object, ...], message: str) -> ValueError:
    return ValueError(f"{field_name(path)}: {message}")


def _encode(value: Any, app: App, path: tuple[object, ...]) -> Any:
    if value is None:
        raise _fail(path, "None (a JS null) has no form in a scenario file; leave the field out instead")
    if isinstance(value, bool):
        return bool(value)
    if isinstance(value, int):
        return int(value)  # an IntEnum member: its value
    if isinstance(value, float):
        return float(value)
    if isinstance(value, str):
        return escape(str(value))
    if isinstance(value, UIAbilityContext):
        name = value.abilityInfo.name if value.app is app else None
        if name is None or app.contexts.get(name) is not value:
            raise _fail(path, f"{value!r} is not one of {app.bundle_name}'s current ability contexts; a scenario "
                              "passes only the calling app's own current contexts ($context, $context.Name)")
        return "$context" if value is app.context else f"$context.{name}"
    if isinstance(value, WantAgent):
        if value.bundleName != app.bundle_name or value.abilityName != app.main_ability or value.extraInfo:
            raise _fail(path, f"{value!r} (extraInfo {value.extraInfo!r}) is not a plain WantAgent for "
                              f"{app.bundle_name}/{app.main_ability}; a scenario can only pass that one ($wantAgent)")
        return "$wantAgent"
    if isinstance(value, StateSubscriber):
        if value.bundle != app.bundle_name:
            raise _fail(path, f"that subscriber is {value.bundle}'s; a scenario passes only the calling app's own "
                              "($subscriber)")
        return "$subscriber"
    if isinstance(value, (list, tuple)):
        return [_encode(v, app, path + (i,)) for i, v in enumerate(value)]
    if isinstance(value, dict):
        for key in value:
            if not isinstance(key, str):
                raise _fail(path, f"the key {key!r} is not a string (an object's keys are strings)")
        return {k: _encode(v, app, path + (k,)) for k, v in value.items()}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        if type(value).__module__ != _KIT_TYPES:
            raise _fail(path, f"{type(value).__name__} is not one of the kit's types; pass a dict with the ArkTS "
                              "keys")
        return {f.name: _encode(getattr(value, f.name), app, path + (f.name,))
                for f in dataclasses.fields(value) if getattr(value, f.name) is not None}
    if callable(value) and not isinstance(value, type):
        return "$callback"
    raise _fail(path, f"{type(value).__name__} {value!r} has no form in a scenario file")
