"""The timeline panel and rewind: keys, the world gate, return to now, resume from here, lane details."""

from __future__ import annotations

import io
from pathlib import Path

from emulator.scenario import load_text, run_scenario

from bgtui import ops
from bgtui.app import BgtuiApp
from bgtui.diff import main as diff_main
from bgtui.widgets.details import DetailsPane
from bgtui.widgets.timeline import TimelinePanel

from .conftest import UPLOADER, WIDE, Recorder


def lifecycle(app: BgtuiApp) -> None:
    """The README's lifecycle, through the recorder: request, background, callback, forced cancel, kill."""
    uploader = app.emu.app(UPLOADER)
    ops.request_transient(app.recorder, uploader, "upload")
    app.emu.advance(1_000)
    ops.app_background(app.recorder, uploader)
    app.emu.advance(190_000)
    app.publish()


def panel_text(app: BgtuiApp) -> list[str]:
    return app.main_screen.query_one(TimelinePanel).render().plain.splitlines()


async def test_one_key_shows_the_whole_lifecycle_as_bars(app: BgtuiApp) -> None:
    async with app.run_test(size=WIDE) as pilot:
        lifecycle(app)
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert app.main_screen.has_class("-timeline") and app.focused is app.main_screen.query_one(TimelinePanel)
        lines = panel_text(app)
        assert lines[0].startswith("LIVE cursor 3:11 · now 3:11 · 1 cell = 2s")
        task = next(line for line in lines if line.startswith("╰ transient 1 'upload'"))
        assert task.rstrip().endswith("█◆██✗")  # the callback at 2:55, the forced cancel at 3:01: 2 s cells
        uploader = next(line for line in lines if line.startswith("Uploader"))
        assert uploader.split()[1].startswith("▓▓▓") and uploader.rstrip().endswith("▓······")  # killed at 3:01
        await pilot.press("ctrl+t")
        assert app.main_screen.has_class("-timeline-full")
        await pilot.press("ctrl+t")
        assert not app.main_screen.has_class("-timeline")


async def test_zoom_keys_change_the_time_per_cell(app: BgtuiApp) -> None:
    async with app.run_test(size=WIDE) as pilot:
        lifecycle(app)
        await pilot.press("ctrl+t", ">")
        assert "1 cell = 1s" in panel_text(app)[0]
        await pilot.press("<", "<")
        assert "1 cell = 5s" in panel_text(app)[0]


async def test_the_cursor_in_the_past_shows_the_whole_dashboard_then(app: BgtuiApp, toasts: Recorder) -> None:
    async with app.run_test(size=WIDE) as pilot:
        lifecycle(app)
        live = app.session
        await pilot.press("ctrl+t", *["shift+left"] * 10)  # 2 s cells from 3:12: 2:52, before the callback
        await pilot.pause()
        assert app.rewind.at_ms == 172_000 and app.session is not live
        assert app.emu.now_ms == 172_000 and app.snapshot.now_ms == 172_000
        task = app.snapshot.transient_tasks[0]
        assert (task.request_id, task.counting, task.callback_fired_ms) == (1, True, None)
        assert app.snapshot.app(UPLOADER).state == "background"
        assert panel_text(app)[0].startswith("REWOUND cursor 2:52 · now 3:11")
        banner = app.main_screen.query_one("#rewind-banner")
        assert banner.display and str(banner.render()).startswith(
            "REWOUND to 2:52 (now is 3:11): this is the past, replayed; keys that change the world are refused.")
        await pilot.press("x")  # kill: changes the world, refused
        assert toasts.last().message == ("Rewound to 2:52: the dashboard shows the past. shift+end returns to now; "
                                          "ctrl+g resumes from here")
        assert app.emu.app(UPLOADER).state.value == "background"
        await pilot.press("shift+right", "shift+right", "shift+right")  # 2:58: the callback has fired
        assert app.snapshot.transient_tasks[0].callback_fired_ms == 175_000


async def test_rewind_then_return_gives_the_same_screen_as_never_rewinding(app: BgtuiApp) -> None:
    async with app.run_test(size=WIDE) as pilot:
        lifecycle(app)
        await pilot.press("ctrl+t")
        await pilot.pause()
        before = app.export_screenshot()
        live, events = app.session, app.emu.events.to_jsonl()
        await pilot.press(*["shift+left"] * 30, "shift+end")
        await pilot.pause()
        assert app.session is live and not app.rewind.active and not app.gate.locked
        assert app.emu.events.to_jsonl() == events
        assert app.export_screenshot() == before


