"""Calls with a ContinuousTaskRequest (API 21), shared by the request-object tests."""

from __future__ import annotations

from emulator import BusinessError
from emulator.kit import backgroundTaskManager as btm
from emulator.service.notifications import libcxx_string_hash

from .conftest import make_agent

V = "BussinessError 9800005: Continuous Task verification failed. "
HASH = libcxx_string_hash("EntryAbility")
MUSIC_UID = 20010000


def req(modes, subs, agent=None, combined=False, task_id=-1):
    return btm.ContinuousTaskRequest(list(modes), list(subs), agent or make_agent(), combined, task_id)


def start(app, *a, **kw):
    return app.backgroundTaskManager.startBackgroundRunning(app.context, req(*a, **kw))


def update(app, *a, **kw):
    return app.backgroundTaskManager.updateBackgroundRunning(app.context, req(*a, **kw))


def refused(promise) -> tuple[int, str]:
    err = promise.error()
    assert isinstance(err, BusinessError)
    return err.code, err.message
