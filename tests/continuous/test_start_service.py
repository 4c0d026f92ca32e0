"""The service's checks for startBackgroundRunning, in order (service-rules §2.3, §2.4)."""

import pytest

from emulator import BusinessError

from .conftest import install, kinds, last, make_agent

V = "BussinessError 9800005: Continuous Task verification failed. "
DENIED = "BussinessError 201: Permission denied."
NOT_READY = "BussinessError 9800004: System service operation failed. The system service is not ready."
NOT_SYSTEM = "BussinessError 202: System API verification failed. Only system application can apply."
KEEPING = V + "Current device can not request continuous tasks of the TASK_KEEPING type."


def start(app, modes, agent=None):
    return app.backgroundTaskManager.startBackgroundRunning(app.context, modes, agent or make_agent(app.bundle_name))


def refused(app, modes, agent=None) -> BusinessError:
    promise = start(app, modes, agent)
    err = promise.error()
    assert err is not None, "expected a refusal"
    return err


def test_atomic_service_only_audio_location_multi_device(emu):
    app = install(emu, "com.example.atomic", atomic_service=True,
                  modes=["audioPlayback", "location", "multiDeviceConnection", "dataTransfer"])
    err = refused(app, ["audioPlayback", "dataTransfer"])
    assert (err.code, err.message) == (201, DENIED)
    assert "atomic services" in last(emu, "continuous.refused").reason
    assert start(app, ["audioPlayback", "location", "multiDeviceConnection"]).result().continuousTaskId == 1


def test_atomic_check_comes_before_not_ready(emu):
    app = install(emu, "com.example.atomic", atomic_service=True)
    emu.service_ready = False
    assert refused(app, ["dataTransfer"]).message == DENIED
    assert refused(app, ["audioPlayback"]).message == NOT_READY


def test_not_ready_comes_before_permission(emu):
    app = install(emu, "com.example.noperm", permissions=())
    emu.service_ready = False
    err = refused(app, ["audioPlayback"])
    assert (err.code, err.message) == (9800004, NOT_READY)
    emu.service_ready = True
    err = refused(app, ["audioPlayback"])
    assert (err.code, err.message) == (201, DENIED)
    assert "ohos.permission.KEEP_BACKGROUND_RUNNING" in last(emu, "continuous.refused").reason


def test_one_task_per_uiability_and_the_id_is_used_up(emu, music):
    assert start(music, ["audioPlayback"]).result().continuousTaskId == 1
    err = refused(music, ["location"])
    assert (err.code, err.message) == (9800005, V + "The application has applied for a continuous task.")
    assert "id 2 was used up anyway" in last(emu, "continuous.refused").reason
    music.backgroundTaskManager.stopBackgroundRunning(music.context).result()
    assert start(music, ["location"]).result().continuousTaskId == 3


def test_undeclared_mode_refused_and_id_used_up(emu):
    app = install(emu, "com.example.nav", modes=["location"])
    err = refused(app, ["location", "audioPlayback"])
    assert (err.code, err.message) == (9800005, V + "The bgMode is invalid.")
    assert "audioPlayback is not declared" in last(emu, "continuous.refused").reason
    assert start(app, ["location"]).result().continuousTaskId == 2


def test_ability_without_background_modes_refuses_everything(emu):
    app = install(emu, "com.example.none", modes=[])
    assert refused(app, ["audioPlayback"]).message == V + "The bgMode is invalid."


def test_wifi_interaction_only_for_system_apps(emu):
    app = install(emu, "com.example.wifi", modes=["wifiInteraction"])
    err = refused(app, ["wifiInteraction"])
    assert (err.code, err.message) == (202, NOT_SYSTEM)
    system = install(emu, "com.example.syswifi", modes=["wifiInteraction"], system_app=True)
    assert start(system, ["wifiInteraction"]).result().continuousTaskId == 2


def test_modes_checked_in_order(emu):
    app = install(emu, "com.example.order", modes=["audioPlayback"])
    assert refused(app, ["wifiInteraction", "location"]).message == NOT_SYSTEM
    assert refused(app, ["location", "wifiInteraction"]).message == V + "The bgMode is invalid."


