"""Record and replay: a session recorded live, saved as a scenario, replays to the same engine event log."""

import io
import json
import tomllib

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from emulator import BusinessError, Emulator
from emulator.kit import backgroundTaskManager as btm
from emulator.scenario import TraceEntry, load, load_text, run_scenario
from emulator.scenario.cli import main
from emulator.scenario.model import Ref
from emulator.scenario.record import SessionRecorder
from emulator.scenario.write import dumps, toml_string, toml_value
from .record_helpers import KEEP, agent_for, live_log, noop, replay


# -- the whole loop ------------------------------------------------------------------------------------
def record_session():
    """A live session done directly against an Emulator, every action through the recorder."""
    emu = Emulator()
    emu.device.battery_level = 80  # setup in the order a scenario applies it: device, policy, apps
    emu.policy.suspend_grace_ms = 5_000
    up = emu.install_app("com.example.upload", background_modes=["dataTransfer"], label="Uploader")
    mu = emu.install_app("com.example.music", permissions=[KEEP], background_modes=["audioPlayback"])
    sy = emu.install_app("com.example.sys", system_app=True, running_resources_apply=[0])
    rec = SessionRecorder(emu)

    info = rec.perform_call(up, "requestSuspendDelay", ["upload", noop])
    ids = {}

    def cancel_own(*_args):  # what on_callback = "cancel" replays
        up.backgroundTaskManager.cancelSuspendDelay(ids["second"])
    ids["second"] = rec.perform_call("com.example.upload", "requestSuspendDelay", ["second", cancel_own],
                                     on_callback="cancel").requestId
    emu.advance(1_000)
    rec.perform_do("app.background", app=up)
    emu.advance(5_000)
    assert rec.perform_call(up, "getRemainingDelayTime", [info.requestId]).result() == 175_000
    rec.perform_do("device.battery_level", [15])
    rec.perform_do("device.screen_on", [False])
    note = rec.perform_call(mu, "startBackgroundRunning", [mu.context, ["audioPlayback"], agent_for(mu)]).result()
    rec.perform_do("app.background", app="com.example.music")
    emu.advance(2_000)
    rec.perform_call(sy, "applyEfficiencyResources", [btm.EfficiencyResourcesRequest(
        resourceTypes=btm.ResourceType.CPU, isApply=True, timeOut=0, reason="apply", isPersist=True)])
    rec.perform_do("user.remove_notification", [note.notificationId])  # a literal id: replays the same
    emu.advance(1_000)
    rec.perform_do("app.foreground", app=mu)
    rec.perform_call(mu, "startBackgroundRunning", [mu.context, btm.BackgroundMode.AUDIO_PLAYBACK, agent_for(mu)])
    task_id = emu.snapshot().continuous_tasks[-1].continuous_task_id
    rec.perform_call(mu, "on", ["continuousTaskCancel", noop])
    emu.advance(1_000)
    rec.perform_do("system.stop_continuous_task", [task_id, "misuse"])
    rec.perform_do("fault.fail_next", ["getTransientTaskInfo", 9800004])
    rejected = rec.perform_call(up, "getTransientTaskInfo")
    assert rejected.error().code == 9800004
    with pytest.raises(BusinessError) as refused:  # a refused call still raises, and is recorded
        rec.perform_call(up, "cancelSuspendDelay", [9999])
    assert refused.value.code == 9900001
    rec.perform_call(mu, "off", ["continuousTaskCancel", noop])
    rec.perform_do("policy.suspend_grace", [3_000])
    emu.advance(300_000)  # the transient tasks time out after the last action: `end` covers it
    return emu, rec


