"""Special-scenario authorisation (API 22-26): isModeSupported, requestAuthFromUser(ByDialog),
checkSpecialScenarioAuth(Result), set/getBackgroundTaskState, and the fake user's answer
(service-head-delta §12; bg_continuous_task_mgr.cpp, request_auth_from_user.cpp at HEAD e75584cd)."""

from __future__ import annotations

import pytest

from emulator import BusinessError, Emulator
from emulator.kit import backgroundTaskManager as btm

from .conftest import KEEP

V = "BussinessError 9800005: Continuous Task verification failed. "
E201 = "BussinessError 201: Permission denied."
E202 = "BussinessError 202: System API verification failed. Only system application can apply."
E401N = "BussinessError 401: Parameter error. The number of arguments is wrong."
E401C = "BussinessError 401: Parameter error. The context cannot be null and its type must be Context."
ACL = "ohos.permission.KEEP_BACKGROUND_RUNNING_SPECIAL_SCENARIO"
STATE = "ohos.permission.SET_BACKGROUND_TASK_STATE"
M, S, R = btm.BackgroundTaskMode, btm.BackgroundTaskSubmode, btm.UserAuthResult
SPECIAL = ([M.MODE_SPECIAL_SCENARIO_PROCESSING], [S.SUBMODE_MEDIA_PROCESS_NORMAL_NOTIFICATION])


@pytest.fixture
def media(emu: Emulator):
    return emu.install_app("com.example.media", label="Media", permissions=[KEEP, ACL],
                           abilities={"EntryAbility": ["audioPlayback"], "EditAbility": ["specialScenarioProcessing"]})


@pytest.fixture
def settings(emu: Emulator):
    return emu.install_app("com.example.settings", system_app=True, permissions=[STATE])


def request(app, modes=SPECIAL[0], subs=SPECIAL[1]):
    return app.backgroundTaskManager.ContinuousTaskRequest(list(modes), list(subs))


def thrown(fn, *args) -> tuple[int, str]:
    with pytest.raises(BusinessError) as info:
        fn(*args)
    return info.value.code, info.value.message


def rejected(promise) -> tuple[int, str]:
    err = promise.error()
    assert isinstance(err, BusinessError)
    return err.code, err.message


# -- the module exposes its classes --------------------------------------------------------------------
def test_the_bound_module_has_the_request_class_bound_to_the_app(media):
    bt = media.backgroundTaskManager
    req = bt.ContinuousTaskRequest()
    assert isinstance(req, btm.ContinuousTaskRequest) and type(req)._app is media
    assert bt.ContinuousTaskRequest is bt.ContinuousTaskRequest and bt.UserAuthResult is R
    assert (req.backgroundTaskModes, req.continuousTaskId, req.progressInfo) == ([], -1, None)


def test_a_plain_request_needs_an_app_for_is_mode_supported():
    with pytest.raises(TypeError, match=r"^ContinuousTaskRequest.isModeSupported\(\) runs in an app's process"):
        btm.ContinuousTaskRequest([2], [2]).isModeSupported()


# -- isModeSupported -----------------------------------------------------------------------------------
def test_is_mode_supported_native_checks(media):
    req = request(media)
    assert req.isModeSupported() is True
    assert request(media, [2], [2]).isModeSupported() is True  # declared modes are not checked
    assert media.backgroundTaskManager.ContinuousTaskRequest(["x"], []).isModeSupported() is None  # not numbers: null
    assert thrown(request(media, [], []).isModeSupported) == (
        9800005, V + "The backgroundTaskModes or backgroundTaskSubmodes cannot be empty.")
    assert thrown(request(media, [13, 13], [9, 9]).isModeSupported) == (
        9800005, V + "Special scenario processing only allowed one application.")
    assert thrown(request(media, [13, 2], [9, 2]).isModeSupported) == (
        9800005, V + "Special scenario processing cannot coexist with other continuous task.")


