"""Fixtures and helpers for the efficiency-resource tests."""

from __future__ import annotations

from contextlib import contextmanager
from typing import Any, Iterator

import pytest

from emulator import BusinessError, Emulator
from emulator.apps import App
from emulator.events import Event, EventKind

SYS = "com.example.sysapp"
FOUR_MIN = 4 * 60_000


def req(types: int = 1, apply: bool = True, time_out: int = 10_000, reason: str = "test", **extra: Any) -> dict:
    """An EfficiencyResourcesRequest as a dict; extra keys are added as given (isPersist=True, ...)."""
    out: dict[str, Any] = {"resourceTypes": types, "isApply": apply, "timeOut": time_out, "reason": reason}
    out.update(extra)
    return out


@contextmanager
def raises(code: int, message: str) -> Iterator[None]:
    """The call raises a BusinessError with exactly this code (an int) and message."""
    with pytest.raises(BusinessError) as info:
        yield
    assert type(info.value.code) is int
    assert (info.value.code, info.value.message) == (code, message)


def held(emu: Emulator, app: App) -> tuple[int, int]:
    """(app-level bitmask, process-level bitmask of the app's current pid)."""
    a = emu.efficiency.app_records.get(app.uid)
    p = emu.efficiency.proc_records.get(app.pid)
    return (a.mask if a else 0, p.mask if p else 0)


def events_of(emu: Emulator, *kinds: EventKind) -> list[Event]:
    return [e for e in emu.events if e.kind in kinds]


@pytest.fixture
def emu() -> Emulator:
    return Emulator()


@pytest.fixture
def app(emu: Emulator) -> App:
    """A system app allowed every type (runningResourcesApply [0])."""
    return emu.install_app(SYS, system_app=True, running_resources_apply=[0])


@pytest.fixture
def bt(app: App) -> Any:
    return app.backgroundTaskManager
