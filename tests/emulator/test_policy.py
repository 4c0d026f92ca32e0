"""Device policy: suspension of idle background apps (DESIGN §2.2)."""

import pytest

from emulator import EventKind, ProcessState

from .transient_helpers import noop


def test_an_idle_background_app_is_suspended_after_6_seconds(emu, uploader):
    uploader.to_background()
    assert emu.snapshot().app("com.example.upload").suspend_due_ms == 6000
    emu.advance(5999)
    assert uploader.state is ProcessState.BACKGROUND
    emu.advance(1)
    assert uploader.state is ProcessState.SUSPENDED
    event = emu.events.latest()
    assert (event.kind, event.time_ms) == (EventKind.APP_SUSPENDED, 6000)


def test_a_counting_transient_task_keeps_an_app_awake(emu, uploader):
    bt = uploader.backgroundTaskManager
    rid = bt.requestSuspendDelay("x", noop).requestId
    uploader.to_background()
    emu.advance(60_000)
    assert uploader.state is ProcessState.BACKGROUND
    assert emu.snapshot().app("com.example.upload").keeps_awake == ("transient task 1",)
    bt.cancelSuspendDelay(rid)
    emu.advance(6000)
    assert uploader.state is ProcessState.SUSPENDED


def test_coming_back_cancels_a_pending_suspension(emu, uploader):
    uploader.to_background()
    emu.advance(3000)
    uploader.to_foreground()
    emu.advance(10_000)
    assert uploader.state is ProcessState.FOREGROUND
    assert EventKind.APP_SUSPENDED not in [e.kind for e in emu.events]


def test_a_suspended_app_comes_back_to_the_foreground(emu, uploader):
    uploader.to_background()
    emu.advance(6000)
    uploader.to_foreground()
    assert uploader.state is ProcessState.FOREGROUND


def test_the_grace_period_is_a_knob(emu, uploader):
    emu.policy.suspend_grace_ms = 1000
    uploader.to_background()
    emu.advance(1000)
    assert uploader.state is ProcessState.SUSPENDED
    assert dict(emu.snapshot().overrides) == {"suspend_grace_ms": 1000}


@pytest.mark.parametrize("field, value", [("suspend_grace_ms", -1), ("suspend_grace_ms", 1.5),
                                          ("unhandled_timeout", "explode")])
def test_bad_policy_values_are_refused(emu, field, value):
    with pytest.raises(ValueError, match=field):
        setattr(emu.policy, field, value)
    assert emu.snapshot().overrides == ()


def test_a_suspended_app_that_makes_a_request_is_thawed(emu, uploader):
    # The app's code ran (a script acted as it), so it holds a counting task and is not frozen any more.
    uploader.to_background()
    emu.advance(6000)
    uploader.backgroundTaskManager.requestSuspendDelay("x", noop)
    assert uploader.state is ProcessState.BACKGROUND
    assert [e.kind for e in emu.events][-1] is EventKind.APP_THAWED
