"""The built-in demo device: five apps ready to play with."""

from __future__ import annotations

from typing import NamedTuple

from emulator import Emulator
from emulator.apps import KEEP_BACKGROUND_RUNNING

__all__ = ["DEMO_APPS", "DemoApp", "build_demo_emulator"]


class DemoApp(NamedTuple):
    bundle_name: str
    label: str
    background_modes: tuple[str, ...] = ()
    permissions: tuple[str, ...] = ()
    system_app: bool = False
    running_resources_apply: tuple[int, ...] = ()
    blurb: str = ""


DEMO_APPS: tuple[DemoApp, ...] = (
    DemoApp("com.example.music", "Music", ("audioPlayback",), (KEEP_BACKGROUND_RUNNING,),
            blurb="a music player: plays in the background with an audioPlayback continuous task"),
    DemoApp("com.example.navigation", "Navigation", ("location",), (KEEP_BACKGROUND_RUNNING,),
            blurb="a navigation app: keeps guiding in the background with a location continuous task"),
    DemoApp("com.example.uploader", "Uploader", ("dataTransfer",),
            blurb="a file uploader: finishes uploads in the background with transient tasks "
                  "(it does not hold KEEP_BACKGROUND_RUNNING)"),
    DemoApp("com.example.voip", "VoIP", ("voip",), (KEEP_BACKGROUND_RUNNING,),
            blurb="a VoIP app: keeps a call going in the background with a voip continuous task"),
    DemoApp("com.example.system", "System", (), (KEEP_BACKGROUND_RUNNING,), system_app=True,
            running_resources_apply=(0,),
            blurb="a system app with efficiency privileges (runningResourcesApply [0]: every resource type)"),
)


def build_demo_emulator() -> Emulator:
    """A fresh device with the five demo apps installed and launched (all in the foreground)."""
    emu = Emulator()
    for demo in DEMO_APPS:
        emu.install_app(demo.bundle_name, label=demo.label, system_app=demo.system_app,
                        permissions=list(demo.permissions), background_modes=list(demo.background_modes),
                        running_resources_apply=list(demo.running_resources_apply))
    return emu
