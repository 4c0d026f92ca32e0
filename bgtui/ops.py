"""What the dashboard's actions do to the world, through the same public calls a script makes.

No Textual here. Every function either succeeds, raises `emulator.BusinessError` (the device
refused: the engine has logged it), raises `NotEmulated` (this build's engine lacks the
function), or raises `ValueError` (the action makes no sense now, e.g. backgrounding a dead app).
"""

from __future__ import annotations

from typing import Any, Callable, Iterable

from typing import TYPE_CHECKING

from emulator.device import DEFAULT_LOW_BATTERY_THRESHOLD
from emulator.policy import DEFAULT_SUSPEND_GRACE_MS, DEFAULT_UNHANDLED_TIMEOUT

if TYPE_CHECKING:
    from emulator import Emulator
    from emulator.apps import App

__all__ = ["NotEmulated", "kit", "want_agent_for", "request_transient", "cancel_transient", "start_continuous",
           "update_continuous", "stop_continuous", "apply_efficiency", "reset_efficiency", "swipe_notification",
           "system_suspend", "system_stop", "reset_overrides", "resource_mask", "set_battery"]


class NotEmulated(Exception):
    """The engine of this build does not have the function yet."""


def kit(app: App, function: str) -> Callable[..., Any]:
    """The kit function `function` as `app` calls it, or NotEmulated."""
    fn = getattr(app.backgroundTaskManager, function, None)
    if fn is None:
        raise NotEmulated(f"{function} is not emulated in this build yet")
    return fn


def _engine(call: Callable[[], Any], what: str) -> Any:
    try:
        return call()
    except NotImplementedError as exc:
        raise NotEmulated(f"{what} is not emulated in this build yet") from exc


def want_agent_for(app: App) -> Any:
    """A WantAgent that opens the app's EntryAbility, as an app builds one for its notification."""
    from emulator.kit import wantAgent  # the kit loads on the first call, not at start-up

    return wantAgent.getWantAgent({
        "wants": [{"bundleName": app.bundle_name, "abilityName": "EntryAbility"}],
        "actionType": wantAgent.OperationType.START_ABILITY, "requestCode": 0, "wantAgentFlags": [],
    }).result()


# -- transient tasks ------------------------------------------------------------------------
def request_transient(app: App, reason: str, *, cancel_on_expiry: bool = False) -> Any:
    """requestSuspendDelay(reason, callback). With `cancel_on_expiry` the app's callback cancels the
    task (a well-behaved app); without, the callback does nothing and the service force-cancels it."""
    bt = app.backgroundTaskManager
    holder: dict[str, int] = {}

    def on_expiring() -> None:
        if cancel_on_expiry and "id" in holder:
            bt.cancelSuspendDelay(holder["id"])

    info = kit(app, "requestSuspendDelay")(reason, on_expiring)
    holder["id"] = info.requestId
    return info


def cancel_transient(app: App, request_id: int) -> None:
    kit(app, "cancelSuspendDelay")(request_id)


# -- continuous tasks -----------------------------------------------------------------------
def start_continuous(app: App, modes: Iterable[str]) -> Any:
    """startBackgroundRunning(context, [modes], wantAgent): the ContinuousTaskNotification."""
    start = kit(app, "startBackgroundRunning")
    return start(app.context, list(modes), want_agent_for(app)).result()


def update_continuous(app: App, modes: Iterable[str]) -> Any:
    return kit(app, "updateBackgroundRunning")(app.context, list(modes)).result()


def stop_continuous(app: App) -> None:
    kit(app, "stopBackgroundRunning")(app.context).result()


# -- efficiency resources -------------------------------------------------------------------
def resource_mask(names: Iterable[str]) -> int:
    from emulator.kit.enums import ResourceType

    mask = 0
    for name in names:
        mask |= ResourceType[name]
    return mask


def apply_efficiency(app: App, types: Iterable[str], *, time_out_ms: int, reason: str, persist: bool = False,
                     process: bool = False, apply: bool = True) -> None:
    """applyEfficiencyResources({...}); `apply=False` releases the listed types."""
    kit(app, "applyEfficiencyResources")({
        "resourceTypes": resource_mask(types), "isApply": apply, "timeOut": time_out_ms, "reason": reason,
        "isPersist": persist, "isProcess": process,
    })


def reset_efficiency(app: App) -> None:
    kit(app, "resetAllEfficiencyResources")()


# -- the user and the system -----------------------------------------------------------------
def swipe_notification(emu: Emulator, notification_id: int) -> None:
    _engine(lambda: emu.user.remove_notification(notification_id), "removing a notification")


def system_suspend(emu: Emulator, task_id: int) -> None:
    _engine(lambda: emu.system.suspend_continuous_task(task_id), "suspending a continuous task")


def system_stop(emu: Emulator, task_id: int, cause: str) -> None:
    _engine(lambda: emu.system.stop_continuous_task(task_id, cause), "stopping a continuous task")


# -- the device -----------------------------------------------------------------------------
def set_battery(emu: Emulator, level: int) -> None:
    emu.device.battery_level = max(0, min(100, level))


_RESETS: dict[str, Callable[[Emulator], None]] = {
    "battery_level": lambda emu: setattr(emu.device, "battery_level", 100),
    "low_battery_threshold": lambda emu: setattr(emu.device, "low_battery_threshold",
                                                 DEFAULT_LOW_BATTERY_THRESHOLD),
    "charging": lambda emu: setattr(emu.device, "charging", False),
    "screen_on": lambda emu: setattr(emu.device, "screen_on", True),
    "device_type": lambda emu: setattr(emu.device, "device_type", "phone"),
    "support_task_keeping": lambda emu: setattr(emu.device, "support_task_keeping", None),
    "suspend_grace_ms": lambda emu: setattr(emu.policy, "suspend_grace_ms", DEFAULT_SUSPEND_GRACE_MS),
    "unhandled_timeout": lambda emu: setattr(emu.policy, "unhandled_timeout", DEFAULT_UNHANDLED_TIMEOUT),
    "service_ready": lambda emu: setattr(emu, "service_ready", True),
    "fault": lambda emu: emu.faults.clear(),
}


def reset_overrides(emu: Emulator) -> list[str]:
    """Put every setting that differs from a fresh device back; returns the names reset."""
    done: list[str] = []
    for name, _value in emu.snapshot().overrides:
        if name in done:
            continue
        reset = _RESETS.get(name)
        if reset is not None:
            reset(emu)
            done.append(name)
    return done
