"""Toasts that never hide the answer: none over an open form or question (they wait until it
closes), and identical toasts in a row coalesce into one with a count instead of stacking up."""

from __future__ import annotations

import time
from typing import Any

from textual.notifications import Notification, Notify
from textual.screen import ModalScreen

__all__ = ["CoalescingToasts"]

ToastKey = tuple[str, str, str]


class CoalescingToasts:
    """Mixed into the App, before textual.app.App."""

    _notifications: Any
    screen_stack: Any
    NOTIFICATION_TIMEOUT: float

    def _toast_state(self) -> tuple[list[tuple[Any, ...]], dict[ToastKey, tuple[Notification, int]]]:
        if not hasattr(self, "_held_toasts"):
            self._held_toasts: list[tuple[Any, ...]] = []
            self._shown_toasts: dict[ToastKey, tuple[Notification, int]] = {}
        return self._held_toasts, self._shown_toasts

    def notify(self, message: str, *, title: str = "", severity: Any = "information", timeout: float | None = None,
               markup: bool = True) -> None:
        held, shown = self._toast_state()
        if any(isinstance(s, ModalScreen) for s in self.screen_stack):
            held.append((message, title, severity, timeout, markup))  # not over the form: after it
            return
        key = (str(message), title, str(severity))
        count = 1
        previous = shown.get(key)
        if previous is not None and time.time() < previous[0].raised_at + previous[0].timeout:
            count = previous[1] + 1  # still on screen: one toast, counted
            if previous[0] in self._notifications:
                self._unnotify(previous[0])  # type: ignore[attr-defined]
        shown_title = f"{title} (×{count})" if count > 1 else title
        notification = Notification(message, shown_title, severity,
                                    self.NOTIFICATION_TIMEOUT if timeout is None else timeout, markup=markup)
        shown[key] = (notification, count)
        self.post_message(Notify(notification))  # type: ignore[attr-defined]

    def show_held_toasts(self) -> None:
        """The toasts that waited for the forms to close."""
        held, _shown = self._toast_state()
        waiting, held[:] = list(held), []
        for message, title, severity, timeout, markup in waiting:
            self.notify(message, title=title, severity=severity, timeout=timeout, markup=markup)
