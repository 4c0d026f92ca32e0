"""The service's three sub-managers, as in BackgroundTaskMgrService::Init."""
