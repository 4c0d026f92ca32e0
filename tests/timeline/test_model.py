"""The timeline model: lanes from events, a history that outlives the bounded log, and its labels."""

from emulator import Emulator

from bgtui.timeline.model import Timeline


def test_a_timeline_attached_late_begins_where_the_log_does_and_says_so():
    emu = Emulator(event_capacity=5)
    app = emu.install_app("com.a")
    for _ in range(4):
        app.to_background()
        app.to_foreground()
    emu.advance(1_000)
    timeline = Timeline.attach(emu)
    assert (timeline.truncated, timeline.begins_ms) == (True, 1_000)
    assert timeline.state_at(1_000).apps == {"com.a": "foreground"}
    assert timeline.state_at(999).apps == {}  # before its history: nothing is claimed
    app.to_background()
    emu.advance(500)
    assert timeline.state_at(1_200).apps == {"com.a": "background"}


def test_attached_from_the_start_it_keeps_every_interval_after_the_log_forgets():
    emu = Emulator(event_capacity=5)
    timeline = Timeline.attach(emu)
    app = emu.install_app("com.a")
    bt = app.backgroundTaskManager
    info = bt.requestSuspendDelay("r", lambda: None)
    emu.advance(1_000)
    app.to_background()
    emu.advance(1_000)
    bt.cancelSuspendDelay(info.requestId)
    for _ in range(5):
        emu.device.battery_level = 10
        emu.device.battery_level = 90
    assert not timeline.truncated and len(emu.events) == 5
    lane = next(lane for _d, lane in timeline.lanes() if lane.kind == "transient")
    assert [(s.start_ms, s.end_ms, s.state) for s in lane.spans] == [(0, 1_000, "paused"), (1_000, 2_000, "counting")]
    assert (lane.end_kind, lane.end) == ("cancelled", "cancelled by the app")
    assert timeline.device["battery"].label == "battery (low ≤ 20%)"
