"""Efficiency-resource functions of the kit (system API), with the native layer's checks (research-napi §2.11).

applyEfficiencyResources and resetAllEfficiencyResources are synchronous: they return None and
throw. getAllEfficiencyResources (API 20) reads no arguments and always answers with a promise
(the native layer never takes its callback form).
"""

from __future__ import annotations

from typing import Any

from emulator.events import EventKind
from emulator.kit.base import KitBase
from emulator.kit.efficiency_args import IGNORED, parse_request
from emulator.kit.promise import Promise
from emulator.kit.types import EfficiencyResourcesInfo

EFFICIENCY_FUNCTIONS = ("applyEfficiencyResources", "resetAllEfficiencyResources", "getAllEfficiencyResources")


class EfficiencyApi(KitBase):
    def applyEfficiencyResources(self, *args: Any, **kwargs: Any) -> None:
        """applyEfficiencyResources(request: EfficiencyResourcesRequest): void (throws)."""
        fn = "applyEfficiencyResources"
        argv = self._argv(fn, args, kwargs)
        if len(argv) != 1:
            raise self._param(fn, "ERR_PARAM_NUMBER_ERR")
        req = parse_request(self, fn, argv[0])
        if req is IGNORED:
            self._emu.events.emit(EventKind.CALL_REFUSED, f"ignored by the JS layer of {fn}: cpuLevel is not a "
                                  "non-negative number, and its error (1870000107) is not a parameter error, so "
                                  "nothing is thrown and nothing is applied (unverified, service-rules §3.2)",
                                  self._app.bundle_name, function=fn, code=None, error="silent")
            return None
        self._service(fn, lambda: self._emu.efficiency.apply(self._app, req))
        return None

    def resetAllEfficiencyResources(self, *args: Any, **kwargs: Any) -> None:
        """resetAllEfficiencyResources(): void (throws). The native layer reads no arguments."""
        fn = "resetAllEfficiencyResources"
        self._service(fn, lambda: self._emu.efficiency.reset_all(self._app))
        return None

    def getAllEfficiencyResources(self, *args: Any, **kwargs: Any) -> Promise[list[EfficiencyResourcesInfo]]:
        """getAllEfficiencyResources(): Promise<EfficiencyResourcesInfo[]>. The native layer reads no arguments.

        Quirk reproduced: resourceTypes is 1 for CPU and index << 1 for the others, so
        WORK_SCHEDULER reads 6, BLUETOOTH 8, GPS 10, AUDIO 12, RUNNING_LOCK 14, SENSOR 16.
        """
        fn = "getAllEfficiencyResources"

        def work() -> list[EfficiencyResourcesInfo]:
            return [EfficiencyResourcesInfo(*row) for row in self._emu.efficiency.get_all(self._app)]

        promise = self._async(fn, work)
        assert promise is not None
        return promise
