"""Themes in a running App: registering, choosing, remembering and hot reloading.

The dashboard calls ``install_themes(app, args.theme)`` once (in ``__init__`` or
``on_mount``) and keeps the returned ``ThemeManager``.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any, Callable

from textual.app import App
from textual.theme import BUILTIN_THEMES, Theme
from textual.worker import Worker

from bgtui.themes.errors import ThemeError
from bgtui.themes.registry import ReloadResult, ThemeRegistry
from bgtui.themes.settings import SessionThemeChoice, ThemeChoice, shipped_themes_dir, user_themes_dir

DEFAULT_THEME = "dark"
"""Used when nothing else is chosen, and when the active theme's file is deleted."""
LAST_RESORT_THEME = "textual-dark"
"""Textual's own default, brought back only if no project theme is left at all."""


class UnknownThemeError(ValueError):
    """``--theme NAME`` named a theme that no file defines."""

    def __init__(self, name: str, available: list[str], broken: ThemeError | None = None) -> None:
        self.name = name
        self.available = available
        if broken is not None:  # its file is there but broken: its own error says what to fix
            super().__init__(f"theme {name!r} cannot be used: {broken}")
        else:
            super().__init__(f"unknown theme {name!r}; available themes: {', '.join(available) or 'none'}")


def _shown_path(path: Path) -> str:
    try:
        return f"~/{path.relative_to(Path.home())}"
    except ValueError:
        return str(path)


class ThemeManager:
    """Keeps an App's themes in step with the theme folders and the remembered choice."""

    def __init__(
        self,
        app: App[Any],
        registry: ThemeRegistry,
        choice: ThemeChoice,
        *,
        default: str = DEFAULT_THEME,
        user_dir: Path | None = None,
        keep_textual_themes: bool = False,
        watch_options: dict[str, Any] | None = None,
    ) -> None:
        self.app = app
        self.registry = registry
        self.choice = choice
        self.default = default
        self.user_dir = user_dir
        self.keep_textual_themes = keep_textual_themes
        self.watch_options: dict[str, Any] = dict(watch_options or {})
        self.preferred: str | None = None
        """The theme the user wants: restored if its file comes back after a deletion."""
        self.ready = asyncio.Event()
        """Set once the watcher is running (no change after this is missed)."""
        self._listeners: list[Callable[[ReloadResult], None]] = []
        self._active: str | None = None  # the theme name as last set or seen
        self._quiet = False  # True while the manager itself changes app.theme
        self._save_failed = False
        self._deferred = False  # start() read only the first theme's file: finish_loading reads the rest

    # -- startup ---------------------------------------------------------------------------

    def start(self, requested: str | None = None, *, defer: bool = False) -> None:
        """Register every theme, apply ``requested`` (or the remembered one) and watch choices.

        With ``defer``, only the file of the theme to show is read now, when it can be told which
        one that is, and ``finish_loading`` reads the others (the dashboard calls it after its first
        frame: checking a theme file's values costs milliseconds of start-up)."""
        first = requested or self.choice.load() or self.default
        if defer and self.registry.load_one(first):
            self._deferred = True
            result = ReloadResult()
        else:
            result = self.registry.load_all()
        for theme in self.registry.themes.values():
            self.app.register_theme(theme)
        ours = self.registry.themes
        if requested is not None and requested not in self._choosable():
            broken = next((e for e in self.registry.errors() if e.path.stem == requested), None)
            raise UnknownThemeError(requested, sorted(self._choosable()), broken)
        remembered = self.choice.load()
        self.preferred = requested or remembered
        if self.preferred in self._choosable():
            name = self.preferred
        else:
            name = self._fallback()
        self._switch(name)
        if ours and not self.keep_textual_themes:
            for builtin in BUILTIN_THEMES:
                if builtin not in ours and builtin != self.app.theme:
                    self.app.unregister_theme(builtin)
        self.app.watch(self.app, "theme", self._theme_changed, init=False)
        for error in result.errors:
            self._report(error)

    def finish_loading(self) -> None:
        """Read the theme files ``start(defer=True)`` left, register their themes, report their errors."""
        if self._deferred:
            self._deferred = False
            self.apply(self.registry.load_all())

    def _choosable(self) -> set[str]:
        if self.keep_textual_themes or not self.registry.themes:
            return set(self.registry.themes) | set(BUILTIN_THEMES)
        return set(self.registry.themes)

    def _fallback(self, exclude: str | None = None) -> str:
        """The default theme, else the first project theme, else Textual's default."""
        candidates = self._choosable() - {exclude}
        ours = sorted(set(self.registry.themes) - {exclude})
        if self.default in candidates:
            name = self.default
        elif ours:
            name = ours[0]
        else:
            name = LAST_RESORT_THEME
        if name not in self.app.available_themes:
            self.app.register_theme(BUILTIN_THEMES[name])  # only a hidden built-in can be missing
        return name

    # -- choosing and remembering ----------------------------------------------------------

    def _switch(self, name: str) -> None:
        """Make ``name`` active without taking it as the user's choice."""
        self._quiet = True
        try:
            self.app.theme = name
        finally:
            self._quiet = False
        self._active = name

    def _theme_changed(self, old: str, new: str) -> None:
        if self._quiet or new == self._active:
            return
        self._active = new
        self.preferred = new
        try:
            self.choice.save(new)
        except OSError as error:
            if not self._save_failed:  # say it once, not on every switch
                self._save_failed = True
                self.app.notify(
                    f"Cannot remember the theme in {_shown_path(self.choice.path)}: {error.strerror or error}",
                    title="Theme",
                    severity="warning",
                    markup=False,
                )

    # -- hot reload ------------------------------------------------------------------------

    def add_listener(self, callback: Callable[[ReloadResult], None]) -> None:
        """Call ``callback`` after each reload result has been applied to the App."""
        self._listeners.append(callback)

    def start_watching(self) -> Worker[None]:
        """Run the folder watcher in an exclusive worker (call when the App is running)."""
        return self.app.run_worker(
            self._watch(),
            name="theme-watcher",
            group="theme-watcher",
            exclusive=True,
            exit_on_error=False,
        )

    async def _watch(self) -> None:
        from bgtui.themes.watch import watch_themes  # watchfiles loads only when watching starts

        try:
            async for result in watch_themes(
                self.registry, on_ready=self.ready.set, create=self.user_dir, **self.watch_options
            ):
                self.apply(result)
        except Exception as error:  # the watcher itself failed; the app carries on without it
            self.app.notify(
                f"Theme files are no longer watched: {error}", title="Theme", severity="warning", markup=False
            )

    def apply(self, result: ReloadResult) -> None:
        """Bring the App in line with a reload: register, re-apply, fall back, report."""
        for theme in result.updated:
            self.app.register_theme(theme)
        for theme in result.updated:
            if theme.name == self.app.theme:
                self._reapply(theme)
        for name in result.removed:
            if name == self.app.theme:
                self._switch(self._fallback(exclude=name))
            self.app.unregister_theme(name)
            if self.keep_textual_themes and name in BUILTIN_THEMES:
                self.app.register_theme(BUILTIN_THEMES[name])  # a user file had shadowed it
        if (
            self.preferred is not None
            and self.app.theme != self.preferred
            and self.preferred in self.app.available_themes
        ):
            self._switch(self.preferred)  # its file is back (editors often delete, then write)
        for error in result.errors:
            self._report(error)
        for listener in list(self._listeners):
            listener(result)

    def _reapply(self, theme: Theme) -> None:
        """Show a re-registered active theme (assigning the same name again does nothing)."""
        self.app.set_class(theme.dark, "-dark-mode")
        self.app.set_class(not theme.dark, "-light-mode")
        self.app.refresh_css(animate=False)
        self.app.theme_changed_signal.publish(theme)

    def _report(self, error: ThemeError) -> None:
        where = _shown_path(error.path) + (f":{error.line}" if error.line is not None else "")
        self.app.notify(
            f"{where}: {error.message}\nThe last good version stays in use.",
            title="Theme file not loaded",
            severity="error",
            timeout=12,
            markup=False,
        )


