"""`hidumper -s 1903` text, compared with fixtures written from the service's format (service-rules §5)."""

import io
from pathlib import Path

import pytest

from emulator import Emulator
from emulator.dump import (USAGE, ContinuousDumpRecord, EfficiencyDumpRecord, EfficiencyUnit, dump, dump_continuous,
                           dump_efficiency, dump_transient, format_continuous, format_continuous_get,
                           format_efficiency)
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


def test_help_with_more_arguments_is_still_the_usage():
    """SVC:884-885 compares only the first argument."""
    assert dump(Emulator(), ["-h", "-T", "All"]) == USAGE


@pytest.mark.parametrize("args", [["-T"], ["-C"], ["-E"]])
def test_a_manager_alone_prints_nothing(args):
    """"need at least 2 params" (TTM:702-705, CTM:2631-2634, EFF:768-771): an error code, no text."""
    assert dump(Emulator(), args) == ""


def test_unknown_sub_commands():
    emu = Emulator()
    assert dump(emu, ["-T", "all"]) == "Error transient dump command!\n"  # TTM:726-728; "All" is case-sensitive
    assert dump(emu, ["-C", "--list"]) == ""  # CTM:2645-2647
    assert dump(emu, ["-E", "--list"]) == ""  # EFF:783-786


def test_arguments_after_the_sub_command_are_ignored():
    emu = Emulator()
    assert dump(emu, ["-T", "All", "x"]) == "No Transient Task!\n"
    assert dump(emu, ["-C", "--all", "x"]) == "No running continuous task\n"
    assert dump(emu, ["-E", "--all", "x"]) == "No running efficiency resources\n"


@pytest.mark.parametrize("args", [["-T", "BATTARY_LOW"], ["-T", "PAUSE", "20010000"], ["-C", "--cancel_all"],
                                  ["-C", "--inner_task", "WORKOUT", "apply"], ["-E", "--reset_all"],
                                  ["-E", "--resetapp", "20010000", "1"], ["-E", "--getquota", "0"]])
def test_state_changing_commands_are_not_emulated(args):
    with pytest.raises(ValueError, match="only the read-only dumps"):
        dump(Emulator(), args)


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


def test_old_api_task_is_named_workout():
    """GetBgModeNameIndex (CTM:1561-1568): the old API takes index BGMODE_NUMS - 1 = 9, "workout" (REC:35)."""
    assert "\t\tisFromNewApi: false\n\t\tbackgroundMode: workout\n" in format_continuous(CONTINUOUS[1:2])


@pytest.mark.parametrize("mode, name", [(9, "taskKeeping"), (10, "workout"), (11, "default"),
                                        (12, "avPlaybackAndRecord"), (13, "specialScenarioProcessing"),
                                        (14, "nearlink"), (15, "default")])
def test_mode_names_of_the_new_api(mode, name):
    """g_continuousTaskModeName (REC:25-41) at mode id - 1."""
    record = ContinuousDumpRecord(key="20010000_EntryAbility_1", bundle_name="b", ability_name="EntryAbility",
                                  uid=20010000, pid=1, bg_mode_id=mode, bg_mode_ids=(mode,), notification_label="l",
                                  notification_id=1, continuous_task_id=1, want_agent=None)
    assert f"\t\tbackgroundMode: {name}\n" in format_continuous([record])


def test_continuous_get_format():
    """DumpGetTask (bg_continuous_task_dumper.cpp:95-115): no newline after "No.<n>"."""
    assert format_continuous_get([]) == "No running continuous task\n"
    assert format_continuous_get(CONTINUOUS[1:3]) == (
        "No.1\t\tabilityName: EntryAbility\n\t\tisFromWebview: false\n\t\tuid: 20010001\n\t\tpid: 10001\n"
        "\t\tnotificationId: 1\n\t\tcontinuousTaskId: 2\n\t\tabilityId: 0\n\t\twantAgentBundleName: NULL\n"
        "\t\twantAgentAbilityName: NULL\n\t\tbackgroundModes: 4,\n\t\tbackgroundSubModes: \n\n"
        "No.2\t\tabilityName: EntryAbility\n\t\tisFromWebview: false\n\t\tuid: 20010002\n\t\tpid: 10002\n"
        "\t\tnotificationId: 2\n\t\tcontinuousTaskId: 3\n\t\tabilityId: 0\n"
        "\t\twantAgentBundleName: com.example.car\n\t\twantAgentAbilityName: EntryAbility\n"
        "\t\tbackgroundModes: 5,\n\t\tbackgroundSubModes: 1,\n\n")


