"""API-21 request objects from the keys, the continuous table's request columns, and send anyway."""

from __future__ import annotations

from bgtui.app import BgtuiApp
from bgtui.screens.request_form import PAIRS

from .conftest import MUSIC, SYSTEM, UPLOADER, WIDE, Recorder, select_app, shown


async def test_start_two_merged_request_tasks_update_one_by_id_and_stop_it_by_id(app: BgtuiApp,
                                                                                 toasts: Recorder) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await select_app(pilot, app, MUSIC)
        await pilot.press("a")
        assert app.screen.query_one("#pairs").selected == ["2:2"]  # type: ignore[attr-defined]
        await pilot.press("tab", "space", "enter")  # audioPlayback, combined
        assert toasts.last().message == ("Music: continuous task 1 started from a request object, notification 0")
        await pilot.press("a", "tab", "space", "tab", "ctrl+u", "1", "enter")  # combined, sharing task 1's
        tasks = app.emu.snapshot().continuous_tasks
        assert [(t.continuous_task_id, t.by_request_object, t.notification_id, t.combined_notification_task_id)
                for t in tasks] == [(1, True, 0, 1), (2, True, 0, 1)]
        await pilot.press("3")
        lines = shown(app, "continuous").splitlines()
        assert "req" in lines[1] and "shared" in lines[1] and "with 1" in lines[2]
        await pilot.press("down", "U")
        assert app.screen.query_one("#task-id").value == "2"  # type: ignore[attr-defined]
        await pilot.press("tab", "home", "down", "space", "down", "space", "enter")  # + audioPlayback off? see below
        step = app.recorder.steps[-1]
        assert step.name == "updateBackgroundRunning" and step.args[1]["continuousTaskId"] == 2
        await pilot.press("X")
        assert app.screen.query_one("#task-id").value == "2"  # type: ignore[attr-defined]
        await pilot.press("enter")
        assert [t.continuous_task_id for t in app.emu.snapshot().continuous_tasks] == [1]
        assert toasts.last().message == "Music: continuous task 2 stopped by its id"
        assert [(s.name, s.args[1:]) for s in app.recorder.steps][-1] == ("stopBackgroundRunning", (2,))


async def test_the_request_form_offers_every_mode_and_submode_and_says_what_the_device_refuses(
        app: BgtuiApp) -> None:
    from emulator.kit.enums import BackgroundTaskMode, BackgroundTaskSubmode

    assert {m for m, _s in PAIRS} == {m.value for m in BackgroundTaskMode}
    assert {s for _m, s in PAIRS} == {s.value for s in BackgroundTaskSubmode}
    async with app.run_test(size=WIDE) as pilot:
        await select_app(pilot, app, UPLOADER)
        await pilot.press("a")
        notes = str(app.screen.query_one("#form-notes").render())
        assert "lacks KEEP_BACKGROUND_RUNNING: the device answers 201" in notes
        assert "not declared in module.json5: audioPlayback: the device answers 9800005" in notes


async def test_send_anyway_sends_a_request_without_modes_and_shows_the_devices_answer(app: BgtuiApp,
                                                                                    toasts: Recorder) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await select_app(pilot, app, MUSIC)
        await pilot.press("a", "space")  # no pair chosen
        form = app.screen
        assert form.query_one("#ok").disabled and form.query_one("#anyway").display
        await pilot.press("ctrl+o")
        assert toasts.last().title == "startBackgroundRunning (sent anyway): refused (9800005)"
        assert app.recorder.steps[-1].code == 9800005


async def test_send_anyway_on_the_efficiency_form_without_a_resource_type(app: BgtuiApp, toasts: Recorder) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await select_app(pilot, app, SYSTEM)
        await pilot.press("e", "space")  # CPU off: no type
        assert app.screen.query_one("#anyway").display
        await pilot.press("ctrl+o")
        step = app.recorder.steps[-1]
        assert step.name == "applyEfficiencyResources" and step.args[0]["resourceTypes"] == 0
        assert "refused" in toasts.last().title


async def test_stop_by_id_refuses_a_negative_id_unless_sent_anyway(app: BgtuiApp, toasts: Recorder) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await select_app(pilot, app, MUSIC)
        await pilot.press("X", *"-3")
        assert app.screen.query_one("#ok").disabled
        await pilot.press("ctrl+o")
        assert toasts.last().title == "stopBackgroundRunning: refused (9800005)"
        assert len(app.recorder) == 1
