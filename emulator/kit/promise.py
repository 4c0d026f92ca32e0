"""The promise and callback forms of an ArkTS async function.

The emulator answers at once, so a promise is settled when it is returned: `await p` gives the
value or raises the BusinessError; `p.result()` does the same without an event loop. A callback
form calls `callback(err, data)` exactly once before the call returns, with `err` None on success.
"""

from __future__ import annotations

from typing import Any, Callable, Generator, Generic, TypeVar

from emulator.errors import BusinessError

T = TypeVar("T")


class Promise(Generic[T]):
    __slots__ = ("_value", "_error")

    def __init__(self, value: T | None = None, error: BusinessError | None = None) -> None:
        self._value = value
        self._error = error

    @property
    def fulfilled(self) -> bool:
        return self._error is None

    def result(self) -> T:
        """The value, or raise the rejection's BusinessError."""
        if self._error is not None:
            raise self._error
        return self._value  # type: ignore[return-value]

    def error(self) -> BusinessError | None:
        return self._error

    def __await__(self) -> Generator[Any, None, T]:
        return self.result()
        yield  # pragma: no cover - makes this a generator; never reached

    def __repr__(self) -> str:
        if self._error is not None:
            return f"<Promise rejected {self._error.code}>"
        return f"<Promise fulfilled {self._value!r}>"


def settle(work: Callable[[], T]) -> Promise[T]:
    try:
        return Promise(work())
    except BusinessError as err:
        return Promise(error=err)
