"""The recorder and the loader agree on the file format: every action the recorder writes loads back with
the very arguments the live session ran, and what one refuses the other refuses with the same words."""

import dataclasses

import pytest

from emulator import Emulator
from emulator.scenario import load_text, run_scenario
from emulator.scenario.actions import ACTIONS
from emulator.scenario.kitnames import DOCUMENTED_FUNCTIONS
from emulator.scenario.model import REACTIONS, ScenarioError
from emulator.scenario.record import SessionRecorder
from emulator.scenario.write import dumps

from .record_helpers import noop

APP = "com.a"

# Argument lists a caller may pass to each action: every arity it accepts is tried on each.
SAMPLES = {
    "app.foreground": [[]],
    "app.background": [[]],
    "app.kill": [[]],
    "app.end_ability": [[]],
    "app.clear_data": [[]],
    "app.install": [["com.b", "B", True, False, ["ohos.permission.X", "$$odd"], ["audioPlayback", "fooMode"], [0, 3],
                     {"Main": ["audioPlayback", "$$odd"], "Other": []}]],
    "app.audio_playing": [[True], [False]],
    "app.avsession_notification": [[True], [False]],
    "app.navigation_capsule": [[True], [False]],
    "device.battery_level": [[15], [0], [100]],
    "device.low_battery_threshold": [[30]],
    "device.charging": [[True], [False]],
    "device.screen_on": [[False]],
    "device.device_type": [["2in1"], ["wearable"]],
    "device.support_task_keeping": [[True], [False], ["auto"]],
    "device.auth_dialog_answer": [["allow_once"], ["no_answer"]],
    "device.reboot": [[]],
    "policy.suspend_grace": [["2s"], [2_000], [60_500], ["0s"]],
    "policy.unhandled_timeout": [["suspend"], ["none"]],
    "policy.uncaught_exception": [["log"], ["crash"]],
    "service.ready": [[False]],
    "service.restart": [[]],
    "user.remove_notification": [[7, "bgmode_20010000_1_1"]],
    "system.suspend_continuous_task": [[3]],
    "system.stop_continuous_task": [[3, "misuse"], [4, "low_speed"]],
    "fault.fail_next": [["getTransientTaskInfo", 9800004, 2], ["cancelSuspendDelay", 9800001, 1]],
    "fault.storage_fails": [[True]],
    "fault.clear": [[]],
}


def test_the_samples_cover_every_action_so_a_new_one_needs_its_own():
    assert set(SAMPLES) == set(ACTIONS)


def _spy_on_every_action(monkeypatch):
    """Each action only notes (name, args) instead of acting: the same table serves recorder and runner."""
    ran = []
    for name, act in list(ACTIONS.items()):
        def note(emu, app, *args, _name=name):
            ran.append((_name, app.bundle_name if app else None, args))
        monkeypatch.setitem(ACTIONS, name, dataclasses.replace(act, run=note))
    return ran


def _arities(name):
    act = ACTIONS[name]
    return range(sum(1 for p in act.params if p.required), len(act.params) + 1)


def test_every_action_replays_with_the_arguments_it_ran_with_live(monkeypatch):
    ran = _spy_on_every_action(monkeypatch)
    emu = Emulator()
    emu.install_app(APP)
    rec = SessionRecorder(emu)
    for name, samples in SAMPLES.items():
        for sample in samples:
            for n in _arities(name):
                rec.perform_do(name, sample[:n], app=APP if ACTIONS[name].needs_app else None)
                emu.advance(1)
    live = list(ran)
    assert len(live) == len(rec) == 57
    assert all(len(args) == len(ACTIONS[name].params) for name, _app, args in live)  # defaults filled in
    ran.clear()
    scenario = load_text(rec.to_toml())
    assert [(s.action, s.app, s.args) for s in scenario.steps] == live
    run = run_scenario(scenario)
    assert run.ok and ran == live
    assert ("policy.suspend_grace", None, (60_500,)) in live  # ms written as "1m500ms" and read back
    assert ("fault.fail_next", None, ("getTransientTaskInfo", 9800003, 1)) in live  # both defaults


def _bad_arguments():
    """(action, args) that every action refuses: one argument too many, and a table for each parameter."""
    for name, samples in SAMPLES.items():
        full = samples[0]
        yield name, full + [1]
        for i in range(len(full)):
            yield name, full[:i] + [{"x": 1}] + full[i + 1:]


@pytest.mark.parametrize("name, args", list(_bad_arguments()))
def test_the_recorder_and_the_loader_refuse_the_same_arguments_with_the_same_words(name, args):
    emu = Emulator()
    emu.install_app(APP)
    rec = SessionRecorder(emu)
    app = APP if ACTIONS[name].needs_app else None
    with pytest.raises(ValueError) as recorded:
        rec.do(name, args, app=app)
    step = {"at": "0s", "do": name, "args": args} | ({"app": app} if app else {})
    with pytest.raises(ScenarioError) as loaded:
        load_text(dumps({"apps": [{"bundle_name": APP}], "steps": [step]}))
    assert str(recorded.value).removeprefix(f"{name}: ") == loaded.value.message
    assert len(rec) == 0


def _call_file(function, args, reaction):
    step = {"at": "0s", "app": APP, "call": function, "args": args, "on_callback": reaction}
    return dumps({"apps": [{"bundle_name": APP}], "steps": [step]})


@pytest.mark.parametrize("function", ["requestSuspendDelay", "getRemainingDelayTime", "on"])
@pytest.mark.parametrize("reaction", REACTIONS + ("ignore",))
@pytest.mark.parametrize("with_callback", [True, False])
def test_on_callback_is_refused_by_both_or_by_neither(function, reaction, with_callback):
    emu = Emulator()
    emu.install_app(APP)
    rec = SessionRecorder(emu)
    live_args = [1, noop] if with_callback else [1, 2]
    try:
        rec.call(APP, function, live_args, on_callback=reaction)
        recorded = None
    except ValueError as exc:
        recorded = str(exc)
    try:
        load_text(_call_file(function, [1, "$callback"] if with_callback else [1, 2], reaction))
        loaded = None
    except ScenarioError as exc:
        loaded = exc
    fine = reaction == "nothing" or (reaction == "stop" and with_callback) or (
        reaction == "cancel" and with_callback and function == "requestSuspendDelay")
    assert (recorded is None, loaded is None) == (fine, fine)
    if not fine:
        assert recorded.startswith("on_callback: ") and loaded.field == "steps[1].on_callback"


def test_unknown_names_get_the_same_suggestion_from_both():
    emu = Emulator()
    emu.install_app(APP)
    rec = SessionRecorder(emu)
    with pytest.raises(ValueError) as recorded:
        rec.perform_do("device.screen_of", [False])
    with pytest.raises(ScenarioError) as loaded:
        load_text(dumps({"steps": [{"at": "0s", "do": "device.screen_of", "args": [False]}]}))
    assert str(recorded.value) == loaded.value.message
    assert str(recorded.value).startswith("unknown action 'device.screen_of'; did you mean 'device.screen_on'? ")
    with pytest.raises(ValueError) as recorded:
        rec.perform_call(APP, "getTransientTaskInfos")
    with pytest.raises(ScenarioError) as loaded:
        load_text(_call_file("getTransientTaskInfos", [], "nothing"))
    assert str(recorded.value) == loaded.value.message == (
        "unknown function 'getTransientTaskInfos' of backgroundTaskManager; did you mean 'getTransientTaskInfo'?")
    assert "getTransientTaskInfo" in DOCUMENTED_FUNCTIONS
