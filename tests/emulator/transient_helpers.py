"""Helpers for transient-task tests: draining an app's quota on the virtual clock."""

from __future__ import annotations


def noop(*_args) -> None:
    pass


def drain_quota_to(emu, app, target_ms: int) -> None:
    """Spend the app's daily quota down to `target_ms`, leaving no task behind and the screen on.

    With the screen off a request counts even in the foreground, so no background window applies.
    """
    bt = app.backgroundTaskManager
    policy = emu.policy.unhandled_timeout
    emu.policy.unhandled_timeout = "none"
    emu.device.screen_on = False
    while emu.transient.quota_left(app.uid) > target_ms:
        info = bt.requestSuspendDelay("drain", noop)
        emu.advance(min(info.actualDelayTime - 1, emu.transient.quota_left(app.uid) - target_ms))
        bt.cancelSuspendDelay(info.requestId)
    emu.device.screen_on = True
    emu.policy.unhandled_timeout = policy
    assert emu.transient.quota_left(app.uid) == target_ms