def test_is_mode_supported_service_order(emu):
    plain = emu.install_app("com.p", permissions=[KEEP])
    atomic = emu.install_app("com.a", atomic_service=True, permissions=[KEEP, ACL])
    bare = emu.install_app("com.b")
    system = emu.install_app("com.s", system_app=True, permissions=[KEEP, ACL])
    assert thrown(request(atomic).isModeSupported) == (201, E201)
    assert thrown(request(bare).isModeSupported) == (201, E201)
    assert thrown(request(plain).isModeSupported) == (9800005, V + "App has no ACL permission.")
    assert thrown(request(system).isModeSupported) == (9800005, V + "System app not support ACL permission.")
    emu.service_ready = False
    assert thrown(request(plain, [2], [2]).isModeSupported) == (
        9800004, "BussinessError 9800004: System service operation failed. The system service is not ready.")
    emu.service_ready = True
    assert thrown(request(plain, [9], [2]).isModeSupported) == (9800005, V + "App has no ACL permission.")
    assert thrown(request(system, [9], [2]).isModeSupported)[1] == (
        V + "Current device can not request continuous tasks of the TASK_KEEPING type.")
    emu.device.device_type = "2in1"
    assert request(plain, [9], [2]).isModeSupported() is True
    emu.device.device_type = "wearable"
    media = emu.install_app("com.m", permissions=[KEEP, ACL])
    assert thrown(request(media).isModeSupported) == (9800005, V + "The background task mode: "
                                                      "MODE_SPECIAL_SCENARIO_PROCESSING type do not support current "
                                                      "device.")


# -- requestAuthFromUser (API 22): a banner ------------------------------------------------------------
def test_banner_request_answered_allow_once(emu, media):
    got = []
    req = request(media)
    assert req.requestAuthFromUser(media.context, got.append) == 0
    (note,) = emu.snapshot().notifications
    assert (note.notification_id, note.label, note.title, note.text, note.buttons) == (
        0, "bgbanner_100_0_com.example.media", "Media", "Allow Media to run in the background?",
        ("Allow this time only", "Always allow"))
    assert req.checkSpecialScenarioAuth(media.context).result() == R.NOT_DETERMINED
    assert thrown(req.requestAuthFromUser, media.context, got.append) == (
        9800005, V + "Current application has banner notification or authorized.")
    emu.advance(5000)
    assert got == [] and len(emu.snapshot().notifications) == 1  # "no_answer": the banner stays
    emu.device.auth_dialog_answer = "allow_once"
    emu.advance(999)
    assert got == []
    emu.advance(1)
    assert got == [R.GRANTED_ONCE] and emu.snapshot().notifications == ()
    assert req.checkSpecialScenarioAuth(media.context).result() == R.GRANTED_ONCE
    # asking again with a granted record: the new callback gets the answer after the call, and it returns 0
    again = []
    assert req.requestAuthFromUser(media.context, again.append) == 0
    assert again == []
    emu.advance(0)
    assert again == [R.GRANTED_ONCE]
    # GRANTED_ONCE lasts until the app's process stops
    media.kill()
    media.to_foreground()
    assert rejected(request(media).checkSpecialScenarioAuth(media.context)) == (
        9800005, V + "Current application not apply auth record.")


def test_banner_deny_means_the_user_swipes_it_away(emu, media):
    emu.device.auth_dialog_answer = "deny"
    got = []
    request(media).requestAuthFromUser(media.context, got.append)
    emu.advance(1000)
    assert got == [] and emu.snapshot().notifications == ()
    assert rejected(request(media).checkSpecialScenarioAuth(media.context))[1].endswith("not apply auth record.")
    assert request(media).checkSpecialScenarioAuthResult(media.context).result() == R.NOT_DETERMINED


def test_removing_the_banner_by_hand_drops_the_request(emu, media):
    request(media).requestAuthFromUser(media.context, lambda r: None)
    emu.user.remove_notification(0)
    assert emu.snapshot().notifications == ()
    assert request(media).requestAuthFromUser(media.context, lambda r: None) == 0  # a new banner, id 1
    assert [n.notification_id for n in emu.snapshot().notifications] == [1]


