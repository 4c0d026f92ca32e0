"""Values for the app variables a theme leaves out, derived from the theme's own colours.

Derived text colours are nudged until they reach WCAG AA (4.5:1) on the theme's background
and surface, and derived chip colours until they reach it under ``chip-text``, so a theme
with only ``name`` and ``primary`` is already readable.
"""

from __future__ import annotations

import colorsys

from textual.color import Color
from textual.theme import Theme

from bgtui.themes.contrast import AA_NORMAL, ensure_contrast, flatten, relative_luminance
from bgtui.themes.variables import (
    APP_VARIABLES,
    CHIP_TEXT_VARIABLE,
    MODE_CHIP_VARIABLES,
    RESOURCE_CHIP_VARIABLES,
)

# Which theme colour each text variable starts from.
_TEXT_SOURCES: dict[str, str] = {
    "countdown-normal": "success",
    "countdown-warning": "warning",
    "countdown-expiring": "error",
    "state-foreground": "success",
    "state-background": "primary",
    "state-suspended": "warning",
    "state-dead": "foreground-muted",
    "refused": "error",
}

# Textual turns a missing warning/error/success into the primary colour, which would make
# "plenty of time" and "about to time out" look the same; a theme that leaves them out gets
# these conventional hues instead (then adjusted for contrast).
_SEMANTIC_FALLBACKS: dict[str, str] = {
    "success": "#3FB950",
    "warning": "#D29922",
    "error": "#F85149",
}

_ANSI_CHIPS = (
    "ansi_blue", "ansi_green", "ansi_cyan", "ansi_magenta", "ansi_yellow",
    "ansi_bright_blue", "ansi_bright_green", "ansi_bright_cyan", "ansi_bright_magenta",
)  # fmt: skip


def textual_variables(theme: Theme) -> dict[str, str]:
    """The variables Textual itself makes from ``theme`` (as ``App.get_css_variables`` does)."""
    return {**theme.to_color_system().generate(), **theme.variables}


def _chip_colour(hue: float, chip_text: Color) -> Color:
    """A chip background of the given hue that ``chip_text`` is readable on."""
    light_text = relative_luminance(chip_text) > 0.18
    lightness = 0.30 if light_text else 0.78
    red, green, blue = colorsys.hls_to_rgb(hue % 1.0, lightness, 0.55)
    start = Color(round(red * 255), round(green * 255), round(blue * 255))
    # ensure_contrast moves a colour away from its grounds; here the chip is the thing that
    # moves, and the one "ground" it must stay away from is the chip text.
    return ensure_contrast(start, [chip_text], AA_NORMAL)


def derive_app_variables(theme: Theme) -> dict[str, str]:
    """A value for every app variable, from ``theme``'s colours (its own app values ignored)."""
    base = textual_variables(theme)
    if theme.ansi:
        return _ansi_defaults(base)
    background = flatten(Color.parse(base["background"]), Color(0, 0, 0))
    surface = flatten(Color.parse(base["surface"]), background)
    grounds = [background, surface]
    derived: dict[str, str] = {}
    for name, source in _TEXT_SOURCES.items():
        # The theme's own value as written (Textual's generated copy is re-rounded).
        value = getattr(theme, source, None) or _SEMANTIC_FALLBACKS.get(source) or base[source]
        start = flatten(Color.parse(value), background)
        derived[name] = ensure_contrast(start, grounds, AA_NORMAL).hex
    chip_text = flatten(Color.parse(base["foreground"]), background)
    derived[CHIP_TEXT_VARIABLE] = chip_text.hex
    primary = Color.parse(base["primary"])
    primary_hue, _, _ = colorsys.rgb_to_hls(primary.r / 255, primary.g / 255, primary.b / 255)
    # Resource chips sit half a step round the colour wheel from the mode chips.
    half_step = 0.5 / len(MODE_CHIP_VARIABLES)
    for chips, offset in ((MODE_CHIP_VARIABLES, 0.0), (RESOURCE_CHIP_VARIABLES, half_step)):
        for index, name in enumerate(chips.values()):
            hue = primary_hue + offset + index / len(chips)
            derived[name] = _chip_colour(hue, chip_text).hex
    assert set(derived) == set(APP_VARIABLES)
    return derived


def _ansi_defaults(base: dict[str, str]) -> dict[str, str]:
    """ANSI themes leave the real colours to the terminal, so contrast cannot be computed."""
    derived = {
        "countdown-normal": "ansi_green",
        "countdown-warning": "ansi_yellow",
        "countdown-expiring": "ansi_red",
        "state-foreground": "ansi_green",
        "state-background": base["text-primary"],
        "state-suspended": "ansi_yellow",
        "state-dead": "ansi_bright_black",
        "refused": "ansi_red",
        CHIP_TEXT_VARIABLE: "ansi_black",
    }
    for chips in (MODE_CHIP_VARIABLES, RESOURCE_CHIP_VARIABLES):
        for name, colour in zip(chips.values(), _ANSI_CHIPS):
            derived[name] = colour
    return derived


def resolved_variables(theme: Theme) -> dict[str, str]:
    """Every CSS variable the app would see with ``theme`` active (app variables included)."""
    return {**derive_app_variables(theme), **textual_variables(theme)}
