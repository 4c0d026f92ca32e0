"""Record and replay: what a scenario file cannot hold is refused, and what the caller did itself."""

import subprocess
import sys
import tomllib
from dataclasses import dataclass

import pytest

from emulator import BusinessError, Emulator
from emulator.kit import backgroundTaskManager as btm
from emulator.scenario.record import SessionRecorder

from .record_helpers import KEEP, agent_for, live_log, noop, replay


# -- what cannot be recorded ---------------------------------------------------------------------------
@dataclass
class NotKit:
    reason: str = "x"


def _unrecordable(emu, app, other):
    return [
        ("requestSuspendDelay", ["x", {"cb": noop, "oops": None}], "args[2].oops"),
        ("requestSuspendDelay", [None, noop], "args[1]"),
        ("requestSuspendDelay", [object(), noop], "args[1]"),
        ("requestSuspendDelay", [{1: "x"}, noop], "args[1]"),
        ("requestSuspendDelay", [NotKit(), noop], "args[1]"),
        ("requestSuspendDelay", [{"s": {1, 2}}, noop], "args[1].s"),
        ("requestSuspendDelay", ["lone \ud800", noop], "surrogate"),
        ("requestSuspendDelay", [2**64, noop], "64-bit"),
        ("requestSuspendDelay", [NotKit, noop], "args[1]"),  # a class is not a function
        ("startBackgroundRunning", [other.context, ["dataTransfer"], agent_for(app)], "current ability contexts"),
        ("startBackgroundRunning", [app.context, ["dataTransfer"], agent_for(other)], "plain WantAgent"),
        ("requestSuspendDelay", ["x", noop], None),  # control: this one records
    ]


def test_an_argument_a_file_cannot_hold_is_a_value_error_and_nothing_happens():
    emu = Emulator()
    app = emu.install_app("com.a", background_modes=["dataTransfer"])
    other = emu.install_app("com.b")
    rec = SessionRecorder(emu)
    for function, args, words in _unrecordable(emu, app, other):
        before = emu.events.total
        if words is None:
            rec.perform_call(app, function, args)
            continue
        with pytest.raises(ValueError, match=words.replace("[", r"\[").replace(".", r"\.")):
            rec.perform_call(app, function, args)
        with pytest.raises(ValueError):
            rec.call(app, function, args)
        assert emu.events.total == before and len(rec) == 0
    assert len(rec) == 1


def test_a_function_anywhere_is_a_callback_and_a_stale_context_or_foreign_agent_is_refused():
    emu = Emulator()
    app = emu.install_app("com.a", permissions=[KEEP, "ohos.permission.GET_BACKGROUND_TASK_INFO"],
                          background_modes=["audioPlayback"], system_app=True)
    rec = SessionRecorder(emu)
    # HEAD e75584cd (COMMON:937-986): a state subscriber must carry all three functions
    rec.perform_call(app, "subscribeContinuousTaskState", [{"onContinuousTaskStart": lambda info: None,
                                                            "onContinuousTaskUpdate": noop,
                                                            "onContinuousTaskStop": noop}])
    rec.perform_call(app, "subscribeContinuousTaskState", [btm.BackgroundTaskSubscriber(
        onContinuousTaskStart=noop, onContinuousTaskUpdate=noop, onContinuousTaskStop=noop)])
    old = app.context
    rec.perform_do("app.kill", app=app)
    rec.perform_do("app.foreground", app=app)
    with pytest.raises(ValueError, match="current ability contexts"):
        rec.perform_call(app, "stopBackgroundRunning", [old])
    agent = agent_for(app)
    agent.extraInfo = {"subMode": 1}
    with pytest.raises(ValueError, match="plain WantAgent"):
        rec.perform_call(app, "startBackgroundRunning", [app.context, ["audioPlayback"], agent])
    tables = [s["args"] for s in tomllib.loads(rec.to_toml())["steps"] if s.get("call")]
    every = {"onContinuousTaskStart": "$callback", "onContinuousTaskUpdate": "$callback",
             "onContinuousTaskStop": "$callback"}
    assert tables == [[every], [every]]
    run, engine = replay(rec.to_toml())
    assert run.ok and engine == live_log(emu)


