"""Several UIAbilities per app: each declares its own backgroundModes and may hold one API-9/12 task
(service-head-delta §13; bg_continuous_task_mgr.cpp GetBackgroundModeInfo, key uid_abilityName_abilityId)."""

from __future__ import annotations

import pytest

from emulator import BusinessError, Emulator
from emulator.scenario import ScenarioRun, load_text, run_scenario
from tests.continuous.conftest import KEEP, make_agent

HAS_APPLIED = "BussinessError 9800005: Continuous Task verification failed. The application has applied for a continuous task."
BAD_MODE = "BussinessError 9800005: Continuous Task verification failed. The bgMode is invalid."
NOT_APPLIED = ("BussinessError 9800005: Continuous Task verification failed. The application has not applied for a "
               "continuous task.")


@pytest.fixture
def nav(emu: Emulator):
    return emu.install_app("com.example.nav", permissions=[KEEP],
                           abilities={"EntryAbility": ["audioPlayback"], "MapAbility": ["location", "dataTransfer"]})


def test_each_ability_gets_its_context_and_the_first_is_main(emu, nav):
    assert nav.main_ability == "EntryAbility"
    assert nav.context is nav.ability_context("EntryAbility")
    entry, map_ = nav.context, nav.ability_context("MapAbility")
    assert (entry.abilityId, map_.abilityId) == (1, 2)
    assert (entry.abilityInfo.name, map_.abilityInfo.name) == ("EntryAbility", "MapAbility")
    assert nav.background_modes == ("audioPlayback",)
    view = emu.snapshot().apps[0]
    assert view.ability_name == "EntryAbility" and view.ability_id == 1
    assert [(a.name, a.background_modes, a.ability_id) for a in view.abilities] == [
        ("EntryAbility", ("audioPlayback",), 1), ("MapAbility", ("location", "dataTransfer"), 2)]


def test_unknown_ability_names_the_abilities(nav):
    with pytest.raises(ValueError, match=r"^com.example.nav has no UIAbility 'Nope' \(its abilities: EntryAbility, "
                                         r"MapAbility\)$"):
        nav.ability_context("Nope")


@pytest.mark.parametrize("kwargs, error, text", [
    ({"background_modes": ["location"], "abilities": {"A": ["location"]}}, ValueError,
     "pass background_modes= (one EntryAbility) or abilities= (each ability's modes), not both"),
    ({"abilities": {}}, TypeError, "abilities must be a non-empty dict"),
    ({"abilities": ["EntryAbility"]}, TypeError, "abilities must be a non-empty dict"),
    ({"abilities": {"Map Ability": []}}, ValueError, "an ability name is letters, digits and _"),
    ({"abilities": {"A": "location"}}, TypeError, "abilities['A'] must be a list of strings"),
])
def test_install_refuses_bad_abilities(emu, kwargs, error, text):
    with pytest.raises(error, match="^" + text.replace("(", r"\(").replace(")", r"\)").replace("[", r"\[")):
        emu.install_app("com.bad", **kwargs)
    assert emu.apps == ()


def test_one_task_per_ability_checked_against_its_own_modes(emu, nav):
    bt, agent = nav.backgroundTaskManager, make_agent("com.example.nav")
    map_ = nav.ability_context("MapAbility")
    first = bt.startBackgroundRunning(nav.context, ["audioPlayback"], agent).result()
    second = bt.startBackgroundRunning(map_, ["location"], agent).result()
    assert (first.continuousTaskId, second.continuousTaskId) == (1, 2)
    err = bt.startBackgroundRunning(map_, ["location"], agent).error()
    assert (err.code, err.message) == (9800005, HAS_APPLIED)
    tasks = bt.getAllContinuousTasks(nav.context).result()
    assert [(t.abilityName, t.abilityId, t.backgroundModes) for t in tasks] == [
        ("EntryAbility", 1, ["audioPlayback"]), ("MapAbility", 2, ["location"])]
    keys = [t.key for t in emu.snapshot().continuous_tasks]
    assert keys == [f"{nav.uid}_EntryAbility_1", f"{nav.uid}_MapAbility_2"]


def test_a_mode_only_another_ability_declares_is_refused(emu, nav):
    bt, agent = nav.backgroundTaskManager, make_agent("com.example.nav")
    err = bt.startBackgroundRunning(nav.context, ["location"], agent).error()
    assert (err.code, err.message) == (9800005, BAD_MODE)
    refused = [e for e in emu.events if e.kind.value == "continuous.refused"][-1]
    assert refused.reason == ("refused: location is not declared in EntryAbility's backgroundModes (declared: "
                              "audioPlayback); id 1 was used up anyway (9800005)")
    bt.startBackgroundRunning(nav.ability_context("MapAbility"), ["location"], agent).result()
    err = bt.updateBackgroundRunning(nav.ability_context("MapAbility"), ["audioPlayback"]).error()
    assert (err.code, err.message) == (9800005, BAD_MODE)


