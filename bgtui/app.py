"""The Textual app, and `make_app`: the one factory the CLI, the tests and the screenshot script use."""

from __future__ import annotations

import gc
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from emulator import Emulator
from emulator.snapshot import Snapshot
from textual.app import App
from textual.binding import Binding
from textual.reactive import reactive
from textual.timer import Timer

from bgtui.clock_driver import FAST_SPEED, FAST_TICK_EVERY, TICK_SECONDS, ClockDriver
from bgtui.keymap import changes_world
from bgtui.modal_clock import watch_modals
from bgtui.presenter import PRESENTER, lock_for_presenter
from bgtui.save_folder import SaveFolder
from bgtui.toasts import CoalescingToasts
from bgtui.world_gate import WorldGate
from bgtui.palette import Palette
from bgtui.rewind import Rewind
from bgtui.screens.main import MainScreen
from bgtui.session import Session, describe_failure
from bgtui.themes import ThemeManager, ThemeVariablesMixin, install_themes

if TYPE_CHECKING:
    from emulator.scenario.record import SessionRecorder

    from bgtui.scenario_watch import ScenarioWatcher

__all__ = ["BgtuiApp", "make_app"]


def _actions_provider() -> type:
    """The palette's provider of every action, imported when the palette first opens."""
    from bgtui.commands import ActionsProvider

    return ActionsProvider


