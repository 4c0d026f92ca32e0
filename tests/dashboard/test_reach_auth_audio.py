"""Install with named abilities, the ContinuousTaskRequest methods (M), audio playing (V), and k on an app with
several abilities: engine state and what is shown."""

from __future__ import annotations

from emulator.kit.enums import UserAuthResult

from bgtui import ops
from bgtui.app import BgtuiApp

from .conftest import MUSIC, WIDE, Recorder, select_app, shown

MEDIA = "com.example.media"
ACL = "ohos.permission.KEEP_BACKGROUND_RUNNING_SPECIAL_SCENARIO"
KEEP = "ohos.permission.KEEP_BACKGROUND_RUNNING"
NAVIGATION = "com.example.navigation"
TWO = "EntryAbility=audioPlayback; EditAbility=specialScenarioProcessing"


async def install_media(pilot) -> None:
    """The install form, as a user fills it: KEEP and the special-scenario ACL, two named abilities."""
    await pilot.press("i", *MEDIA, "tab", *"Media", "tab", "tab", "tab", "down", "down", "down", "space",
                      "tab", "tab", "tab", *TWO, "enter")


async def test_install_with_named_abilities_checked_as_you_type(app: BgtuiApp, toasts: Recorder) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("i", *MEDIA, *["tab"] * 7, *"1Bad=location")
        form = app.screen
        problems = lambda: str(form.query_one("#form-problems").render())  # noqa: E731
        assert "an ability name is letters, digits and _ (not starting with a digit), not '1Bad'" in problems()
        assert form.query_one("#ok").disabled
        await pilot.press("ctrl+u", *"Main location")
        assert "write each ability as Name=modes (e.g. MapAbility=location), separated by ';', not 'Main location'" \
            in problems()
        await pilot.press("ctrl+u", *"Main=location; Main=audioPlayback")
        assert "the ability Main is named twice" in problems()
        await pilot.press("ctrl+u", *"Main=location; Map=fooMode", "shift+tab", "shift+tab", "space")
        assert ("pass background_modes= (one EntryAbility) or abilities= (each ability's modes), not both"
                in problems())  # dataTransfer ticked above too
        await pilot.press("space", "tab", "tab")
        assert problems() == "" and not form.query_one("#ok").disabled
        assert "unknown backgroundModes are ignored by the bundle manager: fooMode" in str(
            form.query_one("#form-notes").render())
        await pilot.press("enter")
        media = app.emu.app(MEDIA)
        assert [(a.name, a.background_modes) for a in media.abilities] == [("Main", ("location",)),
                                                                             ("Map", ("fooMode",))]
        assert toasts.last().message == ("com.example.media installed with uid 20010005, launched with pid 10005; "
                                         "UIAbilities Main, Map")
        step = app.recorder.steps[-1]
        assert (step.name, step.args) == ("app.install", (MEDIA, "", False, False, [KEEP], [], [],
                                                          {"Main": ["location"], "Map": ["fooMode"]}))


async def test_request_methods_answer_as_the_app_receives_them(app: BgtuiApp, toasts: Recorder) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await install_media(pilot)
        assert sorted(app.emu.app(MEDIA).permissions) == [KEEP, ACL]
        await select_app(pilot, app, MEDIA)
        await pilot.press("M")
        assert "reads only" not in str(app.screen.query_one("#form-notes").render())
        await pilot.press("enter")  # isModeSupported, on the special-scenario pair the form offers first
        assert (toasts.last().title, toasts.last().message) == ("isModeSupported", "Media: true")
        await pilot.press("M", "down", "enter")  # requestAuthFromUser: a banner asks the user
        assert toasts.last().message == "Media: 0 (the callback hears the user's answer: A sets it)"
        (banner,) = app.emu.snapshot().notifications
        assert banner.text == "Allow Media to run in the background?"
        await pilot.press("A", "home", "enter", "n")  # the user allows it once, 1 s after it appeared
        await pilot.press("M", "down", "down", "enter")  # checkSpecialScenarioAuth
        assert toasts.last().message == "Media: 3 (UserAuthResult.GRANTED_ONCE)"
        await pilot.press("M", "tab", "end", "up", "up", "space", "shift+tab", "enter")  # no mode: refused
        assert toasts.last().title == "isModeSupported: refused (9800005)"
        assert toasts.last().severity == "error"
        lines = [(e.kind, e.reason) for e in app.session.trace.since(0)]
        request = "ContinuousTaskRequest { backgroundTaskModes: [13], backgroundTaskSubmodes: [9] }"
        assert lines == [
            ("app.query", f"Media called {request}.isModeSupported(): true"),
            ("app.query", f"Media called {request}.requestAuthFromUser(context, callback): 0"),
            ("app.heard", "Media heard the requestAuthFromUser callback: 3"),
            ("app.query", f"Media called {request}.checkSpecialScenarioAuth(context): 3 "
                          "(UserAuthResult.GRANTED_ONCE)"),
            ("app.query", "Media called ContinuousTaskRequest { backgroundTaskModes: [], backgroundTaskSubmodes: [] }"
                          ".isModeSupported(): refused 9800005: BussinessError 9800005: Continuous Task verification "
                          "failed. The backgroundTaskModes or backgroundTaskSubmodes cannot be empty.")]
        await pilot.pause()
        assert "Media heard the requestAuthFromUser callback: 3" in shown(app, "log")
        assert [s.name for s in app.recorder.steps][1:] == [
            "ContinuousTaskRequest.isModeSupported", "ContinuousTaskRequest.requestAuthFromUser",
            "device.auth_dialog_answer", "ContinuousTaskRequest.checkSpecialScenarioAuth",
            "ContinuousTaskRequest.isModeSupported"]
        assert app.recorder.steps[3].args == ("allow_once",)
        assert app.emu.continuous.auth.check(app.emu.app(MEDIA), 22) == UserAuthResult.GRANTED_ONCE


