"""The apps' continuous-task listeners and how the service's notifications reach them.

Each app process has at most one JsBackgroundTaskSubscriber (the NAPI singleton) holding the
callbacks of on('continuousTaskCancel' | 'continuousTaskSuspend' | 'continuousTaskActive') and the
objects of subscribeContinuousTaskState. The service knows it by uid with a flag mask that only
grows until every list is empty (research-napi §2.10). Dispatch follows NotifySubscribers*
(research-service §3.4; CTM file 5308807446):

- cancel: the owning app's cancel callbacks only for reasons 1 and 2 (CanNotifyHap); state
  subscribers (flag 8) hear onContinuousTaskStop for every task;
- suspend / active: the owning app hears continuousTaskSuspend / continuousTaskActive; other state
  subscribers hear onContinuousTaskStop / onContinuousTaskStart;
- start / update: state subscribers only.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from emulator.service.continuous_model import (
    FLAG_ACTIVE, FLAG_CANCEL, FLAG_STATE, FLAG_SUSPEND, FREEZE_CANCEL, REMOVE_NOTIFICATION_CANCEL, TaskRecord,
)

if TYPE_CHECKING:
    from emulator.emulator import Emulator
    from emulator.kit.types import ContinuousTaskInfo

# The kit (emulator.kit.*) is imported where an app's listener is called, not here: `import emulator`
# does not need it, and it is the largest part of the engine to import.

__all__ = ["JsSubscriber", "Listeners", "CANCEL", "SUSPEND", "ACTIVE", "STATE", "TYPE_FLAGS", "task_info"]

CANCEL, SUSPEND, ACTIVE = "continuousTaskCancel", "continuousTaskSuspend", "continuousTaskActive"
STATE = "subscribeContinuousTaskState"
TYPE_FLAGS = {CANCEL: FLAG_CANCEL, SUSPEND: FLAG_SUSPEND, ACTIVE: FLAG_ACTIVE, STATE: FLAG_STATE}
# The JS layer passes -1 as ContinuousTaskSuspendInfo.suspendReason (js_backgroundtask_subscriber.cpp @c09494c).
JS_SUSPEND_REASON = -1


def task_info(rec: TaskRecord) -> ContinuousTaskInfo:
    """ContinuousTaskInfo as GetAllContinuousTasksInner builds it ("NULL" when there is no wantAgent info)."""
    from emulator.kit.types import ContinuousTaskInfo

    return ContinuousTaskInfo(
        abilityName=rec.ability_name, uid=rec.uid, pid=rec.pid, isFromWebView=False,
        backgroundModes=list(rec.mode_names), backgroundSubModes=list(rec.sub_mode_names),
        notificationId=rec.notification_id, continuousTaskId=rec.task_id, abilityId=rec.ability_id,
        wantAgentBundleName=rec.want_bundle if rec.want_bundle is not None else "NULL",
        wantAgentAbilityName=rec.want_ability if rec.want_bundle is not None else "NULL",
        suspendState=rec.suspended)


class JsSubscriber:
    """One app process's subscriber: its callbacks by type, and what the service holds of it."""

    __slots__ = ("uid", "pid", "bundle", "js_flags", "service_flags", "registered", "observers")

    def __init__(self, uid: int, pid: int, bundle: str) -> None:
        self.uid = uid
        self.pid = pid
        self.bundle = bundle
        self.js_flags = 0  # the singleton's flag_ (SetFlag ORs; cleared only when every list is empty)
        self.service_flags = 0  # SubscriberInfo.flag_ on the service side
        self.registered = False  # the service holds this subscriber
        self.observers: dict[str, list[Any]] = {}

    def types(self) -> tuple[str, ...]:
        return tuple(t for t in (CANCEL, SUSPEND, ACTIVE, STATE) if self.observers.get(t))

    def empty(self) -> bool:
        return not any(self.observers.values())


