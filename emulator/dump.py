"""`hidumper -s 1903 -a "<args>"`: the text the background task service writes, field for field.

The service's `Dump` joins what each manager's ShellDump returns (service-rules §5), so this
module reproduces, from the emulator's state, the read-only commands QA diffs against a device:

    -T All        BgTransientTaskMgr::DumpAllRequestId: per request, in requestId order
    -C --all      BgContinuousTaskMgr::DumpAllTaskInfo
    -C --get UID  BgContinuousTaskDumper::DumpGetTask: one uid's tasks, suspended ones included
    -E --all      BgEfficiencyResourcesMgr::DumpAllApplicationInfo
    -h / none     BackgroundTaskMgrService::DumpUsage

Only the service's own text is produced; hidumper's banner lines around it are not. While the
service is not ready each manager answers "not ready" and prints nothing. Lines are those of the
service at HEAD e75584cd (docs/sources/service-internals.md §4).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable, Sequence

from emulator.modes import JS_MODE_NAMES, RESOURCE_TYPE_NAMES

if TYPE_CHECKING:
    from emulator.emulator import Emulator

__all__ = ["dump", "dump_transient", "dump_continuous", "dump_continuous_get", "dump_efficiency",
           "format_continuous", "format_continuous_get", "format_efficiency", "ContinuousDumpRecord",
           "EfficiencyUnit", "EfficiencyDumpRecord", "USAGE", "DUMP_COMMANDS"]

USAGE = (
    "usage: bgtask dump [<options>]\n"
    "options list:\n"
    "    -h                                   help menu\n"
    "    -T                                   transient task commands:\n"
    "        BATTARY_LOW                          battary low mode\n"
    "        BATTARY_OKAY                         battary okay mode\n"
    "        DUMP_CANCEL                          cancel dump mode\n"
    "        All                                  list all request\n"
    "    -C                                   continuous task commands:\n"
    "        --all                                list all running continuous task infos\n"
    "        --cancel_all                         cancel all running continuous task\n"
    "        --cancel {continuous task key}       cancel one task by specifying task key\n"
    "    -E                                   efficiency resources commands;\n"
    "        --all                                list all efficiency resource aplications\n"
    "        --reset_all                          reset all efficiency resource aplications\n"
    "        --resetapp {uid} {resources}          reset one application of uid by specifying \n"
    "        --resetproc {pid} {resources}         reset one application of pid by specifying \n"
)

DUMP_COMMANDS = (("-T", "All"), ("-C", "--all"), ("-E", "--all"))

# g_continuousTaskModeName (continuous_task_record.cpp:25-41 at HEAD), indexed by GetBgModeNameIndex
# (bg_continuous_task_mgr.cpp:1561-1568): mode id - 1 for the new API, BGMODE_NUMS - 1 = 9 (CTM:166), i.e.
# "workout", for the old one (isNewApi_ false: the FA model's call; every NAPI start passes true).
_MODE_NAMES = JS_MODE_NAMES + ("workout", "default", "avPlaybackAndRecord", "specialScenarioProcessing",
                               "nearlink", "default")
_OLD_API_NAME_INDEX = 10 - 1
# ResourceTypeName, indexed by the type's bit position (service-rules §3.1).
_RESOURCE_NAMES = RESOURCE_TYPE_NAMES


def dump(emu: Emulator, args: Sequence[str]) -> str:
    """The text of `hidumper -s 1903 -a "<args>"` for the read-only commands (ValueError otherwise)."""
    args = list(args)
    if not args or args[0] == "-h":  # SVC:880-885: "-h" with anything after it is still the usage
        return USAGE
    if args[0] not in ("-T", "-C", "-E"):
        return "Error params.\n"  # SVC:892-895
    if not emu.service_ready:
        return ""  # each ShellDump answers ERR_BGTASK_SYS_NOT_READY before reading its arguments
    if len(args) < 2:
        return ""  # "need at least 2 params" (TTM:702-705, CTM:2631-2634, EFF:768-771): an error, no text
    manager, command = args[0], args[1]
    if manager == "-T":
        if command == "All":
            return dump_transient(emu)
        if command not in _TRANSIENT_COMMANDS:
            return "Error transient dump command!\n"  # TTM:726-728
    elif manager == "-C":
        if command == "--all":
            return dump_continuous(emu)
        if command == "--get":
            return dump_continuous_get(emu, args)
        if command not in _CONTINUOUS_COMMANDS:
            return ""  # CTM:2645-2647: "invalid dump param", ERR_OK, nothing printed
    else:
        if command == "--all":
            return dump_efficiency(emu)
        if command not in _EFFICIENCY_COMMANDS:
            return ""  # EFF:783-786: not in dumpProcMap, nothing printed
    raise ValueError("only the read-only dumps are emulated: "
                     f"{', '.join(' '.join(c) for c in DUMP_COMMANDS)}, -C --get UID")


# The sub-commands that change state or reach other services; not emulated (TTM:707-725, CTM:2635-2644, EFF:773-781).
_TRANSIENT_COMMANDS = frozenset({"BATTARY_LOW", "BATTARY_OKAY", "DUMP_CANCEL", "PAUSE", "START"})
_CONTINUOUS_COMMANDS = frozenset({"--cancel_all", "--cancel", "--inner_task"})
_EFFICIENCY_COMMANDS = frozenset({"--reset_all", "--resetapp", "--resetproc", "--setquota", "--resetquota",
                                  "--getquota"})


def _atoi(text: str) -> int:
    """C atoi as glibc does it (strtol, then the low 32 bits): leading blanks, a sign, digits; else 0."""
    digits = re.match(r"[ \t\n\v\f\r]*([+-]?\d+)", text)
    if digits is None:
        return 0
    value = max(-(1 << 63), min((1 << 63) - 1, int(digits.group(1))))
    value &= 0xFFFFFFFF
    return value - (1 << 32) if value >= 1 << 31 else value


# -- transient --------------------------------------------------------------------------------------
def dump_transient(emu: Emulator) -> str:
    """BgTransientTaskMgr::DumpAllRequestId: ActualDelayTime is the *remaining* time; the quota is updated."""
    if not emu.service_ready:
        return ""
    tm, now = emu.transient, emu.now_ms
    if not tm.requests:
        return "No Transient Task!\n"
    out = []
    for index, request_id in enumerate(sorted(tm.requests), 1):
        req = tm.requests[request_id]
        out.append(f"No.{index}\n"
                   f"\tRequestId: {request_id}\n"
                   f"\tAppName: {req.bundle}\n"
                   f"\tAppUid: {req.uid}\n"
                   f"\tAppPid: {req.pid}\n"
                   f"\tActualDelayTime: {req.remaining_at(now)}\n"
                   f"\tRemainingQuota: {tm.quota_left(req.uid)}\n"
                   "\n")
    return "".join(out)


# -- continuous -------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class ContinuousDumpRecord:
    """The fields of a ContinuousTaskRecord that DumpAllTaskInfo prints."""

    key: str  # "<uid>_<abilityName>_<abilityId>[_<continuousTaskId>]"
    bundle_name: str
    ability_name: str
    uid: int
    pid: int
    bg_mode_id: int  # the task's main mode
    bg_mode_ids: tuple[int, ...]
    notification_label: str
    notification_id: int
    continuous_task_id: int
    want_agent: tuple[str, str] | None  # (bundleName, abilityName)
    suspend_state: bool = False
    is_from_webview: bool = False
    is_new_api: bool = True
    is_batch_api: bool = False
    bg_sub_mode_ids: tuple[int, ...] = ()
    sub_notification: tuple[str, int] | None = None  # (label, id), shown for request-object tasks only
    is_combined_task_notification: bool = False
    combined_notification_task_id: int = -1
    is_by_request_object: bool = False
    ability_id: int = 0  # the UIAbility's record id; the key's third part

    @property
    def user_id(self) -> int:
        return self.uid // 200_000


def _modes(ids: Iterable[int]) -> str:
    return "".join(f"{i}," for i in ids)  # ContinuousTaskRecord::ToString: "1,2,"


def _flag(value: bool) -> str:
    return "true" if value else "false"


def format_continuous(records: Sequence[ContinuousDumpRecord]) -> str:
    if not records:
        return "No running continuous task\n"
    out = []
    for index, r in enumerate(records, 1):
        name_index = r.bg_mode_id - 1 if r.is_new_api else _OLD_API_NAME_INDEX
        # A mode id past the table would make the service read past it; the emulator has no such mode.
        mode_name = _MODE_NAMES[name_index] if 0 <= name_index < len(_MODE_NAMES) else _MODE_NAMES[-1]
        lines = [f"No.{index}\tcontinuousTaskKey: {r.key}", "\tcontinuousTaskValue:",
                 f"\t\tbundleName: {r.bundle_name}", f"\t\tabilityName: {r.ability_name}",
                 f"\t\tsuspendState: {_flag(r.suspend_state)}", f"\t\tisFromWebview: {_flag(r.is_from_webview)}",
                 f"\t\tisFromNewApi: {_flag(r.is_new_api)}", f"\t\tbackgroundMode: {mode_name}",
                 f"\t\tisBatchApi: {_flag(r.is_batch_api)}", f"\t\tbackgroundModes: {_modes(r.bg_mode_ids)}",
                 f"\t\tbackgroundSubModes: {_modes(r.bg_sub_mode_ids)}", f"\t\tuid: {r.uid}",
                 f"\t\tuserId: {r.user_id}", f"\t\tpid: {r.pid}", f"\t\tnotificationLabel: {r.notification_label}",
                 f"\t\tnotificationId: {r.notification_id}"]
        if r.sub_notification is not None and r.sub_notification[1] != -1 and r.is_by_request_object:
            lines += [f"\t\tsubNotificationLabel: {r.sub_notification[0]}",
                      f"\t\tsubNotificationId: {r.sub_notification[1]}"]
        lines.append(f"\t\tcontinuousTaskId: {r.continuous_task_id}")
        bundle, ability = r.want_agent if r.want_agent is not None else ("NULL", "NULL")
        lines += [f"\t\twantAgentBundleName: {bundle}", f"\t\twantAgentAbilityName: {ability}",
                  f"\t\tisCombinedTaskNotification: {_flag(r.is_combined_task_notification)}",
                  f"\t\tcombinedNotificationTaskId: {r.combined_notification_task_id}",
                  f"\t\tisByRequestObject: {_flag(r.is_by_request_object)}"]
        out.append("\n".join(lines) + "\n\n")
    return "".join(out)


def format_continuous_get(records: Sequence[ContinuousDumpRecord]) -> str:
    """DumpGetTask (bg_continuous_task_dumper.cpp:95-115): a ContinuousTaskInfo per task. Kept as the service
    writes it: no newline after the index, so the first field shares the "No.<n>" line."""
    if not records:
        return "No running continuous task\n"
    out = []
    for index, r in enumerate(records, 1):
        bundle, ability = r.want_agent if r.want_agent is not None else ("NULL", "NULL")
        out.append(f"No.{index}\t\tabilityName: {r.ability_name}\n\t\tisFromWebview: {_flag(r.is_from_webview)}\n"
                   f"\t\tuid: {r.uid}\n\t\tpid: {r.pid}\n\t\tnotificationId: {r.notification_id}\n"
                   f"\t\tcontinuousTaskId: {r.continuous_task_id}\n\t\tabilityId: {r.ability_id}\n"
                   f"\t\twantAgentBundleName: {bundle}\n\t\twantAgentAbilityName: {ability}\n"
                   f"\t\tbackgroundModes: {_modes(r.bg_mode_ids)}\n"
                   f"\t\tbackgroundSubModes: {_modes(r.bg_sub_mode_ids)}\n\n")
    return "".join(out)


def dump_continuous_get(emu: Emulator, args: Sequence[str]) -> str:
    """`-C --get <uid>`: exactly three arguments and a uid (atoi) not negative, else "param invaild"
    (dumper:76-84); the uid's tasks in map order, suspended ones too (GetAllContinuousTasksInner, CTM:1985-2018,
    includeSuspended defaults to true)."""
    if not emu.service_ready:
        return ""
    if len(args) != 3 or _atoi(args[2]) < 0:
        return "param invaild\n"
    uid = _atoi(args[2])
    return format_continuous_get([_continuous_record(rec) for rec in emu.continuous.tasks.values() if rec.uid == uid])


def dump_continuous(emu: Emulator) -> str:
    if not emu.service_ready:
        return ""
    return format_continuous([_continuous_record(rec) for rec in emu.continuous.tasks.values()])


def _continuous_record(rec) -> ContinuousDumpRecord:
    """A running task as DumpAllTaskInfo sees it. The emulator keeps tasks in insertion order; a device's
    map is unordered, so compare -C dumps as sets of records."""
    want = (rec.want_bundle, rec.want_ability) if rec.want_bundle is not None else None
    return ContinuousDumpRecord(
        key=rec.key, bundle_name=rec.bundle, ability_name=rec.ability_name, uid=rec.uid, pid=rec.pid,
        bg_mode_id=rec.mode_id, bg_mode_ids=tuple(rec.modes), notification_label=rec.label,
        notification_id=rec.notification_id, continuous_task_id=rec.task_id, want_agent=want,
        suspend_state=rec.suspended, is_batch_api=rec.is_batch, bg_sub_mode_ids=tuple(rec.sub_modes),
        sub_notification=(rec.sub_label, rec.sub_notification_id), is_combined_task_notification=rec.combined,
        combined_notification_task_id=rec.combined_task_id, is_by_request_object=rec.by_request,
        ability_id=rec.ability_id)


# -- efficiency -------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class EfficiencyUnit:
    type_index: int  # bit position: 0 = CPU, 1 = COMMON_EVENT, ...
    is_persist: bool
    end_ms: int  # virtual time it ends (unused when persistent)
    reason: str


@dataclass(frozen=True, slots=True)
class EfficiencyDumpRecord:
    key: int  # uid for the app map, pid for the process map
    bundle_name: str
    uid: int
    pid: int
    resource_number: int
    units: tuple[EfficiencyUnit, ...]
    cpu_level: int = -1  # EfficiencyResourcesCpuLevel::DEFAULT; printed since HEAD (EFF:905)


def format_efficiency(apps: Sequence[EfficiencyDumpRecord], procs: Sequence[EfficiencyDumpRecord], now_ms: int) -> str:
    """DumpAllApplicationInfo. Quirk kept: each header goes out with the next record printed, so the
    app header rides with the first process record when there is no app record, and the process
    header is lost when there is no process record."""
    if not apps and not procs:
        return "No running efficiency resources\n"
    out, pending = [], ""
    for header, records in (("app efficiency resource: \n", apps), ("process efficiency resource: \n", procs)):
        pending += header + "\n"
        for index, r in enumerate(records, 1):
            text = (f"No.{index}\n\tefficiencyResourceKey: {r.key}\n\tefficiencyResourceValue:\n"
                    f"\t\tbundleName: {r.bundle_name}\n\t\tuid: {r.uid}\n\t\tpid: {r.pid}\n"
                    f"\t\tresourceNumber: {r.resource_number}\n\t\tcpuLevel: {r.cpu_level}\n")
            for u in r.units:
                name = _RESOURCE_NAMES[u.type_index] if 0 <= u.type_index < len(_RESOURCE_NAMES) else ""
                text += f"\t\t\tresource type: {name}\n\t\t\tisPersist: {_flag(u.is_persist)}\n"
                if not u.is_persist:
                    text += f"\t\t\tremainTime: {u.end_ms - now_ms}\n"
                text += f"\t\t\treason: {u.reason}\n"
            out.append(pending + text + "\n")
            pending = ""
    return "".join(out)


def dump_efficiency(emu: Emulator) -> str:
    if not emu.service_ready:
        return ""
    eff = emu.efficiency
    apps = [_efficiency_record(uid, rec) for uid, rec in eff.app_records.items()]
    procs = [_efficiency_record(pid, rec) for pid, rec in eff.proc_records.items()]
    return format_efficiency(apps, procs, emu.now_ms)


def _efficiency_record(key: int, rec) -> EfficiencyDumpRecord:
    units = tuple(EfficiencyUnit(u.index, u.persist, u.end_ms, u.reason)
                  for _, u in sorted(rec.units.items()))
    return EfficiencyDumpRecord(key, rec.bundle, rec.uid, rec.pid, rec.mask, units, rec.cpu_level)