def test_request_auth_argument_checks_in_order(emu, media):
    bt = media.backgroundTaskManager
    assert thrown(bt.ContinuousTaskRequest([], []).requestAuthFromUser, media.context) == (
        9800005, V + "The backgroundTaskModes or backgroundTaskSubmodes cannot be empty.")
    assert thrown(request(media, [2], [2]).requestAuthFromUser, media.context, print) == (
        9800005, V + "The background task mode: MODE_SPECIAL_SCENARIO_PROCESSING type is empty.")
    assert thrown(request(media, [13], [2]).requestAuthFromUser, media.context, print) == (
        9800005, V + "The sequence of backgroundTaskModes does not match the backgroundTaskSubmodes.")
    assert thrown(request(media, [13], ["x"]).requestAuthFromUser, media.context, print) == (
        9800005, V + "The continuousRequestInfo cannot be null and its type must be continuousRequestInfo object.")
    assert thrown(request(media).requestAuthFromUser, media.context) == (401, E401N)
    assert thrown(request(media).requestAuthFromUser, "ctx", print) == (401, E401C)
    assert emu.snapshot().notifications == ()


def test_a_callback_that_is_not_a_function_crashes_the_app(emu, media):
    assert request(media).requestAuthFromUser(media.context, 42) is None
    assert media.state.value == "dead"
    assert "a null callback was dereferenced" in [e for e in emu.events if e.kind.value == "app.killed"][-1].reason


def test_request_auth_service_checks(emu):
    atomic = emu.install_app("com.a", atomic_service=True, permissions=[KEEP, ACL])
    bare = emu.install_app("com.b", permissions=[ACL])
    plain = emu.install_app("com.p", permissions=[KEEP])
    system = emu.install_app("com.s", system_app=True, permissions=[KEEP, ACL])
    for app, expected in ((atomic, (201, E201)), (bare, (201, E201)),
                          (plain, (9800005, V + "App has no ACL permission.")),
                          (system, (9800005, V + "System app not support ACL permission."))):
        assert thrown(request(app).requestAuthFromUser, app.context, print) == expected
        assert rejected(request(app).checkSpecialScenarioAuth(app.context)) == expected


# -- requestAuthFromUserByDialog (API 26) ---------------------------------------------------------------
@pytest.mark.parametrize("answer, result", [("allow_once", R.GRANTED_ONCE), ("always_allow", R.GRANTED_ALWAYS),
                                            ("deny", R.DENIED)])
def test_dialog_request_gets_the_users_answer(emu, media, answer, result):
    emu.device.auth_dialog_answer = answer
    got = []
    req = request(media)
    assert req.requestAuthFromUserByDialog(media.context, got.append) == 0
    assert emu.snapshot().notifications == ()  # a dialog, not a banner
    emu.advance(1000)
    assert got == [result]
    assert req.checkSpecialScenarioAuthResult(media.context).result() == result
    later = []
    if result == R.DENIED:  # the dialog form hands a denial straight back; the banner form refuses
        req.requestAuthFromUserByDialog(media.context, later.append)
        emu.advance(0)
        assert later == [R.DENIED]
        assert thrown(req.requestAuthFromUser, media.context, print)[1].endswith(
            "Current application has banner notification or authorized.")


def test_dialog_needs_an_ability_declaring_the_mode(emu):
    app = emu.install_app("com.nodecl", permissions=[KEEP, ACL], background_modes=["audioPlayback"])
    assert thrown(request(app).requestAuthFromUserByDialog, app.context, print) == (
        9800005, V + "The application not deploy backgroundMode: MODE_SPECIAL_SCENARIO_PROCESSING.")
    assert request(app).checkSpecialScenarioAuthResult(app.context).result() == R.NOT_SUPPORTED
    assert rejected(request(app).checkSpecialScenarioAuth(app.context))[1].endswith("not apply auth record.")


def test_records_survive_a_service_restart_but_waiting_callbacks_do_not(emu, media):
    got = []
    request(media).requestAuthFromUserByDialog(media.context, got.append)
    emu.restart_service()
    emu.device.auth_dialog_answer = "always_allow"
    emu.advance(1000)
    assert got == []  # the restarted service no longer knows the dialog
    assert request(media).checkSpecialScenarioAuthResult(media.context).result() == R.NOT_DETERMINED
    assert (emu.state_dir / "auth_record").exists()


def test_check_argument_checks(media):
    req = request(media)
    assert thrown(req.checkSpecialScenarioAuth) == (401, E401N)
    assert thrown(req.checkSpecialScenarioAuthResult, media.context, 1) == (401, E401N)
    assert thrown(req.checkSpecialScenarioAuth, None) == (401, E401C)


