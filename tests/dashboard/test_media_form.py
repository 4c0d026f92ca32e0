"""V: the selected app's audio renderer, AVSession notification and navigation capsule (a form), recorded as
`do` steps, shown in the app's details, and what they do to the notifications table."""

from __future__ import annotations

from textual.widgets import Checkbox

from bgtui.app import BgtuiApp
from bgtui.explain import explain

from .conftest import MUSIC, WIDE, Recorder, select_app, shown

NAVIGATION = "com.example.navigation"


def media_row(app: BgtuiApp, bundle: str) -> str:
    return dict(explain(app.emu.snapshot(), "app", bundle, list(app.emu.events)).fields).get("media", "(no row)")


async def test_the_capsule_and_the_avsession_notification_hide_notifications(app: BgtuiApp, toasts: Recorder) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await select_app(pilot, app, NAVIGATION)
        await pilot.press("s", "enter")  # location: notification 0
        assert "positioning task" in shown(app, "notifications")
        assert media_row(app, NAVIGATION) == "(no row)"
        await pilot.press("V", "tab", "tab", "space", "enter")
        assert toasts.last().message == ("Navigation: navigation capsule shown (a location task without "
                                         "dataTransfer, audioRecording or voip loses its notification)")
        assert app.emu.app(NAVIGATION).navigation_capsule
        await pilot.pause()
        assert "positioning task" not in shown(app, "notifications")
        assert media_row(app, NAVIGATION) == "navigation capsule shown"
        await select_app(pilot, app, MUSIC)
        await pilot.press("s", "enter")  # a lone audioPlayback task: the loading text, notification 1
        await pilot.pause()
        assert "Loading audio/video" in shown(app, "notifications")
        await pilot.press("V", "tab", "space", "enter")
        assert toasts.last().message == "Music: AVSession notification published (audioPlayback leaves its tasks' texts)"
        await pilot.pause()
        assert "Loading audio/video" not in shown(app, "notifications")
        assert app.emu.snapshot().continuous_tasks[-1].notification_id == -1
        await pilot.press("V")  # the form shows the state as it is
        assert [c.value for c in app.screen.query(Checkbox)] == [False, True, False]
        await pilot.press("enter")
        assert toasts.last().message == "Nothing changed."
        await pilot.press("V", "tab", "space", "enter")
        assert toasts.last().message == "Music: AVSession notification gone (the service acts on it 65 s later)"
        steps = app.recorder.steps
        assert [s.name for s in steps][-3:] == ["startBackgroundRunning", "app.avsession_notification",
                                                 "app.avsession_notification"]
        assert [s.args for s in steps][-2:] == [(True,), (False,)]
        assert ("app.navigation_capsule", (True,)) in [(s.name, s.args) for s in steps]
        app.emu.advance(65_000)
        app.publish()
        await pilot.pause()
        assert "Loading audio/video" in shown(app, "notifications")
        assert app.emu.snapshot().continuous_tasks[-1].notification_id == 2
