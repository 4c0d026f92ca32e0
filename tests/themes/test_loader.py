"""Good theme files: what the loader builds from them."""

from __future__ import annotations

import dataclasses
import json

from hypothesis import given, settings
from hypothesis import strategies as st
from textual.color import Color
from textual.css.stylesheet import Stylesheet
from textual.theme import Theme

from bgtui.themes.colours import textual_variable_kinds
from bgtui.themes.contrast import AA_NORMAL, contrast_ratio
from bgtui.themes.defaults import resolved_variables
from bgtui.themes.errors import ThemeError
from bgtui.themes.loader import COLOUR_FIELDS, THEME_KEYS, parse_theme
from bgtui.themes.variables import APP_VARIABLES, CHIP_BACKGROUND_VARIABLES, TEXT_VARIABLES


def test_theme_keys_are_exactly_textuals_theme_fields() -> None:
    # If a Textual upgrade adds or renames a Theme field, the loader's schema must follow.
    assert set(THEME_KEYS) == {field.name for field in dataclasses.fields(Theme)}


def test_app_variables_match_the_dashboard_contract() -> None:
    assert len(APP_VARIABLES) == len(set(APP_VARIABLES)) == 27
    assert APP_VARIABLES[:9] == (
        "countdown-normal", "countdown-warning", "countdown-expiring",
        "state-foreground", "state-background", "state-suspended", "state-dead",
        "refused", "chip-text",
    )  # fmt: skip


def test_minimal_theme_gets_every_app_variable() -> None:
    theme = parse_theme('name = "tiny"\nprimary = "#336699"\n')
    assert theme.name == "tiny"
    assert theme.primary == "#336699"
    assert set(APP_VARIABLES) <= set(theme.variables)
    for name in APP_VARIABLES:
        Color.parse(theme.variables[name])


def test_minimal_theme_keeps_countdown_states_apart() -> None:
    # Textual would make warning, error and success all equal to primary.
    theme = parse_theme('name = "tiny"\nprimary = "#336699"\n')
    countdown = {theme.variables[name] for name in ("countdown-normal", "countdown-warning", "countdown-expiring")}
    assert len(countdown) == 3


def test_defaults_follow_the_themes_own_colours() -> None:
    theme = parse_theme('name = "t"\nprimary = "#336699"\nwarning = "#FFA62B"\nbackground = "#000000"\n')
    assert theme.variables["countdown-warning"] == "#FFA62B"  # readable as it is on black


def test_values_in_the_file_win_over_defaults() -> None:
    theme = parse_theme('name = "t"\nprimary = "#336699"\n[variables]\nrefused = "#FF0000"\n')
    assert theme.variables["refused"] == "#FF0000"


def test_textual_variables_pass_through() -> None:
    text = 'name = "t"\nprimary = "#336699"\n[variables]\nfooter-key-foreground = "#88C0D0"\ntext = "auto 90%"\n'
    theme = parse_theme(text)
    assert theme.variables["footer-key-foreground"] == "#88C0D0"
    assert resolved_variables(theme)["text"] == "auto 90%"


def test_every_theme_field_is_read() -> None:
    colours = {field: f"#{index:02x}{index:02x}{index:02x}" for index, field in enumerate(COLOUR_FIELDS, start=1)}
    lines = ['name = "full"', *(f'{key} = "{value}"' for key, value in colours.items())]
    lines += ["dark = false", "ansi = false", "luminosity_spread = 0.2", "text_alpha = 1"]
    theme = parse_theme("\n".join(lines))
    for key, value in colours.items():
        assert getattr(theme, key) == value
    assert (theme.dark, theme.ansi, theme.luminosity_spread, theme.text_alpha) == (False, False, 0.2, 1.0)


@settings(max_examples=60, deadline=None)
@given(
    primary=st.tuples(st.integers(0, 255), st.integers(0, 255), st.integers(0, 255)),
    dark=st.booleans(),
)
def test_derived_defaults_are_readable_for_any_primary(primary: tuple[int, int, int], dark: bool) -> None:
    hex_colour = "#{:02X}{:02X}{:02X}".format(*primary)
    theme = parse_theme(f'name = "t"\nprimary = "{hex_colour}"\ndark = {str(dark).lower()}\n')
    variables = resolved_variables(theme)
    background = Color.parse(variables["background"])
    for name in TEXT_VARIABLES:
        assert contrast_ratio(Color.parse(variables[name]), background) >= AA_NORMAL, name
    chip_text = Color.parse(variables["chip-text"])
    for name in CHIP_BACKGROUND_VARIABLES:
        assert contrast_ratio(chip_text, Color.parse(variables[name])) >= AA_NORMAL, name


_FIELD_OR_VARIABLE = st.sampled_from(
    [*COLOUR_FIELDS, "variables.refused", "variables.chip-text", "variables.border", "variables.text", "variables.link-style"]
)
_VALUE = st.one_of(
    st.text(max_size=12),
    st.sampled_from(["#fff", "#ffffff80", "rgb(1,2,3)", "red", "auto 50%", "bold", "#12", "ansi_red", "initial", "x; y"]),
)


@settings(max_examples=200, deadline=None)
@given(key=_FIELD_OR_VARIABLE, value=_VALUE)
def test_whatever_is_accepted_textual_can_use(key: str, value: str) -> None:
    """Either the loader refuses the value, or Textual can build and parse CSS from the theme."""
    text = f'name = "t"\nprimary = "#336699"\n{key} = {json.dumps(value)}\n'
    try:
        theme = parse_theme(text)
    except ThemeError:
        return
    assert_textual_accepts(theme)


def assert_textual_accepts(theme: Theme) -> None:
    """Build a stylesheet using every variable the theme makes; parsing raises if one is bad."""
    variables = resolved_variables(theme)
    kinds = textual_variable_kinds()
    properties = {"style": "text-style", "text-colour": "color", "colour": "background"}
    css = ["Widget {", *(f"  {properties[kinds.get(name, 'colour')]}: ${name};" for name in variables), "}"]
    stylesheet = Stylesheet(variables=variables)
    stylesheet.add_source("\n".join(css), read_from=("test", ""))
    stylesheet.parse()


def test_ansi_theme_gets_ansi_app_variables() -> None:
    theme = parse_theme('name = "term"\nprimary = "ansi_blue"\nansi = true\n')
    assert theme.variables["countdown-expiring"] == "ansi_red"
    assert_textual_accepts(theme)
