"""Continuous-task records (ContinuousTaskRecord) and their form in the running_task file.

Sources: service-rules §2.4, §2.8; `continuous_task_record.cpp` ParseToJsonStr / ParseFromJson at HEAD
e75584cd (record.cpp:188-333: the sub-notification, appIndex, detailedCancelReason and audioPlayState persist).
"""

from __future__ import annotations

import json
import re
from json.encoder import encode_basestring  # type: ignore[attr-defined]
from typing import Any

from emulator.modes import DATA_TRANSFER, mode_name, mode_numbers

__all__ = ["TaskRecord", "SLOT_TYPE", "CONTENT_TYPE", "USER_CANCEL", "REMOVE_NOTIFICATION_CANCEL", "FREEZE_CANCEL",
           "SYSTEM_CANCEL", "REASON_NAMES", "FLAG_CANCEL", "FLAG_SUSPEND", "FLAG_ACTIVE", "FLAG_STATE", "CAR_KEY"]

SLOT_TYPE = 4  # PromiseCompletedCB: SLOT_TYPE (notificationManager.SlotType.LIVE_VIEW)
CONTENT_TYPE = 8  # PromiseCompletedCB: SYSTEM_LIVE_CONTENT_TYPE

# The record's internal reason_ (continuous_task_record.h), copied into ContinuousTaskCancelInfo.reason.
USER_CANCEL, REMOVE_NOTIFICATION_CANCEL, FREEZE_CANCEL, SYSTEM_CANCEL = 0, 1, 2, 3
REASON_NAMES = {USER_CANCEL: "USER_CANCEL", REMOVE_NOTIFICATION_CANCEL: "REMOVE_NOTIFICATION_CANCEL",
                FREEZE_CANCEL: "FREEZE_CANCEL", SYSTEM_CANCEL: "SYSTEM_CANCEL"}

# Subscriber flags (bg_continuous_task_napi_module.cpp, common_utils.h).
FLAG_CANCEL, FLAG_SUSPEND, FLAG_ACTIVE, FLAG_STATE = 1, 2, 4, 8

CAR_KEY = 1  # BackgroundSubMode.CAR_KEY, reported as "CAR_KEY" (background_sub_mode.cpp)

# BackgroundTaskSubmode names a request-object task reports (background_task_submode.cpp; api-surface §3.2).
SUBMODE_NAMES: dict[int, str] = {
    1: "submodeCarKeyNormalNotification", 2: "submodeNormalNotification", 3: "submodeLiveViewNotification",
    4: "submodeAudioPlaybackNormalNotification", 5: "submodeAvsessionAudioPlayback",
    6: "submodeAudioRecordNormalNotification", 7: "submodeScreenRecordNormalNotification",
    8: "submodeVoiceChatNormalNotification", 9: "submodeMediaProcessNormalNotification",
    10: "submodeVideoBroadcastNormalNotification", 11: "submodeWorkOutNormalNotification",
}


_s = encode_basestring  # a JSON string literal (what json.dumps gives with ensure_ascii=False)


def _b(value: bool) -> str:
    return "true" if value else "false"


def _modes_str(modes: list[int]) -> str:
    """ContinuousTaskRecord::ToString: each id followed by a comma, e.g. "1,2,"."""
    return "".join(f"{m}," for m in modes)


_MODE_NUMBER = re.compile(r"-?[0-9]{1,10}", re.ASCII)
KNOWN_MODES = frozenset(mode_numbers())  # the modes the emulator can name, show and notify


def _modes_list(text: str) -> list[int]:
    """bgModeIds "2,4": decimal mode numbers; anything else makes the record unreadable (ValueError)."""
    parts = [part.strip() for part in text.split(",") if part.strip()]
    if not all(_MODE_NUMBER.fullmatch(part) for part in parts):
        shown = text if len(text) <= 24 else text[:24] + f"... ({len(text)} characters)"
        raise ValueError(f"its mode list {shown!r} is not a list of mode numbers")
    return [int(part) for part in parts]


