"""The service's internal error codes and their messages, as data.

Source, at HEAD e75584cd: `frameworks/common/include/bgtaskmgr_inner_errors.h` (names and values) and
`frameworks/common/src/bgtaskmgr_inner_errors.cpp` (messages), service-rules §4.3 and
research-napi §1.2 (1870000107..111, the cpuLevel errors).
A `None` message means the map has no entry: the app reads "Inner error.".
"""

_CT = "Continuous Task verification failed. "

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
    # Continuous tasks: request object, merge, ACL, special scenario, auth (research-napi §1.1, §1.2).
    "ERR_BGTASK_CONTINUOUS_REQUEST_NULL_OR_TYPE": (
        980000506, _CT
        + "The continuousRequestInfo cannot be null and its type must be continuousRequestInfo object."),
    "ERR_BGTASK_CONTINUOUS_MODE_OR_SUBMODE_IS_EMPTY": (
        980000507, _CT
        + "The backgroundTaskModes or backgroundTaskSubmodes cannot be empty."),
    "ERR_BGTASK_CONTINUOUS_MODE_OR_SUBMODE_LENGTH_MISMATCH": (
        980000508, _CT
        + "The length of the backgroundTaskModes does not match the length of the backgroundTaskSubmodes."),
    "ERR_BGTASK_CONTINUOUS_MODE_OR_SUBMODE_CROSS_BORDER": (
        980000509, _CT
        + "The backgroundTaskModes or backgroundTaskSubmodes are out of scope."),
    "ERR_BGTASK_CONTINUOUS_MODE_OR_SUBMODE_TYPE_MISMATCH": (
        980000510, _CT
        + "The sequence of backgroundTaskModes does not match the backgroundTaskSubmodes."),
    "ERR_BGTASK_CONTINUOUS_NOT_UPDATE_BY_OLD_INTERFACE": (
        980000511, _CT
        + "This task is requested through a new interface, and update operations are not permitted "
        "via this interface."),
    "ERR_BGTASK_CONTINUOUS_TASKID_INVALID": (
        980000512, _CT
        + "The continuous task Id is invalid."),
    "ERR_BGTASK_CONTINUOUS_DATA_TRANSFER_NOT_MERGE_NOTIFICATION": (
        980000513, _CT
        + "This background task mode: DATA_TRANSFER type do not support merged notification."),
    "ERR_BGTASK_CONTINUOUS_SPECIAL_SCENARIO_PROCESSING_NOT_MERGE_NOTIFICATION": (
        980000514, _CT
        + "This background task mode: MODE_SPECIAL_SCENARIO_PROCESSING type do not support merged notification."),
    "ERR_BGTASK_CONTINUOUS_NOT_MERGE_NOTIFICATION_NOT_EXIST": (
        980000515, _CT
        + "This continuous task notification does not exist and cannot be merged."),
    "ERR_BGTASK_CONTINUOUS_NOT_MERGE_COMBINED_FALSE": (
        980000516, _CT
        + "Target continuous task do not support merged."),
    "ERR_BGTASK_CONTINUOUS_NOT_UPDATE_BECAUSE_MERGE": (
        980000517, _CT
        + "The continuous task not update because of merged."),
    "ERR_BGTASK_CONTINUOUS_NOT_MERGE_CURRENTTASK_COMBINED_FALSE": (
        980000518, _CT
        + "Current continuous task do not support merged."),
    "ERR_BGTASK_CONTINUOUS_UPDATE_FAIL_SAME_MODE_AND_MERGED": (
        980000519, _CT
        + "Current continuous task support merged but the modes are inconsistent."),
    "ERR_BGTASK_CONTINUOUS_SYSTEM_APP_NOT_SUPPORT_ACL": (
        980000520, _CT
        + "System app not support ACL permission."),
    "ERR_BGTASK_CONTINUOUS_APP_NOT_HAVE_BGMODE_PERMISSION_SYSTEM": (
        980000521, _CT
        + "App has no ACL permission."),
    "ERR_BGTASK_CONTINUOUS_NOT_APPLY_MAX_TASK": (
        980000522, _CT
        + "The current ability to apply for continuous tasks has exceeded the maximum limit."),
    "ERR_BGTASK_CONTINUOUS_DATA_TRANSFER_NOT_UPDATE": (
        980000523, _CT
        + "The background task mode: DATA_TRANSFER type do not support update."),
    "ERR_BGTASK_CONTINUOUS_NOT_APPLY_ONBACKGROUND": (
        980000524, _CT
        + "The continuous task are not allowed to be applied on background."),
    "ERR_BGTASK_SPECIAL_SCENARIO_PROCESSING_ONLY_ALLOW_ONE_APPLICATION": (
        980000525, _CT
        + "Special scenario processing only allowed one application."),
    "ERR_BGTASK_SPECIAL_SCENARIO_PROCESSING_CONFLICTS_WITH_OTHER_TASK": (
        980000526, _CT
        + "Special scenario processing cannot coexist with other continuous task."),
    "ERR_BGTASK_GET_APP_INDEX_FAIL": (
        980000527, _CT
        + "Unable to obtain the app index."),
    "ERR_BGTASK_APP_DETECTED_MALICIOUS_BEHAVIOR": (
        980000528, _CT
        + "The current app has detected malicious behavior and is prohibited from applying."),
    "ERR_BGTASK_SPECIAL_SCENARIO_PROCESSING_EMPTY": (
        980000529, _CT
        + "The background task mode: MODE_SPECIAL_SCENARIO_PROCESSING type is empty."),
    "ERR_BGTASK_CONTINUOUS_CALLBACK_NULL_OR_TYPE_ERR": (
        980000530, _CT
        + "The callback cannot be null and its type must be function."),
    "ERR_BGTASK_CONTINUOUS_CALLBACK_EXISTS": (
        980000531, _CT
        + "The callback already exists."),
    "ERR_BGTASK_MALICIOUS_CONTINUOUSTASK": (  # no "Continuous Task verification failed." prefix
        980000532, "Malicious long-running tasks are not allowed to continue applying."),
    "ERR_BGTASK_SPECIAL_SCENARIO_PROCESSING_NOTSUPPORT_DEVICE": (
        980000533, _CT
        + "The background task mode: MODE_SPECIAL_SCENARIO_PROCESSING type do not support current device."),
    "ERR_BGTASK_CONTINUOUS_BANNER_NOTIFICATION_EXIST_OR_AUTHORIZED": (
        980000534, _CT
        + "Current application has banner notification or authorized."),
    "ERR_BGTASK_CONTINUOUS_NOT_APPLY_AUTH_RECORD": (
        980000535, _CT
        + "Current application not apply auth record."),
    "ERR_BGTASK_CONTINUOUS_AUTH_NOT_PERMITTED": (
        980000536, _CT
        + "Current authorization is not permitted."),
    "ERR_BGTASK_CONTINUOUS_NOT_DEPLOY_SPECIAL_SCENARIO_PROCESSING": (
        980000537, _CT
        + "The application not deploy backgroundMode: MODE_SPECIAL_SCENARIO_PROCESSING."),
    "ERR_BGTASK_CONTINUOUS_BACKGROUND_TASK_PARAM_INVALID": (
        980000538, _CT
        + "The background task state param is invalid."),
    "ERR_BGTASK_CONTINUOUS_BANNER_NOTIFICATION_FAIL": (
        980000539, _CT
        + "Failed to send the banner notification."),
    "ERR_BGTASK_CONTINUOUS_API_VERSION_FAIL": (
        980000540, _CT
        + "The requested or checked API version for user authorization is incorrect."),
    "ERR_BGTASK_CONTINUOUS_TRIGGER_CALLBACK": (980000541, None),
    "ERR_BGTASK_CONTINUOUS_NOT_APPLY_PRELOAD_STATE": (
        980000542, _CT
        + "The application is in pre-launch state and cannot apply for continuous task."),
    "ERR_BGTASK_NOTIFICATION_VERIFY_FAILED": (
        980000601,
        "Notification verification failed for a continuous task. The title or text of the notification cannot be empty.",
    ),
    "ERR_BGTASK_NOTIFICATION_ERR": (
        980000602, "Notification verification failed. Failed to send or cancel the notification."),
    "ERR_BGTASK_CHECK_TASK_PARAM": (980000603, None),
    "ERR_BGTASK_CONTINUOUS_UPDATE_NOTIFICATION_FAIL": (
        980000604, "Notification verification failed. Current continuous task refresh notification fail."),
    "ERR_BGTASK_CONTINUOUS_NOT_DATA_TRANSFER": (
        980000605,
        "Notification verification failed for a continuous task. updateDataTransferProgress only supports "
        "DATA_TRANSFER mode.",
    ),
    "ERR_BGTASK_CONTINUOUS_PROGRESS_INFO_INVALID": (  # text at HEAD e75584cd (ERRS:169-170)
        980000606, "Notification verification failed for a continuous task. The progress info is invalid."),
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
