"""Start or update a continuous task: the mode picker."""

from __future__ import annotations

from dataclasses import dataclass

from emulator.apps import KEEP_BACKGROUND_RUNNING
from emulator.modes import JS_MODE_NAMES
from emulator.snapshot import AppView
from textual.app import ComposeResult
from textual.widgets import Label, Select

from bgtui.screens.anyway import SendAnyway
from bgtui.screens.form import Picker, app_options

__all__ = ["ModesRequest", "ModesForm"]


@dataclass(frozen=True)
class ModesRequest:
    bundle_name: str
    modes: tuple[str, ...]


class ModesForm(SendAnyway[ModesRequest]):
    """`update=False`: startBackgroundRunning(context, modes, wantAgent); True: updateBackgroundRunning."""

    AUTO_FOCUS = "#modes"

    def __init__(self, apps: dict[str, AppView], selected: str | None, *, update: bool = False,
                 current: tuple[str, ...] = (), task_keeping: bool = False) -> None:
        super().__init__()
        self._apps = apps
        self._selected = selected if selected in apps else next(iter(apps), None)
        self._update = update
        self._current = current
        self._task_keeping = task_keeping

    @property
    def FORM_TITLE(self) -> str:  # type: ignore[override]
        return "Update the continuous task" if self._update else "Start a continuous task"

    @property
    def ABOUT(self) -> str:  # type: ignore[override]
        if self._update:
            return "updateBackgroundRunning(context, modes): replaces the modes of the app's task."
        return ("startBackgroundRunning(context, modes, wantAgent): one task per UIAbility; needs "
                "KEEP_BACKGROUND_RUNNING and every mode declared in module.json5. It posts a notification.")

    def _initial(self, bundle: str | None) -> tuple[str, ...]:
        if self._update and self._current:
            return self._current
        app = self._apps.get(bundle or "")
        return tuple(m for m in (app.background_modes if app else ()) if m in JS_MODE_NAMES)

    def fields(self) -> ComposeResult:
        labels = {b: a.label for b, a in self._apps.items()}
        yield Label("As the app", classes="form-label")
        yield Select(app_options(labels), value=self._selected or Select.NULL, allow_blank=False, id="app")
        yield Label("Modes (space toggles)", classes="form-label")
        yield Picker(*self._options(self._selected), id="modes")

    def _options(self, bundle: str | None) -> list[tuple[str, str, bool]]:
        app = self._apps.get(bundle or "")
        declared = app.background_modes if app else ()
        chosen = self._initial(bundle)
        return [(m + ("   (declared)" if m in declared else ""), m, m in chosen) for m in JS_MODE_NAMES]

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id == "app" and isinstance(event.value, str) and not self._update:
            modes = self.query_one("#modes", Picker)
            modes.clear_options()
            modes.add_options(self._options(event.value))

    def _app(self) -> AppView | None:
        value = self.query_one("#app", Select).value
        return self._apps.get(value) if isinstance(value, str) else None

    def _modes(self) -> tuple[str, ...]:
        chosen = set(self.query_one("#modes", Picker).selected)
        return tuple(m for m in JS_MODE_NAMES if m in chosen)

    def blocking(self) -> list[str]:
        return ["choose an app"] if self._app() is None else []

    def passable(self) -> list[str]:
        """An empty mode list still reaches the kit: send anyway to see its answer."""
        return [] if self._modes() else ["choose at least one mode"]

    def notes(self) -> list[str]:
        app, modes, out = self._app(), self._modes(), []
        if app is None:
            return out
        if KEEP_BACKGROUND_RUNNING not in app.permissions:
            out.append("the app lacks KEEP_BACKGROUND_RUNNING: the device answers 201")
        undeclared = [m for m in modes if m not in app.background_modes]
        if undeclared:
            out.append(f"not declared in module.json5: {', '.join(undeclared)}: the device answers 9800005")
        if "wifiInteraction" in modes and not app.system_app:
            out.append("wifiInteraction is for system apps: the device answers 202")
        if "taskKeeping" in modes and not self._task_keeping:
            out.append("taskKeeping needs a 2in1 device (bgtask.support_task_keeping): 9800005")
        return out

    def result(self) -> ModesRequest:
        app = self._app()
        assert app is not None
        return ModesRequest(app.bundle_name, self._modes())
