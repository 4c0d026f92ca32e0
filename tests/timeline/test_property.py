"""What the timeline says at any moment is what a fresh replay of the same session shows then."""

from emulator import BusinessError, Emulator
from emulator.scenario import load_text
from emulator.scenario.record import SessionRecorder
from emulator.scenario.runner import ScenarioRun
from hypothesis import given, settings
from hypothesis import strategies as st

from bgtui.timeline.model import Timeline
from tests.record_helpers import KEEP, agent_for
from tests.test_scenario_record import _ACTION, BUNDLES, _reacting


def snapshot_state(snap):
    return ({a.bundle_name: a.state for a in snap.apps},
            {t.request_id: "counting" if t.counting else "paused" for t in snap.transient_tasks},
            {t.continuous_task_id: "suspended" if t.suspended else "active" for t in snap.continuous_tasks},
            {(g.bundle_name, g.resource_type.bit_length() - 1, g.scope): "held" for g in snap.efficiency_grants})


def play(actions):
    """A live session on three apps, with a timeline attached from the start; its recorder."""
    emu = Emulator()
    timeline = Timeline.attach(emu)
    for name in BUNDLES:
        emu.install_app(name, permissions=[KEEP], background_modes=["audioPlayback", "dataTransfer"],
                        system_app=name == "com.sys", running_resources_apply=[0])
    rec = SessionRecorder(emu)
    for kind, *rest in actions:
        app = emu.app(rest[0]) if rest and rest[0] in BUNDLES else None
        try:
            if kind == "advance":
                emu.advance(rest[0])
            elif kind == "request":
                asked = {}
                info = rec.perform_call(app, "requestSuspendDelay", ["r", _reacting(app, rest[1], asked)],
                                        on_callback=rest[1])
                asked["id"] = info.requestId
            elif kind in ("cancel", "remaining"):
                rec.perform_call(app, "cancelSuspendDelay" if kind == "cancel" else "getRemainingDelayTime", [rest[1]])
            elif kind == "start":
                rec.perform_call(app, "startBackgroundRunning", [app.context, [rest[1]], agent_for(app)])
            elif kind == "stop":
                rec.perform_call(app, "stopBackgroundRunning", [app.context])
            elif kind in ("efficiency", "process_efficiency"):
                rec.perform_call(app, "applyEfficiencyResources", [{"resourceTypes": rest[1], "isApply": rest[2],
                                                                    "timeOut": rest[3], "reason": "e",
                                                                    "isProcess": kind == "process_efficiency"}])
            elif kind == "on":
                rec.perform_call(app, "on", ["continuousTaskCancel", lambda *a: None])
            elif kind == "do":
                rec.perform_do(rest[1], app=app)
            elif kind == "device":
                rec.perform_do(rest[0][0], rest[0][1:])
            else:
                rec.perform_do(rest[0], [rest[1], "misuse"] if rest[0] == "system.stop_continuous_task" else [rest[1]])
        except (BusinessError, ValueError):
            pass
    return emu, timeline, rec


# per-process grants too: a CPU grant of the process and one of the app are two lanes
_ACTIONS = st.one_of(_ACTION, st.tuples(st.just("process_efficiency"), st.sampled_from(BUNDLES),
                                        st.sampled_from([1, 3]), st.booleans(), st.integers(0, 60_000)))


@settings(max_examples=120, deadline=None)
@given(st.lists(_ACTIONS, max_size=30), st.lists(st.integers(0, 10**7), max_size=6))
def test_the_timeline_at_any_moment_is_the_snapshot_of_a_fresh_replay_then(actions, extra):
    emu, timeline, rec = play(actions)
    end = emu.now_ms
    moments = {e.time_ms for e in emu.events} | {e.time_ms + 1 for e in emu.events} | {t % (end + 1) for t in extra}
    replay = ScenarioRun(load_text(rec.to_toml(), "session.toml"))
    replay.start()
    for t in sorted(moments):
        if t > end:
            break
        replay.emu.advance_to(t)
        assert tuple(timeline.state_at(t)) == snapshot_state(replay.emu.snapshot()), f"at {t} ms"
