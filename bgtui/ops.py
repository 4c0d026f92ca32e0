"""What the dashboard's actions do to the world, through the same public calls a script makes.

No Textual here. Every function acts through a SessionRecorder (`rec`, on `rec.emu`): kit calls
with `rec.perform_call`, everything else with `rec.perform_do` (a scenario's `do` actions), so
each action is both done and recorded, and a saved session replays to the same event log. Time
is not an action: moving the clock is not recorded (each step carries its own time).

Every function either succeeds, raises `emulator.BusinessError` (the device refused: the engine
has logged it, and the recorder has the refused call), raises `NotEmulated` (this build's engine
lacks the function), or raises `ValueError` (the action makes no sense now, e.g. backgrounding a
dead app; nothing is recorded).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable, Iterable, Sequence

from emulator.device import DEFAULT_LOW_BATTERY_THRESHOLD
from emulator.policy import DEFAULT_SUSPEND_GRACE_MS, DEFAULT_UNHANDLED_TIMEOUT

if TYPE_CHECKING:
    from emulator.apps import App
    from emulator.scenario.record import SessionRecorder

__all__ = ["NotEmulated", "kit", "want_agent_for", "request_transient", "cancel_transient", "start_continuous",
           "update_continuous", "stop_continuous", "apply_efficiency", "reset_efficiency", "swipe_notification",
           "system_suspend", "system_stop", "reset_overrides", "resource_mask", "set_battery", "set_device",
           "set_service_ready", "fail_next", "fail_storage", "app_foreground", "app_background", "app_kill",
           "app_relaunch", "app_end_ability", "app_clear_data", "install_app", "set_policy", "task_keeping_setting",
           "restart_service", "reboot", "listen", "subscribe_state", "unsubscribe_state", "query", "CONTEXT",
           "continuous_request", "start_by_request", "update_by_request", "stop_by_id", "transfer_progress",
           "set_audio_playing", "set_avsession_notification", "set_navigation_capsule", "request_method"]


class NotEmulated(Exception):
    """The engine of this build does not have the function yet."""


def kit(app: App, function: str) -> Callable[..., Any]:
    """The kit function `function` as `app` calls it, or NotEmulated."""
    fn = getattr(app.backgroundTaskManager, function, None)
    if fn is None:
        raise NotEmulated(f"{function} is not emulated in this build yet")
    return fn


def _app(rec: SessionRecorder, app: App | str) -> App:
    return rec.emu.app(app) if isinstance(app, str) else app


def _call(rec: SessionRecorder, app: App | str, function: str, args: Sequence[Any], on_callback: str = "nothing"
          ) -> Any:
    the_app = _app(rec, app)
    kit(the_app, function)
    return rec.perform_call(the_app, function, list(args), on_callback=on_callback)


def _do(rec: SessionRecorder, action: str, *args: Any, app: App | str | None = None) -> None:
    try:
        rec.perform_do(action, args, app)
    except NotImplementedError as exc:
        raise NotEmulated(f"{action} is not emulated in this build yet") from exc


def want_agent_for(app: App) -> Any:
    """A WantAgent that opens the app's main ability, as an app builds one for its notification."""
    from emulator.kit import wantAgent  # the kit loads on the first call, not at start-up

    return wantAgent.getWantAgent({
        "wants": [{"bundleName": app.bundle_name, "abilityName": app.main_ability}],
        "actionType": wantAgent.OperationType.START_ABILITY, "requestCode": 0, "wantAgentFlags": [],
    }).result()


# -- apps -----------------------------------------------------------------------------------
def app_foreground(rec: SessionRecorder, app: App | str) -> None:
    _do(rec, "app.foreground", app=app)


def app_background(rec: SessionRecorder, app: App | str) -> None:
    _do(rec, "app.background", app=app)


def app_kill(rec: SessionRecorder, app: App | str) -> None:
    _do(rec, "app.kill", app=app)


def app_relaunch(rec: SessionRecorder, app: App | str) -> None:
    """Kill the app if it runs, then launch it again (a new pid)."""
    if _app(rec, app).alive:
        app_kill(rec, app)
    app_foreground(rec, app)


# -- transient tasks ------------------------------------------------------------------------
def request_transient(rec: SessionRecorder, app: App | str, reason: str, *, cancel_on_expiry: bool = False) -> Any:
    """requestSuspendDelay(reason, callback). With `cancel_on_expiry` the app's callback cancels the
    task (a well-behaved app); without, the callback does nothing and the service force-cancels it."""
    bt = _app(rec, app).backgroundTaskManager
    holder: dict[str, int] = {}

    def on_expiring() -> None:  # a replay does the same: on_callback = "cancel"
        if cancel_on_expiry and "id" in holder:
            bt.cancelSuspendDelay(holder["id"])

    info = _call(rec, app, "requestSuspendDelay", [reason, on_expiring],
                 "cancel" if cancel_on_expiry else "nothing")
    holder["id"] = info.requestId
    return info


