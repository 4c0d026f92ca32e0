"""Transient-task functions of the kit, with the NAPI layer's argument checks (research-napi §2.1-2.4)."""

from __future__ import annotations

from typing import Any, Callable

from emulator.kit.args import call_js, is_function, is_number, is_string, napi_string, to_int32
from emulator.kit.base import KitBase
from emulator.kit.promise import Promise
from emulator.kit.types import DelaySuspendInfo, TransientTaskInfo

TRANSIENT_FUNCTIONS = ("requestSuspendDelay", "getRemainingDelayTime", "cancelSuspendDelay", "getTransientTaskInfo")

# What the native layer passes to the expiry callback (GetExpireCallbackValue).
EXPIRE_CALLBACK_VALUE = {"code": 0, "data": None}


class TransientApi(KitBase):
    def requestSuspendDelay(self, *args: Any, **kwargs: Any) -> DelaySuspendInfo:
        """requestSuspendDelay(reason: string, callback: Callback<void>): DelaySuspendInfo (throws)."""
        fn = "requestSuspendDelay"
        argv = self._argv(fn, args, kwargs)
        if len(argv) != 2:
            raise self._param(fn, "ERR_PARAM_NUMBER_ERR")
        reason, callback = argv
        if not is_string(reason):
            raise self._param(fn, "ERR_REASON_NULL_OR_TYPE_ERR")
        if not is_function(callback):
            raise self._param(fn, "ERR_CALLBACK_NULL_OR_TYPE_ERR")
        on_expired: Callable[[], None] = lambda: call_js(callback, dict(EXPIRE_CALLBACK_VALUE))
        req = self._service(fn, lambda: self._emu.transient.request(self._app, napi_string(reason), on_expired))
        return DelaySuspendInfo(req.request_id, req.actual_delay_ms)

    def _request_id(self, fn: str, value: Any) -> int:
        if not is_number(value):
            raise self._param(fn, "ERR_REQUESTID_NULL_OR_ID_TYPE_ERR")
        return to_int32(value)

    def getRemainingDelayTime(self, *args: Any, **kwargs: Any) -> Promise[int] | None:
        """getRemainingDelayTime(requestId, callback?): callback(err, ms), or a Promise<number>."""
        fn = "getRemainingDelayTime"
        argv = self._argv(fn, args, kwargs)
        if len(argv) not in (1, 2):
            raise self._param(fn, "ERR_PARAM_NUMBER_ERR")
        request_id = self._request_id(fn, argv[0])
        callback = argv[1] if len(argv) == 2 else None
        if len(argv) == 2 and not is_function(callback):
            raise self._param(fn, "ERR_CALLBACK_NULL_OR_TYPE_ERR")
        if request_id <= 0:
            raise self._param(fn, "ERR_REQUESTID_ILLEGAL")
        return self._async(fn, lambda: self._emu.transient.remaining(self._app, request_id), callback,
                           error_value=0)

    def cancelSuspendDelay(self, *args: Any, **kwargs: Any) -> None:
        """cancelSuspendDelay(requestId: number): void (throws)."""
        fn = "cancelSuspendDelay"
        argv = self._argv(fn, args, kwargs)
        if len(argv) != 1:
            raise self._param(fn, "ERR_PARAM_NUMBER_ERR")
        request_id = self._request_id(fn, argv[0])
        if request_id <= 0:
            raise self._param(fn, "ERR_REQUESTID_ILLEGAL")
        self._service(fn, lambda: self._emu.transient.cancel(self._app, request_id))

    def getTransientTaskInfo(self, *args: Any, **kwargs: Any) -> Promise[TransientTaskInfo]:
        """getTransientTaskInfo(): Promise<TransientTaskInfo>. The native layer reads no arguments."""
        fn = "getTransientTaskInfo"

        def work() -> TransientTaskInfo:
            quota, tasks = self._emu.transient.info(self._app)
            return TransientTaskInfo(quota, [DelaySuspendInfo(rid, left) for rid, left in tasks])

        promise = self._async(fn, work)
        assert promise is not None
        return promise
