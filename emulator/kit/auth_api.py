"""The API 22-26.1 functions of the kit: updateDataTransferProgress, set/getBackgroundTaskState (system), and
the ContinuousTaskRequest methods isModeSupported, requestAuthFromUser(ByDialog), checkSpecialScenarioAuth(Result).

Argument checks at HEAD e75584cd: bg_continuous_task_napi_module.cpp (UpdateDataTransferProgress 1924-1956,
IsModeSupported 1478-1560, CheckSpecialScenarioUserAuth 1605-1660, Set/GetBackgroundTaskState 1662-1748),
request_auth_from_user.cpp (RequestAuth 172-330), common.cpp (GetBackgroundTaskStateParam 881-915).
Everything synchronous throws; the check forms return a promise that the service's answer settles.
"""

from __future__ import annotations

from typing import Any

from emulator.apps import UIAbilityContext
from emulator.events import EventKind
from emulator.kit.args import MISSING, get_field, is_function, is_number, is_object, napi_string, to_int32
from emulator.kit.base import KitBase
from emulator.kit.continuous_args import MODE_SPECIAL, SUBMODE_MODE, _number_list, read_context
from emulator.kit.enums import UserAuthResult
from emulator.kit.progress_args import read_data_transfer_progress
from emulator.kit.promise import Promise

__all__ = ["AuthApi", "AUTH_FUNCTIONS"]

AUTH_FUNCTIONS: tuple[str, ...] = ("updateDataTransferProgress", "setBackgroundTaskState", "getBackgroundTaskState")
REQUEST_METHODS = ("isModeSupported", "requestAuthFromUser", "requestAuthFromUserByDialog",
                   "checkSpecialScenarioAuth", "checkSpecialScenarioAuthResult")
USER_AUTH_END = 5  # UserAuthResult::END


def _has(obj: Any, name: str) -> bool:
    """napi_has_named_property on `this` (a dict's key, an object's attribute)."""
    return name in obj if isinstance(obj, dict) else get_field(obj, name) is not MISSING


def _int_property(obj: Any, name: str) -> int:
    """Common::GetIntProperty: a number read as int32, anything else -1."""
    value = get_field(obj, name)
    return to_int32(value) if value is not MISSING and is_number(value) else -1