def cancel_transient(rec: SessionRecorder, app: App | str, request_id: int) -> None:
    _call(rec, app, "cancelSuspendDelay", [request_id])


# -- continuous tasks -----------------------------------------------------------------------
def _context(app: App, ability: str | None) -> Any:
    """The named UIAbility's context (ValueError for a name the app lacks), or the main one's."""
    return app.ability_context(ability) if ability is not None else app.context


def start_continuous(rec: SessionRecorder, app: App | str, modes: Iterable[str], ability: str | None = None) -> Any:
    """startBackgroundRunning(context, [modes], wantAgent) from `ability` (default: the main one)."""
    the_app = _app(rec, app)
    kit(the_app, "startBackgroundRunning")
    return _call(rec, the_app, "startBackgroundRunning",
                 [_context(the_app, ability), list(modes), want_agent_for(the_app)]).result()


def update_continuous(rec: SessionRecorder, app: App | str, modes: Iterable[str], ability: str | None = None) -> Any:
    the_app = _app(rec, app)
    return _call(rec, the_app, "updateBackgroundRunning", [_context(the_app, ability), list(modes)]).result()


def stop_continuous(rec: SessionRecorder, app: App | str, ability: str | None = None) -> None:
    the_app = _app(rec, app)
    _call(rec, the_app, "stopBackgroundRunning", [_context(the_app, ability)]).result()


# -- efficiency resources -------------------------------------------------------------------
def resource_mask(names: Iterable[str]) -> int:
    from emulator.kit.enums import ResourceType

    mask = 0
    for name in names:
        mask |= ResourceType[name]
    return mask


def apply_efficiency(rec: SessionRecorder, app: App | str, types: Iterable[str], *, time_out_ms: int, reason: str,
                     persist: bool = False, process: bool = False, apply: bool = True) -> None:
    """applyEfficiencyResources({...}); `apply=False` releases the listed types."""
    _call(rec, app, "applyEfficiencyResources", [{
        "resourceTypes": resource_mask(types), "isApply": apply, "timeOut": time_out_ms, "reason": reason,
        "isPersist": persist, "isProcess": process,
    }])


def reset_efficiency(rec: SessionRecorder, app: App | str) -> None:
    _call(rec, app, "resetAllEfficiencyResources", [])


# -- the user and the system -----------------------------------------------------------------
def swipe_notification(rec: SessionRecorder, notification_id: int, label: str | None = None) -> None:
    """`label` only where two notifications share the id (the step then says which)."""
    _do(rec, "user.remove_notification", notification_id, *(() if label is None else (label,)))


def system_suspend(rec: SessionRecorder, task_id: int) -> None:
    _do(rec, "system.suspend_continuous_task", task_id)


def system_stop(rec: SessionRecorder, task_id: int, cause: str) -> None:
    _do(rec, "system.stop_continuous_task", task_id, cause)


# -- the device, the service, faults ---------------------------------------------------------
def set_battery(rec: SessionRecorder, level: int) -> None:
    _do(rec, "device.battery_level", max(0, min(100, level)))


def set_device(rec: SessionRecorder, setting: str, value: Any) -> None:
    """One device setting: battery_level, low_battery_threshold, charging, screen_on, device_type,
    auth_dialog_answer."""
    _do(rec, f"device.{setting}", value)


def set_service_ready(rec: SessionRecorder, ready: bool) -> None:
    _do(rec, "service.ready", ready)


def fail_next(rec: SessionRecorder, function: str, code: int, times: int = 1) -> None:
    _do(rec, "fault.fail_next", function, code, times)


def fail_storage(rec: SessionRecorder, on: bool = True) -> None:
    _do(rec, "fault.storage_fails", on)


def _follow_device_type(rec: SessionRecorder) -> None:
    # Imported here: the dashboard loads the scenario package only once a recorder exists.
    from emulator.scenario.actions import FOLLOW_DEVICE_TYPE

    _do(rec, "device.support_task_keeping", FOLLOW_DEVICE_TYPE)