class BgtuiApp(CoalescingToasts, ThemeVariablesMixin, App[None]):
    """The dashboard over one emulator. Its clock driver's tick is the only thing that moves time."""

    CSS_PATH = "styles/app.tcss"
    TITLE = "bgtui"
    COMMANDS: ClassVar = App.COMMANDS | {_actions_provider}
    BINDINGS: ClassVar = [Binding("q", "quit_key", "Quit", show=False)]

    snapshot: reactive[Snapshot | None] = reactive(None, always_update=True, init=False, repaint=False)
    """The snapshot of the last tick: every widget renders this, and nothing else."""

    def __init__(self, emulator: Emulator, driver: ClockDriver, *, size_hint: tuple[int, int] | None = None,
                 session: Session | None = None) -> None:
        super().__init__()
        if session is not None and session.emu is not emulator:
            raise ValueError("the session plays on another emulator than the one given")
        self.session = session if session is not None else Session(emulator)
        """The emulator, the scenario playing on it, the recorder of every action."""
        self.driver = driver
        self.size_hint = size_hint
        self.palette = Palette(self)
        self.set_reactive(BgtuiApp.snapshot, emulator.snapshot())
        self._ticker: Timer | None = None
        self._ticks = 0
        self.theme_manager: ThemeManager | None = None
        self.scenario_watcher: ScenarioWatcher | None = None
        self._saved: tuple[object, int] = (None, 0)  # (recorder, its steps when last saved)
        self.gate = WorldGate()
        """Locked while keys must not change the world (presenter mode, a rewound view); it outlives
        a reloaded session."""
        self.rewind = Rewind(self)
        """The timeline panel's view, and the past moment the dashboard shows (bgtui.rewind)."""
        self.save_folder = SaveFolder.anywhere()
        """Where file forms may write (bgtui.save_folder): confined by --save-dir and in `bgtui serve`."""
        self.served = False
        """In a browser tab (`bgtui serve`): one session per tab, said in the title."""

    @property
    def emu(self) -> Emulator:
        return self.session.emu

    @property
    def recorder(self) -> SessionRecorder:
        """Every action taken in the dashboard goes through it (bgtui.ops), with its virtual time."""
        return self.session.recorder

    @property
    def main_screen(self) -> MainScreen:
        screen = self.screen_stack[0]
        assert isinstance(screen, MainScreen)
        return screen

    def get_default_screen(self) -> MainScreen:
        return MainScreen()

    def on_mount(self) -> None:
        self._show_title()
        watch_modals(self)
        self._ticker = self.set_interval(TICK_SECONDS, self.tick, name="clock")
        self.call_after_refresh(self._after_first_frame)

    def _validate_theme(self, theme_name: str) -> str:
        """Textual's check of `app.theme = name`: a theme whose file start-up left for after the first
        frame is read first (code that sets a theme at once, before that frame)."""
        if self.theme_manager is not None and theme_name not in self.available_themes:
            self.theme_manager.finish_loading()
        return super()._validate_theme(theme_name)

    def _after_first_frame(self) -> None:
        if self.theme_manager is not None:  # the themes not shown: read and checked after the first frame
            self.theme_manager.finish_loading()
        _settle_garbage_collector()

    def tick(self) -> None:
        """The one app-level tick: advance virtual time, take one snapshot, let every widget draw it."""
        self._ticks += 1
        if self.driver.speed > FAST_SPEED and self._ticks % FAST_TICK_EVERY:
            return  # fast: 5 Hz (bgtui.clock_driver); the next tick catches up the whole time
        try:
            snapshot = self.driver.tick()
        except Exception as exc:  # noqa: BLE001 - an engine bug must not take the dashboard down
            self.driver.pause()
            self.notify(f"{type(exc).__name__}: {exc}", title="The engine failed; the clock is paused",
                        severity="error", timeout=15)
            snapshot = self.emu.snapshot()
        with self.batch_update():
            self.snapshot = snapshot
        self._report_failures()

    async def run_action(self, action, default_namespace=None, namespaces=None) -> bool:  # type: ignore[override]
        """Every key and palette entry passes here: while the world is locked, one that would change
        it is refused with the lock's message (bgtui.world_gate) and does nothing else."""
        refusal = self.gate.refusal()
        if refusal is None and self.screen_stack and self.screen_stack[0].has_class("-too-small"):
            refusal = "The terminal is too small to show what this key would act on."  # rows no one sees
        if refusal is not None:
            # Parsed as Textual does, so "screen.x" from a footer click is gated as the key x is.
            target, name, _params = self._parse_action(action, default_namespace or self, namespaces)
            if isinstance(target, MainScreen) and changes_world(name):
                self.notify(refusal, title="Refused", severity="warning", timeout=4)
                return True
        return await super().run_action(action, default_namespace, namespaces)

    # -- quitting: never lose recorded actions by accident --------------------------------------
    @property
    def unsaved_steps(self) -> int:
        recorder, saved = self._saved
        return len(self.recorder) - (saved if recorder is self.recorder else 0)

    def mark_saved(self) -> None:
        self._saved = (self.recorder, len(self.recorder))

    async def action_quit_key(self) -> None:
        """`q`: quits from the main screen only (in a form or a question it is just a letter)."""
        if len(self.screen_stack) == 1:
            await self.action_quit()

    async def action_quit(self) -> None:
        """`q` and ctrl+q: with recorded actions not saved, ask first (save, discard or stay)."""
        from bgtui.screens.quit_form import QuitForm

        if any(isinstance(s, QuitForm) for s in self.screen_stack):
            return
        unsaved = self.unsaved_steps
        if unsaved <= 0:
            self.exit()
            return

        def chosen(choice: str | None) -> None:
            if choice == "discard":
                self.exit()
            elif choice == "save":
                self.main_screen.action_save_session(then=self.exit)

        self.push_screen(QuitForm(unsaved), chosen)

    def publish(self) -> None:
        """Show the world as it is now (after an action), without moving time."""
        with self.batch_update():
            self.snapshot = self.emu.snapshot()
        self._report_failures()

    def _report_failures(self) -> None:
        """A toast for each expectation of the scenario that failed (or step that could not run) since."""
        for failure in self.session.new_failures():
            self.notify(describe_failure(failure, self.session.scenario.file),  # type: ignore[union-attr]
                        title=("Scenario: a step could not run" if failure.expected == "the step to run"
                               else "Scenario: expectation failed"),
                        severity="error", timeout=12, markup=False)

    async def load_session(self, session: Session, *, driver: ClockDriver | None = None,
                           running: bool | None = None) -> None:
        """Run on `session` from now on (a reloaded scenario, from its beginning; a rewound moment): a
        new clock driver at the same speed and state (or `driver`, or paused/running as `running` says),
        a new snapshot, fresh panels; open forms are closed (they act on the old device)."""
        speed, held = self.driver.speed, self.driver.held
        running = self.driver.running if running is None else running
        self.session = session
        self.driver = driver if driver is not None else ClockDriver(session.emu, running=running, speed=speed)
        if held:
            self.driver.hold(held)  # released as the open forms close below
        self._show_title()
        self.set_reactive(BgtuiApp.snapshot, session.emu.snapshot())
        while len(self.screen_stack) > 1:
            await self.pop_screen()
        await self.main_screen.restart()
        self.publish()

    def _show_title(self) -> None:
        """The scenario's name in the title (the terminal's, and a screenshot's)."""
        name = self.session.name
        parts = [self.TITLE] + ([name] if name else [])
        if self.gate.held_by(PRESENTER):
            parts.append("presenter mode")
        if self.served:
            parts.append("this tab's own session")
        self.title = " · ".join(parts)


