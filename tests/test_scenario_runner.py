"""Playing scenarios: timing, references, callbacks and their reactions, expectations and failures."""

from types import SimpleNamespace

import pytest

from emulator.kit.bound import BoundBackgroundTaskManager
from emulator.kit.promise import Promise
from emulator.scenario import ScenarioError, ScenarioRun, load_text, run_scenario
from emulator.scenario import kitnames
from emulator.scenario.report import summary, text_line

APP = '[[apps]]\nbundle_name = "com.example.app"\n'


def play(text: str, until_ms=None):
    entries = []
    run = run_scenario(load_text(text, "t.toml"), entries.append, until_ms)
    return run, entries


def kinds(entries, prefix=""):
    return [(e.time_ms, e.kind if isinstance(e.kind, str) else e.kind.value) for e in entries
            if (e.kind if isinstance(e.kind, str) else e.kind.value).startswith(prefix)]


def step_entries(entries, kind):
    return [e for e in entries if e.kind == kind]


def test_steps_at_the_same_time_run_in_file_order_after_the_engine():
    text = APP + '''
[[steps]]
at = "0s"
app = "com.example.app"
call = "requestSuspendDelay"
args = ["a", "$callback"]
[[steps]]
after = "0s"
app = "com.example.app"
do = "app.background"
[[steps]]
at = "2m54s"
note = "the expiry timer is due now: the step sees it"
expect = "transient"
app = "com.example.app"
request = 1
equals = "expiring"
[[steps]]
after = "0s"
do = "device.screen_on"
args = [false]
'''
    run, entries = play(text)
    assert run.ok, summary(run)
    seq = [k for _, k in kinds(entries) if k in ("transient.expiring", "scenario.callback", "scenario.expect",
                                                   "scenario.do")]
    assert seq == ["scenario.do", "transient.expiring", "scenario.callback", "scenario.expect", "scenario.do"]


def test_repeats_interleave_with_one_shots_in_file_order():
    text = '''
[[steps]]
at = "0s"
every = "10s"
times = 3
do = "device.charging"
args = [true]
[[steps]]
at = "10s"
do = "device.charging"
args = [false]
[[steps]]
at = "15s"
every = "10s"
until = "40s"
do = "service.ready"
args = [true]
'''
    run, entries = play(text)
    does = [(e.time_ms, e.step) for e in step_entries(entries, "scenario.do")]
    assert does == [(0, 1), (10_000, 1), (10_000, 2), (15_000, 3), (20_000, 1), (25_000, 3), (35_000, 3)]
    assert run.emu.now_ms == 35_000 == run.end_ms


def test_saved_results_and_references():
    text = APP + '''
[[steps]]
at = "0s"
app = "com.example.app"
call = "requestSuspendDelay"
args = ["a", "$callback"]
save_as = "job"
[[steps]]
after = "1s"
app = "com.example.app"
call = "getTransientTaskInfo"
save_as = "info"
expect_result = { transientTasks = [{ requestId = "$job.requestId" }] }
[[steps]]
after = "0s"
app = "com.example.app"
call = "cancelSuspendDelay"
args = ["$info.transientTasks.0.requestId"]
expect_code = 0
[[steps]]
after = "0s"
expect = "transient"
app = "com.example.app"
request = "$job.requestId"
equals = "gone"
'''
    run, entries = play(text)
    assert run.ok, summary(run)
    assert run.saved["info"] == {"remainingQuota": 600_000, "transientTasks": [{"requestId": 1, "actualDelayTime": 180_000}]}
    assert [e.reason for e in step_entries(entries, "scenario.call")][-1] == "cancelSuspendDelay(1) -> ok"


def test_a_reference_to_a_failed_call_is_a_step_that_cannot_run():
    text = APP + '''
[[steps]]
at = "0s"
do = "service.ready"
args = [false]
[[steps]]
after = "0s"
app = "com.example.app"
call = "requestSuspendDelay"
args = ["a", "$callback"]
save_as = "job"
[[steps]]
after = "1s"
app = "com.example.app"
call = "cancelSuspendDelay"
args = ["$job.requestId"]
[[steps]]
after = "0s"
app = "com.example.app"
call = "cancelSuspendDelay"
args = ["$job.missing"]
'''
    run, entries = play(text)
    assert not run.ok and len(run.failures) == 2
    first = run.failures[0]
    assert (first.time_ms, first.step.index, first.expected) == (1000, 3, "the step to run")
    assert first.got == "$job.requestId: steps[2] (line 8) saves 'job', but its call failed with 9800004 at 00:00:00.000"
    errors = step_entries(entries, "scenario.error")
    assert errors[0].reason.startswith("steps[3] could not run: $job.requestId")
    assert "2 step(s) could not run" in summary(run)