_RESETS: dict[str, Callable[[SessionRecorder], None]] = {
    "battery_level": lambda rec: _do(rec, "device.battery_level", 100),
    "low_battery_threshold": lambda rec: _do(rec, "device.low_battery_threshold", DEFAULT_LOW_BATTERY_THRESHOLD),
    "charging": lambda rec: _do(rec, "device.charging", False),
    "screen_on": lambda rec: _do(rec, "device.screen_on", True),
    "device_type": lambda rec: _do(rec, "device.device_type", "phone"),
    "support_task_keeping": _follow_device_type,
    "auth_dialog_answer": lambda rec: _do(rec, "device.auth_dialog_answer", "no_answer"),
    "suspend_grace_ms": lambda rec: _do(rec, "policy.suspend_grace", DEFAULT_SUSPEND_GRACE_MS),
    "unhandled_timeout": lambda rec: _do(rec, "policy.unhandled_timeout", DEFAULT_UNHANDLED_TIMEOUT),
    "uncaught_exception": lambda rec: _do(rec, "policy.uncaught_exception", "crash"),
    "service_ready": lambda rec: _do(rec, "service.ready", True),
    "fault": lambda rec: _do(rec, "fault.clear"),
}


def reset_overrides(rec: SessionRecorder) -> list[str]:
    """Put every setting that differs from a fresh device back; returns the names reset."""
    done: list[str] = []
    for name, _value in rec.emu.snapshot().overrides:
        if name in done:
            continue
        reset = _RESETS.get(name)
        if reset is not None:
            reset(rec)
            done.append(name)
    return done


# -- everything else the engine can do (issue 12) -------------------------------------------------
def app_end_ability(rec: SessionRecorder, app: App | str) -> None:
    """EntryAbility ends (terminateSelf, or swiped from recents): its continuous tasks go, the process exits."""
    _do(rec, "app.end_ability", app=app)


def app_clear_data(rec: SessionRecorder, app: App | str) -> None:
    _do(rec, "app.clear_data", app=app)


def install_app(rec: SessionRecorder, bundle_name: str, *, label: str = "", system_app: bool = False,
                atomic_service: bool = False, permissions: Sequence[str] = (), background_modes: Sequence[str] = (),
                running_resources_apply: Sequence[int] = (), abilities: dict[str, Sequence[str]] | None = None
                ) -> App:
    """Install an app mid-session (as emu.install_app, with its checks); it starts in the foreground.
    `abilities` names its UIAbilities with their backgroundModes, the main one first."""
    args: list[Any] = [bundle_name, label, system_app, atomic_service, list(permissions), list(background_modes),
                       list(running_resources_apply)]
    if abilities:
        args.append({name: list(modes) for name, modes in abilities.items()})
    _do(rec, "app.install", *args)
    return rec.emu.app(bundle_name)


def set_audio_playing(rec: SessionRecorder, app: App | str, playing: bool) -> None:
    """The app's audio renderer starts or stops (a task showing the loading text then shows the audio prompt)."""
    _do(rec, "app.audio_playing", playing, app=app)


def set_avsession_notification(rec: SessionRecorder, app: App | str, published: bool) -> None:
    """The media framework publishes or removes the app's AVSession notification (the service is told)."""
    _do(rec, "app.avsession_notification", published, app=app)


def set_navigation_capsule(rec: SessionRecorder, app: App | str, shown: bool) -> None:
    """The app publishes its navigation live view with an active capsule, or cancels it."""
    _do(rec, "app.navigation_capsule", shown, app=app)


def set_policy(rec: SessionRecorder, *, suspend_grace_ms: int | None = None, unhandled_timeout: str | None = None,
               task_keeping: bool | str | None = None, uncaught_exception: str | None = None) -> list[str]:
    """The device policy's knobs (and the device's task-keeping switch); only those that change are set."""
    done = []
    emu = rec.emu
    if suspend_grace_ms is not None and suspend_grace_ms != emu.policy.suspend_grace_ms:
        _do(rec, "policy.suspend_grace", suspend_grace_ms)
        done.append("suspend_grace")
    if unhandled_timeout is not None and unhandled_timeout != emu.policy.unhandled_timeout:
        _do(rec, "policy.unhandled_timeout", unhandled_timeout)
        done.append("unhandled_timeout")
    if uncaught_exception is not None and uncaught_exception != emu.policy.uncaught_exception:
        _do(rec, "policy.uncaught_exception", uncaught_exception)
        done.append("uncaught_exception")
    if task_keeping is not None and task_keeping != task_keeping_setting(emu):
        _do(rec, "device.support_task_keeping", task_keeping)
        done.append("support_task_keeping")
    return done


def task_keeping_setting(emu: Any) -> bool | str:
    """True or False when set, "auto" while the device type decides."""
    from emulator.scenario.actions import FOLLOW_DEVICE_TYPE

    forced = emu.device.overrides().get("support_task_keeping")
    return FOLLOW_DEVICE_TYPE if forced is None else bool(forced)


def restart_service(rec: SessionRecorder) -> None:
    _do(rec, "service.restart")


def reboot(rec: SessionRecorder) -> None:
    _do(rec, "device.reboot")


