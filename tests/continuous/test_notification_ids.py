"""Two notifications with one id: after a restart that lost an unwritten task, the new service counts
notification ids from 0 again (NT:56, 201-202; CTM:404-407 at HEAD e75584cd) while the drawer keeps the
old one. A notification is its (label, id): the user swipes one of them away, and `label` says which."""

from __future__ import annotations

import pytest

from emulator.scenario import load_text, run_scenario

from .test_stateful import ContinuousMachine

ORPHAN = "bgmode_20010002_14017879603748104831_3"  # com.a's, from the service that died
LIVE = "bgmode_20010000_14017879603748104831_1"  # com.b's, from the new service


def two_zeros() -> ContinuousMachine:
    s = ContinuousMachine()
    s.service_and_storage(ready=True, storage_fails=True)
    s.start(ability="EntryAbility", bundle="com.a", modes=["audioPlayback"], numeric=False)
    s.restart(reboot=False)  # com.a's task was never written: lost; its notification 0 stays
    s.start(ability="EntryAbility", bundle="com.b", modes=["audioPlayback"], numeric=False)
    assert [(n.notification_id, n.label, n.task_ids) for n in s.emu.snapshot().notifications] == [
        (0, LIVE, (1,)), (0, ORPHAN, ())]
    return s


def test_the_label_picks_which_of_two_notifications_with_one_id_is_swiped() -> None:
    s = two_zeros()
    s.emu.user.remove_notification(0, ORPHAN)
    assert [(n.notification_id, n.label) for n in s.emu.snapshot().notifications] == [(0, LIVE)]
    assert [t.continuous_task_id for t in s.emu.snapshot().continuous_tasks] == [1]
    s.emu.user.remove_notification(0, LIVE)
    assert s.emu.snapshot().notifications == () and s.emu.snapshot().continuous_tasks == ()


def test_without_a_label_every_notification_with_the_id_goes() -> None:
    s = two_zeros()
    s.emu.user.remove_notification(0)
    assert s.emu.snapshot().notifications == () and s.emu.snapshot().continuous_tasks == ()


def test_a_label_that_no_notification_with_the_id_has_is_refused() -> None:
    s = two_zeros()
    with pytest.raises(ValueError, match=r"^no notification has id 0 and label 'bgmode_x' in the drawer$"):
        s.emu.user.remove_notification(0, "bgmode_x")
    assert len(s.emu.snapshot().notifications) == 2


MUSIC = """
[[apps]]
bundle_name = "com.example.music"
permissions = ["ohos.permission.KEEP_BACKGROUND_RUNNING"]
background_modes = ["audioPlayback"]

[[steps]]
at = "0s"
app = "com.example.music"
call = "startBackgroundRunning"
args = ["$context", ["audioPlayback"], "$wantAgent"]
expect_code = 0

[[steps]]
at = "1s"
do = "user.remove_notification"
args = [0, LABEL]
"""


def test_a_scenario_step_may_name_the_label() -> None:
    label = "bgmode_20010000_14017879603748104831_1"
    run = run_scenario(load_text(MUSIC.replace("LABEL", f'"{label}"')))
    assert run.emu.snapshot().notifications == () and run.emu.snapshot().continuous_tasks == ()
    other = run_scenario(load_text(MUSIC.replace("LABEL", '"bgmode_x"')))
    assert [(f.time_ms, f.step.line, f.got) for f in other.failures] == [  # the step fails with the engine's reason
        (1000, 14, "user.remove_notification failed: no notification has id 0 and label 'bgmode_x' in the drawer")]
    assert len(other.emu.snapshot().notifications) == 1
