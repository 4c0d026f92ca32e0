"""Scenario steps the dashboard records: app.install mid-run, app.end_ability, app.clear_data, $subscriber."""

from __future__ import annotations

import pytest
from emulator.scenario import load_text, run_scenario
from emulator.scenario.model import ScenarioError

INSTALL_THEN_CALL = """
[scenario]
name = "install"
end = "10s"

[[steps]]
at = "1s"
do = "app.install"
args = ["com.new", "New", true, false, ["ohos.permission.KEEP_BACKGROUND_RUNNING",
        "ohos.permission.GET_BACKGROUND_TASK_INFO"], ["audioPlayback"], [0]]

[[steps]]
at = "2s"
app = "com.new"
call = "subscribeContinuousTaskState"
args = ["$subscriber"]
expect_code = 0

[[steps]]
at = "3s"
app = "com.new"
call = "startBackgroundRunning"
args = ["$context", ["audioPlayback"], "$wantAgent"]
expect_code = 0

[[steps]]
at = "4s"
app = "com.new"
call = "unsubscribeContinuousTaskState"
args = ["$subscriber"]
expect_code = 0

[[steps]]
at = "5s"
app = "com.new"
do = "app.end_ability"

[[steps]]
at = "6s"
app = "com.new"
do = "app.clear_data"
"""


def test_a_step_installs_an_app_that_later_steps_act_as() -> None:
    entries: list[object] = []
    run = run_scenario(load_text(INSTALL_THEN_CALL), entries.append)
    assert run.ok, [f.what for f in run.failures]
    app = run.emu.app("com.new")
    assert (app.uid, app.label, app.system_app, app.running_resources_apply) == (20010000, "New", True, (0,))
    kinds = [e.kind if isinstance(e.kind, str) else e.kind.value for e in entries]
    assert "app.installed" in kinds and "app.ability_ended" in kinds and "app.data_cleared" in kinds
    heard = [e.reason for e in entries if getattr(e, "kind", None) == "scenario.callback"]
    assert heard[0].startswith("$subscriber onContinuousTaskStart of com.new called with (")
    assert run.emu.continuous.listeners.types_for(app.uid) == ()  # the unsubscribe removed the very object


def test_an_app_is_unknown_to_the_steps_before_the_one_that_installs_it() -> None:
    head, install, subscribe, *rest = INSTALL_THEN_CALL.split("[[steps]]")
    swapped = "[[steps]]".join([head, subscribe.replace('at = "2s"', 'at = "0s"'), install, *rest])
    with pytest.raises(ScenarioError) as err:
        load_text(swapped)
    assert "unknown app 'com.new'" in err.value.message


def test_app_install_refuses_bad_lists_with_a_clear_line() -> None:
    bad = INSTALL_THEN_CALL.replace("[0]]", '["all"]]')
    with pytest.raises(ScenarioError) as err:
        load_text(bad)
    assert "running_resources_apply must be a list of whole numbers from 0 to 9" in err.value.message
