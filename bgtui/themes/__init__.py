"""The dashboard's themes: TOML files loaded, checked, registered and hot-reloaded.

For the dashboard::

    from bgtui.themes import APP_VARIABLES, ThemeVariablesMixin, install_themes

    class Dashboard(ThemeVariablesMixin, App):
        def __init__(self, theme: str | None = None) -> None:
            super().__init__()
            self.theme_manager = install_themes(self, theme)  # raises UnknownThemeError for a bad --theme
"""

from bgtui.themes.contrast import AA_NORMAL, AAA_NORMAL, contrast_ratio
from bgtui.themes.defaults import derive_app_variables, resolved_variables
from bgtui.themes.errors import ThemeError
from bgtui.themes.loader import load_theme_file, parse_theme
from bgtui.themes.manager import DEFAULT_THEME, ThemeManager, UnknownThemeError, install_themes
from bgtui.themes.mixin import ThemeVariablesMixin
from bgtui.themes.registry import ReloadResult, ThemeRegistry
from bgtui.themes.settings import ThemeChoice, shipped_themes_dir, user_config_dir, user_themes_dir
from bgtui.themes.variables import (
    APP_VARIABLES,
    CHIP_BACKGROUND_VARIABLES,
    MODE_CHIP_VARIABLES,
    RESOURCE_CHIP_VARIABLES,
    TEXT_VARIABLES,
    mode_chip_variable,
    resource_chip_variable,
)

__all__ = [
    "AA_NORMAL",
    "AAA_NORMAL",
    "APP_VARIABLES",
    "CHIP_BACKGROUND_VARIABLES",
    "DEFAULT_THEME",
    "MODE_CHIP_VARIABLES",
    "RESOURCE_CHIP_VARIABLES",
    "TEXT_VARIABLES",
    "ReloadResult",
    "ThemeChoice",
    "ThemeError",
    "ThemeManager",
    "ThemeRegistry",
    "ThemeVariablesMixin",
    "UnknownThemeError",
    "contrast_ratio",
    "derive_app_variables",
    "install_themes",
    "load_theme_file",
    "mode_chip_variable",
    "parse_theme",
    "resolved_variables",
    "resource_chip_variable",
    "shipped_themes_dir",
    "user_config_dir",
    "user_themes_dir",
    "watch_themes",
]


def __getattr__(name: str) -> object:
    # watch_themes pulls in watchfiles: load it only for those who use it, not at the dashboard's start.
    if name == "watch_themes":
        from bgtui.themes.watch import watch_themes

        return watch_themes
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