async def test_resume_from_here_then_save_replays_to_the_forked_log(app: BgtuiApp, tmp_path: Path) -> None:
    async with app.run_test(size=WIDE) as pilot:
        lifecycle(app)
        await pilot.press("ctrl+t", *["shift+left"] * 50)  # 1:32, in the background, the task counting
        assert app.rewind.at_ms == 92_000
        original = app.main_screen.save_session(tmp_path / "original.toml")  # saving is open while rewound
        await pilot.press("ctrl+g")
        await pilot.pause()
        assert "drops the 0 action(s) taken after it (up to d1 00:03:11.000)" in app.screen.ABOUT
        await pilot.press("enter")
        await pilot.pause()
        assert not app.rewind.active and not app.gate.locked and app.emu.now_ms == 92_000
        ops.cancel_transient(app.recorder, app.emu.app(UPLOADER), 1)  # a new branch: cancelled in time
        app.emu.advance(5_000)
        path = app.main_screen.save_session(tmp_path / "fork.toml")
        assert path is not None
        replayed = run_scenario(load_text(path.read_text(encoding="utf-8"), str(path)))
        assert replayed.emu.events.to_jsonl() == app.emu.events.to_jsonl()
        assert [e.kind.value for e in app.emu.events][-1] == "transient.cancelled"
        out, err = io.StringIO(), io.StringIO()
        assert diff_main([str(original), str(path)], out, err) == 1
        assert out.getvalue().splitlines()[0].startswith("the event logs part at d1 00:01:32.000, entry ")
        assert "  B d1 00:01:32.000 transient.cancelled com.example.uploader: cancelled by the app" in out.getvalue()


async def test_resume_says_how_many_later_actions_are_dropped(app: BgtuiApp) -> None:
    async with app.run_test(size=WIDE) as pilot:
        lifecycle(app)  # two actions: the request at 0:00, the background at 0:01
        await pilot.press("ctrl+t", ">", *["shift+left"] * 191)  # 1 s cells: 0:00
        assert app.rewind.at_ms == 0
        await pilot.press("ctrl+g")
        await pilot.pause()
        assert app.screen.ABOUT.startswith("Continue from d1 00:00:00.000: the world goes on from this moment and the "
                                           "recorded session drops the 1 action(s) taken after it (up to d1 00:03:11.000)")
        await pilot.press("escape")
        assert app.rewind.active


async def test_a_lane_shows_in_the_details_with_the_events_that_made_it(app: BgtuiApp) -> None:
    async with app.run_test(size=WIDE) as pilot:
        lifecycle(app)
        await pilot.press("ctrl+t")
        lanes = [lane.label for _d, lane in app.rewind.timeline.lanes()]
        await pilot.press(*["down"] * lanes.index("transient 1 'upload'"), "enter")
        await pilot.pause()
        details = app.main_screen.query_one(DetailsPane).details
        assert details is not None and details.title == "Timeline: transient 1 'upload' (com.example.uploader)"
        assert ("Ended", "force-cancelled after the callback") in details.fields
        assert [e.kind.value for e in details.history] == ["transient.requested", "transient.counting",
                                                            "transient.expiring", "transient.force_cancelled"]


async def test_a_log_entry_puts_the_cursor_at_its_time(app: BgtuiApp, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import bgtui.actions.timeline as actions

    monkeypatch.setattr(actions, "REWIND_DEBOUNCE_S", 0)
    async with app.run_test(size=WIDE) as pilot:
        lifecycle(app)
        await pilot.press("ctrl+t", "6", "up", "up")  # the newest is the kill at 3:01; two up: the callback
        await app.main_screen.workers.wait_for_complete()
        await pilot.pause()
        assert app.rewind.at_ms == 175_000


async def test_presenter_mode_rewinds_but_never_resumes(app: BgtuiApp, toasts: Recorder) -> None:
    from bgtui.presenter import PRESENTER_MESSAGE, lock_for_presenter

    async with app.run_test(size=WIDE) as pilot:
        lifecycle(app)
        lock_for_presenter(app.gate)
        await pilot.press("ctrl+t", "shift+left", "ctrl+g")
        assert app.rewind.active and toasts.last().message == PRESENTER_MESSAGE
        await pilot.press("shift+end")
        assert not app.rewind.active and app.gate.refusal() == PRESENTER_MESSAGE