GC_YOUNG_THRESHOLD = 10_000
"""Allocations between two collections of the youngest generation (Python's default: 700). Each tick
builds a snapshot of thousands of small acyclic objects that the next one frees by reference
counting; at 700 the collector ran several times a tick, moving the live snapshot up a generation
and scanning it again (2.4 ms a tick with 1,000 tasks, a sixth of the dashboard's CPU; at 10,000
it runs about once in four seconds)."""


def _settle_garbage_collector() -> None:
    """After the first frame: everything built so far lives as long as the app, so freeze it (the
    collector stops rescanning it at every tick, and a busy device allocates a snapshot of thousands
    of small objects per tick), then collect as usual, less often (GC_YOUNG_THRESHOLD). make_app and
    the CLI pause the collector until here: start-up allocates a lot and frees almost nothing."""
    gc.freeze()
    _young, older, oldest = gc.get_threshold()
    gc.set_threshold(max(_young, GC_YOUNG_THRESHOLD), older, oldest)
    gc.enable()


def make_app(emulator: Emulator | None = None, *, session: Session | None = None, clock_running: bool = True,
             speed: float = 1.0, size_hint: tuple[int, int] | None = None, theme: str | None = None,
             watch_themes: bool = True, watch_scenario: str | Path | None = None, readonly: bool = False,
             save_dir: str | Path | None = None, served: bool = False, allow_large: bool = False) -> BgtuiApp:
    """The dashboard over `session` (a scenario playing: Session.of_scenario), else over `emulator`
    (the built-in demo device by default).

    With `watch_scenario` (the scenario's file), saving the file restarts the scenario from its
    beginning (bgtui.scenario_watch); a file that does not load keeps the running one, and one past
    the size limits (emulator.scenario.size) does not load unless `allow_large`.

    `readonly` is presenter mode (bgtui.presenter): keys that would change the world are refused.
    `save_dir` confines every file the forms write to that folder (bgtui.save_folder); `served`
    (`bgtui serve`, one process per browser tab) says so in the title and remembers no theme choice.

    Themes come from the shipped `themes/` folder and the user's themes folder, hot-reloaded unless
    `watch_themes` is false; `theme` (``--theme``) wins over the remembered choice and raises
    bgtui.themes.UnknownThemeError when no file defines it. The garbage collector is paused until
    the app's first frame (see _settle_garbage_collector).
    """
    gc.disable()
    if session is not None:
        emulator = session.emu
    elif emulator is None:
        from bgtui.demo import build_demo_emulator

        emulator = build_demo_emulator()
    app = BgtuiApp(emulator, ClockDriver(emulator, running=clock_running, speed=speed), size_hint=size_hint,
                   session=session)
    if save_dir is not None:
        app.save_folder = SaveFolder(save_dir)
    app.served = served
    if readonly:
        lock_for_presenter(app.gate)
    try:
        app.theme_manager = install_themes(app, theme, watch=watch_themes, remember=not served, defer=True)
    except Exception:
        gc.enable()
        raise
    if watch_scenario is not None:
        from bgtui.scenario_watch import ScenarioWatcher

        app.scenario_watcher = ScenarioWatcher(app, watch_scenario, allow_large=allow_large)
        app.call_later(app.scenario_watcher.start_watching)
    return app
