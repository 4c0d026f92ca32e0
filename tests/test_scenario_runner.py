"""Playing scenarios: timing, references, callbacks and their reactions."""

from emulator.scenario.report import summary

from .scenario_helpers import APP, kinds, play, step_entries


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
    assert first.got == "$job.requestId: steps[2] (line 8) saves 'job', but its call failed with 9800004 at d1 00:00:00.000"
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
