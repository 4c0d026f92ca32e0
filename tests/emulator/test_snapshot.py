"""Snapshots: immutable, complete views for the dashboard."""

import dataclasses

import pytest

from .transient_helpers import noop


def test_a_counting_task_shows_its_countdown_and_callback_time(emu, uploader):
    uploader.backgroundTaskManager.requestSuspendDelay("upload", noop)
    uploader.to_background()
    emu.advance(10_000)
    snap = emu.snapshot()
    (task,) = snap.transient_tasks
    assert (task.request_id, task.remaining_ms, task.counting, task.paused_why) == (1, 170000, True, None)
    assert (task.ends_ms, task.callback_due_ms, task.callback_fired_ms, task.force_cancel_ms) == (
        180000, 174000, None, None)
    app = snap.app("com.example.upload")
    assert (app.state, app.quota_left_ms, app.quota_counting, app.keeps_awake) == (
        "background", 590000, True, ("transient task 1",))


def test_a_paused_task_says_why_and_a_fired_one_shows_the_forced_cancel(emu, uploader):
    uploader.backgroundTaskManager.requestSuspendDelay("upload", noop)
    (task,) = emu.snapshot().transient_tasks
    assert (task.counting, task.paused_why, task.ends_ms) == (
        False, "the app is in the foreground with the screen on", None)
    uploader.to_background()
    emu.advance(175_000)
    (task,) = emu.snapshot().transient_tasks
    assert (task.callback_fired_ms, task.force_cancel_ms, task.remaining_ms) == (174000, 180000, 5000)


def test_snapshot_is_immutable_and_device_fields_are_there(emu):
    snap = emu.snapshot()
    with pytest.raises(dataclasses.FrozenInstanceError):
        snap.now_ms = 5  # type: ignore[misc]
    assert (snap.device.battery_level, snap.device.screen_on, snap.device.device_type) == (100, True, "phone")
    assert (snap.policy.suspend_grace_ms, snap.policy.unhandled_timeout) == (6000, "terminate")
    assert snap.quota_reset_due_ms == 86_400_001
    assert snap.next_event_ms is None
