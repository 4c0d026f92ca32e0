"""The dashboard in a real browser: headless Chromium opens `bgtui serve`, plays the README lifecycle
from the keyboard (Uploader, a transient task, to the background) and sees it count down; a second tab
is a session of its own; Ctrl+C leaves no process behind. The screenshot is kept in the test's folder."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from .browser import Browser, find_chromium
from .served import Served

TRANSIENT_ROW = re.compile(r"│\s*1 Uploader\s+.*?(\d+):(\d\d\.\d)")


def remaining_ms(screen: str) -> int | None:
    """Uploader's transient task 1: the time it has left, as its row in the page shows it."""
    match = TRANSIENT_ROW.search(screen)
    return None if match is None else int(match[1]) * 60_000 + int(float(match[2]) * 1000)


@pytest.fixture
def browser():
    binary, driver = find_chromium()
    browser = Browser(binary, driver)
    yield browser
    browser.quit()


def test_the_lifecycle_plays_in_chromium_and_nothing_is_left(browser: Browser, tmp_path: Path) -> None:
    from selenium.webdriver.common.keys import Keys

    served = Served(tmp_path / "saves", "--paused", cwd=tmp_path)
    try:
        assert served.url.startswith("http://127.0.0.1:")
        browser.open(served.url)
        screen = browser.wait_for(lambda s: "1 Apps" in s and "Uploader" in s and "6 Event log" in s,
                                  "the dashboard")
        assert browser.title == "bgtui · each browser tab is its own session"
        assert "this tab's own session" in screen and "PAUSED" in screen
        assert len(served.tab_processes()) == 1

        browser.select_app("Uploader", ["Music", "Navigation", "Uploader", "VoIP", "System"])
        browser.press("t")
        browser.wait_for(lambda s: "Request a transient task" in s, "the request form")
        browser.press(Keys.ENTER)
        browser.wait_for(lambda s: remaining_ms(s) == 180_000, "transient task 1 with 3 min")
        browser.press("b")
        browser.wait_for(lambda s: "▼ background" in s, "Uploader in the background")
        browser.press(".")  # the clock is paused: one virtual second
        browser.wait_for(lambda s: remaining_ms(s) == 179_000, "2:59.0 left after 1 s in the background")
        browser.press(" ")  # run the clock: the page counts down by itself
        screen = browser.wait_for(lambda s: (remaining_ms(s) or 180_000) < 179_000, "the countdown moving")
        assert "▶ ×1" in screen
        shot = browser.screenshot(tmp_path / "browser.png")
        assert shot.stat().st_size > 10_000

        # A second tab: its own process, its own device (no transient task there).
        browser.new_tab()
        browser.open(served.url)
        other = browser.wait_for(lambda s: "1 Apps" in s and "6 Event log" in s, "the second tab's dashboard")
        assert "No transient tasks" in other and len(served.tab_processes()) == 2
    finally:
        code = served.stop()
    assert code == 0, served.stderr
    assert served.tab_processes() == []
