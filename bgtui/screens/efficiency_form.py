"""Apply or release efficiency resources: type picker, timeout, persistent, per process."""

from __future__ import annotations

from dataclasses import dataclass

from emulator.modes import RESOURCE_TYPE_NAMES
from emulator.snapshot import AppView
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Input, Label, Select

from bgtui.screens.anyway import SendAnyway
from bgtui.screens.form import Check, Picker, app_options, int_value

__all__ = ["EfficiencyRequest", "EfficiencyForm"]

INT32_MAX = 2**31 - 1


@dataclass(frozen=True)
class EfficiencyRequest:
    bundle_name: str
    types: tuple[str, ...]
    time_out_ms: int
    reason: str
    persist: bool
    process: bool
    apply: bool


class EfficiencyForm(SendAnyway[EfficiencyRequest]):
    """`apply=True`: applyEfficiencyResources with isApply true; False: the same call releasing types."""

    AUTO_FOCUS = "#types"

    def __init__(self, apps: dict[str, AppView], selected: str | None, *, apply: bool = True,
                 held: tuple[str, ...] = ()) -> None:
        super().__init__()
        self._apps = apps
        self._selected = selected if selected in apps else next(iter(apps), None)
        self._apply = apply
        self._held = held

    @property
    def FORM_TITLE(self) -> str:  # type: ignore[override]
        return "Apply efficiency resources" if self._apply else "Release efficiency resources"

    @property
    def ABOUT(self) -> str:  # type: ignore[override]
        if self._apply:
            return ("applyEfficiencyResources (system API): lets a suspended app keep using the chosen "
                    "resources, for timeOut ms or persistently, as the app or (CPU only) the process.")
        return "applyEfficiencyResources with isApply false: releases only the listed types."

    def fields(self) -> ComposeResult:
        labels = {b: a.label for b, a in self._apps.items()}
        chosen = set(self._held) if not self._apply and self._held else {"CPU"}
        yield Label("As the app", classes="form-label")
        yield Select(app_options(labels), value=self._selected or Select.NULL, allow_blank=False, id="app")
        yield Label("Resource types (space toggles)", classes="form-label")
        yield Picker(*[(n, n, n in chosen) for n in RESOURCE_TYPE_NAMES], id="types")
        if self._apply:
            yield Label("timeOut (ms; ignored when persistent, but the JS layer still wants it)",
                        classes="form-label")
            yield Input("30000", id="timeout", restrict=r"[0-9_]*")
            yield Label("Reason", classes="form-label")
            yield Input("demo", id="reason")
        with Horizontal(classes="form-row"):
            if self._apply:
                yield Check("Persistent (isPersist)", False, id="persist")
            yield Check("Per process (isProcess)", False, id="process")

    DEFAULT_CSS = """
    EfficiencyForm .form-row { height: auto; margin-top: 1; }
    """

    def _app(self) -> AppView | None:
        value = self.query_one("#app", Select).value
        return self._apps.get(value) if isinstance(value, str) else None

    def _types(self) -> tuple[str, ...]:
        chosen = set(self.query_one("#types", Picker).selected)
        return tuple(n for n in RESOURCE_TYPE_NAMES if n in chosen)

    def _timeout(self) -> int | None:
        return int_value(self.query_one("#timeout", Input).value) if self._apply else 0

    def _flag(self, name: str) -> bool:
        return bool(self.query(f"#{name}").first(Check).value) if self.query(f"#{name}") else False

    def blocking(self) -> list[str]:
        out = []
        if self._app() is None:
            out.append("choose an app")
        if self._timeout() is None:
            out.append(f"timeOut must be a whole number of ms from 0 to {INT32_MAX}")
        return out

    def passable(self) -> list[str]:
        """What the kit still passes on: send anyway to see the device's answer."""
        out = []
        if not self._types():
            out.append("choose at least one resource type")
        timeout = self._timeout()
        if timeout is not None and not 0 <= timeout <= INT32_MAX:
            out.append(f"timeOut must be a whole number of ms from 0 to {INT32_MAX}")
        return out

    def notes(self) -> list[str]:
        app, out = self._app(), []
        if app is None:
            return out
        if not app.system_app:
            out.append("not a system app: the device answers 202")
        elif not app.running_resources_apply:
            out.append("the app has no efficiency privileges (runningResourcesApply): 201")
        if self._apply and self._timeout() == 0 and not self._flag("persist"):
            out.append("timeOut 0 without persistent: the JS layer answers 401")
        if self._flag("process") and any(t != "CPU" for t in self._types()):
            out.append("per process holds only CPU: the other types go to the app, silently")
        return out

    def result(self) -> EfficiencyRequest:
        app, timeout = self._app(), self._timeout()
        assert app is not None and timeout is not None
        reason = self.query_one("#reason", Input).value if self._apply else "release"
        return EfficiencyRequest(app.bundle_name, self._types(), timeout, reason, self._flag("persist"),
                                 self._flag("process"), self._apply)
