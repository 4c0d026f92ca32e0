"""on / off for continuousTaskCancel, continuousTaskSuspend, continuousTaskActive, and the system API
subscribeContinuousTaskState / unsubscribeContinuousTaskState (research-napi §2.9, §2.10).

The native layer keeps one subscriber per process: on() ORs the type's flag into it and asks the
service every time (an error is thrown and the callback is not added); a callback already there is
not added twice; off() tells the service only when no type has a callback left, so the flag of a
type emptied earlier stays set until then.
"""

from __future__ import annotations

from typing import Any

from emulator.kit.args import is_array, is_function, is_object
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
        manager = self._emu.continuous
        left = len(sub.observers.get(type_, ()))
        if not sub.empty():
            manager.listener_event(self._app, f"{fn}('{type_}'): {removed} removed, {left} left; the service keeps "
                                   f"flags {sub.service_flags} until every type is empty", type=type_, count=left)
            return
        flag = TYPE_FLAGS[type_]
        sub.js_flags &= ~flag
        self._service(fn, lambda: manager.check_subscriber(self._app, flag, fn))
        manager.listeners.drop_process(sub.pid)
        manager.listener_event(self._app, f"{fn}('{type_}'): {removed} removed; no callback left, so the app "
                               "unsubscribed from the service", type=type_, count=0)

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
        if kwargs or len(args) != 1 or not is_object(args[0]) or is_array(args[0]):
            raise self._invalid(fn)
        return args[0]

    def subscribeContinuousTaskState(self, *args: Any, **kwargs: Any) -> None:
        """System API: subscriber.onContinuousTaskStart / Update / Stop(ContinuousTaskInfo) for every app's tasks."""
        fn = "subscribeContinuousTaskState"
        self._subscribe(fn, STATE, self._state_arg(fn, args, kwargs))

    def unsubscribeContinuousTaskState(self, *args: Any, **kwargs: Any) -> None:
        fn = "unsubscribeContinuousTaskState"
        subscriber = self._state_arg(fn, args, kwargs)
        sub = self._subscriber()
        if sub is None:
            raise self._invalid(fn)  # no subscriber at all: 401 "The input param is invalid."
        items = sub.observers.get(STATE, [])
        before = len(items)
        items[:] = [s for s in items if s is not subscriber]
        self._unsubscribe(fn, sub, STATE, before - len(items))
