"""A call step on a ContinuousTaskRequest method: `call = "ContinuousTaskRequest.<method>"` with `request`."""

import pytest

from emulator import Emulator
from emulator.kit import backgroundTaskManager as btm
from emulator.scenario import ScenarioError, load_text
from emulator.scenario.record import SessionRecorder
from emulator.scenario.runner import ScenarioRun

from .record_helpers import KEEP, live_log, replay

ACL = "ohos.permission.KEEP_BACKGROUND_RUNNING_SPECIAL_SCENARIO"
MEDIA = f"""
[[apps]]
bundle_name = "com.example.media"
label = "Media"
permissions = ["{KEEP}", "{ACL}"]
abilities = {{ EntryAbility = ["audioPlayback"], EditAbility = ["specialScenarioProcessing"] }}
"""
SPECIAL = ('request = { backgroundTaskModes = ["$BackgroundTaskMode.MODE_SPECIAL_SCENARIO_PROCESSING"], '
           'backgroundTaskSubmodes = ["$BackgroundTaskSubmode.SUBMODE_MEDIA_PROCESS_NORMAL_NOTIFICATION"] }')


def step(body: str, at: str = "0s") -> str:
    return f'\n[[steps]]\nat = "{at}"\napp = "com.example.media"\n{body}\n'


def test_every_method_runs_as_the_app_on_the_request_the_step_describes():
    text = (MEDIA + '[device]\nauth_dialog_answer = "always_allow"\n'
            + step(f'call = "ContinuousTaskRequest.isModeSupported"\n{SPECIAL}\nexpect_result = true')
            + step('call = "ContinuousTaskRequest.isModeSupported"\nexpect_code = 9800005')  # a fresh request
            + step(f'call = "ContinuousTaskRequest.checkSpecialScenarioAuth"\n{SPECIAL}\nargs = ["$context"]\n'
                   'expect_code = 9800005')  # never asked: rejected
            + step(f'call = "ContinuousTaskRequest.requestAuthFromUserByDialog"\n{SPECIAL}\n'
                   'args = ["$context", "$callback"]\nexpect_result = 0')
            + step(f'call = "ContinuousTaskRequest.checkSpecialScenarioAuthResult"\nargs = ["$context"]\n'
                   'save_as = "answer"\nexpect_result = "$UserAuthResult.GRANTED_ALWAYS"', at="1s")
            + step(f'call = "ContinuousTaskRequest.requestAuthFromUser"\n{SPECIAL}\nargs = ["$context", "$callback"]\n'
                   'expect_result = 0', at="2s"))
    entries = []
    run = ScenarioRun(load_text(text, "auth.toml"), entries.append)
    assert run.run(), [f.describe("auth.toml") for f in run.failures]
    calls = [e.reason for e in entries if getattr(e, "kind", None) in ("scenario.call", "scenario.callback")]
    request = "ContinuousTaskRequest {backgroundTaskModes: [13], backgroundTaskSubmodes: [9]}"
    assert calls == [
        f"{request}.isModeSupported() -> true",
        "ContinuousTaskRequest {}.isModeSupported() -> error 9800005: BussinessError 9800005: Continuous Task "
        "verification failed. The backgroundTaskModes or backgroundTaskSubmodes cannot be empty.",
        f"{request}.checkSpecialScenarioAuth(<UIAbilityContext>) -> error 9800005: BussinessError 9800005: "
        "Continuous Task verification failed. Current application not apply auth record.",
        f"{request}.requestAuthFromUserByDialog(<UIAbilityContext>, <callback>) -> 0",
        "callback of ContinuousTaskRequest.requestAuthFromUserByDialog (steps[4]) called with (4); the app does "
        "nothing",
        "ContinuousTaskRequest {}.checkSpecialScenarioAuthResult(<UIAbilityContext>) -> 4",
        f"{request}.requestAuthFromUser(<UIAbilityContext>, <callback>) -> 0",
        "callback of ContinuousTaskRequest.requestAuthFromUser (steps[6]) called with (4); the app does nothing",
    ]
    assert run.saved["answer"] == 4 and run.checked == 6


