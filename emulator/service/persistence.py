"""The service's state files (running_task, resource_record), written atomically.

Each save writes a temporary file in the same folder and renames it over the old one, so a
crash at any point leaves either the old or the new state. With `emu.faults.storage_fails`
a save writes nothing and raises the storage error a device answers (9800007 by default).
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from emulator.errors import error
from emulator.events import EventKind

if TYPE_CHECKING:
    from emulator.emulator import Emulator

__all__ = ["StateFile"]


class StateFile:
    def __init__(self, emu: Emulator, name: str, fail_error: str = "ERR_BGTASK_CREATE_FILE_ERR") -> None:
        self._emu = emu
        self.path: Path = emu.state_dir / name
        self._fail_error = fail_error
        self._tmp = str(emu.state_dir / f".{name}.tmp")  # one writer per state folder: a fixed name is enough

    def save(self, data: Any) -> None:
        """Write `data` as JSON atomically; raises BusinessError when storage is made to fail."""
        self.save_text(json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")))

    def save_text(self, text: str) -> None:
        """Write already-serialised JSON atomically (temporary file in the same folder, then rename)."""
        if self._emu.faults.storage_fails:
            err = error(self._fail_error)
            self._emu.events.emit(EventKind.STORAGE_FAILED, f"could not write {self.path.name}: injected storage "
                                  f"fault ({err.code})", file=self.path.name, code=err.code)
            raise err
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
        """The last saved data, or None when the file does not exist."""
        try:
            return json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None
