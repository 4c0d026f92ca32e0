"""Which kit functions and scenario `do` actions each dashboard action reaches (what it records).

A method of one of the module's classes is named as a step calls it: "ContinuousTaskRequest.isModeSupported".
tests/dashboard/test_reach_enumeration.py checks that every public function of the kit, every method of its
classes and every `do` action is reached by some action of bgtui.keymap.ACTIONS, so a new one cannot be
forgotten; the record-then-replay test checks that each action records only what it says here.
"""

from __future__ import annotations

__all__ = ["REACHES", "NOT_YET_REACHED"]

REACHES: dict[str, tuple[str, ...]] = {
    # apps
    "app_foreground": ("app.foreground",),
    "app_background": ("app.background",),
    "app_kill": ("app.kill",),
    "app_relaunch": ("app.kill", "app.foreground"),
    "install_app": ("app.install",),
    "end_ability": ("app.end_ability",),
    "clear_data": ("app.clear_data",),
    "media": ("app.audio_playing", "app.avsession_notification", "app.navigation_capsule"),
    "listeners": ("on", "off", "subscribeContinuousTaskState", "unsubscribeContinuousTaskState"),
    "query": ("getRemainingDelayTime", "getTransientTaskInfo", "getAllContinuousTasks", "obtainAllContinuousTasks",
              "getAllEfficiencyResources"),
    # transient
    "request_transient": ("requestSuspendDelay",),
    "cancel_transient": ("cancelSuspendDelay",),
    # continuous
    "start_continuous": ("startBackgroundRunning",),
    "update_continuous": ("updateBackgroundRunning",),
    "stop_continuous": ("stopBackgroundRunning",),
    "start_request": ("startBackgroundRunning",),
    "update_request": ("updateBackgroundRunning",),
    "stop_by_id": ("stopBackgroundRunning",),
    "transfer_progress": ("updateDataTransferProgress",),
    "task_state": ("setBackgroundTaskState", "getBackgroundTaskState"),
    "request_method": ("ContinuousTaskRequest.isModeSupported", "ContinuousTaskRequest.requestAuthFromUser",
                       "ContinuousTaskRequest.checkSpecialScenarioAuth",
                       "ContinuousTaskRequest.requestAuthFromUserByDialog",
                       "ContinuousTaskRequest.checkSpecialScenarioAuthResult"),
    # efficiency
    "apply_efficiency": ("applyEfficiencyResources",),
    "release_efficiency": ("applyEfficiencyResources",),
    "reset_efficiency": ("resetAllEfficiencyResources",),
    # the system and the user
    "system_suspend": ("system.suspend_continuous_task",),
    "system_stop": ("system.stop_continuous_task",),
    "swipe_notification": ("user.remove_notification",),
    # the device
    "battery_down": ("device.battery_level",),
    "battery_up": ("device.battery_level",),
    "battery_set": ("device.battery_level", "device.low_battery_threshold"),
    "toggle_charging": ("device.charging",),
    "toggle_screen": ("device.screen_on",),
    "device_type": ("device.device_type",),
    "toggle_service": ("service.ready",),
    "inject_fault": ("fault.fail_next", "fault.storage_fails"),
    "reset_overrides": ("device.battery_level", "device.low_battery_threshold", "device.charging",
                        "device.screen_on", "device.device_type", "device.support_task_keeping",
                        "policy.suspend_grace", "policy.unhandled_timeout", "policy.uncaught_exception",
                        "service.ready", "fault.clear"),
    "policies": ("policy.suspend_grace", "policy.unhandled_timeout", "policy.uncaught_exception",
                 "device.support_task_keeping"),
    "restart_service": ("service.restart",),
    "reboot": ("device.reboot",),
    "auth_answer": ("device.auth_dialog_answer",),
}

# Kit functions the dashboard cannot reach yet, listed on purpose so the enumeration test still fails for any
# other; each must leave this list when an action reaches it (none now).
NOT_YET_REACHED: frozenset[str] = frozenset()
