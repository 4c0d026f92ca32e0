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
    ability: str | None = None  # the UIAbility whose context calls; None: the main one


class ModesForm(SendAnyway[ModesRequest]):
    """`update=False`: startBackgroundRunning(context, modes, wantAgent); True: updateBackgroundRunning."""

    AUTO_FOCUS = "#modes"
    DEFAULT_CSS = """
    ModesForm .-hidden { display: none; }
    """

    def __init__(self, apps: dict[str, AppView], selected: str | None, *, update: bool = False,
                 current: tuple[str, ...] = (), task_keeping: bool = False, ability: str | None = None) -> None:
        super().__init__()
        self._apps = apps
        self._ability = ability
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
        return tuple(m for m in self._declared(app, self._ability) if m in JS_MODE_NAMES)

    @staticmethod
    def _declared(app: AppView | None, ability: str | None) -> tuple[str, ...]:
        if app is None:
            return ()
        spec = next((a for a in app.abilities if a.name == ability), None)
        return spec.background_modes if spec is not None else app.background_modes

    def _ability_options(self, bundle: str | None) -> list[tuple[str, str]]:
        app = self._apps.get(bundle or "")
        return [(f"{a.name}: {', '.join(a.background_modes) or 'no modes'}", a.name)
                for a in (app.abilities if app else ())]

    def fields(self) -> ComposeResult:
        labels = {b: a.label for b, a in self._apps.items()}
        yield Label("As the app", classes="form-label")
        yield Select(app_options(labels), value=self._selected or Select.NULL, allow_blank=False, id="app")
        options = self._ability_options(self._selected)
        several = len(options) > 1
        if self._ability not in [v for _, v in options]:
            self._ability = options[0][1] if options else None
        yield Label("From the UIAbility", classes="form-label", id="ability-label").set_class(not several, "-hidden")
        yield Select(options, value=self._ability or Select.NULL, allow_blank=False, id="ability",
                     disabled=self._update).set_class(not several, "-hidden")
        yield Label("Modes (space toggles)", classes="form-label")
        yield Picker(*self._options(self._selected), id="modes")

    def _options(self, bundle: str | None) -> list[tuple[str, str, bool]]:
        app = self._apps.get(bundle or "")
        declared = self._declared(app, self._ability)
        chosen = self._initial(bundle)
        return [(m + ("   (declared)" if m in declared else ""), m, m in chosen) for m in JS_MODE_NAMES]

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id == "app" and isinstance(event.value, str) and not self._update:
            options = self._ability_options(event.value)
            if self._ability not in [v for _, v in options]:
                self._ability = options[0][1] if options else None
                abilities = self.query_one("#ability", Select)
                abilities.set_options(options)
                if self._ability is not None:
                    abilities.value = self._ability
            for widget in (self.query_one("#ability-label"), self.query_one("#ability")):
                widget.set_class(len(options) < 2, "-hidden")
            self._refresh_modes(event.value)
        elif event.select.id == "ability" and isinstance(event.value, str) and event.value != self._ability:
            self._ability = event.value
            app = self.query_one("#app", Select).value
            self._refresh_modes(app if isinstance(app, str) else None)

    def _refresh_modes(self, bundle: str | None) -> None:
        modes = self.query_one("#modes", Picker)
        modes.clear_options()
        modes.add_options(self._options(bundle))

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
        declared = self._declared(app, self._ability)
        undeclared = [m for m in modes if m not in declared]
        if undeclared:
            where = f" for {self._ability}" if len(app.abilities) > 1 else ""
            out.append(f"not declared in module.json5{where}: {', '.join(undeclared)}: the device answers 9800005")
        if "wifiInteraction" in modes and not app.system_app:
            out.append("wifiInteraction is for system apps: the device answers 202")
        if "taskKeeping" in modes and not self._task_keeping:
            out.append("taskKeeping needs a 2in1 device (bgtask.support_task_keeping): 9800005")
        return out

    def result(self) -> ModesRequest:
        app = self._app()
        assert app is not None
        ability = self._ability if len(app.abilities) > 1 else None
        return ModesRequest(app.bundle_name, self._modes(), ability)
