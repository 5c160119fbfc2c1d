"""Fixtures for the page's browser tests: one headless Chromium for the whole run, and the
product under uvicorn (its own SQLite copy) in development mode with the offline model, or
with a scripted fake model, or in production mode behind a fake Better Auth server.

Without Chromium the tests are skipped locally with the reason; CI (`CI=true`) installs it
and fails instead, so a missing browser can never pass for green.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from selenium.webdriver.remote.webdriver import WebDriver

from tests.fakes.better_auth import FakeBetterAuth
from tests.fakes.openai_server import FakeOpenAIServer
from tests.support.browser import ChatPage, browser_paths, start_chromium
from tests.support.processes import Server, copy_database, product_env, serving

WIDTH, HEIGHT = 1280, 900
_users = itertools.count(1)


@pytest.fixture(scope="session")
def browser() -> Iterator[WebDriver]:
    if browser_paths() is None:
        message = "Chromium is not installed (apt-get install chromium chromium-driver)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    driver = start_chromium(width=WIDTH, height=HEIGHT)
    yield driver
    driver.quit()


@dataclass
class Servers:
    dev: Server
    model: Server
    production: Server


@pytest.fixture(scope="module")
def model() -> Iterator[FakeOpenAIServer]:
    with FakeOpenAIServer(policy="no_tool") as server:
        yield server


@pytest.fixture(scope="module")
def better_auth() -> Iterator[FakeBetterAuth]:
    with FakeBetterAuth() as auth:
        yield auth


@pytest.fixture(scope="module")
def servers(migrated_sqlite, tmp_path_factory, model, better_auth) -> Iterator[Servers]:
    """The three ways the page is served, started together (starting takes seconds each):

    - dev: `DEBUG=true` (the development sign-in form), the offline model;
    - model: `DEBUG=true`, a scripted model (the fake OpenAI server) that is never retried;
    - production: `DEBUG=false`, tokens from the (fake) Better Auth server, verified by its
      JWKS; the offline model.
    """
    directory = tmp_path_factory.mktemp("servers")

    def server(name: str, **env: str) -> Server:
        database = copy_database(migrated_sqlite, directory / name)
        return Server.product(product_env(database, **env), log_path=directory / f"{name}.log")

    for name in ("dev", "model", "production"):
        (directory / name).mkdir()
    chosen = Servers(
        dev=server("dev", DEBUG="true", CHAT_RATE_LIMIT="100000/min"),
        model=server(
            "model",
            DEBUG="true",
            AGENT_MODEL="gpt-4.1-mini",
            OPENAI_API_KEY="test-key",
            OPENAI_BASE_URL=model.base_url,
            AGENT_MODEL_API="chat_completions",
            AGENT_MAX_RETRIES="0",
        ),
        production=server(
            "production", AUTH_TOKEN_URL=better_auth.token_url, AUTH_JWKS_URL=better_auth.jwks_url
        ),
    )
    with serving(chosen.dev, chosen.model, chosen.production, log_dir=directory):
        yield chosen


@pytest.fixture
def dev_server(servers) -> Server:
    return servers.dev


@pytest.fixture
def model_server(servers) -> Server:
    return servers.model


@pytest.fixture
def production_server(servers) -> Server:
    return servers.production


@pytest.fixture
def user() -> str:
    """A user of this test only: an empty task list, no conversations."""
    return f"user{os.getpid()}x{next(_users)}"


@pytest.fixture
def fresh_browser(browser) -> Iterator[WebDriver]:
    """The shared browser, as a new visitor would bring it: desktop size, no cookies, the
    system's colour scheme and time zone."""
    browser.set_window_size(WIDTH, HEIGHT)
    browser.get_log("browser")  # what earlier tests left
    yield browser
    # No uncaught script error and no Content-Security-Policy violation, whatever the test did.
    problems = [
        entry["message"]
        for entry in browser.get_log("browser")
        if entry["source"] in ("javascript", "security")
    ]
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": []})
    browser.execute_cdp_cmd("Emulation.setTimezoneOverride", {"timezoneId": ""})
    browser.delete_all_cookies()
    browser.get("about:blank")
    assert problems == []


@pytest.fixture
def page(fresh_browser, dev_server) -> ChatPage:
    return ChatPage(fresh_browser, dev_server.base_url)
