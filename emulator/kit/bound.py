"""`app.backgroundTaskManager`: the ArkTS module's functions, called as one app."""

from __future__ import annotations

from typing import Any

from emulator.kit import enums, types
from emulator.kit.auth_api import AUTH_FUNCTIONS, AuthApi
from emulator.kit.continuous_api import CONTINUOUS_FUNCTIONS, ContinuousApi
from emulator.kit.efficiency_api import EFFICIENCY_FUNCTIONS, EfficiencyApi
from emulator.kit.transient_api import TRANSIENT_FUNCTIONS, TransientApi

KIT_FUNCTIONS = frozenset(TRANSIENT_FUNCTIONS + CONTINUOUS_FUNCTIONS + EFFICIENCY_FUNCTIONS + AUTH_FUNCTIONS)


class BoundBackgroundTaskManager(TransientApi, ContinuousApi, EfficiencyApi, AuthApi):
    """The module as the calling app sees it; the enums and classes are here too, as on the ArkTS module.

    `ContinuousTaskRequest` is this app's own subclass, so its methods run in this app's process.
    """

    def __init__(self, app: Any) -> None:
        super().__init__(app)
        self.ContinuousTaskRequest = type("ContinuousTaskRequest", (types.ContinuousTaskRequest,), {
            "__slots__": (), "__module__": types.__name__, "_app": app,
            "__doc__": types.ContinuousTaskRequest.__doc__})

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
    # the interfaces, as plain classes a script may build arguments with
    BackgroundTaskStateInfo = types.BackgroundTaskStateInfo
    BackgroundTaskSubscriber = types.BackgroundTaskSubscriber
    DataTransferProgress = types.DataTransferProgress
    EfficiencyResourcesRequest = types.EfficiencyResourcesRequest
    ProgressInfo = types.ProgressInfo

    def __repr__(self) -> str:
        return f"<backgroundTaskManager as {self._app.bundle_name}>"
