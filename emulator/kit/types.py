"""The module's interfaces and class, with their ArkTS field names (api-surface §2.1, §2.2).

Returned objects are these classes; arguments may be these classes or dicts with the same keys.
Optional ArkTS fields default to None (JS undefined) unless the SDK gives a default.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable


@dataclass(slots=True)
class DelaySuspendInfo:
    requestId: int
    actualDelayTime: int


@dataclass(slots=True)
class TransientTaskInfo:
    remainingQuota: int
    transientTasks: list[DelaySuspendInfo] = field(default_factory=list)


@dataclass(slots=True)
class ContinuousTaskNotification:
    slotType: int
    contentType: int
    notificationId: int
    continuousTaskId: int | None = None


@dataclass(slots=True)
class ContinuousTaskCancelInfo:
    reason: int
    id: int
    detailedReason: int | None = None


@dataclass(slots=True)
class ContinuousTaskActiveInfo:
    id: int


@dataclass(slots=True)
class SuspendMessage:
    message: str
    reason: int


@dataclass(slots=True)
class ContinuousTaskSuspendInfo:
    continuousTaskId: int
    suspendState: bool
    suspendReason: int
    suspendMessage: SuspendMessage | None = None


@dataclass(slots=True)
class ContinuousTaskInfo:
    abilityName: str
    uid: int
    pid: int
    isFromWebView: bool
    backgroundModes: list[str]
    backgroundSubModes: list[str]
    notificationId: int
    continuousTaskId: int
    abilityId: int
    wantAgentBundleName: str
    wantAgentAbilityName: str
    suspendState: bool
    bundleName: str | None = None
    appIndex: int | None = None


@dataclass(slots=True)
class BackgroundTaskStateInfo:
    userId: int
    bundleName: str
    appIndex: int
    authResult: int | None = None


@dataclass(slots=True)
class BackgroundTaskSubscriber:
    onContinuousTaskStart: Callable[[ContinuousTaskInfo], None] | None = None
    onContinuousTaskUpdate: Callable[[ContinuousTaskInfo], None] | None = None
    onContinuousTaskStop: Callable[[ContinuousTaskInfo], None] | None = None


@dataclass(slots=True)
class EfficiencyResourcesRequest:
    resourceTypes: int
    isApply: bool
    timeOut: int
    reason: str
    isPersist: bool | None = None
    isProcess: bool | None = None
    cpuLevel: int | None = None


@dataclass(slots=True)
class EfficiencyResourcesInfo:
    resourceTypes: int
    timeout: int
    isPersistent: bool
    isForProcess: bool
    reason: str
    uid: int
    pid: int
    cpuLevel: int | None = None


@dataclass(slots=True)
class ProgressInfo:
    title: str
    fileName: str
    progressValue: int | None = None
    isMute: bool | None = None


@dataclass(slots=True)
class DataTransferProgress:
    continuousTaskId: int
    progressInfo: ProgressInfo
    wantAgent: Any = None


@dataclass(slots=True)
class ContinuousTaskRequest:
    """API 21: `new backgroundTaskManager.ContinuousTaskRequest()`, then set its properties.

    Its methods run in the calling app's process: make the request with
    `app.backgroundTaskManager.ContinuousTaskRequest()` (the forms that take a context also accept this
    plain class and run as the context's app).
    """
    backgroundTaskModes: list[int] = field(default_factory=list)
    backgroundTaskSubmodes: list[int] = field(default_factory=list)
    wantAgent: Any = None
    combinedTaskNotification: bool = False
    continuousTaskId: int = -1
    progressInfo: ProgressInfo | None = None

    def isModeSupported(self, *args: Any, **kwargs: Any) -> bool | None:
        """API 21: whether the request's modes may be used; throws 201 / 9800005 when not."""
        return _method(self, "isModeSupported", args, kwargs)

    def requestAuthFromUser(self, *args: Any, **kwargs: Any) -> int | None:
        """(context, callback: Callback<UserAuthResult>), API 22: a banner notification asks the user."""
        return _method(self, "requestAuthFromUser", args, kwargs)

    def requestAuthFromUserByDialog(self, *args: Any, **kwargs: Any) -> int | None:
        """(context, callback: Callback<UserAuthResult>), API 26: the system dialog asks the user."""
        return _method(self, "requestAuthFromUserByDialog", args, kwargs)

    def checkSpecialScenarioAuth(self, *args: Any, **kwargs: Any) -> Any:
        """(context): Promise<UserAuthResult>, API 22; rejects when the app never asked."""
        return _method(self, "checkSpecialScenarioAuth", args, kwargs)

    def checkSpecialScenarioAuthResult(self, *args: Any, **kwargs: Any) -> Any:
        """(context): Promise<UserAuthResult>, API 26; never rejects for a missing record."""
        return _method(self, "checkSpecialScenarioAuthResult", args, kwargs)


def _method(request: ContinuousTaskRequest, name: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
    from emulator.kit.auth_api import request_method  # the kit's functions import these types

    return request_method(request, name, args, kwargs)
