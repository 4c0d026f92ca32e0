"""Fixtures for the dashboard tests: a paused clock on the demo device, toasts recorded."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from bgtui.app import BgtuiApp, make_app
from bgtui.widgets.table import SnapshotTable

UPLOADER = "com.example.uploader"
MUSIC = "com.example.music"
SYSTEM = "com.example.system"
WIDE = (160, 45)


@dataclass
class Toast:
    message: str
    title: str
    severity: str


class Recorder:
    def __init__(self, app: BgtuiApp) -> None:
        self.toasts: list[Toast] = []
        original = app.notify

        def notify(message: str, *, title: str = "", severity: str = "information", **kwargs: Any) -> None:
            self.toasts.append(Toast(str(message), title, severity))
            original(message, title=title, severity=severity, **kwargs)  # type: ignore[arg-type]

        app.notify = notify  # type: ignore[method-assign]

    def last(self) -> Toast:
        assert self.toasts, "no toast was shown"
        return self.toasts[-1]


@pytest.fixture
def app() -> BgtuiApp:
    return make_app(clock_running=False, watch_themes=False)


@pytest.fixture
def toasts(app: BgtuiApp) -> Recorder:
    return Recorder(app)


def table_lines(table: SnapshotTable) -> list[str]:
    """What the table shows, line by line."""
    return [table.render_line(y).text.rstrip() for y in range(table.scrollable_content_region.height)]


def shown(app: BgtuiApp, table_id: str) -> str:
    lines = table_lines(app.main_screen.query_one(f"#{table_id}", SnapshotTable))
    return "\n".join(line for line in lines if line.strip())


async def select_app(pilot: Any, app: BgtuiApp, bundle: str) -> None:
    """Put the apps table's cursor on `bundle` (with the keys a user would press)."""
    await pilot.press("1")
    table = app.main_screen.query_one("#apps", SnapshotTable)
    await pilot.press("home")
    for _ in range(table.row_count):
        if table.cursor_key == bundle:
            break
        await pilot.press("down")
    assert table.cursor_key == bundle
    await pilot.pause()
