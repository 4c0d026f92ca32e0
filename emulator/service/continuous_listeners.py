"""The apps' continuous-task listeners and how the service's notifications reach them.

Each app process has at most one JsBackgroundTaskSubscriber (the NAPI singleton) holding the
callbacks of on('continuousTaskCancel' | 'continuousTaskSuspend' | 'continuousTaskActive') and the
objects of subscribeContinuousTaskState. The service knows it by uid with a flag mask: on() ORs in
the type's flag, off() clears it once that type has no callback left, and the service drops the
subscriber when no flag is left (HEAD e75584cd: NAPI:1249-1329, CTM:2316-2384). Dispatch follows
NotifySubscribers* (CTM:2980-3131) and the JS subscriber's handlers (JSSUB:134-483):

- cancel: the service calls a subscriber's OnContinuousTaskStop when it is the owner and the reason
  is 1 or 2 (CanNotifyHap), or it has the state flag (8); in that process the state subscribers'
  onContinuousTaskStop run first, then every cancel callback (JSSUB:306-343), whoever owns the task;
- suspend / active: a subscriber with the state flag hears onContinuousTaskStop / onContinuousTaskStart,
  and then the owner's process hears continuousTaskSuspend / continuousTaskActive;
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

__all__ = ["JsSubscriber", "Listeners", "CANCEL", "SUSPEND", "ACTIVE", "STATE", "TYPE_FLAGS", "task_info",
           "SUSPEND_MESSAGES", "suspend_message"]

CANCEL, SUSPEND, ACTIVE = "continuousTaskCancel", "continuousTaskSuspend", "continuousTaskActive"
STATE = "subscribeContinuousTaskState"
TYPE_FLAGS = {CANCEL: FLAG_CANCEL, SUSPEND: FLAG_SUSPEND, ACTIVE: FLAG_ACTIVE, STATE: FLAG_STATE}
# The JS layer passes -1 as ContinuousTaskSuspendInfo.suspendReason (JSSUB:399-402 at HEAD e75584cd); the
# record's reason goes into suspendMessage (JSSUB:404-414).
JS_SUSPEND_REASON = -1
# SUSPEND_REASON_TO_MESSAGE (interfaces/innerkits/src/continuous_task_suspend_reason.cpp:42-75 at e75584cd).
SUSPEND_MESSAGES: dict[int, str] = {
    4: "For a period of time, the application did not use data transfer or the data transfer rate was too low.",
    5: "The application did use avsession when request audio playback mode.",
    6: "Audio is not running when request audio playback mode.",
    7: "No recording stream detected when applying for audio recording mode",
    8: "Not use location when request location mode.",
    9: "Bluetooth connection not detected when request bluetooth interaction mode.",
    10: "Not use multi device when request multi-device connection mode.",
    11: "Detected that the application is using an unapproved mode",
    12: "System load warning.",
    13: "No audio stream or recording stream detected when applying for voip mode",
    14: "Not bluetooth data for a period of time when request bluetooth interaction mode.",
    15: "The location has not moved for a period of time when request location mode.",
    16: "The system muted for a period of time when request audio playback mode.",
    17: "No nearlink connection for a period of time when request nearlink mode.",
    18: "No nearlink data for a period of time when request nearlink mode.",
    19: "User not authorized when request MODE_SPECIAL_SCENARIO_PROCESSING.",
}


def suspend_message(reason: int) -> str:
    """GetSuspendReasonMessage: an unknown reason (-1 included) reads "unknown suspendReason"."""
    return SUSPEND_MESSAGES.get(reason, "unknown suspendReason")


def task_info(rec: TaskRecord, with_state: bool = False) -> ContinuousTaskInfo:
    """ContinuousTaskInfo as GetAllContinuousTasksInner builds it ("NULL" when there is no wantAgent info).

    The queries never set suspendState (CTM:2008-2016; default false, continuous_task_info.h:160); the
    state subscriber's callbacks carry the record's (with_state, COMMON:1001).
    """
    from emulator.kit.types import ContinuousTaskInfo

    return ContinuousTaskInfo(
        abilityName=rec.ability_name, uid=rec.uid, pid=rec.pid, isFromWebView=False,
        backgroundModes=list(rec.mode_names), backgroundSubModes=list(rec.sub_mode_names),
        notificationId=rec.notification_id, continuousTaskId=rec.task_id, abilityId=rec.ability_id,
        wantAgentBundleName=rec.want_bundle if rec.want_bundle is not None else "NULL",
        wantAgentAbilityName=rec.want_ability if rec.want_bundle is not None else "NULL",
        suspendState=rec.suspended if with_state else False, bundleName=rec.bundle, appIndex=rec.app_index)


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
        info = task_info(rec, with_state=True)  # as sent, whatever the record becomes before it arrives

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

    def _on_stop(self, sub: JsSubscriber, rec: TaskRecord) -> int:
        """JsBackgroundTaskSubscriber::HandleOnContinuousTaskStop: state subscribers, then cancel callbacks."""
        from emulator.kit.types import ContinuousTaskCancelInfo

        self._call_state(sub, "onContinuousTaskStop", rec)
        info = ContinuousTaskCancelInfo(reason=rec.reason, id=rec.task_id, detailedReason=rec.detailed_reason)
        return self._call_type(sub, CANCEL, info)

    # -- dispatch ----------------------------------------------------------------------------
    def notify_cancel(self, rec: TaskRecord) -> int:
        """TASK_CANCEL; returns how many of the owning app's cancel callbacks were called."""
        heard = 0
        for sub in self._subscribers():
            owner = sub.uid == rec.uid and rec.reason in (REMOVE_NOTIFICATION_CANCEL, FREEZE_CANCEL)
            if owner or sub.service_flags & FLAG_STATE:
                called = self._on_stop(sub, rec)
                heard += called if sub.uid == rec.uid else 0
        return heard

    def notify_suspend(self, rec: TaskRecord) -> int:
        heard = 0
        for sub in self._subscribers():
            if sub.service_flags & FLAG_STATE:
                self._on_stop(sub, rec)
            if sub.uid == rec.uid:
                from emulator.kit.types import ContinuousTaskSuspendInfo, SuspendMessage

                info = ContinuousTaskSuspendInfo(continuousTaskId=rec.task_id, suspendState=rec.suspended,
                                                 suspendReason=JS_SUSPEND_REASON,
                                                 suspendMessage=SuspendMessage(
                                                     message=suspend_message(rec.suspend_reason),
                                                     reason=rec.suspend_reason))
                heard += self._call_type(sub, SUSPEND, info)
        return heard

    def notify_active(self, rec: TaskRecord) -> int:
        heard = 0
        for sub in self._subscribers():
            if sub.service_flags & FLAG_STATE:
                self._call_state(sub, "onContinuousTaskStart", rec)
            if sub.uid == rec.uid:
                from emulator.kit.types import ContinuousTaskActiveInfo

                heard += self._call_type(sub, ACTIVE, ContinuousTaskActiveInfo(id=rec.task_id))
        return heard

    def notify_state(self, method: str, rec: TaskRecord) -> None:
        """TASK_START / TASK_UPDATE: only state subscribers hear of them."""
        for sub in self._subscribers():
            if sub.service_flags & FLAG_STATE:
                self._call_state(sub, method, rec)
