"""The `resource_record` file: its JSON form, coalesced atomic writes, and the restore rules.

File form (DataStorageHelper / ResourceApplicationRecord::ParseToJson):
  {"appResourceRecord": {"<uid>": record}, "processResourceRecord": {"<pid>": record}}
  record = {bundleName, uid, pid, resourceNumber, cpuLevel,
            resourceUnitList: [{resourceIndex, isPersist, endTime, reason, timeOut}]}
endTime is CLOCK_MONOTONIC ms, i.e. ms since the device booted (0 for a persistent unit), as on a
device. So after a reboot a kept timed unit runs until that many ms after the new boot.

Writes are coalesced. Each write is a whole-state atomic replace (StateFile), so a crash at any
point leaves a parseable old-or-new file. A change marks the state dirty; the dirty state is
written once the clock settles after an advance, before a restart or reboot reads the file, and
before storage is made to fail (so the file holds exactly what a device's file would hold: the
state after the last change made while storage worked). A change made while storage fails tries
its write at once, which fails as on a device. See flush().

Restore (HandlePersistenceData, service-rules §3.4): app records are kept only if the uid still
runs, except those holding WORK_SCHEDULER or TIMER; process records only if the pid is alive;
within 4 min of boot app records keep only WORK_SCHEDULER and TIMER (RecoverResourceNumber);
timed units are re-armed with max(0, endTime - now), so those already past their end expire now.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from emulator.errors import BusinessError
from emulator.events import EventKind
from emulator.modes import MAX_RESOURCE_MASK, RESOURCE_TYPE_NAMES
from emulator.service.efficiency_model import (
    CPU_LEVEL_DEFAULT, KEEP_ON_STOP, RESTORE_UPTIME_MS, Record, Unit, type_names,
)
from emulator.service.persistence import StateFile
from emulator.duration import human_ms as _s

if TYPE_CHECKING:
    from emulator.emulator import Emulator
    from emulator.service.efficiency import EfficiencyManager

__all__ = ["RecordStore", "FILE_NAME", "dump_records", "load_records", "restore"]

FILE_NAME = "resource_record"
APP_KEY, PROC_KEY = "appResourceRecord", "processResourceRecord"


def _dump_record(rec: Record, boot_ms: int) -> dict[str, Any]:
    return {
        "bundleName": rec.bundle, "uid": rec.uid, "pid": rec.pid, "resourceNumber": rec.mask,
        "cpuLevel": rec.cpu_level,
        "resourceUnitList": [{"resourceIndex": u.index, "isPersist": u.persist,
                              "endTime": 0 if u.persist else u.end_ms - boot_ms,
                              "reason": u.reason, "timeOut": u.time_out} for u in rec.units.values()],
    }


def dump_records(apps: dict[int, Record], procs: dict[int, Record], boot_ms: int) -> dict[str, Any]:
    return {APP_KEY: {str(k): _dump_record(r, boot_ms) for k, r in apps.items()},
            PROC_KEY: {str(k): _dump_record(r, boot_ms) for k, r in procs.items()}}


def _int(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"not an int: {value!r}")
    return value


def _load_record(value: Any, boot_ms: int) -> Record:
    rec = Record(_int(value["uid"]), _int(value["pid"]), str(value["bundleName"]))
    rec.cpu_level = _int(value.get("cpuLevel", CPU_LEVEL_DEFAULT))
    for item in value.get("resourceUnitList", []):
        index = _int(item["resourceIndex"])
        if not 0 <= index < MAX_RESOURCE_MASK.bit_length():
            raise ValueError(f"resourceIndex {index} out of range")
        persist = bool(item["isPersist"])
        end = 0 if persist else _int(item["endTime"]) + boot_ms
        rec.units[index] = Unit(index, persist, end, str(item.get("reason", "")), _int(item.get("timeOut", 0)))
        rec.mask |= 1 << index
    if rec.mask == 0:
        raise ValueError("a record with no unit")
    return rec


def load_records(data: Any, boot_ms: int) -> tuple[dict[int, Record], dict[int, Record], int]:
    """(app records, process records, how many entries could not be read) from the file's JSON."""
    maps: list[dict[int, Record]] = [{}, {}]
    bad = 0
    if not isinstance(data, dict):
        return maps[0], maps[1], 0 if data is None else 1
    for out, key in zip(maps, (APP_KEY, PROC_KEY)):
        section = data.get(key)
        if not isinstance(section, dict):
            continue
        for k, value in section.items():
            try:
                out[int(k)] = _load_record(value, boot_ms)
            except (KeyError, TypeError, ValueError, AttributeError):
                bad += 1  # ParseFromJson fails on it: the entry is skipped
    return maps[0], maps[1], bad


