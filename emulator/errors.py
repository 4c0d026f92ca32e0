"""Every error the service can answer, by internal name, with the device's exact message.

The public code and message are derived as the NAPI layer does (`common.cpp`, FindErrCode /
FindErrMsg; service-rules §4.1): parameter errors (401 and 9800401..9800417) become 401 with
"Parameter error. <detail>"; 201 and 202 pass through; any other code above 1000 becomes
code // 100. The message is "BussinessError <public>: <mapped message>" ("Bussiness" is
spelled that way on a device); a code with no entry in the map reads "Inner error.".
"""

from __future__ import annotations

from emulator.error_table import INNER_ERRORS, PARAM_DETAILS
from emulator.frozen import FrozenRecord, frozen_record

__all__ = ["BusinessError", "ErrorDef", "error", "param_error", "public_code", "ERRORS"]

_INNER_ERROR = "Inner error."


def public_code(inner: int) -> int:
    if inner == 401 or 9800401 <= inner <= 9800417:
        return 401
    return inner // 100 if inner > 1000 else inner


@frozen_record
class ErrorDef(FrozenRecord):
    name: str
    inner: int
    detail: str | None  # None: the device's map has no entry, so the app reads "Inner error."

    @property
    def code(self) -> int:
        return public_code(self.inner)

    @property
    def message(self) -> str:
        if self.code == 401:
            detail = "The input param is invalid." if self.detail is None else self.detail
            return f"BussinessError 401: Parameter error. {detail}"
        return f"BussinessError {self.code}: {self.detail or _INNER_ERROR}"


ERRORS: dict[str, ErrorDef] = {
    name: ErrorDef(name, inner, detail) for name, (inner, detail) in INNER_ERRORS.items()
}
ERRORS.update({name: ErrorDef(name, inner, detail) for name, (inner, detail) in PARAM_DETAILS.items()})


class BusinessError(Exception):
    """What an ArkTS app receives: `code` (always an int), `message`, and `data` (= code).

    `name` is the service's internal error name (e.g. ERR_BGTASK_EXCEEDS_THRESHOLD), which the
    device does not show but the emulator's "why" text does.
    """

    def __init__(self, code: int, message: str, name: str = "") -> None:
        super().__init__(message)
        self.code = int(code)
        self.message = message
        self.data = self.code
        self.name = name

    def __repr__(self) -> str:
        return f"BusinessError(code={self.code}, message={self.message!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, BusinessError):
            return NotImplemented
        return (self.code, self.message) == (other.code, other.message)

    def __hash__(self) -> int:
        return hash((self.code, self.message))


def error(name: str) -> BusinessError:
    """The BusinessError for an internal error name, e.g. error("ERR_BGTASK_SYS_NOT_READY")."""
    d = ERRORS[name]
    return BusinessError(d.code, d.message, d.name)


def param_error(name: str) -> BusinessError:
    """A 401 by its detail name, e.g. param_error("ERR_PARAM_NUMBER_ERR")."""
    return error(name)