def test_task_keeping_needs_device_support(emu):
    app = install(emu, "com.example.keep", modes=["taskKeeping"])
    err = refused(app, ["taskKeeping"])
    assert (err.code, err.message) == (9800005, KEEPING)
    emu.device.device_type = "2in1"
    assert start(app, ["taskKeeping"]).result().continuousTaskId == 2


def test_task_keeping_with_acl_for_non_system_apps(emu):
    acl = ("ohos.permission.KEEP_BACKGROUND_RUNNING", "ohos.permission.KEEP_BACKGROUND_RUNNING_SYSTEM")
    app = install(emu, "com.example.acl", modes=["taskKeeping"], permissions=acl)
    assert start(app, ["taskKeeping"]).result().continuousTaskId == 1
    system = install(emu, "com.example.sysacl", modes=["taskKeeping"], permissions=acl, system_app=True)
    assert refused(system, ["taskKeeping"]).message == KEEPING


def test_task_keeping_with_the_special_scenario_acl(emu):
    """AllowUseTaskKeeping (CTM:757-776) takes either ACL of CheckSpecialScenarioACLPermission."""
    acl = ("ohos.permission.KEEP_BACKGROUND_RUNNING", "ohos.permission.KEEP_BACKGROUND_RUNNING_SPECIAL_SCENARIO")
    app = install(emu, "com.example.acl", modes=["taskKeeping"], permissions=acl)
    assert start(app, ["taskKeeping"]).result().continuousTaskId == 1
    system = install(emu, "com.example.sysacl", modes=["taskKeeping"], permissions=acl, system_app=True)
    assert refused(system, ["taskKeeping"]).message == KEEPING


def test_task_keeping_declared_check_still_applies(emu):
    emu.device.support_task_keeping = True
    app = install(emu, "com.example.keep", modes=["audioPlayback"])
    assert refused(app, ["taskKeeping"]).message == V + "The bgMode is invalid."


def test_ids_global_counters(emu, music):
    other = install(emu, "com.example.nav")
    assert start(music, ["audioPlayback"]).result().notificationId == 0
    note = start(other, ["location"]).result()
    assert (note.continuousTaskId, note.notificationId) == (2, 1)


def test_start_event(emu, music):
    start(music, ["audioPlayback", "location"])
    event = last(emu, "continuous.started")
    assert (event.app, event.subject) == ("com.example.music", 1)
    assert event.reason == ("started continuous task 1 for audioPlayback, location on EntryAbility #1, "
                            "notification 0")
    assert kinds(emu, "notification") == ["notification.published"]


def test_car_key_sub_mode(emu, music):
    agent = make_agent(extra={"subMode": 1})
    start(music, ["bluetoothInteraction"], agent).result()
    info = music.backgroundTaskManager.getAllContinuousTasks(music.context).result()[0]
    assert info.backgroundSubModes == ["CAR_KEY"]
    text = emu.snapshot().notifications[0].text
    assert text == "Automatic car key functions will not work if you close this card.\n"


@pytest.mark.parametrize("modes,value", [(["audioPlayback"], 1), (["bluetoothInteraction"], 2),
                                         (["bluetoothInteraction"], "1")])
def test_sub_mode_only_car_key_with_bluetooth(emu, music, modes, value):
    err = refused(music, modes, make_agent(extra={"subMode": value}))
    assert (err.code, err.message) == (9800006, "BussinessError 9800006: Inner error.")


def test_sub_mode_checked_before_the_id_is_taken(emu, music):
    refused(music, ["audioPlayback"], make_agent(extra={"subMode": 1}))
    assert start(music, ["audioPlayback"]).result().continuousTaskId == 1


def test_starting_from_the_background_is_allowed(emu, music):
    """v9/v12 API: no foreground requirement (service-rules §2.12)."""
    music.to_background()
    assert start(music, ["location"]).result().continuousTaskId == 1


def test_want_agent_target_recorded(emu, music):
    start(music, ["audioPlayback"], make_agent("com.example.music", "PlayerAbility"))
    task = emu.snapshot().continuous_tasks[0]
    assert (task.want_agent_bundle, task.want_agent_ability) == ("com.example.music", "PlayerAbility")
