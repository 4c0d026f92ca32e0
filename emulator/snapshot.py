"""Immutable views of the whole emulated device, for the dashboard and for tests.

A snapshot is taken at one virtual instant; every time in it is absolute virtual ms, and every
countdown is given both as `remaining_ms` at `now_ms` and as the absolute time it reaches its
end, so a view can interpolate between snapshots without touching the engine.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from emulator.frozen import FrozenRecord, frozen_record
from emulator.service.transient_model import INIT_QUOTA_MS

if TYPE_CHECKING:
    from emulator.apps import App
    from emulator.emulator import Emulator

__all__ = ["Snapshot", "DeviceView", "PolicyView", "AppView", "AbilityView", "TransientTaskView", "ContinuousTaskView",
           "NotificationView", "EfficiencyGrantView", "take_snapshot"]


@frozen_record
class DeviceView(FrozenRecord):
    """The device's battery, charging, screen and uptime."""

    battery_level: int
    low_battery_threshold: int
    battery_low: bool  # BATTERY_LOW published and not yet BATTERY_OKAY
    charging: bool
    screen_on: bool
    device_type: str
    support_task_keeping: bool
    uptime_ms: int


@frozen_record
class PolicyView(FrozenRecord):
    """The device policy's knobs."""

    suspend_grace_ms: int
    unhandled_timeout: str  # "terminate" | "suspend" | "none"
    uncaught_exception: str = "crash"  # "crash" | "log"


@frozen_record
class AbilityView(FrozenRecord):
    """One UIAbility of an app: its name, its declared backgroundModes, its record id in this launch."""

    name: str
    background_modes: tuple[str, ...]
    ability_id: int | None  # None before the first launch


@frozen_record
class AppView(FrozenRecord):
    """One installed app: identity, declarations, process state and what keeps it awake."""

    bundle_name: str
    label: str
    uid: int
    pid: int  # -1 when dead
    state: str  # "foreground" | "background" | "suspended" | "dead"
    system_app: bool
    atomic_service: bool
    permissions: tuple[str, ...]
    background_modes: tuple[str, ...]  # as declared in module.json5
    ignored_modes: tuple[str, ...]  # declared strings the bundle manager does not know
    running_resources_apply: tuple[int, ...]
    ability_name: str
    ability_id: int | None
    quota_left_ms: int  # daily transient quota left
    quota_counting: bool  # the quota is draining now
    background_since_ms: int | None  # when the 5 s request window started, if it applies
    keeps_awake: tuple[str, ...]  # what keeps it from being suspended, e.g. "continuous task 3"
    suspend_due_ms: int | None  # when the device policy will suspend it, if pending
    abilities: tuple[AbilityView, ...] = ()  # every UIAbility in order; the first is ability_name's
    listeners: tuple[str, ...] = ()  # its live on() types and "subscribeContinuousTaskState", first first
    audio_playing: bool = False  # its process has an audio renderer running
    avsession_notification: bool = False  # the media framework shows its AVSession notification
    navigation_capsule: bool = False  # it shows a navigation live-view capsule


@frozen_record
class TransientTaskView(FrozenRecord):
    """One live transient task and its countdown."""

    request_id: int
    bundle_name: str
    uid: int
    pid: int
    reason: str
    actual_delay_ms: int
    created_ms: int
    remaining_ms: int
    counting: bool
    paused_why: str | None  # why it is not counting, when it is not
    ends_ms: int | None  # when remaining reaches 0 if counting continues
    callback_due_ms: int | None  # when the "about to time out" callback fires, if pending and counting
    callback_fired_ms: int | None
    force_cancel_ms: int | None  # when the watchdog cancels it (after the callback)


