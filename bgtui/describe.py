"""Plain words for states the tables and the details pane both show. No Textual."""

from __future__ import annotations

from typing import Any

from emulator.snapshot import AppView, EfficiencyGrantView, TransientTaskView

from bgtui import format as fmt

__all__ = ["awake_text", "transient_status", "suspend_reason_text", "grant_key", "group_grants", "GrantGroup"]

GrantGroup = tuple[EfficiencyGrantView, ...]


def awake_text(app: AppView, now_ms: int) -> tuple[str, str | None]:
    """What keeps the app awake, or what happens to it next, and the colour to say it in."""
    if app.keeps_awake:
        return "held by " + ", ".join(app.keeps_awake), "state-foreground"
    if app.state == "foreground":
        return "in the foreground", "dim"
    if app.state == "dead":
        return "not running", "dim"
    if app.state == "suspended":
        return "nothing: suspended", "state-suspended"
    if app.suspend_due_ms is not None:
        return f"nothing: suspended in {fmt.remaining(app.suspend_due_ms - now_ms)}", "countdown-warning"
    return "nothing", "dim"


_SHORT_WHY = {"the app is in the foreground with the screen on": "in foreground, screen on"}


def transient_status(task: TransientTaskView, now_ms: int, short: bool = False) -> tuple[str, str | None]:
    """Counting or paused and why, and the next thing that will happen to the task."""
    if task.callback_fired_ms is not None:
        if task.force_cancel_ms is not None:
            return f"callback fired; cancel in {fmt.remaining(task.force_cancel_ms - now_ms)}", "countdown-expiring"
        return "callback fired", "countdown-expiring"
    if task.counting:
        if task.callback_due_ms is not None:
            return f"counting: callback in {fmt.remaining(task.callback_due_ms - now_ms)}", None
        return "counting", None
    why = task.paused_why or "not counting"
    return f"paused: {_SHORT_WHY.get(why, why) if short else why}", "dim"


def suspend_reason_text(reason: int | None) -> str:
    """ContinuousTaskSuspendReason in words: 6 -> 'audio playback not running (6)'."""
    from emulator.kit.enums import ContinuousTaskSuspendReason  # the kit loads when first needed

    if reason is None:
        return "no reason given"
    try:
        name = ContinuousTaskSuspendReason(reason).name.removeprefix("SYSTEM_SUSPEND_")
    except ValueError:
        return f"reason {reason}"
    return f"{name.lower().replace('_', ' ')} ({reason})"


def grant_key(grant: EfficiencyGrantView) -> tuple[Any, ...]:
    """Types granted together (same app or process, timing and reason) share a row."""
    return (grant.bundle_name, grant.scope, grant.pid, grant.persistent, grant.ends_ms, grant.reason)


def group_grants(grants: tuple[EfficiencyGrantView, ...]) -> dict[tuple[Any, ...], GrantGroup]:
    groups: dict[tuple[Any, ...], list[EfficiencyGrantView]] = {}
    for grant in grants:
        groups.setdefault(grant_key(grant), []).append(grant)
    return {key: tuple(sorted(group, key=lambda g: g.resource_type)) for key, group in groups.items()}
