"""Headless Chromium (Debian's chromium + chromium-driver) through Selenium, reading what the page's
terminal shows.

The dashboard is drawn by xterm.js on a canvas, so the page has no text to read; a script run before
the page's own catches the xterm Terminal as it is made (it sets its `_core`), and `screen()` reads
its buffer: the characters the canvas shows, line by line.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

__all__ = ["INSTALL", "Browser", "find_chromium"]

INSTALL = "apt-get update && apt-get install -y chromium chromium-driver"

CATCH_TERMINAL = """
Object.defineProperty(Object.prototype, "_core", {configurable: true, set(value) {
  Object.defineProperty(this, "_core", {value, writable: true, configurable: true, enumerable: true});
  if (typeof this.loadAddon === "function") window.__bgtuiTerminal = this;
}});
"""
READ_SCREEN = """
const t = window.__bgtuiTerminal;
if (!t || !document.body.classList.contains("-first-byte")) return null;
const lines = [];
for (let y = 0; y < t.rows; y++) lines.push(t.buffer.active.getLine(y).translateToString(true));
return lines.join("\\n");
"""


def find_chromium() -> tuple[str, str]:
    """Chromium and its driver; a skip with the install command on a developer's machine without them,
    a failure in CI (.ci/run installs them, so a missing browser there is a broken CI)."""
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver")
    if browser and driver:
        return browser, driver
    message = f"the browser test needs Chromium and its driver: {INSTALL}"
    if os.environ.get("CI"):
        pytest.fail(f"CI must run the browser test: {message}")
    pytest.skip(message)


class Browser:
    def __init__(self, binary: str, driver: str, size: tuple[int, int] = (1600, 1000)) -> None:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service

        options = webdriver.ChromeOptions()
        options.binary_location = binary
        for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--enable-unsafe-swiftshader",
                    f"--window-size={size[0]},{size[1]}"):
            options.add_argument(arg)
        self.driver = webdriver.Chrome(service=Service(driver), options=options)
        self.driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": CATCH_TERMINAL})

    def new_tab(self) -> None:
        """A second tab, current from now on (the terminal catcher is per tab)."""
        self.driver.switch_to.new_window("tab")
        self.driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": CATCH_TERMINAL})

    def open(self, url: str) -> None:
        self.driver.get(url)

    @property
    def title(self) -> str:
        return self.driver.title

    def screen(self) -> str:
        return self.driver.execute_script(READ_SCREEN) or ""

    def wait_for(self, predicate, what: str, timeout_s: float = 30.0) -> str:
        """The screen once `predicate(screen)` holds: Selenium's own wait polls the page, which draws
        when its process says."""
        from selenium.common.exceptions import TimeoutException
        from selenium.webdriver.support.ui import WebDriverWait

        def shown(_driver: object) -> tuple[str] | None:
            screen = self.screen()
            return (screen,) if predicate(screen) else None  # a tuple: truthy even for an empty screen

        try:
            return WebDriverWait(self.driver, timeout_s, poll_frequency=0.1).until(shown)[0]
        except TimeoutException:
            raise AssertionError(f"the page never showed {what}; it shows:\n{self.screen()}") from None

    def press(self, *keys: str) -> None:
        """Type into the terminal, as a person would after clicking in the page."""
        from selenium.webdriver.common.by import By

        self.driver.find_element(By.CSS_SELECTOR, ".xterm-helper-textarea").send_keys(*keys)

    def acting_as(self) -> str | None:
        """The app the header says the keys act as."""
        match = re.search(r"│  as (\S+)", self.screen())
        return match[1] if match else None

    def select_app(self, label: str, order: list[str]) -> None:
        """Move the apps table's cursor to `label` with the arrow keys, each key once its effect shows
        (keys typed at machine speed can reach the page before the tab has its focus back)."""
        from selenium.webdriver.common.keys import Keys

        self.press("1")
        for _ in range(3 * len(order)):
            now = self.acting_as()
            if now == label:
                return
            key = Keys.DOWN if now not in order or order.index(now) < order.index(label) else Keys.UP
            self.press(key)
            try:
                self.wait_for(lambda s: self.acting_as() != now, f"the cursor leaving {now}", timeout_s=2)
            except AssertionError:
                continue  # the key came before the focus: press it again
        raise AssertionError(f"could not select {label}: the keys act as {self.acting_as()}")

    def screenshot(self, path: Path) -> Path:
        self.driver.save_screenshot(str(path))
        return path

    def quit(self) -> None:
        self.driver.quit()
