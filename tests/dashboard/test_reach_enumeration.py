"""Every public kit function and every scenario `do` action can be reached from the dashboard's table of actions."""

from __future__ import annotations

import enum
import inspect

from emulator.kit import backgroundTaskManager as btm
from emulator.kit.bound import KIT_FUNCTIONS
from emulator.scenario.actions import ACTIONS as DO_ACTIONS
from emulator.scenario.methods import REQUEST_METHODS

from bgtui.keymap import ACTIONS, keys_markdown
from bgtui.reach_map import NOT_YET_REACHED, REACHES


def class_methods() -> set[str]:
    """"Class.method" for every public method of the module's classes (not its enums), found by looking."""
    out = set()
    for name in btm.__all__:
        cls = getattr(btm, name)
        if isinstance(cls, type) and not issubclass(cls, enum.Enum):
            out |= {f"{name}.{attr}" for attr, value in vars(cls).items()
                    if not attr.startswith("_") and inspect.isfunction(value)}
    return out


def test_the_class_methods_found_are_the_ones_a_step_can_call() -> None:
    assert class_methods() == set(REQUEST_METHODS) == {
        "ContinuousTaskRequest.isModeSupported", "ContinuousTaskRequest.requestAuthFromUser",
        "ContinuousTaskRequest.checkSpecialScenarioAuth", "ContinuousTaskRequest.requestAuthFromUserByDialog",
        "ContinuousTaskRequest.checkSpecialScenarioAuthResult"}


def test_every_kit_function_class_method_and_do_action_is_reached_by_a_dashboard_action() -> None:
    reached = {name for names in REACHES.values() for name in names}
    assert sorted(set(KIT_FUNCTIONS) - reached - NOT_YET_REACHED) == []
    assert sorted(class_methods() - reached - NOT_YET_REACHED) == []
    assert sorted(set(DO_ACTIONS) - reached) == []
    assert sorted(NOT_YET_REACHED & reached) == []  # reached now: take it off the list
    assert NOT_YET_REACHED <= set(KIT_FUNCTIONS) | class_methods()


def test_every_reaching_action_is_in_the_one_table_and_changes_the_world() -> None:
    specs = {a.action: a for a in ACTIONS}
    assert sorted(set(REACHES) - set(specs)) == []
    assert [name for name in REACHES if not specs[name].changes_world] == []
    assert sorted(n for names in REACHES.values() for n in names
                  if n not in KIT_FUNCTIONS and n not in DO_ACTIONS and n not in REQUEST_METHODS) == []


def test_the_new_actions_are_in_the_help_table_and_do_not_change_the_world_when_they_only_look() -> None:
    table = keys_markdown()
    for key, words in (("i", "Install an app"), ("L", "continuousTaskSuspend"), ("g", "getAllEfficiencyResources"),
                       ("P", "Device policy"), ("r", "service process restarts"), ("ctrl+r", "uptime 0"),
                       ("a", "ContinuousTaskRequest"), ("U", "updateBackgroundRunning"), ("X", "continuousTaskId"),
                       ("H", "hidumper -s 1903"), ("ctrl+e", "JSONL or CSV"), ("k", "main ability (EntryAbility) ends"),
                       ("C", "clears the selected app's data"), ("M", "requestAuthFromUserByDialog"),
                       ("V", "audio renderer")):
        assert any(line.startswith(f"| `{key}` |") and words in line for line in table.splitlines()), key
    looking = {a.action: a.changes_world for a in ACTIONS if a.action in ("dump", "export_log")}
    assert looking == {"dump": False, "export_log": False}


def test_the_readme_key_table_is_the_generated_one() -> None:
    from pathlib import Path

    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    assert keys_markdown() + "\n" in readme, (
        "README.md's key table is out of date: paste the output of "
        "python -c 'from bgtui.keymap import keys_markdown; print(keys_markdown())'")
