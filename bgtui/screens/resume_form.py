"""The confirmation before "resume from here": how many later actions the recorded session drops."""

from __future__ import annotations

from bgtui.screens.form import FormScreen

__all__ = ["ResumeForm"]


class ResumeForm(FormScreen[bool]):
    FORM_TITLE = "Resume from here"

    def __init__(self, at: str, dropped: int, now: str) -> None:
        super().__init__()
        self._about = (f"Continue from {at}: the world goes on from this moment and the recorded session drops "
                       f"the {dropped} action(s) taken after it (up to {now}). A save (ctrl+s) then replays to "
                       "this new branch. OK to resume, esc to stay in the rewound view.")

    @property
    def ABOUT(self) -> str:  # type: ignore[override]
        return self._about

    def result(self) -> bool:
        return True