@frozen_record
class ContinuousTaskView(FrozenRecord):
    """One continuous task."""

    continuous_task_id: int
    key: str  # "<uid>_<abilityName>_<abilityId>", plus "_<continuousTaskId>" for a request-object task
    bundle_name: str
    uid: int
    pid: int
    ability_name: str
    ability_id: int
    modes: tuple[str, ...]  # JS names, e.g. ("audioPlayback",)
    notification_id: int  # -1 when it has none
    suspended: bool
    suspend_reason: int | None  # ContinuousTaskSuspendReason value when suspended
    want_agent_bundle: str
    want_agent_ability: str
    started_ms: int
    listeners: tuple[str, ...]  # the app's on() registrations: "continuousTaskCancel", ...
    sub_modes: tuple[str, ...] = ()  # e.g. ("CAR_KEY",)
    notification_label: str = ""  # "bgmode_<uid>_<hash(abilityName)>_<abilityId>", "" when it never had one
    by_request_object: bool = False  # started with an API-21 ContinuousTaskRequest (isByRequestObject)
    combined_task_notification: bool = False  # the request allowed merging (isCombinedTaskNotification)
    combined_notification_task_id: int = -1  # the task whose notification it shares (combinedNotificationTaskId)
    sub_notification_id: int = -1  # the second notification of a request with dataTransfer and other modes
    sub_notification_label: str = ""  # its label: the main label plus "_<pid>"


@frozen_record
class NotificationView(FrozenRecord):
    """One notification in the drawer."""

    notification_id: int
    bundle_name: str
    title: str
    text: str
    label: str  # "bgmode_<uid>_<hash(abilityName)>_<abilityId>"
    task_ids: tuple[int, ...]
    progress: tuple[str, str, int] | None = None  # a dataTransfer task's (title, fileName, progressValue)
    control_flags: int = 0  # 17 = sound and vibration (a download finished or of unknown progress)
    buttons: tuple[str, ...] = ()  # an authorisation banner's buttons


@frozen_record
class EfficiencyGrantView(FrozenRecord):
    """One held efficiency resource type, of an app or of a process."""

    bundle_name: str
    uid: int
    pid: int | None  # None for an app-level grant
    scope: str  # "app" | "process"
    resource_type: int  # one bit of ResourceType
    type_name: str  # "CPU", "TIMER", ...
    persistent: bool
    remaining_ms: int | None  # None when persistent
    ends_ms: int | None
    time_out_ms: int
    reason: str
    lets: str  # what the grant lets a suspended app still do, from the seed's table
    cpu_level: int | None = None  # EfficiencyResourcesCpuLevel asked with a CPU grant (None: the default)


@frozen_record
class Snapshot(FrozenRecord):
    """The whole device at `now_ms`."""

    now_ms: int
    next_event_ms: int | None
    service_ready: bool
    device: DeviceView
    policy: PolicyView
    low_power: bool  # the transient service's low-power mode
    quota_reset_due_ms: int  # from then on, the next request resets every daily quota
    apps: tuple[AppView, ...]
    transient_tasks: tuple[TransientTaskView, ...]
    continuous_tasks: tuple[ContinuousTaskView, ...]
    notifications: tuple[NotificationView, ...]
    efficiency_grants: tuple[EfficiencyGrantView, ...]
    faults: tuple[str, ...]
    overrides: tuple[tuple[str, object], ...]  # settings that differ from a fresh device
    events_total: int

    def app(self, bundle_name: str) -> AppView | None:
        return next((a for a in self.apps if a.bundle_name == bundle_name), None)


# The two big loops build each view by filling its own __dict__ key by key: that dict shares its keys
# with every other view of the class, which is cheaper and smaller than a dict display handed over
# whole (from 1.7 µs a view with @dataclass(frozen=True) to about 0.4 µs). Every field must be set:
# tests/emulator/test_snapshot_consistency.py checks it.
_new = object.__new__
_PAUSED_WHY = "the app is in the foreground with the screen on"


