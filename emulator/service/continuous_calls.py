"""What an app asks of BgContinuousTaskMgr: start, update, stop, queries and subscriptions.

Check order from `background_task_mgr_service.cpp` and `bg_continuous_task_mgr.cpp` (service-rules §2.3-2.7,
§2.11; research-service §3). Each refusal is an event naming the rule and its public code.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from emulator.apps import KEEP_BACKGROUND_RUNNING, App
from emulator.events import EventKind
from emulator.modes import (
    ATOMIC_SERVICE_MODES, AUDIO_PLAYBACK, AUDIO_RECORDING, AV_PLAYBACK_AND_RECORD_BIT, BLUETOOTH_INTERACTION,
    DATA_TRANSFER, SPECIAL_SCENARIO_PROCESSING, TASK_KEEPING, VOIP, WIFI_INTERACTION, mode_bit, mode_name,
)
from emulator.service.continuous_listeners import task_info
from emulator.service.continuous_model import CAR_KEY, FLAG_STATE, USER_CANCEL, TaskRecord

if TYPE_CHECKING:
    from emulator.apps import UIAbilityContext
    from emulator.kit.types import ContinuousTaskInfo
    from emulator.kit.wantAgent import WantAgent
    from emulator.service.continuous import ContinuousManager

GET_BACKGROUND_TASK_INFO = "ohos.permission.GET_BACKGROUND_TASK_INFO"
KEEP_BACKGROUND_RUNNING_SYSTEM = "ohos.permission.KEEP_BACKGROUND_RUNNING_SYSTEM"
KEEP_BACKGROUND_RUNNING_SPECIAL_SCENARIO = "ohos.permission.KEEP_BACKGROUND_RUNNING_SPECIAL_SCENARIO"
SPECIAL_SCENARIO_ACLS = (KEEP_BACKGROUND_RUNNING_SYSTEM, KEEP_BACKGROUND_RUNNING_SPECIAL_SCENARIO)  # ≤23 / 24+
SPECIAL_SCENARIO_DEVICES = frozenset({"phone", "tablet", "2in1"})  # api-surface §2.3 "phone/tablet/PC only"
AV_MODES = frozenset({AUDIO_PLAYBACK, AUDIO_RECORDING, VOIP})  # covered by avPlaybackAndRecord (service-rules §2.3)
SUB_MODE_PARAM = "subMode"  # BG_TASK_SUB_MODE_TYPE


def _names(modes: list[int]) -> str:
    return ", ".join(mode_name(m) for m in modes)


class ContinuousCalls:
    """Mixin of ContinuousManager: the calls that come from apps through the kit."""

    def _caller_checks(self: ContinuousManager, app: App, modes: list[int], fn: str) -> None:
        """Atomic-service modes (201), not ready (9800004), KEEP_BACKGROUND_RUNNING (201): start and update."""
        if app.atomic_service and any(m not in ATOMIC_SERVICE_MODES for m in modes):
            raise self._refuse(app, "ERR_BGTASK_PERMISSION_DENIED", "atomic services may use only audioPlayback, "
                               f"location and multiDeviceConnection, not {_names(modes)}", fn)
        self._check_ready(app, fn)
        if not app.has_permission(KEEP_BACKGROUND_RUNNING):
            raise self._refuse(app, "ERR_BGTASK_PERMISSION_DENIED", f"the app lacks {KEEP_BACKGROUND_RUNNING}", fn)

    def _check_modes(self: ContinuousManager, app: App, ability: str, modes: list[int], is_system: bool, fn: str,
                     task_id: int | None = None, *, by_request: bool = False, owner: App | None = None) -> None:
        """CheckBgmodeType for each mode in order: wifiInteraction (202), taskKeeping, specialScenarioProcessing
        and undeclared (9800005). The declared modes are those of the caller's ability with that name
        (GetBackgroundModeInfo(uid, abilityName)); the ACLs are the task owner's."""
        configured = app.modes_mask_of(ability)
        owner = owner or app
        used = f"; id {task_id} was used up anyway" if task_id is not None else ""
        for mode in modes:
            if mode == WIFI_INTERACTION and not is_system:
                raise self._refuse(app, "ERR_BGTASK_NOT_SYSTEM_APP",
                                   f"wifiInteraction is for system apps only{used}", fn)
            if mode == TASK_KEEPING and not self._allow_task_keeping(owner, is_system):
                raise self._refuse(app, "ERR_BGTASK_KEEPING_TASK_VERIFY_ERR",
                                   "taskKeeping needs bgtask.support_task_keeping=true on the device (or the ACL "
                                   f"{KEEP_BACKGROUND_RUNNING_SYSTEM} or {KEEP_BACKGROUND_RUNNING_SPECIAL_SCENARIO} "
                                   f"in a non-system app){used}", fn)
            if mode == SPECIAL_SCENARIO_PROCESSING:
                self._allow_special(app, owner, is_system, fn, used)
            if by_request and mode in AV_MODES and configured & AV_PLAYBACK_AND_RECORD_BIT:
                continue  # avPlaybackAndRecord covers the audio modes of a request object
            if not configured & mode_bit(mode):
                spec = app.ability(ability)
                if spec is None:
                    why = f"{app.bundle_name} has no UIAbility {ability}, so it declares no backgroundModes"
                else:
                    declared = ", ".join(spec.background_modes) or "none"
                    why = f"{mode_name(mode)} is not declared in {ability}'s backgroundModes (declared: {declared})"
                raise self._refuse(app, "ERR_BGTASK_INVALID_BGMODE", f"{why}{used}", fn)

    def _allow_special(self: ContinuousManager, app: App, owner: App, is_system: bool, fn: str, used: str) -> None:
        """AllowUseSpecial: the ACL, then a non-system app, then (HEAD, order unverified) a supported device."""
        if not any(owner.has_permission(acl) for acl in SPECIAL_SCENARIO_ACLS):
            raise self._refuse(app, "ERR_BGTASK_CONTINUOUS_APP_NOT_HAVE_BGMODE_PERMISSION_SYSTEM",
                               f"specialScenarioProcessing needs the ACL {' or '.join(SPECIAL_SCENARIO_ACLS)}{used}",
                               fn)
        if is_system:
            raise self._refuse(app, "ERR_BGTASK_CONTINUOUS_SYSTEM_APP_NOT_SUPPORT_ACL",
                               f"specialScenarioProcessing is for non-system apps only{used}", fn)
        if self._emu.device.device_type not in SPECIAL_SCENARIO_DEVICES:
            raise self._refuse(app, "ERR_BGTASK_SPECIAL_SCENARIO_PROCESSING_NOTSUPPORT_DEVICE",
                               f"specialScenarioProcessing runs on phones, tablets and 2-in-1 devices only{used}", fn)

    def _allow_task_keeping(self: ContinuousManager, app: App, is_system: bool) -> bool:
        """AllowUseTaskKeeping (CTM:757-776 at HEAD e75584cd): the device parameter, else either special ACL
        in a non-system app (CheckSpecialScenarioACLPermission). The bundle exemption list is not modelled."""
        if self._emu.device.support_task_keeping:
            return True
        return any(app.has_permission(acl) for acl in SPECIAL_SCENARIO_ACLS) and not is_system

    # -- startBackgroundRunning ---------------------------------------------------------------
    def start(self: ContinuousManager, app: App, ctx: UIAbilityContext, modes: list[int], is_batch: bool,
              agent: WantAgent) -> tuple[int, int]:
        """(notificationId, continuousTaskId) of the new task; BusinessError in the service's order."""
        fn = "startBackgroundRunning"
        self._caller_checks(app, modes, fn)
        sub_modes: list[int] = []
        extra = agent.extraInfo if isinstance(agent.extraInfo, dict) else {}
        if SUB_MODE_PARAM in extra:  # CheckSubMode
            value = extra[SUB_MODE_PARAM]
            if (BLUETOOTH_INTERACTION in modes and isinstance(value, int) and not isinstance(value, bool)
                    and value == CAR_KEY):
                sub_modes = [CAR_KEY]
            else:
                raise self._refuse(app, "ERR_BGTASK_CHECK_TASK_PARAM", "the wantAgent's subMode parameter is only "
                                   "allowed as CAR_KEY (1) with bluetoothInteraction", fn)
        self.last_task_id += 1
        task_id = self.last_task_id  # taken before the duplicate check: a refused start uses one up
        ability = ctx.abilityInfo.name
        key = f"{app.uid}_{ability}_{ctx.abilityId}"
        existing = self.tasks.get(key)
        if existing is not None:  # HEAD checks the new record's suspend state, always false (CTM:1407-1414)
            state = " (suspended: it stays suspended)" if existing.suspended else ""
            raise self._refuse(app, "ERR_BGTASK_OBJECT_EXISTS", f"{ability} #{ctx.abilityId} already has continuous "
                               f"task {existing.task_id}{state}; one task per UIAbility; id {task_id} was used up "
                               "anyway", fn)
        self._check_modes(app, ability, modes, app.system_app, fn, task_id)
        rec = TaskRecord(task_id=task_id, bundle=app.bundle_name, ability_name=ability, ability_id=ctx.abilityId,
                         uid=app.uid, pid=app.pid, modes=list(modes), sub_modes=sub_modes, is_batch=is_batch,
                         is_system=app.system_app, want_bundle=agent.bundleName, want_ability=agent.abilityName,
                         started_ms=self._clock.now_ms)
        self._publish(rec, fn)
        self._insert(rec)
        shown = (f"notification {rec.notification_id}" if rec.notification_id != -1
                 else "no notification (no text for its modes)")
        self._events.emit(EventKind.CONTINUOUS_STARTED, f"started continuous task {task_id} for {_names(modes)} "
                          f"on {ability} #{ctx.abilityId}, {shown}", app.bundle_name, task_id,
                          modes=list(rec.mode_names), notification_id=rec.notification_id)
        self.listeners.notify_state("onContinuousTaskStart", rec)
        self._persist(app, fn, f"continuous task {task_id} stays registered")
        return rec.notification_id, task_id

    # -- updateBackgroundRunning ---------------------------------------------------------------
    def update(self: ContinuousManager, app: App, ctx: UIAbilityContext, modes: list[int]) -> tuple[int, int]:
        fn = "updateBackgroundRunning"
        self._caller_checks(app, modes, fn)
        ability = ctx.abilityInfo.name
        rec = self.tasks.get(f"{app.uid}_{ability}_{ctx.abilityId}")
        if rec is None:
            raise self._refuse(app, "ERR_BGTASK_OBJECT_NOT_EXIST", f"{ability} #{ctx.abilityId} has no continuous "
                               "task to update; update never creates one", fn)
        if set(rec.modes) == set(modes):
            self._events.emit(EventKind.CONTINUOUS_UPDATED, f"no change to continuous task {rec.task_id}: same modes "
                              f"({_names(rec.modes)}); the answer carries notificationId -1 and continuousTaskId -1",
                              app.bundle_name, rec.task_id, changed=False)
            return -1, -1
        if BLUETOOTH_INTERACTION not in modes and rec.sub_modes:
            rec.sub_modes = []  # cleared before the mode checks, even when they refuse
            rec.changed()
        self._check_modes(app, rec.ability_name, modes, rec.is_system, fn)
        old = rec.modes
        rec.modes = list(modes)
        rec.mode_id = TaskRecord.primary_mode(rec.modes, True)
        rec.is_batch = True
        rec.changed()
        if not (DATA_TRANSFER in old and DATA_TRANSFER in rec.modes):
            self._publish(rec, fn)
        self._events.emit(EventKind.CONTINUOUS_UPDATED, f"continuous task {rec.task_id} now runs {_names(rec.modes)} "
                          f"(was {_names(old)})", app.bundle_name, rec.task_id, changed=True,
                          modes=list(rec.mode_names), notification_id=rec.notification_id)
        if rec.suspended:
            self._activate_uid(app.uid, f"{fn} reactivates the app's suspended tasks")
        self.listeners.notify_state("onContinuousTaskUpdate", rec)
        self._persist(app, fn, f"continuous task {rec.task_id} keeps its new modes")
        return rec.notification_id, rec.task_id

    # -- stopBackgroundRunning ---------------------------------------------------------------
    def stop(self: ContinuousManager, app: App, ctx: UIAbilityContext, task_id: int = -1) -> None:
        """Stop the context's ability's tasks, or (task_id >= 0) the task with that id, whoever owns it."""
        fn = "stopBackgroundRunning"
        self._check_ready(app, fn)  # no permission check in the service
        if task_id != -1:
            found = self.by_id.get(task_id)
            if found is None:
                raise self._refuse(app, "ERR_BGTASK_OBJECT_NOT_EXIST", f"no continuous task has id {task_id}", fn)
            targets = [found]
        else:
            ability = ctx.abilityInfo.name
            targets = [r for r in self.by_uid.get(app.uid, {}).values()
                       if r.ability_name == ability and r.ability_id == ctx.abilityId]
            if not targets:
                raise self._refuse(app, "ERR_BGTASK_OBJECT_NOT_EXIST", f"{ability} #{ctx.abilityId} has no "
                                   "continuous task to stop", fn)
        for rec in targets:
            self._remove(rec, USER_CANCEL, 0, EventKind.CONTINUOUS_STOPPED, f"stopped by the app ({fn})"
                         + (f" by task id, as {app.bundle_name}" if task_id != -1 and rec.uid != app.uid else ""))

    # -- queries --------------------------------------------------------------------------------
    def get_all(self: ContinuousManager, app: App, include_suspended: bool = True) -> list[ContinuousTaskInfo]:
        fn = "getAllContinuousTasks"
        self._check_ready(app, fn)
        if not app.has_permission(KEEP_BACKGROUND_RUNNING):
            raise self._refuse(app, "ERR_BGTASK_PERMISSION_DENIED", f"the app lacks {KEEP_BACKGROUND_RUNNING}", fn)
        recs = sorted(self.by_uid.get(app.uid, {}).values(), key=lambda r: r.task_id)
        return [task_info(r) for r in recs if include_suspended or not r.suspended]

    def obtain_all(self: ContinuousManager, app: App) -> list[ContinuousTaskInfo]:
        fn = "obtainAllContinuousTasks"
        if app.atomic_service:
            raise self._refuse(app, "ERR_BGTASK_PERMISSION_DENIED", "atomic services may not list all tasks", fn)
        if not app.has_permission(GET_BACKGROUND_TASK_INFO):
            raise self._refuse(app, "ERR_BGTASK_PERMISSION_DENIED", f"the app lacks {GET_BACKGROUND_TASK_INFO}", fn)
        if not app.system_app:
            raise self._refuse(app, "ERR_BGTASK_NOT_SYSTEM_APP", "only system apps may list every app's tasks", fn)
        self._check_ready(app, fn)  # every app's tasks but the suspended ones (CTM:4261-4273, 1999-2001)
        return [task_info(self.by_id[i]) for i in sorted(self.by_id) if not self.by_id[i].suspended]

    # -- subscriptions --------------------------------------------------------------------------
    def check_subscriber(self: ContinuousManager, app: App, flag: int, fn: str) -> None:
        """SubscribeBackgroundTask / UnsubscribeBackgroundTask caller checks (no readiness check). CheckHapCalling
        asks for KEEP_BACKGROUND_RUNNING except for the state flag (SVC:161-173, 411-431 at HEAD e75584cd)."""
        if flag != FLAG_STATE and not app.has_permission(KEEP_BACKGROUND_RUNNING):
            raise self._refuse(app, "ERR_BGTASK_PERMISSION_DENIED", f"the app lacks {KEEP_BACKGROUND_RUNNING}, "
                               "which on/off of an event type needs", fn)
        if flag == FLAG_STATE:
            if app.atomic_service:
                raise self._refuse(app, "ERR_BGTASK_PERMISSION_DENIED", "atomic services may not subscribe to "
                                   "every task's state", fn)
            if not app.system_app:
                raise self._refuse(app, "ERR_BGTASK_NOT_SYSTEM_APP", "only system apps may subscribe to every "
                                   "task's state", fn)
            if not app.has_permission(GET_BACKGROUND_TASK_INFO):
                raise self._refuse(app, "ERR_BGTASK_PERMISSION_DENIED", f"the app lacks {GET_BACKGROUND_TASK_INFO}",
                                   fn)

    def listener_event(self: ContinuousManager, app: App, what: str, **data: Any) -> None:
        self._events.emit(EventKind.CONTINUOUS_LISTENER, what, app.bundle_name, **data)
