"""on / off for continuousTaskCancel, continuousTaskSuspend, continuousTaskActive, and the system API
subscribeContinuousTaskState / unsubscribeContinuousTaskState (HEAD e75584cd: NAPI:1249-1329, 1835-1883).

The native layer keeps one subscriber per process: on() ORs the type's flag into it and asks the
service with that flag alone (an error is thrown and the callback is not added); a callback already
there is not added twice; off() tells the service, with that type's flag alone, as soon as the type has
no callback left, and the service clears that flag (dropping the subscriber when none is left); the
process forgets its subscriber once no type has a callback.
"""

from __future__ import annotations

from typing import Any

from emulator.kit.args import get_field, is_function, is_object
from emulator.kit.base import KitBase
from emulator.service.continuous_listeners import ACTIVE, CANCEL, STATE, SUSPEND, TYPE_FLAGS, JsSubscriber

SUBSCRIPTION_FUNCTIONS = ("on", "off", "subscribeContinuousTaskState", "unsubscribeContinuousTaskState")
_TYPES = (CANCEL, SUSPEND, ACTIVE)
_EFFECT = {
    CANCEL: "it hears when the user or the system ends one of its tasks (reasons 1 and 2)",
    SUSPEND: "the system now suspends, instead of cancelling, its tasks whose work is found not running",
    ACTIVE: "it hears when a suspended task becomes active again",
    STATE: "it hears every app's task starting, updating and stopping",
}


class SubscriptionsApi(KitBase):
    def _invalid(self, fn: str) -> Any:
        return self._param(fn, "ERR_BGTASK_INVALID_PARAM")

    def _subscriber(self, create: bool = False) -> JsSubscriber | None:
        app = self._app
        return self._emu.continuous.listeners.get(app.uid, app.pid, app.bundle_name, create)

    def _subscribe(self, fn: str, type_: str, item: Any) -> None:
        manager = self._emu.continuous
        flag = TYPE_FLAGS[type_]
        sub = self._subscriber(create=True)
        assert sub is not None
        sub.js_flags |= flag  # SetFlag before asking the service
        self._service(fn, lambda: manager.check_subscriber(self._app, flag, fn))
        sub.registered = True
        sub.service_flags |= flag
        items = sub.observers.setdefault(type_, [])
        label = "subscriber" if type_ == STATE else "callback"
        if any(existing is item for existing in items):
            manager.listener_event(self._app, f"{fn}('{type_}'): that {label} is already registered; not added "
                                   "twice", type=type_, count=len(items))
            return
        items.append(item)
        manager.listener_event(self._app, f"{fn}('{type_}'): {label} registered ({len(items)} now); {_EFFECT[type_]}",
                               type=type_, count=len(items))

    def _unsubscribe(self, fn: str, sub: JsSubscriber, type_: str, removed: int) -> None:
        """UnSubscribeBackgroundTask: nothing while the type still has callbacks; else the service clears its flag."""
        manager = self._emu.continuous
        left = len(sub.observers.get(type_, ()))
        if left:
            manager.listener_event(self._app, f"{fn}('{type_}'): {removed} removed, {left} left; the service keeps "
                                   f"flags {sub.service_flags}", type=type_, count=left)
            return
        flag = TYPE_FLAGS[type_]
        sub.js_flags &= ~flag
        self._service(fn, lambda: manager.check_subscriber(self._app, flag, fn))
        sub.service_flags &= ~flag  # RemoveSubscriberInner: only this flag; no flag left drops the subscriber
        if not sub.service_flags:
            sub.registered = False
        if sub.empty():
            manager.listeners.drop_process(sub.pid)
            manager.listener_event(self._app, f"{fn}('{type_}'): {removed} removed; no callback left, so the app "
                                   "unsubscribed from the service", type=type_, count=0)
            return
        manager.listener_event(self._app, f"{fn}('{type_}'): {removed} removed, none of this type left; the service "
                               f"stops sending it (flags now {sub.service_flags})", type=type_, count=0)

    def on(self, *args: Any, **kwargs: Any) -> None:
        """on(type, callback): 'continuousTaskCancel' | 'continuousTaskSuspend' | 'continuousTaskActive'."""
        fn = "on"
        if kwargs or len(args) < 2 or not isinstance(args[0], str) or args[0] not in _TYPES \
                or not is_function(args[1]):
            raise self._invalid(fn)
        self._subscribe(fn, args[0], args[1])

    def off(self, *args: Any, **kwargs: Any) -> None:
        """off(type, callback?): without a callback every callback of the type goes."""
        fn = "off"
        if kwargs or len(args) < 1 or not isinstance(args[0], str) or args[0] not in _TYPES \
                or (len(args) == 2 and not is_function(args[1])):
            raise self._invalid(fn)
        sub = self._subscriber()
        if sub is None:
            return None
        type_ = args[0]
        items = sub.observers.get(type_, [])
        before = len(items)
        if len(args) == 1:
            items.clear()
        elif len(args) == 2:
            items[:] = [cb for cb in items if cb is not args[1]]
        self._unsubscribe(fn, sub, type_, before - len(items))
        return None

    def _state_arg(self, fn: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
        """One argument (401 "number"), with the three functions (9800005 callback message), both thrown."""
        if kwargs or len(args) != 1:
            raise self._param(fn, "ERR_PARAM_NUMBER_ERR")
        subscriber = args[0]
        if not is_object(subscriber) or not all(
                is_function(get_field(subscriber, name))
                for name in ("onContinuousTaskStart", "onContinuousTaskUpdate", "onContinuousTaskStop")):
            raise self._param(fn, "ERR_BGTASK_CONTINUOUS_CALLBACK_NULL_OR_TYPE_ERR")
        return subscriber

    def subscribeContinuousTaskState(self, *args: Any, **kwargs: Any) -> None:
        """System API: subscriber.onContinuousTaskStart / Update / Stop(ContinuousTaskInfo) for every app's tasks."""
        fn = "subscribeContinuousTaskState"
        self._subscribe(fn, STATE, self._state_arg(fn, args, kwargs))

    def unsubscribeContinuousTaskState(self, *args: Any, **kwargs: Any) -> None:
        """Without a subscriber in the process: nothing, no error (NAPI:1878-1882)."""
        fn = "unsubscribeContinuousTaskState"
        subscriber = self._state_arg(fn, args, kwargs)
        sub = self._subscriber()
        if sub is None:
            return None
        items = sub.observers.get(STATE, [])
        before = len(items)
        items[:] = [s for s in items if s is not subscriber]
        self._unsubscribe(fn, sub, STATE, before - len(items))
        return None
