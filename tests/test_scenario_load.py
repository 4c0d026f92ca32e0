"""Loading valid scenario files: what each key becomes."""

from emulator.scenario import load_text
from emulator.scenario.model import CALL, DO, EXPECT, NO_VALUE, Ref

FULL = '''
[scenario]
name = "full"
description = "every section"
end = "10m"

[device]
battery_level = 50
low_battery_threshold = 15
charging = true
screen_on = false
device_type = "2in1"
support_task_keeping = false

[policy]
suspend_grace = "10s"
unhandled_timeout = "suspend"

[[apps]]
bundle_name = "com.example.a"
label = "A"
system_app = true
atomic_service = false
permissions = ["ohos.permission.KEEP_BACKGROUND_RUNNING"]
background_modes = ["audioPlayback", "location"]
running_resources_apply = [0, 1]

[[apps]]
bundle_name = "com.example.b"

[[steps]]
at = "1s"
app = "com.example.a"
call = "requestSuspendDelay"
args = ["x", "$callback"]
save_as = "req"
on_callback = "cancel"
expect_result = { requestId = 1 }

[[steps]]
after = "500ms"
app = "com.example.a"
call = "getRemainingDelayTime"
args = ["$req.requestId", "$$literal", { types = "$ResourceType.GPS" }]
expect_code = 0

[[steps]]
at = "2s"
every = "1m"
until = "5m"
do = "device.battery_level"
args = [10]
note = "drain"

[[steps]]
after = "0s"
do = "fault.fail_next"
args = ["cancelSuspendDelay"]

[[steps]]
at = "9m"
expect = "event"
kind = "transient.requested"
app = "com.example.b"
subject = "$req.requestId"
since = "1s"
count = 0
'''


def test_every_section():
    sc = load_text(FULL, "full.toml")
    assert (sc.name, sc.description, sc.end_ms, sc.file) == ("full", "every section", 600_000, "full.toml")
    assert sc.device == {"battery_level": 50, "low_battery_threshold": 15, "charging": True, "screen_on": False,
                         "device_type": "2in1", "support_task_keeping": False}
    assert sc.policy == {"suspend_grace": 10_000, "unhandled_timeout": "suspend"}
    a, b = sc.apps
    assert (a.bundle_name, a.label, a.system_app, a.permissions, a.background_modes, a.running_resources_apply) == (
        "com.example.a", "A", True, ("ohos.permission.KEEP_BACKGROUND_RUNNING",), ("audioPlayback", "location"),
        (0, 1))
    assert (b.bundle_name, b.system_app, b.permissions, b.label) == ("com.example.b", False, (), None)
    s1, s2, s3, s4, s5 = sc.steps
    assert (s1.kind, s1.at_ms, s1.function, s1.save_as, s1.on_callback, s1.line) == (
        CALL, 1000, "requestSuspendDelay", "req", "cancel", 31)
    assert s1.args == ("x", Ref("callback")) and s1.expect_result == {"requestId": 1}
    assert s2.at_ms == 1500 and s2.expect_code == 0 and s2.expect_result is NO_VALUE
    assert s2.args == (Ref("req", ("requestId",)), "$literal", {"types": 32})
    assert (s3.kind, s3.at_ms, s3.every_ms, s3.times, s3.last_ms, s3.note, s3.args) == (
        DO, 2000, 60_000, 5, 242_000, "drain", (10,))
    assert s4.args == ("cancelSuspendDelay", 9800003, 1)  # defaults filled in
    assert (s5.kind, s5.expect, s5.params) == (EXPECT, "event", {
        "kind": "transient.requested", "subject": Ref("req", ("requestId",)), "since": 1000, "count": 0})
    assert sc.functions() == {"requestSuspendDelay", "getRemainingDelayTime", "cancelSuspendDelay"}


def test_defaults():
    sc = load_text("", "empty.toml")
    assert (sc.name, sc.end_ms, sc.apps, sc.steps, sc.device, sc.policy) == ("empty", 0, [], [], {}, {})


def test_end_defaults_to_the_last_run():
    sc = load_text('[[steps]]\nat = "1m"\nevery = "10s"\ntimes = 3\ndo = "service.restart"\n', "x.toml")
    assert sc.end_ms == 80_000


def test_the_readme_example_runs_green(tmp_path):
    """The complete example in README.md, taken from the README itself so the two cannot drift."""
    import re
    from pathlib import Path

    from emulator.scenario import load, run_scenario
    from emulator.scenario.report import summary

    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    section = readme.split("### A complete example", 1)[1]
    example = tmp_path / "readme-example.toml"
    example.write_text(re.search(r"```toml\n(.*?)```", section, re.S).group(1), encoding="utf-8")
    run = run_scenario(load(str(example)))
    assert run.ok, summary(run)
    assert run.checked == 6
