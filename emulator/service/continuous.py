"""BgContinuousTaskMgr (service-rules §2). Placeholder until the continuous-tasks issue lands."""

from __future__ import annotations

from typing import TYPE_CHECKING

from emulator.apps import App, ProcessState

if TYPE_CHECKING:
    from emulator.emulator import Emulator
    from emulator.snapshot import ContinuousTaskView, NotificationView


class ContinuousManager:
    def __init__(self, emu: Emulator) -> None:
        self._emu = emu

    def on_process_state(self, app: App, new: ProcessState) -> None:
        pass

    def on_process_died(self, app: App, pid: int) -> None:
        pass

    def on_common_event(self, name: str) -> None:
        pass

    def holds(self, app: App) -> list[str]:
        return []

    def restart(self, rebooted: bool = False) -> None:
        pass

    def task_views(self) -> tuple[ContinuousTaskView, ...]:
        return ()

    def notification_views(self) -> tuple[NotificationView, ...]:
        return ()

    def remove_notification_by_user(self, notification_id: int) -> None:
        raise NotImplementedError("continuous tasks are not emulated yet")

    def system_suspend(self, task_id: int) -> None:
        raise NotImplementedError("continuous tasks are not emulated yet")

    def system_stop(self, task_id: int, cause: str) -> None:
        raise NotImplementedError("continuous tasks are not emulated yet")