def test_record_then_replay_gives_the_same_log(tmp_path):
    emu, rec = record_session()
    path = rec.save(tmp_path / "session.toml")
    scenario = load(str(path))
    assert scenario.name == "session" and scenario.end_ms == emu.now_ms == 310_000
    assert len(scenario.steps) == len(rec) == 19
    entries = []
    run = run_scenario(scenario, entries.append)
    assert run.ok, [f.describe(str(path)) for f in run.failures]
    assert run.checked == 8  # every call whose outcome the recorder saw is checked on replay
    assert run.emu.events.to_jsonl() == emu.events.to_jsonl()
    engine = [e for e in entries if not isinstance(e, TraceEntry)]  # heard in seq order
    assert [e.to_json() for e in engine] == live_log(emu)
    kinds = {e.kind.value for e in engine}
    assert {"transient.cancelled", "transient.force_cancelled", "app.killed", "continuous.started",
            "notification.removed", "continuous.cancelled", "efficiency.applied", "service.fault_fired",
            "device.common_event", "continuous.listener", "policy.changed"} <= kinds


def test_the_cli_plays_a_saved_session_to_the_same_log(tmp_path):
    emu, rec = record_session()
    path = rec.save(tmp_path / "live.toml", name="live")
    out, err = io.StringIO(), io.StringIO()
    assert main(["play", str(path), "--format", "jsonl"], out, err) == 0, err.getvalue()
    engine = [json.loads(line) for line in out.getvalue().splitlines()]
    engine = [e for e in engine if not e["kind"].startswith("scenario.")]  # printed in seq order
    assert [json.dumps(e, ensure_ascii=False, separators=(",", ":")) for e in engine] == live_log(emu)
    assert load(str(path)).name == "live"


def test_the_file_holds_the_starting_device_and_apps_and_each_step_in_time_order():
    emu, rec = record_session()
    data = tomllib.loads(rec.to_toml(name="s"))
    assert data["scenario"]["end"] == "5m10s"
    assert data["device"] == {"battery_level": 80}
    assert data["policy"] == {"suspend_grace": "5s"}
    assert data["apps"] == [
        {"bundle_name": "com.example.upload", "label": "Uploader", "permissions": [],
         "background_modes": ["dataTransfer"]},
        {"bundle_name": "com.example.music", "permissions": [KEEP], "background_modes": ["audioPlayback"]},
        {"bundle_name": "com.example.sys", "system_app": True, "permissions": [], "background_modes": [],
         "running_resources_apply": [0]}]
    steps = data["steps"]
    assert steps[0] == {"at": "0s", "app": "com.example.upload", "call": "requestSuspendDelay",
                        "args": ["upload", "$callback"], "expect_code": 0}
    assert steps[1]["on_callback"] == "cancel"
    assert [s["at"] for s in steps[2:4]] == ["1s", "6s"]
    assert steps[6]["args"] == ["$context", ["audioPlayback"], "$wantAgent"]
    assert steps[8]["args"] == [{"resourceTypes": 1, "isApply": True, "timeOut": 0, "reason": "apply",
                                 "isPersist": True}]  # a kit dataclass: its fields; None fields left out
    assert steps[11]["args"] == ["$context", 2, "$wantAgent"]  # an IntEnum member: its value
    assert steps[13]["args"] == [2, "misuse"]
    assert steps[15] == {"at": "10s", "app": "com.example.upload", "call": "getTransientTaskInfo",
                         "expect_code": 9800004}
    assert steps[17]["args"] == ["continuousTaskCancel"]  # off(type, cb) of its only callback: off(type)
    assert steps[18] == {"at": "10s", "do": "policy.suspend_grace", "args": ["3s"]}
    times = [s.at_ms for s in rec.steps]
    assert times == sorted(times)


def test_steps_are_readable_for_the_dashboard():
    _emu, rec = record_session()
    lines = [str(s) for s in rec.steps]
    assert lines[0] == 'd1 00:00:00.000  com.example.upload  call requestSuspendDelay("upload", <callback>) -> ok'
    assert lines[1].endswith("-> ok (callback: cancel)")
    assert lines[15] == "d1 00:00:10.000  com.example.upload  call getTransientTaskInfo() -> error 9800004"
    assert lines[13] == 'd1 00:00:10.000  do system.stop_continuous_task(2, "misuse")'
    step = rec.steps[8]
    assert (step.at_ms, step.kind, step.name, step.app, step.code) == (
        8_000, "call", "applyEfficiencyResources", "com.example.sys", 0)


