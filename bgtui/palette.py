"""Rich styles for the line-API tables, resolved from the active theme's variables.

Tables draw segments, not CSS, so they need Rich styles. Each comes from one theme variable
($countdown-warning, $chip-mode-voip, $surface, ...) read from `app.theme_variables`, blended over
the tables' ground ($surface) when it has an alpha. The cache follows the theme: Textual builds
a new `theme_variables` dict whenever the CSS variables are recomputed (a theme change, a hot
reload), and `generation` moves on, so tables know to redraw their cached rows.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.style import Style
from textual.color import Color

if TYPE_CHECKING:
    from textual.app import App

__all__ = ["Palette"]

# Styles that are not one variable's colour: (foreground variable, background variable, bold, italic)
_SPECIAL: dict[str, tuple[str | None, str | None, bool, bool]] = {
    "header": ("text-primary", None, True, False),
    "cursor": (None, "block-cursor-blurred-background", True, False),
    "cursor-blurred": (None, "panel", False, False),
    "dim": ("foreground-muted", None, False, False),
    "hint": ("foreground-muted", None, False, True),
    "bold": (None, None, True, False),
    "accent": ("text-accent", None, False, False),
    "italic": (None, None, False, True),
    # a playing scenario's own entries in the event log: its steps, and its checks that passed
    "scenario": ("text-secondary", None, False, True),
    "scenario-ok": ("countdown-normal", None, False, True),
}


class Palette:
    def __init__(self, app: App[object]) -> None:
        self._app = app
        self._variables: dict[str, str] | None = None
        self._styles: dict[str, Style] = {}
        self.generation = 0

    def _fresh(self) -> dict[str, str]:
        variables = self._app.theme_variables
        if variables is not self._variables:
            self._variables, self._styles = variables, {}
            self.generation += 1
        return variables

    def refresh(self) -> int:
        """The generation of the styles (it changes with the theme)."""
        self._fresh()
        return self.generation

    def _colour(self, variables: dict[str, str], name: str | None, ground: Color) -> Color | None:
        if name is None:
            return None
        try:
            colour = Color.parse(variables[name])
        except Exception:  # noqa: BLE001 - a missing or non-colour value ("auto 60%"): no colour
            return None
        return ground + colour if colour.a < 1 else colour

    def style(self, name: str) -> Style:
        variables = self._fresh()
        style = self._styles.get(name)
        if style is not None:
            return style
        ground = self._colour(variables, "surface", Color(0, 0, 0)) or Color(0, 0, 0)
        if name == "bar-empty":
            fg = self._colour(variables, "foreground", ground)
            style = Style(color=(ground.blend(fg, 0.25) if fg else ground).rich_color)
        elif name in _SPECIAL:
            fg_name, bg_name, bold, italic = _SPECIAL[name]
            fg, bg = self._colour(variables, fg_name, ground), self._colour(variables, bg_name, ground)
            style = Style(color=fg.rich_color if fg else None, bgcolor=bg.rich_color if bg else None,
                          bold=bold or None, italic=italic or None)
        elif name.startswith("chip-"):
            fg, bg = self._colour(variables, "chip-text", ground), self._colour(variables, name, ground)
            style = Style(color=fg.rich_color if fg else None, bgcolor=bg.rich_color if bg else None)
        else:
            fg = self._colour(variables, name, ground)
            style = Style(color=fg.rich_color if fg else None)
        self._styles[name] = style
        return style
