"""System APIs: obtainAllContinuousTasks and (un)subscribeContinuousTaskState, as at HEAD e75584cd
(service-head-delta §5, §9)."""

import pytest

from emulator import BusinessError
from emulator.kit import backgroundTaskManager as btm

from .conftest import KEEP, install, make_agent

INFO = "ohos.permission.GET_BACKGROUND_TASK_INFO"
DENIED = (201, "BussinessError 201: Permission denied.")
NOT_SYSTEM = (202, "BussinessError 202: System API verification failed. Only system application can apply.")
NUMBER = (401, "BussinessError 401: Parameter error. The number of arguments is wrong.")
CALLBACK = (9800005, "BussinessError 9800005: Continuous Task verification failed. The callback cannot be null and "
            "its type must be function.")


def noop(info):
    pass


def subscriber_of(heard=None):
    record = (lambda what: (lambda info: heard.append((what, info)))) if heard is not None else (lambda what: noop)
    return btm.BackgroundTaskSubscriber(onContinuousTaskStart=record("start"), onContinuousTaskUpdate=record("update"),
                                        onContinuousTaskStop=record("stop"))


def start(app, modes):
    return app.backgroundTaskManager.startBackgroundRunning(app.context, modes, make_agent()).result()


def code_message(err: BusinessError) -> tuple[int, str]:
    return err.code, err.message


@pytest.fixture
def monitor(emu):
    return install(emu, "com.example.monitor", system_app=True, permissions=(KEEP, INFO), modes=[])


def test_obtain_all_lists_every_app(emu, music, monitor):
    other = install(emu, "com.example.nav")
    start(music, ["audioPlayback"])
    start(other, ["location"])
    tasks = monitor.backgroundTaskManager.obtainAllContinuousTasks().result()
    assert [(t.uid, t.continuousTaskId, t.backgroundModes) for t in tasks] == [
        (music.uid, 1, ["audioPlayback"]), (other.uid, 2, ["location"])]
    assert tasks[0] == btm.ContinuousTaskInfo(
        abilityName="EntryAbility", uid=music.uid, pid=music.pid, isFromWebView=False,
        backgroundModes=["audioPlayback"], backgroundSubModes=[], notificationId=0, continuousTaskId=1,
        abilityId=music.context.abilityId, wantAgentBundleName="com.example.music",
        wantAgentAbilityName="EntryAbility", suspendState=False, bundleName="com.example.music", appIndex=0)


def test_obtain_all_leaves_out_suspended_tasks(emu, music, monitor):
    """CTM:4261-4273 at HEAD e75584cd asks GetAllContinuousTasksInner without the suspended ones."""
    music.backgroundTaskManager.on("continuousTaskSuspend", noop)
    start(music, ["location"])
    other = install(emu, "com.example.nav")
    start(other, ["location"])
    emu.system.suspend_continuous_task(1)
    tasks = monitor.backgroundTaskManager.obtainAllContinuousTasks().result()
    assert [(t.bundleName, t.continuousTaskId, t.suspendState) for t in tasks] == [("com.example.nav", 2, False)]


def test_obtain_all_checks_in_order(emu):
    atomic = install(emu, "com.example.atomic", atomic_service=True, system_app=True, permissions=(INFO,))
    assert code_message(atomic.backgroundTaskManager.obtainAllContinuousTasks().error()) == DENIED
    noperm = install(emu, "com.example.sys", system_app=True, permissions=())
    assert code_message(noperm.backgroundTaskManager.obtainAllContinuousTasks().error()) == DENIED
    normal = install(emu, "com.example.normal", permissions=(INFO,))
    assert code_message(normal.backgroundTaskManager.obtainAllContinuousTasks().error()) == NOT_SYSTEM
    ok = install(emu, "com.example.ok", system_app=True, permissions=(INFO,))
    emu.service_ready = False
    assert code_message(ok.backgroundTaskManager.obtainAllContinuousTasks().error()) == (
        9800004, "BussinessError 9800004: System service operation failed. The system service is not ready.")


def test_state_subscriber_hears_every_app(emu, music, monitor):
    heard = []
    subscriber = btm.BackgroundTaskSubscriber(
        onContinuousTaskStart=lambda info: heard.append(("start", info.continuousTaskId)),
        onContinuousTaskUpdate=lambda info: heard.append(("update", info.continuousTaskId)),
        onContinuousTaskStop=lambda info: heard.append(("stop", info.continuousTaskId)))
    monitor.backgroundTaskManager.subscribeContinuousTaskState(subscriber)
    music.backgroundTaskManager.on("continuousTaskSuspend", print)
    start(music, ["audioPlayback"])
    music.backgroundTaskManager.updateBackgroundRunning(music.context, ["location"]).result()
    emu.system.suspend_continuous_task(1)
    music.to_background()
    music.to_foreground()
    music.backgroundTaskManager.stopBackgroundRunning(music.context).result()
    assert heard == [("start", 1), ("update", 1), ("stop", 1), ("start", 1), ("stop", 1)]
    monitor.backgroundTaskManager.unsubscribeContinuousTaskState(subscriber)
    start(music, ["audioPlayback"])
    assert heard[-1] == ("stop", 1)


