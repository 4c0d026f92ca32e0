"""The efficiency manager's records (service-rules §3.4): one per uid (app map), one per pid (process map).

Mirrors ResourceApplicationRecord: a resourceNumber bitmask, a cpuLevel, and one unit per held
type {resourceIndex, isPersist, endTime, reason, timeOut}. Times here are absolute virtual ms; the
state file stores them as a device does, as CLOCK_MONOTONIC ms since boot (efficiency_restore).
"""

from __future__ import annotations

from typing import NamedTuple

from emulator.frozen import FrozenRecord, frozen_record
from emulator.modes import MAX_RESOURCE_MASK, RESOURCE_TYPE_NAMES

__all__ = ["CPU", "TIMER", "WORK_SCHEDULER", "KEEP_ON_STOP", "RESTORE_UPTIME_MS", "CPU_LEVEL_DEFAULT",
           "CPU_LEVEL_MAX", "MAX_RESOURCE_MASK", "LETS", "EfficiencyRequest", "Unit", "Record", "ResourceRow",
           "bit_indices", "type_names", "reported_type_value"]

CPU, TIMER, WORK_SCHEDULER = 1, 1 << 2, 1 << 3
KEEP_ON_STOP = WORK_SCHEDULER | TIMER  # what OnAppStopped and the early-boot restore keep
RESTORE_UPTIME_MS = 4 * 60_000  # RecoverResourceNumber: within 4 min of boot only the two above survive
CPU_LEVEL_DEFAULT = -1  # EfficiencyResourcesCpuLevel::DEFAULT (not in the ArkTS enum)
CPU_LEVEL_MAX = 2  # LARGE_CPU

# What a grant lets an app still do or receive (system API reference, ResourceType table).
LETS: tuple[str, ...] = (
    "it is not suspended at all: a CPU grant keeps it running in the background",
    "common events, even while suspended",
    "wake-ups by system timers, even while suspended",
    "a looser control policy for its deferred tasks (WorkScheduler)",
    "wake-ups by Bluetooth-related events, even while suspended",
    "wake-ups by GPS-related events, even while suspended",
    "not being suspended while it has audio playing",
    "its running locks, which are not proxied while it is suspended",
    "sensor callbacks, which are not intercepted while it is suspended",
)

_INDICES: tuple[tuple[int, ...], ...] = tuple(
    tuple(i for i in range(len(RESOURCE_TYPE_NAMES)) if mask >> i & 1) for mask in range(MAX_RESOURCE_MASK + 1))


def bit_indices(mask: int) -> tuple[int, ...]:
    """Type indices of a mask within 0..511, lowest first."""
    return _INDICES[mask & MAX_RESOURCE_MASK]


def type_names(mask: int) -> str:
    """'CPU, TIMER' for 5; 'nothing' for 0."""
    return ", ".join(RESOURCE_TYPE_NAMES[i] for i in bit_indices(mask)) or "nothing"


def reported_type_value(index: int) -> int:
    """The resourceTypes value getAllEfficiencyResources reports: 1 for index 0, else index << 1 (a device bug)."""
    return 1 if index == 0 else index << 1


@frozen_record
class EfficiencyRequest(FrozenRecord):
    """An EfficiencyResourcesRequest as the native layer hands it to the service."""
    resource_types: int
    is_apply: bool
    time_out: int
    reason: str
    is_persist: bool = False
    is_process: bool = False
    cpu_level: int = CPU_LEVEL_DEFAULT


class ResourceRow(NamedTuple):
    """One entry of getAllEfficiencyResources (EfficiencyResourcesInfo fields)."""
    resourceTypes: int
    timeout: int
    isPersistent: bool
    isForProcess: bool
    reason: str
    uid: int
    pid: int
    cpuLevel: int | None


class Unit:
    """PersistTime: one held type. end_ms is 0 for a persistent unit."""

    __slots__ = ("index", "persist", "end_ms", "reason", "time_out")

    def __init__(self, index: int, persist: bool, end_ms: int, reason: str, time_out: int) -> None:
        self.index = index
        self.persist = persist
        self.end_ms = end_ms
        self.reason = reason
        self.time_out = time_out

    def __repr__(self) -> str:
        when = "persistent" if self.persist else f"until {self.end_ms}"
        return f"Unit({RESOURCE_TYPE_NAMES[self.index]} {when} {self.reason!r})"


class Record:
    """ResourceApplicationRecord: what one uid (app map) or one pid (process map) holds."""

    __slots__ = ("uid", "pid", "bundle", "mask", "cpu_level", "units")

    def __init__(self, uid: int, pid: int, bundle: str) -> None:
        self.uid = uid
        self.pid = pid
        self.bundle = bundle
        self.mask = 0
        self.cpu_level = CPU_LEVEL_DEFAULT
        self.units: dict[int, Unit] = {}  # by type index, in the order they were first added

    def apply(self, bits: int, persist: bool, time_out: int, reason: str, now_ms: int) -> int:
        """UpdateResourcesEndtime; returns the newly held bits.

        A new type ends at now + timeOut (0 if persistent). A type already held keeps being
        persistent once it was (isPersist = old OR new), else its end is max(old, now + timeOut);
        its reason is replaced and its timeOut stays the first one (ERM:540-549 at HEAD e75584cd).
        """
        added = bits & ~self.mask
        self.mask |= bits
        end = now_ms + time_out
        units = self.units
        for i in _INDICES[bits]:
            unit = units.get(i)
            if unit is None:
                units[i] = Unit(i, persist, 0 if persist else end, reason, time_out)
            else:
                unit.reason = reason
                unit.persist = unit.persist or persist
                unit.end_ms = 0 if unit.persist else max(unit.end_ms, end)
        return added

    def remove(self, bits: int) -> int:
        """RemoveTargetResourceRecord: drop held ∧ bits; returns the bits removed."""
        erase = self.mask & bits
        if erase:
            self.mask ^= erase
            for i in _INDICES[erase]:
                del self.units[i]
            if not self.mask & CPU:
                self.cpu_level = CPU_LEVEL_DEFAULT
        return erase

    def expired(self, now_ms: int) -> int:
        """ResetTimeOutResource's eraseBit: every timed unit whose end time is not after now."""
        erase = 0
        for unit in self.units.values():
            if not unit.persist and unit.end_ms <= now_ms:
                erase |= 1 << unit.index
        return erase

    def next_end_ms(self) -> int | None:
        """The earliest end among timed units, or None when every unit is persistent."""
        ends = [u.end_ms for u in self.units.values() if not u.persist]
        return min(ends) if ends else None

    def __repr__(self) -> str:
        return f"Record(uid={self.uid} pid={self.pid} {type_names(self.mask)} {list(self.units.values())})"