# -- setBackgroundTaskState / getBackgroundTaskState (system API 22) ------------------------------------
def test_set_and_get_background_task_state(emu, media, settings):
    bt = settings.backgroundTaskManager
    info = {"userId": 100, "bundleName": "com.example.media", "appIndex": 0}
    assert bt.getBackgroundTaskState(info) == R.NOT_DETERMINED  # ACL, not system, declares the mode
    assert bt.getBackgroundTaskState({**info, "bundleName": "com.example.settings"}) == R.NOT_SUPPORTED
    assert bt.getBackgroundTaskState({**info, "userId": 101}) == R.NOT_SUPPORTED  # not installed for that user
    assert bt.setBackgroundTaskState(btm.BackgroundTaskStateInfo(100, "com.example.media", 0, R.GRANTED_ALWAYS)) \
        is None
    assert bt.getBackgroundTaskState(info) == R.GRANTED_ALWAYS
    assert request(media).checkSpecialScenarioAuth(media.context).result() == R.GRANTED_ALWAYS
    got = []
    request(media).requestAuthFromUser(media.context, got.append)
    emu.advance(0)
    assert got == [R.GRANTED_ALWAYS]


@pytest.mark.parametrize("args, expected", [
    ((), (401, E401N)),
    (({}, {}), (401, E401N)),
    ((None,), (401, E401N)),
    (("x",), (401, E401N)),
    (({"userId": -1, "bundleName": "b", "appIndex": 0, "authResult": 1},),
     (9800005, V + "The background task state param is invalid.")),
    (({"userId": 100, "bundleName": "", "appIndex": 0, "authResult": 1},),
     (9800005, V + "The background task state param is invalid.")),
    (({"userId": 100, "bundleName": "b", "appIndex": "0", "authResult": 1},),
     (9800005, V + "The background task state param is invalid.")),
    (({"userId": 100, "bundleName": "b", "appIndex": 0, "authResult": 5},),
     (9800005, V + "The background task state param is invalid.")),
    (({"userId": 100, "bundleName": "b", "appIndex": 0},),
     (9800005, V + "The background task state param is invalid.")),
])
def test_set_state_argument_checks(settings, args, expected):
    assert thrown(settings.backgroundTaskManager.setBackgroundTaskState, *args) == expected


def test_state_service_checks_in_order(emu):
    info = {"userId": 100, "bundleName": "b", "appIndex": 0, "authResult": 2}
    atomic = emu.install_app("com.a", atomic_service=True, system_app=True, permissions=[STATE])
    nostate = emu.install_app("com.n", system_app=True)
    normal = emu.install_app("com.u", permissions=[STATE])
    system = emu.install_app("com.s", system_app=True, permissions=[STATE])
    for app, expected in ((atomic, (201, E201)), (nostate, (201, E201)), (normal, (202, E202))):
        assert thrown(app.backgroundTaskManager.setBackgroundTaskState, info) == expected
        assert thrown(app.backgroundTaskManager.getBackgroundTaskState, info) == expected
    emu.service_ready = False
    assert thrown(system.backgroundTaskManager.getBackgroundTaskState, info)[0] == 9800004


def test_the_answer_is_a_device_setting_in_scenarios_and_recordings(emu):
    from emulator.scenario import ScenarioRun, load_text
    from emulator.scenario.record import SessionRecorder

    run = ScenarioRun(load_text('[device]\nauth_dialog_answer = "deny"\n\n[[steps]]\nat = "1s"\n'
                                'do = "device.auth_dialog_answer"\nargs = ["always_allow"]\n'))
    run.start()
    assert run.emu.device.auth_dialog_answer == "deny"
    run.run()
    assert run.emu.device.auth_dialog_answer == "always_allow"
    emu.device.auth_dialog_answer = "allow_once"
    assert ("auth_dialog_answer", "allow_once") in emu.snapshot().overrides
    assert '[device]\nauth_dialog_answer = "allow_once"' in SessionRecorder(emu).to_toml()
    with pytest.raises(ValueError, match="^auth_dialog_answer must be one of allow_once, always_allow, deny, "
                                         "no_answer, not 'yes'$"):
        emu.device.auth_dialog_answer = "yes"
