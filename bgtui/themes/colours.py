"""Checking colour values before anything reaches Textual.

Two checks are needed: ``Color.parse`` (what Textual's ``ColorSystem`` calls on a Theme's
colour fields) and Textual's CSS parser (what a ``variables`` value goes through when the
stylesheet substitutes ``$name``). A value that passes here cannot make the app crash.
"""

from __future__ import annotations

from functools import lru_cache

from textual.color import Color, ColorParseError
from textual.css.constants import VALID_STYLE_FLAGS
from textual.css.stylesheet import Stylesheet
from textual.theme import Theme

_FORBIDDEN = set(";{}$\n\r")


class InvalidValue(ValueError):
    """A value Textual would not accept; the message says why."""


def parse_colour(value: str) -> Color:
    """Parse a colour as Textual does, raising ``InvalidValue`` with Textual's reason."""
    try:
        return Color.parse(value)
    except ColorParseError as error:
        raise InvalidValue(str(error)) from None


_ACCEPTED: dict[tuple[str, str], bool] = {}
"""What Textual's CSS parser said of each (property, value) pair checked so far."""


def _parse_declarations(pairs: list[tuple[str, str]]) -> bool:
    """Whether one stylesheet holding ``property: $variable`` for every pair parses."""
    variables = {f"bgtui-check-{index}": value for index, (_, value) in enumerate(pairs)}
    rules = " ".join(f"{css_property}: $bgtui-check-{index};" for index, (css_property, _) in enumerate(pairs))
    stylesheet = Stylesheet(variables=variables)
    stylesheet.add_source(f"Widget {{ {rules} }}", read_from=("bgtui", ""))
    try:
        stylesheet.parse()
    except Exception:  # any parse failure (TokenError, StylesheetParseError, ...) means "no"
        return False
    return True


def _substitutable(value: str) -> bool:
    """Not blank, and nothing that would end the declaration or the rule it is put in."""
    return bool(value.strip()) and not _FORBIDDEN & set(value)


def _css_accepts(css_property: str, value: str) -> bool:
    key = (css_property, value)
    if key not in _ACCEPTED:
        _ACCEPTED[key] = _substitutable(value) and _parse_declarations([key])
    return _ACCEPTED[key]


def precheck_css(pairs: list[tuple[str, str]]) -> None:
    """Check many (property, value) pairs with one parse, as a theme file's do (a parse costs
    about 0.1 ms, and a theme has some 40 values). If the whole lot parses, each pair is known
    good; if not, the single checks that follow find which one is bad."""
    fresh = [pair for pair in dict.fromkeys(pairs) if pair not in _ACCEPTED]
    if fresh and all(_substitutable(value) for _, value in fresh):
        if _parse_declarations(fresh):
            _ACCEPTED.update(dict.fromkeys(fresh, True))


APP_COLOUR_PROPERTY = "background"
"""The CSS property an app variable's value is checked under."""


def check_app_colour(value: str) -> Color:
    """An app variable: a plain colour that both ``Color.parse`` and Textual's CSS accept."""
    colour = parse_colour(value)
    if not _css_accepts(APP_COLOUR_PROPERTY, value):
        raise InvalidValue(f"{value!r} is a colour, but not one Textual's CSS accepts here")
    return colour


def _is_style_default(default: str) -> bool:
    return all(word in VALID_STYLE_FLAGS for word in default.split())


@lru_cache(maxsize=1)
def textual_variable_kinds() -> dict[str, str]:
    """Every variable Textual's colour system generates, mapped to its kind.

    Kinds: ``"style"`` (text-style flags), ``"text-colour"`` (a colour that may be ``auto``,
    as ``$text`` is) and ``"colour"``. Theme files may override any of them.
    """
    samples = (
        Theme(name="sample", primary="#336699"),
        Theme(name="sample", primary="#336699", dark=False),
        Theme(name="sample", primary="#336699", ansi=True),
    )
    kinds: dict[str, str] = {}
    for sample in samples:
        for name, default in sample.to_color_system().generate().items():
            if name in kinds:
                continue
            if _is_style_default(default):
                kinds[name] = "style"
            elif default.startswith(("auto", "ansi_default")):
                kinds[name] = "text-colour"
            else:
                kinds[name] = "colour"
    return kinds


def css_property_of(name: str) -> str:
    """The CSS property a value of Textual's variable ``name`` is checked under."""
    kind = textual_variable_kinds()[name]
    return {"style": "text-style", "text-colour": "color"}.get(kind, "background")


def check_textual_variable(name: str, value: str) -> None:
    """Raise ``InvalidValue`` unless ``value`` is valid for Textual's variable ``name``."""
    css_property = css_property_of(name)
    if css_property == "text-style":
        if not _css_accepts("text-style", value):
            flags = ", ".join(sorted(VALID_STYLE_FLAGS))
            raise InvalidValue(f"{value!r} is not a text style (use words from: {flags})")
        return
    if not _css_accepts(css_property, value):
        try:
            Color.parse(value)
        except ColorParseError as error:
            raise InvalidValue(str(error)) from None
        raise InvalidValue(f"{value!r} is not a colour Textual's CSS accepts here")
