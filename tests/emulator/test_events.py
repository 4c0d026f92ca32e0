"""The event log: bounded, ordered, subscribable, deterministic JSONL."""

import json

from emulator import Emulator, EventKind
from emulator.events import EventLog


def test_the_log_is_bounded_and_counts_everything_emitted():
    log = EventLog(lambda: 7, capacity=3)
    for i in range(5):
        log.emit(EventKind.BATTERY, f"e{i}")
    assert [e.reason for e in log] == ["e2", "e3", "e4"]
    assert (len(log), log.total, log.capacity) == (3, 5, 3)
    assert [e.seq for e in log.since(3)] == [4, 5]
    assert [e.seq for e in log.since(0)] == [3, 4, 5]  # older ones are gone: what the log still holds
    assert [e.seq for e in log.since(1)] == [3, 4, 5] and log.since(5) == [] and log.since(9) == []


def test_default_capacity_is_10000():
    assert Emulator().events.capacity == 10_000


def test_subscribers_hear_every_event_in_order_until_they_unsubscribe():
    log = EventLog(lambda: 0)
    heard = []
    unsubscribe = log.subscribe(heard.append)
    log.emit(EventKind.SCREEN, "a")
    unsubscribe()
    log.emit(EventKind.SCREEN, "b")
    assert [e.reason for e in heard] == ["a"]


def test_an_event_carries_time_app_subject_reason_and_data(emu, uploader):
    uploader.backgroundTaskManager.requestSuspendDelay("upload", lambda: None)
    event = emu.events.latest()
    assert json.loads(event.to_json()) == {
        "seq": 3, "time_ms": 0, "kind": "transient.requested", "app": "com.example.upload", "subject": 1,
        "reason": "granted request 1 ('upload') for 3 min: the per-request limit (DELAY_TIME_NORMAL)",
        "data": {"actual_delay_ms": 180000, "quota_ms": 600000}}
    assert event.kind.area == "transient"


def test_the_same_inputs_give_the_same_log_byte_for_byte():
    def run() -> str:
        emu = Emulator()
        app = emu.install_app("com.example.upload")
        app.backgroundTaskManager.requestSuspendDelay("upload", lambda: None)
        app.to_background()
        emu.device.battery_level = 10
        emu.advance(400_000)
        return emu.events.to_jsonl()

    assert run() == run()


def test_an_event_caused_by_a_subscriber_is_heard_after_its_cause_by_everyone():
    log = EventLog(lambda: 0)
    first_heard, second_heard = [], []

    def reacts(event):
        first_heard.append(event.seq)
        if event.reason == "cause":
            log.emit(EventKind.APP_THAWED, "effect")

    log.subscribe(reacts)
    log.subscribe(lambda e: second_heard.append(e.seq))
    log.emit(EventKind.APP_BACKGROUND, "cause")
    assert first_heard == second_heard == [1, 2]