def test_state_subscriber_may_be_a_dict(emu, music, monitor):
    heard = []
    monitor.backgroundTaskManager.subscribeContinuousTaskState(
        {"onContinuousTaskStart": heard.append, "onContinuousTaskUpdate": noop, "onContinuousTaskStop": noop})
    start(music, ["audioPlayback"])
    assert [(i.continuousTaskId, i.bundleName, i.appIndex) for i in heard] == [(1, "com.example.music", 0)]


def test_state_subscriber_hears_the_suspend_state_and_the_owner_both_callbacks(emu, monitor):
    """A suspension: a subscriber with the state flag hears onContinuousTaskStop (with suspendState true, COMMON:1001)
    and, in the same process, its cancel callbacks too (JSSUB:306-343); the owner then hears continuousTaskSuspend."""
    heard, cancels, suspends = [], [], []
    bt = monitor.backgroundTaskManager
    bt.subscribeContinuousTaskState(subscriber_of(heard))
    bt.on("continuousTaskCancel", cancels.append)
    bt.on("continuousTaskSuspend", suspends.append)
    nav = install(emu, "com.example.nav")
    nav.backgroundTaskManager.on("continuousTaskSuspend", noop)
    start(nav, ["location"])
    emu.system.suspend_continuous_task(1)
    assert [(w, i.continuousTaskId, i.suspendState) for w, i in heard] == [("start", 1, False), ("stop", 1, True)]
    assert [(c.reason, c.id, c.detailedReason) for c in cancels] == [(0, 1, 0)]  # another app's suspended task
    assert suspends == []
    nav.backgroundTaskManager.stopBackgroundRunning(nav.context).result()
    assert [(c.reason, c.id) for c in cancels] == [(0, 1), (0, 1)]  # the stop of another app's task, reason 0
    assert [w for w, _ in heard] == ["start", "stop", "stop"]


def test_subscribe_state_checks(emu):
    sub = subscriber_of()
    nokeep = install(emu, "com.example.a", system_app=True, permissions=(INFO,))
    nokeep.backgroundTaskManager.subscribeContinuousTaskState(sub)  # the state flag needs no KEEP (SVC:161-173)
    assert emu.continuous.listeners.by_pid[nokeep.pid].service_flags == 8
    atomic = install(emu, "com.example.d", system_app=True, atomic_service=True, permissions=(INFO,))
    with pytest.raises(BusinessError) as info:
        atomic.backgroundTaskManager.subscribeContinuousTaskState(sub)
    assert code_message(info.value) == DENIED
    normal = install(emu, "com.example.b", permissions=(KEEP, INFO))
    with pytest.raises(BusinessError) as info:
        normal.backgroundTaskManager.subscribeContinuousTaskState(sub)
    assert code_message(info.value) == NOT_SYSTEM
    noinfo = install(emu, "com.example.c", system_app=True, permissions=(KEEP,))
    with pytest.raises(BusinessError) as info:
        noinfo.backgroundTaskManager.subscribeContinuousTaskState(sub)
    assert code_message(info.value) == DENIED
    with pytest.raises(BusinessError) as info:
        nokeep.backgroundTaskManager.on("continuousTaskCancel", noop)  # other flags still need it
    assert code_message(info.value) == DENIED


@pytest.mark.parametrize("args", [(), (subscriber_of(), 1)])
def test_subscribe_state_argument_count(monitor, args):
    for fn in (monitor.backgroundTaskManager.subscribeContinuousTaskState,
               monitor.backgroundTaskManager.unsubscribeContinuousTaskState):
        with pytest.raises(BusinessError) as info:
            fn(*args)
        assert code_message(info.value) == NUMBER


@pytest.mark.parametrize("arg", [1, "x", [], None, btm.BackgroundTaskSubscriber(),
                                 {"onContinuousTaskStart": noop, "onContinuousTaskUpdate": noop},
                                 {"onContinuousTaskStart": noop, "onContinuousTaskUpdate": noop,
                                  "onContinuousTaskStop": 1}])
def test_subscribe_state_needs_the_three_functions(monitor, arg):
    for fn in (monitor.backgroundTaskManager.subscribeContinuousTaskState,
               monitor.backgroundTaskManager.unsubscribeContinuousTaskState):
        with pytest.raises(BusinessError) as info:
            fn(arg)
        assert code_message(info.value) == CALLBACK


def test_unsubscribe_without_subscription_is_silent(monitor):
    assert monitor.backgroundTaskManager.unsubscribeContinuousTaskState(subscriber_of()) is None


def test_unsubscribe_state_keeps_the_other_flags(emu, monitor):
    bt = monitor.backgroundTaskManager
    sub = subscriber_of()
    bt.subscribeContinuousTaskState(sub)
    bt.on("continuousTaskCancel", noop)
    bt.unsubscribeContinuousTaskState(sub)
    assert emu.continuous.listeners.by_pid[monitor.pid].service_flags == 1
