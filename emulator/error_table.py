"""The service's internal error codes and their messages, as data.

Source: `frameworks/common/include/bgtaskmgr_inner_errors.h` (names and values) and
`frameworks/common/src/bgtaskmgr_inner_errors.cpp` (messages), service-rules §4.3 and
research-napi §1.2 (1870000107..111, the cpuLevel errors).
A `None` message means the map has no entry: the app reads "Inner error.".
"""

# name: (internal code, message after "BussinessError <code>: ")
INNER_ERRORS: dict[str, tuple[int, str | None]] = {
    "ERR_BGTASK_PERMISSION_DENIED": (201, "Permission denied."),
    "ERR_BGTASK_NOT_SYSTEM_APP": (202, "System API verification failed. Only system application can apply."),
    "ERR_BGTASK_INVALID_PARAM": (401, "The input param is invalid."),
    "ERR_BGTASK_NO_MEMORY": (980000101, "Memory operation failed. Failed to allocate the memory."),
    "ERR_BGTASK_PARCELABLE_FAILED": (
        980000201,
        "Failed to write data into parcel. Possible reasons: 1. Invalid parameters; 2. Failed to apply for memory.",
    ),
    "ERR_BGTASK_TRANSACT_FAILED": (980000301, "Internal transaction failed."),
    "ERR_BGTASK_SYS_NOT_READY": (980000401, "System service operation failed. The system service is not ready."),
    "ERR_BGTASK_SERVICE_NOT_CONNECTED": (
        980000402, "System service operation failed. The system service is not connected."),
    "ERR_BGTASK_OBJECT_EXISTS": (
        980000501, "Continuous Task verification failed. The application has applied for a continuous task."),
    "ERR_BGTASK_OBJECT_NOT_EXIST": (
        980000502, "Continuous Task verification failed. The application has not applied for a continuous task."),
    "ERR_BGTASK_KEEPING_TASK_VERIFY_ERR": (
        980000503,
        "Continuous Task verification failed. Current device can not request continuous tasks of the TASK_KEEPING type.",
    ),
    "ERR_BGTASK_INVALID_BGMODE": (980000504, "Continuous Task verification failed. The bgMode is invalid."),
    "ERR_BGTASK_INVALID_UID": (980000505, "Continuous Task verification failed. The uid is invalid."),
    "ERR_BGTASK_NOTIFICATION_VERIFY_FAILED": (
        980000601,
        "Notification verification failed for a continuous task. The title or text of the notification cannot be empty.",
    ),
    "ERR_BGTASK_NOTIFICATION_ERR": (
        980000602, "Notification verification failed. Failed to send or cancel the notification."),
    "ERR_BGTASK_CHECK_TASK_PARAM": (980000603, None),
    "ERR_BGTASK_CREATE_FILE_ERR": (
        980000701, "Continuous task storage failed. Failed to create the storage task file."),
    "ERR_BGTASK_GET_ACTUAL_FILE_ERR": (
        980000702, "Task storage failed. Failed to get the actual storage task file."),
    "ERR_BGTASK_OPEN_FILE_ERR": (980000703, "Task storage failed. Failed to open the file."),
    "ERR_BGTASK_INVALID_PID_OR_UID": (
        990000101, "Caller information verification failed for a transient task. Invalid pid or uid."),
    "ERR_BGTASK_INVALID_BUNDLE_NAME": (
        990000102, "Caller information verification failed for a transient task. The bundleName cannot be found."),
    "ERR_BGTASK_INVALID_REQUEST_ID": (
        990000103, "Caller information verification failed for a transient task. Invalid requestId."),
    "ERR_BGTASK_INVALID_CALLBACK": (990000201, "Transient task verification failed. The callback cannot be empty."),
    "ERR_BGTASK_CALLBACK_EXISTS": (990000202, "Transient task verification failed. The callback already exists."),
    "ERR_BGTASK_CALLBACK_NOT_EXIST": (
        990000203, "Transient task verification failed. The callback does not exist."),
    "ERR_BGTASK_NOT_IN_PRESET_TIME": (
        990000204,
        "Transient task verification failed. Request is not allow after the preset time of entering background.",
    ),
    "ERR_BGTASK_EXCEEDS_THRESHOLD": (
        990000205, "Transient task verification failed. The number of request exceeds the threshold."),
    "ERR_BGTASK_TIME_INSUFFICIENT": (
        990000206, "Transient task verification failed. The remaining time to run transient task is insufficient."),
    "ERR_BGTASK_NOREQUEST_TASK": (
        990000207, "Transient task verification failed. application no request transient task."),
    "ERR_BGTASK_FOREGROUND": (990000208, "Transient task verification failed. application is foreground."),
    "ERR_BGTASK_TRANSIENT_PARCELABLE_FAILED": (
        990000301,
        "Failed to write data into parcel. Possible reasons: 1. Invalid parameters; 2. Failed to apply for memory.",
    ),
    "ERR_BGTASK_TRANSIENT_SYS_NOT_READY": (
        990000401, "System service operation failed. The system service is not ready."),
    "ERR_BGTASK_TRANSIENT_SERVICE_NOT_CONNECTED": (
        990000402, "System service operation failed. The system service is not connected."),
    "ERR_BGTASK_RESOURCES_EXCEEDS_MAX": (
        1870000101,
        "Caller information verification failed for an energy resource request. "
        "The number of resources applied exceeds maximun.",
    ),
    "ERR_BGTASK_RESOURCES_INVALID_PID_OR_UID": (
        1870000102, "Caller information verification failed for an energy resource. Invalid pid or uid."),
    "ERR_BGTASK_METHOD_CALLED_FAILED": (1870000103, None),
    "ERR_BGTASK_DATA_STORAGE_ERR": (1870000104, None),
    "ERR_BGTASK_SERVICE_INNER_ERROR": (1870000105, "Service inner error."),
    "ERR_BGTASK_INVALID_PROCESS_NAME": (
        1870000106, "Transient task verification failed. caller process name invalid."),
    "ERR_BGTASK_EFFICIENCY_RESOURCES_CPU_LEVEL_INVALID": (
        1870000107,
        "Caller information verification failed for an energy resource request. "
        "The cpuLevel cannot be null and must be a valid value.",
    ),
    "ERR_BGTASK_EFFICIENCY_RESOURCES_CPU_LEVEL_NOT_ALLOW_APPLY": (
        1870000108, "Apply cpu efficiency resources failed. Not allow apply cpuLevel."),
    "ERR_BGTASK_EFFICIENCY_RESOURCES_INVALID_BUNDLE_INFO": (
        1870000109, "Apply cpu efficiency resources failed. Cannot get application info."),
    "ERR_BGTASK_EFFICIENCY_RESOURCES_CPU_LEVEL_APP_SIGNATURES_INVALID": (
        1870000110, "Apply cpu efficiency resources failed. Application signatures invalid."),
    "ERR_BGTASK_EFFICIENCY_RESOURCES_CPU_LEVEL_TOO_LARGE": (
        1870000111,
        "Apply cpu efficiency resources failed. The cpuLevel value exceeds the max allowed by current application.",
    ),
    "ERR_BGTASK_RESOURCES_PARCELABLE_FAILED": (
        1870000201,
        "Failed to write data into parcel. Possible reasons: 1. Invalid parameters; 2. Failed to apply for memory.",
    ),
    "ERR_BGTASK_RESOURCES_SYS_NOT_READY": (
        1870000401, "System service operation failed. The system service is not ready."),
    "ERR_BGTASK_RESOURCES_SERVICE_NOT_CONNECTED": (
        1870000402, "System service operation failed. The system service is not connected."),
}

