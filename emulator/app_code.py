"""The one guarded path for app code the engine runs: callbacks, listeners, subscribers (docs/quirks.md).

- Whatever app code raises is the app's own problem: it is logged against that app and handled as the
  device handles an uncaught exception (a JS crash ends the process unless the app registered
  errorManager.on('error'): `@ohos.app.ability.errorManager.d.ts:40-42`). That end is the device policy
  `uncaught_exception` ("crash", the default, or "log"); the crash comes after the call that ran the
  code has returned. KeyboardInterrupt and SystemExit always propagate.
- Listener delivery is asynchronous, as the service's oneway IPC to the app is: a listener hears of a
  change after the service call that caused it has returned, and a change made by app code while it
  runs (one listener restarting what another stopped) is heard 1 ms later, so listeners that answer
  each other loop in virtual time instead of recursing inside one call.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable

from emulator.events import EventKind

if TYPE_CHECKING:
    from emulator.apps import App
    from emulator.emulator import Emulator

__all__ = ["AppCode", "NESTED_DELIVERY_MS"]

NESTED_DELIVERY_MS = 1  # the clock's smallest step; a device's IPC takes less (an emulator choice)


def describe(exc: BaseException) -> str:
    """`Type: message`, even for an exception whose __str__ raises."""
    try:
        text = str(exc)
    except Exception:  # noqa: BLE001 - app code's exception; its text is app code too
        text = "<its message could not be read>"
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


class AppCode:
    def __init__(self, emu: Emulator) -> None:
        self._emu = emu
        self.running = 0  # app code on the stack (a callback, a listener)
        self._service_calls = 0  # kit calls on the stack, outside app code
        self._held: list[tuple[App, int, Callable[[], object], str]] = []

    # -- running app code ------------------------------------------------------------------
    def call(self, app: App, fn: Callable[..., object], what: str, *args: object) -> None:
        self.running += 1
        try:
            fn(*args)
        except (KeyboardInterrupt, SystemExit):
            raise
        except BaseException as exc:  # noqa: BLE001 - app code may raise anything
            self._uncaught(app, what, exc)
        finally:
            self.running -= 1

    def _uncaught(self, app: App, what: str, exc: BaseException) -> None:
        self._emu.events.emit(EventKind.APP_CALLBACK_ERROR, f"the app's {what} raised {describe(exc)}",
                              app.bundle_name)
        if self._emu.policy.uncaught_exception != "crash" or not app.alive:
            return
        pid = app.pid

        def crash() -> None:
            if app.pid == pid and app.alive:
                self._emu._kill(app, f"crashed: an uncaught {type(exc).__name__} in its {what} "
                                "(device policy: uncaught_exception = crash)")
        self._emu.clock.call_at(self._emu.now_ms, crash, f"crash {app.bundle_name}")

    # -- listener delivery -------------------------------------------------------------------
    def deliver(self, app: App, fn: Callable[[], object], what: str) -> None:
        """Hand a listener its news asynchronously; `fn` reads the listener and calls it (both app code)."""
        item = (app, app.pid, fn, what)
        if self.running:
            self._emu.clock.call_later(NESTED_DELIVERY_MS, lambda: self._run(item), f"deliver {what}")
        elif self._service_calls:
            self._held.append(item)
        else:
            self._run(item)

    def _run(self, item: tuple[App, int, Callable[[], object], str]) -> None:
        app, pid, fn, what = item
        if app.alive and app.pid == pid:  # a oneway IPC to a process that died is dropped
            self.call(app, fn, what)

    def service_call(self, work: Callable[[], Any]) -> Any:
        """A kit call's service part: listeners hear of what it changed once it has returned."""
        if self.running:
            return work()
        self._service_calls += 1
        try:
            return work()
        finally:
            self._service_calls -= 1
            if not self._service_calls:
                held, self._held = self._held, []
                for item in held:
                    self._run(item)
