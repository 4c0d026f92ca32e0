"""The efficiency manager's checks, in the service's order (service-rules §3.3), and the CPU-level allow-list.

CheckResourceInfo (18700001), IsCallingInfoLegal (9900001: the transient code), the system-app
check (202), CheckIfCanApplyCpuLevel (18700001) and GetExemptedResourceType (201 when nothing is
left). The optional CPU quota library (step 7) is not on the emulated device: a device without it
lets every request through that step, as the service does when dlopen finds no library.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from emulator.apps import App
from emulator.errors import BusinessError, error
from emulator.events import EventKind
from emulator.service.efficiency_model import CPU_LEVEL_MAX, MAX_RESOURCE_MASK, EfficiencyRequest

if TYPE_CHECKING:
    from emulator.events import EventLog

__all__ = ["EfficiencyChecks", "invalid_request"]


def invalid_request(req: EfficiencyRequest) -> str | None:
    """CheckResourceInfo: every failure answers the same "exceeds maximun" message."""
    mask = req.resource_types
    if mask == 0:
        return "resourceTypes 0 names no resource type (CheckResourceInfo)"
    if not 0 < mask <= MAX_RESOURCE_MASK:
        return f"resourceTypes {mask} is outside 1..{MAX_RESOURCE_MASK} (MAX_RESOURCE_MASK, CheckResourceInfo)"
    if req.is_apply and not req.is_persist and req.time_out == 0:
        return "a timed apply needs timeOut > 0 (CheckResourceInfo)"
    return None


class EfficiencyChecks:
    """Mixed into EfficiencyManager, which sets _events and _cpu_allow."""

    _events: EventLog
    _cpu_allow: dict[str, int]

    # -- knobs -----------------------------------------------------------------------------
    @property
    def cpu_level_allow_list(self) -> dict[str, int]:
        """Bundles allowed to pass a cpuLevel with CPU, and the highest level each may ask (a copy)."""
        return dict(self._cpu_allow)

    def allow_cpu_level(self, bundle_name: str, max_level: int | None) -> None:
        """Put a bundle on the CPU-level allow-list with its highest level (0..2), or take it off (None).

        On a device this is etc/backgroundtask/config.json (bundleName, appSignatures, cpuLevel);
        the emulator has no signatures, so an entry always matches its bundle.
        """
        if not isinstance(bundle_name, str) or not bundle_name:
            raise ValueError(f"bundle_name must be a non-empty string, not {bundle_name!r}")
        if max_level is None:
            self._cpu_allow.pop(bundle_name, None)
            why = f"{bundle_name} is off the CPU-level allow-list"
        else:
            if isinstance(max_level, bool) or not isinstance(max_level, int) or not 0 <= max_level <= CPU_LEVEL_MAX:
                raise ValueError(f"max_level must be an int from 0 to {CPU_LEVEL_MAX} or None, not {max_level!r}")
            self._cpu_allow[bundle_name] = max_level
            why = f"{bundle_name} may ask for a CPU grant with cpuLevel up to {max_level}"
        self._events.emit(EventKind.POLICY, f"CPU-level allow-list: {why}", bundle_name, max_cpu_level=max_level)

    # -- checks ----------------------------------------------------------------------------
    def _refuse(self, app: App, name: str, why: str, function: str) -> BusinessError:
        err = error(name)
        self._events.emit(EventKind.EFFICIENCY_REFUSED, f"refused: {why} ({err.code})", app.bundle_name,
                          function=function, code=err.code, error=name)
        return err

    def _check_identity(self, app: App, function: str, bad_pid: str) -> None:
        if app.uid < 0 or app.pid < 0:
            raise self._refuse(app, bad_pid, f"the caller has no running process (pid {app.pid}), so its pid is "
                               "invalid (IsCallingInfoLegal)", function)
        # A ServiceExtension process of any app may also pass; apps here have only a UIAbility,
        # so a non-system app always gets 202.
        if not app.system_app:
            raise self._refuse(app, "ERR_BGTASK_NOT_SYSTEM_APP", "only a system app or a ServiceExtension process "
                               "may use efficiency resources, and this app is neither", function)

    def _check_cpu_level(self, app: App, level: int, function: str) -> None:
        """CheckIfCanApplyCpuLevel (ERM:1196-1237 at HEAD e75584cd): the allow-list, then the level it allows.
        No range check: the native layer already made a level past LARGE_CPU the default."""
        allowed = self._cpu_allow.get(app.bundle_name)
        if allowed is None:
            raise self._refuse(app, "ERR_BGTASK_EFFICIENCY_RESOURCES_CPU_LEVEL_NOT_ALLOW_APPLY",
                               f"cpuLevel {level} needs the bundle on the CPU-level allow-list, and it is not",
                               function)
        if level > allowed:
            raise self._refuse(app, "ERR_BGTASK_EFFICIENCY_RESOURCES_CPU_LEVEL_TOO_LARGE",
                               f"cpuLevel {level} is above {allowed}, the highest the allow-list gives this bundle",
                               function)

    @staticmethod
    def permitted(app: App, mask: int) -> int:
        """GetExemptedResourceType: 0 in runningResourcesApply allows every type, k allows bit 1 << (k - 1)."""
        privileges = app.running_resources_apply
        if 0 in privileges:
            return mask
        allowed = 0
        for k in privileges:
            allowed |= 1 << (k - 1)
        return allowed & mask