# -- escaping ------------------------------------------------------------------------------------------
WEIRD = ['say "hi"', "back\\slash", "caf\u00e9 \u4e2d\u6587 \U0001F600", "tab\tnew\nline\r", "bell\x07del\x7f",
         "$not_a_ref", "$$two", "#not a comment", "a = b", "'single'", ""]


@pytest.mark.parametrize("text", WEIRD)
def test_strings_round_trip_through_the_writer(text):
    assert tomllib.loads(f"v = {toml_string(text)}")["v"] == text
    assert tomllib.loads(dumps({"t": {text: [text, {text: text}]}}))["t"] == {text: [text, {text: text}]}


def test_numbers_and_nesting_round_trip_through_the_writer():
    values = [0, -1, 2**63 - 1, -2**63, 0.1, -0.0, 1e300, 1e-7, float("inf"), float("-inf"), True, False, [],
              {}, [[1, [2]], {"a": {"b": []}}]]
    assert tomllib.loads(f"v = {toml_value(values)}")["v"] == values
    assert toml_value(float("nan")) == "nan"
    for bad in (2**63, -2**63 - 1, "lone \ud800", None, {1: 2}, {3}):
        with pytest.raises(ValueError):
            toml_value(bad)


def test_bundle_names_labels_and_reasons_with_quotes_backslashes_and_unicode_replay_the_same():
    emu = Emulator()
    name = 'com."quoted"\\back.caf\u00e9.\u4e2d'
    app = emu.install_app(name, label='L\u00e4bel "x" \\ \U0001F600', background_modes=["dataTransfer"])
    sys_app = emu.install_app("sys \"app\"", system_app=True, running_resources_apply=[0])
    rec = SessionRecorder(emu)
    reasons = ["up \"load\" \\ \u00e9", "$upload", "$$x", "line\nbreak\tand\x01control", "\U0001F600 emoji"]
    for reason in reasons:  # at most 3 live transient tasks per app: each is cancelled
        info = rec.perform_call(app, "requestSuspendDelay", [reason, noop])
        rec.perform_call(app, "cancelSuspendDelay", [info.requestId])
    rec.perform_call(sys_app, "applyEfficiencyResources", [{"resourceTypes": 2, "isApply": True, "timeOut": 1000,
                                                            "reason": "why \"so\" $x \\"}])
    rec.perform_do("app.background", app=name)
    emu.advance(200_000)
    text = rec.to_toml(name='name "with" quotes \\ \u00e9')
    scenario = load_text(text)
    assert scenario.name == 'name "with" quotes \\ \u00e9'
    assert [a.bundle_name for a in scenario.apps] == [name, "sys \"app\""]
    assert scenario.apps[0].label == 'L\u00e4bel "x" \\ \U0001F600'
    requests = scenario.steps[:10:2]
    assert [s.args[0] for s in requests] == reasons  # "$upload" is written "$$upload": a literal
    assert all(isinstance(s.args[1], Ref) and s.args[1].name == "callback" for s in requests)
    assert scenario.steps[10].args[0]["reason"] == "why \"so\" $x \\"
    run, engine = replay(text)
    assert run.ok and engine == live_log(emu)