def listen(rec: SessionRecorder, app: App | str, event: str, on: bool, hear: Callable[..., None]) -> None:
    """on(event, hear) as the app, or off(event) (every callback of the type: the dashboard registers one)."""
    if on:
        _call(rec, app, "on", [event, hear])
    else:
        _call(rec, app, "off", [event])


def subscribe_state(rec: SessionRecorder, app: App | str, subscriber: Any) -> None:
    """subscribeContinuousTaskState(subscriber) as a system app."""
    _call(rec, app, "subscribeContinuousTaskState", [subscriber])


def unsubscribe_state(rec: SessionRecorder, app: App | str, subscriber: Any) -> None:
    _call(rec, app, "unsubscribeContinuousTaskState", [subscriber])


def query(rec: SessionRecorder, app: App | str, function: str, args: Sequence[Any] = ()) -> Any:
    """A kit query as the app (getRemainingDelayTime, getTransientTaskInfo, getAllContinuousTasks,
    obtainAllContinuousTasks, getAllEfficiencyResources): what it resolves, or its BusinessError."""
    the_app = _app(rec, app)
    real = [the_app.context if a is CONTEXT else a for a in args]
    answer = _call(rec, the_app, function, real)
    return answer.result() if hasattr(answer, "result") else answer  # the synchronous ones answer at once


CONTEXT = object()  # stands for the app's current context in query()'s args


def continuous_request(app: App, pairs: Iterable[tuple[int, int]], *, combined: bool = False,
                       task_id: int = -1) -> Any:
    """A ContinuousTaskRequest of (BackgroundTaskMode, BackgroundTaskSubmode) pairs, as an app builds one."""
    from emulator.kit.types import ContinuousTaskRequest

    pairs = list(pairs)
    return ContinuousTaskRequest([m for m, _s in pairs], [s for _m, s in pairs], want_agent_for(app), combined,
                                 task_id)


def start_by_request(rec: SessionRecorder, app: App | str, pairs: Iterable[tuple[int, int]], *,
                     combined: bool = False, share_with: int = -1) -> Any:
    """startBackgroundRunning(context, ContinuousTaskRequest) (API 21): the ContinuousTaskNotification.
    `share_with` is the request's continuousTaskId: the task whose notification it asks to share."""
    the_app = _app(rec, app)
    kit(the_app, "startBackgroundRunning")
    request = continuous_request(the_app, pairs, combined=combined, task_id=share_with)
    return _call(rec, the_app, "startBackgroundRunning", [the_app.context, request]).result()


def update_by_request(rec: SessionRecorder, app: App | str, task_id: int, pairs: Iterable[tuple[int, int]]) -> Any:
    """updateBackgroundRunning(context, ContinuousTaskRequest with continuousTaskId) (API 21)."""
    the_app = _app(rec, app)
    request = continuous_request(the_app, pairs, task_id=task_id)
    return _call(rec, the_app, "updateBackgroundRunning", [the_app.context, request]).result()


def transfer_progress(rec: SessionRecorder, app: App | str, task_id: int, progress_info: dict[str, Any]) -> None:
    """updateDataTransferProgress(context, {continuousTaskId, progressInfo}) (API 22)."""
    the_app = _app(rec, app)
    _call(rec, the_app, "updateDataTransferProgress",
          [the_app.context, {"continuousTaskId": task_id, "progressInfo": dict(progress_info)}])


def stop_by_id(rec: SessionRecorder, app: App | str, task_id: int) -> None:
    """stopBackgroundRunning(context, continuousTaskId) (API 21)."""
    the_app = _app(rec, app)
    _call(rec, the_app, "stopBackgroundRunning", [the_app.context, task_id]).result()


def request_method(rec: SessionRecorder, app: App | str, method: str, pairs: Iterable[tuple[int, int]],
                   hear: Callable[..., None]) -> Any:
    """A ContinuousTaskRequest method (isModeSupported, requestAuthFromUser(ByDialog),
    checkSpecialScenarioAuth(Result)) on a request of those (mode, submode) pairs, as the app calls it with its
    main ability's context; `hear` is the requestAuthFromUser callback. What it returns or resolves."""
    the_app = _app(rec, app)
    pairs = list(pairs)
    request = the_app.backgroundTaskManager.ContinuousTaskRequest([m for m, _s in pairs], [s for _m, s in pairs])
    if method == "isModeSupported":
        args: list[Any] = []
    elif method.startswith("requestAuthFromUser"):
        args = [the_app.context, hear]
    else:
        args = [the_app.context]
    answer = rec.perform_call(the_app, f"ContinuousTaskRequest.{method}", args, request=request)
    return answer.result() if hasattr(answer, "result") else answer
