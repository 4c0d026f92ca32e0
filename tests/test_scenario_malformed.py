"""Malformed scenario files: each gives one clear message naming file, line and field; exit code 2;
no traceback; nothing runs."""

import io
from pathlib import Path

import pytest

from emulator.scenario.cli import main

APP = '[[apps]]\nbundle_name = "com.example.app"\n'  # lines 1-2
CALL = APP + '[[steps]]\nat = "0s"\napp = "com.example.app"\n'  # a call step's table starts at line 3

# (id, file text, line, fragments the message must contain)
CASES = [
    # -- not TOML -------------------------------------------------------------------------------------
    ("toml-missing-value", '[scenario]\nname =\n', 2, ["invalid TOML"]),
    ("toml-unclosed-string", '[scenario]\nname = "x\n', 2, ["invalid TOML"]),
    ("toml-duplicate-key", '[scenario]\nname = "a"\nname = "b"\n', 3, ["invalid TOML"]),
    ("toml-duplicate-table", '[device]\ncharging = true\n[device]\nscreen_on = true\n', 3, ["invalid TOML"]),
    ("toml-unclosed-array", APP + '[[steps]]\nat = "0s"\nargs = [1, 2\n', 6, ["invalid TOML"]),
    ("toml-garbage", 'this is not toml\n', 1, ["invalid TOML"]),
    ("toml-multiline-inline-table", APP + '[[steps]]\nat = "0s"\nexpect_result = { a = 1,\n b = 2 }\n', 5,
     ["invalid TOML"]),
    # -- unknown keys -----------------------------------------------------------------------------------
    ("unknown-top-table", '[devices]\ncharging = true\n', 1, ["devices: unknown key 'devices'", "'device'"]),
    ("unknown-scenario-key", '[scenario]\ntitle = "x"\n', 2, ["scenario.title: unknown key 'title'"]),
    ("unknown-device-key", '[device]\nbattery = 5\n', 2, ["device.battery:", "did you mean 'battery_level'"]),
    ("unknown-policy-key", '[policy]\ngrace = "6s"\n', 2, ["policy.grace: unknown key"]),
    ("unknown-app-key", '[[apps]]\nbundle = "x"\n', 2, ["apps[1].bundle:", "'bundle_name'"]),
    ("unknown-call-key", CALL + 'call = "requestSuspendDelay"\narguments = []\n', 7,
     ["steps[1].arguments:", "did you mean 'args'"]),
    ("key-of-another-expectation", CALL + 'expect = "quota"\nequals = "1m"\nrequest = 1\n', 8,
     ["steps[1].request: unknown key 'request' in an expect step"]),
    ("key-of-a-call-on-a-do-step", APP + '[[steps]]\nat = "0s"\ndo = "service.restart"\nsave_as = "x"\n', 6,
     ["steps[1].save_as: unknown key"]),
    ("apps-as-a-table", '[apps]\nbundle_name = "x"\n', 1, ["apps: must be written as [[apps]] tables"]),
    # -- wrong types and values --------------------------------------------------------------------------
    ("scenario-name-number", '[scenario]\nname = 5\n', 2, ["scenario.name: must be a string"]),
    ("end-not-a-duration", '[scenario]\nend = 100\n', 2, ["scenario.end:", "the number 100", '"100ms" or "100s"']),
    ("battery-string", '[device]\nbattery_level = "50"\n', 2, ["device.battery_level: must be a whole number"]),
    ("battery-out-of-range", '[device]\nbattery_level = 150\n', 2, ["device.battery_level: must be from 0 to 100"]),
    ("screen-on-string", '[device]\nscreen_on = "yes"\n', 2, ["device.screen_on: must be true or false"]),
    ("device-type-unknown", '[device]\ndevice_type = "watch"\n', 2, ["device.device_type: must be one of", '"2in1"']),
    ("task-keeping-word", '[device]\nsupport_task_keeping = "yes"\n', 2,
     ['device.support_task_keeping: must be true, false or "auto" (follow the device type), not "yes"']),
    ("task-keeping-step-number", APP + '[[steps]]\nat = "0s"\ndo = "device.support_task_keeping"\nargs = [1]\n', 6,
     ['steps[1].args[1]: setting must be true, false or "auto" (follow the device type), not 1']),
    ("unhandled-timeout-unknown", '[policy]\nunhandled_timeout = "kill"\n', 2,
     ["policy.unhandled_timeout: must be one of", '"terminate"']),
    ("suspend-grace-words", '[policy]\nsuspend_grace = "6 seconds"\n', 2, ["policy.suspend_grace:", "not a duration"]),
    ("system-app-string", '[[apps]]\nbundle_name = "a"\nsystem_app = "true"\n', 3,
     ["apps[1].system_app: must be true or false"]),
    ("permissions-string", '[[apps]]\nbundle_name = "a"\npermissions = "ohos.permission.X"\n', 3,
     ["apps[1].permissions: must be an array of strings"]),
    ("permissions-number", '[[apps]]\nbundle_name = "a"\npermissions = [1]\n', 3, ["apps[1].permissions[1]:"]),
    ("privilege-out-of-range", '[[apps]]\nbundle_name = "a"\nrunning_resources_apply = [10]\n', 3,
     ["apps[1].running_resources_apply[1]:", "0 to 9"]),
    ("bundle-name-missing", '[[apps]]\nlabel = "a"\n', 1, ["apps[1]: an app needs a bundle_name"]),
    ("bundle-name-empty", '[[apps]]\nbundle_name = ""\n', 2, ["apps[1].bundle_name: must be a non-empty string"]),
    ("bundle-name-twice", APP + APP.replace("com.example.app", "com.example.app"), 4,
     ["apps[2].bundle_name: 'com.example.app' is already installed by apps[1]"]),
    ("at-number", APP + '[[steps]]\nat = 5\ndo = "service.restart"\n', 4, ["steps[1].at:", "the number 5"]),
    ("at-bad-unit", APP + '[[steps]]\nat = "5x"\ndo = "service.restart"\n', 4, ["steps[1].at: '5x' is not a duration"]),
    ("at-float", APP + '[[steps]]\nat = 1.5\ndo = "service.restart"\n', 4, ["steps[1].at: must be a duration string"]),
    ("args-not-an-array", CALL + 'call = "requestSuspendDelay"\nargs = "upload"\n', 7,
     ["steps[1].args: must be an array", "args = [value]"]),
    ("times-zero", APP + '[[steps]]\nat = "0s"\nevery = "1m"\ntimes = 0\ndo = "service.restart"\n', 6,
     ["steps[1].times: must be a whole number >= 1"]),
    ("every-zero", APP + '[[steps]]\nat = "0s"\nevery = "0s"\ntimes = 2\ndo = "service.restart"\n', 5,
     ["steps[1].every: must be longer than 0s"]),
    ("every-alone", APP + '[[steps]]\nat = "0s"\nevery = "1m"\ndo = "service.restart"\n', 5,
     ["steps[1].every: every needs times"]),
    ("times-without-every", APP + '[[steps]]\nat = "0s"\ntimes = 3\ndo = "service.restart"\n', 5,
     ["steps[1].times: times needs every"]),
    ("until-before-at", APP + '[[steps]]\nat = "5m"\nevery = "1m"\nuntil = "1m"\ndo = "service.restart"\n', 6,
     ["steps[1].until: 1m is before the step's first run (5m)"]),
    ("note-number", APP + '[[steps]]\nat = "0s"\nnote = 3\ndo = "service.restart"\n', 5,
     ["steps[1].note: must be a string"]),
    ("expect-code-string", CALL + 'call = "cancelSuspendDelay"\nargs = [1]\nexpect_code = "9900001"\n', 8,
     ["steps[1].expect_code: must be an error code number"]),
    ("expect-code-bool", CALL + 'call = "cancelSuspendDelay"\nargs = [1]\nexpect_code = true\n', 8,
     ["steps[1].expect_code: must be an error code number"]),
    ("do-arg-type", APP + '[[steps]]\nat = "0s"\ndo = "device.screen_on"\nargs = ["off"]\n', 6,
     ["steps[1].args[1]: on must be true or false, not \"off\""]),
    ("do-arg-count", APP + '[[steps]]\nat = "0s"\ndo = "device.battery_level"\nargs = []\n', 6,
     ["steps[1].args: device.battery_level(percent) takes 1 argument(s), not 0"]),
    ("do-too-many-args", APP + '[[steps]]\nat = "0s"\ndo = "service.restart"\nargs = [1]\n', 6,
     ["takes 0 argument(s), not 1"]),
    ("quota-equals-words", CALL + 'expect = "quota"\nequals = "lots"\n', 7, ["steps[1].equals: 'lots' is not a duration"]),
    ("app-state-unknown", CALL + 'expect = "app"\nequals = "sleeping"\n', 7,
     ["steps[1].equals: must be one of foreground, background, suspended, dead"]),
    ("event-occurs-string", APP + '[[steps]]\nat = "0s"\nexpect = "event"\nkind = "app.killed"\noccurs = "no"\n', 7,
     ["steps[1].occurs: must be true or false"]),
    ("event-count-negative", APP + '[[steps]]\nat = "0s"\nexpect = "event"\nkind = "app.killed"\ncount = -1\n', 7,
     ["steps[1].count: must be a whole number >= 0"]),
    ("event-occurs-and-count",
     APP + '[[steps]]\nat = "0s"\nexpect = "event"\nkind = "app.killed"\noccurs = true\ncount = 1\n', 8,
     ["steps[1].count: give occurs or count, not both"]),
    ("date-value", CALL + 'call = "requestSuspendDelay"\nargs = [1979-05-27]\n', 7, ["steps[1].args[1]:", "dates"]),
    # -- unknown apps, functions, actions, kinds -------------------------------------------------------------
    ("unknown-app", APP + '[[steps]]\nat = "0s"\napp = "com.example.ap"\ndo = "app.kill"\n', 5,
     ["steps[1].app: unknown app 'com.example.ap'", "did you mean 'com.example.app'"]),
    ("unknown-app-no-apps", '[[steps]]\nat = "0s"\napp = "com.x"\ndo = "app.kill"\n', 3,
     ["unknown app 'com.x'", "add [[apps]] tables"]),
    ("unknown-function", CALL + 'call = "requestSuspendDelai"\n', 6,
     ["steps[1].call: unknown function 'requestSuspendDelai'", "did you mean 'requestSuspendDelay'"]),
    ("unknown-action", CALL + 'do = "app.sleep"\n', 6, ["steps[1].do: unknown action 'app.sleep'"]),
    ("unknown-expectation", CALL + 'expect = "quotas"\n', 6,
     ["steps[1].expect: unknown expectation 'quotas'", "did you mean 'quota'"]),
    ("unknown-event-kind", APP + '[[steps]]\nat = "0s"\nexpect = "event"\nkind = "transient.expired"\n', 6,
     ["steps[1].kind: unknown event kind 'transient.expired'", "did you mean 'transient.expiring'"]),
    ("call-without-app", APP + '[[steps]]\nat = "0s"\ncall = "getTransientTaskInfo"\n', 3,
     ["steps[1]: a call step needs app"]),
    ("app-action-without-app", APP + '[[steps]]\nat = "0s"\ndo = "app.background"\n', 3,
     ["steps[1]: app.background needs app"]),
    ("device-action-with-app", CALL + 'do = "device.screen_on"\nargs = [false]\n', 5,
     ["steps[1].app: device.screen_on acts on the device, not on an app"]),
    ("quota-without-app", APP + '[[steps]]\nat = "0s"\nexpect = "quota"\nequals = "1m"\n', 3,
     ["steps[1]: expect = 'quota' needs app"]),
    ("remaining-without-request", CALL + 'expect = "remaining"\nequals = "1m"\n', 3,
     ["steps[1]: expect = 'remaining' needs request"]),
    # -- time order -----------------------------------------------------------------------------------------
    ("times-out-of-order",
     APP + '[[steps]]\nat = "2m"\ndo = "service.restart"\n[[steps]]\nat = "1m"\ndo = "service.restart"\n', 7,
     ["steps[2].at: times out of order: 1m is before the previous step (steps[1] at line 3, 2m)"]),
    ("at-and-after", APP + '[[steps]]\nat = "1m"\nafter = "1s"\ndo = "service.restart"\n', 5,
     ["steps[1].after: give at", "not both"]),
    ("no-time", APP + '[[steps]]\ndo = "service.restart"\n', 3, ["steps[1]: a step needs at"]),
    ("after-the-end", '[scenario]\nend = "1m"\n[[steps]]\nat = "2m"\ndo = "service.restart"\n', 4,
     ["steps[1].at: runs at 2m, after the scenario's end (1m, [scenario] end at line 2)"]),
    ("repeat-after-the-end",
     '[scenario]\nend = "50s"\n[[steps]]\nat = "0s"\nevery = "30s"\ntimes = 3\ndo = "service.restart"\n', 4,
     ["steps[1].at: runs at 1m, after the scenario's end (50s"]),
    # -- references ------------------------------------------------------------------------------------------
    ("unknown-reference", CALL + 'call = "cancelSuspendDelay"\nargs = ["$upload.requestId"]\n', 7,
     ["steps[1].args[1]: unknown reference $upload.requestId", "saved so far: none yet"]),
    ("reference-to-a-later-step",
     CALL + 'call = "cancelSuspendDelay"\nargs = ["$up.requestId"]\n'
     '[[steps]]\nat = "1s"\napp = "com.example.app"\ncall = "requestSuspendDelay"\nargs = ["a", "$callback"]\n'
     'save_as = "up"\n', 7, ["unknown reference $up.requestId: no earlier step"]),
    ("malformed-reference", CALL + 'call = "cancelSuspendDelay"\nargs = ["$up load"]\n', 7,
     ["steps[1].args[1]: '$up load' is not a reference", "$$"]),
    ("bad-enum-member", CALL + 'call = "applyEfficiencyResources"\nargs = [{ resourceTypes = "$ResourceType.CPUS" }]\n',
     7, ["'$ResourceType.CPUS': ResourceType has the members CPU, COMMON_EVENT"]),
    ("callback-in-do-args", APP + '[[steps]]\nat = "0s"\ndo = "user.remove_notification"\nargs = ["$callback"]\n', 6,
     ["steps[1].args[1]: $callback can only be an argument of a call step"]),
    ("context-in-expected-result",
     CALL + 'call = "getTransientTaskInfo"\nexpect_result = { a = "$context" }\n', 7,
     ["steps[1].expect_result.a: $context can only be an argument of a call step"]),
    ("save-as-reserved", CALL + 'call = "getTransientTaskInfo"\nsave_as = "callback"\n', 7,
     ["steps[1].save_as: 'callback' is reserved"]),
    ("save-as-not-a-name", CALL + 'call = "getTransientTaskInfo"\nsave_as = "my-info"\n', 7,
     ["steps[1].save_as: must be a name"]),
    ("on-callback-unknown", CALL + 'call = "requestSuspendDelay"\nargs = ["a", "$callback"]\non_callback = "ignore"\n', 8,
     ["steps[1].on_callback: must be one of nothing, cancel, stop"]),
    ("on-callback-without-callback", CALL + 'call = "requestSuspendDelay"\nargs = ["a", 1]\non_callback = "cancel"\n', 8,
     ["steps[1].on_callback: needs a \"$callback\" among the args"]),
    ("cancel-on-a-continuous-call",
     CALL + 'call = "on"\nargs = ["continuousTaskCancel", "$callback"]\non_callback = "cancel"\n', 8,
     ["only for call = \"requestSuspendDelay\""]),
    ("result-of-a-failing-call",
     CALL + 'call = "cancelSuspendDelay"\nargs = [1]\nexpect_code = 9900001\nexpect_result = 1\n', 9,
     ["steps[1].expect_result: a call that fails with 9900001 has no result"]),
    # -- codes ----------------------------------------------------------------------------------------------
    ("unknown-code", CALL + 'call = "cancelSuspendDelay"\nargs = [1]\nexpect_code = 12345\n', 8,
     ["steps[1].expect_code: unknown error code 12345", "0 (success) or one of 201, 202, 401"]),
    ("internal-code-instead-of-public", CALL + 'call = "cancelSuspendDelay"\nargs = [1]\nexpect_code = 990000103\n', 8,
     ["unknown error code 990000103"]),
    ("fault-code-not-injectable", APP + '[[steps]]\nat = "0s"\ndo = "fault.fail_next"\nargs = ["cancelSuspendDelay", 9800007]\n',
     6, ["steps[1].args[2]: code must be one of 9800001, 9800002, 9800003, 9800004"]),
    ("fault-unknown-function", APP + '[[steps]]\nat = "0s"\ndo = "fault.fail_next"\nargs = ["cancel"]\n', 6,
     ["steps[1].args[1]: function must be one of"]),
    # -- step structure -------------------------------------------------------------------------------------
    ("call-and-do", CALL + 'call = "getTransientTaskInfo"\ndo = "app.kill"\n', 7,
     ["steps[1].do: a step does one thing: it has both call and do"]),
    ("nothing-to-do", APP + '[[steps]]\nat = "0s"\n', 3, ["steps[1]: a step needs one of: call"]),
    ("steps-not-tables", 'steps = 5\n', 1, ["steps: must be written as [[steps]] tables"]),
    ("step-not-a-table", 'steps = [5]\n', 1, ["steps[1]: must be a table"]),
]


