"""Issue 16, points 5 and 6: crafted state files are skipped with an event that says why; temporary state
folders go on SIGTERM and SIGHUP; a killed write's .tmp file goes at the next start."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from emulator import Emulator, EventKind

from .conftest import install

KEY = "20010000_EntryAbility_1"


def _device(state_dir=None) -> Emulator:
    emu = Emulator(state_dir=state_dir)
    music = install(emu, "com.example.music")
    from .conftest import make_agent
    music.backgroundTaskManager.startBackgroundRunning(music.context, ["audioPlayback"], make_agent()).result()
    emu.flush_state()
    return emu


def _craft(emu: Emulator, **fields) -> None:
    path = emu.continuous.file.path
    data = json.loads(path.read_text(encoding="utf-8"))
    data[KEY].update(fields)
    path.write_text(json.dumps(data), encoding="utf-8")


def _dropped(emu: Emulator) -> list[str]:
    return [e.reason for e in emu.events if e.kind is EventKind.CONTINUOUS_DROPPED]


@pytest.mark.parametrize(("fields", "why"), [
    ({"bgModeIds": "²,"}, "its mode list '²,' is not a list of mode numbers"),
    ({"bgModeIds": "--2,"}, "its mode list '--2,' is not a list of mode numbers"),
    ({"bgModeIds": "9" * 4300}, "its mode list '999999999999999999999999... (4300 characters)' is not a list of "
                                "mode numbers"),
    ({"bgModeIds": "99"}, "mode 99 is not a background mode"),
    ({"bgModeIds": "-5"}, "mode -5 is not a background mode"),
    ({"bgModeId": 99}, "mode 99 is not a background mode"),
    ({"uid": "x"}, "its uid is missing or not an integer"),
])
@pytest.mark.parametrize("reboot", [False, True])
def test_a_crafted_record_is_skipped_with_an_event_that_says_why(fields, why, reboot):
    emu = _device()
    _craft(emu, **fields)
    emu.reboot() if reboot else emu.restart_service()
    assert emu.continuous.by_id == {}
    assert _dropped(emu) == [f"the running_task record '{KEY}' is skipped: {why}"]


def test_a_record_of_a_mode_the_web_api_cannot_start_is_still_restored():
    emu = _device()
    _craft(emu, bgModeIds="14", bgModeId=14)
    emu.restart_service()
    assert [t.modes for t in emu.snapshot().continuous_tasks] == [("nearlink",)]
    assert _dropped(emu) == []


@pytest.mark.parametrize("name", ["running_task", "resource_record"])
def test_a_file_nested_100000_deep_restores_nothing_and_says_so(name):
    emu = _device()
    (emu.state_dir / name).write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    emu.restart_service()
    emu.reboot()
    if name == "running_task":
        assert emu.continuous.by_id == {}
        assert _dropped(emu)[0] == ("running_task could not be read (its JSON is nested too deeply to read): no "
                                    "continuous task is restored")


def test_a_killed_writes_tmp_file_is_removed_at_the_next_start(tmp_path):
    (tmp_path / ".running_task.tmp").write_text("{half", encoding="utf-8")
    (tmp_path / ".resource_record.tmp").write_text("", encoding="utf-8")
    Emulator(state_dir=tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_a_fresh_emulator_reads_a_state_folder_at_restart_service(tmp_path):
    emu = _device(tmp_path)
    del emu
    again = Emulator(state_dir=tmp_path)
    music = install(again, "com.example.music")  # the same pid as before: its task comes back
    again.restart_service()
    assert [t.bundle_name for t in again.snapshot().continuous_tasks] == [music.bundle_name]


CHILD = """
import sys
from emulator import Emulator
emu = Emulator()
print(emu.state_dir, flush=True)
sys.stdin.read()
"""


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_the_temporary_state_folder_goes_on_sigterm_and_sighup(signum):
    root = Path(__file__).resolve().parents[2]
    child = subprocess.Popen([sys.executable, "-c", CHILD], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                             text=True, cwd=root, env={**os.environ, "PYTHONPATH": str(root)})
    folder = Path(child.stdout.readline().strip())
    assert folder.is_dir()
    child.send_signal(signum)
    assert child.wait(timeout=60) == -signum  # it still ends as the signal says
    child.stdin.close()
    child.stdout.close()
    assert not folder.exists()
