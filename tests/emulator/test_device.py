"""The fake device: battery low/okay crossings, screen, charging, type, task keeping (DESIGN §2.5)."""

import pytest

from emulator import Emulator, EventKind


def common_events(emu):
    return [e.data["event"] for e in emu.events if e.kind is EventKind.COMMON_EVENT]


def test_battery_low_published_once_on_the_way_down_and_okay_once_on_the_way_up(emu):
    for level in (50, 21, 20, 15, 5, 20, 21, 80, 30):
        emu.device.battery_level = level
    assert common_events(emu) == ["BATTERY_LOW", "BATTERY_OKAY"]
    assert emu.device.battery_low is False


def test_threshold_is_inclusive_and_settable(emu):
    assert emu.device.low_battery_threshold == 20
    emu.device.battery_level = 20
    assert emu.device.battery_low is True
    emu.device.low_battery_threshold = 10
    assert common_events(emu) == ["BATTERY_LOW", "BATTERY_OKAY"]
    assert emu.transient.low_power is False


def test_low_battery_switches_the_transient_low_power_mode(emu):
    emu.device.battery_level = 15
    assert emu.transient.low_power is True
    emu.device.battery_level = 90
    assert emu.transient.low_power is False


def test_charging_is_shown_but_publishes_nothing_to_the_service(emu):
    emu.device.charging = True
    assert common_events(emu) == []
    assert [e.kind for e in emu.events] == [EventKind.CHARGING]


def test_screen_changes_are_events(emu):
    emu.device.screen_on = False
    emu.device.screen_on = False  # no change, no event
    emu.device.screen_on = True
    assert [e.kind for e in emu.events] == [EventKind.SCREEN, EventKind.SCREEN]
    assert emu.transient.screen_on is True


def test_task_keeping_support_follows_the_device_type_unless_set(emu):
    assert emu.device.support_task_keeping is False
    emu.device.device_type = "2in1"
    assert emu.device.support_task_keeping is True
    emu.device.support_task_keeping = False
    assert emu.device.support_task_keeping is False
    emu.device.support_task_keeping = None
    assert emu.device.support_task_keeping is True


@pytest.mark.parametrize("field, value, exc", [
    ("battery_level", 101, ValueError), ("battery_level", -1, ValueError), ("battery_level", True, TypeError),
    ("battery_level", 50.0, TypeError), ("screen_on", 1, TypeError), ("charging", None, TypeError),
    ("device_type", "watch", ValueError), ("low_battery_threshold", 200, ValueError),
])
def test_bad_values_are_refused_with_a_clear_error_and_change_nothing(emu, field, value, exc):
    before = getattr(emu.device, field)
    with pytest.raises(exc, match=field if field != "device_type" else "device_type must be one of"):
        setattr(emu.device, field, value)
    assert getattr(emu.device, field) == before
    assert len(emu.events) == 0


def test_overrides_list_what_differs_from_a_fresh_device(emu):
    assert emu.snapshot().overrides == ()
    emu.device.battery_level = 15
    emu.device.screen_on = False
    emu.service_ready = False
    emu.policy.unhandled_timeout = "suspend"
    assert dict(emu.snapshot().overrides) == {"battery_level": 15, "screen_on": False,
                                               "unhandled_timeout": "suspend", "service_ready": False}


def test_service_not_ready_is_an_event(emu):
    emu.service_ready = False
    assert emu.events.latest().kind is EventKind.SERVICE_READY
    assert Emulator().service_ready is True
