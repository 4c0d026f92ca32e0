"""A playing scenario's own entries (calls, actions, callbacks, checks) in the dashboard's event log."""

from __future__ import annotations

from pathlib import Path

from emulator import Emulator
from emulator.events import EventKind
from emulator.scenario.runner import TraceEntry

from bgtui.scenario_trace import ScenarioLine, ScenarioTrace
from bgtui.widgets.event_log import EventLog, merged

from .conftest import WIDE
from .live_files import UPLOAD, live_app, write_scenario


def rows(app) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    """(kind, reason) of every row the log shows, top to bottom."""
    log = app.main_screen.query_one(EventLog)
    out = []
    for key in log._keys:
        view = log.view(key)
        out.append((view.kind if isinstance(view, ScenarioLine) else view.kind.value, view.reason))
    return out


def line(n: int, after_seq: int) -> ScenarioLine:
    return ScenarioLine(n, after_seq, 0, "scenario.do", f"line {n}", None, None, None)


def test_scenario_entries_follow_the_engine_event_they_came_after() -> None:
    emu = Emulator()
    for i in range(3):
        emu.events.emit(EventKind.BATTERY, f"event {i + 1}")
    events = emu.events.since(0)
    order = merged(events, [line(0, 0), line(1, 2), line(2, 2), line(3, 3)])
    assert [getattr(e, "seq", None) or e.reason for e in order] == [
        "line 0", 1, 2, "line 1", "line 2", 3, "line 3"]
    assert merged(events, []) == events


def test_the_trace_keeps_the_last_entries_as_the_engine_log_does() -> None:
    emu = Emulator(event_capacity=3)
    trace = ScenarioTrace(None, emu)
    for i in range(5):
        emu.events.emit(EventKind.BATTERY, "an engine event: not kept here")
        trace.hear(emu.events.latest())
        trace.hear(TraceEntry(i, "scenario.do", f"do {i}"))
    assert trace.total == 5
    assert [(x.reason, x.after_seq) for x in trace.since(0)] == [("do 2", 3), ("do 3", 4), ("do 4", 5)]
    assert [x.n for x in trace.since(4)] == [4]
    assert trace.line(1) is None and trace.line(3).reason == "do 3"  # type: ignore[union-attr]


async def test_the_log_shows_the_steps_where_they_happened(tmp_path: Path) -> None:
    app = live_app(write_scenario(tmp_path))
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("n", "n", "n")  # 0 s: the call; 2 s: to the background; 10 s: the check
        shown = rows(app)
        call = shown.index(("scenario.call", 'requestSuspendDelay("upload", <callback>) -> '
                            "{requestId: 1, actualDelayTime: 180000}"))
        assert shown[call - 1][0] == "transient.requested"  # after what the call did
        do = shown.index(("scenario.do", "app.background()"))
        assert shown[do - 1][0] != "app.background" and shown[do + 1][0] == "app.background"
        assert shown[-1] == ("scenario.expect", f"ok: state of {UPLOAD}: background")
        log = app.main_screen.query_one(EventLog)
        cells = log.cells(log.view(log._keys[-1]))
        assert cells["kind"] == [("scenario.expect", "scenario-ok")] and cells["subject"] == [("line 25", "dim")]  # its [[steps]] table


async def test_a_failed_check_reads_as_a_refusal_and_has_details(tmp_path: Path) -> None:
    app = live_app(write_scenario(tmp_path, expect_state="suspended"))
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("n", "n", "n", "6")  # to the failed check, then focus the log
        log = app.main_screen.query_one(EventLog)
        failed = log.view(log.cursor_key)
        assert isinstance(failed, ScenarioLine) and failed.is_refusal
        assert failed.reason == f"FAILED: state of {UPLOAD}: expected suspended, got background"
        assert log.cells(failed)["kind"] == [("scenario.expect", "refused")]
        details = app.main_screen.query_one("DetailsPane").details
        assert details.title == "Scenario expect"
        assert ("step", f"steps[3], {tmp_path / 'live.toml'}:25") in details.fields
        assert details.why == [failed.reason]
        assert app.main_screen.query_one("ClockBar").acting_as == "Uploader"


async def test_the_filter_and_freeze_treat_scenario_entries_as_rows(tmp_path: Path) -> None:
    app = live_app(write_scenario(tmp_path))
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("n")
        log = app.main_screen.query_one(EventLog)
        log.query = "kind:scenario"
        assert [kind for kind, _ in rows(app)] == ["scenario.call"]
        log.query = "!kind:scenario"
        assert "scenario.call" not in {kind for kind, _ in rows(app)}
        log.query = ""
        log.frozen = True
        await pilot.press("n")  # 2 s: the action and what it made the engine do are held
        assert log.held == 3 and ("scenario.do", "app.background()") not in rows(app)
        log.frozen = False
        assert [kind for kind, _ in rows(app)[-3:]] == ["scenario.do", "app.background", "transient.counting"]
