"""The running_task file: every change rewrites the whole map (coalesced by StateFile); restored on restart.

Restore follows HandlePersistenceData / CheckPersistenceData at HEAD e75584cd (CTM:304-412, 2236-2247,
4552-4574): a record whose pid is gone is erased and its notification (and a request's second one)
cancelled, unless a record still in the map uses the same id and label; a live record with
notification id -1 keeps none; a suspended one publishes nothing; a request-object task with
dataTransfer and another mode gets its two notifications again, with their persisted ids; any other
one notification with its own label and id. Both id counters are set to the largest value in the file,
dropped records included.
"""

from __future__ import annotations

from json.encoder import encode_basestring  # type: ignore[attr-defined]
from typing import TYPE_CHECKING

from emulator.apps import ProcessState
from emulator.errors import BusinessError
from emulator.events import EventKind
from emulator.service.continuous_model import TaskRecord

if TYPE_CHECKING:
    from emulator.service.continuous import ContinuousManager


class ContinuousRestore:
    """Mixin of ContinuousManager: saving and restoring the task map."""

    def _serialize(self: ContinuousManager) -> str:
        """The whole map as running_task holds it (RefreshTaskRecord writes all of it each time)."""
        parts = [f"{encode_basestring(key)}:{rec.to_json()}" for key, rec in self.tasks.items()]
        return "{" + ",".join(parts) + "}"

    def _load_records(self: ContinuousManager) -> list[TaskRecord]:
        """The readable records; the file or a record that cannot be read is skipped with an event saying why."""
        try:
            data = self.file.load()
        except (OSError, ValueError) as exc:  # RestoreTaskRecord fails: nothing is restored
            self._unreadable(f"running_task could not be read ({exc}): no continuous task is restored")
            return []
        if data is None:
            return []
        if not isinstance(data, dict):
            self._unreadable("running_task holds no JSON object: no continuous task is restored")
            return []
        out = []
        for key, value in data.items():
            try:
                out.append(TaskRecord.read(value))
            except ValueError as exc:  # ParseFromJson fails: the service skips the record
                self._unreadable(f"the running_task record {str(key)[:60]!r} is skipped: {exc}")
        return out

    def _unreadable(self: ContinuousManager, why: str) -> None:
        self._events.emit(EventKind.CONTINUOUS_DROPPED, why, file=self.file.path.name)

    def restart(self: ContinuousManager, rebooted: bool = False) -> None:
        """The service process restarts (or the device reboots): the map is rebuilt from running_task."""
        if rebooted:
            self.drawer.clear()  # the notification service restarted too
            self.listeners.by_pid.clear()  # every app process died
        self._reset_state()
        self.auth.restart()
        records = self._load_records()
        alive = {app.pid: app for app in self._emu.apps if app.alive}
        max_notification, max_task = -1, -1
        for i, rec in enumerate(records):
            max_notification = max(max_notification, rec.notification_id)
            max_task = max(max_task, rec.task_id)
            app = alive.get(rec.pid)
            if app is None:
                self._events.emit(EventKind.CONTINUOUS_DROPPED, f"continuous task {rec.task_id} not restored: its "
                                  f"process {rec.pid} is no longer running", rec.bundle, rec.task_id)
                still = list(self.tasks.values()) + records[i + 1:]  # what the map holds at this point
                if rec.notification_id != -1 and not any(
                        r.notification_id == rec.notification_id and r.label == rec.label for r in still):
                    self._cancel_notification(rec, "its process died before the service restarted")
                    self._cancel_sub_notification(rec, "its process died before the service restarted")
                continue
            self._insert(rec)
            state = " (still suspended: no notification)" if rec.suspended else ""
            self._events.emit(EventKind.CONTINUOUS_RESTORED, f"continuous task {rec.task_id} restored from "
                              f"running_task{state}: its process {rec.pid} still runs", rec.bundle, rec.task_id)
            if rec.notification_id != -1 and not rec.suspended:  # HandleActiveNotification
                try:
                    self._publish(rec, "restore")
                except BusinessError:
                    pass  # CheckPersistenceData ignores what publishing answers
        if max_notification != -1:
            self.last_notification_id = max_notification
        if max_task != -1:
            self.last_task_id = max_task
        for uid, tasks in self.by_uid.items():  # the modes held on leaving the foreground, rebuilt
            app = self._emu.app_by_uid(uid)
            if app is not None and app.state is not ProcessState.FOREGROUND:
                self.held_at_background[uid] = list(dict.fromkeys(m for r in tasks.values() for m in r.modes))
        self._persist_quietly()
