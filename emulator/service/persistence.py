"""The service's state files (running_task, resource_record): whole-state atomic writes, coalesced.

A manager calls `changed()` whenever its records change, as the service calls RefreshTaskRecord /
RefreshResourceRecord. The write itself is coalesced: the file is rewritten once the virtual clock
settles after an advance, and always before anything reads it back (a service restart, a reboot,
`emu.flush_state()`), so every reader sees what a device's file would hold. Each write goes to a
temporary file in the same folder and is renamed over the old one, so a crash at any point leaves
either the old or the new state.

While storage is made to fail (`emu.faults.storage_fails`), `changed()` tries the write at once and
raises the storage error, so the call that made the change answers it (9800007 by default); the
change itself stays, and the file keeps its old state until the next change, as on a device.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from emulator.errors import error
from emulator.events import EventKind

if TYPE_CHECKING:
    from emulator.emulator import Emulator

__all__ = ["StateFile"]


class StateFile:
    def __init__(self, emu: Emulator, name: str, serialize: Callable[[], str],
                 fail_error: str = "ERR_BGTASK_CREATE_FILE_ERR") -> None:
        self._emu = emu
        self.path: Path = emu.state_dir / name
        self._serialize = serialize  # the whole state as JSON text, read at write time
        self._fail_error = fail_error
        self._tmp = str(emu.state_dir / f".{name}.tmp")  # one writer per state folder: a fixed name is enough
        self.dirty = False
        self.writes = 0  # successful writes, for tests and benchmarks
        Path(self._tmp).unlink(missing_ok=True)  # left by a write that was killed: never the state itself
        emu.register_state_file(self)

    def changed(self) -> None:
        """The records changed; raises the storage BusinessError when storage is made to fail."""
        self.dirty = True
        if self._emu.faults.storage_fails:
            self.flush(strict=True)

    def flush(self, strict: bool = False) -> None:
        """Write the state now if it changed. A failed write is logged; with `strict` it raises."""
        if not self.dirty:
            return
        self.dirty = False  # a failed write is not retried: the next change rewrites the whole state
        if self._emu.faults.storage_fails:
            err = error(self._fail_error)
            self._emu.events.emit(EventKind.STORAGE_FAILED, f"could not write {self.path.name}: injected storage "
                                  f"fault ({err.code})", file=self.path.name, code=err.code)
            if strict:
                raise err
            return
        try:
            self._write(self._serialize())
        except OSError as exc:  # a real disk problem: logged, and answered like the device's open failure
            self._emu.events.emit(EventKind.STORAGE_FAILED, f"could not write {self.path.name}: "
                                  f"{type(exc).__name__}: {exc}", file=self.path.name)
            if strict:
                raise error("ERR_BGTASK_OPEN_FILE_ERR") from None
            return
        self.writes += 1

    def _write(self, text: str) -> None:
        fd = os.open(self._tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        try:
            try:
                view = memoryview(text.encode("utf-8"))
                while view:
                    view = view[os.write(fd, view):]
            finally:
                os.close(fd)
            os.replace(self._tmp, self.path)
        except BaseException:
            Path(self._tmp).unlink(missing_ok=True)
            raise

    def load(self) -> Any:
        """The data last written, or None when the file does not exist (raises ValueError if unparsable)."""
        try:
            return json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None
        except RecursionError:
            raise ValueError("its JSON is nested too deeply to read") from None