class AuthApi(KitBase):
    # -- updateDataTransferProgress(context, progress): void -------------------------------------------
    def updateDataTransferProgress(self, *args: Any, **kwargs: Any) -> None:
        fn = "updateDataTransferProgress"
        argv = self._argv(fn, args, kwargs)
        if len(argv) != 2:
            raise self._param(fn, "ERR_PARAM_NUMBER_ERR")
        ctx = read_context(argv[0])
        if isinstance(ctx, str):
            raise self._param(fn, ctx)
        read = read_data_transfer_progress(argv[1])
        if isinstance(read, str):
            raise self._param(fn, read)
        self._service(fn, lambda: self._emu.continuous.update_progress(self._app, read.task_id, read.progress,
                                                                       read.want_agent))
        return None

    # -- setBackgroundTaskState(stateInfo): void / getBackgroundTaskState(stateInfo): UserAuthResult ----------
    def _state_info(self, fn: str, argv: tuple[Any, ...], with_result: bool) -> tuple[int, str, int, int]:
        if len(argv) != 1 or not is_object(argv[0]):  # a non-object is "the number of arguments" too
            raise self._param(fn, "ERR_PARAM_NUMBER_ERR")
        info = argv[0]
        user_id, app_index = _int_property(info, "userId"), _int_property(info, "appIndex")
        raw_bundle = get_field(info, "bundleName")
        bundle = napi_string(raw_bundle) if isinstance(raw_bundle, str) else ""
        result = _int_property(info, "authResult") if with_result else 0
        if user_id == -1 or app_index == -1 or not bundle or not 0 <= result < USER_AUTH_END:
            raise self._param(fn, "ERR_BGTASK_CONTINUOUS_BACKGROUND_TASK_PARAM_INVALID")
        return user_id, bundle, app_index, result

    def setBackgroundTaskState(self, *args: Any, **kwargs: Any) -> None:
        fn = "setBackgroundTaskState"
        user_id, bundle, app_index, result = self._state_info(fn, self._argv(fn, args, kwargs), True)
        self._service(fn, lambda: self._emu.continuous.auth.set_state(self._app, user_id, bundle, app_index, result))
        return None

    def getBackgroundTaskState(self, *args: Any, **kwargs: Any) -> UserAuthResult:
        fn = "getBackgroundTaskState"
        user_id, bundle, app_index, _ = self._state_info(fn, self._argv(fn, args, kwargs), False)
        return UserAuthResult(self._service(fn, lambda: self._emu.continuous.auth.get_state(
            self._app, user_id, bundle, app_index)))

    # -- ContinuousTaskRequest methods (called with the request as `this`) ---------------------------------
    def _is_mode_supported(self, this: Any) -> bool | None:
        fn = "isModeSupported"
        modes = _number_list(get_field(this, "backgroundTaskModes")) if _has(this, "backgroundTaskModes") else None
        if modes is None:
            return None  # the native layer returns null without an error
        if not modes:
            raise self._param(fn, "ERR_BGTASK_CONTINUOUS_MODE_OR_SUBMODE_IS_EMPTY")
        special = modes.count(MODE_SPECIAL)
        if special > 1:
            raise self._param(fn, "ERR_BGTASK_SPECIAL_SCENARIO_PROCESSING_ONLY_ALLOW_ONE_APPLICATION")
        if special == 1 and len(modes) > 1:
            raise self._param(fn, "ERR_BGTASK_SPECIAL_SCENARIO_PROCESSING_CONFLICTS_WITH_OTHER_TASK")
        return self._service(fn, lambda: self._emu.continuous.auth.is_mode_supported(self._app, modes))

    def _read_special_request(self, fn: str, this: Any) -> tuple[list[int], list[int]]:
        """CheckRequestAuthFromUserParam + CheckReqestParam (request_auth_from_user.cpp:172-243)."""
        if not _has(this, "backgroundTaskModes") or not _has(this, "backgroundTaskSubmodes"):
            raise self._param(fn, "ERR_BGTASK_CONTINUOUS_REQUEST_NULL_OR_TYPE")
        modes = _number_list(get_field(this, "backgroundTaskModes"))
        submodes = _number_list(get_field(this, "backgroundTaskSubmodes"))
        if modes is None or submodes is None:
            raise self._param(fn, "ERR_BGTASK_CONTINUOUS_REQUEST_NULL_OR_TYPE")
        if not modes or not submodes:
            raise self._param(fn, "ERR_BGTASK_CONTINUOUS_MODE_OR_SUBMODE_IS_EMPTY")
        special = modes.count(MODE_SPECIAL)
        if special == 0:
            raise self._param(fn, "ERR_BGTASK_SPECIAL_SCENARIO_PROCESSING_EMPTY")
        if special > 1:
            raise self._param(fn, "ERR_BGTASK_SPECIAL_SCENARIO_PROCESSING_ONLY_ALLOW_ONE_APPLICATION")
        if len(modes) > 1:
            raise self._param(fn, "ERR_BGTASK_SPECIAL_SCENARIO_PROCESSING_CONFLICTS_WITH_OTHER_TASK")
        if any(SUBMODE_MODE.get(sub) != MODE_SPECIAL for sub in submodes):
            raise self._param(fn, "ERR_BGTASK_CONTINUOUS_MODE_OR_SUBMODE_TYPE_MISMATCH")
        return modes, submodes

    def _request_auth(self, this: Any, args: tuple[Any, ...], kwargs: dict[str, Any], version: int) -> int | None:
        fn = "requestAuthFromUser" if version == 22 else "requestAuthFromUserByDialog"
        self._read_special_request(fn, this)
        argv = self._argv(fn, args, kwargs)
        if len(argv) != 2:
            raise self._param(fn, "ERR_PARAM_NUMBER_ERR")
        ctx = read_context(argv[0])
        if isinstance(ctx, str) or getattr(ctx, "abilityInfo", None) is None:
            raise self._param(fn, "ERR_CONTEXT_NULL_OR_TYPE_ERR")
        callback = argv[1]
        if not is_function(callback):
            self._crash(fn)
            return None
        self._service(fn, lambda: self._emu.continuous.auth.request(self._app, callback, version))
        return 0

    def _crash(self, fn: str) -> None:
        """GetExpiredCallback leaves the callback null for a non-function without an error, and SendRequest then
        dereferences it (request_auth_from_user.cpp:156-163, 269-270): the app's process dies (docs/quirks.md)."""
        self._emu.events.emit(EventKind.CALL_REFUSED, f"{fn} with a callback that is not a function: the native "
                              "layer dereferences a null callback and the app's process crashes", self._app.bundle_name,
                              function=fn, code=None)
        self._app.kill(f"crashed in {fn}: a null callback was dereferenced (the callback was not a function)")

    def _check_auth(self, args: tuple[Any, ...], kwargs: dict[str, Any], version: int) -> Promise[UserAuthResult]:
        fn = "checkSpecialScenarioAuth" if version == 22 else "checkSpecialScenarioAuthResult"
        argv = self._argv(fn, args, kwargs)
        if len(argv) != 1:
            raise self._param(fn, "ERR_PARAM_NUMBER_ERR")
        ctx = read_context(argv[0])
        if isinstance(ctx, str):
            raise self._param(fn, ctx)
        if getattr(ctx, "abilityInfo", None) is None:
            raise self._param(fn, "ERR_ABILITY_INFO_EMPTY")
        promise = self._async(fn, lambda: UserAuthResult(self._emu.continuous.auth.check(self._app, version)))
        assert promise is not None
        return promise


def request_method(request: Any, method: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
    """A ContinuousTaskRequest method, run in the process of the app whose module made the request (or, for
    the forms that take one, the app of the context passed)."""
    app = getattr(type(request), "_app", None)
    if app is None and args and isinstance(args[0], UIAbilityContext):
        app = args[0].app
    if app is None:
        raise TypeError(f"ContinuousTaskRequest.{method}() runs in an app's process: make the request with "
                        "app.backgroundTaskManager.ContinuousTaskRequest()" + ("" if method == "isModeSupported"
                                                                                 else " or pass an app's context"))
    api: AuthApi = app.backgroundTaskManager
    if method == "isModeSupported":  # reads no argument (JS ignores extra ones)
        return api._is_mode_supported(request)
    version = 26 if method.endswith(("ByDialog", "Result")) else 22
    if method.startswith("request"):
        return api._request_auth(request, args, kwargs, version)
    return api._check_auth(args, kwargs, version)