def test_stop_ends_only_the_contexts_ability(emu, nav):
    bt, agent = nav.backgroundTaskManager, make_agent("com.example.nav")
    bt.startBackgroundRunning(nav.context, ["audioPlayback"], agent).result()
    bt.startBackgroundRunning(nav.ability_context("MapAbility"), ["location"], agent).result()
    assert bt.stopBackgroundRunning(nav.ability_context("MapAbility")).result() == 0
    assert [t.ability_name for t in emu.snapshot().continuous_tasks] == ["EntryAbility"]
    err = bt.stopBackgroundRunning(nav.ability_context("MapAbility")).error()
    assert (err.code, err.message) == (9800005, NOT_APPLIED)


def test_relaunch_gives_every_ability_a_new_context(emu, nav):
    old = nav.ability_context("MapAbility")
    nav.kill()
    assert old.token is None and nav.ability_context("MapAbility") is old
    nav.to_foreground()
    new = nav.ability_context("MapAbility")
    assert new is not old and (nav.context.abilityId, new.abilityId) == (3, 4)


def test_tasks_of_each_ability_survive_a_service_restart(emu, nav):
    bt, agent = nav.backgroundTaskManager, make_agent("com.example.nav")
    bt.startBackgroundRunning(nav.context, ["audioPlayback"], agent).result()
    bt.startBackgroundRunning(nav.ability_context("MapAbility"), ["location"], agent).result()
    emu.restart_service()
    assert [(t.continuous_task_id, t.ability_name, t.ability_id) for t in emu.snapshot().continuous_tasks] == [
        (1, "EntryAbility", 1), (2, "MapAbility", 2)]
    err = bt.startBackgroundRunning(nav.ability_context("MapAbility"), ["location"], agent).error()
    assert err.message == HAS_APPLIED


def test_dump_names_each_tasks_ability(emu, nav):
    from emulator.dump import dump

    bt, agent = nav.backgroundTaskManager, make_agent("com.example.nav")
    bt.startBackgroundRunning(nav.ability_context("MapAbility"), ["location"], agent).result()
    assert "\t\tabilityName: MapAbility" in dump(emu, ["-C", "--all"])


SCENARIO = """
[[apps]]
bundle_name = "com.example.nav"
permissions = ["ohos.permission.KEEP_BACKGROUND_RUNNING"]
abilities = { EntryAbility = ["audioPlayback"], MapAbility = ["location"] }

[[steps]]
at = "0s"
app = "com.example.nav"
call = "startBackgroundRunning"
args = ["$context.MapAbility", ["location"], "$wantAgent"]
expect_result = { continuousTaskId = 1 }

[[steps]]
at = "1s"
app = "com.example.nav"
call = "startBackgroundRunning"
args = ["$context", ["location"], "$wantAgent"]
expect_code = 9800005
"""


def test_scenario_carries_abilities_and_context_refs():
    report = run_scenario(load_text(SCENARIO))
    assert report.ok, report.failures
    assert [a.abilities for a in load_text(SCENARIO).apps] == [
        (("EntryAbility", ("audioPlayback",)), ("MapAbility", ("location",)))]


@pytest.mark.parametrize("change, message", [
    (('"$context.MapAbility"', '"$context.Nope"'),
     "steps[1].args: $context.Nope: com.example.nav has no UIAbility 'Nope' (its abilities: EntryAbility, MapAbility)"),
    (('abilities = {', 'background_modes = ["location"]\nabilities = {'),
     "apps[1].abilities: an app takes background_modes (one EntryAbility) or abilities (each ability's modes), "
     "not both"),
    (('MapAbility = ["location"]', 'MapAbility = "location"'),
     "apps[1].abilities.MapAbility: must be an array of backgroundModes strings, not the string 'location'"),
])
def test_scenario_refuses_bad_abilities(change, message):
    from emulator.scenario.model import ScenarioError

    with pytest.raises(ScenarioError) as info:
        load_text(SCENARIO.replace(*change))
    assert str(info.value).endswith(message)


def test_recorded_session_writes_abilities_and_replays(emu, nav):
    from emulator.scenario.record import SessionRecorder

    rec = SessionRecorder(emu)
    rec.perform_call(nav, "startBackgroundRunning", [nav.ability_context("MapAbility"), ["location"],
                                                     make_agent("com.example.nav")])
    text = rec.to_toml()
    assert 'abilities = { EntryAbility = ["audioPlayback"], MapAbility = ["location", "dataTransfer"] }' in text
    assert '"$context.MapAbility"' in text
    replay = ScenarioRun(load_text(text))
    replay.run(None)
    assert replay.ok, replay.failures
    assert [t.ability_name for t in replay.emu.snapshot().continuous_tasks] == ["MapAbility"]


def test_a_bad_mode_from_another_ability_is_still_a_401(nav):
    bt = nav.backgroundTaskManager
    with pytest.raises(BusinessError) as info:
        bt.startBackgroundRunning(nav.ability_context("MapAbility"), ["nope"], make_agent("com.example.nav"))
    assert info.value.code == 401