class Listeners:
    """Subscribers by pid. Kept across a service restart (the JS layer re-subscribes); gone with the process."""

    def __init__(self, emu: Emulator) -> None:
        self._emu = emu
        self.by_pid: dict[int, JsSubscriber] = {}

    def get(self, uid: int, pid: int, bundle: str, create: bool = False) -> JsSubscriber | None:
        sub = self.by_pid.get(pid)
        if sub is not None and sub.uid != uid:
            sub = None
        if sub is None and create:
            sub = self.by_pid[pid] = JsSubscriber(uid, pid, bundle)
        return sub

    def drop_process(self, pid: int) -> JsSubscriber | None:
        return self.by_pid.pop(pid, None)

    def types_for(self, uid: int) -> tuple[str, ...]:
        return self.types_by_uid().get(uid, ())

    def types_by_uid(self) -> dict[int, tuple[str, ...]]:
        """What each uid's live subscribers listen for, first registrations first: one pass over them all."""
        found: dict[int, list[str]] = {}
        for sub in self.by_pid.values():
            if self._alive(sub):
                out = found.setdefault(sub.uid, [])
                out.extend(t for t in sub.types() if t not in out)
        return {uid: tuple(types) for uid, types in found.items()}

    def has_suspend_listener(self, uid: int) -> bool:
        """IsExistCallback(uid, CONTINUOUS_TASK_SUSPEND): the service holds a subscriber of the uid with flag 2."""
        return any(s.registered and s.uid == uid and s.service_flags & FLAG_SUSPEND and self._alive(s)
                   for s in self.by_pid.values())

    def _alive(self, sub: JsSubscriber) -> bool:
        app = self._emu.app_by_uid(sub.uid)
        return app is not None and app.alive and app.pid == sub.pid

    def _subscribers(self) -> list[JsSubscriber]:
        return [s for s in self.by_pid.values() if s.registered and self._alive(s)]

    def _call(self, sub: JsSubscriber, fn: Any, what: str, arg: Any) -> None:
        from emulator.kit.args import call_js

        app = self._emu.app_by_uid(sub.uid)
        if app is not None:
            self._emu.app_code.deliver(app, lambda: call_js(fn, arg), what)

    def _call_state(self, sub: JsSubscriber, method: str, rec: TaskRecord) -> int:
        """Each subscriber object's `method`, read when the news arrives: reading it is app code too."""
        from emulator.kit.args import call_js, get_field, is_function

        app = self._emu.app_by_uid(sub.uid)
        if app is None:
            return 0
        observers = list(sub.observers.get(STATE, ()))
        info = task_info(rec)  # what the service sent, whatever the record becomes before it arrives

        def hear(obj: Any) -> None:
            fn = get_field(obj, method)
            if is_function(fn):
                call_js(fn, info)
        for obj in observers:
            self._emu.app_code.deliver(app, lambda obj=obj: hear(obj), f"subscribeContinuousTaskState {method}")
        return len(observers)

    def _call_type(self, sub: JsSubscriber, type_: str, arg: Any) -> int:
        callbacks = list(sub.observers.get(type_, ()))
        for fn in callbacks:
            self._call(sub, fn, f"on('{type_}') callback", arg)
        return len(callbacks)

    # -- dispatch ----------------------------------------------------------------------------
    def notify_cancel(self, rec: TaskRecord) -> int:
        """TASK_CANCEL; returns how many of the owning app's cancel callbacks were called."""
        heard = 0
        for sub in self._subscribers():
            if sub.uid == rec.uid and rec.reason in (REMOVE_NOTIFICATION_CANCEL, FREEZE_CANCEL):
                from emulator.kit.types import ContinuousTaskCancelInfo

                info = ContinuousTaskCancelInfo(reason=rec.reason, id=rec.task_id, detailedReason=rec.detailed_reason)
                heard += self._call_type(sub, CANCEL, info)
            if sub.service_flags & FLAG_STATE:
                self._call_state(sub, "onContinuousTaskStop", rec)
        return heard

    def notify_suspend(self, rec: TaskRecord) -> int:
        heard = 0
        for sub in self._subscribers():
            if sub.uid == rec.uid:
                from emulator.kit.types import ContinuousTaskSuspendInfo

                info = ContinuousTaskSuspendInfo(continuousTaskId=rec.task_id, suspendState=True,
                                                 suspendReason=JS_SUSPEND_REASON)
                heard += self._call_type(sub, SUSPEND, info)
            elif sub.service_flags & FLAG_STATE:
                self._call_state(sub, "onContinuousTaskStop", rec)
        return heard

    def notify_active(self, rec: TaskRecord) -> int:
        heard = 0
        for sub in self._subscribers():
            if sub.uid == rec.uid:
                from emulator.kit.types import ContinuousTaskActiveInfo

                heard += self._call_type(sub, ACTIVE, ContinuousTaskActiveInfo(id=rec.task_id))
            elif sub.service_flags & FLAG_STATE:
                self._call_state(sub, "onContinuousTaskStart", rec)
        return heard

    def notify_state(self, method: str, rec: TaskRecord) -> None:
        """TASK_START / TASK_UPDATE: only state subscribers hear of them."""
        for sub in self._subscribers():
            if sub.service_flags & FLAG_STATE:
                self._call_state(sub, method, rec)

