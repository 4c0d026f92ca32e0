"""The world gate: while locked, a key that would change the world is refused with the lock's
message and changes nothing; time controls and views still work."""

from __future__ import annotations

from bgtui.keymap import ACTIONS, changes_world
from bgtui.world_gate import WorldGate

from bgtui.app import BgtuiApp

from .conftest import UPLOADER, WIDE, Recorder, select_app


def test_gate_reports_the_oldest_lock_until_all_are_released() -> None:
    gate = WorldGate()
    assert gate.refusal() is None and not gate.locked
    gate.lock("presenter", "Presenter mode: keys do not change the world")
    gate.lock("rewind", "Showing the past")
    assert gate.refusal() == "Presenter mode: keys do not change the world"
    gate.unlock("presenter")
    assert gate.refusal() == "Showing the past" and gate.held_by("rewind")
    gate.unlock("rewind")
    assert gate.refusal() is None


def test_time_view_and_session_actions_never_change_the_world() -> None:
    open_ = {a.action for a in ACTIONS if not a.changes_world}
    assert {"toggle_clock", "faster", "step", "skip_minute", "help", "filter_log", "toggle_details",
            "save_session"} <= open_
    assert changes_world("request_transient") and changes_world("app_background")
    assert not changes_world("focus_panel") and not changes_world("no_such_action")


async def test_a_locked_world_refuses_a_world_key_and_lets_time_move(app: BgtuiApp, toasts: Recorder) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await select_app(pilot, app, UPLOADER)
        app.gate.lock("test", "Locked for the test")
        await pilot.press("b")
        assert app.emu.app(UPLOADER).state.value == "foreground"
        assert toasts.last().message == "Locked for the test"
        assert app.recorder.emu is app.emu and not app.screen_stack[1:]
        now = app.emu.now_ms
        await pilot.press(".")
        assert app.emu.now_ms == now + 1000
        app.gate.unlock("test")
        await pilot.press("b")
        assert app.emu.app(UPLOADER).state.value == "background"
