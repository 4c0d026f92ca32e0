"""Issue 16, points 1, 2 and 4: a dead process starts nothing; one app's code never breaks another's call;
listeners that answer each other loop in virtual time."""

from __future__ import annotations

import pytest

from emulator import BusinessError, Emulator, EventKind
from emulator.kit import backgroundTaskManager as btm

from .conftest import install, make_agent

INFO = "ohos.permission.GET_BACKGROUND_TASK_INFO"
KEEP = "ohos.permission.KEEP_BACKGROUND_RUNNING"


def request(task_id: int = -1):
    return btm.ContinuousTaskRequest([2], [2], make_agent(), False, task_id)


def system_app(emu: Emulator, bundle: str):
    return install(emu, bundle, system_app=True, permissions=(KEEP, INFO))


def test_a_dead_process_starts_nothing_by_request_object(emu, music):
    ctx = music.context
    music.kill()
    note = music.backgroundTaskManager.startBackgroundRunning(ctx, request()).result()
    assert (note.notificationId, note.continuousTaskId) == (0, 1)  # the service answered the raced call
    assert emu.continuous.by_id == {} and len(emu.continuous.drawer) == 0
    ended = [e for e in emu.events if e.kind is EventKind.CONTINUOUS_CANCELLED]
    assert [e.reason for e in ended] == [
        "continuous task 1 ended: its caller's process was already dead when startBackgroundRunning arrived, so "
        "the app-death handler (OnAppStopped) removes it (reason 3, detailed reason 0)"]
    music.to_foreground()
    emu.restart_service()
    assert emu.continuous.by_id == {} and len(emu.continuous.drawer) == 0
    assert emu.holds(music) == []


def test_a_dead_process_passing_another_apps_live_context_keeps_nothing(emu, music):
    video = install(emu, "com.example.video")
    music.kill()
    music.backgroundTaskManager.startBackgroundRunning(video.context, request()).result()
    assert emu.continuous.by_id == {}
    assert emu.holds(video) == [] and emu.holds(music) == []


def test_the_api9_form_of_a_dead_process_answers_401_token(emu, music, agent):
    ctx = music.context
    music.kill()
    with pytest.raises(BusinessError) as err:
        music.backgroundTaskManager.startBackgroundRunning(ctx, btm.BackgroundMode.AUDIO_PLAYBACK, agent)
    assert (err.value.code, err.value.message) == (
        401, "BussinessError 401: Parameter error. The token of context cannot be null.")


def test_a_dead_process_updating_and_stopping_by_request_changes_nothing_it_should_not(emu, music):
    video = install(emu, "com.example.video")
    started = video.backgroundTaskManager.startBackgroundRunning(video.context, request()).result()
    music.kill()
    bt = music.backgroundTaskManager
    bt.updateBackgroundRunning(video.context, request(started.continuousTaskId)).result()  # by id: no caller check
    assert [r.pid for r in emu.continuous.by_id.values()] == [video.pid]  # Video's task stays Video's
    bt.stopBackgroundRunning(video.context, started.continuousTaskId).result()  # stop by id checks no caller
    assert emu.continuous.by_id == {}


def test_a_relaunched_app_with_its_old_context_owns_a_live_task(emu, music):
    old = music.context
    music.kill()
    music.to_foreground()
    note = music.backgroundTaskManager.startBackgroundRunning(old, request()).result()
    rec = emu.continuous.by_id[note.continuousTaskId]
    assert (rec.pid, rec.ability_id) == (music.pid, old.abilityId)  # the live caller's pid, the old ability
    music.kill()
    assert emu.continuous.by_id == {}


def test_a_dead_apps_subscriber_hears_nothing(emu, music):
    heard = []
    music.kill()
    music.backgroundTaskManager.on("continuousTaskCancel", heard.append)
    video = install(emu, "com.example.video")
    video.backgroundTaskManager.startBackgroundRunning(video.context, request()).result()
    assert emu.continuous.listeners.types_for(music.uid) == ()
    assert heard == []


# -- point 2: app code is contained ------------------------------------------------------------------
class Raising:
    """Its members read as functions when it subscribes; afterwards reading any of them raises."""
    armed = False

    def __getattr__(self, name):
        if not Raising.armed and name.startswith("onContinuousTask"):
            return lambda info: None
        raise RuntimeError(f"no {name} here")


