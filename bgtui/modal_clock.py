"""A modal stops the virtual clock: while a form, help, the palette or a question is in front,
virtual time stands still, so the time spent typing never counts against the windows people come to
test (the 5 s after leaving the foreground, the 6 s to a forced cancel). Closing the last modal
restores the clock as it was (a paused clock stays paused)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.screen import ModalScreen, Screen

if TYPE_CHECKING:
    from bgtui.app import BgtuiApp

__all__ = ["hold_reason", "watch_modals"]


def hold_reason(screen: Screen[object]) -> str:
    """What the header says time waits for: a screen's PAUSE_REASON, else what kind of modal it is."""
    reason = getattr(screen, "PAUSE_REASON", None)
    if reason:
        return str(reason)
    return "palette open" if type(screen).__name__ == "CommandPalette" else "dialog open"


def watch_modals(app: BgtuiApp) -> None:
    """Hold the clock whenever the screen in front is a modal (called before the first modal can open)."""

    def screen_changed(screen: Screen[object]) -> None:
        modal = next((s for s in reversed(app.screen_stack) if isinstance(s, ModalScreen)), None)
        if modal is not None:
            first = app.driver.held is None
            app.driver.hold(hold_reason(modal))
            if first:
                app.publish()  # what a form predicts is computed from this very moment
        else:
            if app.driver.held is not None:
                app.driver.release()
                app.publish()
            app.show_held_toasts()  # bgtui.toasts: what waited for the form

    app.screen_change_signal.subscribe(app, screen_changed)
