"""Installed apps: uids for user 100, pids, the ability context, process states."""

import pytest

from emulator import EventKind, ProcessState
from emulator.apps import AppStateError


def test_uids_are_allocated_for_user_100_from_20010000(emu):
    a = emu.install_app("com.a")
    b = emu.install_app("com.b")
    assert (a.uid, b.uid) == (20010000, 20010001)
    assert emu.app_by_uid(20010001) is b


def test_an_app_starts_in_the_foreground_with_a_process_and_entry_ability(emu):
    app = emu.install_app("com.example.music", background_modes=["audioPlayback", "dataTransfer"],
                          permissions=["ohos.permission.KEEP_BACKGROUND_RUNNING"])
    assert app.state is ProcessState.FOREGROUND
    assert app.pid == 10000
    assert app.context.abilityInfo.name == "EntryAbility"
    assert app.context.abilityInfo.bundleName == "com.example.music"
    assert app.context.abilityInfo.backgroundModes == 0b11  # dataTransfer bit 1, audioPlayback bit 2
    assert app.has_permission("ohos.permission.KEEP_BACKGROUND_RUNNING")


def test_unknown_module_json_modes_are_ignored_as_the_bundle_manager_does(emu):
    app = emu.install_app("com.a", background_modes=["location", "teleport"])
    assert app.context.abilityInfo.backgroundModes == 8
    assert app.ignored_modes == ("teleport",)
    assert "unknown backgroundModes ignored: teleport" in emu.events.since(0)[0].reason


def test_background_foreground_kill_and_relaunch(emu):
    app = emu.install_app("com.a")
    first_pid, first_context = app.pid, app.context
    app.to_background()
    assert app.state is ProcessState.BACKGROUND
    app.to_foreground()
    app.kill()
    assert (app.state, app.pid) == (ProcessState.DEAD, -1)
    assert first_context.token is None
    app.to_foreground()
    assert app.state is ProcessState.FOREGROUND
    assert app.pid == first_pid + 1
    assert app.context is not first_context and app.context.abilityId == first_context.abilityId + 1
    kinds = [e.kind for e in emu.events]
    assert kinds == [EventKind.APP_INSTALLED, EventKind.APP_LAUNCHED, EventKind.APP_BACKGROUND,
                     EventKind.APP_FOREGROUND, EventKind.APP_KILLED, EventKind.APP_LAUNCHED]


def test_backgrounding_a_dead_app_is_a_clear_error(emu):
    app = emu.install_app("com.a")
    app.kill()
    with pytest.raises(AppStateError, match="not running"):
        app.to_background()


@pytest.mark.parametrize("kwargs, exc, text", [
    ({"bundle_name": ""}, ValueError, "bundle_name"),
    ({"bundle_name": "com.a", "system_app": 1}, TypeError, "system_app"),
    ({"bundle_name": "com.a", "permissions": "ohos.permission.X"}, TypeError, "permissions"),
    ({"bundle_name": "com.a", "background_modes": [1]}, TypeError, "background_modes"),
    ({"bundle_name": "com.a", "running_resources_apply": [10]}, ValueError, "running_resources_apply"),
    ({"bundle_name": "com.a", "label": 5}, TypeError, "label"),
])
def test_bad_install_arguments_are_refused_and_install_nothing(emu, kwargs, exc, text):
    name = kwargs.pop("bundle_name")
    with pytest.raises(exc, match=text):
        emu.install_app(name, **kwargs)
    assert emu.apps == ()


def test_installing_twice_is_refused(emu):
    emu.install_app("com.a")
    with pytest.raises(ValueError, match="already installed"):
        emu.install_app("com.a")


def test_permissions_given_as_a_generator_are_kept(emu):
    app = emu.install_app("com.a", permissions=(p for p in ["ohos.permission.KEEP_BACKGROUND_RUNNING"]))
    assert app.permissions == {"ohos.permission.KEEP_BACKGROUND_RUNNING"}
