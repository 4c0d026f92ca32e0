"""The collector around the first frame: paused while the app starts, then on, less often."""

from __future__ import annotations

import gc

import pytest

from bgtui.app import GC_YOUNG_THRESHOLD, make_app


@pytest.fixture
def restore_gc():  # type: ignore[no-untyped-def]
    threshold = gc.get_threshold()
    yield
    gc.set_threshold(*threshold)
    gc.unfreeze()
    gc.enable()


async def test_paused_until_the_first_frame_then_on_with_a_higher_young_threshold(restore_gc) -> None:
    gc.set_threshold(700, 10, 10)  # Python's defaults
    app = make_app(clock_running=False, watch_themes=False)
    assert not gc.isenabled()  # start-up allocates a lot and frees almost nothing
    async with app.run_test() as pilot:
        await pilot.pause()
        assert gc.isenabled() and gc.get_freeze_count() > 0
        assert gc.get_threshold() == (GC_YOUNG_THRESHOLD, 10, 10) and GC_YOUNG_THRESHOLD > 700
