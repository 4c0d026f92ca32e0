"""Pilot tests: app lifecycle keys and the whole transient-task lifecycle, as a user plays it."""

from __future__ import annotations

from bgtui import ops
from bgtui.app import BgtuiApp
from bgtui.clock_driver import ClockDriver
from bgtui.demo import build_demo_emulator
from bgtui.widgets.table import SnapshotTable
from emulator import EventKind

from .conftest import UPLOADER, WIDE, Recorder, select_app, shown


async def test_app_lifecycle_keys(app: BgtuiApp) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await select_app(pilot, app, UPLOADER)
        uploader = app.emu.app(UPLOADER)
        await pilot.press("b")
        assert uploader.state.value == "background"
        assert "▼ background" in shown(app, "apps")
        first_pid = uploader.pid
        await pilot.press("x")
        assert uploader.state.value == "dead" and "✕ dead" in shown(app, "apps")
        await pilot.press("f")
        assert uploader.state.value == "foreground" and uploader.pid != first_pid
        pid = uploader.pid
        await pilot.press("o")
        assert uploader.state.value == "foreground" and uploader.pid not in (first_pid, pid)


async def test_the_whole_transient_lifecycle(app: BgtuiApp) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await select_app(pilot, app, UPLOADER)
        await pilot.press("t")
        assert app.screen.query_one("#app").value == UPLOADER  # the form acts as the selected app
        await pilot.press("enter")
        (task,) = app.emu.snapshot().transient_tasks
        assert task.bundle_name == UPLOADER and task.actual_delay_ms == 180_000
        assert "paused: in foreground, screen on" in shown(app, "transient")
        await pilot.press("b")
        assert "counting: callback in 2:54.0" in shown(app, "transient")
        await pilot.press("n")  # to the "about to time out" callback, 6 s before the end
        assert app.emu.now_ms == 174_000
        text = shown(app, "transient")
        assert "0:06.0" in text and "callback fired; cancel in 0:06.0" in text
        await pilot.press("n")  # the forced cancel, and its consequence
        assert app.emu.snapshot().transient_tasks == ()
        assert app.emu.app(UPLOADER).state.value == "dead"
        log = shown(app, "log")
        assert "transient.force_cancelled" in log and "app.killed" in log
        assert "No transient tasks" in shown(app, "transient")


async def test_cancel_the_selected_transient_task(app: BgtuiApp, toasts: Recorder) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await select_app(pilot, app, UPLOADER)
        await pilot.press("t", "enter", "t", "enter")
        assert len(app.emu.snapshot().transient_tasks) == 2
        await pilot.press("2", "end")  # the transient table, its last row (task 2)
        assert app.main_screen.selection == ("transient", 2)
        await pilot.press("T")
        assert [t.request_id for t in app.emu.snapshot().transient_tasks] == [1]
        assert "request 2 cancelled" in toasts.last().message


async def test_a_refusal_is_a_toast_with_the_code_and_a_log_line(app: BgtuiApp, toasts: Recorder) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await select_app(pilot, app, UPLOADER)
        for _ in range(4):
            await pilot.press("t", "enter")
        toast = toasts.last()
        assert toast.severity == "error" and toast.title == "requestSuspendDelay: refused (9900002)"
        assert toast.message.startswith("BussinessError 9900002: ")
        assert "transient.refused" in shown(app, "log")
        assert "refused: 3 live transient tasks is the limit per app (9900002)" in shown(app, "log")


async def test_rows_keep_their_keys_and_the_cursor_follows_its_row(app: BgtuiApp) -> None:
    async with app.run_test(size=WIDE) as pilot:
        uploader = app.emu.app(UPLOADER)
        for _ in range(3):
            ops.request_transient(app.recorder, uploader, "upload")
        app.publish()
        await pilot.press("2", "end")
        table = app.main_screen.query_one("#transient", SnapshotTable)
        assert table.cursor_key == 3
        ops.cancel_transient(app.recorder, uploader, 1)
        app.publish()
        await pilot.pause()
        assert table.cursor_key == 3 and table.row_count == 2


class FakeMonotonic:
    now = 0.0

    def __call__(self) -> float:
        return self.now


async def test_countdowns_follow_the_one_tick() -> None:
    emu, mono = build_demo_emulator(), FakeMonotonic()
    app = BgtuiApp(emu, ClockDriver(emu, monotonic=mono))
    async with app.run_test(size=WIDE) as pilot:
        uploader = emu.app(UPLOADER)
        ops.request_transient(app.recorder, uploader, "upload")
        uploader.to_background()
        for seconds in (0.25, 0.5, 0.75):  # each tick reads real time × speed: 4 redraws a second
            mono.now = seconds
            app.tick()
            await pilot.pause()
            left = 180_000 - round(seconds * 1000)
            assert f"{left // 60_000}:{left % 60_000 // 1000:02d}.{left % 1000 // 100}" in shown(app, "transient")
        assert emu.now_ms == 750
        kinds = [e.kind for e in emu.events]
        assert kinds.count(EventKind.TRANSIENT_COUNTING) == 1
