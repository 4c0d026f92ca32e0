"""``ThemeVariablesMixin``: app variables defined under every theme, Textual's own included."""

from __future__ import annotations

from textual.theme import BUILTIN_THEMES, Theme

from bgtui.themes.defaults import derive_app_variables
from bgtui.themes.variables import has_every_app_variable


class ThemeVariablesMixin:
    """Put before ``App`` in the dashboard's bases: ``class Dashboard(ThemeVariablesMixin, App)``.

    Project themes carry every app variable already; this covers any other theme (Textual's
    built-ins, or one registered by code) so TCSS using ``$countdown-warning`` always parses,
    with values derived from whichever theme is active.
    """

    _bgtui_defaults: tuple[Theme, dict[str, str]] | None = None

    def get_theme_variable_defaults(self) -> dict[str, str]:
        defaults: dict[str, str] = super().get_theme_variable_defaults()  # type: ignore[misc]
        try:
            theme: Theme = self.current_theme  # type: ignore[attr-defined]
        except (AttributeError, AssertionError):  # asked before the App has its themes
            theme = BUILTIN_THEMES["textual-dark"]
        if has_every_app_variable(theme.variables):
            return defaults  # the theme's own variables win anyway (App.get_css_variables)
        cached = self._bgtui_defaults
        if cached is None or cached[0] is not theme:
            cached = self._bgtui_defaults = (theme, derive_app_variables(theme))
        return {**defaults, **cached[1]}
