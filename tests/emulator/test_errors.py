"""The error table: public codes and the device's exact messages (service-rules §4, research-napi §1)."""

import pytest

from emulator.error_table import INNER_ERRORS
from emulator.errors import ERRORS, BusinessError, error, public_code


@pytest.mark.parametrize("name, code, message", [
    ("ERR_BGTASK_PERMISSION_DENIED", 201, "BussinessError 201: Permission denied."),
    ("ERR_BGTASK_NOT_SYSTEM_APP", 202,
     "BussinessError 202: System API verification failed. Only system application can apply."),
    ("ERR_BGTASK_INVALID_PARAM", 401, "BussinessError 401: Parameter error. The input param is invalid."),
    ("ERR_BGTASK_SYS_NOT_READY", 9800004,
     "BussinessError 9800004: System service operation failed. The system service is not ready."),
    ("ERR_BGTASK_OBJECT_EXISTS", 9800005,
     "BussinessError 9800005: Continuous Task verification failed. The application has applied for a continuous task."),
    ("ERR_BGTASK_CHECK_TASK_PARAM", 9800006, "BussinessError 9800006: Inner error."),
    ("ERR_BGTASK_CONTINUOUS_NOT_DATA_TRANSFER", 9800006,
     "BussinessError 9800006: Notification verification failed for a continuous task. "
     "updateDataTransferProgress only supports DATA_TRANSFER mode."),
    ("ERR_BGTASK_CONTINUOUS_PROGRESS_INFO_INVALID", 9800006,
     "BussinessError 9800006: Notification verification failed for a continuous task. The progress info is invalid."),
    ("ERR_BGTASK_CREATE_FILE_ERR", 9800007,
     "BussinessError 9800007: Continuous task storage failed. Failed to create the storage task file."),
    ("ERR_BGTASK_INVALID_REQUEST_ID", 9900001,
     "BussinessError 9900001: Caller information verification failed for a transient task. Invalid requestId."),
    ("ERR_BGTASK_EXCEEDS_THRESHOLD", 9900002,
     "BussinessError 9900002: Transient task verification failed. The number of request exceeds the threshold."),
    ("ERR_BGTASK_TRANSIENT_SYS_NOT_READY", 9900004,
     "BussinessError 9900004: System service operation failed. The system service is not ready."),
    ("ERR_BGTASK_RESOURCES_EXCEEDS_MAX", 18700001,
     "BussinessError 18700001: Caller information verification failed for an energy resource request. "
     "The number of resources applied exceeds maximun."),
    ("ERR_BGTASK_SERVICE_INNER_ERROR", 18700001, "BussinessError 18700001: Service inner error."),
    ("ERR_BGTASK_RESOURCES_SYS_NOT_READY", 18700004,
     "BussinessError 18700004: System service operation failed. The system service is not ready."),
    ("ERR_PARAM_NUMBER_ERR", 401, "BussinessError 401: Parameter error. The number of arguments is wrong."),
    ("ERR_REQUESTID_ILLEGAL", 401, "BussinessError 401: Parameter error. The requestId must be greater than 0."),
    ("ERR_ISPROCESS_NULL_OR_TYPE_ERR", 401,
     "BussinessError 401: Parameter error. The isProcess cannot be null and must be boolean."),
])
def test_public_code_and_exact_message(name, code, message):
    err = error(name)
    assert (err.code, err.message, str(err), err.data) == (code, message, message, code)
    assert type(err.code) is int


def test_every_public_code_of_the_spec_is_reachable_from_the_table():
    codes = {d.code for d in ERRORS.values()}
    assert {201, 202, 401, 9800001, 9800002, 9800003, 9800004, 9800005, 9800006, 9800007,
            9900001, 9900002, 9900003, 9900004, 18700001, 18700002, 18700004} <= codes


def test_only_the_codes_the_service_at_head_has():
    """ERRH at e75584cd: the 9800006 group ends at 980000606, then 980000701; there is no 980000801 (9800008),
    and the SDK d.ts declares none either."""
    codes = {d.code for d in ERRORS.values()}
    assert codes == {201, 202, 401, 9800001, 9800002, 9800003, 9800004, 9800005, 9800006, 9800007,
                     9900001, 9900002, 9900003, 9900004, 18700001, 18700002, 18700004}
    assert max(c for c, _ in INNER_ERRORS.values() if c // 100000 == 9800) == 980000703


def test_public_code_derivation():
    assert public_code(980000501) == 9800005
    assert public_code(9800417) == 401
    assert public_code(202) == 202


def test_errors_compare_by_code_and_message():
    assert error("ERR_BGTASK_EXCEEDS_THRESHOLD") == BusinessError(
        9900002, "BussinessError 9900002: Transient task verification failed. The number of request exceeds the threshold.")
