"""A one-line confirmation before an action that cannot be undone (a service restart, a reboot)."""

from __future__ import annotations

from bgtui.screens.form import FormScreen

__all__ = ["ConfirmForm"]


class ConfirmForm(FormScreen[bool]):
    """OK (enter) confirms; escape cancels. ABOUT says what happens and what survives."""

    AUTO_FOCUS = "#ok"

    def __init__(self, title: str, text: str) -> None:
        super().__init__()
        self._title, self._text = title, text

    @property
    def FORM_TITLE(self) -> str:  # type: ignore[override]
        return self._title

    @property
    def ABOUT(self) -> str:  # type: ignore[override]
        return self._text

    def result(self) -> bool:
        return True
