"""API 22+: updateDataTransferProgress and set/getBackgroundTaskState from the keys."""

from __future__ import annotations

from emulator.apps import KEEP_BACKGROUND_RUNNING
from emulator.scenario import load_text, run_scenario
from emulator.service.continuous_auth import SET_BACKGROUND_TASK_STATE

from bgtui import ops
from bgtui.app import BgtuiApp

from .conftest import SYSTEM, WIDE, Recorder, select_app

ADMIN = "com.example.admin"
MOVER = "com.example.mover"


async def test_get_and_set_the_background_task_state_as_a_system_app(app: BgtuiApp, toasts: Recorder) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await select_app(pilot, app, SYSTEM)
        await pilot.press("K")
        assert "lacks SET_BACKGROUND_TASK_STATE: the device answers 201" in str(
            app.screen.query_one("#form-notes").render())
        await pilot.press("escape")
        ops.install_app(app.recorder, ADMIN, system_app=True, permissions=[SET_BACKGROUND_TASK_STATE])
        app.publish()
        await select_app(pilot, app, ADMIN)
        await pilot.press("K", "ctrl+s")  # getBackgroundTaskState of itself
        get = app.recorder.steps[-1]
        assert (get.name, get.args) == ("getBackgroundTaskState", ({"userId": 100, "bundleName": ADMIN, "appIndex": 0},))
        assert (toasts.last().title, toasts.last().message) == ("getBackgroundTaskState",
                                                                 f"{ADMIN}: NOT_SUPPORTED (0)")
        await pilot.press("K", "enter", "down", "enter", "ctrl+s")  # setBackgroundTaskState: GRANTED_ONCE
        assert app.recorder.steps[-1].args[0] == {"userId": 100, "bundleName": ADMIN, "appIndex": 0, "authResult": 3}
        await pilot.press("K", "ctrl+s")
        assert toasts.last().message == f"{ADMIN}: GRANTED_ONCE (3)"
        assert [line.kind for line in app.session.trace.since(0)] == ["app.query", "app.query"]


async def test_update_a_data_transfers_progress(app: BgtuiApp, toasts: Recorder) -> None:
    async with app.run_test(size=WIDE) as pilot:
        ops.install_app(app.recorder, MOVER, permissions=[KEEP_BACKGROUND_RUNNING], background_modes=["dataTransfer"])
        note = ops.start_continuous(app.recorder, MOVER, ["dataTransfer"])
        app.publish()
        await select_app(pilot, app, MOVER)
        await pilot.press("j")
        assert app.screen.query_one("#task-id").value == str(note.continuousTaskId)  # type: ignore[attr-defined]
        await pilot.press("enter")
        step = app.recorder.steps[-1]
        assert step.name == "updateDataTransferProgress" and step.args[1] == {
            "continuousTaskId": note.continuousTaskId,
            "progressInfo": {"title": "Uploading", "fileName": "photo.jpg", "isMute": False, "progressValue": 50}}
        run = run_scenario(load_text(app.recorder.to_toml()))
        assert run.ok and run.emu.events.to_jsonl() == app.emu.events.to_jsonl()
