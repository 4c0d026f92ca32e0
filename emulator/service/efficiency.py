"""BgEfficiencyResourcesMgr: efficiency resources, a system API (service-rules §3).

Each public method takes the calling app and raises BusinessError in the service's check order
(§3.3); every grant, release, expiry and refusal is an event whose reason names the rule. The
records (one per uid, one per pid) are in efficiency_model; the file and the restore rules are in
efficiency_restore. A device applies the change a moment after answering OK; here the handler is
synchronous, as in the service's own unit tests.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from emulator.apps import App, ProcessState
from emulator.clock import Timer
from emulator.events import EventKind
from emulator.modes import RESOURCE_TYPE_NAMES
from emulator.service.efficiency_checks import EfficiencyChecks, invalid_request
from emulator.service.efficiency_model import (
    CPU, CPU_LEVEL_DEFAULT, KEEP_ON_STOP, LETS, MAX_RESOURCE_MASK, EfficiencyRequest, Record, ResourceRow,
    reported_type_value, type_names,
)
from emulator.service.efficiency_restore import RecordStore, restore
from emulator.duration import human_ms as _s

if TYPE_CHECKING:
    from emulator.emulator import Emulator
    from emulator.snapshot import EfficiencyGrantView

__all__ = ["EfficiencyManager"]

_RELATIVE = "an app-level release also clears that uid's process-level grants (RemoveRelativeProcessRecord)"


class EfficiencyManager(EfficiencyChecks):
    def __init__(self, emu: Emulator) -> None:
        self._emu = emu
        self._clock = emu.clock
        self._events = emu.events
        self.app_records: dict[int, Record] = {}  # appResourceApplyMap_, by uid
        self.proc_records: dict[int, Record] = {}  # procResourceApplyMap_, by pid (CPU only)
        self._timers: dict[tuple[bool, int], Timer] = {}  # one expiry check per record, at its earliest end
        self._cpu_allow: dict[str, int] = {}  # the CPU-level allow-list (config.json): bundle -> max level
        self.store = RecordStore(emu)
        self.store.bind(lambda: (self.app_records, self.proc_records))

    # -- applyEfficiencyResources ----------------------------------------------------------
    def apply(self, app: App, req: EfficiencyRequest) -> None:
        fn = "applyEfficiencyResources"
        if not self._emu.service_ready:
            raise self._refuse(app, "ERR_BGTASK_SYS_NOT_READY", "the background task service is not ready", fn)
        why = invalid_request(req)
        if why is not None:
            raise self._refuse(app, "ERR_BGTASK_RESOURCES_EXCEEDS_MAX", why, fn)
        self._check_identity(app, fn, "ERR_BGTASK_INVALID_PID_OR_UID")
        mask = req.resource_types
        level = req.cpu_level if mask & CPU else CPU_LEVEL_DEFAULT
        if level != CPU_LEVEL_DEFAULT:
            self._check_cpu_level(app, level, fn)
        allowed = self.permitted(app, mask)
        if not allowed:
            raise self._refuse(app, "ERR_BGTASK_PERMISSION_DENIED", f"none of {type_names(mask)} is in the app's "
                               f"runningResourcesApply privilege list {list(app.running_resources_apply)}", fn)
        proc_bits = allowed & CPU if req.is_process else 0
        app_bits = allowed & ~proc_bits
        notes = []
        if req.is_process and app_bits:
            notes.append(f"{type_names(app_bits)} asked per process counts for the whole app: only CPU can be "
                         "held per process")
        if mask & ~allowed:
            notes.append(f"{type_names(mask & ~allowed)} dropped silently: not in the app's runningResourcesApply "
                         "privilege list")
        if req.is_apply:
            self._grant_all(app, req, proc_bits, app_bits, level, notes)
        else:
            self._release_all(app, proc_bits, app_bits, notes)
        self.store.changed()

    def _grant_all(self, app: App, req: EfficiencyRequest, proc_bits: int, app_bits: int, level: int,
                   notes: list[str]) -> None:
        now = self._clock.now_ms
        added, where = 0, []
        for is_process, key, bits in ((True, app.pid, proc_bits), (False, app.uid, app_bits)):
            if not bits:
                continue
            records = self.proc_records if is_process else self.app_records
            rec = records.get(key)
            if rec is None:
                rec = records[key] = Record(app.uid, app.pid, app.bundle_name)
            new_bits = rec.apply(bits, req.is_persist, req.time_out, req.reason, now)
            added |= new_bits
            if new_bits and (is_process or not req.is_process):
                # the record's cpuLevel is the request's only when the request adds a type (ERM:497-514); the
                # app part of a per-process request carries the app's previous level, so it keeps it (ERM:438-451)
                rec.cpu_level = level
            self.rearm(is_process, key)
            where.append(f"{type_names(bits)} for process {key}" if is_process else f"{type_names(bits)} for the app")
        how = "persistently" if req.is_persist else f"for {_s(req.time_out)}"
        merged = (proc_bits | app_bits) & ~added
        if merged:
            notes.insert(0, f"{type_names(merged)} already held: merged (a persistent grant stays persistent, "
                         "otherwise the later end time wins; the reason is replaced, the timeOut stays the first)")
        if not added and level != CPU_LEVEL_DEFAULT:
            notes.append(f"cpuLevel {level} not taken: the request adds no type, so the record keeps its level")
        self._events.emit(EventKind.EFFICIENCY_APPLIED,
                          f"granted {' and '.join(where)} {how} ({req.reason!r})" + "".join(f"; {n}" for n in notes),
                          app.bundle_name, function="applyEfficiencyResources", resource_types=req.resource_types,
                          granted=proc_bits | app_bits, added=added, persistent=req.is_persist,
                          time_out=req.time_out, process=req.is_process, cpu_level=level,
                          **self.held_masks(app.bundle_name))

    def _release_all(self, app: App, proc_bits: int, app_bits: int, notes: list[str]) -> None:
        done = []
        released = 0
        if proc_bits:
            erased = self._remove(True, app.pid, proc_bits)
            released |= erased
            if erased:
                done.append(f"{type_names(erased)} of process {app.pid}")
        if app_bits:
            erased, cleared = self._release_app(app.uid, app_bits)
            released |= erased
            if erased:
                done.append(f"{type_names(erased)} of the app")
            done.extend(f"{type_names(bits)} of process {pid} ({_RELATIVE})" for pid, bits in cleared)
        asked = proc_bits | app_bits
        if asked & ~released:
            notes.insert(0, f"{type_names(asked & ~released)} not held: nothing to release, and still OK")
        text = f"released {' and '.join(done)}" if done else "released nothing"
        self._events.emit(EventKind.EFFICIENCY_RELEASED, text + "".join(f"; {n}" for n in notes), app.bundle_name,
                          function="applyEfficiencyResources", resource_types=asked, released=released,
                          **self.held_masks(app.bundle_name))

    # -- records and their expiry ----------------------------------------------------------
    def _remove(self, is_process: bool, key: int, bits: int) -> int:
        records = self.proc_records if is_process else self.app_records
        rec = records.get(key)
        if rec is None:
            return 0
        erased = rec.remove(bits)
        if erased:
            if rec.mask == 0:
                del records[key]
            self.rearm(is_process, key)
        return erased

    def _release_app(self, uid: int, bits: int) -> tuple[int, list[tuple[int, int]]]:
        """An app-level release of `bits`, and the same bits of every process record of the uid."""
        erased = self._remove(False, uid, bits)
        cleared = []
        for pid in [p for p, r in self.proc_records.items() if r.uid == uid and r.mask & bits]:
            cleared.append((pid, self._remove(True, pid, bits)))
        return erased, cleared

    def rearm(self, is_process: bool, key: int) -> None:
        """Keep one pending expiry check per record, at its earliest timed end (or none)."""
        rec = (self.proc_records if is_process else self.app_records).get(key)
        due = rec.next_end_ms() if rec is not None else None
        tkey = (is_process, key)
        timer = self._timers.get(tkey)
        if timer is not None:
            if timer.pending and timer.due_ms == due:
                return
            timer.cancel()
        if due is None:
            self._timers.pop(tkey, None)
            return
        self._timers[tkey] = self._clock.call_at(due, lambda: self._on_timeout(is_process, key),
                                                 f"efficiency {'pid' if is_process else 'uid'} {key} expiry")

    def _on_timeout(self, is_process: bool, key: int) -> None:
        self._timers.pop((is_process, key), None)
        records = self.proc_records if is_process else self.app_records
        rec = records.get(key)
        if rec is None:
            return
        erase = rec.expired(self._clock.now_ms)
        if erase:
            what = ", ".join(f"{RESOURCE_TYPE_NAMES[u.index]} after its {_s(u.time_out)} timeOut"
                             for u in rec.units.values() if erase >> u.index & 1)
            rec.remove(erase)
            if rec.mask == 0:
                del records[key]
            scope = f"process {key}" if is_process else "the app"
            self._events.emit(EventKind.EFFICIENCY_EXPIRED, f"expired: {what}, held for {scope}; a timed grant ends "
                              "when its timeOut runs out (ResetTimeOutResource)", rec.bundle,
                              resource_types=erase, process=is_process, **self.held_masks(rec.bundle))
            self.store.changed()
        self.rearm(is_process, key)

    def drop_all_timers(self) -> None:
        for timer in self._timers.values():
            timer.cancel()
        self._timers.clear()

    # -- resetAllEfficiencyResources / getAllEfficiencyResources ---------------------------
    def reset_all(self, app: App) -> None:
        fn = "resetAllEfficiencyResources"
        if not self._emu.service_ready:
            raise self._refuse(app, "ERR_BGTASK_SYS_NOT_READY", "the background task service is not ready", fn)
        self._check_identity(app, fn, "ERR_BGTASK_INVALID_PID_OR_UID")
        allowed = self.permitted(app, MAX_RESOURCE_MASK)
        if not allowed:
            raise self._refuse(app, "ERR_BGTASK_PERMISSION_DENIED",
                               "the app's runningResourcesApply privilege list is empty", fn)
        erased, cleared = self._release_app(app.uid, allowed)
        done = [f"{type_names(erased)} of the app"] if erased else []
        done.extend(f"{type_names(bits)} of process {pid} ({_RELATIVE})" for pid, bits in cleared)
        self._events.emit(EventKind.EFFICIENCY_RESET, "reset all: " + (f"released {' and '.join(done)}" if done else
                          "nothing was held"), app.bundle_name, function=fn, released=erased,
                          **self.held_masks(app.bundle_name))
        self.store.changed()

    def held_masks(self, bundle: str) -> dict[str, int]:
        """What the app holds right after an event, per scope. Every efficiency event carries it, so that a
        reader of the log (the timeline) knows each scope's grants without replaying the rules."""
        app_mask = proc_mask = 0
        for rec in self.app_records.values():
            if rec.bundle == bundle:
                app_mask |= rec.mask
        for rec in self.proc_records.values():
            if rec.bundle == bundle:
                proc_mask |= rec.mask
        return {"held_app": app_mask, "held_process": proc_mask}

    def get_all(self, app: App) -> list[ResourceRow]:
        """One row per held type of the caller's uid, app records first, with the device's type value bug."""
        fn = "getAllEfficiencyResources"
        if not self._emu.service_ready:
            raise self._refuse(app, "ERR_BGTASK_RESOURCES_SYS_NOT_READY", "the background task service is not "
                               "ready (getAllEfficiencyResources has its own code)", fn)
        self._check_identity(app, fn, "ERR_BGTASK_RESOURCES_INVALID_PID_OR_UID")
        records = [(False, self.app_records.get(app.uid))]
        records += [(True, r) for r in self.proc_records.values() if r.uid == app.uid]
        rows = []
        for is_process, rec in records:
            if rec is None:
                continue
            level = rec.cpu_level if rec.cpu_level != CPU_LEVEL_DEFAULT else None
            rows.extend(ResourceRow(reported_type_value(u.index), u.time_out, u.persist, is_process, u.reason,
                                    app.uid, app.pid, level) for u in rec.units.values())
        return rows

    # -- what the service hears from the rest of the system -------------------------------
    def on_process_state(self, app: App, new: ProcessState) -> None:
        pass  # efficiency grants do not depend on foreground or background

    def on_process_died(self, app: App, pid: int) -> None:
        held = self.proc_records.get(pid) is not None or self.app_records.get(app.uid) is not None
        if not held:
            return
        if not self._emu.service_ready:
            self._events.emit(EventKind.EFFICIENCY_REFUSED, "not released: the app's process died while the service "
                              "was not ready, so RemoveProcessRecord and RemoveAppRecord did nothing (9800004)",
                              app.bundle_name, code=9800004, error="ERR_BGTASK_SYS_NOT_READY")
            return
        drop = MAX_RESOURCE_MASK ^ KEEP_ON_STOP
        proc_erased = self._remove(True, pid, drop)
        if proc_erased:
            self._events.emit(EventKind.EFFICIENCY_RELEASED, f"released {type_names(proc_erased)} of process {pid}: "
                              "the process died (RemoveProcessRecord)", app.bundle_name, released=proc_erased,
                              process=True, **self.held_masks(app.bundle_name))
        erased, cleared = self._release_app(app.uid, drop)
        kept = self.app_records.get(app.uid)
        if erased or cleared:
            done = [f"{type_names(erased)} of the app"] if erased else []
            done.extend(f"{type_names(bits)} of process {p}" for p, bits in cleared)
            self._events.emit(EventKind.EFFICIENCY_RELEASED,
                              f"released {' and '.join(done)}: the app stopped, which releases every type but "
                              "WORK_SCHEDULER and TIMER (OnAppStopped)"
                              + (f"; kept {type_names(kept.mask)}" if kept else ""),
                              app.bundle_name, released=erased, **self.held_masks(app.bundle_name))
        if proc_erased or erased or cleared:
            self.store.changed()

    def on_common_event(self, name: str) -> None:
        pass  # the efficiency manager subscribes to no battery or screen event

    def holds(self, app: App) -> list[str]:
        """A CPU grant keeps a background app from being suspended (device policy)."""
        out = []
        rec = self.app_records.get(app.uid)
        if rec is not None and rec.mask & CPU:
            out.append("CPU grant (app)")
        if app.pid >= 0:
            rec = self.proc_records.get(app.pid)
            if rec is not None and rec.mask & CPU:
                out.append("CPU grant (process)")
        return out

    def holds_by_uid(self) -> dict[int, list[str]]:
        """holds() of every app that holds something, in one pass (for snapshots)."""
        out = {uid: ["CPU grant (app)"] for uid, rec in self.app_records.items() if rec.mask & CPU}
        if self.proc_records:
            for app in self._emu.apps:  # a process grant counts for the app whose current process holds it
                rec = self.proc_records.get(app.pid) if app.pid >= 0 else None
                if rec is not None and rec.mask & CPU:
                    out.setdefault(app.uid, []).append("CPU grant (process)")
        return out

    def restart(self, rebooted: bool = False) -> None:
        """The service restarts (or the device rebooted): records come back from resource_record (§3.4)."""
        restore(self, self._emu, rebooted)

    def grant_views(self) -> tuple[EfficiencyGrantView, ...]:
        from emulator.snapshot import EfficiencyGrantView

        now = self._clock.now_ms
        out = []
        for scope, records in (("app", self.app_records), ("process", self.proc_records)):
            for key in sorted(records):
                rec = records[key]
                level = rec.cpu_level if rec.cpu_level != CPU_LEVEL_DEFAULT else None
                for i in sorted(rec.units):
                    u = rec.units[i]
                    out.append(EfficiencyGrantView(
                        bundle_name=rec.bundle, uid=rec.uid, pid=key if scope == "process" else None, scope=scope,
                        resource_type=1 << i, type_name=RESOURCE_TYPE_NAMES[i], persistent=u.persist,
                        remaining_ms=None if u.persist else max(0, u.end_ms - now),
                        ends_ms=None if u.persist else u.end_ms, time_out_ms=u.time_out, reason=u.reason,
                        lets=LETS[i], cpu_level=level if i == 0 else None))
        return tuple(out)
