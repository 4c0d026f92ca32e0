"""Whatever the API 22-26.1 functions are passed, nothing but BusinessError escapes them (DESIGN §3):
updateDataTransferProgress, set/getBackgroundTaskState and the ContinuousTaskRequest methods."""

from hypothesis import given, settings
from hypothesis import strategies as st

from emulator import BusinessError, Emulator
from emulator.kit.auth_api import AUTH_FUNCTIONS, REQUEST_METHODS

from .conftest import make_agent
from .test_fuzz import resolve, scalars

AGENT = make_agent()
KEYS = ["continuousTaskId", "progressInfo", "title", "fileName", "progressValue", "isMute", "wantAgent", "userId",
        "bundleName", "appIndex", "authResult", "backgroundTaskModes", "backgroundTaskSubmodes"]
values = st.recursive(scalars | st.sampled_from(["com.example.fuzz", 13, 9, 100, -1, -2]),
                      lambda children: st.lists(children, max_size=4)
                      | st.dictionaries(st.sampled_from(KEYS), children, max_size=5), max_leaves=10)
PERMISSIONS = ("ohos.permission.KEEP_BACKGROUND_RUNNING", "ohos.permission.KEEP_BACKGROUND_RUNNING_SPECIAL_SCENARIO",
               "ohos.permission.SET_BACKGROUND_TASK_STATE")


def _check(result) -> None:
    if hasattr(result, "error"):
        err = result.error()
        assert err is None or (isinstance(err, BusinessError) and type(err.code) is int)


@settings(max_examples=500, deadline=None)
@given(function=st.sampled_from(AUTH_FUNCTIONS + REQUEST_METHODS), this=values, args=st.lists(values, max_size=4),
       alive=st.booleans(), ready=st.booleans(), system=st.booleans(), running=st.booleans(),
       answer=st.sampled_from(["allow_once", "always_allow", "deny", "no_answer"]))
def test_only_business_errors_escape(function, this, args, alive, ready, system, running, answer):
    emu = Emulator()
    emu.device.auth_dialog_answer = answer
    app = emu.install_app("com.example.fuzz", system_app=system, permissions=list(PERMISSIONS),
                          abilities={"EntryAbility": ["dataTransfer"], "EditAbility": ["specialScenarioProcessing"]})
    bt = app.backgroundTaskManager
    if running:
        bt.startBackgroundRunning(app.context, ["dataTransfer"], AGENT).result()
    old_ctx = app.context
    if not alive:
        app.kill()
    env = {"ctx": app.context, "old_ctx": old_ctx, "agent": AGENT, "request": bt.ContinuousTaskRequest([13], [9])}
    emu.service_ready = ready
    try:
        if function in AUTH_FUNCTIONS:
            _check(getattr(bt, function)(*resolve(args, env)))
        else:
            request = bt.ContinuousTaskRequest()
            for key, value in (resolve(this, env).items() if isinstance(this, dict) else ()):
                if key in ("backgroundTaskModes", "backgroundTaskSubmodes", "progressInfo", "continuousTaskId"):
                    setattr(request, key, value)
            _check(getattr(request, function)(*resolve(args, env)))
    except BusinessError as err:
        assert type(err.code) is int and err.message.startswith("BussinessError ")
    emu.service_ready = True
    emu.advance(2000)  # the fake user answers; callbacks run
    snap = emu.snapshot()
    assert all(n.task_ids or n.label.startswith("bgbanner_") for n in snap.notifications)
