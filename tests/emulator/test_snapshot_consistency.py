"""The snapshot's fast builders agree with the engine's own queries, and every view has all its fields."""

from __future__ import annotations

import dataclasses

from emulator import Emulator
from emulator.kit import wantAgent
from emulator.modes import unknown_mode_names
from emulator.snapshot import Snapshot

KEEP = "ohos.permission.KEEP_BACKGROUND_RUNNING"


def _agent(bundle: str):
    return wantAgent.getWantAgent({"wants": [{"bundleName": bundle, "abilityName": "EntryAbility"}],
                                   "actionType": wantAgent.OperationType.START_ABILITY, "requestCode": 0,
                                   "wantAgentFlags": []}).result()


def _busy_device() -> Emulator:
    """Transient tasks paused and counting; a continuous task; CPU grants; a dead app and a suspended one."""
    emu = Emulator()
    fg = emu.install_app("com.example.fg", permissions=["b.perm", "a.perm"], background_modes=["teleport", "voip"])
    fg.backgroundTaskManager.requestSuspendDelay("paused", lambda: None)
    bg = emu.install_app("com.example.bg")
    for _ in range(3):
        bg.backgroundTaskManager.requestSuspendDelay("counting", lambda: None)
    bg.to_background()
    music = emu.install_app("com.example.music", permissions=[KEEP], background_modes=["audioPlayback"])
    music.backgroundTaskManager.startBackgroundRunning(music.context, ["audioPlayback"], _agent(music.bundle_name))
    music.to_background()
    system = emu.install_app("com.example.system", system_app=True, running_resources_apply=[0])
    system.backgroundTaskManager.applyEfficiencyResources(
        {"resourceTypes": 1, "isApply": True, "timeOut": 0, "isPersist": True, "reason": "app"})
    system.backgroundTaskManager.applyEfficiencyResources(
        {"resourceTypes": 1, "isApply": True, "timeOut": 0, "isPersist": True, "isProcess": True, "reason": "proc"})
    system.to_background()
    emu.install_app("com.example.dead").kill()
    emu.install_app("com.example.idle").to_background()  # suspended by the device policy after its grace
    emu.advance(10_000)
    return emu


def _check(emu: Emulator, snap: Snapshot) -> None:
    views = [snap, snap.device, snap.policy, *snap.apps, *snap.transient_tasks, *snap.continuous_tasks,
             *snap.notifications, *snap.efficiency_grants]
    for view in views:
        assert set(vars(view)) == {f.name for f in dataclasses.fields(view)}, type(view).__name__
    assert [a.bundle_name for a in snap.apps] == [a.bundle_name for a in emu.apps]
    for view, app in zip(snap.apps, emu.apps):
        assert view.keeps_awake == tuple(emu.holds(app))
        assert view.quota_left_ms == emu.transient.quota_left(app.uid)
        assert view.permissions == tuple(sorted(app.permissions))
        assert view.ignored_modes == unknown_mode_names(app.background_modes)
        assert view.state == app.state.value
    assert [t.request_id for t in snap.transient_tasks] == sorted(emu.transient.requests)
    for task in snap.transient_tasks:
        assert task.remaining_ms == emu.transient.requests[task.request_id].remaining_at(snap.now_ms)


def test_views_agree_with_the_engine_as_time_passes():
    emu = _busy_device()
    for step in (0, 100_000, 66_000, 5_000):  # counting, past the callback, force-cancelled
        emu.advance(step)
        _check(emu, emu.snapshot())
    emu.app("com.example.fg").to_background()  # its suspension is due once its task is done
    _check(emu, emu.snapshot())
    emu.device.screen_on = False  # everything counts, even in the foreground
    _check(emu, emu.snapshot())
    emu.restart_service()
    _check(emu, emu.snapshot())
