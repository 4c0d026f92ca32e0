"""The selected app's media and live-view state: what other system services tell the continuous manager."""

from __future__ import annotations

from emulator.snapshot import AppView
from textual.app import ComposeResult

from bgtui.screens.form import Check, FormScreen

__all__ = ["MediaForm", "MEDIA_FIELDS"]

# snapshot field -> the checkbox's words
MEDIA_FIELDS = {
    "audio_playing": "Audio renderer running (the audio framework's RENDERER_RUNNING): a lone audioPlayback task "
                     "shows the audio prompt instead of the loading text",
    "avsession_notification": "AVSession notification published (by the media framework): audioPlayback leaves the "
                              "task's text; a lone audioPlayback task has no notification",
    "navigation_capsule": "Navigation capsule shown (a live view of its own): a location task without dataTransfer, "
                          "audioRecording or voip has no notification",
}


class MediaForm(FormScreen[dict[str, bool]]):
    """Dismisses with every field's wanted value; the action changes those that differ."""

    FORM_TITLE = "Media and live view"
    AUTO_FOCUS = "#media-audio_playing"

    def __init__(self, app: AppView) -> None:
        super().__init__()
        self._app = app

    @property
    def ABOUT(self) -> str:  # type: ignore[override]
        return (f"{self._app.label}: what the service hears about the app's audio, AVSession and live view (space "
                "toggles). A removed AVSession notification reaches the service 65 s later.")

    def fields(self) -> ComposeResult:
        for name, words in MEDIA_FIELDS.items():
            yield Check(words, getattr(self._app, name), id=f"media-{name}")

    def notes(self) -> list[str]:
        if self._app.state == "dead":
            return ["the app is not running: it can only stop these (launch it with f)"]
        return []

    def result(self) -> dict[str, bool]:
        return {c.id.removeprefix("media-"): c.value for c in self.query(Check) if c.id}
