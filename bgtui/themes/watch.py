"""Watching theme folders with watchfiles and reloading what changed.

``watch_themes`` is an async generator meant to run in an App's exclusive worker: it yields
one ``ReloadResult`` per batch of changes that changed anything.
"""

from __future__ import annotations

import asyncio
import os
from pathlib import Path
from typing import AsyncIterator, Callable

import watchfiles

from bgtui.themes.registry import ReloadResult, ThemeRegistry, is_theme_file_name

DEBOUNCE_MS = 400
"""Longest wait to group a burst of changes; a single save is seen after about ``STEP_MS``."""
STEP_MS = 50


def _theme_filter(change: watchfiles.Change, path: str) -> bool:
    return is_theme_file_name(os.path.basename(path))


def existing_folders(registry: ThemeRegistry, create: Path | None = None) -> list[Path]:
    """The registry's folders that exist (after creating ``create`` if it is one of them)."""
    if create is not None:
        try:
            create.mkdir(parents=True, exist_ok=True)
        except OSError:
            pass  # a read-only home: watch what exists
    return [folder for folder in registry.folders if folder.is_dir()]


async def watch_themes(
    registry: ThemeRegistry,
    *,
    on_ready: Callable[[], None] | None = None,
    create: Path | None = None,
    debounce_ms: int = DEBOUNCE_MS,
    step_ms: int = STEP_MS,
    ready_timeout_ms: int = 1_000,
    force_polling: bool | None = None,
    stop_event: asyncio.Event | None = None,
) -> AsyncIterator[ReloadResult]:
    """Yield what each batch of file changes in the registry's folders changed.

    ``on_ready`` is called once the file watcher is known to be running: from then on no
    change is missed. Any change made between the registry's first load and that moment is
    picked up by a rescan right then. ``create`` is a folder to create first if missing
    (the user's themes folder), so it can be watched. Stops when ``stop_event`` is set or
    the task running it is cancelled.
    """
    folders = existing_folders(registry, create)
    if not folders:
        return
    ready = False
    async for changes in watchfiles.awatch(
        *folders,
        watch_filter=_theme_filter,
        debounce=debounce_ms,
        step=step_ms,
        rust_timeout=ready_timeout_ms,
        yield_on_timeout=True,  # the first (empty) yield tells us the watcher is running
        recursive=False,
        force_polling=force_polling,
        stop_event=stop_event,
    ):
        if not ready:
            ready = True
            if on_ready is not None:
                on_ready()
            result = registry.load_all()  # whatever changed before the watcher started
            if result:
                yield result
        if changes:
            result = registry.reload(path for _change, path in changes)
            if result:
                yield result
