"""`bgtui FILE --watch`: a save restarts the scenario from its beginning; a broken save keeps it running.

No sleeps: each step waits for what the watcher reports (its `ready` event, then one outcome per
handled save), with a timeout that is only reached if the watcher is broken.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from bgtui.scenario_watch import Outcome, ScenarioWatcher
from bgtui.widgets.clock_bar import ClockBar

from .conftest import WIDE, Recorder, shown
from .live_files import UPLOAD, live_app, make_app, scenario_text, write_scenario

TIMEOUT = 15


async def next_outcome(watcher: ScenarioWatcher) -> Outcome:
    return await asyncio.wait_for(watcher.outcomes.get(), TIMEOUT)


async def test_edit_break_and_fix_the_file(tmp_path: Path) -> None:
    path = write_scenario(tmp_path)
    app = live_app(path)
    toasts = Recorder(app)
    watcher = app.scenario_watcher = ScenarioWatcher(app, path, ready_timeout_ms=50)
    async with app.run_test(size=WIDE) as pilot:
        watcher.start_watching()
        await asyncio.wait_for(watcher.ready.wait(), TIMEOUT)
        first = app.emu
        await pilot.press("m")
        assert first.now_ms == 60_000 and first.snapshot().transient_tasks

        path.write_text(scenario_text(battery=50, label="Uploader 2"))  # edit: the scenario restarts
        outcome = await next_outcome(watcher)
        await pilot.pause()
        assert outcome.reloaded and app.emu is outcome.session.emu is not first  # type: ignore[union-attr]
        assert app.emu.now_ms == 0 and app.emu.device.battery_level == 50
        assert app.recorder.emu is app.emu and app.driver.emu is app.emu and app.snapshot.now_ms == 0
        assert "battery 50%" in app.main_screen.query_one(ClockBar).render().plain
        assert "Uploader 2" in shown(app, "apps") and "No transient tasks" in shown(app, "transient")
        assert toasts.last().title == "Scenario reloaded"
        await pilot.press("n", "n")  # the new run plays its steps on the same keys
        assert app.emu.now_ms == 2_000 and app.emu.app(UPLOAD).state.value == "background"

        running = app.emu
        path.write_text(scenario_text().replace('at = "2s"', 'at = "2 seconds"'))  # break it
        outcome = await next_outcome(watcher)
        assert outcome.error is not None and app.emu is running
        errors = [t for t in toasts.toasts if t.severity == "error"]
        assert len(errors) == 1 and errors[0].title == "Scenario not reloaded"
        assert errors[0].message.startswith(f"{path}:21: steps[2].at: ")
        await pilot.press(".")  # the old run carries on
        assert running.now_ms == 3_000 and "Uploader 2" in shown(app, "apps")

        path.write_text(scenario_text(battery=30))  # fixed: reloaded again
        outcome = await next_outcome(watcher)
        await pilot.pause()
        assert outcome.reloaded and app.emu.now_ms == 0 and app.emu.device.battery_level == 30
        assert "Uploader 2" not in shown(app, "apps")


async def test_make_app_watches_the_file_and_closes_open_forms_on_reload(tmp_path: Path) -> None:
    from bgtui.session import Session
    from emulator.scenario import load

    path = write_scenario(tmp_path)
    app = make_app(session=Session.of_scenario(load(str(path))), clock_running=False, watch_themes=False,
                   watch_scenario=path)
    async with app.run_test(size=WIDE) as pilot:
        watcher = app.scenario_watcher
        assert watcher is not None
        await asyncio.wait_for(watcher.ready.wait(), TIMEOUT)
        await pilot.press("t")  # a form is open when the file changes
        assert len(app.screen_stack) == 2
        path.write_text(scenario_text(battery=40))
        assert (await next_outcome(watcher)).reloaded
        await pilot.pause()
        assert len(app.screen_stack) == 1 and app.emu.device.battery_level == 40
