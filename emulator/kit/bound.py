"""`app.backgroundTaskManager`: the ArkTS module's functions, called as one app."""

from __future__ import annotations

from emulator.kit import enums
from emulator.kit.continuous_api import CONTINUOUS_FUNCTIONS, ContinuousApi
from emulator.kit.efficiency_api import EFFICIENCY_FUNCTIONS, EfficiencyApi
from emulator.kit.transient_api import TRANSIENT_FUNCTIONS, TransientApi

KIT_FUNCTIONS = frozenset(TRANSIENT_FUNCTIONS + CONTINUOUS_FUNCTIONS + EFFICIENCY_FUNCTIONS)


class BoundBackgroundTaskManager(TransientApi, ContinuousApi, EfficiencyApi):
    """The module as the calling app sees it; the enums are here too, as on the ArkTS module."""

    BackgroundMode = enums.BackgroundMode
    BackgroundTaskMode = enums.BackgroundTaskMode
    BackgroundTaskSubmode = enums.BackgroundTaskSubmode
    BackgroundSubMode = enums.BackgroundSubMode
    BackgroundModeType = enums.BackgroundModeType
    ContinuousTaskCancelReason = enums.ContinuousTaskCancelReason
    ContinuousTaskDetailedCancelReason = enums.ContinuousTaskDetailedCancelReason
    ContinuousTaskSuspendReason = enums.ContinuousTaskSuspendReason
    UserAuthResult = enums.UserAuthResult
    ResourceType = enums.ResourceType
    EfficiencyResourcesCpuLevel = enums.EfficiencyResourcesCpuLevel

    def __repr__(self) -> str:
        return f"<backgroundTaskManager as {self._app.bundle_name}>"
