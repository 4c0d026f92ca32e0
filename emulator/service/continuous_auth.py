"""Special-scenario authorisation: the user's answer to "may this app run in the background?" (API 22-26).

Sources at HEAD e75584cd: `bg_continuous_task_mgr.cpp` IsModeSupported / CheckModeSupportedPermission /
CheckTaskkeepingPermission (3389-3469), CheckSpecialModePermission / RequestAuthFromUser / CheckAuthParam /
RequestAuthFromUserInner (3590-3766), CheckSpecialScenarioAuth(Inner) (3793-3909), Set/GetBackgroundTaskState
(3975-4116), CheckApplySpecial (4053-4088), OnPermissionDialogButtonClickInner (4402-4442),
OnBannerNotificationActionButtonClickInner (4588-4628), StopBannerContinuousTaskByUserInner (2817-2830),
OnAppStopped's GRANTED_ONCE removal (2915-2926), HandleAuthExpiredCallbackDeathInner (3941-3964);
`notification_tools.cpp` PublishBannerNotification (496-547);
`banner_notification_record.cpp` (the auth_record file's keys).

Records are keyed "bgbanner_<userId>_<appIndex>_<bundleName>" and kept in the auth_record file, so they
survive a service restart; the waiting callbacks (expiredCallbackMap_) do not. The fake device's user answers
a banner or dialog AUTH_ANSWER_DELAY_MS after it appears, as `emu.device.auth_dialog_answer` says.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable

from emulator.apps import KEEP_BACKGROUND_RUNNING
from emulator.events import EventKind
from emulator.modes import SPECIAL_SCENARIO_PROCESSING, TASK_KEEPING, mode_bit
from emulator.service.notifications import Notification
from emulator.service.persistence import StateFile

if TYPE_CHECKING:
    from emulator.apps import App
    from emulator.service.continuous import ContinuousManager

__all__ = ["SpecialAuth", "AuthRecord", "AUTH_ANSWERS", "AUTH_ANSWER_DELAY_MS", "SET_BACKGROUND_TASK_STATE",
           "BANNER_BUTTONS", "banner_text"]

NOT_SUPPORTED, NOT_DETERMINED, DENIED, GRANTED_ONCE, GRANTED_ALWAYS = 0, 1, 2, 3, 4  # user_auth_result.h
RESULT_NAMES = {0: "NOT_SUPPORTED", 1: "NOT_DETERMINED", 2: "DENIED", 3: "GRANTED_ONCE", 4: "GRANTED_ALWAYS"}
API_BANNER, API_DIALOG = 22, 26  # API_VERSION_REQUEST_SPECIAL_USER_AUTH(_BY_DIALOG), background_common.h
AUTH_ANSWERS = ("allow_once", "always_allow", "deny", "no_answer")  # the fake user's answer (a device knob)
AUTH_ANSWER_DELAY_MS = 1000  # how long the fake user takes to answer: the emulator's choice, not a device fact
SET_BACKGROUND_TASK_STATE = "ohos.permission.SET_BACKGROUND_TASK_STATE"
KEEP_BACKGROUND_RUNNING_SYSTEM = "ohos.permission.KEEP_BACKGROUND_RUNNING_SYSTEM"
SPECIAL_SCENARIO_ACLS = (KEEP_BACKGROUND_RUNNING_SYSTEM, "ohos.permission.KEEP_BACKGROUND_RUNNING_SPECIAL_SCENARIO")
SUPPORT_AUTH_DEVICES = frozenset({"phone", "tablet", "2in1"})  # services/BUILD.gn:150-160 SUPPORT_AUTH
BANNER_BUTTONS = ("Allow this time only", "Always allow")  # btn_allow_time, btn_allow_allowed (string.json)


def banner_text(app_name: str) -> str:
    """text_banner_notification_allow_background_keepalive (string.json:269-270)."""
    return f"Allow {app_name} to run in the background?"


def auth_key(bundle: str, user_id: int, app_index: int) -> str:
    """CreateBannerNotificationLabel: the record's key and the banner's label."""
    return f"bgbanner_{user_id}_{app_index}_{bundle}"


@dataclass(slots=True)
class AuthRecord:
    """BannerNotificationRecord."""
    bundle: str
    uid: int
    user_id: int
    app_index: int
    result: int = NOT_DETERMINED
    notification_id: int = -1
    label: str = ""  # the banner's label, "" when no banner was published
    app_name: str = ""

    @property
    def key(self) -> str:
        return auth_key(self.bundle, self.user_id, self.app_index)

    def to_json(self) -> dict[str, Any]:
        return {"bundleName": self.bundle, "uid": self.uid, "notificationId": self.notification_id,
                "notificationLabel": self.label, "appName": self.app_name, "authResult": self.result,
                "userId": self.user_id, "appIndex": self.app_index}

    @classmethod
    def from_json(cls, v: Any) -> AuthRecord | None:
        ints, strs = ("uid", "notificationId", "authResult", "userId", "appIndex"), ("bundleName",
                                                                                    "notificationLabel", "appName")
        if not isinstance(v, dict) or any(not isinstance(v.get(k), int) or isinstance(v.get(k), bool) for k in ints) \
                or any(not isinstance(v.get(k), str) for k in strs):
            return None
        return cls(v["bundleName"], v["uid"], v["userId"], v["appIndex"], v["authResult"], v["notificationId"],
                   v["notificationLabel"], v["appName"])


class SpecialAuth:
    """bannerNotificationRecord_ and expiredCallbackMap_ of BgContinuousTaskMgr."""

    def __init__(self, manager: ContinuousManager) -> None:
        self._m = manager
        self._emu = manager._emu
        self._events = manager._events
        self.records: dict[str, AuthRecord] = {}
        self.callbacks: dict[str, tuple[App, Callable[..., Any]]] = {}
        self.callback_pids: dict[str, int] = {}  # key -> pid of the process whose callback waits (its binder)
        self.pending: dict[str, int] = {}  # key -> API version of a shown banner/dialog the user has not answered
        self.file = StateFile(self._emu, "auth_record", self._serialize)
        self._emu.device.add_auth_answer_listener(self._answer_changed)

    # -- persistence ---------------------------------------------------------------------------------
    def _serialize(self) -> str:
        return json.dumps({k: r.to_json() for k, r in self.records.items()}, ensure_ascii=False)

    def _save(self, strict: bool = False) -> None:
        try:
            self.file.changed()
        except Exception:  # noqa: BLE001 - RefreshAuthRecord's result is ignored except on the request path
            if strict:
                raise

    def restart(self) -> None:
        """The service restarts: records come back from auth_record; nobody waits for an answer any more."""
        self.callbacks.clear()
        self.callback_pids.clear()
        self.pending.clear()
        self.records = {}
        try:
            data = self.file.load()
        except (OSError, ValueError):
            data = None
        for value in (data or {}).values() if isinstance(data, dict) else ():
            rec = AuthRecord.from_json(value)
            if rec is not None:
                self.records[rec.key] = rec
                if rec.result == NOT_DETERMINED and rec.label and (rec.label, rec.notification_id) in self._m.drawer:
                    self.pending[rec.key] = API_BANNER  # its banner is still shown: the user may still press one
                    self._schedule_answer(rec.key)

    # -- what the service checks ---------------------------------------------------------------------
    def _refuse(self, app: App, name: str, why: str, fn: str) -> Exception:
        return self._m._refuse(app, name, why, fn)

    def _check_acl_and_device(self, app: App, fn: str) -> None:
        """The ACL, a non-system app, then a device built with SUPPORT_AUTH."""
        if not any(app.has_permission(acl) for acl in SPECIAL_SCENARIO_ACLS):
            raise self._refuse(app, "ERR_BGTASK_CONTINUOUS_APP_NOT_HAVE_BGMODE_PERMISSION_SYSTEM",
                               f"specialScenarioProcessing needs the ACL {' or '.join(SPECIAL_SCENARIO_ACLS)}", fn)
        if app.system_app:
            raise self._refuse(app, "ERR_BGTASK_CONTINUOUS_SYSTEM_APP_NOT_SUPPORT_ACL",
                               "specialScenarioProcessing is for non-system apps only", fn)
        if self._emu.device.device_type not in SUPPORT_AUTH_DEVICES:
            raise self._refuse(app, "ERR_BGTASK_SPECIAL_SCENARIO_PROCESSING_NOTSUPPORT_DEVICE",
                               "special-scenario authorisation exists on phones, tablets and 2-in-1 devices only", fn)

    def _caller(self, app: App, fn: str) -> None:
        """Atomic service (201), not ready (9800004), then KEEP_BACKGROUND_RUNNING (201)."""
        if app.atomic_service:
            raise self._refuse(app, "ERR_BGTASK_PERMISSION_DENIED", f"atomic services may not call {fn}", fn)
        self._m._check_ready(app, fn)
        if not app.has_permission(KEEP_BACKGROUND_RUNNING):
            raise self._refuse(app, "ERR_BGTASK_PERMISSION_DENIED", f"the app lacks {KEEP_BACKGROUND_RUNNING}", fn)

    @staticmethod
    def declares_special(app: App) -> bool:
        """CheckApplySpecial's module check: some ability declares specialScenarioProcessing."""
        bit = mode_bit(SPECIAL_SCENARIO_PROCESSING)
        return any(a.mask & bit for a in app.abilities)

    def is_mode_supported(self, app: App, modes: list[int]) -> bool:
        """IsModeSupported with the request's modes (BackgroundTaskMode numbers; 9 and 13 keep their number)."""
        fn = "isModeSupported"
        self._caller(app, fn)
        if modes == [SPECIAL_SCENARIO_PROCESSING]:
            self._check_acl_and_device(app, fn)
        if TASK_KEEPING in modes and not self._emu.device.support_task_keeping:
            acl = app.has_permission(KEEP_BACKGROUND_RUNNING_SYSTEM)
            if app.system_app:
                name = "ERR_BGTASK_CONTINUOUS_SYSTEM_APP_NOT_SUPPORT_ACL" if acl else "ERR_BGTASK_KEEPING_TASK_VERIFY_ERR"
                raise self._refuse(app, name, "taskKeeping without bgtask.support_task_keeping is not for system apps",
                                   fn)
            if not acl:
                raise self._refuse(app, "ERR_BGTASK_CONTINUOUS_APP_NOT_HAVE_BGMODE_PERMISSION_SYSTEM", "taskKeeping "
                                   f"without bgtask.support_task_keeping needs the ACL {KEEP_BACKGROUND_RUNNING_SYSTEM}",
                                   fn)
        self._events.emit(EventKind.CONTINUOUS_AUTH, f"isModeSupported: true for modes {modes}", app.bundle_name)
        return True

    # -- requestAuthFromUser / requestAuthFromUserByDialog ------------------------------------------------
    def request(self, app: App, callback: Callable[..., Any], version: int) -> None:
        fn = "requestAuthFromUser" if version == API_BANNER else "requestAuthFromUserByDialog"
        self._caller(app, fn)
        self._check_acl_and_device(app, fn)
        key = auth_key(app.bundle_name, app.uid // 200_000, 0)
        rec = self.records.get(key)
        if rec is not None:
            if rec.result == NOT_SUPPORTED:
                raise self._refuse(app, "ERR_BGTASK_CONTINUOUS_NOT_DEPLOY_SPECIAL_SCENARIO_PROCESSING",
                                   "its authorisation record says NOT_SUPPORTED", fn)
            if rec.result in (GRANTED_ONCE, GRANTED_ALWAYS) or (version == API_DIALOG and rec.result == DENIED):
                self._events.emit(EventKind.CONTINUOUS_AUTH, f"{fn}: already answered "
                                  f"{RESULT_NAMES[rec.result]}; the callback gets it", app.bundle_name)
                self._deliver(app, callback, rec.result, fn)
                return
            raise self._refuse(app, "ERR_BGTASK_CONTINUOUS_BANNER_NOTIFICATION_EXIST_OR_AUTHORIZED", "a request "
                               f"already waits for the user (record {RESULT_NAMES[rec.result]})", fn)
        rec = AuthRecord(app.bundle_name, app.uid, app.uid // 200_000, 0)
        if version == API_DIALOG:
            if not self.declares_special(app):
                raise self._refuse(app, "ERR_BGTASK_CONTINUOUS_NOT_DEPLOY_SPECIAL_SCENARIO_PROCESSING", "no ability "
                                   "of the app declares specialScenarioProcessing in module.json5", fn)
            shown = "the system's authorisation dialog opened"
        else:
            rec.app_name = app.label
            self._m.last_notification_id += 1
            rec.notification_id, rec.label = self._m.last_notification_id, key
            self._m.drawer.publish(Notification(rec.notification_id, key, app.bundle_name, app.uid, app.label,
                                                banner_text(app.label), None, None, self._emu.now_ms, key,
                                                buttons=BANNER_BUTTONS))
            shown = f"banner notification {rec.notification_id} published ({' / '.join(BANNER_BUTTONS)})"
            self._events.emit(EventKind.NOTIFICATION_PUBLISHED, f"published banner notification "
                              f"{rec.notification_id} \"{banner_text(app.label)}\"", app.bundle_name,
                              rec.notification_id, label=key)
        self.callbacks[key] = (app, callback)
        self.callback_pids[key] = app.pid
        self.records[key] = rec
        self.pending[key] = version
        self._events.emit(EventKind.CONTINUOUS_AUTH, f"{fn}: {shown}; the user's answer goes to the callback",
                          app.bundle_name)
        self._schedule_answer(key)
        self._save(strict=True)

    def _deliver(self, app: App, callback: Callable[..., Any], result: int, fn: str) -> None:
        """The native layer posts the answer to the app's JS thread (napi_send_event): it runs after the call."""
        from emulator.kit.args import call_js
        from emulator.kit.enums import UserAuthResult

        value = UserAuthResult(result)
        self._emu.clock.call_later(0, lambda: self._emu.call_app(app, lambda: call_js(callback, value),
                                                                 f"{fn} callback"), f"{fn} callback")

    # -- the fake user ---------------------------------------------------------------------------------
    def _schedule_answer(self, key: str) -> None:
        if self._emu.device.auth_dialog_answer != "no_answer":
            self._emu.clock.call_later(AUTH_ANSWER_DELAY_MS, lambda: self._answer(key), "the user answers")

    def _answer_changed(self, answer: str) -> None:
        if answer != "no_answer":
            for key in list(self.pending):
                self._schedule_answer(key)

    def _answer(self, key: str) -> None:
        """The user answers the banner or dialog still shown for `key` as the device setting says now."""
        answer = self._emu.device.auth_dialog_answer
        version = self.pending.get(key)
        rec = self.records.get(key)
        if version is None or rec is None or answer == "no_answer" or not self._emu.service_ready:
            return
        del self.pending[key]
        if version == API_BANNER and answer == "deny":  # the banner has no deny button: the user swipes it away
            self.user_removed_banner(key, rec.notification_id)
            return
        result = {"allow_once": GRANTED_ONCE, "always_allow": GRANTED_ALWAYS, "deny": DENIED}[answer]
        rec.result = result
        self._save()
        where = "banner" if version == API_BANNER else "dialog"
        self._events.emit(EventKind.CONTINUOUS_AUTH, f"the user answered the authorisation {where}: "
                          f"{RESULT_NAMES[result]}", rec.bundle)
        if version == API_BANNER and self._m.drawer.cancel(rec.label, rec.notification_id) is not None:
            self._events.emit(EventKind.NOTIFICATION_REMOVED, f"banner notification {rec.notification_id} removed: "
                              "the user pressed a button", rec.bundle, rec.notification_id)
        waiting = self.callbacks.pop(key, None)
        self.callback_pids.pop(key, None)
        if waiting is not None:
            fn = "requestAuthFromUser" if version == API_BANNER else "requestAuthFromUserByDialog"
            self._deliver(waiting[0], waiting[1], result, fn)

    def user_removed_banner(self, key: str, notification_id: int) -> None:
        """StopBannerContinuousTaskByUserInner: an unanswered record goes; the waiting callback is not told."""
        self.pending.pop(key, None)
        note = self._m.drawer.cancel(key, notification_id)
        if note is not None:
            self._events.emit(EventKind.NOTIFICATION_REMOVED, f"banner notification {notification_id} removed by "
                              "the user", note.bundle, notification_id, by_user=True)
        rec = self.records.get(key)
        if rec is not None and rec.result not in (GRANTED_ONCE, GRANTED_ALWAYS):
            del self.records[key]
            self._save()
            self._events.emit(EventKind.CONTINUOUS_AUTH, "the unanswered authorisation record is dropped; the "
                              "app's callback is not called", rec.bundle)

    def on_callback_died(self, pid: int) -> None:
        """HandleAuthExpiredCallbackDeathInner (CTM:3941-3964): the app's waiting callback died with its process;
        the service cancels that request's banner and erases its record, whatever its result. Run before
        OnAppStopped: both are told of the death separately (emulator order, docs/quirks.md)."""
        for key in [k for k, p in self.callback_pids.items() if p == pid]:
            del self.callbacks[key], self.callback_pids[key]
            self.pending.pop(key, None)  # nothing is shown to answer any more
            rec = self.records.pop(key, None)
            if rec is None:
                continue  # "no have auth record": the banner, if any, stays
            if rec.notification_id != -1 and self._m.drawer.cancel(key, rec.notification_id) is not None:
                self._events.emit(EventKind.NOTIFICATION_REMOVED, f"banner notification {rec.notification_id} "
                                  "cancelled: the app's callback died with its process", rec.bundle,
                                  rec.notification_id)
            self._save()
            self._events.emit(EventKind.CONTINUOUS_AUTH, "the app's process died with its authorisation request "
                              f"waiting: the {RESULT_NAMES.get(rec.result, rec.result)} record is erased",
                              rec.bundle)

    def on_app_stopped(self, app: App) -> None:
        """OnAppStopped: a GRANTED_ONCE record of the app goes."""
        for key, rec in list(self.records.items()):
            if rec.bundle == app.bundle_name and rec.app_index == 0 and rec.result == GRANTED_ONCE:
                del self.records[key]
                self._save()
                self._events.emit(EventKind.CONTINUOUS_AUTH, "the app stopped: its GRANTED_ONCE authorisation "
                                  "is dropped", app.bundle_name)

    # -- checkSpecialScenarioAuth / checkSpecialScenarioAuthResult ----------------------------------------
    def check(self, app: App, version: int) -> int:
        fn = "checkSpecialScenarioAuth" if version == API_BANNER else "checkSpecialScenarioAuthResult"
        self._caller(app, fn)
        self._check_acl_and_device(app, fn)
        if version == API_DIALOG and not self.declares_special(app):
            return NOT_SUPPORTED
        rec = self.records.get(auth_key(app.bundle_name, app.uid // 200_000, 0))
        if rec is None:
            if version == API_DIALOG:
                return NOT_DETERMINED
            raise self._refuse(app, "ERR_BGTASK_CONTINUOUS_NOT_APPLY_AUTH_RECORD", "the app has never asked the user "
                               "(no authorisation record)", fn)
        return rec.result

    # -- setBackgroundTaskState / getBackgroundTaskState (system API) -------------------------------------
    def _state_caller(self, app: App, fn: str) -> None:
        if app.atomic_service:
            raise self._refuse(app, "ERR_BGTASK_PERMISSION_DENIED", f"atomic services may not call {fn}", fn)
        if not app.has_permission(SET_BACKGROUND_TASK_STATE):
            raise self._refuse(app, "ERR_BGTASK_PERMISSION_DENIED", f"the app lacks {SET_BACKGROUND_TASK_STATE}", fn)
        if not app.system_app:
            raise self._refuse(app, "ERR_BGTASK_NOT_SYSTEM_APP", f"only system apps may call {fn}", fn)
        self._m._check_ready(app, fn)

    def set_state(self, app: App, user_id: int, bundle: str, app_index: int, result: int) -> None:
        fn = "setBackgroundTaskState"
        self._state_caller(app, fn)
        key = auth_key(bundle, user_id, app_index)
        rec = self.records.get(key)
        if rec is None:
            self.records[key] = AuthRecord(bundle, 0, user_id, app_index, result)
        else:
            rec.result = result
        self._save()
        self._events.emit(EventKind.CONTINUOUS_AUTH, f"setBackgroundTaskState: {bundle} (user {user_id}, app "
                          f"index {app_index}) is now {RESULT_NAMES[result]}", app.bundle_name)

    def get_state(self, app: App, user_id: int, bundle: str, app_index: int) -> int:
        fn = "getBackgroundTaskState"
        self._state_caller(app, fn)
        rec = self.records.get(auth_key(bundle, user_id, app_index))
        if rec is not None:
            return rec.result
        target = next((a for a in self._emu.apps if a.bundle_name == bundle), None)
        if (target is None or target.uid // 200_000 != user_id or target.system_app
                or not any(target.has_permission(acl) for acl in SPECIAL_SCENARIO_ACLS)
                or not self.declares_special(target)):
            return NOT_SUPPORTED
        return NOT_DETERMINED

    def views(self) -> tuple[tuple[str, str, bool], ...]:
        """(key, result name, waiting for the user) per record, for snapshots."""
        return tuple((k, RESULT_NAMES.get(r.result, str(r.result)), k in self.pending)
                     for k, r in sorted(self.records.items()))
