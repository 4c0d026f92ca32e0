"""Install an app: bundle name, label, flags, permissions, declared background modes, efficiency privileges,
and optionally its named UIAbilities, each with its own backgroundModes.

The checks are install_app's own (emulator.emulator._check_install and _check_abilities), run as you type.
"""

from __future__ import annotations

from dataclasses import dataclass

from emulator.apps import KEEP_BACKGROUND_RUNNING
from emulator.modes import MODULE_MODE_NAMES, RESOURCE_TYPE_NAMES
from emulator.service.continuous_calls import GET_BACKGROUND_TASK_INFO, SPECIAL_SCENARIO_ACLS
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Input, Label

from bgtui.screens.form import Check, FormScreen, Picker

__all__ = ["InstallRequest", "InstallForm", "ALL_TYPES"]

PERMISSIONS = (KEEP_BACKGROUND_RUNNING, GET_BACKGROUND_TASK_INFO, *SPECIAL_SCENARIO_ACLS)
ALL_TYPES = 0  # runningResourcesApply 0: every resource type


@dataclass(frozen=True)
class InstallRequest:
    bundle_name: str
    label: str
    system_app: bool
    atomic_service: bool
    permissions: tuple[str, ...]
    background_modes: tuple[str, ...]
    running_resources_apply: tuple[int, ...]
    abilities: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (name, backgroundModes), the main one first

    def abilities_dict(self) -> dict[str, list[str]] | None:
        return {name: list(modes) for name, modes in self.abilities} if self.abilities else None


def _words(text: str) -> list[str]:
    return [w for w in text.replace(",", " ").split() if w]


class AbilitiesText(ValueError):
    """The abilities field cannot be read as Name=mode,mode; Other=mode."""


def parse_abilities(text: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """"EntryAbility=audioPlayback; MapAbility=location" as (name, modes) pairs; AbilitiesText says what is wrong.
    The names themselves are install_app's to check."""
    out: dict[str, tuple[str, ...]] = {}
    for part in (p.strip() for p in text.split(";")):
        if not part:
            continue
        name, equals, modes = part.partition("=")
        name = name.strip()
        if not equals or not name:
            raise AbilitiesText(f"write each ability as Name=modes (e.g. MapAbility=location), separated by ';', "
                                f"not {part!r}")
        if name in out:
            raise AbilitiesText(f"the ability {name} is named twice")
        out[name] = tuple(dict.fromkeys(_words(modes)))
    return tuple(out.items())


class InstallForm(FormScreen[InstallRequest]):
    FORM_TITLE = "Install an app"
    AUTO_FOCUS = "#bundle"
    ABOUT = ("emu.install_app: the app starts in the foreground, with one process and its UIAbilities "
             "(one EntryAbility unless named below).")
    DEFAULT_CSS = """
    InstallForm .form-row { height: auto; margin-top: 1; }
    InstallForm SelectionList { max-height: 7; }
    """

    def __init__(self, installed: tuple[str, ...]) -> None:
        super().__init__()
        self._installed = installed

    def fields(self) -> ComposeResult:
        yield Label("Bundle name", classes="form-label")
        yield Input(placeholder="com.example.player", id="bundle")
        yield Label("Label (shown in the tables; default: the bundle name)", classes="form-label")
        yield Input(id="label")
        with Horizontal(classes="form-row"):
            yield Check("System app", False, id="system")
            yield Check("Atomic service", False, id="atomic")
        yield Label("Permissions (space toggles)", classes="form-label")
        yield Picker(*[(p.removeprefix("ohos.permission."), p, p == KEEP_BACKGROUND_RUNNING) for p in PERMISSIONS],
                     id="permissions")
        yield Label("Declared backgroundModes (module.json5)", classes="form-label")
        yield Picker(*[(m, m, False) for m in MODULE_MODE_NAMES], id="modes")
        yield Label("Other backgroundModes strings (the bundle manager ignores unknown ones)", classes="form-label")
        yield Input(placeholder="e.g. fooMode", id="other-modes")
        yield Label("Named UIAbilities, each with its backgroundModes, the main one first (instead of the modes "
                    "above; empty: one EntryAbility)", classes="form-label")
        yield Input(placeholder="e.g. EntryAbility=audioPlayback; MapAbility=location", id="abilities")
        yield Label("Efficiency privileges (runningResourcesApply)", classes="form-label")
        yield Picker(("every type (0)", "0", False),
                     *[(f"{n} ({i})", str(i), False) for i, n in enumerate(RESOURCE_TYPE_NAMES, 1)], id="privileges")

    def _text(self, name: str) -> str:
        return self.query_one(f"#{name}", Input).value.strip()

    def _flag(self, name: str) -> bool:
        return bool(self.query_one(f"#{name}", Check).value)

    def _abilities(self) -> tuple[tuple[str, tuple[str, ...]], ...]:
        try:
            return parse_abilities(self._text("abilities"))
        except AbilitiesText:
            return ()

    def request(self) -> InstallRequest:
        modes = list(self.query_one("#modes", Picker).selected) + _words(self._text("other-modes"))
        return InstallRequest(
            self._text("bundle"), self._text("label"), self._flag("system"), self._flag("atomic"),
            tuple(self.query_one("#permissions", Picker).selected), tuple(dict.fromkeys(modes)),
            tuple(sorted(int(v) for v in self.query_one("#privileges", Picker).selected)), self._abilities())

    def problems(self) -> list[str]:
        from emulator.emulator import _check_abilities, _check_install

        r = self.request()
        if not r.bundle_name:
            return ["give a bundle name, e.g. com.example.player"]
        if r.bundle_name in self._installed:
            return [f"{r.bundle_name} is already installed"]
        try:
            parse_abilities(self._text("abilities"))
            _check_install(r.bundle_name, r.system_app, r.atomic_service, list(r.permissions),
                           list(r.background_modes), list(r.running_resources_apply), r.label or None)
            _check_abilities(r.abilities_dict(), list(r.background_modes))
        except (TypeError, ValueError) as exc:
            return [str(exc)]
        return []

    def notes(self) -> list[str]:
        r, out = self.request(), []
        declared = [m for _n, modes in r.abilities for m in modes] if r.abilities else r.background_modes
        unknown = [m for m in dict.fromkeys(declared) if m not in MODULE_MODE_NAMES]
        if unknown:
            out.append(f"unknown backgroundModes are ignored by the bundle manager: {', '.join(unknown)}")
        if r.running_resources_apply and not r.system_app:
            out.append("efficiency resources are a system API: a normal app is answered 202")
        return out

    def result(self) -> InstallRequest:
        return self.request()
