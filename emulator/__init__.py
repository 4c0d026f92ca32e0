"""The background task manager emulator (engine). Never imports Textual."""

from emulator.emulator import Emulator
from emulator.errors import BusinessError
from emulator.events import Event, EventKind
from emulator.apps import App, ProcessState

__all__ = ["Emulator", "BusinessError", "Event", "EventKind", "App", "ProcessState"]
