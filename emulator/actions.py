"""What the user and the system do to an app's tasks, outside the app's own calls."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from emulator.emulator import Emulator

__all__ = ["UserActions", "SystemActions", "STOP_CAUSES"]

STOP_CAUSES = ("not_running", "low_speed", "misuse")


class UserActions:
    def __init__(self, emu: Emulator) -> None:
        self._emu = emu

    def remove_notification(self, notification_id: int, label: str | None = None) -> None:
        """The user swipes a continuous task's notification away: every task sharing it ends. `label` picks one
        of two that share the id (a restarted service counts from 0 again; the drawer keeps the old ones)."""
        self._emu.continuous.remove_notification_by_user(notification_id, label)


class SystemActions:
    def __init__(self, emu: Emulator) -> None:
        self._emu = emu

    def suspend_continuous_task(self, task_id: int) -> None:
        """The system finds the declared work not running (suspended if the app listens, else cancelled)."""
        self._emu.continuous.system_suspend(task_id)

    def stop_continuous_task(self, task_id: int, cause: str) -> None:
        """The system stops a task: cause "not_running" | "low_speed" | "misuse"."""
        if cause not in STOP_CAUSES:
            raise ValueError(f"cause must be one of {', '.join(STOP_CAUSES)}, not {cause!r}")
        self._emu.continuous.system_stop(task_id, cause)