def _transient_views(emu: Emulator) -> tuple[TransientTaskView, ...]:
    requests = emu.transient.requests
    now = emu.now_ms
    out = []
    for rid in sorted(requests):
        r = requests[rid]
        running = r.running
        left = r.actual_delay_ms - r.spent_ms - (now - r.base_ms if running else 0)  # r.remaining_at(now), inlined
        remaining = left if left > 0 else 0
        expiry, fired, watchdog = r.expiry_timer, r.callback_fired_ms, r.watchdog
        view = _new(TransientTaskView)
        f = view.__dict__  # filled field by field: see _new
        f["request_id"] = r.request_id
        f["bundle_name"] = r.bundle
        f["uid"] = r.uid
        f["pid"] = r.pid
        f["reason"] = r.reason
        f["actual_delay_ms"] = r.actual_delay_ms
        f["created_ms"] = r.created_ms
        f["remaining_ms"] = remaining
        f["counting"] = running
        f["paused_why"] = None if running else _PAUSED_WHY
        f["ends_ms"] = now + remaining if running else None
        f["callback_due_ms"] = expiry.due_ms if running and fired is None and expiry is not None else None
        f["callback_fired_ms"] = fired
        f["force_cancel_ms"] = watchdog.due_ms if watchdog is not None and watchdog.pending else None
        out.append(view)
    return tuple(out)


def _ability_views(app: App) -> tuple[AbilityView, ...]:
    contexts = app.contexts
    out = []
    for a in app.abilities:
        context = contexts.get(a.name)
        view = _new(AbilityView)
        f = view.__dict__  # filled field by field: see _new
        f["name"] = a.name
        f["background_modes"] = a.background_modes
        f["ability_id"] = context.abilityId if context is not None else None
        out.append(view)
    return tuple(out)


def _app_views(emu: Emulator) -> tuple[AppView, ...]:
    records, background_since = emu.transient.records, emu.transient.background_since
    holds, suspend_due_ms = emu.holds_by_uid(), emu.policy.suspend_due_ms
    listening = emu.continuous.listeners.types_by_uid()
    now = emu.now_ms
    out = []
    for app in emu.apps:
        uid, context = app.uid, app.context
        record = records.get(uid)
        view = _new(AppView)
        f = view.__dict__  # filled field by field: see _new
        f["bundle_name"] = app.bundle_name
        f["label"] = app.label
        f["uid"] = uid
        f["pid"] = app.pid
        f["state"] = app.state._value_  # Enum.value is a property
        f["system_app"] = app.system_app
        f["atomic_service"] = app.atomic_service
        f["permissions"] = app.sorted_permissions
        f["background_modes"] = app.background_modes
        f["ignored_modes"] = app.ignored_modes
        f["running_resources_apply"] = app.running_resources_apply
        f["ability_name"] = app.main_ability
        f["ability_id"] = context.abilityId if context else None
        f["quota_left_ms"] = INIT_QUOTA_MS if record is None else record.quota_at(now)  # TransientManager.quota_left
        f["quota_counting"] = record is not None and record.counting
        f["background_since_ms"] = background_since.get(uid)
        f["keeps_awake"] = tuple(holds.get(uid, ()))
        f["suspend_due_ms"] = suspend_due_ms(app)
        f["abilities"] = _ability_views(app)
        f["listeners"] = listening.get(uid, ())
        f["audio_playing"] = app.audio_playing
        f["avsession_notification"] = app.avsession_notification
        f["navigation_capsule"] = app.navigation_capsule
        out.append(view)
    return tuple(out)


def take_snapshot(emu: Emulator) -> Snapshot:
    d = emu.device
    overrides = {**d.overrides(), **emu.policy.overrides()}
    if not emu.service_ready:
        overrides["service_ready"] = False
    return Snapshot(
        now_ms=emu.now_ms,
        next_event_ms=emu.next_event_ms,
        service_ready=emu.service_ready,
        device=DeviceView(d.battery_level, d.low_battery_threshold, d.battery_low, d.charging, d.screen_on,
                          d.device_type, d.support_task_keeping, emu.now_ms - d.boot_ms),
        policy=PolicyView(emu.policy.suspend_grace_ms, emu.policy.unhandled_timeout,
                          emu.policy.uncaught_exception),
        low_power=emu.transient.low_power,
        quota_reset_due_ms=emu.transient.next_reset_due_ms(),
        apps=_app_views(emu),
        transient_tasks=_transient_views(emu),
        continuous_tasks=emu.continuous.task_views(),
        notifications=emu.continuous.notification_views(),
        efficiency_grants=emu.efficiency.grant_views(),
        faults=emu.faults.describe(),
        overrides=tuple(overrides.items()) + tuple(("fault", f) for f in emu.faults.describe()),
        events_total=emu.events.total,
    )
