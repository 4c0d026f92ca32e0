"""BgEfficiencyResourcesMgr (service-rules §3). Placeholder until the efficiency issue lands."""

from __future__ import annotations

from typing import TYPE_CHECKING

from emulator.apps import App, ProcessState

if TYPE_CHECKING:
    from emulator.emulator import Emulator
    from emulator.snapshot import EfficiencyGrantView


class EfficiencyManager:
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

    def grant_views(self) -> tuple[EfficiencyGrantView, ...]:
        return ()
