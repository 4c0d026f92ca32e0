"""Fault injection: make the next N calls of a kit function fail, or make storage fail.

An injected call fails after the JS-layer argument checks, where the IPC to the service would
fail on a device: 9800001 (no memory), 9800002 (parcel), 9800003 (transaction), 9800004 (not
connected). Storage failure makes persisting answer 9800007 while the change itself stays,
as on a device (service-rules §2.3 step 9).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from emulator.errors import BusinessError, error
from emulator.events import EventKind

if TYPE_CHECKING:
    from emulator.emulator import Emulator

__all__ = ["Faults", "INJECTABLE_CODES"]

INJECTABLE_CODES: dict[int, str] = {
    9800001: "ERR_BGTASK_NO_MEMORY",
    9800002: "ERR_BGTASK_PARCELABLE_FAILED",
    9800003: "ERR_BGTASK_TRANSACT_FAILED",
    9800004: "ERR_BGTASK_SERVICE_NOT_CONNECTED",
}


class Faults:
    def __init__(self, emu: Emulator) -> None:
        self._emu = emu
        self._pending: dict[str, list[int]] = {}  # function -> codes still to answer, in order
        self._storage_fails = False

    def fail_next(self, function: str, code: int = 9800003, times: int = 1) -> None:
        """The next `times` calls of kit function `function` (by any app) fail with `code`."""
        from emulator.kit.bound import KIT_FUNCTIONS

        if function not in KIT_FUNCTIONS:
            raise ValueError(f"unknown kit function {function!r}; one of: {', '.join(sorted(KIT_FUNCTIONS))}")
        if code not in INJECTABLE_CODES:
            raise ValueError(f"code must be one of {', '.join(map(str, INJECTABLE_CODES))}, not {code!r}")
        if isinstance(times, bool) or not isinstance(times, int) or times < 1:
            raise ValueError(f"times must be an int >= 1, not {times!r}")
        self._pending.setdefault(function, []).extend([code] * times)
        self._emu.events.emit(EventKind.FAULT_SET, f"fault armed: the next {times} call(s) of {function} "
                              f"fail with {code}", function=function, code=code, times=times)

    def take(self, function: str, app_name: str) -> BusinessError | None:
        """Consume one armed fault for `function`, if any."""
        codes = self._pending.get(function)
        if not codes:
            return None
        code = codes.pop(0)
        if not codes:
            del self._pending[function]
        err = error(INJECTABLE_CODES[code])
        self._emu.events.emit(EventKind.FAULT_FIRED, f"refused: injected fault on {function} ({code})",
                              app_name, function=function, code=code)
        return err

    @property
    def storage_fails(self) -> bool:
        return self._storage_fails

    @storage_fails.setter
    def storage_fails(self, value: bool) -> None:
        if not isinstance(value, bool):
            raise TypeError(f"storage_fails must be True or False, not {value!r}")
        if value and not self._storage_fails:
            self._emu.flush_state()  # changes made while storage worked reach their files first
        self._storage_fails = value
        self._emu.events.emit(EventKind.FAULT_SET, "storage now fails: persisting answers 9800007"
                              if value else "storage works again", storage_fails=value)

    def clear(self) -> None:
        if self._pending or self._storage_fails:
            self._pending.clear()
            self._storage_fails = False
            self._emu.events.emit(EventKind.FAULT_SET, "all faults cleared")

    def describe(self) -> tuple[str, ...]:
        """One line per armed fault, for the snapshot and the overrides banner."""
        out = [f"{fn}: next {len(codes)} call(s) fail ({', '.join(map(str, codes))})"
               for fn, codes in self._pending.items()]
        if self._storage_fails:
            out.append("storage fails (9800007)")
        return tuple(out)
