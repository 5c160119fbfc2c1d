"""Reminders on the chat page: a real `runworker` fires a reminder, the page (polling the
notifications API) shows it until the user marks it seen, and hands it to the browser's
notifications once the user has allowed them.

The product, the worker and this test share one database (`shared_database`): the test arms the
reminder through the tasks services, as `add_task` would, and watches only the browser.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from django.utils import timezone

from tasks import services
from tasks.models import Notification
from tests.support.browser import ChatPage
from tests.support.processes import Server, product_env
from tests.support.worker import WAIT_S, WorkerProcess, shared_database, worker_env

pytestmark = pytest.mark.django_db(transaction=True)

# Records every `new Notification(…)` instead of showing it; the permission stays the browser's.
# Installed before the page's own script runs (through DevTools, so the page's CSP allows it).
NOTIFICATION_SPY = """
(() => {
  const Real = window.Notification;
  window.shownNotifications = [];
  window.permissionRequests = 0;
  class Spy {
    constructor(title, options) {
      window.shownNotifications.push({ title, ...(options || {}) });
    }
    static get permission() { return Real.permission; }
    static requestPermission() {
      window.permissionRequests += 1;
      return Real.requestPermission();
    }
  }
  window.Notification = Spy;
})();
"""


@pytest.fixture
def served(request, tmp_path, fresh_browser) -> Iterator[ChatPage]:
    """The product (development sign-in, polling notifications every 0.2 s) and one worker, on a
    database this test writes to; the page at that product's address."""
    with shared_database(request, tmp_path) as database:
        env = product_env(database, DEBUG="true", PAGE_NOTIFICATIONS_POLL_S="0.2")
        server = Server.product(env, log_path=tmp_path / "server.log")
        with server, WorkerProcess(worker_env(database), tmp_path / "worker.log"):
            yield ChatPage(fresh_browser, server.base_url)


def remind(user_id: str, title: str, *, seconds_ahead: float = 2) -> None:
    """A task whose reminder is due `seconds_ahead` from now, added as `add_task` adds it."""
    at = timezone.now() + timedelta(seconds=seconds_ahead)
    services.task_create(user_id=user_id, title=title, reminder=at.isoformat())


def notices(page: ChatPage) -> list[str]:
    return page.texts("#notices .notice .notice-title")


def polls(page: ChatPage) -> int:
    return int(page.find("#notices").get_attribute("data-polls") or 0)


def wait_polls(page: ChatPage, count: int) -> None:
    """Wait until `count` more polls of the notifications API have been answered and shown."""
    target = polls(page) + count
    page.wait_for(lambda: polls(page) >= target, f"fewer than {count} polls ended")


def test_a_fired_reminder_shows_on_the_page_once_until_it_is_marked_seen(served, user):
    page = served.sign_in(user)
    wait_polls(page, 1)
    assert notices(page) == []
    assert page.find("#notices").get_attribute("hidden") is not None

    remind(user, "<b>Call</b> the dentist")
    page.wait_for(lambda: notices(page), "the reminder never showed", timeout=WAIT_S)
    # Later polls bring nothing twice.
    wait_polls(page, 3)
    assert notices(page) == ["<b>Call</b> the dentist"]  # as text, never as markup
    notice = page.find("#notices .notice")
    assert notice.get_attribute("role") == "alert"
    assert "Reminder: <b>Call</b> the dentist" in notice.text

    # Unseen, it is still there after a reload (a new sign-in: the token lived in memory).
    page.sign_in(user)
    page.wait_for(lambda: notices(page) == ["<b>Call</b> the dentist"], "gone after a reload")

    page.find("#notices .seen").click()
    page.wait_for(lambda: notices(page) == [], "still shown after Seen")
    assert Notification.objects.get(user_id=user).seen_at is not None
    page.sign_in(user)
    wait_polls(page, 2)
    assert notices(page) == []


def test_a_fired_reminder_becomes_a_browser_notification_once_allowed(served, user):
    browser = served.browser
    origin = served.base_url
    spy = browser.execute_cdp_cmd(
        "Page.addScriptToEvaluateOnNewDocument", {"source": NOTIFICATION_SPY}
    )
    try:
        browser.execute_cdp_cmd(
            "Browser.grantPermissions", {"origin": origin, "permissions": ["notifications"]}
        )
        page = served.sign_in(user)
        wait_polls(page, 1)
        assert page.script("return Notification.permission") == "granted"
        # Allowed already: nothing left to ask.
        assert not page.find("#enable-notifications").is_displayed()

        remind(user, "Water the plants")
        page.wait_for(
            lambda: page.script("return window.shownNotifications.length"),
            "no browser notification",
            timeout=WAIT_S,
        )
        wait_polls(page, 3)
        (shown,) = page.script("return window.shownNotifications")
        assert shown["title"] == "Reminder: Water the plants"
        assert shown["body"]  # when it was due, in the browser's words
        assert shown["tag"] == str(Notification.objects.get(user_id=user).delivery_id)
    finally:
        browser.execute_cdp_cmd("Browser.resetPermissions", {})
        browser.execute_cdp_cmd(
            "Page.removeScriptToEvaluateOnNewDocument", {"identifier": spy["identifier"]}
        )


def test_permission_is_asked_only_from_the_button_and_nothing_shows_without_it(served, user):
    browser = served.browser
    spy = browser.execute_cdp_cmd(
        "Page.addScriptToEvaluateOnNewDocument", {"source": NOTIFICATION_SPY}
    )
    try:
        page = served.sign_in(user)
        wait_polls(page, 1)
        assert page.script("return Notification.permission") == "default"
        remind(user, "Feed the cat")
        page.wait_for(lambda: notices(page), "the reminder never showed", timeout=WAIT_S)
        # Not allowed: the notice only, no browser notification, and never asked on load.
        assert page.script("return window.shownNotifications") == []
        assert page.script("return window.permissionRequests") == 0

        page.find("#enable-notifications").click()
        page.wait_for(lambda: page.script("return window.permissionRequests") == 1, "not asked")
    finally:
        browser.execute_cdp_cmd(
            "Page.removeScriptToEvaluateOnNewDocument", {"identifier": spy["identifier"]}
        )