APP_RECORD = EfficiencyDumpRecord(key=20010000, bundle_name="com.example.system", uid=20010000, pid=0,
                                  resource_number=5, units=(EfficiencyUnit(0, False, 90_000, "sync burst"),
                                                            EfficiencyUnit(2, True, 0, "alarms")))
PROC_RECORD = EfficiencyDumpRecord(key=10000, bundle_name="com.example.system", uid=20010000, pid=10000,
                                   resource_number=1, units=(EfficiencyUnit(0, True, 0, "render"),), cpu_level=2)


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
              "\t\tuid: 20010000\n\t\tpid: 10000\n\t\tresourceNumber: {mask}\n\t\tcpuLevel: -1\n")
    assert dump(emu, ["-E", "--all"]) == (
        "app efficiency resource: \n\n" + record.format(key=20010000, mask=4) + unit.format("TIMER") + "\n"
        + "process efficiency resource: \n\n" + record.format(key=10000, mask=1) + unit.format("CPU") + "\n")
    app.backgroundTaskManager.resetAllEfficiencyResources()
    assert dump(emu, ["-E", "--all"]) == "No running efficiency resources\n"


def test_efficiency_dump_prints_the_records_cpu_level():
    """EFF:905: "\t\tcpuLevel: " after resourceNumber, the record's level (-1 when none was asked)."""
    emu = Emulator()
    app = emu.install_app("com.example.sync", system_app=True, running_resources_apply=[0])
    emu.efficiency.allow_cpu_level("com.example.sync", 2)
    app.backgroundTaskManager.applyEfficiencyResources(
        {"resourceTypes": 1, "isApply": True, "timeOut": 60000, "reason": "sync", "cpuLevel": 1})
    assert dump(emu, ["-E", "--all"]) == (
        "app efficiency resource: \n\nNo.1\n\tefficiencyResourceKey: 20010000\n\tefficiencyResourceValue:\n"
        "\t\tbundleName: com.example.sync\n\t\tuid: 20010000\n\t\tpid: 10000\n\t\tresourceNumber: 1\n"
        "\t\tcpuLevel: 1\n\t\t\tresource type: CPU\n\t\t\tisPersist: false\n\t\t\tremainTime: 60000\n"
        "\t\t\treason: sync\n\n")


def test_continuous_get_from_running_tasks():
    """-C --get <uid>: that uid's tasks, a suspended one included; others' tasks left out."""
    emu = Emulator()
    perms = ["ohos.permission.KEEP_BACKGROUND_RUNNING"]
    music = emu.install_app("com.example.music", permissions=perms, background_modes=["audioPlayback"])
    other = emu.install_app("com.example.other", permissions=perms, background_modes=["location"])
    music.backgroundTaskManager.on("continuousTaskSuspend", lambda info: None)  # so the system suspends, not stops
    music.backgroundTaskManager.startBackgroundRunning(music.context, 2, _agent("com.example.music")).result()
    other.backgroundTaskManager.startBackgroundRunning(other.context, 4, _agent("com.example.other")).result()
    emu.continuous.system_suspend(1)
    assert "\t\tsuspendState: true\n" in dump(emu, ["-C", "--all"])
    assert dump(emu, ["-C", "--get", "20010000"]) == (
        "No.1\t\tabilityName: EntryAbility\n\t\tisFromWebview: false\n\t\tuid: 20010000\n\t\tpid: 10000\n"
        "\t\tnotificationId: 0\n\t\tcontinuousTaskId: 1\n\t\tabilityId: 1\n"
        "\t\twantAgentBundleName: com.example.music\n\t\twantAgentAbilityName: EntryAbility\n"
        "\t\tbackgroundModes: 2,\n\t\tbackgroundSubModes: \n\n")
    assert dump(emu, ["-C", "--get", "20010005"]) == "No running continuous task\n"
    assert dump(emu, ["-C", "--get", "abc"]) == "No running continuous task\n"  # atoi("abc") is uid 0
    assert dump(emu, ["-C", "--get", " 20010000x"]) == dump(emu, ["-C", "--get", "20010000"])  # atoi's prefix
    assert dump(emu, ["-C", "--get", "-1"]) == "param invaild\n"
    assert dump(emu, ["-C", "--get"]) == dump(emu, ["-C", "--get", "1", "2"]) == "param invaild\n"
    emu.service_ready = False
    assert dump(emu, ["-C", "--get", "20010000"]) == ""
