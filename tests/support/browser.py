"""A real browser for the page's tests and the screenshot command: Debian's Chromium, driven by
Selenium through Debian's chromedriver (`apt-get install chromium chromium-driver`; `.ci/run`
installs both). No test tool ever downloads a browser or a driver.

`ChatPage` speaks the page's language (sign in, send, the task panel) so that tests read like
what a person does.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support.wait import WebDriverWait

REPO_ROOT = Path(__file__).resolve().parents[2]
# Where `.ci/run` puts the axe-core accessibility engine from the npm registry (git-ignored).
AXE_CORE_JS = REPO_ROOT / ".browser" / "axe-core" / "axe.min.js"
WAIT_S = 20

T = TypeVar("T")


def browser_paths() -> tuple[str, str] | None:
    """Debian's Chromium and chromedriver, or None when either is missing."""
    chromium = os.environ.get("CHROMIUM") or shutil.which("chromium")
    driver = os.environ.get("CHROMEDRIVER") or shutil.which("chromedriver")
    if chromium and driver:
        return chromium, driver
    return None


def start_chromium(*, width: int = 1280, height: int = 900, timezone: str = "UTC") -> WebDriver:
    """A headless Chromium window of `width` x `height` CSS pixels, in `timezone`."""
    paths = browser_paths()
    if paths is None:
        raise RuntimeError("Chromium is not installed: apt-get install chromium chromium-driver")
    chromium, driver = paths
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for argument in (
        "--headless=new",
        "--no-sandbox",  # CI runs as root
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--no-first-run",
        "--disable-extensions",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--hide-scrollbars",
        "--force-device-scale-factor=1",
        "--lang=en-US",  # dates and times as the tests (and the README's picture) expect
        f"--window-size={width},{height}",
    ):
        options.add_argument(argument)
    # Selenium Manager is never asked for anything: the paths above are given.
    service = Service(executable_path=driver, env={**os.environ, "TZ": timezone})
    browser = webdriver.Chrome(service=service, options=options)
    browser.set_window_size(width, height)
    return browser


def axe_source() -> str | None:
    """axe-core's script, when installed (`.ci/run` fetches it from the npm registry)."""
    path = Path(os.environ.get("AXE_CORE_JS") or AXE_CORE_JS)
    return path.read_text() if path.is_file() else None


class ChatPage:
    """The chat page in a browser, at `base_url`."""

    def __init__(self, browser: WebDriver, base_url: str) -> None:
        self.browser = browser
        self.base_url = base_url

    # -- waiting

    def wait_for(self, condition: Callable[[], T], message: str, timeout: float = WAIT_S) -> T:
        """Poll `condition` until it returns something truthy; fail with `message`."""
        return WebDriverWait(self.browser, timeout, poll_frequency=0.05).until(
            lambda _: condition(), message
        )

    def find(self, css: str) -> WebElement:
        return self.browser.find_element(By.CSS_SELECTOR, css)

    def find_all(self, css: str) -> list[WebElement]:
        return self.browser.find_elements(By.CSS_SELECTOR, css)

    def script(self, source: str, *args: Any) -> Any:
        return self.browser.execute_script(source, *args)

    # -- signing in

    def open(self) -> ChatPage:
        self.browser.get(self.base_url + "/")
        return self

    def sign_in(self, user: str) -> ChatPage:
        """The development sign-in form: a user name, then Enter."""
        self.open()
        name = self.wait_for(lambda: self._visible("#user-name"), "no sign-in form")
        name.send_keys(user, Keys.ENTER)
        self.wait_for(lambda: self._visible("#message"), "the chat did not open")
        return self

    def _visible(self, css: str) -> WebElement | None:
        found = self.find_all(css)
        return found[0] if found and found[0].is_displayed() else None

    # -- chatting

    def type(self, text: str) -> None:
        box = self.find("#message")
        box.send_keys(text)

    def send(self, text: str) -> WebElement:
        """Type `text` and press Enter; the assistant's answer element (not yet finished)."""
        before = len(self.assistant_messages())
        self.type(text)
        self.find("#message").send_keys(Keys.ENTER)
        return self.wait_for(
            lambda: len(self.assistant_messages()) > before and self.assistant_messages()[-1],
            "no answer started",
        )

    def say(self, text: str) -> WebElement:
        """Send `text` and wait for the whole answer; the answer element."""
        answer = self.send(text)
        self.wait_finished(answer)
        return answer

    def wait_finished(self, answer: WebElement) -> None:
        self.wait_for(lambda: answer.get_attribute("aria-busy") == "false", "the turn never ended")

    def assistant_messages(self) -> list[WebElement]:
        return self.find_all("#messages .message.assistant")

    def texts(self, css: str) -> list[str]:
        """The text of every element matching `css`, read at one instant (the page re-renders
        lists as answers arrive)."""
        return self.script(
            "return Array.from(document.querySelectorAll(arguments[0]), e => e.textContent)", css
        )

    def user_messages(self) -> list[str]:
        return self.texts("#messages .message.user .text")

    @staticmethod
    def reply_text(answer: WebElement) -> str:
        return answer.find_element(By.CSS_SELECTOR, ".text").text.strip()

    @staticmethod
    def chips(answer: WebElement) -> list[str]:
        return [chip.text for chip in answer.find_elements(By.CSS_SELECTOR, ".chip")]

    # -- the task panel

    def tasks(self, status: str) -> list[str]:
        """The titles listed under "Pending" or "Completed"."""
        return self.texts(f"#{status}-tasks .task .title")

    def wait_tasks(self, status: str, titles: list[str]) -> None:
        self.wait_for(
            lambda: sorted(self.tasks(status)) == sorted(titles),
            f"{status} tasks never became {titles} (they are {self.tasks(status)})",
        )
