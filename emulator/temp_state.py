"""Temporary state folders: removed when the emulator goes, at a normal exit, and on SIGTERM or SIGHUP.

A process killed by SIGTERM or SIGHUP (closing a tmux window) runs no atexit hook, so the first
temporary folder installs handlers for both signals (only where nobody else handles them: the default
action is still taken afterwards, so the exit status stays the signal's).
"""

from __future__ import annotations

import os
import shutil
import signal
import tempfile
import threading
import weakref
from typing import Any

__all__ = ["make_temp_state_dir"]

_live: set[str] = set()
_installed = False


def _remove(path: str) -> None:
    _live.discard(path)
    shutil.rmtree(path, True)


def _on_signal(signum: int, _frame: Any) -> None:
    for path in list(_live):
        _remove(path)
    signal.signal(signum, signal.SIG_DFL)
    os.kill(os.getpid(), signum)  # the default action: the process ends as the signal says


def _install() -> None:
    global _installed
    if _installed or threading.current_thread() is not threading.main_thread():
        return
    _installed = True
    for name in ("SIGTERM", "SIGHUP"):
        signum = getattr(signal, name, None)
        if signum is not None and signal.getsignal(signum) is signal.SIG_DFL:
            signal.signal(signum, _on_signal)


def make_temp_state_dir(owner: object) -> str:
    """A fresh folder, removed when `owner` is collected, at exit, or on SIGTERM / SIGHUP."""
    path = tempfile.mkdtemp(prefix="bgtui-state-")
    _live.add(path)
    weakref.finalize(owner, _remove, path)
    _install()
    return path
