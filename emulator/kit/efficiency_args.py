"""How the native layer reads an EfficiencyResourcesRequest (research-napi §2.11, ParseParameters).

Order: resourceTypes (int32 >= 0, 9800413), isApply (required boolean, 9800414), timeOut (int32
>= 0, required even when persistent, 9800415), reason (string, 9800402, read as args.napi_string
reads every string: cut to 63 bytes), isPersist and isProcess (optional booleans, 9800416 / 9800417), then CheckValidInfo:
resourceTypes 0 (9800413) and a timed apply with timeOut 0 (9800415). Every one is a 401.

A request may be a dict with the ArkTS keys or an object with those attributes (the kit's
EfficiencyResourcesRequest). In a dict a key set to None is a present null, which fails its type
check as a present `undefined` does on a device; on an object None is the dataclass default, so
it means "not given".

cpuLevel (API 23) is read after isProcess and before CheckValidInfo (HEAD e75584cd,
efficiency_resources_operation.cpp:143-148): absent means DEFAULT (-1); a present value that is not
a non-negative number makes the call return silently, doing nothing (its error, 1870000107, is not a
parameter error, so HandleParamErr throws nothing, common.cpp:305-319); a level past LARGE_CPU (2)
becomes DEFAULT (SetCpuLevel, efficiency_resource_info.cpp:63-67).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from emulator.kit.args import MISSING, is_bool, is_number, is_string, napi_string, to_int32
from emulator.service.efficiency_model import CPU_LEVEL_DEFAULT, CPU_LEVEL_MAX, EfficiencyRequest

__all__ = ["read_property", "parse_request", "IGNORED"]

IGNORED: Any = object()  # the call returns at once, silently (negative or non-number cpuLevel)


def read_property(obj: object, name: str) -> Any:
    """napi_has_named_property + napi_get_named_property: MISSING when absent."""
    if type(obj) is dict:  # the common case, without an ABC check
        return obj.get(name, MISSING)
    # A getter that raises propagates, as a JS exception thrown by a getter does (README, exception contract).
    if isinstance(obj, Mapping):
        return obj.get(name, MISSING)
    if obj is None or isinstance(obj, (int, float, str, bytes, bool)):
        return MISSING  # a primitive has no such property (napi_object_expected)
    value = getattr(obj, name, MISSING)
    return MISSING if value is None else value


def _int32(obj: object, name: str) -> int | None:
    """GetNamedInt32Value: present, a number, and >= 0 after int32 conversion; else None."""
    value = read_property(obj, name)
    if value is MISSING or not is_number(value):
        return None
    n = to_int32(value)
    return n if n >= 0 else None


def _bool(obj: object, name: str, required: bool) -> bool | None:
    """GetNamedBoolValue: absent -> False when optional (None when required); present non-boolean -> None."""
    value = read_property(obj, name)
    if value is MISSING:
        return None if required else False
    return bool(value) if is_bool(value) else None


def parse_request(kit: Any, function: str, request: object) -> EfficiencyRequest | Any:
    """The request as the service gets it; raises the 401 the native layer throws, or returns IGNORED."""
    resource_types = _int32(request, "resourceTypes")
    if resource_types is None:
        raise kit._param(function, "ERR_RESOURCE_TYPES_INVALID")
    is_apply = _bool(request, "isApply", required=True)
    if is_apply is None:
        raise kit._param(function, "ERR_ISAPPLY_NULL_OR_TYPE_ERR")
    time_out = _int32(request, "timeOut")
    if time_out is None:
        raise kit._param(function, "ERR_TIMEOUT_INVALID")
    reason = read_property(request, "reason")
    if reason is MISSING or not is_string(reason):
        raise kit._param(function, "ERR_REASON_NULL_OR_TYPE_ERR")
    is_persist = _bool(request, "isPersist", required=False)
    if is_persist is None:
        raise kit._param(function, "ERR_ISPERSIST_NULL_OR_TYPE_ERR")
    is_process = _bool(request, "isProcess", required=False)
    if is_process is None:
        raise kit._param(function, "ERR_ISPROCESS_NULL_OR_TYPE_ERR")
    level = read_property(request, "cpuLevel")  # ParseParameters reads it last, before CheckValidInfo
    if level is MISSING:
        cpu_level = CPU_LEVEL_DEFAULT
    elif not is_number(level) or to_int32(level) < 0:
        return IGNORED
    else:  # SetCpuLevel: a level past LARGE_CPU becomes DEFAULT (efficiency_resource_info.cpp:63-67)
        cpu_level = to_int32(level) if to_int32(level) <= CPU_LEVEL_MAX else CPU_LEVEL_DEFAULT
    if resource_types == 0:  # CheckValidInfo
        raise kit._param(function, "ERR_RESOURCE_TYPES_INVALID")
    if is_apply and not is_persist and time_out == 0:
        raise kit._param(function, "ERR_TIMEOUT_INVALID")
    return EfficiencyRequest(resource_types, is_apply, time_out, napi_string(reason), is_persist, is_process,
                             cpu_level)