def install_themes(
    app: App[Any],
    theme_name: str | None = None,
    *,
    shipped_dir: Path | str | None = None,
    user_dir: Path | str | None = None,
    settings_path: Path | str | None = None,
    default: str = DEFAULT_THEME,
    watch: bool = True,
    keep_textual_themes: bool = False,
    watch_options: dict[str, Any] | None = None,
    remember: bool = True,
    defer: bool = False,
) -> ThemeManager:
    """Give ``app`` the project's themes, and keep them live.

    Loads the shipped and user theme folders, registers every good theme, applies
    ``theme_name`` (``--theme``; raises ``UnknownThemeError`` if no file defines it) or else
    the remembered choice or ``default``, remembers later choices (the palette's theme
    picker included), and unless ``watch`` is false starts the hot-reload watcher as soon as
    the app runs. Broken files are reported with ``app.notify(severity="error")``. Textual's
    built-in themes are taken out of the picker unless ``keep_textual_themes``.
    Folders and the settings file default to the user's config folder; tests pass their own.
    Without ``remember`` (a served browser tab) a choice lasts for the session and nothing is written.
    With ``defer`` only the shown theme's file is read before the app runs (``ThemeManager.start``);
    the app calls ``finish_loading`` once it has drawn its first frame.
    """
    user = Path(user_dir) if user_dir is not None else user_themes_dir()
    shipped = Path(shipped_dir) if shipped_dir is not None else shipped_themes_dir()
    manager = ThemeManager(
        app,
        ThemeRegistry([shipped, user]),
        ThemeChoice(settings_path) if remember else SessionThemeChoice(settings_path),
        default=default,
        user_dir=user if remember else None,
        keep_textual_themes=keep_textual_themes,
        watch_options=watch_options,
    )
    manager.start(theme_name, defer=defer)
    if watch:
        app.call_later(manager.start_watching)
    return manager
