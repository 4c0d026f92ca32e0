"""The engine never imports Textual (DESIGN §1)."""

import subprocess
import sys


def test_importing_and_running_the_engine_loads_no_textual_module():
    code = (
        "import sys, emulator, emulator.kit, emulator.kit.bound\n"
        "from emulator import Emulator\n"
        "emu = Emulator(); app = emu.install_app('com.a')\n"
        "app.backgroundTaskManager.requestSuspendDelay('x', lambda: None); emu.advance(200000)\n"
        "import pkgutil, importlib\n"
        "for m in pkgutil.walk_packages(emulator.__path__, 'emulator.'):\n    if not m.name.endswith('__main__'): importlib.import_module(m.name)\n"
        "print(sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.')))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
