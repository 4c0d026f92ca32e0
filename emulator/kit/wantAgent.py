"""`@ohos.app.ability.wantAgent`, as far as background tasks need it: getWantAgent and its enums.

Facts from interface_sdk-js `api/@ohos.app.ability.wantAgent.d.ts` and `api/wantAgent/wantAgentInfo.d.ts`:
`wants` and `requestCode` are required; only the first Want is used. `requestCode` and `actionType` are
read as int32, as the native layer reads every number (NaN and +/-Infinity give 0; docs/quirks.md).
"""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from emulator.errors import BusinessError
from emulator.kit.args import MISSING, call_js, get_field, is_array, is_function, is_number, is_object, to_int32
from emulator.kit.promise import Promise, settle

__all__ = ["OperationType", "WantAgentFlags", "WantAgent", "getWantAgent"]

# The SDK's documented text for getWantAgent's 401 (the ability runtime's own string was not read).
_PARAM_MESSAGE = ("Parameter error. Possible causes: 1. Mandatory parameters are left unspecified; "
                  "2. Incorrect parameter types.")


class OperationType(IntEnum):
    UNKNOWN_TYPE = 0
    START_ABILITY = 1
    START_ABILITIES = 2
    START_SERVICE = 3
    SEND_COMMON_EVENT = 4
    START_SERVICE_EXTENSION = 6


class WantAgentFlags(IntEnum):
    ONE_TIME_FLAG = 0
    NO_BUILD_FLAG = 1
    CANCEL_PRESENT_FLAG = 2
    UPDATE_PRESENT_FLAG = 3
    CONSTANT_FLAG = 4
    REPLACE_ELEMENT = 5
    REPLACE_ACTION = 6
    REPLACE_URI = 7
    REPLACE_ENTITIES = 8
    REPLACE_BUNDLE = 9


class WantAgent:
    """An opaque WantAgent: what tapping the notification starts (the first Want's bundle and ability)."""

    __slots__ = ("bundleName", "abilityName", "operationType", "requestCode", "extraInfo")

    def __init__(self, bundle_name: str, ability_name: str, operation_type: int, request_code: int,
                 extra_info: dict[str, Any]) -> None:
        self.bundleName = bundle_name
        self.abilityName = ability_name
        self.operationType = operation_type
        self.requestCode = request_code
        self.extraInfo = extra_info

    def __repr__(self) -> str:
        return f"<WantAgent {self.bundleName}/{self.abilityName}>"


def _param_error() -> BusinessError:
    return BusinessError(401, _PARAM_MESSAGE, "ERR_PARAM_INVALID")


def _build(info: Any) -> WantAgent:
    if not is_object(info):
        raise _param_error()
    wants, request_code = get_field(info, "wants"), get_field(info, "requestCode")
    if not is_array(wants) or not wants or not is_number(request_code):
        raise _param_error()
    first = wants[0]
    if not is_object(first):
        raise _param_error()
    bundle, ability = get_field(first, "bundleName"), get_field(first, "abilityName")
    op = get_field(info, "actionType")
    if op is MISSING:
        op = get_field(info, "operationType")
    extra = get_field(info, "extraInfos")
    if extra is MISSING:
        extra = get_field(info, "extraInfo")
    return WantAgent(bundle if isinstance(bundle, str) else "", ability if isinstance(ability, str) else "",
                     to_int32(op) if is_number(op) else OperationType.UNKNOWN_TYPE, to_int32(request_code),
                     dict(extra) if isinstance(extra, dict) else {})


def getWantAgent(*args: Any, **kwargs: Any) -> Promise[WantAgent] | None:
    """getWantAgent(info, callback?): callback(err, agent), or a Promise<WantAgent>."""
    if kwargs or len(args) not in (1, 2) or (len(args) == 2 and not is_function(args[1])):
        raise _param_error()
    promise = settle(lambda: _build(args[0]))
    if len(args) == 1:
        return promise
    err = promise.error()
    try:
        call_js(args[1], err, None if err else promise.result())
    except Exception:  # noqa: BLE001 - an exception in app code must not escape the kit
        pass
    return None