def test_a_missing_field_is_named():
    text = APP + '''
[[steps]]
at = "0s"
app = "com.example.app"
call = "getTransientTaskInfo"
save_as = "info"
[[steps]]
after = "0s"
app = "com.example.app"
call = "cancelSuspendDelay"
args = ["$info.transientTasks.0.requestId"]
'''
    run, _ = play(text)
    assert run.failures[0].got == ("$info.transientTasks.0.requestId: $info.transientTasks is [], which has no '0'")


def test_cancel_in_the_callback():
    text = APP + '''
[[steps]]
at = "0s"
app = "com.example.app"
call = "requestSuspendDelay"
args = ["a", "$callback"]
on_callback = "cancel"
[[steps]]
after = "0s"
app = "com.example.app"
do = "app.background"
[[steps]]
at = "3m"
expect = "event"
kind = "transient.force_cancelled"
occurs = false
[[steps]]
after = "0s"
expect = "app"
app = "com.example.app"
equals = "suspended"
'''
    run, entries = play(text)
    assert run.ok, summary(run)
    at_callback = [k for t, k in kinds(entries) if t == 174_000]
    assert at_callback == ["transient.expiring", "scenario.callback", "transient.cancelled", "scenario.call"]
    assert ("app.suspended" in [k for t, k in kinds(entries) if t == 180_000])  # 6 s grace after holding nothing
    call = step_entries(entries, "scenario.call")[-1]
    assert call.reason == "cancelSuspendDelay(1) in the callback of steps[1] -> ok"
    callback = step_entries(entries, "scenario.callback")[0]
    assert callback.reason == ("callback of requestSuspendDelay (steps[1]) called with ({code: 0, data: null}); "
                               "the app does cancel")
    assert callback.data == {"function": "requestSuspendDelay", "args": [{"code": 0, "data": None}],
                             "reaction": "cancel"}


def test_callback_form_outcome():
    text = APP + '''
[[steps]]
at = "0s"
app = "com.example.app"
call = "requestSuspendDelay"
args = ["a", "$callback"]
[[steps]]
after = "0s"
app = "com.example.app"
call = "getRemainingDelayTime"
args = [1, "$callback"]
expect_result = 180000
[[steps]]
after = "0s"
app = "com.example.app"
call = "getRemainingDelayTime"
args = [7, "$callback"]
expect_code = 9900001
'''
    run, entries = play(text)
    assert run.ok, summary(run)
    callbacks = step_entries(entries, "scenario.callback")
    assert [c.step for c in callbacks] == [2, 3]
    assert callbacks[1].data["args"][0]["code"] == 9900001


def test_failures_show_expected_got_and_time():
    text = APP + '''
[[steps]]
at = "0s"
app = "com.example.app"
call = "requestSuspendDelay"
args = ["a", "$callback"]
expect_result = { actualDelayTime = 60000 }
[[steps]]
at = "1m"
expect = "quota"
app = "com.example.app"
equals = "9m"
[[steps]]
after = "0s"
app = "com.example.app"
call = "cancelSuspendDelay"
args = [1]
expect_code = 9900001
'''
    run, _ = play(text)
    assert [(f.time_ms, f.step.index) for f in run.failures] == [(0, 1), (60_000, 2), (60_000, 3)]
    text_out = summary(run)
    assert ("FAILED at 00:00:00.000, t.toml:4 (steps[1], result of requestSuspendDelay by com.example.app):\n"
            "    expected: {actualDelayTime: 60000}\n"
            "    got:      {requestId: 1, actualDelayTime: 180000}") in text_out
    assert ("FAILED at 00:01:00.000, t.toml:10 (steps[2], daily transient quota left for com.example.app):\n"
            "    expected: 9m (540000 ms)\n    got:      10m (600000 ms)") in text_out
    assert "expected: 9900001\n    got:      0 (success)" in text_out
    assert text_out.endswith("FAILED: t: 0 of 3 expectation(s) held; ran to 00:01:00.000 (1m) with 9 log entries")


