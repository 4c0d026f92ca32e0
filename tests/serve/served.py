"""A real `bgtui serve` for tests: started on a free port (--port 0, the URL read from its first line),
stopped with SIGINT as Ctrl+C would, and every process it started looked for afterwards."""

from __future__ import annotations

import os
import selectors
import signal
import subprocess
import sys
from pathlib import Path

__all__ = ["Served", "processes_mentioning"]

START_TIMEOUT_S = 30.0


def processes_mentioning(text: str) -> list[int]:
    """The pids whose command line contains `text` (each tab's has the unique save folder)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode("utf-8", "replace")
        except OSError:
            continue  # ended while we looked
        if text in cmdline:
            found.append(int(entry.name))
    return found


class Served:
    def __init__(self, save_dir: Path, *args: str, cwd: Path | None = None) -> None:
        self.save_dir = save_dir
        self.process = subprocess.Popen(
            [sys.executable, "-m", "bgtui", "serve", "--port", "0", "--save-dir", str(save_dir), *args],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=cwd, start_new_session=True)
        self.first_line = self._read_line()
        if not self.first_line.startswith("bgtui: serving the dashboard on "):
            self.stop()
            raise AssertionError(f"bgtui serve did not start: {self.first_line!r} {self.stderr!r}")
        self.url = self.first_line.split(" on ", 1)[1].split()[0]
        self.stderr = ""

    def _read_line(self) -> str:
        """The server's first line, waiting for it (the pipe is read, nothing sleeps)."""
        assert self.process.stdout is not None
        selector = selectors.DefaultSelector()
        selector.register(self.process.stdout, selectors.EVENT_READ)
        if not selector.select(START_TIMEOUT_S):
            return ""
        return self.process.stdout.readline().decode()

    def tab_processes(self) -> list[int]:
        return [pid for pid in processes_mentioning(f"--served --save-dir {self.save_dir}")
                if pid != self.process.pid]

    def stop(self) -> int:
        """Ctrl+C: SIGINT to the server alone; its exit code."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
        try:
            code = self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            code = self.process.wait()
        out, err = self.process.communicate()
        self.stderr = err.decode("utf-8", "replace")
        return code
