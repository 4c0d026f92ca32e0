"""The ArkTS module in Python: `backgroundTaskManager` (enums and classes) and `wantAgent`.

Functions are bound to an app: `app.backgroundTaskManager` (see emulator.kit.bound).
"""

from emulator.kit import backgroundTaskManager, wantAgent
from emulator.kit.promise import Promise

__all__ = ["backgroundTaskManager", "wantAgent", "Promise"]
