"""System APIs: obtainAllContinuousTasks and (un)subscribeContinuousTaskState (service-rules §2.7, §2.11)."""

import pytest

from emulator import BusinessError
from emulator.kit import backgroundTaskManager as btm

from .conftest import KEEP, install, make_agent

INFO = "ohos.permission.GET_BACKGROUND_TASK_INFO"
DENIED = (201, "BussinessError 201: Permission denied.")
NOT_SYSTEM = (202, "BussinessError 202: System API verification failed. Only system application can apply.")


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
        wantAgentAbilityName="EntryAbility", suspendState=False)


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
    monitor.backgroundTaskManager.subscribeContinuousTaskState({"onContinuousTaskStart": heard.append})
    start(music, ["audioPlayback"])
    assert [i.continuousTaskId for i in heard] == [1]


def test_subscribe_state_checks(emu):
    sub = btm.BackgroundTaskSubscriber()
    nokeep = install(emu, "com.example.a", system_app=True, permissions=(INFO,))
    with pytest.raises(BusinessError) as info:
        nokeep.backgroundTaskManager.subscribeContinuousTaskState(sub)
    assert code_message(info.value) == DENIED  # every app subscriber needs KEEP_BACKGROUND_RUNNING first
    normal = install(emu, "com.example.b", permissions=(KEEP, INFO))
    with pytest.raises(BusinessError) as info:
        normal.backgroundTaskManager.subscribeContinuousTaskState(sub)
    assert code_message(info.value) == NOT_SYSTEM
    noinfo = install(emu, "com.example.c", system_app=True, permissions=(KEEP,))
    with pytest.raises(BusinessError) as info:
        noinfo.backgroundTaskManager.subscribeContinuousTaskState(sub)
    assert code_message(info.value) == DENIED


@pytest.mark.parametrize("args", [(), (1,), ("x",), ([],), (None,), (btm.BackgroundTaskSubscriber(), 1)])
def test_subscribe_state_argument(monitor, args):
    with pytest.raises(BusinessError) as info:
        monitor.backgroundTaskManager.subscribeContinuousTaskState(*args)
    assert code_message(info.value) == (401, "BussinessError 401: Parameter error. The input param is invalid.")


def test_unsubscribe_without_subscription(monitor):
    with pytest.raises(BusinessError) as info:
        monitor.backgroundTaskManager.unsubscribeContinuousTaskState(btm.BackgroundTaskSubscriber())
    assert info.value.code == 401
