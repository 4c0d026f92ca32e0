import pytest

from emulator.clock import VirtualClock


def test_timers_fire_in_time_order_with_now_set_to_their_due_time():
    clock = VirtualClock()
    seen = []
    clock.call_at(300, lambda: seen.append(("c", clock.now_ms)))
    clock.call_at(100, lambda: seen.append(("a", clock.now_ms)))
    clock.call_at(200, lambda: seen.append(("b", clock.now_ms)))
    assert clock.advance(250) == 2
    assert seen == [("a", 100), ("b", 200)]
    assert clock.now_ms == 250
    clock.advance(50)
    assert seen[-1] == ("c", 300)


def test_ties_fire_in_the_order_they_were_scheduled():
    clock = VirtualClock()
    seen = []
    for name in "xyz":
        clock.call_at(10, lambda n=name: seen.append(n))
    clock.advance(10)
    assert seen == ["x", "y", "z"]


def test_cancelled_timer_never_fires_and_next_due_skips_it():
    clock = VirtualClock()
    seen = []
    t = clock.call_at(10, lambda: seen.append(1))
    clock.call_at(20, lambda: seen.append(2))
    t.cancel()
    assert clock.next_due_ms() == 20
    clock.advance(100)
    assert seen == [2]
    assert not t.pending


def test_a_timer_scheduled_by_a_callback_inside_the_window_fires_in_the_same_advance():
    clock = VirtualClock()
    seen = []
    clock.call_at(10, lambda: clock.call_later(5, lambda: seen.append(clock.now_ms)))
    clock.advance(20)
    assert seen == [15]


def test_time_never_moves_backwards():
    clock = VirtualClock()
    clock.advance(10)
    with pytest.raises(ValueError, match="forward"):
        clock.advance(-1)
    with pytest.raises(ValueError, match="before now"):
        clock.advance_to(5)


def test_step_goes_to_the_next_pending_timer():
    clock = VirtualClock()
    clock.call_at(1234, lambda: None)
    assert clock.step() == 1234
    assert clock.now_ms == 1234
    assert clock.step() is None
    assert clock.now_ms == 1234


def test_a_timer_in_the_past_fires_on_the_next_advance():
    clock = VirtualClock(start_ms=50)
    seen = []
    clock.call_at(10, lambda: seen.append(clock.now_ms))
    clock.advance(0)
    assert seen == [50]
