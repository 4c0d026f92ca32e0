"""The API-21 ContinuousTaskRequest path of BgContinuousTaskMgr: start, update by task id, merged notifications.

Check order from `bg_continuous_task_mgr.cpp` StartBackgroundRunning -> StartBackgroundRunningInner ->
StartBackgroundRunningSubmit, CheckCombinedTaskNotification / DetermineMatchCombinedTaskNotifacation,
AllowApplyContinuousTask, UpdateBackgroundRunningByTaskIdInner -> UpdateTaskInfo -> UpdateTaskNotification
(service-rules §2.3-2.6). Stop by task id is the v9 stop (continuous_calls.py). Each refusal is an event
naming the rule and its public code.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from emulator.apps import App, ProcessState
from emulator.events import EventKind
from emulator.modes import AUDIO_PLAYBACK, DATA_TRANSFER, SPECIAL_SCENARIO_PROCESSING, mode_name
from emulator.service.continuous_model import TaskRecord

if TYPE_CHECKING:
    from emulator.apps import UIAbilityContext
    from emulator.kit.progress_args import ProgressArgs
    from emulator.kit.wantAgent import WantAgent
    from emulator.service.continuous import ContinuousManager

ABILITY_TASK_MAX_NUM = 10  # request-object tasks per abilityId, across uids (CheckAbilityTaskNum)
SUB_MODE_PARAM = "subMode"  # BG_TASK_SUB_MODE_TYPE


def _names(modes: list[int]) -> str:
    return ", ".join(mode_name(m) for m in modes)


class ContinuousRequestCalls:
    """Mixin of ContinuousManager: the request-object calls apps make through the kit."""

    # -- what the service remembers about foreground and background (OnAppStateChanged) ---------------
    def _note_app_state(self: ContinuousManager, app: App, new: ProcessState) -> None:
        """applyTaskOnForeground_: the modes the app's tasks held when it left the foreground."""
        if not self._emu.service_ready:
            return
        self.held_at_background.pop(app.uid, None)
        if new is ProcessState.FOREGROUND or not self.tasks:
            return
        held: list[int] = []
        for rec in self.by_uid.get(app.uid, {}).values():
            held += [m for m in rec.modes if m not in held]
        self.held_at_background[app.uid] = held

    def _allow_apply(self: ContinuousManager, app: App, ability_id: int, modes: list[int], fn: str) -> None:
        """AllowApplyContinuousTask for a request object: at most 10 per abilityId; from the background only
        audioPlayback or modes already held when the app left the foreground."""
        count = sum(1 for r in self.tasks.values() if r.ability_id == ability_id and r.by_request)
        if count >= ABILITY_TASK_MAX_NUM:
            raise self._refuse(app, "ERR_BGTASK_CONTINUOUS_NOT_APPLY_MAX_TASK", f"UIAbility #{ability_id} already "
                               f"has {count} request-object tasks; at most {ABILITY_TASK_MAX_NUM}", fn)
        if app.state is ProcessState.FOREGROUND:
            return
        allowed = self.held_at_background.get(app.uid, []) + [AUDIO_PLAYBACK]
        if all(m in allowed for m in modes):
            return
        held = _names(self.held_at_background.get(app.uid, [])) or "nothing"
        raise self._refuse(app, "ERR_BGTASK_CONTINUOUS_NOT_APPLY_ONBACKGROUND", f"the app is in the background and "
                           f"asks for {_names(modes)}; a background app may ask only for audioPlayback or the modes "
                           f"it held when it left the foreground ({held})", fn)

    # -- startBackgroundRunning(context, request) ------------------------------------------------------
    def start_by_request(self: ContinuousManager, app: App, ctx: UIAbilityContext, modes: list[int],
                         sub_modes: list[int], agent: WantAgent, combined: bool,
                         target_id: int, progress: ProgressArgs | None = None) -> tuple[int, int]:
        """(notificationId, continuousTaskId) of the new task; BusinessError in the service's order.

        modes are the converted (v9) numbers; target_id is the request's continuousTaskId, the task whose
        notification this one asks to share (-1: none).
        """
        fn = "startBackgroundRunning"
        self._caller_checks(app, modes, fn)
        extra = agent.extraInfo if isinstance(agent.extraInfo, dict) else {}
        if SUB_MODE_PARAM in extra:  # CheckSubMode: never allowed with a request object
            raise self._refuse(app, "ERR_BGTASK_CHECK_TASK_PARAM", "a request object takes its sub-modes from "
                               "backgroundTaskSubmodes, not from the wantAgent's subMode parameter", fn)
        self._allow_apply(app, ctx.abilityId, modes, fn)
        self.last_task_id += 1
        task_id = self.last_task_id  # taken after the count and background checks, before the mode checks
        rec = TaskRecord(task_id=task_id, bundle=app.bundle_name, ability_name=ctx.abilityInfo.name,
                         ability_id=ctx.abilityId, uid=app.uid, pid=app.pid, modes=list(modes),
                         sub_modes=list(sub_modes), is_batch=True, is_system=app.system_app,
                         want_bundle=agent.bundleName, want_ability=agent.abilityName,
                         started_ms=self._clock.now_ms, by_request=True, combined=combined,
                         combined_task_id=target_id)
        rec.progress = progress  # InitRecordParam: shown in a dataTransfer task's notification
        self._check_modes(app, rec.ability_name, modes, app.system_app, fn, task_id, by_request=True)
        target = self._merge_target(app, rec, fn)
        if target is None:
            self._publish(rec, fn)
        else:  # share the target's notification: nothing is published
            rec.notification_id, rec.label = target.notification_id, target.label
            target.combined_task_id = target.task_id
            target.changed()
        self._insert(rec)
        if target is not None:
            shown = f"sharing notification {rec.notification_id} of continuous task {target.task_id}"
        elif rec.notification_id != -1:
            shown = f"notification {rec.notification_id}" + (
                f" and {rec.sub_notification_id}" if rec.sub_notification_id != -1 else "")
        else:
            shown = "no notification (no text for its modes)"
        self._events.emit(EventKind.CONTINUOUS_STARTED, f"started continuous task {task_id} for {_names(modes)} "
                          f"on {rec.ability_name} #{ctx.abilityId} with a ContinuousTaskRequest, {shown}",
                          app.bundle_name, task_id, modes=list(rec.mode_names), notification_id=rec.notification_id)
        self.listeners.notify_state("onContinuousTaskStart", rec)
        self._persist(app, fn, f"continuous task {task_id} stays registered")
        return rec.notification_id, task_id

    def _merge_target(self: ContinuousManager, app: App, rec: TaskRecord, fn: str) -> TaskRecord | None:
        """CheckCombinedTaskNotification: None when the task gets its own notification, else the task whose
        notification it shares."""
        target_id = rec.combined_task_id
        if rec.combined and DATA_TRANSFER in rec.modes:
            raise self._refuse(app, "ERR_BGTASK_CONTINUOUS_DATA_TRANSFER_NOT_MERGE_NOTIFICATION", "a dataTransfer "
                               f"task may not share a notification; id {rec.task_id} was used up anyway", fn)
        if rec.combined and SPECIAL_SCENARIO_PROCESSING in rec.modes:
            raise self._refuse(app, "ERR_BGTASK_CONTINUOUS_SPECIAL_SCENARIO_PROCESSING_NOT_MERGE_NOTIFICATION",
                               "a specialScenarioProcessing task may not share a notification; id "
                               f"{rec.task_id} was used up anyway", fn)
        if target_id == -1:
            return None
        if not rec.combined:
            raise self._refuse(app, "ERR_BGTASK_CONTINUOUS_NOT_MERGE_CURRENTTASK_COMBINED_FALSE", "the request names "
                               f"task {target_id} to share with but has combinedTaskNotification false; id "
                               f"{rec.task_id} was used up anyway", fn)
        target = next((r for r in self.by_uid.get(app.uid, {}).values() if r.task_id == target_id), None)
        if target is None:
            raise self._refuse(app, "ERR_BGTASK_CONTINUOUS_TASKID_INVALID", f"the app has no continuous task "
                               f"{target_id} to share a notification with; id {rec.task_id} was used up anyway", fn)
        problem = None
        if not target.combined:
            problem = ("ERR_BGTASK_CONTINUOUS_NOT_MERGE_COMBINED_FALSE",
                       f"task {target_id} was started without combinedTaskNotification")
        elif target.notification_id == -1:
            problem = ("ERR_BGTASK_CONTINUOUS_NOT_MERGE_NOTIFICATION_NOT_EXIST",
                       f"task {target_id} has no notification")
        elif set(target.modes) != set(rec.modes) or set(target.sub_modes) != set(rec.sub_modes):
            problem = ("ERR_BGTASK_CONTINUOUS_MODE_OR_SUBMODE_TYPE_MISMATCH", f"task {target_id} runs "
                       f"{_names(target.modes)} (sub-modes {target.sub_modes}), not {_names(rec.modes)} "
                       f"(sub-modes {rec.sub_modes})")
        if problem is not None:
            raise self._refuse(app, problem[0], f"{problem[1]}; id {rec.task_id} was used up anyway", fn)
        return target

    # -- updateBackgroundRunning(context, request) -----------------------------------------------------
    def update_by_request(self: ContinuousManager, app: App, modes: list[int], sub_modes: list[int],
                          agent: WantAgent, task_id: int, has_progress: bool = False,
                          combined: bool = False) -> tuple[int, int]:
        """UpdateBackgroundRunningByTaskIdInner: the task is found by id alone, whoever owns it."""
        fn = "updateBackgroundRunning"
        self._caller_checks(app, modes, fn)
        if task_id < 0:
            raise self._refuse(app, "ERR_BGTASK_CONTINUOUS_TASKID_INVALID", f"task id {task_id} is negative", fn)
        rec = next((r for r in self.tasks.values() if r.task_id == task_id and r.by_request), None)
        if rec is None:
            raise self._refuse(app, "ERR_BGTASK_OBJECT_NOT_EXIST", f"no task started with a ContinuousTaskRequest "
                               f"has id {task_id}", fn)
        owner = self._emu.app_by_uid(rec.uid) or app
        # the modes the caller's ability of the task's name declares; the owner's system flag and ACLs
        self._check_modes(app, rec.ability_name, modes, rec.is_system, fn, by_request=True, owner=owner)
        if DATA_TRANSFER in rec.modes or DATA_TRANSFER in modes:
            raise self._refuse(app, "ERR_BGTASK_CONTINUOUS_DATA_TRANSFER_NOT_UPDATE", "a dataTransfer task cannot "
                               "be updated, nor can a task be updated to dataTransfer", fn)
        if has_progress:  # CTM:1192-1195: progress goes through updateDataTransferProgress only
            raise self._refuse(app, "ERR_BGTASK_CONTINUOUS_PROGRESS_INFO_INVALID", "an update request may not carry "
                               "progressInfo; use updateDataTransferProgress", fn)
        if SPECIAL_SCENARIO_PROCESSING in rec.modes and combined:  # CTM:1196-1201
            raise self._refuse(app, "ERR_BGTASK_CONTINUOUS_SPECIAL_SCENARIO_PROCESSING_NOT_MERGE_NOTIFICATION",
                               f"task {task_id} runs specialScenarioProcessing, which never shares a notification", fn)
        title = self._title(rec, fn)
        old = list(rec.modes)
        if not rec.combined:
            rec.modes, rec.sub_modes, rec.mode_id = list(modes), list(sub_modes), modes[0]
        rec.want_bundle, rec.want_ability = agent.bundleName, agent.abilityName  # even if refused below
        rec.changed()
        if rec.combined:
            if set(old) != set(modes):
                raise self._refuse(app, "ERR_BGTASK_CONTINUOUS_UPDATE_FAIL_SAME_MODE_AND_MERGED", f"task {task_id} "
                                   f"allows merging, so its modes ({_names(old)}) cannot change; only its wantAgent "
                                   "can (the new wantAgent is kept in memory anyway)", fn)
            self._refresh_notification(rec, title, None)
        else:
            text = self._text(rec) or ""  # GetNotificationText: the same builder, an error gives no text
            if text:
                self._refresh_notification(rec, title, text)
        self._events.emit(EventKind.CONTINUOUS_UPDATED, f"continuous task {task_id} now runs {_names(rec.modes)} "
                          f"(was {_names(old)}), updated by task id", app.bundle_name, task_id, changed=True,
                          modes=list(rec.mode_names), notification_id=rec.notification_id)
        if rec.suspended:
            self._activate_uid(rec.uid, f"{fn} reactivates the app's suspended tasks")
        self.listeners.notify_state("onContinuousTaskUpdate", rec)
        self._persist(app, fn, f"continuous task {task_id} keeps its new modes")
        return rec.notification_id, task_id

    # -- updateDataTransferProgress(context, progress), API 26.1 ------------------------------------------
    def update_progress(self: ContinuousManager, app: App, task_id: int, progress: ProgressArgs,
                        agent: WantAgent | None) -> None:
        """UpdateDataTransferProgressInner (CTM:1285-1323): the caller's own dataTransfer task, found by id, gets
        the progress and its notification is published again (same id and label)."""
        fn = "updateDataTransferProgress"
        if app.atomic_service:
            raise self._refuse(app, "ERR_BGTASK_PERMISSION_DENIED", "atomic services may not update a progress", fn)
        self._caller_checks(app, [], fn)
        if task_id < 0:
            raise self._refuse(app, "ERR_BGTASK_CONTINUOUS_TASKID_INVALID", f"task id {task_id} is negative", fn)
        rec = next((r for r in self.tasks.values() if r.task_id == task_id and r.uid == app.uid), None)
        if rec is None:
            raise self._refuse(app, "ERR_BGTASK_OBJECT_NOT_EXIST", f"{app.bundle_name} has no continuous task with "
                               f"id {task_id}", fn)
        if DATA_TRANSFER not in rec.modes:
            raise self._refuse(app, "ERR_BGTASK_CONTINUOUS_NOT_DATA_TRANSFER", f"task {task_id} runs "
                               f"{_names(rec.modes)}, not dataTransfer", fn)
        if agent is not None:
            rec.want_bundle, rec.want_ability = agent.bundleName, agent.abilityName
        rec.progress = progress
        rec.changed()
        shown = "unset" if progress.progress_value == -1 else f"{progress.progress_value}%"
        self._events.emit(EventKind.CONTINUOUS_UPDATED, f"continuous task {task_id}: data transfer progress {shown} "
                          f"({progress.title!r}, {progress.file_name!r})", app.bundle_name, task_id, changed=True,
                          progress=progress.progress_value)
        self._publish(rec, fn)
        self._persist(app, fn, f"continuous task {task_id} keeps its new progress")
