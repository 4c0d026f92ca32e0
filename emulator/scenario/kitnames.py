"""The module functions a scenario step may call: every function of api-surface.md §1.

This is the one list scenarios validate against at load time. Whether this build's kit
implements a name is a separate, run-time question (`implemented`), so a scenario written
for a function another branch adds loads today and runs once that function exists.
"""

from __future__ import annotations

__all__ = ["DOCUMENTED_FUNCTIONS", "implemented", "missing"]

DOCUMENTED_FUNCTIONS: tuple[str, ...] = (
    # §1.1 transient tasks
    "requestSuspendDelay", "getRemainingDelayTime", "cancelSuspendDelay", "getTransientTaskInfo",
    # §1.2 continuous tasks
    "startBackgroundRunning", "updateBackgroundRunning", "updateDataTransferProgress", "stopBackgroundRunning",
    "getAllContinuousTasks", "obtainAllContinuousTasks", "setBackgroundTaskState", "getBackgroundTaskState",
    "subscribeContinuousTaskState", "unsubscribeContinuousTaskState",
    # §1.3 continuous-task events (dynamic on/off, and the static-only spellings)
    "on", "off",
    "onContinuousTaskCancel", "offContinuousTaskCancel", "onContinuousTaskSuspend", "offContinuousTaskSuspend",
    "onContinuousTaskActive", "offContinuousTaskActive",
    # §1.5 efficiency resources (system API)
    "applyEfficiencyResources", "resetAllEfficiencyResources", "getAllEfficiencyResources",
)


def implemented(function: str) -> bool:
    """Whether this build's kit has `function` (other branches add continuous and efficiency ones), or the
    ContinuousTaskRequest method a step names ("ContinuousTaskRequest.isModeSupported")."""
    from emulator.kit.bound import KIT_FUNCTIONS  # the same list faults.fail_next checks
    from emulator.scenario.methods import method_name

    method = method_name(function)
    if method is not None:
        from emulator.kit.types import ContinuousTaskRequest

        return callable(getattr(ContinuousTaskRequest, method, None))
    return function in KIT_FUNCTIONS


def missing(functions: object) -> list[str]:
    """The documented functions among `functions` that this build's kit lacks, sorted."""
    return sorted({f for f in functions if not implemented(f)})  # type: ignore[attr-defined]