# -- timing --------------------------------------------------------------------------------------------
def test_several_actions_at_the_same_millisecond_keep_their_order():
    emu = Emulator()
    emu.policy.suspend_grace_ms = 0  # backgrounding schedules a suspension due at the same millisecond
    a = emu.install_app("com.a", background_modes=["dataTransfer"])
    b = emu.install_app("com.b")
    rec = SessionRecorder(emu)
    emu.advance(1_500)
    rec.perform_do("app.background", app=b)  # its suspension is due now: it fires after the steps at 1.5 s
    rec.perform_do("device.screen_on", [False])
    rec.perform_call(a, "requestSuspendDelay", ["x", noop])
    rec.perform_do("app.background", app=a)
    rec.perform_do("device.screen_on", [True])
    emu.advance(1)
    rec.perform_do("app.foreground", app=b)
    rec.perform_call(a, "cancelSuspendDelay", [1])
    emu.advance(10_000)
    text = rec.to_toml()
    scenario = load_text(text)
    assert [(s.at_ms, s.action or s.function) for s in scenario.steps] == [
        (1500, "app.background"), (1500, "device.screen_on"), (1500, "requestSuspendDelay"),
        (1500, "app.background"), (1500, "device.screen_on"), (1501, "app.foreground"), (1501, "cancelSuspendDelay")]
    assert [s["at"] for s in tomllib.loads(text)["steps"]] == ["1s500ms"] * 5 + ["1s501ms"] * 2
    run, engine = replay(text)
    assert run.ok and engine == live_log(emu)
    suspended = [json.loads(line) for line in engine if '"app.suspended"' in line]
    assert [(e["time_ms"], e["app"]) for e in suspended][:1] == [(1500, "com.b")]


def test_the_end_defaults_to_now_and_can_be_given():
    emu = Emulator()
    emu.install_app("com.a")
    rec = SessionRecorder(emu)
    emu.advance(2_000)
    rec.perform_do("app.background", app="com.a")
    emu.advance(500)
    assert load_text(rec.to_toml()).end_ms == 2_500
    assert load_text(rec.to_toml(end_ms=60_000)).end_ms == 60_000
    for bad in (1_999, -1, 2.5, True):
        with pytest.raises(ValueError):
            rec.to_toml(end_ms=bad)


def test_an_empty_session_saves_and_replays(tmp_path):
    emu = Emulator()
    rec = SessionRecorder(emu)
    assert len(rec) == 0 and rec.steps == []
    emu.advance(5_000)
    path = rec.save(tmp_path / "empty.toml")
    scenario = load(str(path))
    assert (scenario.name, scenario.end_ms, scenario.apps, scenario.steps) == ("empty", 5_000, [], [])
    run = run_scenario(scenario)
    assert run.ok and run.emu.now_ms == 5_000 and len(run.emu.events) == 0 == len(emu.events)


def test_an_empty_session_keeps_its_device_and_apps():
    emu = Emulator()
    emu.device.screen_on = False  # in the order a scenario's [device] table applies them
    emu.device.device_type = "2in1"
    emu.policy.unhandled_timeout = "suspend"
    emu.install_app("com.a", atomic_service=True, permissions=["p.b", "p.a"])
    rec = SessionRecorder(emu)
    emu.advance(10_000)
    run, engine = replay(rec.to_toml())
    assert run.ok and engine == live_log(emu)
    assert tomllib.loads(rec.to_toml())["apps"] == [{"bundle_name": "com.a", "atomic_service": True,
                                                    "permissions": ["p.a", "p.b"], "background_modes": []}]


