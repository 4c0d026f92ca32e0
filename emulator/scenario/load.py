"""Read a scenario file: TOML, then every table, key and value checked; nothing runs if one is wrong.

The first problem found raises ScenarioError("FILE:LINE: FIELD: message"). Fields are named by
their path with indexes counted from 1, e.g. `steps[3].args[2]`.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

from emulator.apps import ABILITY_NAME
from emulator.errors import ERRORS
from emulator.scenario import size
from emulator.scenario import steps as step_parser
from emulator.scenario.actions import ACTIONS, DEVICE_KEYS, POLICY_KEYS
from emulator.scenario.model import AppSpec, Scenario, ScenarioError
from emulator.scenario.refs import refs_of
from emulator.scenario.rules import suggest
from emulator.scenario.timefmt import DurationError, parse_duration
from emulator.scenario.tomlpos import KeyLines
from emulator.toml_depth import MAX_DEPTH, too_deep_line

__all__ = ["load", "load_file", "load_text", "Ctx", "KNOWN_CODES"]

KNOWN_CODES = frozenset({0} | {d.code for d in ERRORS.values()})
_TOP = ("scenario", "device", "policy", "apps", "steps")
_SCENARIO_KEYS = ("name", "description", "end")
_APP_KEYS = ("bundle_name", "label", "system_app", "atomic_service", "permissions", "background_modes",
             "running_resources_apply", "abilities")


class Ctx:
    """Where we are: the file and its key lines, to name the line of any field."""

    def __init__(self, file: str, text: str, *, allow_large: bool = False) -> None:
        self.file = file
        self.lines = KeyLines(text)
        self.allow_large = allow_large  # emulator.scenario.size: run counts past its limits are accepted

    def fail(self, path: tuple[object, ...], message: str) -> ScenarioError:
        return ScenarioError(self.file, self.lines.line(path), field_name(path), message)

    def table(self, value: object, path: tuple[object, ...], allowed: tuple[str, ...], what: str) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(path, f"must be a table ({what}), not {_kind(value)}")
        for key in value:
            if key not in allowed:
                raise self.fail(path + (key,), unknown_key(key, allowed, what))
        return value

    def duration(self, value: object, path: tuple[object, ...]) -> int:
        try:
            return parse_duration(value)
        except DurationError as exc:
            raise self.fail(path, str(exc)) from None


def field_name(path: tuple[object, ...]) -> str:
    out = ""
    for part in path:
        out += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def unknown_key(key: str, allowed: tuple[str, ...] | list[str], what: str) -> str:
    return f"unknown key {key!r} in {what}{suggest(key, allowed)} (allowed: {', '.join(allowed)})"


def _kind(value: object) -> str:
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, str):
        return f"the string {value!r}"
    return f"{type(value).__name__} {value!r}"


# -- entry points ---------------------------------------------------------------------------------
def load(spec: str, *, allow_large: bool = False) -> Scenario:
    """A scenario from a path, or `demo:NAME` for a built-in demo.

    A file whose steps run more than emulator.scenario.size allows (a million runs of a step, two
    million in all) raises ScenarioError, unless `allow_large`.
    """
    if spec.startswith("demo:"):
        from emulator.scenario.demos import demo_text

        name = spec[len("demo:"):]
        try:
            text = demo_text(name)
        except KeyError as exc:
            raise ScenarioError(spec, None, None, str(exc.args[0])) from None
        return load_text(text, spec, allow_large=allow_large)
    return load_file(spec, allow_large=allow_large)


def load_file(path: str | Path, *, allow_large: bool = False) -> Scenario:
    file = str(path)
    try:
        raw = Path(path).read_bytes()
    except FileNotFoundError:
        raise ScenarioError(file, None, None, "no such file") from None
    except IsADirectoryError:
        raise ScenarioError(file, None, None, "is a directory, not a scenario file") from None
    except OSError as exc:
        raise ScenarioError(file, None, None, f"cannot be read: {exc.strerror}") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[:exc.start].count(b"\n") + 1
        raise ScenarioError(file, line, None, "is not UTF-8 text (a TOML file must be UTF-8)") from None
    return load_text(text, file, allow_large=allow_large)


def load_text(text: str, file: str = "<scenario>", *, allow_large: bool = False) -> Scenario:
    text = text.removeprefix("\ufeff")  # a UTF-8 byte order mark, as most editors on Windows write
    deep = too_deep_line(text)
    if deep is not None:
        raise ScenarioError(file, deep, None, f"arrays or inline tables nest more than {MAX_DEPTH} levels deep")
    if not allow_large:
        size.check_text(text, file)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        msg = str(exc)
        m = re.search(r"\(at line (\d+), column \d+\)|\(at end of document\)", msg)
        line = int(m.group(1)) if m and m.group(1) else text.count("\n") + 1
        msg = msg[:m.start()].strip() if m else msg
        raise ScenarioError(file, line, None, f"invalid TOML: {msg}") from None
    ctx = Ctx(file, text, allow_large=allow_large)
    for key in data:
        if key not in _TOP:
            raise ctx.fail((key,), unknown_key(key, _TOP, "the file"))
    sc = _scenario(ctx, data)
    size.check_scenario(ctx, sc)
    return sc


# -- sections -------------------------------------------------------------------------------------
def _scenario(ctx: Ctx, data: dict[str, Any]) -> Scenario:
    head = ctx.table(data.get("scenario", {}), ("scenario",), _SCENARIO_KEYS, "[scenario]")
    for key in ("name", "description"):
        if key in head and not isinstance(head[key], str):
            raise ctx.fail(("scenario", key), f"must be a string, not {_kind(head[key])}")
    name = head.get("name") or Path(ctx.file.removeprefix("demo:")).stem
    sc = Scenario(file=ctx.file, name=name, description=head.get("description", ""))
    sc.device = _settings(ctx, data.get("device", {}), "device", DEVICE_KEYS)
    sc.policy = _settings(ctx, data.get("policy", {}), "policy", POLICY_KEYS)
    sc.apps = _apps(ctx, data.get("apps", []))
    sc.steps = step_parser.parse_steps(ctx, data.get("steps", []), {a.bundle_name for a in sc.apps})
    _check_context_refs(ctx, sc)
    last = max((s.last_ms for s in sc.steps), default=0)
    if "end" in head:
        sc.end_ms = ctx.duration(head["end"], ("scenario", "end"))
        late = next((s for s in sc.steps if s.last_ms > sc.end_ms), None)
        if late is not None:
            from emulator.scenario.timefmt import format_duration as fd
            raise ctx.fail(("steps", late.index - 1, "at"),
                           f"runs at {fd(late.last_ms)}, after the scenario's end ({fd(sc.end_ms)}, "
                           f"[scenario] end at line {ctx.lines.line(('scenario', 'end'))})")
    else:
        sc.end_ms = last
    return sc


def _settings(ctx: Ctx, value: object, section: str, keys: tuple[str, ...]) -> dict[str, Any]:
    table = ctx.table(value, (section,), keys, f"[{section}]")
    out = {}
    for key, v in table.items():
        try:
            out[key] = ACTIONS[f"{section}.{key}"].params[0].check(v)
        except ValueError as exc:
            raise ctx.fail((section, key), str(exc)) from None
    return out


def _apps(ctx: Ctx, value: object) -> list[AppSpec]:
    if not isinstance(value, list):
        raise ctx.fail(("apps",), "must be written as [[apps]] tables, one per app")
    apps, seen = [], {}
    for i, table in enumerate(value):
        path = ("apps", i)
        t = ctx.table(table, path, _APP_KEYS, "an [[apps]] table")
        name = t.get("bundle_name")
        if name is None:
            raise ctx.fail(path, "an app needs a bundle_name")
        if not isinstance(name, str) or not name:
            raise ctx.fail(path + ("bundle_name",), f"must be a non-empty string, not {_kind(name)}")
        if name in seen:
            raise ctx.fail(path + ("bundle_name",), f"{name!r} is already installed by apps[{seen[name] + 1}]")
        seen[name] = i
        for key in ("system_app", "atomic_service"):
            if key in t and not isinstance(t[key], bool):
                raise ctx.fail(path + (key,), f"must be true or false, not {_kind(t[key])}")
        if "label" in t and not isinstance(t["label"], str):
            raise ctx.fail(path + ("label",), f"must be a string, not {_kind(t['label'])}")
        lists = {}
        for key, ok, want in (("permissions", _is_str, "strings"), ("background_modes", _is_str, "strings"),
                              ("running_resources_apply", _is_priv, "whole numbers from 0 to 9 (0 = every type)")):
            items = t.get(key, [])
            if not isinstance(items, list):
                raise ctx.fail(path + (key,), f"must be an array of {want}, not {_kind(items)}")
            for j, item in enumerate(items):
                if not ok(item):
                    raise ctx.fail(path + (key, j), f"must be one of the {want}, not {_kind(item)}")
            lists[key] = tuple(items)
        abilities = _abilities(ctx, t, path)
        apps.append(AppSpec(name, t.get("system_app", False), t.get("atomic_service", False), lists["permissions"],
                            lists["background_modes"], lists["running_resources_apply"], t.get("label"),
                            ctx.lines.line(path), abilities))
    return apps


def _abilities(ctx: Ctx, t: dict[str, Any], path: tuple[object, ...]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """`abilities = { EntryAbility = ["audioPlayback"], MapAbility = ["location"] }`: each UIAbility's modes."""
    if "abilities" not in t:
        return ()
    table = t["abilities"]
    where = path + ("abilities",)
    if not isinstance(table, dict) or not table:
        raise ctx.fail(where, "must be a table of ability name = [backgroundModes], the main ability first, "
                              f"not {_kind(table)}")
    if "background_modes" in t:
        raise ctx.fail(where, "an app takes background_modes (one EntryAbility) or abilities (each ability's "
                              "modes), not both")
    out = []
    for name, modes in table.items():
        if not ABILITY_NAME.match(name):
            raise ctx.fail(where + (name,), "an ability name is letters, digits and _ (not starting with a digit)")
        if not isinstance(modes, list) or not all(isinstance(m, str) for m in modes):
            raise ctx.fail(where + (name,), f"must be an array of backgroundModes strings, not {_kind(modes)}")
        out.append((name, tuple(modes)))
    return tuple(out)


def _check_context_refs(ctx: Ctx, sc: Scenario) -> None:
    """`$context.Name` must name an ability of the step's app."""
    specs = {a.bundle_name: a for a in sc.apps}
    for step in sc.steps:
        spec = specs.get(step.app) if step.app is not None else None
        for ref in refs_of(step.args):
            if ref.name == "context" and ref.fields and spec is not None and not spec.has_ability(ref.fields[0]):
                raise ctx.fail(("steps", step.index - 1, "args"), f"{ref}: {spec.bundle_name} has no UIAbility "
                               f"{ref.fields[0]!r} (its abilities: {', '.join(spec.ability_names())})")


def _is_str(v: object) -> bool:
    return isinstance(v, str)


def _is_priv(v: object) -> bool:
    return isinstance(v, int) and not isinstance(v, bool) and 0 <= v <= 9
