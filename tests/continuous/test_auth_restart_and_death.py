"""Authorisation banners across a service restart and the app's death (HEAD e75584cd).

The banner lives in the notification service, a separate process: a restart of the background task service
leaves it in the drawer, and nothing at restart looks at it (HandlePersistenceData, CTM:304-318, only restores
the auth_record file, RestoreAuthRecord). The service then matches a banner by its label alone: the user's
swipe (StopBannerContinuousTaskByUserInner, CTM:2817-2830) and a button (OnBannerNotificationActionButtonClickInner,
CTM:4588-4628) look the record up by label. The app's death erases the record its waiting callback belongs to
and cancels its banner (HandleAuthExpiredCallbackDeathInner, CTM:3941-3964).
"""

from __future__ import annotations

import pytest

from emulator import BusinessError, Emulator
from emulator.kit import backgroundTaskManager as btm

from .conftest import KEEP, make_agent

V = "BussinessError 9800005: Continuous Task verification failed. "
NO_RECORD = (9800005, V + "Current application not apply auth record.")
ACL = "ohos.permission.KEEP_BACKGROUND_RUNNING_SPECIAL_SCENARIO"
LABEL = "bgbanner_100_0_com.example.media"
R = btm.UserAuthResult


@pytest.fixture
def media(emu: Emulator):
    return emu.install_app("com.example.media", label="Media", permissions=[KEEP, ACL],
                           abilities={"EntryAbility": ["audioPlayback"], "EditAbility": ["specialScenarioProcessing"]})


def request(app):
    return app.backgroundTaskManager.ContinuousTaskRequest([13], [9])


def check(app):
    promise = request(app).checkSpecialScenarioAuth(app.context)
    err = promise.error()
    return (err.code, err.message) if isinstance(err, BusinessError) else promise.result()


def drawer(emu):
    return [(n.notification_id, n.label) for n in emu.snapshot().notifications]


def banners(emu):
    return [n.notification_id for n in emu.snapshot().notifications if n.label == LABEL]


def auth_reasons(emu, since):
    return [e.reason for e in list(emu.events)[since:] if e.kind.value == "continuous.auth"]


def test_a_banner_whose_record_was_never_written_outlives_the_restart_and_nothing_answers_it(emu, media):
    got = []
    emu.faults.storage_fails = True
    with pytest.raises(BusinessError) as info:  # published and recorded in memory, then RefreshAuthRecord fails
        request(media).requestAuthFromUser(media.context, got.append)
    assert (info.value.code, info.value.message) == (
        9800007, "BussinessError 9800007: Continuous task storage failed. Failed to create the storage task file.")
    emu.faults.storage_fails = False
    emu.restart_service()
    assert drawer(emu) == [(0, LABEL)] and emu.continuous.auth.records == {}
    assert check(media) == NO_RECORD
    seen = len(emu.events)
    emu.device.auth_dialog_answer = "always_allow"  # the user presses a button: no record has that label
    emu.advance(1000)
    assert drawer(emu) == [(0, LABEL)] and got == [] and emu.continuous.auth.records == {}
    assert auth_reasons(emu, seen) == []
    emu.user.remove_notification(0)  # the swipe finds no record either: only the banner goes
    assert drawer(emu) == [] and emu.continuous.auth.records == {} and auth_reasons(emu, seen) == []
    emu.device.auth_dialog_answer = "no_answer"
    assert request(media).requestAuthFromUser(media.context, got.append) == 0
    assert drawer(emu) == [(0, LABEL)]  # nothing was restored: notification ids start at 0 again (CTM:404-407)
    assert check(media) == R.NOT_DETERMINED


def test_a_written_record_survives_the_restart_and_the_users_answer_lands_but_reaches_no_callback(emu, media):
    got = []
    request(media).requestAuthFromUser(media.context, got.append)
    emu.restart_service()
    assert drawer(emu) == [(0, LABEL)] and check(media) == R.NOT_DETERMINED
    emu.device.auth_dialog_answer = "always_allow"
    emu.advance(1000)
    assert drawer(emu) == [] and check(media) == R.GRANTED_ALWAYS
    emu.advance(0)
    assert got == []  # expiredCallbackMap_ is memory only: "request expired, callback not found." (CTM:4626)


