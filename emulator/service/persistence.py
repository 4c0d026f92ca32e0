"""The service's state files (running_task, resource_record), written atomically.

Each save writes a temporary file in the same folder and renames it over the old one, so a
crash at any point leaves either the old or the new state. With `emu.faults.storage_fails`
a save writes nothing and raises the storage error a device answers (9800007 by default).
"""

from __future__ import annotations

import json
import os
import tempfile
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

    def save(self, data: Any) -> None:
        """Write `data` as JSON atomically; raises BusinessError when storage is made to fail."""
        if self._emu.faults.storage_fails:
            err = error(self._fail_error)
            self._emu.events.emit(EventKind.STORAGE_FAILED, f"could not write {self.path.name}: injected storage "
                                  f"fault ({err.code})", file=self.path.name, code=err.code)
            raise err
        text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        fd, tmp = tempfile.mkstemp(prefix=f".{self.path.name}.", dir=self.path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                f.write(text)
            os.replace(tmp, self.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def load(self) -> Any:
        """The last saved data, or None when the file does not exist."""
        try:
            return json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None
