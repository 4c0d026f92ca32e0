"""Scenario files for the live-dashboard tests, and the app that plays one."""

from __future__ import annotations

from pathlib import Path

from emulator.scenario import load

from bgtui.app import BgtuiApp, make_app
from bgtui.session import Session

UPLOAD = "com.example.upload"


def scenario_text(*, battery: int = 80, expect_state: str = "background", label: str = "Uploader") -> str:
    """An upload at 0 s, the app to the background at 2 s, a check of its state at 10 s; ends at 1 min."""
    return f"""\
[scenario]
name = "live-test"
end = "1m"

[device]
battery_level = {battery}

[[apps]]
bundle_name = "{UPLOAD}"
label = "{label}"
background_modes = ["dataTransfer"]

[[steps]]
at = "0s"
app = "{UPLOAD}"
call = "requestSuspendDelay"
args = ["upload", "$callback"]
save_as = "upload"

[[steps]]
at = "2s"
app = "{UPLOAD}"
do = "app.background"

[[steps]]
at = "10s"
expect = "app"
app = "{UPLOAD}"
equals = "{expect_state}"
"""


def write_scenario(folder: Path, **kwargs: object) -> Path:
    path = folder / "live.toml"
    path.write_text(scenario_text(**kwargs))  # type: ignore[arg-type]
    return path


def live_app(spec: str | Path) -> BgtuiApp:
    """The dashboard playing `spec` (a file or demo:NAME), its clock paused."""
    return make_app(session=Session.of_scenario(load(str(spec))), clock_running=False, watch_themes=False)