def test_removing_an_orphaned_banner_drops_the_newer_request_with_its_label(emu, media):
    audio = ["audioPlayback"]
    media.to_foreground()
    bt = media.backgroundTaskManager
    bt.startBackgroundRunning(media.ability_context("EntryAbility"), audio, make_agent()).result()  # notification 0
    emu.faults.storage_fails = True
    with pytest.raises(BusinessError):
        request(media).requestAuthFromUser(media.context, print)  # banner 1, its record never written
    emu.faults.storage_fails = False
    emu.restart_service()  # task 1 comes back with notification 0: the counter goes on from 0 (CTM:404-407)
    bt.stopBackgroundRunning(media.ability_context("EntryAbility")).result()
    bt.startBackgroundRunning(media.ability_context("EntryAbility"), audio, make_agent()).result()  # notification 1
    assert banners(emu) == [1]  # the orphan
    request(media).requestAuthFromUser(media.context, print)
    assert banners(emu) == [1, 2] and check_record(emu) == (1, 2)
    seen = len(emu.events)
    emu.user.remove_notification(1)  # the orphan (and task 2's notification 1): the record with the label goes
    assert banners(emu) == [2] and emu.continuous.auth.records == {}  # the newer banner 2 stays
    assert emu.snapshot().continuous_tasks == ()
    assert auth_reasons(emu, seen) == ["the unanswered authorisation record is dropped; the app's callback is not "
                                       "called"]
    assert check(media) == NO_RECORD


def test_the_app_dying_with_its_request_waiting_cancels_the_banner_and_erases_the_record(emu, media):
    got = []
    request(media).requestAuthFromUser(media.context, got.append)
    seen = len(emu.events)
    media.kill()
    assert drawer(emu) == [] and emu.continuous.auth.records == {}
    assert auth_reasons(emu, seen) == ["the app's process died with its authorisation request waiting: the "
                                       "NOT_DETERMINED record is erased"]
    removed = [e for e in list(emu.events)[seen:] if e.kind.value == "notification.removed"]
    assert [(e.subject, e.reason) for e in removed] == [
        (0, "banner notification 0 cancelled: the app's callback died with its process")]
    media.to_foreground()
    assert check(media) == NO_RECORD
    emu.device.auth_dialog_answer = "allow_once"
    emu.advance(1000)
    assert got == [] and emu.continuous.auth.records == {}


def test_the_app_dying_with_a_dialog_waiting_erases_the_record(emu, media):
    request(media).requestAuthFromUserByDialog(media.context, print)
    assert request(media).checkSpecialScenarioAuthResult(media.context).result() == R.NOT_DETERMINED
    media.kill()
    media.to_foreground()
    assert emu.continuous.auth.records == {} and drawer(emu) == []
    emu.device.auth_dialog_answer = "always_allow"
    emu.advance(1000)
    assert emu.continuous.auth.records == {}  # the dialog's answer finds nothing waiting


def test_the_app_dying_while_the_service_is_not_ready_keeps_the_request(emu, media):
    request(media).requestAuthFromUser(media.context, print)
    emu.service_ready = False
    media.kill()  # HandleAuthExpiredCallbackDeath returns at once when not ready (CTM:3928-3931)
    emu.service_ready = True
    assert drawer(emu) == [(0, LABEL)] and check_record(emu) == (1, 0)


def check_record(emu):
    rec = emu.continuous.auth.records[LABEL]
    return rec.result, rec.notification_id


def test_granted_once_by_the_settings_app_then_the_app_stops_after_a_restart_leaves_the_banner(emu, media):
    settings = emu.install_app("com.example.settings", system_app=True,
                               permissions=["ohos.permission.SET_BACKGROUND_TASK_STATE"])
    request(media).requestAuthFromUser(media.context, print)
    emu.restart_service()  # the callback is forgotten; the record and the banner are not
    settings.backgroundTaskManager.setBackgroundTaskState(btm.BackgroundTaskStateInfo(
        100, "com.example.media", 0, R.GRANTED_ONCE))
    assert check_record(emu) == (3, 0)  # SetBackgroundTaskStateInner changes the result only (CTM:3999-4029)
    media.kill()  # OnAppStopped drops the GRANTED_ONCE record (CTM:2915-2926); nothing cancels the banner
    assert drawer(emu) == [(0, LABEL)] and emu.continuous.auth.records == {}
