"""Default values of the dashboard's own theme variables, derived from the active theme.

Every colour the dashboard draws comes from a Textual theme variable: the theme's own
($primary, $surface, $error, ...) or one of APP_VARIABLES below. A theme may set these under
`variables`; whatever it leaves out gets a value derived here from the theme's colours. This is
the one place to replace when the themes package (TOML themes, contrast checks) lands.
"""

from __future__ import annotations

import colorsys

from textual.color import Color
from textual.theme import Theme

__all__ = ["APP_VARIABLES", "MODE_CHIPS", "RESOURCE_CHIPS", "app_variable_defaults"]

MODE_CHIPS: tuple[str, ...] = (
    "chip-mode-data-transfer", "chip-mode-audio-playback", "chip-mode-audio-recording", "chip-mode-location",
    "chip-mode-bluetooth-interaction", "chip-mode-multi-device-connection", "chip-mode-wifi-interaction",
    "chip-mode-voip", "chip-mode-task-keeping",
)
RESOURCE_CHIPS: tuple[str, ...] = (
    "chip-res-cpu", "chip-res-common-event", "chip-res-timer", "chip-res-work-scheduler", "chip-res-bluetooth",
    "chip-res-gps", "chip-res-audio", "chip-res-running-lock", "chip-res-sensor",
)
_TEXT_SOURCES: dict[str, str] = {
    "countdown-normal": "success", "countdown-warning": "warning", "countdown-expiring": "error",
    "state-foreground": "success", "state-background": "primary", "state-suspended": "warning",
    "state-dead": "foreground-muted", "refused": "error",
}
APP_VARIABLES: tuple[str, ...] = (*_TEXT_SOURCES, "chip-text", *MODE_CHIPS, *RESOURCE_CHIPS)


def _hue_shift(colour: Color, turn: float, lightness: float) -> str:
    hue, _light, saturation = colorsys.rgb_to_hls(colour.r / 255, colour.g / 255, colour.b / 255)
    r, g, b = colorsys.hls_to_rgb((hue + turn) % 1.0, lightness, max(0.45, min(saturation, 0.65)))
    return Color(round(r * 255), round(g * 255), round(b * 255)).hex


def app_variable_defaults(theme: Theme) -> dict[str, str]:
    """A value for every app variable, from `theme`'s colours."""
    base = theme.to_color_system().generate()
    out = {name: base[source] for name, source in _TEXT_SOURCES.items()}
    if theme.ansi:
        out["chip-text"] = "ansi_black"
        ansi = ("ansi_blue", "ansi_green", "ansi_cyan", "ansi_magenta", "ansi_yellow", "ansi_bright_blue",
                "ansi_bright_green", "ansi_bright_cyan", "ansi_bright_magenta")
        out.update(zip(MODE_CHIPS, ansi))
        out.update(zip(RESOURCE_CHIPS, ansi))
        return out
    foreground = Color.parse(base["foreground"])
    light_text = foreground.brightness > 0.5
    out["chip-text"] = foreground.hex
    primary = Color.parse(base["primary"])
    lightness = 0.30 if light_text else 0.80  # dark chips under light text, light chips under dark text
    for chips, offset in ((MODE_CHIPS, 0.0), (RESOURCE_CHIPS, 0.5 / len(MODE_CHIPS))):
        for index, name in enumerate(chips):
            out[name] = _hue_shift(primary, offset + index / len(chips), lightness)
    return out
