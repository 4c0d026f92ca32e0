"""The dashboard's Textual-free parts: formats, clock driver, log filter, operations, demo device."""

from __future__ import annotations

import subprocess
import sys

import pytest

from bgtui import format as fmt
from bgtui import ops
from bgtui.clock_driver import SPEEDS, ClockDriver
from bgtui.demo import DEMO_APPS, build_demo_emulator
from bgtui.log_filter import compile_filter
from bgtui.session import Session
from emulator import BusinessError, Emulator, EventKind
from emulator.events import Event
from emulator.scenario.record import SessionRecorder

from .conftest import UPLOADER


class FakeMonotonic:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_formats() -> None:
    assert fmt.remaining(174_321) == "2:54.3"
    assert fmt.remaining(5_000) == "0:05.0"
    assert fmt.remaining(-3) == "0:00.0"
    assert fmt.remaining(3_723_400) == "1:02:03.4"
    assert fmt.clock(0) == "day 1 00:00:00.0"
    assert fmt.clock(86_400_000 + 3_723_456) == "day 2 01:02:03.4"
    assert fmt.stamp(3_723_456) == "01:02:03.456"
    assert fmt.stamp(86_400_001) == "d2 00:00:00.001"
    assert fmt.duration(180_000) == "3 min" and fmt.duration(16_500) == "16.5 s"
    assert fmt.speed(0.5) == "×0.5" and fmt.speed(100.0) == "×100"
    assert fmt.mode_chip_class("multiDeviceConnection") == "chip-mode-multi-device-connection"
    assert fmt.resource_chip_class("RUNNING_LOCK") == "chip-res-running-lock"


def test_clock_follows_real_time_times_speed_with_the_fraction_carried() -> None:
    emu, mono = Emulator(), FakeMonotonic()
    driver = ClockDriver(emu, monotonic=mono)
    step = 1 / 1024  # 0.9765625 ms, exact in binary
    ticks = []
    for _ in range(3):
        mono.now += step
        ticks.append(driver.tick().now_ms)
    assert ticks == [0, 1, 2]  # fractions of a millisecond are carried, not lost
    driver.speed = 100.0
    mono.now += 0.5
    assert driver.tick().now_ms == 50_002


def test_clock_pause_resume_and_speed_steps() -> None:
    emu, mono = Emulator(), FakeMonotonic()
    driver = ClockDriver(emu, monotonic=mono, running=False)
    mono.now += 5
    assert driver.tick().now_ms == 0
    assert driver.toggle() is True
    mono.now += 1
    assert driver.tick().now_ms == 1000
    driver.pause()
    mono.now += 3
    assert driver.tick().now_ms == 1000
    assert [driver.faster() for _ in range(9)][-1] == SPEEDS[-1]
    assert [driver.slower() for _ in range(9)][-1] == SPEEDS[0] == 0.5
    with pytest.raises(ValueError):
        driver.speed = 0


def test_clock_step_skip_and_jump() -> None:
    emu = build_demo_emulator()
    driver = ClockDriver(emu, running=False)
    assert driver.step() is None  # nothing scheduled on a fresh demo
    app = emu.app(UPLOADER)
    ops.request_transient(SessionRecorder(emu), app, "upload")
    app.to_background()
    due = emu.next_event_ms
    assert driver.step() == due
    driver.skip(1_000)
    assert emu.now_ms == due + 1_000
    assert driver.jump_to(emu.now_ms) is False
    assert driver.jump_to(emu.now_ms + 5) is True


def _event(kind: EventKind, reason: str, app: str | None = None) -> Event:
    return Event(1, 0, kind, reason, app, 7)


def test_log_filter() -> None:
    assert compile_filter("  ") is None
    refused = _event(EventKind.TRANSIENT_REFUSED, "refused: 3 live transient tasks", UPLOADER)
    battery = _event(EventKind.BATTERY, "battery 100% -> 90%")
    assert compile_filter("kind:refused")(refused, "Uploader")
    assert not compile_filter("kind:refused")(battery, "")
    assert compile_filter("app:upload")(refused, "Uploader")
    assert compile_filter("app:uploader kind:transient")(refused, "Uploader")
    assert compile_filter("!kind:device")(refused, "Uploader")
    assert not compile_filter("!kind:device")(battery, "")
    assert compile_filter("90%")(battery, "")
    assert compile_filter("LIVE")(refused, "Uploader")


