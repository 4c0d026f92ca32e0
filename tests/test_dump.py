"""`hidumper -s 1903` text, compared with fixtures written from the service's format (service-rules §5)."""

import io
from pathlib import Path

import pytest

from emulator import Emulator
from emulator.dump import (USAGE, ContinuousDumpRecord, EfficiencyDumpRecord, EfficiencyUnit, dump, dump_continuous,
                           dump_efficiency, dump_transient, format_continuous, format_efficiency)
from emulator.scenario import load, run_scenario
from emulator.scenario.cli import main

FIXTURES = Path(__file__).parent / "fixtures" / "dump"


def fixture(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def test_usage():
    assert dump(Emulator(), []) == dump(Emulator(), ["-h"]) == USAGE
    assert USAGE.startswith("usage: bgtask dump [<options>]\noptions list:\n")
    assert "        --resetproc {pid} {resources}         reset one application of pid by specifying \n" in USAGE


def test_unknown_first_argument():
    assert dump(Emulator(), ["-X", "All"]) == "Error params.\n"


def test_state_changing_commands_are_not_emulated():
    with pytest.raises(ValueError, match="only the read-only dumps"):
        dump(Emulator(), ["-T", "BATTARY_LOW"])


def test_transient_empty():
    assert dump_transient(Emulator()) == "No Transient Task!\n"


def test_transient_tasks_in_request_id_order():
    run = run_scenario(load(str(FIXTURES / "transient.toml")))
    assert dump(run.emu, ["-T", "All"]) == fixture("transient_all.txt")


def test_transient_through_the_cli():
    out = io.StringIO()
    assert main(["dump", "-T", "All", str(FIXTURES / "transient.toml")], out, io.StringIO()) == 0
    assert out.getvalue() == fixture("transient_all.txt")


def test_transient_remaining_and_quota_are_read_at_the_dump_time():
    out = io.StringIO()
    main(["dump", "-T", "All", str(FIXTURES / "transient.toml"), "--at", "1m30s"], out, io.StringIO())
    assert "\tActualDelayTime: 100000\n\tRemainingQuota: 520000\n" in out.getvalue()


def test_nothing_while_the_service_is_not_ready():
    emu = Emulator()
    emu.service_ready = False
    assert dump_transient(emu) == dump_continuous(emu) == dump_efficiency(emu) == ""


def test_continuous_empty_state():
    assert dump_continuous(Emulator()) == format_continuous([]) == "No running continuous task\n"


CONTINUOUS = [
    ContinuousDumpRecord(key="20010000_EntryAbility_1", bundle_name="com.example.music", ability_name="EntryAbility",
                         uid=20010000, pid=10000, bg_mode_id=2, bg_mode_ids=(1, 2),
                         notification_label="bgmode_20010000_123456_1", notification_id=0, continuous_task_id=1,
                         want_agent=("com.example.music", "EntryAbility"), is_batch_api=True),
    ContinuousDumpRecord(key="20010001_EntryAbility_2", bundle_name="com.example.old", ability_name="EntryAbility",
                         uid=20010001, pid=10001, bg_mode_id=4, bg_mode_ids=(4,),
                         notification_label="bgmode_20010001_654321_2", notification_id=1, continuous_task_id=2,
                         want_agent=None, suspend_state=True, is_new_api=False),
    ContinuousDumpRecord(key="20010002_EntryAbility_3_3", bundle_name="com.example.car", ability_name="EntryAbility",
                         uid=20010002, pid=10002, bg_mode_id=5, bg_mode_ids=(5,), bg_sub_mode_ids=(1,),
                         notification_label="bgmode_20010002_111_3_3", notification_id=2, continuous_task_id=3,
                         want_agent=("com.example.car", "EntryAbility"),
                         sub_notification=("bgmode_20010002_111_3_3_sub", 3), is_combined_task_notification=True,
                         combined_notification_task_id=3, is_by_request_object=True),
]


def test_continuous_records():
    assert format_continuous(CONTINUOUS) == fixture("continuous_all.txt")


APP_RECORD = EfficiencyDumpRecord(key=20010000, bundle_name="com.example.system", uid=20010000, pid=0,
                                  resource_number=5, units=(EfficiencyUnit(0, False, 90_000, "sync burst"),
                                                            EfficiencyUnit(2, True, 0, "alarms")))
PROC_RECORD = EfficiencyDumpRecord(key=10000, bundle_name="com.example.system", uid=20010000, pid=10000,
                                   resource_number=1, units=(EfficiencyUnit(0, True, 0, "render"),))


def test_efficiency_empty_state():
    assert dump_efficiency(Emulator()) == format_efficiency([], [], 0) == "No running efficiency resources\n"


def test_efficiency_records():
    assert format_efficiency([APP_RECORD], [PROC_RECORD], 60_000) == fixture("efficiency_all.txt")


def test_efficiency_header_quirks():
    """Each header is written with the next record: with no app record it rides on the first process
    record; with no process record, it is never written."""
    only_proc = format_efficiency([], [PROC_RECORD], 0)
    assert only_proc.startswith("app efficiency resource: \n\nprocess efficiency resource: \n\nNo.1\n")
    only_app = format_efficiency([APP_RECORD], [], 60_000)
    assert "process efficiency resource" not in only_app and only_app.startswith("app efficiency resource: \n\nNo.1")


# -- from the real managers ------------------------------------------------------------------------
def _agent(bundle):
    from emulator.kit import wantAgent
    return wantAgent.getWantAgent({"wants": [{"bundleName": bundle, "abilityName": "EntryAbility"}],
                                   "requestCode": 0}).result()


def test_continuous_dump_from_a_running_task():
    from emulator import Emulator
    from emulator.dump import dump

    emu = Emulator()
    app = emu.install_app("com.example.music", permissions=["ohos.permission.KEEP_BACKGROUND_RUNNING"],
                          background_modes=["audioPlayback", "location"])
    app.backgroundTaskManager.startBackgroundRunning(app.context, ["audioPlayback", "location"],
                                                     _agent("com.example.music")).result()
    assert dump(emu, ["-C", "--all"]) == (
        "No.1\tcontinuousTaskKey: 20010000_EntryAbility_1\n\tcontinuousTaskValue:\n"
        "\t\tbundleName: com.example.music\n\t\tabilityName: EntryAbility\n\t\tsuspendState: false\n"
        "\t\tisFromWebview: false\n\t\tisFromNewApi: true\n\t\tbackgroundMode: audioPlayback\n"
        "\t\tisBatchApi: true\n\t\tbackgroundModes: 2,4,\n\t\tbackgroundSubModes: \n\t\tuid: 20010000\n"
        "\t\tuserId: 100\n\t\tpid: 10000\n\t\tnotificationLabel: bgmode_20010000_14017879603748104831_1\n"
        "\t\tnotificationId: 0\n\t\tcontinuousTaskId: 1\n\t\twantAgentBundleName: com.example.music\n"
        "\t\twantAgentAbilityName: EntryAbility\n\t\tisCombinedTaskNotification: false\n"
        "\t\tcombinedNotificationTaskId: -1\n\t\tisByRequestObject: false\n\n")
    app.backgroundTaskManager.stopBackgroundRunning(app.context)
    assert dump(emu, ["-C", "--all"]) == "No running continuous task\n"


def test_efficiency_dump_from_app_and_process_grants():
    from emulator import Emulator
    from emulator.dump import dump

    emu = Emulator()
    app = emu.install_app("com.example.sync", system_app=True, running_resources_apply=[0])
    app.backgroundTaskManager.applyEfficiencyResources(
        {"resourceTypes": 5, "isApply": True, "timeOut": 60000, "reason": "sync", "isProcess": True})
    emu.advance(10_000)
    unit = "\t\t\tresource type: {}\n\t\t\tisPersist: false\n\t\t\tremainTime: 50000\n\t\t\treason: sync\n"
    record = ("No.1\n\tefficiencyResourceKey: {key}\n\tefficiencyResourceValue:\n\t\tbundleName: com.example.sync\n"
              "\t\tuid: 20010000\n\t\tpid: 10000\n\t\tresourceNumber: {mask}\n")
    assert dump(emu, ["-E", "--all"]) == (
        "app efficiency resource: \n\n" + record.format(key=20010000, mask=4) + unit.format("TIMER") + "\n"
        + "process efficiency resource: \n\n" + record.format(key=10000, mask=1) + unit.format("CPU") + "\n")
    app.backgroundTaskManager.resetAllEfficiencyResources()
    assert dump(emu, ["-E", "--all"]) == "No running efficiency resources\n"
