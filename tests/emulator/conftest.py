"""Shared fixtures for engine tests: a fresh device and a few typical apps."""

from __future__ import annotations

import pytest

from emulator import Emulator


@pytest.fixture
def emu() -> Emulator:
    return Emulator()


@pytest.fixture
def uploader(emu: Emulator):
    """A normal app that uses transient tasks; starts in the foreground."""
    return emu.install_app("com.example.upload", background_modes=["dataTransfer"])


def refusals(emu: Emulator) -> list[tuple[str, int]]:
    """(kind, code) of every refusal event, in order."""
    return [(e.kind.value, e.data["code"]) for e in emu.events if e.is_refusal]