def test_demo_device() -> None:
    emu = build_demo_emulator()
    assert [a.bundle_name for a in emu.apps] == [d.bundle_name for d in DEMO_APPS]
    music, navigation, uploader, voip, system = emu.apps
    assert music.background_modes == ("audioPlayback",) and navigation.background_modes == ("location",)
    assert voip.background_modes == ("voip",) and uploader.background_modes == ("dataTransfer",)
    keep = "ohos.permission.KEEP_BACKGROUND_RUNNING"
    assert all(a.has_permission(keep) for a in (music, navigation, voip))
    assert not uploader.has_permission(keep)
    assert system.system_app and system.running_resources_apply == (0,)
    assert all(a.state.value == "foreground" for a in emu.apps)
    agent = ops.want_agent_for(music)
    assert (agent.bundleName, agent.abilityName) == ("com.example.music", "EntryAbility")


def test_a_well_behaved_app_cancels_in_its_callback() -> None:
    emu = build_demo_emulator()
    app = emu.app(UPLOADER)
    info = ops.request_transient(SessionRecorder(emu), app, "upload", cancel_on_expiry=True)
    app.to_background()
    emu.advance(180_000)
    kinds = [e.kind for e in emu.events if e.subject == info.requestId]
    assert EventKind.TRANSIENT_EXPIRING in kinds and EventKind.TRANSIENT_CANCELLED in kinds
    assert EventKind.TRANSIENT_FORCE_CANCELLED not in kinds
    assert app.alive


def test_refusals_are_business_errors() -> None:
    emu = build_demo_emulator()
    app, rec = emu.app(UPLOADER), SessionRecorder(emu)
    for _ in range(3):
        ops.request_transient(rec, app, "upload")
    with pytest.raises(BusinessError) as err:
        ops.request_transient(rec, app, "upload")
    assert err.value.code == 9900002


def test_reset_overrides_puts_a_fresh_device_back() -> None:
    emu = build_demo_emulator()
    emu.device.battery_level = 15
    emu.device.low_battery_threshold = 30
    emu.device.charging = True
    emu.device.screen_on = False
    emu.device.device_type = "2in1"
    emu.service_ready = False
    emu.policy.unhandled_timeout = "suspend"
    emu.faults.fail_next("requestSuspendDelay", 9800003, 2)
    emu.faults.storage_fails = True
    assert emu.snapshot().overrides
    done = ops.reset_overrides(SessionRecorder(emu))
    assert emu.snapshot().overrides == ()
    assert {"battery_level", "screen_on", "service_ready", "fault", "unhandled_timeout"} <= set(done)


def test_a_kit_function_this_build_lacks_is_not_emulated() -> None:
    app = build_demo_emulator().app("com.example.music")
    with pytest.raises(ops.NotEmulated, match="onContinuousTaskRefresh is not emulated"):  # no such function
        ops.kit(app, "onContinuousTaskRefresh")


PURE = ["emulator", "bgtui.format", "bgtui.ops", "bgtui.clock_driver", "bgtui.demo", "bgtui.log_filter",
        "bgtui.describe", "bgtui.explain", "bgtui.session"]


@pytest.mark.parametrize("module", PURE)
def test_the_engine_and_the_pure_parts_never_import_textual(module: str) -> None:
    code = f"import sys, {module}; sys.exit('textual' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0


def test_the_dashboard_loads_the_scenario_package_only_when_it_needs_it() -> None:
    code = ("import sys, bgtui.app, bgtui.cli\n"
            "sys.exit(any(m.startswith('emulator.scenario') for m in sys.modules))")
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0


def test_a_session_on_a_plain_device_makes_its_recorder_at_the_first_action() -> None:
    emu = build_demo_emulator()
    session = Session(emu)
    emu.advance(5_000)
    ops.app_background(session.recorder, UPLOADER)
    (step,) = session.recorder.steps
    assert step.at_ms == 5_000 and session.recorder.start_ms == 5_000 and len(session.recorder.apps) == 5
