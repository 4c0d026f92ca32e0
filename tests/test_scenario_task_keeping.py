"""device.support_task_keeping = "auto": follow the device type again, in a file, a recording and its replay."""

import json
import tomllib

from bgtui import ops
from emulator import Emulator
from emulator.scenario import load_text, run_scenario
from emulator.scenario.record import SessionRecorder

from .record_helpers import KEEP, live_log, replay


def _keeping_reasons(log):
    return [e["reason"] for e in map(json.loads, log) if e["kind"] in ("device.task_keeping", "device.type")]


def test_auto_is_recorded_and_replays_to_the_same_log_byte_for_byte():
    emu = Emulator()
    emu.device.device_type = "2in1"
    emu.device.support_task_keeping = False  # in the [device] table: an explicit false
    emu.install_app("com.a", permissions=[KEEP], background_modes=["taskKeeping"])
    rec = SessionRecorder(emu)
    emu.advance(1_000)
    rec.perform_do("device.support_task_keeping", ["auto"])
    assert emu.device.support_task_keeping is True  # a 2in1 device keeps tasks
    emu.advance(1_000)
    rec.perform_do("device.device_type", ["phone"])
    assert emu.device.support_task_keeping is False  # ... and follows the type when it changes
    emu.advance(500)
    text = rec.to_toml()
    data = tomllib.loads(text)
    assert data["device"] == {"device_type": "2in1", "support_task_keeping": False}
    assert data["steps"] == [{"at": "1s", "do": "device.support_task_keeping", "args": ["auto"]},
                             {"at": "2s", "do": "device.device_type", "args": ["phone"]}]
    run, engine = replay(text)
    assert run.ok and engine == live_log(emu)
    assert _keeping_reasons(engine) == [
        "device type is now 2in1; bgtask.support_task_keeping=True",
        "bgtask.support_task_keeping=False (set explicitly)",
        "bgtask.support_task_keeping=True (follows device type 2in1)",
        "device type is now phone; bgtask.support_task_keeping=False"]
    assert run.emu.device.overrides() == emu.device.overrides() == {}


def test_auto_in_the_device_table_follows_the_device_type():
    scenario = load_text('[device]\ndevice_type = "2in1"\nsupport_task_keeping = "auto"\n')
    assert scenario.device == {"device_type": "2in1", "support_task_keeping": "auto"}
    run = run_scenario(scenario)
    assert run.emu.device.support_task_keeping is True and "support_task_keeping" not in run.emu.device.overrides()


def test_the_dashboard_reset_is_recorded_as_auto():
    emu = Emulator()
    emu.device.support_task_keeping = True
    emu.install_app("com.a")
    rec = SessionRecorder(emu)
    emu.advance(3_000)
    assert ops.reset_overrides(rec) == ["support_task_keeping"]
    assert emu.device.support_task_keeping is False and emu.snapshot().overrides == ()
    assert [str(s) for s in rec.steps] == ['d1 00:00:03.000  do device.support_task_keeping("auto")']
    run, engine = replay(rec.to_toml())
    assert run.ok and engine == live_log(emu)
