"""Everything else the engine can do, at hand (issue 12): one mixin of the mixins below."""

from bgtui.actions.reach_apps import AppReachActions
from bgtui.actions.reach_auth import AuthActions
from bgtui.actions.reach_device import DeviceReachActions
from bgtui.actions.reach_progress import ProgressActions
from bgtui.actions.reach_requests import RequestActions

__all__ = ["ReachActions"]


class ReachActions(AppReachActions, DeviceReachActions, RequestActions, ProgressActions, AuthActions):
    pass
