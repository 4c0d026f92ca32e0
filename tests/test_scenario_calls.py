"""Playing scenarios: kit functions called by name, arguments, and a deterministic log."""

import pytest

from emulator.kit.bound import BoundBackgroundTaskManager
from emulator.kit.promise import Promise
from emulator.scenario import ScenarioError, ScenarioRun, load_text, run_scenario
from emulator.scenario import kitnames
from emulator.scenario.report import summary, text_line

from .scenario_helpers import APP


def test_a_function_missing_from_the_kit_stops_before_anything_runs(monkeypatch):
    monkeypatch.setattr(kitnames, "implemented", lambda fn: fn != "getTransientTaskInfo")
    sc = load_text(APP + '[[steps]]\nat = "1m"\napp = "com.example.app"\ncall = "getTransientTaskInfo"\n', "k.toml")
    run = ScenarioRun(sc)
    with pytest.raises(ScenarioError) as info:
        run.run()
    assert str(info.value) == ("k.toml:3: steps[1]: backgroundTaskManager.getTransientTaskInfo is documented but "
                               "not in this build's kit yet (missing: getTransientTaskInfo)")
    assert run.emu.events.total == 0


def test_a_function_missing_at_run_time_is_a_clear_failure(monkeypatch):
    sc = load_text(APP + '[[steps]]\nat = "1m"\napp = "com.example.app"\ncall = "stopBackgroundRunning"\n'
                         'args = ["$context"]\n', "k.toml")
    monkeypatch.setattr(kitnames, "implemented", lambda fn: True)
    run = ScenarioRun(sc)
    run.start()
    monkeypatch.setattr(BoundBackgroundTaskManager, "stopBackgroundRunning", None, raising=False)
    run.run()
    assert run.failures[0].got == "backgroundTaskManager.stopBackgroundRunning is not in this build's kit"


def test_any_documented_function_is_called_by_name(monkeypatch):
    """Generic calls: a function another branch adds (faked here) works with no change to the runner."""
    seen = {}

    def on(self, kind, callback):
        seen["listener"] = (self._app, callback)

    def stop(self, context):
        seen["stopped"] = context
        return Promise(None)

    monkeypatch.setattr(BoundBackgroundTaskManager, "on", on, raising=False)
    monkeypatch.setattr(BoundBackgroundTaskManager, "stopBackgroundRunning", stop, raising=False)
    sc = load_text(APP + '''
[[steps]]
at = "0s"
app = "com.example.app"
call = "on"
args = ["continuousTaskSuspend", "$callback"]
on_callback = "stop"
expect_code = 0
''', "g.toml")
    entries = []
    run = ScenarioRun(sc, entries.append)
    run.run()
    app, callback = seen["listener"]
    callback({"continuousTaskId": 3, "suspendState": True})
    assert seen["stopped"] is app.context
    reasons = [e.reason for e in entries if e.kind in ("scenario.callback", "scenario.call")]
    assert reasons == [
        'on("continuousTaskSuspend", <callback>) -> ok',
        "callback of on (steps[1]) called with ({continuousTaskId: 3, suspendState: true}); the app does stop",
        "stopBackgroundRunning(<UIAbilityContext>) in the callback of steps[1] -> ok",
    ]


def test_want_agent_and_context_arguments(monkeypatch):
    got = {}

    def start(self, context, modes, agent):
        got.update(context=context, modes=modes, agent=agent)
        return Promise({"notificationId": 0, "continuousTaskId": 1})

    monkeypatch.setattr(BoundBackgroundTaskManager, "startBackgroundRunning", start, raising=False)
    sc = load_text(APP + '''
[[steps]]
at = "0s"
app = "com.example.app"
call = "startBackgroundRunning"
args = ["$context", ["audioPlayback"], "$wantAgent"]
save_as = "task"
expect_result = { continuousTaskId = 1 }
''', "w.toml")
    run = run_scenario(sc)
    assert run.ok, summary(run)
    app = run.emu.app("com.example.app")
    assert got["context"] is app.context and got["modes"] == ["audioPlayback"]
    assert (got["agent"].bundleName, got["agent"].abilityName) == ("com.example.app", "EntryAbility")
    assert run.saved["task"] == {"notificationId": 0, "continuousTaskId": 1}


def test_starting_then_advancing_in_pieces_gives_the_same_log():
    from emulator.scenario import load

    sc = load("demo:upload-timeout")
    whole = []
    run_scenario(sc, whole.append)
    pieces = []
    run = ScenarioRun(sc, pieces.append)
    run.start()
    while run.emu.now_ms < run.end_ms:
        run.emu.advance(min(7_000, run.end_ms - run.emu.now_ms))
    assert [e.to_json() for e in pieces] == [e.to_json() for e in whole]


def test_the_log_has_no_object_addresses():
    from emulator.scenario import load

    entries = []
    run_scenario(load("demo:quota-day"), entries.append)
    text = "\n".join(e.to_json() + text_line(e) for e in entries)
    assert " at 0x" not in text and "object at" not in text
