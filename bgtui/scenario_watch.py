"""`bgtui FILE --watch`: saving the scenario file restarts it from its beginning.

The watcher runs in an exclusive async worker (as the theme watcher does) over the file's folder
with watchfiles, and handles each batch of changes to the file once: it loads the file; if that
fails, one error toast names the file, the line and the problem, and the running scenario carries
on; if it loads, a fresh device plays it from 0 ms and the app swaps it in (BgtuiApp.load_session).

`ready` is set once the file watcher runs (no save after that is missed); every handled change
puts its Outcome on `outcomes`, so tests wait for those instead of sleeping.
"""

from __future__ import annotations

import asyncio
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import watchfiles
from emulator.scenario.load import load
from emulator.scenario.model import ScenarioError

from bgtui.session import Session

if TYPE_CHECKING:
    from textual.worker import Worker

    from bgtui.app import BgtuiApp

__all__ = ["ScenarioWatcher", "Outcome"]

DEBOUNCE_MS = 400
STEP_MS = 50


@dataclass(frozen=True)
class Outcome:
    """What one save did: `session` is the restarted scenario, or `error` why the file was not loaded."""

    session: Session | None = None
    error: ScenarioError | None = None

    @property
    def reloaded(self) -> bool:
        return self.session is not None


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_mtime_ns, st.st_size


class ScenarioWatcher:
    def __init__(self, app: BgtuiApp, file: str | Path, *, debounce_ms: int = DEBOUNCE_MS, step_ms: int = STEP_MS,
                 ready_timeout_ms: int = 1_000, force_polling: bool | None = None,
                 allow_large: bool = False) -> None:
        self.app = app
        self.allow_large = allow_large
        self.file = str(file)
        """The file as the user named it (messages and the reloaded scenario use this name)."""
        self.path = Path(os.path.abspath(file))
        self.ready = asyncio.Event()
        self.outcomes: asyncio.Queue[Outcome] = asyncio.Queue()
        self._options = {"debounce": debounce_ms, "step": step_ms, "rust_timeout": ready_timeout_ms,
                         "force_polling": force_polling}
        self._loaded = _stamp(self.path)  # the version the app started on

    def start_watching(self) -> Worker[None]:
        """Run the watcher in an exclusive worker (call when the app is running)."""
        return self.app.run_worker(self._watch(), name="scenario-watcher", group="scenario-watcher",
                                   exclusive=True, exit_on_error=False)

    def _is_ours(self, _change: watchfiles.Change, path: str) -> bool:
        return os.path.basename(path) == self.path.name

    async def _watch(self) -> None:
        try:
            async for changes in watchfiles.awatch(self.path.parent, watch_filter=self._is_ours, recursive=False,
                                                   yield_on_timeout=True,
                                                   **self._options):  # type: ignore[arg-type]
                if not self.ready.is_set():
                    self.ready.set()  # the first (empty) yield: the watcher runs
                    if _stamp(self.path) != self._loaded:  # saved while the watcher was starting
                        await self.reload()
                if changes:
                    await self.reload()
        except Exception as error:  # the watcher itself failed; the dashboard carries on without it
            self.app.notify(f"{self.file} is no longer watched: {error}", title="Scenario", severity="warning",
                            markup=False)

    async def reload(self) -> Outcome:
        """Load the file now: restart it from its beginning, or say why not and keep the running one."""
        self._loaded = _stamp(self.path)
        try:
            session = Session.of_scenario(load(self.file, allow_large=self.allow_large))
        except ScenarioError as error:
            self.app.notify(f"{error}\nThe running scenario carries on.", title="Scenario not reloaded",
                            severity="error", timeout=12, markup=False)
            outcome = Outcome(error=error)
        else:
            await self.app.load_session(session)
            self.app.notify(f"{self.file} changed: {session.name} restarts from the beginning.",
                            title="Scenario reloaded", timeout=4, markup=False)
            outcome = Outcome(session=session)
        self.outcomes.put_nowait(outcome)
        return outcome
