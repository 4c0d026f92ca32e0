"""Playing scenarios: expectations and their failures, actions and faults."""

from types import SimpleNamespace


from emulator.scenario import ScenarioRun, load_text
from emulator.scenario.report import summary

from .scenario_helpers import APP, play


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
    assert ("FAILED at d1 00:00:00.000, t.toml:4 (steps[1], result of requestSuspendDelay by com.example.app):\n"
            "    expected: {actualDelayTime: 60000}\n"
            "    got:      {requestId: 1, actualDelayTime: 180000}") in text_out
    assert ("FAILED at d1 00:01:00.000, t.toml:10 (steps[2], daily transient quota left for com.example.app):\n"
            "    expected: 9m (540000 ms)\n    got:      10m (600000 ms)") in text_out
    assert "expected: 9900001\n    got:      0 (success)" in text_out
    assert text_out.endswith("FAILED: t: 0 of 3 expectation(s) held; ran to d1 00:01:00.000 (1m) with 9 log entries")


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