async def test_request_method_refused_for_an_app_without_the_acl(app: BgtuiApp, toasts: Recorder) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await select_app(pilot, app, MUSIC)
        await pilot.press("M", "down", "down", "down", "down")  # checkSpecialScenarioAuthResult
        assert "reads only the context: the modes do not matter" in str(app.screen.query_one("#form-notes").render())
        await pilot.press("up", "up", "up", "tab", "space", "end", "up", "up", "space")  # requestAuthFromUser, audio
        assert ("no special-scenario mode: the kit answers BussinessError 9800005: Continuous Task verification failed. "
                "The background task mode: MODE_SPECIAL_SCENARIO_PROCESSING type is empty.") in str(app.screen.query_one("#form-notes").render())
        await pilot.press("escape", "M", "enter")  # isModeSupported of the special-scenario mode
        assert (toasts.last().title, toasts.last().severity) == ("isModeSupported: refused (9800005)", "error")
        assert toasts.last().message == ("BussinessError 9800005: Continuous Task verification failed. App has no ACL "
                                         "permission.")
        assert [s.name for s in app.recorder.steps] == ["ContinuousTaskRequest.isModeSupported"]


async def test_audio_playing_turns_the_loading_text_into_the_audio_prompt(app: BgtuiApp, toasts: Recorder) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await select_app(pilot, app, NAVIGATION)
        await pilot.press("s", "enter")  # notification 0: the service looks only at ids above 0
        await select_app(pilot, app, MUSIC)
        await pilot.press("s", "enter")
        await pilot.pause()
        assert "Loading audio/video" in shown(app, "notifications")
        await pilot.press("V", "space", "enter")
        music = app.emu.app(MUSIC)
        assert music.audio_playing
        assert toasts.last().message == ("Music: audio renderer running (a task showing the loading text now shows "
                                         "the audio prompt)")
        await pilot.pause()
        assert "Playing audio/video" in shown(app, "notifications")
        await pilot.press("V", "space", "enter")
        assert not music.audio_playing and toasts.last().message == "Music: audio renderer stopped"
        assert [(s.name, s.args) for s in app.recorder.steps][-2:] == [("app.audio_playing", (True,)),
                                                                      ("app.audio_playing", (False,))]
        await pilot.press("x", "V", "space", "enter")  # a dead app cannot play audio: nothing recorded
        assert toasts.last().message == "com.example.music is not running, so it cannot play audio"
        assert app.recorder.steps[-1].name == "app.kill"


async def test_k_ends_only_the_main_ability_and_says_so(app: BgtuiApp, toasts: Recorder) -> None:
    async with app.run_test(size=WIDE) as pilot:
        ops.install_app(app.recorder, MEDIA, label="Media", permissions=[KEEP],
                        abilities={"EntryAbility": ["audioPlayback"], "EditAbility": ["location"]})
        app.publish()
        await select_app(pilot, app, MEDIA)
        await pilot.press("k")
        assert app.emu.app(MEDIA).state.value == "dead"
        assert toasts.last().message == ("Media: EntryAbility ended; its continuous tasks went and the process exited "
                                         "(only the main ability can end here: ending EditAbility alone is not "
                                         "emulated)")
