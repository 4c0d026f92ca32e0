"""Continuous-task functions of the kit, with the NAPI layer's argument checks (research-napi §2.5-2.9).

Every overload reaches the service, the API-21 ContinuousTaskRequest forms included.

Parameter errors (401) throw at call time, as do the few service codes the native layer itself
throws (9800005 for a bad request object or a negative task id). Everything else comes from the
service: a rejected promise, or `callback(err, undefined)`.
"""

from __future__ import annotations

from typing import Any, Callable

from emulator.kit.args import MISSING, is_array, is_function, is_number, to_int32
from emulator.kit.continuous_args import (
    check_ability, mode_in_range, read_context, read_include_suspended, read_modes, read_request, read_want_agent,
)
from emulator.kit.promise import Promise
from emulator.kit.subscriptions import SUBSCRIPTION_FUNCTIONS, SubscriptionsApi
from emulator.kit.types import ContinuousTaskInfo, ContinuousTaskNotification
from emulator.service.continuous_model import CONTENT_TYPE, SLOT_TYPE

CONTINUOUS_FUNCTIONS: tuple[str, ...] = (
    "startBackgroundRunning", "updateBackgroundRunning", "stopBackgroundRunning", "getAllContinuousTasks",
    "obtainAllContinuousTasks",
) + SUBSCRIPTION_FUNCTIONS


