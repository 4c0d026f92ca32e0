"""`do` actions on apps: app.audio_playing, and app.install with named UIAbilities (abilities=)."""

import pytest

from emulator.scenario import ScenarioError, load_text, run_scenario

from .record_helpers import KEEP

APPS = f"""
[[apps]]
bundle_name = "com.example.nav"
permissions = ["{KEEP}"]
background_modes = ["location"]

[[apps]]
bundle_name = "com.example.music"
permissions = ["{KEEP}"]
background_modes = ["audioPlayback"]
"""


def step(at: str, body: str, app: str | None = None) -> str:
    return f'\n[[steps]]\nat = "{at}"\n' + (f'app = "{app}"\n' if app else "") + body + "\n"


def test_audio_playing_turns_the_loading_text_into_the_audio_prompt():
    start = 'call = "startBackgroundRunning"\nargs = ["$context", ["{}"], "$wantAgent"]'
    text = (APPS + step("0s", start.format("location"), "com.example.nav")
            + step("0s", start.format("audioPlayback"), "com.example.music")
            + step("1s", 'do = "app.audio_playing"\nargs = [true]', "com.example.music")
            + step("2s", 'do = "app.audio_playing"\nargs = [false]', "com.example.music"))
    run = run_scenario(load_text(text))
    assert run.ok
    music = run.emu.app("com.example.music")
    assert not music.audio_playing
    (_nav, note) = run.emu.snapshot().notifications
    assert (note.notification_id, note.text) == (1, "Playing audio/video. Closing this notification will end playback.")
    assert [e.reason for e in run.emu.events if e.time_ms == 1000] == [
        "refreshed the text of notification 1: com.example.music's audio started"]


def test_audio_playing_of_a_dead_app_is_a_failed_step():
    text = APPS + step("0s", 'do = "app.kill"', "com.example.music") + step(
        "1s", 'do = "app.audio_playing"\nargs = [true]', "com.example.music")
    run = run_scenario(load_text(text, "audio.toml"))
    (failure,) = run.failures
    assert failure.got == "app.audio_playing failed: com.example.music is not running, so it cannot play audio"


def test_app_install_takes_named_abilities_and_later_steps_use_their_contexts():
    text = APPS + step("0s", 'do = "app.install"\nargs = ["com.example.maps", "Maps", false, false, '
                             f'["{KEEP}"], [], [], {{ EntryAbility = ["audioPlayback"], MapAbility = ["location"] }}]') \
        + step("1s", 'call = "startBackgroundRunning"\nargs = ["$context.MapAbility", ["location"], "$wantAgent"]\n'
                     'expect_code = 0', "com.example.maps")
    run = run_scenario(load_text(text))
    assert run.ok, [f.describe("x") for f in run.failures]
    maps = run.emu.app("com.example.maps")
    assert [(a.name, a.background_modes) for a in maps.abilities] == [
        ("EntryAbility", ("audioPlayback",)), ("MapAbility", ("location",))]
    assert run.emu.snapshot().continuous_tasks[-1].ability_name == "MapAbility"


@pytest.mark.parametrize(("abilities", "message"), [
    ("{}", "args[8]: abilities must be a non-empty dict of ability name -> list of backgroundModes, not {}"),
    ('{ 1Bad = [] }', "args[8]: abilities refused by install_app: an ability name is letters, digits and _ "
                      "(not starting with a digit), not '1Bad'"),
    ('{ Main = "audioPlayback" }', "args[8]: abilities refused by install_app: abilities['Main'] must be a list of "
                                   "strings, not 'audioPlayback'"),
])
def test_app_install_checks_its_abilities_as_install_app_does(abilities, message):
    with pytest.raises(ScenarioError) as info:
        load_text(APPS + step("0s", f'do = "app.install"\nargs = ["com.x", "", false, false, [], [], [], {abilities}]'),
                  "i.toml")
    assert str(info.value).endswith(message), str(info.value)


def test_a_context_of_an_ability_the_installed_app_lacks_is_a_failed_step_not_a_crash():
    text = APPS + step("0s", 'do = "app.install"\nargs = ["com.example.maps", "Maps", false, false, [], [], [], '
                             '{ EntryAbility = ["audioPlayback"], MapAbility = ["location"] }]') \
        + step("1s", 'call = "startBackgroundRunning"\nargs = ["$context.Nope", ["location"], "$wantAgent"]',
               "com.example.maps") \
        + step("1s", 'call = "ContinuousTaskRequest.isModeSupported"\nrequest = { wantAgent = "$context.Nope" }',
               "com.example.maps")
    run = run_scenario(load_text(text))
    assert [f.got for f in run.failures] == [
        "$context.Nope: com.example.maps has no UIAbility 'Nope' (its abilities: EntryAbility, MapAbility)"] * 2


def test_avsession_notification_and_navigation_capsule_change_the_notifications():
    start = 'call = "startBackgroundRunning"\nargs = ["$context", ["{}"], "$wantAgent"]'
    text = (APPS + step("0s", start.format("location"), "com.example.nav")
            + step("0s", 'do = "app.audio_playing"\nargs = [true]', "com.example.music")
            + step("0s", start.format("audioPlayback"), "com.example.music")
            + step("1s", 'do = "app.avsession_notification"\nargs = [true]', "com.example.music")
            + step("2s", 'do = "app.navigation_capsule"\nargs = [true]', "com.example.nav")
            + step("3s", 'do = "app.avsession_notification"\nargs = [false]', "com.example.music")
            + step("4s", 'do = "app.navigation_capsule"\nargs = [false]', "com.example.nav"))
    run = run_scenario(load_text(text))
    assert run.ok, [f.describe("x") for f in run.failures]
    assert [(e.time_ms, e.kind.value, e.reason) for e in run.emu.events if e.kind.value.startswith("notification")
            and e.time_ms > 0] == [
        (1000, "notification.removed", "notification 1 of continuous task 2 removed: com.example.music's AVSession "
                                       "notification is published, so its modes have no notification text"),
        (2000, "notification.removed", "notification 0 of continuous task 1 removed: com.example.nav shows a "
                                       "navigation capsule"),
        (4000, "notification.published", 'published notification 2 "com.example.nav" for continuous task 1')]
    run.emu.advance(64_000)  # 65 s after the removal the service takes it back
    assert [(n.notification_id, n.bundle_name) for n in run.emu.snapshot().notifications] == [
        (2, "com.example.nav"), (3, "com.example.music")]


def test_a_non_boolean_avsession_argument_is_refused_at_load():
    with pytest.raises(ScenarioError, match="must be true or false"):
        load_text(APPS + step("1s", 'do = "app.avsession_notification"\nargs = ["yes"]', "com.example.music"))