@pytest.mark.parametrize(("body", "message"), [
    ('call = "getTransientTaskInfo"\nrequest = {}',
     'steps[1].request: request is the ContinuousTaskRequest a method is called on: only for call = '
     '"ContinuousTaskRequest.<method>" (isModeSupported, requestAuthFromUser, checkSpecialScenarioAuth, '
     'requestAuthFromUserByDialog, checkSpecialScenarioAuthResult)'),
    ('call = "ContinuousTaskRequest.isModeSuported"',
     "steps[1].call: unknown method 'ContinuousTaskRequest.isModeSuported'; did you mean "
     "'ContinuousTaskRequest.isModeSupported'?"),
    ('call = "ContinuousTaskRequest.isModeSupported"\nrequest = { backgroundTaskMode = [13] }',
     "steps[1].request.backgroundTaskMode: ContinuousTaskRequest has no property 'backgroundTaskMode'; did you "
     "mean 'backgroundTaskModes'? (its properties: backgroundTaskModes, backgroundTaskSubmodes, wantAgent, "
     "combinedTaskNotification, continuousTaskId, progressInfo)"),
    ('call = "ContinuousTaskRequest.isModeSupported"\nrequest = [13]',
     "steps[1].request: must be a table of the request's properties (backgroundTaskModes"),
    ('call = "ContinuousTaskRequest.isModeSupported"\nrequest = { wantAgent = "$nothing" }',
     "steps[1].request.wantAgent: unknown reference $nothing"),
])
def test_a_wrong_request_step_is_refused_at_load_with_its_line_and_field(body, message):
    with pytest.raises(ScenarioError) as info:
        load_text(MEDIA + step(body), "bad.toml")
    assert str(info.value).startswith("bad.toml:"), str(info.value)
    assert message in str(info.value)


def test_the_recorder_writes_a_method_call_with_its_request_and_it_replays_the_same():
    emu = Emulator()
    media = emu.install_app("com.example.media", permissions=[KEEP, ACL],
                            abilities={"EntryAbility": ["audioPlayback"], "EditAbility": ["specialScenarioProcessing"]})
    rec = SessionRecorder(emu)
    req = media.backgroundTaskManager.ContinuousTaskRequest([btm.BackgroundTaskMode.MODE_SPECIAL_SCENARIO_PROCESSING],
                                                            [btm.BackgroundTaskSubmode.SUBMODE_MEDIA_PROCESS_NORMAL_NOTIFICATION])
    assert rec.perform_call(media, "ContinuousTaskRequest.isModeSupported", request=req) is True
    heard = []
    assert rec.perform_call(media, "ContinuousTaskRequest.requestAuthFromUser", [media.context, heard.append],
                            request=req) == 0
    rec.perform_do("device.auth_dialog_answer", ["allow_once"])
    emu.advance(1_000)
    assert heard == [btm.UserAuthResult.GRANTED_ONCE]
    assert rec.perform_call(media, "ContinuousTaskRequest.checkSpecialScenarioAuth", [media.context],
                            request=req).result() == btm.UserAuthResult.GRANTED_ONCE
    text = rec.to_toml()
    assert ('call = "ContinuousTaskRequest.requestAuthFromUser"\n'
            'request = { backgroundTaskModes = [13], backgroundTaskSubmodes = [9] }\n'
            'args = ["$context", "$callback"]\nexpect_code = 0\n') in text
    assert str(rec.steps[0]) == ("d1 00:00:00.000  com.example.media  call ContinuousTaskRequest.isModeSupported of "
                                 "{backgroundTaskModes: [13], backgroundTaskSubmodes: [9]}() -> ok")
    run, log = replay(text)
    assert run.ok and log == live_log(emu)


def test_the_recorder_refuses_a_request_a_replay_could_not_make():
    emu = Emulator()
    media = emu.install_app("com.example.media", permissions=[KEEP])
    other = emu.install_app("com.example.other")
    rec = SessionRecorder(emu)
    with pytest.raises(ValueError, match="^request must be a ContinuousTaskRequest"):
        rec.perform_call(media, "ContinuousTaskRequest.isModeSupported", request={"backgroundTaskModes": [2]})
    with pytest.raises(ValueError, match="^that request was made by com.example.other's module"):
        rec.perform_call(media, "ContinuousTaskRequest.isModeSupported",
                         request=other.backgroundTaskManager.ContinuousTaskRequest())
    with pytest.raises(ValueError, match="^a plain ContinuousTaskRequest has no app to run isModeSupported in"):
        rec.perform_call(media, "ContinuousTaskRequest.isModeSupported", request=btm.ContinuousTaskRequest([2], [2]))
    with pytest.raises(ValueError, match="^request= is for ContinuousTaskRequest methods"):
        rec.perform_call(media, "getTransientTaskInfo", request=btm.ContinuousTaskRequest())
    assert rec.steps == [] and [e.kind.value for e in emu.events][-1] == "app.launched"
