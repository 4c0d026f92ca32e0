"""`import emulator` leaves the kit unloaded until something uses it; the public imports still work."""

import subprocess
import sys


def _run(code: str) -> str:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()


def test_import_emulator_does_not_load_the_kit():
    assert _run("import sys, emulator; print([m for m in sys.modules if m.startswith('emulator.kit')])") == "[]"


def test_the_kit_loads_when_an_app_or_a_script_asks_for_it():
    code = ("from emulator import Emulator, BusinessError\n"
            "from emulator.kit import backgroundTaskManager, wantAgent\n"
            "emu = Emulator(); app = emu.install_app('com.a')\n"
            "print(type(app.backgroundTaskManager).__name__, backgroundTaskManager.BackgroundMode.AUDIO_PLAYBACK,"
            " wantAgent.OperationType.START_ABILITY.name)")
    assert _run(code) == "BoundBackgroundTaskManager 2 START_ABILITY"
