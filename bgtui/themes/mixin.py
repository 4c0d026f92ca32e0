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

    Start-up: the app's theme is chosen after ``App.__init__`` (install_themes), so the variables
    ``App.__init__`` asks for are Textual's alone, and the stylesheet gets the full set for the
    theme actually shown when the app loads, before anything is parsed or styled.
    """

    _bgtui_defaults: tuple[Theme, dict[str, str]] | None = None

    def get_theme_variable_defaults(self) -> dict[str, str]:
        defaults: dict[str, str] = super().get_theme_variable_defaults()  # type: ignore[misc]
        if getattr(self, "stylesheet", None) is None:
            return defaults  # App.__init__ building its stylesheet: no theme is chosen yet (see _on_load)
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

    def _on_load(self) -> None:
        """Before the first parse of the stylesheet: the variables of the theme that will be shown."""
        self.stylesheet.set_variables(self.get_css_variables())  # type: ignore[attr-defined]

    def refresh_css(self, animate: bool = True) -> None:
        """Textual queues this when the theme is set, and install_themes sets it before the app runs.
        Until the first screen is pushed nothing is styled, and the first styling pass parses the
        stylesheet with the variables given here: a full reparse now would be thrown away."""
        if not self.screen_stack:  # type: ignore[attr-defined]
            self.stylesheet.set_variables(self.get_css_variables())  # type: ignore[attr-defined]
            return
        super().refresh_css(animate)  # type: ignore[misc]