def test_wrong_use_of_the_recorder_is_refused_before_anything_happens():
    emu = Emulator()
    app = emu.install_app("com.a")
    rec = SessionRecorder(emu)
    late = emu.install_app("com.late")
    cases = [
        (lambda: rec.perform_call(late, "requestSuspendDelay", ["x", noop]), ValueError, "not installed when"),
        (lambda: rec.perform_call(app, "requestSuspendDelai", ["x", noop]), ValueError, "requestSuspendDelay"),
        (lambda: rec.perform_call(app, "requestSuspendDelay", "x"), TypeError, "list or tuple"),
        (lambda: rec.perform_call(app, "requestSuspendDelay", ["x", noop], on_callback="stopp"), ValueError,
         "on_callback"),
        (lambda: rec.perform_call(app, "getTransientTaskInfo", [], on_callback="stop"), ValueError, "needs a function"),
        (lambda: rec.perform_call(app, "getRemainingDelayTime", [1, noop], on_callback="cancel"), ValueError,
         "only for requestSuspendDelay"),
        (lambda: rec.perform_do("app.backgrund", app=app), ValueError, "app.background"),
        (lambda: rec.perform_do("app.background"), ValueError, "needs the app"),
        (lambda: rec.perform_do("device.screen_on", [False], app=app), ValueError, "pass no app"),
        (lambda: rec.perform_do("device.battery_level", [101]), ValueError, "percent"),
        (lambda: rec.perform_do("device.battery_level", []), ValueError, "takes 1"),
        (lambda: rec.perform_do("fault.fail_next", ["getTransientTaskInfo", 401]), ValueError, "code"),
        (lambda: rec.do("policy.suspend_grace", ["6 seconds"]), ValueError, "duration"),
    ]
    for action, error, words in cases:
        with pytest.raises(error, match=words):
            action()
    assert len(rec) == 0 and emu.events.total == 4  # both apps' install and launch
    with pytest.raises(ValueError, match="no notification"):  # the engine refuses: raised, not recorded
        rec.perform_do("user.remove_notification", [7])
    assert len(rec) == 0


# -- functions compared by identity --------------------------------------------------------------------
def test_on_and_off_with_the_same_function_record_what_replays_the_same():
    emu = Emulator()
    app = emu.install_app("com.a", permissions=[KEEP], background_modes=["audioPlayback"])
    rec = SessionRecorder(emu)
    first, second = (lambda *a: None), (lambda *a: None)
    rec.perform_call(app, "on", ["continuousTaskCancel", first])
    with pytest.raises(ValueError, match="identity"):  # the kit would not add it twice; a replay would
        rec.perform_call(app, "on", ["continuousTaskCancel", first])
    rec.perform_call(app, "off", ["continuousTaskSuspend", first])  # not registered there: removes nothing
    rec.perform_call(app, "on", ["continuousTaskCancel", second])
    with pytest.raises(ValueError, match="identity"):  # one of two callbacks: a replay cannot name it
        rec.perform_call(app, "off", ["continuousTaskCancel", first])
    rec.perform_call(app, "off", ["continuousTaskCancel"])
    rec.perform_call(app, "on", ["continuousTaskActive", first])
    rec.perform_call(app, "off", ["continuousTaskActive", first])  # its only callback: recorded as off(type)
    args = [s.args for s in rec.steps]
    assert args == [("continuousTaskCancel", "$callback"), ("continuousTaskSuspend", "$callback"),
                    ("continuousTaskCancel", "$callback"), ("continuousTaskCancel",),
                    ("continuousTaskActive", "$callback"), ("continuousTaskActive",)]
    emu.advance(1_000)
    run, engine = replay(rec.to_toml())
    assert run.ok and engine == live_log(emu)


def test_recording_after_the_fact_refuses_a_function_passed_again():
    emu = Emulator()
    app = emu.install_app("com.a", permissions=[KEEP], background_modes=["audioPlayback"])
    rec = SessionRecorder(emu)
    cb = lambda *a: None  # noqa: E731
    app.backgroundTaskManager.on("continuousTaskCancel", cb)
    rec.call(app, "on", ["continuousTaskCancel", cb])
    with pytest.raises(ValueError, match="perform_call"):
        rec.call(app, "off", ["continuousTaskCancel", cb])
    rec.call(app, "requestSuspendDelay", ["x", cb], code=0)  # identity does not matter here
    assert len(rec) == 2


# -- recording what the caller did ---------------------------------------------------------------------
def test_call_and_do_record_what_the_caller_did_itself():
    emu = Emulator()
    app = emu.install_app("com.a", background_modes=["dataTransfer"])
    rec = SessionRecorder(emu)
    bt = app.backgroundTaskManager
    info = bt.requestSuspendDelay("x", noop)
    rec.call(app, "requestSuspendDelay", ("x", noop), code=0)
    emu.advance(700)
    app.to_background()
    rec.do("app.background", app="com.a")
    emu.device.battery_level = 10
    rec.do("device.battery_level", [10])
    emu.policy.suspend_grace_ms = 2_000
    rec.do("policy.suspend_grace", [2_000])  # milliseconds, as the policy holds them
    try:
        bt.cancelSuspendDelay(info.requestId + 5)
    except BusinessError as err:
        rec.call(app, "cancelSuspendDelay", [info.requestId + 5], code=err.code)
    emu.advance(400_000)
    text = rec.to_toml()
    assert tomllib.loads(text)["steps"][3]["args"] == ["2s"]
    run, engine = replay(text)
    assert run.ok and run.checked == 2 and engine == live_log(emu)


def test_the_recorder_never_imports_textual():
    code = ("import sys\n"
            "from emulator import Emulator\n"
            "from emulator.scenario.record import SessionRecorder\n"
            "emu = Emulator(); app = emu.install_app('com.a'); rec = SessionRecorder(emu)\n"
            "rec.perform_call(app, 'requestSuspendDelay', ['x', lambda *a: None]); emu.advance(1000)\n"
            "from emulator.scenario import load_text, run_scenario\n"
            "assert run_scenario(load_text(rec.to_toml())).ok\n"
            "print(sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.')))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
