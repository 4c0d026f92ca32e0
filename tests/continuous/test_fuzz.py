"""Whatever a continuous-task kit call is passed, nothing but BusinessError escapes it (DESIGN §3)."""

from hypothesis import given, settings
from hypothesis import strategies as st

from emulator import BusinessError, Emulator
from emulator.kit import backgroundTaskManager as btm
from emulator.kit.continuous_api import CONTINUOUS_FUNCTIONS

from .conftest import install, make_agent

AGENT = make_agent()
SPECIAL = ["ctx", "old_ctx", "agent", "request"]

scalars = (st.none() | st.booleans() | st.integers() | st.integers(min_value=-(10 ** 30), max_value=10 ** 30)
           | st.floats(allow_nan=True, allow_infinity=True) | st.text(max_size=30) | st.binary(max_size=8)
           | st.just(lambda *a: None) | st.just(print) | st.just(int)
           | st.sampled_from(["continuousTaskCancel", "continuousTaskSuspend", "continuousTaskActive",
                              "audioPlayback", "dataTransfer", "location", "taskKeeping", "wifiInteraction"])
           | st.sampled_from(SPECIAL))
values = st.recursive(scalars, lambda children: st.lists(children, max_size=4)
                      | st.dictionaries(st.sampled_from(["backgroundTaskModes", "backgroundTaskSubmodes", "wantAgent",
                                                         "continuousTaskId", "onContinuousTaskStart", "subMode"]),
                                        children, max_size=4), max_leaves=8)


def resolve(value, env):
    if isinstance(value, str) and value in env:
        return env[value]
    if isinstance(value, list):
        return [resolve(v, env) for v in value]
    if isinstance(value, dict):
        return {k: resolve(v, env) for k, v in value.items()}
    return value


@settings(max_examples=600, deadline=None)
@given(function=st.sampled_from(CONTINUOUS_FUNCTIONS), args=st.lists(values, max_size=5),
       kwargs=st.dictionaries(st.sampled_from(["context", "callback"]), values, max_size=1),
       alive=st.booleans(), ready=st.booleans(), system=st.booleans(), running=st.booleans())
def test_only_business_errors_escape(function, args, kwargs, alive, ready, system, running):
    emu = Emulator()
    app = install(emu, "com.example.fuzz", system_app=system,
                  permissions=("ohos.permission.KEEP_BACKGROUND_RUNNING", "ohos.permission.GET_BACKGROUND_TASK_INFO"))
    old_ctx = app.context
    if running:
        app.backgroundTaskManager.startBackgroundRunning(app.context, ["audioPlayback"], AGENT).result()
        app.backgroundTaskManager.on("continuousTaskSuspend", lambda info: None)
    if not alive:
        app.kill()
    env = {"ctx": app.context, "old_ctx": old_ctx, "agent": AGENT,
           "request": btm.ContinuousTaskRequest([2], [2], AGENT)}
    emu.service_ready = ready
    try:
        result = getattr(app.backgroundTaskManager, function)(*resolve(args, env), **resolve(kwargs, env))
        if hasattr(result, "error"):
            err = result.error()
            assert err is None or isinstance(err, BusinessError)
            if err is not None:
                assert type(err.code) is int and err.message.startswith("BussinessError ")
    except BusinessError as err:
        assert type(err.code) is int and err.message.startswith("BussinessError ")
    # the engine stays consistent whatever happened
    snap = emu.snapshot()
    assert len({t.key for t in snap.continuous_tasks}) == len(snap.continuous_tasks)
