"""Fixtures for the continuous-task tests: a fresh device, a music app, a WantAgent."""

from __future__ import annotations

import pytest

from emulator import Emulator
from emulator.kit import wantAgent

KEEP = "ohos.permission.KEEP_BACKGROUND_RUNNING"
MODES = ["audioPlayback", "dataTransfer", "location", "bluetoothInteraction", "voip", "audioRecording"]


def make_agent(bundle: str = "com.example.music", ability: str = "EntryAbility", extra: dict | None = None):
    info = {"wants": [{"bundleName": bundle, "abilityName": ability}],
            "actionType": wantAgent.OperationType.START_ABILITY, "requestCode": 0, "wantAgentFlags": []}
    if extra is not None:
        info["extraInfo"] = extra
    return wantAgent.getWantAgent(info).result()


def install(emu: Emulator, bundle: str, *, modes=None, permissions=(KEEP,), **kw):
    return emu.install_app(bundle, permissions=list(permissions),
                           background_modes=list(MODES if modes is None else modes), **kw)


def kinds(emu: Emulator, prefix: str = "") -> list[str]:
    return [e.kind.value for e in emu.events if e.kind.value.startswith(prefix)]


def last(emu: Emulator, kind: str):
    return [e for e in emu.events if e.kind.value == kind][-1]


@pytest.fixture
def emu() -> Emulator:
    return Emulator()


@pytest.fixture
def music(emu: Emulator):
    return install(emu, "com.example.music", label="Music")


@pytest.fixture
def agent():
    return make_agent()
