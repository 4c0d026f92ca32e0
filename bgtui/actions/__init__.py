"""The actions of the main screen, as mixins: each calls the emulator as a script would and shows
refusals as toasts (the engine logs them as events)."""

from bgtui.actions.device import DeviceActions
from bgtui.actions.session import SessionActions
from bgtui.actions.world import WorldActions

__all__ = ["DeviceActions", "SessionActions", "WorldActions"]