class ContinuousApi(SubscriptionsApi):
    def _request_path(self, fn: str, argv: tuple[Any, ...], update: bool) -> Promise[ContinuousTaskNotification]:
        """(context, ContinuousTaskRequest), API 21: the native checks, then the service; the promise resolves
        ContinuousTaskNotification. No token check on this path."""
        ctx = read_context(argv[0])
        if isinstance(ctx, str):
            raise self._param(fn, ctx)
        problem = check_ability(ctx, token=False)
        if problem is not None:
            raise self._param(fn, problem)
        request = read_request(argv[1])
        if isinstance(request, str):
            raise self._param(fn, request)
        if update and request.continuous_task_id < 0:
            raise self._param(fn, "ERR_BGTASK_CONTINUOUS_TASKID_INVALID")
        service = self._emu.continuous
        modes = request.service_modes()

        def work() -> ContinuousTaskNotification:
            if update:
                notification_id, task_id = service.update_by_request(
                    self._app, modes, list(request.submodes), request.want_agent, request.continuous_task_id,
                    request.progress is not None, request.combined)
            else:
                notification_id, task_id = service.start_by_request(
                    self._app, ctx, modes, list(request.submodes), request.want_agent, request.combined,
                    request.continuous_task_id, request.progress)
            return ContinuousTaskNotification(SLOT_TYPE, CONTENT_TYPE, notification_id, task_id)

        promise = self._async(fn, work)
        assert promise is not None
        return promise

    def startBackgroundRunning(self, *args: Any, **kwargs: Any) -> Promise[Any] | None:
        """(context, bgMode, wantAgent[, callback]) or (context, bgModes: string[], wantAgent)."""
        fn = "startBackgroundRunning"
        argv = self._argv(fn, args, kwargs)
        if len(argv) > 4:
            raise self._param(fn, "ERR_PARAM_NUMBER_ERR")
        if len(argv) == 2:
            return self._request_path(fn, argv, update=False)
        arg = lambda i: argv[i] if len(argv) > i else MISSING  # noqa: E731 - unfilled slots are undefined
        ctx = read_context(arg(0))
        if isinstance(ctx, str):
            raise self._param(fn, ctx)
        read = read_modes(arg(1))
        if isinstance(read, str):
            raise self._param(fn, read)
        agent = read_want_agent(arg(2))
        if isinstance(agent, str):
            raise self._param(fn, agent)
        callback = None
        if len(argv) == 4:
            if not is_function(argv[3]):
                raise self._param(fn, "ERR_CALLBACK_NULL_OR_TYPE_ERR")
            callback = argv[3]
        problem = check_ability(ctx, token=True)
        if problem is not None:
            raise self._param(fn, problem)
        modes, is_batch = read
        if not mode_in_range(modes):
            raise self._param(fn, "ERR_BGMODE_RANGE_ERR")

        def work() -> Any:
            notification_id, task_id = self._emu.continuous.start(self._app, ctx, modes, is_batch, agent)
            if callback is not None or not is_batch:
                return 0  # the numeric form resolves 0; every callback form gets (undefined, 0)
            return ContinuousTaskNotification(SLOT_TYPE, CONTENT_TYPE, notification_id, task_id)

        return self._async(fn, work, callback)

    def updateBackgroundRunning(self, *args: Any, **kwargs: Any) -> Promise[ContinuousTaskNotification]:
        """(context, bgModes: string[]): Promise<ContinuousTaskNotification>."""
        fn = "updateBackgroundRunning"
        argv = self._argv(fn, args, kwargs)
        if len(argv) != 2:
            raise self._param(fn, "ERR_PARAM_NUMBER_ERR")
        if not is_array(argv[1]):
            return self._request_path(fn, argv, update=True)
        ctx = read_context(argv[0])
        if isinstance(ctx, str):
            raise self._param(fn, ctx)
        read = read_modes(argv[1])
        if isinstance(read, str):
            raise self._param(fn, read)
        modes = read[0]

        def work() -> ContinuousTaskNotification:
            notification_id, task_id = self._emu.continuous.update(self._app, ctx, modes)
            return ContinuousTaskNotification(SLOT_TYPE, CONTENT_TYPE, notification_id, task_id)

        promise = self._async(fn, work)
        assert promise is not None
        return promise

    def stopBackgroundRunning(self, *args: Any, **kwargs: Any) -> Promise[int] | None:
        """(context[, callback]) or (context, continuousTaskId): promise resolving 0, or callback(undefined, 0)."""
        fn = "stopBackgroundRunning"
        argv = self._argv(fn, args, kwargs)
        if len(argv) > 2:
            raise self._param(fn, "ERR_PARAM_NUMBER_ERR")
        ctx = read_context(argv[0] if argv else MISSING)
        if isinstance(ctx, str):
            raise self._param(fn, ctx)
        task_id, callback = -1, None
        if len(argv) == 2:
            if is_number(argv[1]):
                task_id = to_int32(argv[1])
                if task_id < 0:
                    raise self._param(fn, "ERR_BGTASK_CONTINUOUS_TASKID_INVALID")
            elif not is_function(argv[1]):
                raise self._param(fn, "ERR_CALLBACK_NULL_OR_TYPE_ERR")
            else:
                callback = argv[1]
        problem = check_ability(ctx, token=True)
        if problem is not None:
            raise self._param(fn, problem)

        def work() -> int:
            self._emu.continuous.stop(self._app, ctx, task_id)
            return 0

        return self._async(fn, work, callback)

    def getAllContinuousTasks(self, *args: Any, **kwargs: Any) -> Promise[list[ContinuousTaskInfo]]:
        """(context[, includeSuspended: boolean]): Promise<ContinuousTaskInfo[]>, this app's tasks."""
        fn = "getAllContinuousTasks"
        argv = self._argv(fn, args, kwargs)
        if not 1 <= len(argv) <= 2:
            raise self._param(fn, "ERR_PARAM_NUMBER_ERR")
        ctx = read_context(argv[0])
        if isinstance(ctx, str):
            raise self._param(fn, ctx)
        include: bool | str = True
        if len(argv) == 2:
            include = read_include_suspended(argv[1])
            if isinstance(include, str):
                raise self._param(fn, include)
        work: Callable[[], list[ContinuousTaskInfo]] = lambda: self._emu.continuous.get_all(  # noqa: E731
            self._app, bool(include))
        promise = self._async(fn, work)
        assert promise is not None
        return promise

    def obtainAllContinuousTasks(self, *args: Any, **kwargs: Any) -> Promise[list[ContinuousTaskInfo]]:
        """System API: Promise<ContinuousTaskInfo[]> of every app's tasks. No argument is read."""
        fn = "obtainAllContinuousTasks"
        promise = self._async(fn, lambda: self._emu.continuous.obtain_all(self._app))
        assert promise is not None
        return promise