# -- any session ---------------------------------------------------------------------------------------
BUNDLES = ("com.a", "com.b", "com.sys")
_ACTION = st.one_of(
    st.tuples(st.just("advance"), st.integers(1, 200_000)),
    st.tuples(st.just("request"), st.sampled_from(BUNDLES), st.sampled_from(["nothing", "cancel"])),
    st.tuples(st.just("cancel"), st.sampled_from(BUNDLES), st.integers(1, 8)),
    st.tuples(st.just("remaining"), st.sampled_from(BUNDLES), st.integers(1, 8)),
    st.tuples(st.just("start"), st.sampled_from(BUNDLES), st.sampled_from(["audioPlayback", "dataTransfer"])),
    st.tuples(st.just("stop"), st.sampled_from(BUNDLES)),
    st.tuples(st.just("efficiency"), st.sampled_from(BUNDLES), st.sampled_from([1, 2, 3]), st.booleans(),
              st.integers(0, 60_000)),
    st.tuples(st.just("on"), st.sampled_from(BUNDLES)),
    st.tuples(st.just("do"), st.sampled_from(BUNDLES), st.sampled_from(["app.foreground", "app.background",
                                                                        "app.kill"])),
    st.tuples(st.just("device"), st.sampled_from([("device.battery_level", 10), ("device.battery_level", 90),
                                                   ("device.screen_on", False), ("device.screen_on", True),
                                                   ("service.restart",), ("device.reboot",),
                                                   ("service.ready", False), ("service.ready", True),
                                                   ("fault.fail_next", "requestSuspendDelay"),
                                                   ("fault.storage_fails", True), ("fault.clear",)])),
    st.tuples(st.just("system"), st.sampled_from(["user.remove_notification", "system.suspend_continuous_task",
                                                  "system.stop_continuous_task"]), st.integers(0, 4)),
)


def _reacting(app, reaction, asked):
    """The callback a live app passes: it does what on_callback records, as a replay's callback does."""
    def callback(*_args):
        if reaction == "cancel":
            try:
                app.backgroundTaskManager.cancelSuspendDelay(asked["id"])
            except BusinessError:
                pass  # a replay traces the refusal and goes on
    return callback


@settings(max_examples=150, deadline=None)
@given(st.lists(_ACTION, max_size=30))
@example([("request", "com.b", "cancel"), ("do", "com.b", "app.background"), ("advance", 174_000)])  # it cancels
def test_any_session_replays_to_the_same_log(actions):
    emu = Emulator()
    for name in BUNDLES:
        emu.install_app(name, permissions=[KEEP], background_modes=["audioPlayback", "dataTransfer"],
                        system_app=name == "com.sys", running_resources_apply=[0])
    rec = SessionRecorder(emu)
    for action in actions:
        kind, rest = action[0], action[1:]
        app = emu.app(rest[0]) if rest and rest[0] in BUNDLES else None
        try:
            if kind == "advance":
                emu.advance(rest[0])
            elif kind == "request":
                asked = {}
                info = rec.perform_call(app, "requestSuspendDelay", ["r", _reacting(app, rest[1], asked)],
                                        on_callback=rest[1])
                asked["id"] = info.requestId
            elif kind in ("cancel", "remaining"):
                fn = "cancelSuspendDelay" if kind == "cancel" else "getRemainingDelayTime"
                rec.perform_call(app, fn, [rest[1]])
            elif kind == "start":
                rec.perform_call(app, "startBackgroundRunning", [app.context, [rest[1]], agent_for(app)])
            elif kind == "stop":
                rec.perform_call(app, "stopBackgroundRunning", [app.context])
            elif kind == "efficiency":
                rec.perform_call(app, "applyEfficiencyResources", [{"resourceTypes": rest[1], "isApply": rest[2],
                                                                    "timeOut": rest[3], "reason": "e"}])
            elif kind == "on":
                rec.perform_call(app, "on", ["continuousTaskCancel", lambda *a: None])
            elif kind == "do":
                rec.perform_do(rest[1], app=app)
            elif kind == "device":
                rec.perform_do(rest[0][0], rest[0][1:])
            else:
                args = [rest[1], "misuse"] if rest[0] == "system.stop_continuous_task" else [rest[1]]
                rec.perform_do(rest[0], args)
        except (BusinessError, ValueError):
            pass  # a refused call is recorded; an action the engine refuses did nothing and is not
    run, engine = replay(rec.to_toml())
    assert run.ok, [f.describe("session") for f in run.failures]
    assert engine == live_log(emu)