class TaskRecord:
    """One continuous task, keyed "<uid>_<abilityName>_<abilityId>" (one per UIAbility for the v9/v12 API);
    a request-object task (API 21) appends "_<continuousTaskId>", so one UIAbility may hold several."""

    __slots__ = ("task_id", "key", "bundle", "ability_name", "ability_id", "uid", "pid", "user_id", "modes",
                 "sub_modes", "is_batch", "mode_id", "is_system", "notification_id", "label", "want_bundle",
                 "want_ability", "suspended", "suspend_reason", "reason", "detailed_reason", "started_ms",
                 "by_request", "combined", "combined_task_id", "sub_notification_id", "sub_label", "app_index",
                 "audio_play_state", "progress", "_json")

    def __init__(self, *, task_id: int, bundle: str, ability_name: str, ability_id: int, uid: int, pid: int,
                 modes: list[int], sub_modes: list[int], is_batch: bool, is_system: bool,
                 want_bundle: str | None, want_ability: str | None, started_ms: int, by_request: bool = False,
                 combined: bool = False, combined_task_id: int = -1) -> None:
        self.task_id = task_id
        self.bundle = bundle
        self.ability_name = ability_name
        self.ability_id = ability_id
        self.uid = uid
        self.pid = pid
        self.user_id = uid // 200_000  # GetOsAccountLocalIdFromUid
        self.modes = modes
        self.sub_modes = sub_modes
        self.is_batch = is_batch
        self.mode_id = self.primary_mode(modes, is_batch)
        self.is_system = is_system
        self.notification_id = -1
        self.label = ""
        self.want_bundle = want_bundle  # None: no wantAgent info ("NULL" in queries)
        self.want_ability = want_ability
        self.suspended = False
        self.suspend_reason = 0  # suspendReason_ {0}
        self.reason = USER_CANCEL  # reason_ {0}
        self.detailed_reason = 0
        self.started_ms = started_ms
        self.by_request = by_request  # isByRequestObject_: started with an API-21 ContinuousTaskRequest
        self.combined = combined  # isCombinedTaskNotification_: the request allowed merging notifications
        self.combined_task_id = combined_task_id  # combinedNotificationTaskId_: the task whose notification it shares
        self.sub_notification_id = -1  # request objects with dataTransfer and other modes get a second one
        self.sub_label = ""
        self.app_index = 0  # appIndex_: the calling ability's app index, 0 for an app that is not a clone
        self.audio_play_state = True  # audioPlayState_: false while the notification shows the loading text
        self.key = f"{uid}_{ability_name}_{ability_id}" + (f"_{task_id}" if by_request else "")
        self.progress: Any = None  # progressInfo_ (a kit ProgressArgs): the dataTransfer notification's progress
        self._json: str | None = None

    @staticmethod
    def primary_mode(modes: list[int], is_batch: bool) -> int:
        """bgModeId_: for the batch API the first mode other than dataTransfer, else the first mode."""
        if is_batch:
            return next((m for m in modes if m != DATA_TRANSFER), modes[0])
        return modes[0]

    @property
    def mode_names(self) -> tuple[str, ...]:
        return tuple(mode_name(m) for m in self.modes)

    @property
    def sub_mode_names(self) -> tuple[str, ...]:
        if self.by_request:
            return tuple(SUBMODE_NAMES.get(s, "default") for s in self.sub_modes)
        return tuple("CAR_KEY" if s == CAR_KEY else "default" for s in self.sub_modes)

    def changed(self) -> None:
        """Forget the cached JSON after any change to a persisted field."""
        self._json = None

    # -- running_task form ----------------------------------------------------------------
    def to_json(self) -> str:
        """This record as one JSON object (ParseToJsonStr's keys), cached until the next change.

        "startedMs" is the emulator's own addition (when the task started, for the dashboard).
        """
        if self._json is None:
            want = ""
            if self.want_bundle is not None:
                want = (f',"wantAgentInfo":{{"abilityName":{_s(self.want_ability or "")},'
                        f'"bundleName":{_s(self.want_bundle)}}}')
            self._json = (  # keys in nlohmann::json's (sorted) order
                f'{{"abilityId":{self.ability_id},"abilityName":{_s(self.ability_name)},"appIndex":{self.app_index},'
                f'"audioPlayState":{_b(self.audio_play_state)},"bgModeId":{self.mode_id},'
                f'"bgModeIds":"{_modes_str(self.modes)}","bgSubModeIds":"{_modes_str(self.sub_modes)}",'
                f'"bundleName":{_s(self.bundle)},"combinedNotificationTaskId":{self.combined_task_id},'
                f'"continuousTaskId":{self.task_id},"detailedCancelReason":{self.detailed_reason},'
                f'"isBatchApi":{_b(self.is_batch)},"isByRequestObject":{_b(self.by_request)},'
                f'"isCombinedTaskNotification":{_b(self.combined)},"isFromComponent":false,"isFromWebview":false,'
                f'"isNewApi":true,"isStandby":false,"isStandbySuspend":false,"isSystem":{_b(self.is_system)},'
                f'"needSendNotificationForInnerApi":false,"notificationId":{self.notification_id},'
                f'"notificationLabel":{_s(self.label)},"pid":{self.pid},'
                + (f'"progressInfo":{json.dumps(self.progress.to_json(), ensure_ascii=False)},'
                   if self.progress is not None else "")
                + f'"startedMs":{self.started_ms},'
                f'"subNotificationId":{self.sub_notification_id},"subNotificationLabel":{_s(self.sub_label)},'
                f'"suspendReason":{self.suspend_reason},"suspendState":{_b(self.suspended)},"uid":{self.uid},'
                f'"userId":{self.user_id}{want}}}')
        return self._json

    @classmethod
    def from_json(cls, value: Any) -> TaskRecord | None:
        """ContinuousTaskRecord::ParseFromJson: None when the record cannot be read (see read())."""
        try:
            return cls.read(value)
        except ValueError:
            return None

    @classmethod
    def read(cls, value: Any) -> TaskRecord:
        """ParseFromJson, or ValueError saying why the record cannot be read (a required key missing or of the
        wrong type, a mode list that is not numbers, a mode the emulator does not know)."""
        if not isinstance(value, dict):
            raise ValueError("it is not a JSON object")
        ints = ("userId", "uid", "pid", "bgModeId", "continuousTaskId", "abilityId", "suspendReason",
                "combinedNotificationTaskId", "subNotificationId", "appIndex", "detailedCancelReason")
        strs = ("bundleName", "abilityName", "notificationLabel", "subNotificationLabel")
        bools = ("isNewApi", "isFromWebview", "isSystem", "suspendState", "isCombinedTaskNotification",
                 "isByRequestObject", "audioPlayState", "isStandby", "isStandbySuspend", "isFromComponent",
                 "needSendNotificationForInnerApi")  # CheckContinuousRecod at HEAD e75584cd (record.cpp:236-256)
        for keys, kind, ok in ((ints, "an integer", lambda v: isinstance(v, int) and not isinstance(v, bool)),
                               (strs, "a string", lambda v: isinstance(v, str)),
                               (bools, "true or false", lambda v: isinstance(v, bool))):
            bad = next((k for k in keys if not ok(value.get(k))), None)
            if bad is not None:
                raise ValueError(f"its {bad} is missing or not {kind}")
        modes = _modes_list(value["bgModeIds"]) if isinstance(value.get("bgModeIds"), str) else []
        if not modes:
            modes = [value["bgModeId"]]
        unknown = next((m for m in modes + [value["bgModeId"]] if m not in KNOWN_MODES), None)
        if unknown is not None:
            raise ValueError(f"mode {unknown} is not a background mode")
        info = value.get("wantAgentInfo")
        if info is not None and not (isinstance(info, dict) and isinstance(info.get("bundleName"), str)
                                     and isinstance(info.get("abilityName"), str)):
            raise ValueError("its wantAgentInfo has no bundleName or abilityName string")
        started = value.get("startedMs")
        rec = cls(task_id=value["continuousTaskId"], bundle=value["bundleName"], ability_name=value["abilityName"],
                  ability_id=value["abilityId"], uid=value["uid"], pid=value["pid"], modes=modes,
                  sub_modes=_modes_list(value["bgSubModeIds"]) if isinstance(value.get("bgSubModeIds"), str) else [],
                  is_batch=value.get("isBatchApi") is True, is_system=value["isSystem"],
                  want_bundle=info["bundleName"] if info else None, want_ability=info["abilityName"] if info else None,
                  started_ms=started if isinstance(started, int) and not isinstance(started, bool) else 0,
                  by_request=value["isByRequestObject"], combined=value["isCombinedTaskNotification"],
                  combined_task_id=value["combinedNotificationTaskId"])
        rec.mode_id = value["bgModeId"]
        rec.user_id = value["userId"]
        rec.label = value["notificationLabel"]
        notification_id = value.get("notificationId")
        if isinstance(notification_id, int) and not isinstance(notification_id, bool):
            rec.notification_id = notification_id
        rec.suspended = value["suspendState"]
        rec.suspend_reason = value["suspendReason"]
        rec.sub_label, rec.sub_notification_id = value["subNotificationLabel"], value["subNotificationId"]
        rec.app_index, rec.detailed_reason = value["appIndex"], value["detailedCancelReason"]
        rec.audio_play_state = value["audioPlayState"]
        if isinstance(value.get("progressInfo"), dict):  # ParseFromJson: a malformed one is dropped
            from emulator.kit.progress_args import ProgressArgs
            rec.progress = ProgressArgs.from_json(value["progressInfo"])
        return rec
