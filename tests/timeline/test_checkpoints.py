"""A checkpoint (a copy of a replay) played on to t is the world a fresh replay to t gives: same event log, same
snapshot; and the copy never touches the world it was copied from."""

from hypothesis import given, settings
from hypothesis import strategies as st

from bgtui.checkpoints import Checkpoints
from bgtui.replay import replay_session
from bgtui.session import Session
from bgtui.world_copy import copy_world
from tests.test_scenario_record import _ACTION
from tests.timeline.test_property import play


def session_of(actions) -> Session:
    emu, _timeline, rec = play(actions)
    session = Session(emu)
    session.adopt_recorder(rec)
    return session


def log(session: Session) -> list[tuple]:
    return [(e.seq, e.time_ms, str(e.kind), e.reason, e.app, e.subject, repr(e.data)) for e in session.emu.events]


def test_a_copy_lives_on_by_itself_and_ends_where_a_fresh_replay_ends() -> None:
    live = session_of([("request", "com.a", "nothing"), ("advance", 200_000), ("start", "com.a", "audioPlayback"),
                       ("advance", 400_000), ("stop", "com.a"), ("advance", 100_000)])
    half = replay_session(live, 150_000)
    before = log(half)
    twin = copy_world(half, half.sources)
    twin.emu.advance_to(700_000)
    assert log(half) == before and half.emu.now_ms == 150_000  # the original did not move
    fresh = replay_session(live, 700_000)
    assert log(twin) == log(fresh)
    assert twin.emu.snapshot() == fresh.emu.snapshot()
    assert twin.timeline.state_at(650_000) == fresh.timeline.state_at(650_000)
    half.emu.advance_to(700_000)  # and the original plays on to the same world
    assert log(half) == log(fresh)


def test_checkpoints_are_spaced_to_fit_and_go_stale_with_a_new_action() -> None:
    live = session_of([("advance", 3_600_000)])
    points = Checkpoints(live)
    assert points.spacing_ms == 120_000 and points.wanted[:2] == [120_000, 240_000] and len(points.wanted) == 29
    while points.build(1.0):
        pass
    assert points.ready and len(points) == 29
    past = points.take(400_000)
    assert past is not None and past.emu.now_ms == 360_000 and len(points) == 29 and points.ready
    past.emu.advance_to(400_000)
    again = points.take(400_000)  # a copy was handed out: the checkpoint itself did not move
    assert again is not None and again.emu.now_ms == 360_000 and again.emu is not past.emu
    assert points.take(100_000) is None  # nothing before the first: a replay from 0:00
    live.recorder.perform_do("device.screen_on", [False])
    assert not points.matches(live)


@settings(max_examples=40, deadline=None)
@given(st.lists(_ACTION, max_size=25), st.lists(st.integers(0, 10**7), min_size=1, max_size=4))
def test_a_checkpoint_played_on_to_any_moment_is_a_fresh_replay_to_it(actions, moments):
    live = session_of(actions + [("advance", 3_000_000)])
    points = Checkpoints(live)
    while points.build(5.0):
        pass
    for t in moments:
        t %= live.emu.now_ms + 1
        past = points.take(t)
        if past is None:
            continue
        past.emu.advance_to(t)
        fresh = replay_session(live, t)
        assert log(past) == log(fresh), f"at {t} ms"
        assert past.emu.snapshot() == fresh.emu.snapshot(), f"at {t} ms"
