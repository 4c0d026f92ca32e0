"""`@ohos.resourceschedule.backgroundTaskManager`: the module's enums and classes.

The functions are called as an app: `app.backgroundTaskManager.requestSuspendDelay(...)`.
"""

from emulator.kit.enums import (  # noqa: F401 - re-exported under the ArkTS names
    BackgroundMode, BackgroundModeType, BackgroundSubMode, BackgroundTaskMode, BackgroundTaskSubmode,
    ContinuousTaskCancelReason, ContinuousTaskDetailedCancelReason, ContinuousTaskSuspendReason,
    EfficiencyResourcesCpuLevel, ResourceType, UserAuthResult,
)
from emulator.kit.types import (  # noqa: F401
    BackgroundTaskStateInfo, BackgroundTaskSubscriber, ContinuousTaskActiveInfo, ContinuousTaskCancelInfo,
    ContinuousTaskInfo, ContinuousTaskNotification, ContinuousTaskRequest, ContinuousTaskSuspendInfo,
    DataTransferProgress, DelaySuspendInfo, EfficiencyResourcesInfo, EfficiencyResourcesRequest, ProgressInfo,
    SuspendMessage, TransientTaskInfo,
)

__all__ = [
    "BackgroundMode",
    "BackgroundModeType",
    "BackgroundSubMode",
    "BackgroundTaskMode",
    "BackgroundTaskSubmode",
    "ContinuousTaskCancelReason",
    "ContinuousTaskDetailedCancelReason",
    "ContinuousTaskSuspendReason",
    "EfficiencyResourcesCpuLevel",
    "ResourceType",
    "UserAuthResult",
    "BackgroundTaskStateInfo",
    "BackgroundTaskSubscriber",
    "ContinuousTaskActiveInfo",
    "ContinuousTaskCancelInfo",
    "ContinuousTaskInfo",
    "ContinuousTaskNotification",
    "ContinuousTaskRequest",
    "ContinuousTaskSuspendInfo",
    "DataTransferProgress",
    "DelaySuspendInfo",
    "EfficiencyResourcesInfo",
    "EfficiencyResourcesRequest",
    "ProgressInfo",
    "SuspendMessage",
    "TransientTaskInfo",
]
