"""What every kit function shares: the calling app, 401 refusals, injected faults, the async forms."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable, TypeVar

from emulator.errors import BusinessError, error
from emulator.events import EventKind
from emulator.kit.args import call_js
from emulator.kit.promise import Promise, settle

if TYPE_CHECKING:
    from emulator.apps import App
    from emulator.emulator import Emulator

T = TypeVar("T")


class KitBase:
    def __init__(self, app: App) -> None:
        self._app = app
        self._emu: Emulator = app._emu

    def _param(self, function: str, name: str) -> BusinessError:
        """An error the JS layer throws before any service is asked: a 401, or a code such as 9800005."""
        err = error(name)
        self._emu.events.emit(EventKind.CALL_REFUSED, f"refused by the JS layer of {function}: {err.message} "
                              f"({err.code})", self._app.bundle_name, function=function, code=err.code, error=name)
        return err

    def _argv(self, function: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> tuple[Any, ...]:
        """ArkTS has no keyword arguments: passing any counts as a wrong number of arguments."""
        if kwargs:
            raise self._param(function, "ERR_PARAM_NUMBER_ERR")
        return args

    def _service(self, function: str, work: Callable[[], T]) -> T:
        """Ask the service, unless an injected fault makes the IPC fail first."""
        fault = self._emu.faults.take(function, self._app.bundle_name)
        if fault is not None:
            raise fault
        app = self._app
        if app.alive:
            return self._emu.app_code.service_call(work)
        try:
            return self._emu.app_code.service_call(work)
        finally:
            # A dead process's call can only be one sent before it died: the app-death handler then
            # removes what the call started (docs/quirks.md, "A call made through a dead app").
            self._emu.continuous.on_dead_caller(app, function)

    def _async(self, function: str, work: Callable[[], T], callback: Any = None,
               error_value: Any = None) -> Promise[T] | None:
        """The promise form (callback None) or the callback form: callback(err, data) exactly once."""
        promise = settle(lambda: self._service(function, work))
        if callback is None:
            return promise
        err = promise.error()
        args = (err, error_value) if err is not None else (None, promise.result())
        self._emu.call_app(self._app, lambda: call_js(callback, *args), f"{function} callback")
        return None
