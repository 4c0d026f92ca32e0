"""Quota accounting: when time counts, once per app (service-rules §1.4)."""

from emulator import EventKind

from .transient_helpers import noop


def remaining(bt, rid):
    return bt.getRemainingDelayTime(rid).result()


def test_nothing_counts_in_the_foreground_with_the_screen_on(emu, uploader):
    bt = uploader.backgroundTaskManager
    rid = bt.requestSuspendDelay("x", noop).requestId
    emu.advance(60_000)
    assert remaining(bt, rid) == 180000
    assert emu.transient.quota_left(uploader.uid) == 600000


def test_quota_drains_once_per_app_however_many_tasks_overlap(emu, uploader):
    bt = uploader.backgroundTaskManager
    ids = [bt.requestSuspendDelay(str(i), noop).requestId for i in range(3)]
    uploader.to_background()
    emu.advance(10_000)
    assert [remaining(bt, i) for i in ids] == [170000] * 3
    assert emu.transient.quota_left(uploader.uid) == 590000


def test_a_later_request_keeps_its_own_spent_time(emu, uploader):
    bt = uploader.backgroundTaskManager
    emu.device.screen_on = False
    a = bt.requestSuspendDelay("a", noop).requestId
    emu.advance(10_000)
    b = bt.requestSuspendDelay("b", noop).requestId
    emu.advance(10_000)
    assert (remaining(bt, a), remaining(bt, b)) == (160000, 170000)
    assert emu.transient.quota_left(uploader.uid) == 580000


def test_screen_off_counts_in_foreground(emu, uploader):
    bt = uploader.backgroundTaskManager
    rid = bt.requestSuspendDelay("x", noop).requestId
    emu.device.screen_on = False
    emu.advance(30_000)
    assert remaining(bt, rid) == 150000
    emu.device.screen_on = True  # the app is in the foreground: SCREEN_ON stops its counting
    emu.advance(30_000)
    assert remaining(bt, rid) == 150000
    assert emu.transient.quota_left(uploader.uid) == 570000


def test_coming_to_the_foreground_stops_counting_even_with_the_screen_off(emu, uploader):
    bt = uploader.backgroundTaskManager
    rid = bt.requestSuspendDelay("x", noop).requestId
    uploader.to_background()
    emu.device.screen_on = False
    emu.advance(10_000)
    uploader.to_foreground()
    emu.advance(10_000)
    assert remaining(bt, rid) == 170000
    paused = emu.events.latest()
    assert paused.kind is EventKind.TRANSIENT_PAUSED
    assert paused.reason == "paused task(s) 1 and the daily quota: the app came to the foreground"


def test_background_then_foreground_then_background_sums_only_background_time(emu, uploader):
    bt = uploader.backgroundTaskManager
    rid = bt.requestSuspendDelay("x", noop).requestId
    uploader.to_background()
    emu.advance(20_000)
    uploader.to_foreground()
    emu.advance(50_000)
    uploader.to_background()
    emu.advance(5_000)
    assert remaining(bt, rid) == 155000
    assert emu.transient.quota_left(uploader.uid) == 575000


def test_charging_changes_nothing(emu, uploader):
    bt = uploader.backgroundTaskManager
    rid = bt.requestSuspendDelay("x", noop).requestId
    uploader.to_background()
    emu.device.charging = True
    emu.advance(10_000)
    assert remaining(bt, rid) == 170000


def test_a_dead_process_keeps_its_quota_spent_and_its_tasks_are_removed(emu, uploader):
    bt = uploader.backgroundTaskManager
    rid = bt.requestSuspendDelay("x", noop).requestId
    uploader.to_background()
    emu.advance(10_000)
    uploader.kill()
    removed = [e for e in emu.events if e.kind is EventKind.TRANSIENT_REMOVED]
    assert [(e.subject, e.reason) for e in removed] == [
        (rid, "removed: the app's process died, and its callback with it (HandleExpiredCallbackDeath)")]
    emu.advance(10_000)
    uploader.to_foreground()
    assert emu.transient.quota_left(uploader.uid) == 590000
    assert uploader.backgroundTaskManager.getRemainingDelayTime(rid).error().code == 9900001


def test_counting_and_paused_are_events_with_reasons(emu, uploader):
    uploader.backgroundTaskManager.requestSuspendDelay("x", noop)
    uploader.to_background()
    counting = emu.events.latest()
    assert counting.kind is EventKind.TRANSIENT_COUNTING
    assert counting.reason == "counting down task(s) 1 and the daily quota: the app moved to the background"