# Parameter errors: name: (internal code, detail after "Parameter error. "). All become 401.
PARAM_DETAILS: dict[str, tuple[int, str]] = {
    "ERR_PARAM_NUMBER_ERR": (9800401, "The number of arguments is wrong."),
    "ERR_REASON_NULL_OR_TYPE_ERR": (9800402, "The reason cannot be null and its type must be string."),
    "ERR_CALLBACK_NULL_OR_TYPE_ERR": (9800403, "The callback cannot be null and its type must be function."),
    "ERR_REQUESTID_NULL_OR_ID_TYPE_ERR": (9800404, "The requestId cannot be null and its type must be integer."),
    "ERR_REQUESTID_ILLEGAL": (9800405, "The requestId must be greater than 0."),
    "ERR_CONTEXT_NULL_OR_TYPE_ERR": (9800406, "The context cannot be null and its type must be Context."),
    "ERR_BGMODE_NULL_OR_TYPE_ERR": (9800407, "The bgMode cannot be null and its type must be BackgroundMode object."),
    "ERR_WANTAGENT_NULL_OR_TYPE_ERR": (
        9800408, "The wantAgent cannot be null and its type must be WantAgent object."),
    "ERR_ABILITY_INFO_EMPTY": (9800409, "The abilityInfo of context cannot be null."),
    "ERR_GET_TOKEN_ERR": (9800410, "The token of context cannot be null."),
    "ERR_BGMODE_RANGE_ERR": (9800411, "The value of bgMode ranges from BG_MODE_ID_BEGIN to BG_MODE_ID_END."),
    "ERR_APP_NAME_EMPTY": (9800412, "The app name of abilityInfo in context cannot be null."),
    "ERR_RESOURCE_TYPES_INVALID": (9800413, "The resourcesType cannot be null and must be integer greater than 0."),
    "ERR_ISAPPLY_NULL_OR_TYPE_ERR": (9800414, "The isApply cannot be null and its type must be boolean."),
    "ERR_TIMEOUT_INVALID": (9800415, "The timeOut cannot be null and must be integer greater than 0."),
    "ERR_ISPERSIST_NULL_OR_TYPE_ERR": (9800416, "The isPersist cannot be null and must be boolean."),
    "ERR_ISPROCESS_NULL_OR_TYPE_ERR": (9800417, "The isProcess cannot be null and must be boolean."),
}
