"""Moving the cursor back in a rewound view replays from the nearest checkpoint, and shows what a fresh replay shows."""

from __future__ import annotations

from bgtui import replay
from bgtui.app import BgtuiApp
from bgtui.replay import replay_session

from .conftest import WIDE
from .test_timeline import lifecycle


async def test_moving_back_plays_on_from_a_checkpoint_and_shows_the_moment_a_fresh_replay_shows(
        app: BgtuiApp, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    async with app.run_test(size=WIDE) as pilot:
        lifecycle(app)  # 3:11 of the README's lifecycle
        live = app.session
        await pilot.press("ctrl+t", "shift+left")  # 2 s cells: 3:10, a replay from 0:00 (none built yet)
        await pilot.pause()
        points = app.rewind.points
        assert points is not None and points.wanted == [60_000, 120_000, 180_000] and app.rewind.at_ms == 190_000
        while points.build(1.0):  # what the idle slices do
            pass
        replays: list[int] = []
        real = replay.replay_session
        monkeypatch.setattr(replay, "replay_session", lambda s, at, **kw: replays.append(at) or real(s, at, **kw))
        await pilot.press(*["shift+left"] * 10)  # 2:50: each from the checkpoint before it, played on
        await pilot.pause()
        assert app.rewind.at_ms == 170_000 and [at for at in replays if at] == []  # never from 0:00 to the moment
        fresh = replay_session(live, 170_000)
        assert app.snapshot == fresh.emu.snapshot()
        assert [e.reason for e in app.emu.events] == [e.reason for e in fresh.emu.events]
        await pilot.press("shift+end")
        await pilot.pause()
        assert app.rewind.at_ms is None and app.session is live and app.rewind.points is points
