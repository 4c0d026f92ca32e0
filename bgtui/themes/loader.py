"""Reading one theme file: TOML in, a checked ``textual.theme.Theme`` out, or a ``ThemeError``.

A theme file holds Textual's ``Theme`` fields at the top level and variables under
``[variables]``: the app's own (``bgtui.themes.variables.APP_VARIABLES``) and any variable
Textual's colour system makes. Unknown keys are refused and every value is checked, so
nothing Textual would choke on is ever registered. App variables the file leaves out are
derived from its colours.
"""

from __future__ import annotations

import difflib
import re
import tomllib
from pathlib import Path
from typing import Any

from textual.theme import Theme

from bgtui.themes.colours import APP_COLOUR_PROPERTY, InvalidValue, check_app_colour, check_textual_variable
from bgtui.themes.colours import css_property_of, parse_colour, precheck_css, textual_variable_kinds
from bgtui.themes.defaults import derive_app_variables
from bgtui.themes.errors import ThemeError, from_toml_error, line_of_key
from bgtui.themes.variables import APP_VARIABLES, has_every_app_variable
from emulator.toml_depth import MAX_DEPTH, too_deep_line

COLOUR_FIELDS: tuple[str, ...] = (
    "primary", "secondary", "warning", "error", "success", "accent",
    "foreground", "background", "surface", "panel", "boost",
)  # fmt: skip
BOOLEAN_FIELDS: tuple[str, ...] = ("dark", "ansi")
FRACTION_FIELDS: tuple[str, ...] = ("luminosity_spread", "text_alpha")  # numbers from 0 to 1
THEME_KEYS: tuple[str, ...] = ("name", *COLOUR_FIELDS, *BOOLEAN_FIELDS, *FRACTION_FIELDS, "variables")
"""Every top-level key a theme file may use: exactly the fields of Textual's ``Theme``."""

_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")


def _type_name(value: object) -> str:
    names = {bool: "a boolean", int: "a number", float: "a number", str: "a string", dict: "a table", list: "an array"}
    return names.get(type(value), type(value).__name__)


def _suggest(key: str, choices: tuple[str, ...] | list[str]) -> str:
    close = difflib.get_close_matches(key, choices, n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _is_variable(key: str) -> bool:
    """An app variable, or one of Textual's (whose list is built only when a file names one)."""
    return key in APP_VARIABLES or key in textual_variable_kinds()


class _Checker:
    """Checks one file's parsed data, turning every problem into a ``ThemeError``."""

    def __init__(self, path: Path, text: str) -> None:
        self.path = path
        self.text = text

    def error(self, message: str, *key_path: str) -> ThemeError:
        line = line_of_key(self.text, *key_path) if key_path else None
        return ThemeError(self.path, line, message)

    def theme(self, data: dict[str, Any]) -> Theme:
        for key in data:
            if key not in THEME_KEYS:
                raise self.error(f"unknown key {key!r}{_suggest(key, THEME_KEYS)}", key)
        for required in ("name", "primary"):
            if required not in data:
                raise ThemeError(self.path, 1, f"missing required key {required!r}")  # it belongs at the top
        fields: dict[str, Any] = {}
        for key, value in data.items():
            if key == "name":
                fields[key] = self.name(value)
            elif key in COLOUR_FIELDS:
                fields[key] = self.colour_field(key, value)
            elif key in BOOLEAN_FIELDS:
                if not isinstance(value, bool):
                    raise self.error(f"{key!r} must be true or false, not {_type_name(value)}", key)
                fields[key] = value
            elif key in FRACTION_FIELDS:
                fields[key] = self.fraction(key, value)
        own_variables = self.variables(data.get("variables", {}))
        textual_only = {key: value for key, value in own_variables.items() if key not in APP_VARIABLES}
        theme = Theme(**fields, variables=textual_only)
        if has_every_app_variable(own_variables):
            theme.variables = own_variables
        else:
            theme.variables = {**derive_app_variables(theme), **own_variables}
        return theme

    def name(self, value: object) -> str:
        if not isinstance(value, str):
            raise self.error(f"'name' must be a string, not {_type_name(value)}", "name")
        if not _NAME.match(value):
            raise self.error(
                f"theme name {value!r} must start with a letter or digit and hold only "
                "letters, digits, '-' and '_'",
                "name",
            )
        return value

    def colour_field(self, key: str, value: object) -> str:
        if not isinstance(value, str):
            raise self.error(f"{key!r} must be a colour string, not {_type_name(value)}", key)
        try:
            parse_colour(value)
        except InvalidValue as problem:
            raise self.error(f"{key!r} is not a valid colour: {problem}", key) from None
        return value

    def fraction(self, key: str, value: object) -> float:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise self.error(f"{key!r} must be a number, not {_type_name(value)}", key)
        if not 0 <= value <= 1:
            raise self.error(f"{key!r} must be between 0 and 1, not {value}", key)
        return float(value)

    def variables(self, table: object) -> dict[str, str]:
        if not isinstance(table, dict):
            raise self.error(f"'variables' must be a table, not {_type_name(table)}", "variables")
        precheck_css([(APP_COLOUR_PROPERTY if key in APP_VARIABLES else css_property_of(key), value)
                      for key, value in table.items() if isinstance(value, str) and _is_variable(key)])
        checked: dict[str, str] = {}
        for key, value in table.items():
            if not _is_variable(key):
                known = [*APP_VARIABLES, *textual_variable_kinds()]
                raise self.error(f"unknown variable {key!r}{_suggest(key, known)}", "variables", key)
            if not isinstance(value, str):
                raise self.error(f"variable {key!r} must be a string, not {_type_name(value)}", "variables", key)
            try:
                if key in APP_VARIABLES:
                    check_app_colour(value)
                else:
                    check_textual_variable(key, value)
            except InvalidValue as problem:
                raise self.error(f"variable {key!r} is not valid: {problem}", "variables", key) from None
            checked[key] = value
        return checked


def parse_theme(text: str, path: Path | str = "<theme>") -> Theme:
    """Build a checked ``Theme`` from the text of a theme file; raise ``ThemeError`` if it is bad."""
    path = Path(path)
    text = text.removeprefix("\ufeff")  # a UTF-8 byte order mark, as most editors on Windows write
    deep = too_deep_line(text)
    if deep is not None:
        raise ThemeError(path, deep, f"arrays or inline tables nest more than {MAX_DEPTH} levels deep")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise from_toml_error(path, text, error) from None
    return _Checker(path, text).theme(data)


def read_theme_text(path: Path) -> str:
    """The text of a theme file, or ``ThemeError`` if it cannot be read as UTF-8."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise ThemeError(path, None, f"cannot read the file: {error.strerror or error}") from None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise ThemeError(path, line, "the file is not UTF-8 text") from None


def load_theme_file(path: Path | str) -> Theme:
    """Read and check one theme file."""
    path = Path(path)
    return parse_theme(read_theme_text(path), path)