def _ids():
    return [c[0] for c in CASES]


def test_at_least_fifty_cases():
    assert len(CASES) >= 50 and len(set(_ids())) == len(CASES)


@pytest.mark.parametrize("case_id, text, line, fragments", CASES, ids=_ids())
@pytest.mark.parametrize("command", ["play", "dump"])
def test_malformed(tmp_path: Path, case_id, text, line, fragments, command):
    path = tmp_path / f"{case_id}.toml"
    path.write_text(text, encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    argv = ["play", str(path)] if command == "play" else ["dump", "-T", "All", str(path)]
    assert main(argv, out, err) == 2
    message = err.getvalue()
    assert out.getvalue() == ""  # nothing ran
    assert message.count("\n") == 1, message  # one line
    assert message.startswith(f"{path}:{line}: "), message
    for fragment in fragments:
        assert fragment in message, (fragment, message)
    assert "Traceback" not in message


def test_not_utf8(tmp_path: Path):
    path = tmp_path / "latin1.toml"
    path.write_bytes(b'[scenario]\nname = "caf\xe9"\n')
    err = io.StringIO()
    assert main(["play", str(path)], io.StringIO(), err) == 2
    assert err.getvalue() == f"{path}:2: is not UTF-8 text (a TOML file must be UTF-8)\n"


def test_missing_file(tmp_path: Path):
    err = io.StringIO()
    assert main(["play", str(tmp_path / "nope.toml")], io.StringIO(), err) == 2
    assert err.getvalue() == f"{tmp_path / 'nope.toml'}: no such file\n"


def test_a_directory(tmp_path: Path):
    err = io.StringIO()
    assert main(["play", str(tmp_path)], io.StringIO(), err) == 2
    assert "is a directory" in err.getvalue()