class RecordStore:
    """The resource_record file: whole-state atomic writes, coalesced by StateFile."""

    def __init__(self, emu: Emulator) -> None:
        self._emu = emu
        self._state: Any = None  # () -> (apps, procs), set by the manager
        self.file = StateFile(emu, FILE_NAME, self._serialize)

    def bind(self, state: Any) -> None:
        self._state = state

    def _serialize(self) -> str:
        apps, procs = self._state()
        return json.dumps(dump_records(apps, procs, self._emu.device.boot_ms), ensure_ascii=False,
                          sort_keys=True, separators=(",", ":"))

    @property
    def dirty(self) -> bool:
        return self.file.dirty

    @property
    def writes(self) -> int:
        return self.file.writes

    def changed(self) -> None:
        """RefreshResourceRecord: its result is ignored by the service, so a failed write is only logged."""
        try:
            self.file.changed()
        except BusinessError:
            pass

    def flush(self) -> None:
        self.file.flush()

    def load(self) -> tuple[dict[int, Record], dict[int, Record], int, str]:
        """(apps, procs, unreadable entries, note) as the file holds them, times in this boot's virtual ms."""
        try:
            data = self.file.load()
        except (ValueError, OSError) as exc:
            return {}, {}, 1, f"{FILE_NAME} could not be parsed ({type(exc).__name__}); starting empty"
        if data is None:
            return {}, {}, 0, f"no {FILE_NAME} file"
        apps, procs, bad = load_records(data, self._emu.device.boot_ms)
        return apps, procs, bad, f"{bad} unreadable entr{'y' if bad == 1 else 'ies'} skipped" if bad else ""


def _describe(rec: Record, now_ms: int) -> str:
    return ", ".join(f"{RESOURCE_TYPE_NAMES[u.index]} ({'persistent' if u.persist else _s(max(0, u.end_ms - now_ms)) + ' left'})"
                     for u in rec.units.values())


def restore(mgr: EfficiencyManager, emu: Emulator, rebooted: bool) -> None:
    """HandlePersistenceData: read the file back and keep what the rules keep, then re-arm expiries."""
    before = {r.uid for r in mgr.app_records.values()} | {r.uid for r in mgr.proc_records.values()}
    mgr.store.flush()  # a restart reads the latest state
    mgr.drop_all_timers()
    mgr.app_records.clear()
    mgr.proc_records.clear()
    apps, procs, bad, note = mgr.store.load()
    now = emu.now_ms
    uptime = now - emu.device.boot_ms
    running = {a.uid for a in emu.apps if a.alive}
    live_pids = {a.pid for a in emu.apps if a.alive}
    later: list[tuple[EventKind, str, str, int, bool]] = []  # emitted once the maps hold the result
    dropped = 0
    for uid, rec in list(apps.items()):  # CheckPersistenceData
        if uid not in running and not rec.mask & KEEP_ON_STOP:
            del apps[uid]
            dropped += 1
            later.append((EventKind.EFFICIENCY_RELEASED, f"dropped {type_names(rec.mask)} of the app on restore: it is "
                          "not running, and only a record holding WORK_SCHEDULER or TIMER outlives its app "
                          "(CheckPersistenceData)", rec.bundle, rec.mask, False))
    for pid, rec in list(procs.items()):
        if pid not in live_pids:
            del procs[pid]
            dropped += 1
            later.append((EventKind.EFFICIENCY_RELEASED, f"dropped {type_names(rec.mask)} of process {pid} on "
                          "restore: that process is gone (CheckPersistenceData)", rec.bundle, rec.mask, True))
    if uptime <= RESTORE_UPTIME_MS:  # RecoverResourceNumber
        for uid, rec in list(apps.items()):
            erased = rec.remove(rec.mask & ~KEEP_ON_STOP)
            if erased:
                later.append((EventKind.EFFICIENCY_RELEASED, f"dropped {type_names(erased)} of the app on restore: "
                              f"uptime is {_s(uptime)}, and within 4 min of boot only WORK_SCHEDULER and TIMER are "
                              "restored (RecoverResourceNumber)", rec.bundle, erased, False))
            if rec.mask == 0:
                del apps[uid]
                dropped += 1
    for is_process, records in ((False, apps), (True, procs)):  # RecoverDelayedTask: max(0, endTime - now)
        for key, rec in list(records.items()):
            erased = rec.expired(now)
            if erased:
                rec.remove(erased)
                later.append((EventKind.EFFICIENCY_EXPIRED, f"expired on restore: {type_names(erased)} of "
                              f"{'process ' + str(key) if is_process else 'the app'} passed its end time while the "
                              "service was down (ResetTimeOutResource)", rec.bundle, erased, is_process))
            if rec.mask == 0:
                del records[key]
                dropped += 1
            else:
                later.append((EventKind.EFFICIENCY_RESTORED, f"restored {_describe(rec, now)} of "
                              f"{'process ' + str(key) if is_process else 'the app'} from {FILE_NAME}",
                              rec.bundle, rec.mask, is_process))
    mgr.app_records.update(apps)
    mgr.proc_records.update(procs)
    for key in apps:
        mgr.rearm(False, key)
    for key in procs:
        mgr.rearm(True, key)
    events = emu.events
    events.emit(EventKind.EFFICIENCY_RESTORED,
                f"efficiency grants read back from {FILE_NAME} after {'a reboot' if rebooted else 'a service restart'}"
                f" at uptime {_s(uptime)}: {len(apps)} app and {len(procs)} process record(s) kept, {dropped} dropped"
                + (f"; {note}" if note else ""), app_records=len(apps), process_records=len(procs), dropped=dropped)
    for kind, reason, bundle, bits, is_process in later:
        events.emit(kind, reason, bundle, resource_types=bits, process=is_process, **mgr.held_masks(bundle))
    mgr.store.changed()  # RefreshResourceRecord at the end of HandlePersistenceData
    for uid in before | set(apps) | {r.uid for r in procs.values()}:
        app = emu.app_by_uid(uid)
        if app is not None:
            emu.policy.refresh(app)