def subscribe_raising(app) -> None:
    Raising.armed = False
    app.backgroundTaskManager.subscribeContinuousTaskState(Raising())
    Raising.armed = True


def test_a_subscriber_whose_attributes_raise_breaks_no_other_apps_call(emu, music):
    launcher = system_app(emu, "com.example.launcher")
    subscribe_raising(launcher)
    note = music.backgroundTaskManager.startBackgroundRunning(music.context, request()).result()
    music.backgroundTaskManager.stopBackgroundRunning(music.context, note.continuousTaskId).result()
    errors = [(e.app, e.reason) for e in emu.events if e.kind is EventKind.APP_CALLBACK_ERROR]
    assert errors == [("com.example.launcher", f"the app's subscribeContinuousTaskState {m} raised RuntimeError: "
                                               f"no {m} here") for m in ("onContinuousTaskStart", "onContinuousTaskStop")]
    emu.advance(0)  # the crash comes after the call that ran the code
    assert not launcher.alive and music.alive
    killed = [e.reason for e in emu.events if e.kind is EventKind.APP_KILLED]
    assert killed == ["crashed: an uncaught RuntimeError in its subscribeContinuousTaskState onContinuousTaskStart "
                      "(device policy: uncaught_exception = crash)"]  # once: the second crash finds it dead


def test_the_users_swipe_completes_whatever_a_listener_raises(emu, music):
    emu.policy.uncaught_exception = "log"
    launcher = system_app(emu, "com.example.launcher")
    subscribe_raising(launcher)

    class BadStr(Exception):
        def __str__(self):
            raise ValueError("no text")

    def cancel(info):
        raise BadStr()
    music.backgroundTaskManager.on("continuousTaskCancel", cancel)
    note = music.backgroundTaskManager.startBackgroundRunning(music.context, request()).result()
    emu.user.remove_notification(note.notificationId)
    assert emu.continuous.by_id == {}
    errors = [e.reason for e in emu.events if e.kind is EventKind.APP_CALLBACK_ERROR]
    assert "the app's on('continuousTaskCancel') callback raised BadStr: <its message could not be read>" in errors
    emu.advance(1)
    assert launcher.alive and music.alive


def test_keyboard_interrupt_in_app_code_propagates(emu, music):
    def stop(_info):
        raise KeyboardInterrupt
    music.backgroundTaskManager.on("continuousTaskCancel", stop)
    note = music.backgroundTaskManager.startBackgroundRunning(music.context, request()).result()
    with pytest.raises(KeyboardInterrupt):
        emu.user.remove_notification(note.notificationId)


# -- point 4: asynchronous delivery ------------------------------------------------------------------
def test_ping_ponging_subscribers_advance_in_virtual_time(emu, music):
    a, b = system_app(emu, "com.example.a"), system_app(emu, "com.example.b")
    starts: list[int] = []
    stops: list[int] = []

    class Listener:
        def onContinuousTaskStart(self, info): pass
        def onContinuousTaskUpdate(self, info): pass
        def onContinuousTaskStop(self, info): pass

    class Restarter(Listener):  # a: whatever stops, Music's task starts again
        def onContinuousTaskStop(self, info):
            stops.append(emu.now_ms)
            music.backgroundTaskManager.startBackgroundRunning(music.context, request())

    class Stopper(Listener):  # b: whatever starts, it stops again
        def onContinuousTaskStart(self, info):
            starts.append(emu.now_ms)
            music.backgroundTaskManager.stopBackgroundRunning(music.context, info.continuousTaskId)

    a.backgroundTaskManager.subscribeContinuousTaskState(Restarter())
    b.backgroundTaskManager.subscribeContinuousTaskState(Stopper())
    music.backgroundTaskManager.startBackgroundRunning(music.context, request()).result()  # returns
    assert starts == [0] and stops == []
    emu.advance(10)
    assert starts == [0, 2, 4, 6, 8, 10] and stops == [1, 3, 5, 7, 9]
    b.kill()  # the user can stop it: kill one of them
    emu.advance(100)
    assert starts[-1] == 10 and stops[-1] <= 11
    assert emu.next_event_ms is None or emu.next_event_ms > emu.now_ms
