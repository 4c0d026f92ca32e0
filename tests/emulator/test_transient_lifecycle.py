"""Expiry: the callback 6 s before the end, the forced cancel 6 s later, and the device policy (§1.5)."""

from emulator import EventKind, ProcessState

from .transient_helpers import noop


def kinds_at(emu, *kinds):
    return [(e.time_ms, e.kind) for e in emu.events if e.kind in kinds]


def test_unhandled_timeout_whole_life_with_times(emu, uploader):
    calls = []
    bt = uploader.backgroundTaskManager
    rid = bt.requestSuspendDelay("upload", lambda *a: calls.append((emu.now_ms, a))).requestId
    emu.advance(1000)
    uploader.to_background()
    emu.advance(200_000)
    assert calls == [(175000, ({"code": 0, "data": None},))]
    assert kinds_at(emu, EventKind.TRANSIENT_EXPIRING, EventKind.TRANSIENT_FORCE_CANCELLED, EventKind.APP_KILLED) == [
        (175000, EventKind.TRANSIENT_EXPIRING), (181000, EventKind.TRANSIENT_FORCE_CANCELLED),
        (181000, EventKind.APP_KILLED)]
    killed = [e for e in emu.events if e.kind is EventKind.APP_KILLED][0]
    assert killed.reason == "terminated: transient task 1 timed out unhandled (device policy: terminate)"
    assert uploader.state is ProcessState.DEAD
    assert rid not in emu.transient.requests


def test_expiry_callback_argument(uploader, emu):
    got = []
    uploader.backgroundTaskManager.requestSuspendDelay("x", lambda info: got.append(info))
    uploader.to_background()
    emu.advance(174_000)
    assert got == [{"code": 0, "data": None}]


def test_the_app_cancels_in_its_callback_and_is_suspended_after_the_grace(emu, uploader):
    bt = uploader.backgroundTaskManager
    holder = {}
    holder["id"] = bt.requestSuspendDelay("x", lambda: bt.cancelSuspendDelay(holder["id"])).requestId
    uploader.to_background()
    emu.advance(174_000)
    assert uploader.state is ProcessState.BACKGROUND
    assert emu.events.latest().kind is EventKind.TRANSIENT_CANCELLED
    emu.advance(5_999)
    assert uploader.state is ProcessState.BACKGROUND
    emu.advance(1)
    assert uploader.state is ProcessState.SUSPENDED
    assert emu.events.latest().reason.startswith("suspended: in the background for 6000 ms holding no counting")
    assert EventKind.TRANSIENT_FORCE_CANCELLED not in [e.kind for e in emu.events]


def test_unhandled_timeout_policy_suspend(emu, uploader):
    emu.policy.unhandled_timeout = "suspend"
    uploader.backgroundTaskManager.requestSuspendDelay("x", noop)
    uploader.to_background()
    emu.advance(180_000)
    assert uploader.state is ProcessState.SUSPENDED
    assert emu.events.latest().reason == "suspended: transient task 1 timed out unhandled (device policy: suspend)"


def test_unhandled_timeout_policy_none_leaves_it_then_the_grace_suspends(emu, uploader):
    emu.policy.unhandled_timeout = "none"
    uploader.backgroundTaskManager.requestSuspendDelay("x", noop)
    uploader.to_background()
    emu.advance(180_000)
    assert uploader.state is ProcessState.BACKGROUND
    emu.advance(6_000)
    assert uploader.state is ProcessState.SUSPENDED


def test_the_watchdog_is_not_cancelled_by_coming_to_the_foreground(emu, uploader):
    uploader.backgroundTaskManager.requestSuspendDelay("x", noop)
    uploader.to_background()
    emu.advance(174_000)
    uploader.to_foreground()
    emu.advance(6_000)
    assert [e.time_ms for e in emu.events if e.kind is EventKind.TRANSIENT_FORCE_CANCELLED] == [180000]


def test_a_paused_task_re_arms_its_callback_at_remaining_minus_6s(emu, uploader):
    calls = []
    uploader.backgroundTaskManager.requestSuspendDelay("x", lambda: calls.append(emu.now_ms))
    uploader.to_background()
    emu.advance(100_000)
    uploader.to_foreground()
    emu.advance(100_000)
    uploader.to_background()
    emu.advance(100_000)
    assert calls == [274000]


def test_the_app_hears_the_callback_at_most_once(emu, uploader):
    calls = []
    uploader.backgroundTaskManager.requestSuspendDelay("x", lambda: calls.append(emu.now_ms))
    uploader.to_background()
    emu.advance(175_000)
    uploader.to_foreground()
    uploader.to_background()  # re-armed at max(0, 5 s - 6 s): the service calls OnExpired again at once
    emu.advance(10_000)
    assert calls == [174000]
    expiring = [e for e in emu.events if e.kind is EventKind.TRANSIENT_EXPIRING]
    assert [(e.time_ms, e.data.get("repeat", False)) for e in expiring] == [(174000, False), (175000, True)]
    assert [e.time_ms for e in emu.events if e.kind is EventKind.TRANSIENT_FORCE_CANCELLED] == [180000]


def test_restart_loses_transient_tasks_and_ids_start_again_at_1(emu, uploader):
    bt = uploader.backgroundTaskManager
    bt.requestSuspendDelay("a", noop)
    bt.requestSuspendDelay("b", noop)
    emu.restart_service()
    assert emu.transient.requests == {}
    lost = [e.reason for e in emu.events if e.kind is EventKind.TRANSIENT_REMOVED]
    assert lost == ["lost: the service restarted, and transient tasks are not persisted"] * 2
    assert bt.requestSuspendDelay("c", noop).requestId == 1


def test_an_exception_in_the_apps_callback_is_logged_and_crashes_the_app(emu, uploader):
    def broken():
        raise RuntimeError("boom")

    uploader.backgroundTaskManager.requestSuspendDelay("x", broken)
    uploader.to_background()
    emu.advance(200_000)
    errors = [e for e in emu.events if e.kind is EventKind.APP_CALLBACK_ERROR]
    assert [e.reason for e in errors] == ["the app's expiry callback of transient task 1 raised RuntimeError: boom"]
    killed = [(e.time_ms, e.reason) for e in emu.events if e.kind is EventKind.APP_KILLED]
    assert killed == [(174_000, "crashed: an uncaught RuntimeError in its expiry callback of transient task 1 "
                                "(device policy: uncaught_exception = crash)")]


def test_with_the_log_policy_the_app_lives_on_until_the_unhandled_timeout(emu, uploader):
    def broken():
        raise RuntimeError("boom")

    emu.policy.uncaught_exception = "log"
    uploader.backgroundTaskManager.requestSuspendDelay("x", broken)
    uploader.to_background()
    emu.advance(200_000)
    killed = [(e.time_ms, e.reason) for e in emu.events if e.kind is EventKind.APP_KILLED]
    assert killed == [(180_000, "terminated: transient task 1 timed out unhandled (device policy: terminate)")]