def test_expectation_kinds():
    text = APP + '''
[[steps]]
at = "0s"
app = "com.example.app"
call = "requestSuspendDelay"
args = ["a", "$callback"]
save_as = "job"
[[steps]]
after = "0s"
expect = "transient"
app = "com.example.app"
request = "$job.requestId"
equals = "paused"
[[steps]]
at = "10s"
app = "com.example.app"
do = "app.background"
[[steps]]
at = "40s"
expect = "remaining"
app = "com.example.app"
request = "$job.requestId"
equals = "2m30s"
[[steps]]
after = "0s"
expect = "quota"
app = "com.example.app"
equals = "9m30s"
[[steps]]
after = "0s"
expect = "transient"
app = "com.example.app"
request = "$job.requestId"
equals = "counting"
[[steps]]
after = "0s"
expect = "app"
app = "com.example.app"
equals = "background"
[[steps]]
after = "0s"
expect = "event"
kind = "transient.counting"
subject = "$job.requestId"
since = "10s"
count = 1
[[steps]]
after = "0s"
expect = "event"
kind = "transient.counting"
since = "11s"
occurs = false
[[steps]]
after = "0s"
expect = "event"
kind = "scenario.call"
app = "com.example.app"
reason_contains = "requestSuspendDelay"
[[steps]]
after = "0s"
expect = "continuous"
task = 1
equals = "gone"
[[steps]]
after = "0s"
expect = "efficiency"
app = "com.example.app"
resource = "CPU"
equals = "none"
'''
    run, _ = play(text)
    assert run.ok, summary(run)
    assert run.checked == 10


def test_continuous_and_efficiency_expectations_read_the_snapshot_views(monkeypatch):
    sc = load_text(APP + '''
[[steps]]
at = "0s"
expect = "continuous"
task = 4
equals = "suspended"
[[steps]]
after = "0s"
expect = "efficiency"
app = "com.example.app"
resource = "GPS"
equals = "held"
''', "t.toml")
    run = ScenarioRun(sc)
    monkeypatch.setattr(run.emu.continuous, "task_views", lambda: (
        SimpleNamespace(continuous_task_id=4, bundle_name="com.example.app", suspended=True),))
    monkeypatch.setattr(run.emu.efficiency, "grant_views", lambda: (
        SimpleNamespace(bundle_name="com.example.app", type_name="GPS", scope="app", persistent=False,
                        remaining_ms=5000),))
    assert run.run(), summary(run)


def test_faults_and_device_actions():
    text = APP + '''
[device]
screen_on = false
[policy]
unhandled_timeout = "none"
[[steps]]
at = "0s"
do = "fault.fail_next"
args = ["requestSuspendDelay", 9800001, 2]
[[steps]]
after = "0s"
app = "com.example.app"
call = "requestSuspendDelay"
args = ["a", "$callback"]
expect_code = 9800001
[[steps]]
after = "0s"
app = "com.example.app"
call = "requestSuspendDelay"
args = ["a", "$callback"]
expect_code = 9800001
[[steps]]
after = "0s"
app = "com.example.app"
call = "requestSuspendDelay"
args = ["a", "$callback"]
expect_code = 0
[[steps]]
after = "0s"
expect = "transient"
app = "com.example.app"
request = 1
equals = "counting"
'''
    run, entries = play(text)
    assert run.ok, summary(run)
    assert run.emu.policy.unhandled_timeout == "none" and run.emu.device.screen_on is False


def test_an_impossible_action_is_a_step_that_cannot_run():
    text = APP + '''
[[steps]]
at = "0s"
app = "com.example.app"
do = "app.kill"
[[steps]]
after = "0s"
app = "com.example.app"
do = "app.background"
[[steps]]
after = "1s"
app = "com.example.app"
do = "app.foreground"
[[steps]]
after = "0s"
expect = "app"
app = "com.example.app"
equals = "foreground"
'''
    run, _ = play(text)
    assert [f.got for f in run.failures] == [
        "app.background failed: com.example.app is not running; relaunch it with to_foreground()"]
    assert run.checked == 1


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
