"""BgContinuousTaskMgr: continuous tasks, their notifications, suspension and the system's cancellations.

State and removal live here; the calls apps make are in continuous_calls.py (v9/v12) and
continuous_request.py (API-21 request objects), notifications in continuous_notify.py, persistence and
restore in continuous_restore.py, listener dispatch in continuous_listeners.py.
Sources: service-rules §2; research-service §2, §3; research-napi §2.5-2.10.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from emulator.apps import App, ProcessState
from emulator.errors import BusinessError, error
from emulator.events import EventKind
from emulator.modes import CANCEL_REASON_BY_MODE, DATA_TRANSFER, SUSPEND_REASON_BY_MODE
from emulator.service.continuous_calls import ContinuousCalls
from emulator.service.continuous_listeners import Listeners
from emulator.service.continuous_model import (
    FREEZE_CANCEL, REMOVE_NOTIFICATION_CANCEL, SYSTEM_CANCEL, USER_CANCEL, TaskRecord,
)
from emulator.service.continuous_restore import ContinuousRestore
from emulator.service.continuous_media import ContinuousMedia
from emulator.service.continuous_notify import ContinuousNotify
from emulator.service.continuous_auth import SpecialAuth
from emulator.service.continuous_request import ContinuousRequestCalls
from emulator.service.notifications import NotificationDrawer
from emulator.service.persistence import StateFile

if TYPE_CHECKING:
    from emulator.emulator import Emulator
    from emulator.snapshot import ContinuousTaskView, NotificationView

__all__ = ["ContinuousManager"]

DETAIL_USER_REMOVED, DETAIL_LOW_SPEED, DETAIL_USED_ILLEGALLY = 3, 4, 11  # ContinuousTaskDetailedCancelReason


class ContinuousManager(ContinuousCalls, ContinuousRequestCalls, ContinuousNotify, ContinuousMedia,
                        ContinuousRestore):
    def __init__(self, emu: Emulator) -> None:
        self._emu = emu
        self._clock = emu.clock
        self._events = emu.events
        self.drawer = NotificationDrawer()  # the notification service's: survives a service restart
        self.listeners = Listeners(emu)  # in the app processes: survive a service restart
        self.file = StateFile(emu, "running_task", self._serialize)
        self._reset_state()
        self.auth = SpecialAuth(self)  # special-scenario authorisation records (auth_record)

    def _reset_state(self) -> None:
        self.tasks: dict[str, TaskRecord] = {}  # continuousTaskInfosMap_ by key
        self.by_id: dict[int, TaskRecord] = {}
        self.by_uid: dict[int, dict[str, TaskRecord]] = {}
        self.last_task_id = 0  # continuousTaskIdIndex_: the next id is last + 1
        self.last_notification_id = -1  # NotificationTools::notificationIdIndex_
        self.held_at_background: dict[int, list[int]] = {}  # applyTaskOnForeground_: modes held on leaving
        self._reset_media()  # what it heard of AVSession and live views: memory only

    # -- helpers --------------------------------------------------------------------------------
    def _refuse(self, app: App, name: str, why: str, function: str) -> BusinessError:
        err = error(name)
        self._events.emit(EventKind.CONTINUOUS_REFUSED, f"refused: {why} ({err.code})", app.bundle_name,
                          function=function, code=err.code, error=name)
        return err

    def _check_ready(self, app: App, fn: str) -> None:
        if not self._emu.service_ready:
            raise self._refuse(app, "ERR_BGTASK_SYS_NOT_READY", "the background task service is not ready", fn)

    def _insert(self, rec: TaskRecord) -> None:
        self.tasks[rec.key] = rec
        self.by_id[rec.task_id] = rec
        self.by_uid.setdefault(rec.uid, {})[rec.key] = rec

    def _erase(self, rec: TaskRecord) -> None:
        self.tasks.pop(rec.key, None)
        self.by_id.pop(rec.task_id, None)
        mine = self.by_uid.get(rec.uid)
        if mine is not None:
            mine.pop(rec.key, None)
            if not mine:
                del self.by_uid[rec.uid]

    def _persist(self, app: App | None, fn: str, stays: str) -> None:
        """RefreshTaskRecord; on a storage failure the call answers 9800007 but the change stays."""
        try:
            self.file.changed()
        except BusinessError as err:
            if app is not None:
                self._events.emit(EventKind.CONTINUOUS_REFUSED, f"{fn} answers {err.code}: running_task could not "
                                  f"be written, but {stays}, as on a device", app.bundle_name, function=fn,
                                  code=err.code, error=err.name)
            raise

    def _persist_quietly(self) -> None:
        try:
            self.file.changed()
        except BusinessError:
            pass  # the result of RefreshTaskRecord is ignored on this path

    # -- removal, suspension, activation -----------------------------------------------------------
    def _remove(self, rec: TaskRecord, reason: int, detailed: int, kind: EventKind, why: str,
                cancel_notification: bool = True) -> None:
        if self.tasks.get(rec.key) is not rec:
            return  # already ended (an app callback may have stopped it meanwhile)
        rec.reason = reason
        rec.detailed_reason = detailed
        self._erase(rec)
        if cancel_notification and rec.notification_id != -1 and not self._shares_notification(rec):
            self._cancel_notification(rec, f"continuous task {rec.task_id} ended")
            self._cancel_sub_notification(rec, f"continuous task {rec.task_id} ended")
        self._events.emit(kind, f"continuous task {rec.task_id} ended: {why} (reason {reason}, detailed "
                          f"reason {detailed})", rec.bundle, rec.task_id, cancel_reason=reason,
                          detailed_reason=detailed)
        self._persist_quietly()
        self.listeners.notify_cancel(rec)

    def _suspend(self, rec: TaskRecord) -> None:
        rec.suspended = True
        rec.suspend_reason = SUSPEND_REASON_BY_MODE.get(rec.modes[0], -1)
        rec.changed()
        if rec.notification_id != -1:  # even when another task shares it (HandleSuspendContinuousTask)
            self._cancel_notification(rec, f"continuous task {rec.task_id} is suspended")
        self._cancel_sub_notification(rec, f"continuous task {rec.task_id} is suspended")
        self._events.emit(EventKind.CONTINUOUS_SUSPENDED, f"continuous task {rec.task_id} suspended with reason "
                          f"{rec.suspend_reason}: the system found its work not running and the app listens for "
                          "continuousTaskSuspend (which is told -1); it no longer keeps the app awake", rec.bundle,
                          rec.task_id,
                          suspend_reason=rec.suspend_reason)
        self._persist_quietly()
        self.listeners.notify_suspend(rec)

    def _activate_uid(self, uid: int, why: str) -> None:
        """HandleActiveContinuousTask: every suspended task of the uid becomes active again.

        A task whose notification id was already re-published in this pass (a merged task) is not
        published again: it takes the label and id published last, as the service does.
        """
        published: list[int] = []
        last_label, last_id = "default", -1
        for rec in [r for r in self.by_uid.get(uid, {}).values() if r.suspended]:
            if self.tasks.get(rec.key) is not rec or not rec.suspended:
                continue  # changed by an app callback meanwhile
            rec.suspended = False
            rec.changed()
            self._events.emit(EventKind.CONTINUOUS_ACTIVATED, f"continuous task {rec.task_id} active again: {why}",
                              rec.bundle, rec.task_id)
            if rec.notification_id != -1:
                if last_id == -1 or rec.notification_id not in published:
                    published.append(rec.notification_id)
                    self._publish(rec, "ActiveContinuousTask")
                    last_label, last_id = rec.label, rec.notification_id
                else:
                    rec.label, rec.notification_id = last_label, last_id
            self._persist_quietly()
            self.listeners.notify_active(rec)

    # -- what the service hears from the rest of the system ------------------------------------
    def on_process_state(self, app: App, new: ProcessState) -> None:
        self._note_app_state(app, new)
        if new is ProcessState.FOREGROUND and self._emu.service_ready:
            if any(r.suspended for r in self.by_uid.get(app.uid, {}).values()):
                self._activate_uid(app.uid, "the app came back to the foreground (resource scheduler's "
                                   "ActiveContinuousTask)")

    def on_process_died(self, app: App, pid: int) -> None:
        self.listeners.drop_process(pid)
        if not self._emu.service_ready:
            return  # OnAppStopped returns early: the tasks stay until a restart drops them
        self.auth.on_callback_died(pid)  # the binder death of a waiting authorisation callback
        for rec in list(self.by_uid.get(app.uid, {}).values()):
            self._remove(rec, SYSTEM_CANCEL, 0, EventKind.CONTINUOUS_CANCELLED, "the app's process stopped")
        self.auth.on_app_stopped(app)

    def on_dead_caller(self, app: App, fn: str) -> None:
        """A call from a process that is gone raced its death: OnAppStopped, which follows, removes what it
        started (the service itself checks no caller pid on these paths). Not ready: OnAppStopped does
        nothing, but then no call could start anything either."""
        if not self._emu.service_ready:
            return
        self.listeners.drop_process(app.pid)
        for rec in [r for r in self.by_uid.get(app.uid, {}).values() if r.pid == app.pid]:
            self._remove(rec, SYSTEM_CANCEL, 0, EventKind.CONTINUOUS_CANCELLED, f"its caller's process was "
                         f"already dead when {fn} arrived, so the app-death handler (OnAppStopped) removes it")

    def on_ability_terminated(self, app: App, ability_id: int) -> None:
        if not self._emu.service_ready:
            return
        for rec in [r for r in self.by_uid.get(app.uid, {}).values() if r.ability_id == ability_id]:
            self._remove(rec, USER_CANCEL, 0, EventKind.CONTINUOUS_CANCELLED, f"its UIAbility #{ability_id} ended")

    def on_data_cleared(self, app: App) -> None:
        if not self._emu.service_ready:
            return
        for rec in list(self.by_uid.get(app.uid, {}).values()):
            self._remove(rec, SYSTEM_CANCEL, 0, EventKind.CONTINUOUS_CANCELLED, "the app's data was cleared "
                         "(COMMON_EVENT_PACKAGE_DATA_CLEARED)")

    def on_common_event(self, name: str) -> None:
        pass  # the continuous manager listens for package and user events only

    def holds(self, app: App) -> list[str]:
        return _active(self.by_uid.get(app.uid, {}))

    def holds_by_uid(self) -> dict[int, list[str]]:
        """holds() of every app that holds something, in one pass (for snapshots)."""
        return {uid: held for uid, tasks in self.by_uid.items() if (held := _active(tasks))}

    # -- the user and the system ------------------------------------------------------------------
    def _task(self, task_id: int) -> TaskRecord:
        rec = self.by_id.get(task_id) if isinstance(task_id, int) and not isinstance(task_id, bool) else None
        if rec is None:
            live = ", ".join(map(str, sorted(self.by_id))) or "none"
            raise ValueError(f"no continuous task has id {task_id!r} (live: {live})")
        return rec

    def _ignored_not_ready(self, rec: TaskRecord, what: str) -> bool:
        if self._emu.service_ready:
            return False
        self._events.emit(EventKind.CONTINUOUS_REFUSED, f"ignored: {what} for continuous task {rec.task_id} "
                          "arrived while the service is not ready", rec.bundle, rec.task_id, code=None)
        return True

    def remove_notification_by_user(self, notification_id: int, label: str | None = None) -> None:
        """TaskNotificationSubscriber::OnCanceled -> StopContinuousTaskByUser: the task is found by the key the
        label spells (its publisher's), then every task sharing that task's notification ends. Removing one of
        a request-object task's two notifications cancels the other.

        A notification is its (label, id): after a service restart the ids start again at 0 while the drawer
        keeps what the old service posted, so two can share an id. `label` picks one; without it every
        notification with the id goes (one swipe each, in id-then-label order)."""
        notes = self.drawer.with_id(notification_id) if isinstance(notification_id, int) else []
        if not notes:
            raise ValueError(f"no notification has id {notification_id!r} in the drawer")
        if label is not None:
            notes = [note for note in notes if note.label == label]
            if not notes:
                raise ValueError(f"no notification has id {notification_id} and label {label!r} in the drawer")
        for note in notes:
            if note.label.startswith("bgbanner_"):  # an authorisation banner (TaskNotificationSubscriber)
                self.auth.user_removed_banner(note.label, notification_id)
                continue
            self.drawer.cancel(note.label, note.notification_id)
            self._events.emit(EventKind.NOTIFICATION_REMOVED, f"notification {notification_id} removed by the user",
                              note.bundle, notification_id, by_user=True)
            rec = self.tasks.get(note.key)
            if rec is None or rec.notification_id == -1:
                continue  # StopContinuousTaskByUser finds no task to end
            if self._ignored_not_ready(rec, "the user's removal of its notification"):
                continue
            for other in [r for r in list(self.tasks.values())
                          if r.notification_id == rec.notification_id and r.label == rec.label]:
                if note.is_sub:
                    self._cancel_notification(other, "the user removed its second notification")
                else:
                    self._cancel_sub_notification(other, "the user removed its main notification")
                # only the task the label names gets detailed reason 3; the others keep 0 (CTM:2746-2802 at HEAD)
                detailed = DETAIL_USER_REMOVED if other is rec else 0
                own = other.sub_notification_id if note.is_sub else other.notification_id
                why = (f"the user removed its notification {notification_id}" if own == notification_id else
                       f"the user removed notification {notification_id}, which has its label (the service goes by "
                       f"the label alone); its own notification {own} stays")
                self._remove(other, REMOVE_NOTIFICATION_CANCEL, detailed, EventKind.CONTINUOUS_CANCELLED, why,
                             cancel_notification=False)

    def system_suspend(self, task_id: int) -> None:
        rec = self._task(task_id)
        if self._ignored_not_ready(rec, "the resource scheduler's SuspendContinuousTask"):
            return
        if self.listeners.has_suspend_listener(rec.uid):
            self._suspend(rec)
        else:
            detailed = CANCEL_REASON_BY_MODE.get(rec.modes[0], 0)
            self._remove(rec, FREEZE_CANCEL, detailed, EventKind.CONTINUOUS_CANCELLED, "the system found its work "
                         "not running, and the app does not listen for continuousTaskSuspend")

    def system_stop(self, task_id: int, cause: str) -> None:
        rec = self._task(task_id)
        if self._ignored_not_ready(rec, f"the resource scheduler's StopContinuousTask ({cause})"):
            return
        if cause == "not_running":
            self._remove(rec, FREEZE_CANCEL, CANCEL_REASON_BY_MODE.get(rec.modes[0], 0),
                         EventKind.CONTINUOUS_CANCELLED, "the system found its work not running")
        elif cause == "low_speed":
            for r in [r for r in list(self.by_uid.get(rec.uid, {}).values()) if DATA_TRANSFER in r.modes]:
                self._remove(r, FREEZE_CANCEL, DETAIL_LOW_SPEED, EventKind.CONTINUOUS_CANCELLED,
                             "the app's data transfer is too slow (every dataTransfer task of the app ends)")
        else:
            for r in list(self.by_uid.get(rec.uid, {}).values()):
                self._remove(r, FREEZE_CANCEL, DETAIL_USED_ILLEGALLY, EventKind.CONTINUOUS_CANCELLED,
                             "the system found the app misusing continuous tasks (all of its tasks end)")

    # -- views ----------------------------------------------------------------------------------
    def task_views(self) -> tuple[ContinuousTaskView, ...]:
        from emulator.snapshot import ContinuousTaskView

        listeners = self.listeners.types_by_uid()  # not types_for(uid) per task: that scans every subscriber
        out = []
        for task_id in sorted(self.by_id):
            r = self.by_id[task_id]
            out.append(ContinuousTaskView(
                continuous_task_id=r.task_id, key=r.key, bundle_name=r.bundle, uid=r.uid, pid=r.pid,
                ability_name=r.ability_name, ability_id=r.ability_id, modes=r.mode_names,
                notification_id=r.notification_id, suspended=r.suspended,
                suspend_reason=r.suspend_reason if r.suspended else None,
                want_agent_bundle=r.want_bundle if r.want_bundle is not None else "NULL",
                want_agent_ability=r.want_ability if r.want_bundle is not None else "NULL",
                started_ms=r.started_ms, listeners=listeners.get(r.uid, ()),
                sub_modes=r.sub_mode_names, notification_label=r.label, by_request_object=r.by_request,
                combined_task_notification=r.combined, combined_notification_task_id=r.combined_task_id,
                sub_notification_id=r.sub_notification_id, sub_notification_label=r.sub_label))
        return tuple(out)

    def notification_views(self) -> tuple[NotificationView, ...]:
        from emulator.snapshot import NotificationView

        return tuple(NotificationView(
            notification_id=n.notification_id, bundle_name=n.bundle, title=n.title, text=n.text, label=n.label,
            task_ids=tuple(sorted(r.task_id for r in self.by_uid.get(n.uid, {}).values()
                                  if (r.notification_id, r.label) == (n.notification_id, n.label)
                                  or (r.sub_notification_id, r.sub_label) == (n.notification_id, n.label))),
            progress=n.progress, control_flags=n.control_flags, buttons=n.buttons)
            for n in self.drawer)


def _active(tasks: dict[str, TaskRecord]) -> list[str]:
    return [f"continuous task {r.task_id}" for r in tasks.values() if not r.suspended]
