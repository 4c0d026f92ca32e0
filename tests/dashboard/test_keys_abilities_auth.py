"""Pilot tests of named abilities on the dashboard: the start form asks which UIAbility when there are
several, the app's details list them, and a saved session replays the call from that ability."""

from __future__ import annotations

from emulator import Emulator
from emulator.apps import KEEP_BACKGROUND_RUNNING
from textual.widgets import Select

from bgtui.app import BgtuiApp, make_app

from .conftest import WIDE, select_app

NAV = "com.example.nav"


def nav_app() -> BgtuiApp:
    emu = Emulator()
    emu.install_app(NAV, label="Nav", permissions=[KEEP_BACKGROUND_RUNNING],
                    abilities={"EntryAbility": ["audioPlayback"], "MapAbility": ["location"]})
    return make_app(emu, clock_running=False, watch_themes=False)


async def test_the_start_form_asks_which_ability_and_starts_from_it() -> None:
    app = nav_app()
    async with app.run_test(size=WIDE) as pilot:
        await select_app(pilot, app, NAV)
        await pilot.press("s")
        form = app.screen
        abilities = form.query_one("#ability", Select)
        assert abilities.display and abilities.value == "EntryAbility"
        assert form.query_one("#modes").selected == ["audioPlayback"]
        abilities.value = "MapAbility"
        await pilot.pause()
        assert form.query_one("#modes").selected == ["location"]  # MapAbility's declared modes
        await pilot.press("enter")
        (task,) = app.emu.snapshot().continuous_tasks
        assert (task.ability_name, task.modes) == ("MapAbility", ("location",))
        assert '"$context.MapAbility"' in app.recorder.to_toml()
        await pilot.press("S")  # stop: from the selected task's ability
        assert app.emu.snapshot().continuous_tasks == ()


async def test_the_form_hides_the_ability_choice_for_one_ability(app: BgtuiApp) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await select_app(pilot, app, "com.example.music")
        await pilot.press("s")
        assert not app.screen.query_one("#ability", Select).display


async def test_app_details_list_each_ability() -> None:
    from bgtui.explain import explain

    app = nav_app()
    snap = app.emu.snapshot()
    details = explain(snap, "app", NAV, list(app.emu.events))
    rows = dict(details.fields)
    assert rows["ability 1"] == "EntryAbility #1 (main): audioPlayback"
    assert rows["ability 2"] == "MapAbility #2: location"
    assert "declared modes" not in rows


async def test_the_auth_answer_form_sets_the_device_and_is_recorded(app: BgtuiApp) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("A")
        assert app.screen.query_one("#answer").highlighted == 3  # no_answer, the default
        await pilot.press("home", "enter")
        assert app.emu.device.auth_dialog_answer == "allow_once"
        assert ("auth_dialog_answer", "allow_once") in app.emu.snapshot().overrides
        await pilot.pause()
        assert "auth prompts: allow once" in str(app.main_screen.query_one("OverridesBanner").render())
        assert 'do = "device.auth_dialog_answer"' in app.recorder.to_toml()
        await pilot.press("R")
        assert app.emu.device.auth_dialog_answer == "no_answer"
