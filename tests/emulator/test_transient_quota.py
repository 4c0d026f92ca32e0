"""The daily quota reset: lazy, on a request, 24 h after the last reset (service-rules §1.6)."""

from emulator import EventKind

from .transient_helpers import drain_quota_to, noop

DAY = 86_400_000


def test_daily_reset_only_on_a_request_strictly_after_24_hours(emu, uploader):
    drain_quota_to(emu, uploader, 100_000)
    other = emu.install_app("com.example.other")
    emu.advance_to(DAY)
    other.backgroundTaskManager.cancelSuspendDelay(other.backgroundTaskManager.requestSuspendDelay("x", noop).requestId)
    assert emu.transient.quota_left(uploader.uid) == 100000  # exactly 24 h: no reset (strictly greater)
    emu.advance(1)
    assert emu.transient.quota_left(uploader.uid) == 100000  # lazy: nothing happens without a request
    other.backgroundTaskManager.requestSuspendDelay("y", noop)
    assert emu.transient.quota_left(uploader.uid) == 600000
    reset = [e for e in emu.events if e.kind is EventKind.QUOTA_RESET]
    assert [(e.time_ms, e.data["kept"], e.data["dropped"]) for e in reset] == [(DAY + 1, 0, 2)]


def test_daily_reset_keeps_live_tasks_with_their_time_and_refills_their_quota(emu, uploader):
    bt = uploader.backgroundTaskManager
    drain_quota_to(emu, uploader, 200_000)
    rid = bt.requestSuspendDelay("live", noop).requestId
    emu.advance_to(DAY + 1)
    bt.requestSuspendDelay("trigger", noop)
    assert emu.transient.quota_left(uploader.uid) == 600000
    info = bt.getTransientTaskInfo().result()
    assert [(t.requestId, t.actualDelayTime) for t in info.transientTasks] == [(rid, 180000), (rid + 1, 180000)]


def test_daily_reset_window_rolls_from_the_last_reset(emu, uploader):
    bt = uploader.backgroundTaskManager
    emu.advance_to(DAY + 10)
    bt.cancelSuspendDelay(bt.requestSuspendDelay("first reset", noop).requestId)
    assert emu.transient.last_reset_ms == DAY + 10
    assert emu.transient.next_reset_due_ms() == 2 * DAY + 11
    drain_quota_to(emu, uploader, 300_000)
    emu.advance_to(2 * DAY + 10)
    bt.cancelSuspendDelay(bt.requestSuspendDelay("not yet", noop).requestId)
    assert emu.transient.quota_left(uploader.uid) == 300000
    emu.advance_to(2 * DAY + 11)
    bt.requestSuspendDelay("second reset", noop)
    assert emu.transient.quota_left(uploader.uid) == 600000


def test_daily_reset_of_a_counting_app_discards_the_drain(emu, uploader):
    bt = uploader.backgroundTaskManager
    emu.advance_to(DAY)
    emu.device.screen_on = False
    bt.requestSuspendDelay("counting", noop)
    emu.advance(2)  # 2 ms of drain, then the reset overwrites the quota (UpdateQuota(true))
    bt.requestSuspendDelay("trigger", noop)
    assert emu.transient.quota_left(uploader.uid) == 600000
    emu.advance(1000)
    assert emu.transient.quota_left(uploader.uid) == 599000
