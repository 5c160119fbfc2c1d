"""The chat page in Debian's Chromium, against the product under uvicorn: what a person does with
it — sign in, chat their list into shape, watch it change, come back to an earlier chat, survive
a failure — with a keyboard only and on a phone, and nobody's text ever running as code."""

from __future__ import annotations

import json
import os
import time

import pytest
from selenium.common.exceptions import NoAlertPresentException
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from tests.fakes.openai_server import Fail, Hang, Text, ToolCall
from tests.jwks import hs256_token
from tests.support.browser import ChatPage, axe_source
from tests.support.processes import JWT_SECRET

# Records what the page sends to the chat endpoint (installed into the page by the test).
RECORD_CHAT_REQUESTS = """
window.chatRequests = [];
const send = window.fetch;
window.fetch = (url, init) => {
  if (String(url).endsWith('/chat')) {
    window.chatRequests.push({headers: init.headers, body: JSON.parse(init.body)});
  }
  return send(url, init);
};
"""


def test_sign_in_add_three_tasks_by_chat_and_complete_one_by_name(page, user):
    page.sign_in(user)

    added = [
        page.chips(page.say(message))[0]
        for message in ("add buy milk", "Add a task to call mom", "Remind me to pay bills")
    ]

    page.wait_tasks("pending", ["Buy milk", "Call mom", "Pay bills"])
    answer = page.say("I finished the milk")
    page.wait_tasks("pending", ["Call mom", "Pay bills"])
    page.wait_tasks("completed", ["Buy milk"])
    assert "Buy milk" in page.reply_text(answer)
    # Each tool call is a readable chip: what ran, on which task, how it went; details on click.
    chip = answer.find_elements(By.CSS_SELECTOR, ".chip")[-1]
    assert chip.text == "complete #1 “Buy milk” · ok"
    chip.click()
    details = json.loads(answer.find_elements(By.CSS_SELECTOR, ".chip-details")[-1].text)
    assert details["tool"] == "complete_task"
    assert details["result"]["status"] == "completed"
    assert "user_id" not in details["arguments"]
    # The panel numbers tasks as the assistant does.
    numbers = page.texts("#pending-tasks .number")
    assert [
        f"add {number} “{title}” · ok"
        for number, title in zip(numbers, ["Call mom", "Pay bills"], strict=True)
    ] == added[1:]
    # The panel's search asks the tasks API.
    page.find("#task-search").send_keys("bills")
    page.wait_tasks("pending", ["Pay bills"])
    page.wait_tasks("completed", [])
    # The token travels in a header only: no address the page loaded carries it, and the
    # page keeps nothing in storage.
    loaded = page.script("return performance.getEntriesByType('resource').map(e => e.name)")
    assert any("/tasks" in url for url in loaded)
    assert not [url for url in loaded if "eyJ" in url]
    assert page.script("return localStorage.length + sessionStorage.length") == 0


def test_each_turn_sends_the_browsers_time_zone(page, user, fresh_browser):
    fresh_browser.execute_cdp_cmd(
        "Emulation.setTimezoneOverride", {"timezoneId": "Pacific/Auckland"}
    )
    page.sign_in(user)
    page.script(RECORD_CHAT_REQUESTS)

    page.say("hi")

    # One request, for the stream (the server streams: no JSON fallback needed).
    requests = page.script("return window.chatRequests")
    assert [r["headers"]["Accept"] for r in requests] == ["text/event-stream"]
    request = requests[-1]
    assert request["body"]["timezone"] == "Pacific/Auckland"
    assert request["body"]["message"] == "hi"
    assert request["headers"]["Idempotency-Key"]


# The task list answered with `arguments[0]` (pending) and `arguments[1]` (completed).
STUB_TASKS = """
const [pending, completed] = arguments;
const send = window.fetch;
window.fetch = (url, init) => {
  const address = new URL(url, location.href);
  if (address.pathname.endsWith('/tasks')) {
    const results = address.searchParams.get('status') === 'pending' ? pending : completed;
    const body = {count: results.length, next: null, previous: null, results};
    return Promise.resolve(new Response(JSON.stringify(body),
      {headers: {'Content-Type': 'application/json'}}));
  }
  return send(url, init);
};
"""


def task(number: int, title: str, **fields) -> dict:
    item = {"id": number, "title": title, "description": "", "completed": False}
    item |= {"due": None, "priority": "none", "tags": [], "recurrence": None}
    return item | fields


def test_the_panel_shows_numbers_due_dates_in_the_users_zone_priority_and_tags(
    page, user, fresh_browser
):
    fresh_browser.execute_cdp_cmd("Emulation.setTimezoneOverride", {"timezoneId": "Europe/Paris"})
    page.sign_in(user)
    pending = [
        task(4, "Send the report", due="2099-12-03T17:00:00-05:00", priority="high", tags=["work"]),
        task(7, "Water plants", due="2099-12-04", recurrence="FREQ=WEEKLY;BYDAY=MO"),
        task(9, "Renew passport", due="2001-01-01"),
    ]
    completed = [task(2, "Buy milk", completed=True, completed_at="2026-11-28T09:00:00+01:00")]
    page.script(STUB_TASKS, pending, completed)

    page.find("#refresh-tasks").click()

    page.wait_tasks("pending", ["Send the report", "Water plants", "Renew passport"])
    rows = page.texts("#pending-tasks .task")
    # 17:00 in New York is 23:00 in Paris; a date-only due date stays on its day.
    assert rows[0] == "#4Send the reportdue Thu, Dec 3, 11:00 PMhigh priority#work"
    assert rows[1] == "#7Water plantsdue Fri, Dec 4repeats"
    assert rows[2] == "#9Renew passportoverdue Mon, Jan 1"
    assert page.texts("#completed-tasks .task .number") == ["#2"]
    assert page.texts("#pending-count") == ["(3)"]


def test_continue_an_earlier_conversation(page, user, dev_server):
    page.sign_in(user)
    page.say("add water the plants")
    page.find("#new-chat").click()
    assert page.find_all("#messages .message") == []
    page.say("hi")
    page.wait_for(lambda: len(page.find_all("#conversation-list button")) == 2, "two chats")
    # Each is named by its first message (they were "Chat <id>", a number shared by all users).
    assert page.texts("#conversation-list .conversation-name") == ["hi", "add water the plants"]

    # The earlier chat is the older one, listed second.
    page.find_all("#conversation-list button")[1].click()
    page.wait_for(lambda: page.user_messages() == ["add water the plants"], "old chat not shown")
    page.say("what is pending?")

    token = hs256_token(JWT_SECRET, sub=user)
    conversations = dev_server.request("GET", f"/api/{user}/conversations", token=token).json()
    # Continuing it made it the most recently active one.
    assert conversations["count"] == 2
    first = conversations["results"][0]["id"]
    assert first == min(c["id"] for c in conversations["results"])
    messages = dev_server.request(
        "GET", f"/api/{user}/conversations/{first}/messages", token=token
    ).json()
    assert [m["content"] for m in messages["results"] if m["role"] == "user"] == [
        "add water the plants",
        "what is pending?",
    ]


def test_a_task_title_that_looks_like_html_shows_as_text(page, user):
    title = "<img src=x onerror=alert(1)>"
    page.sign_in(user)

    answer = page.say(f"add {title}")

    page.wait_tasks("pending", [title])
    assert title in page.reply_text(answer)
    assert page.find_all("img") == []
    with pytest.raises(NoAlertPresentException):
        page.browser.switch_to.alert.text  # noqa: B018 - reading it is the check


# Task lists asked for without a search answer `arguments[0]` ms late.
DELAY_UNFILTERED_TASKS = """
const send = window.fetch;
window.fetch = async (url, init) => {
  const address = new URL(url, location.href);
  if (address.pathname.endsWith('/tasks') && !address.searchParams.has('search')) {
    await new Promise((resolve) => setTimeout(resolve, arguments[0]));
  }
  return send(url, init);
};
"""


def test_a_task_list_answered_late_never_replaces_a_newer_one(page, user):
    # The refresh after a turn, answered after the search typed since, replaced its result.
    page.sign_in(user)
    page.say("add buy milk")
    page.say("add call mom")
    page.wait_tasks("pending", ["Buy milk", "Call mom"])
    page.script(DELAY_UNFILTERED_TASKS, 1000)

    page.find("#refresh-tasks").click()
    page.find("#task-search").send_keys("milk")
    page.wait_tasks("pending", ["Buy milk"])
    time.sleep(1.5)  # the unfiltered lists arrive now

    assert page.tasks("pending") == ["Buy milk"]
    assert page.find("#pending-count").text == "(1)"


# Every task list is answered `arguments[0]` with the body `arguments[1]`.
FAIL_TASK_LISTS = """
const [status, body] = arguments;
const send = window.fetch;
window.fetch = (url, init) => {
  if (new URL(url, location.href).pathname.endsWith('/tasks')) {
    return Promise.resolve(new Response(JSON.stringify(body),
      {status, headers: {'Content-Type': 'application/json', 'Retry-After': '7'}}));
  }
  return send(url, init);
};
"""


@pytest.mark.parametrize(
    ("status", "code", "shown"),
    [
        (503, "database_unavailable", "its database cannot be reached). Try again shortly."),
        (429, "rate_limited", "too many requests. Try again in 7 s."),
    ],
)
def test_a_task_panel_that_cannot_load_says_why_in_its_own_words(page, user, status, code, shown):
    # It spoke of a message: "Your message is kept", "You are sending messages too fast".
    page.sign_in(user)
    page.script(FAIL_TASK_LISTS, status, api_error(code, "…"))

    page.find("#refresh-tasks").click()

    text = page.wait_for(lambda: page.find("#tasks-status").text, "nothing said")
    assert text.startswith("Tasks could not be loaded: ") and text.endswith(shown)
    assert "message" not in text


def test_the_browser_enforces_the_pages_content_security_policy(page, fresh_browser):
    page.open()
    page.wait_for(lambda: page.find("#user-name").is_displayed(), "the page did not load")

    # What an injection would try: an inline script, and a resource from another origin.
    page.script(
        "const s = document.createElement('script'); s.textContent = 'window.injected = 1';"
        "document.body.append(s);"
        "const i = document.createElement('img'); i.src = 'https://example.com/x.png';"
        "document.body.append(i);"
    )

    reported: list[str] = []

    def both_refused() -> bool:
        log = fresh_browser.get_log("browser")
        reported.extend(e["message"] for e in log if e["source"] == "security")
        return len(reported) >= 2

    page.wait_for(both_refused, "the Content-Security-Policy did not refuse both")
    assert any("script-src" in message for message in reported)
    assert any("example.com" in message for message in reported)
    assert page.script("return window.injected === undefined")


def test_keyboard_only(page, user):
    page.open()
    keys = ActionChains(page.browser)
    # The sign-in form has the focus: a name, Enter; then the message box has it.
    page.wait_for(lambda: page.script("return document.activeElement.id") == "user-name", "focus")
    keys.send_keys(user, Keys.ENTER).perform()
    page.wait_for(lambda: page.script("return document.activeElement.id") == "message", "focus")

    # Shift+Enter is a new line, not a send.
    keys.send_keys("add bake bread").key_down(Keys.SHIFT).send_keys(Keys.ENTER).key_up(
        Keys.SHIFT
    ).perform()
    assert page.find("#message").get_attribute("value") == "add bake bread\n"
    assert page.assistant_messages() == []
    keys.send_keys(Keys.BACKSPACE, Keys.ENTER).perform()
    page.wait_finished(page.wait_for(lambda: page.assistant_messages(), "no answer")[0])
    page.wait_tasks("pending", ["Bake bread"])
    assert page.user_messages() == ["add bake bread"]

    # Tab moves on to Send, then to the task filter; the focus is always visible.
    for expected in ("send", "task-filter"):
        keys.send_keys(Keys.TAB).perform()
        assert page.script("return document.activeElement.id") == expected
        outline = page.script("return getComputedStyle(document.activeElement).outlineStyle")
        assert outline not in ("none", "")
    # The filter works from the keyboard too.
    keys.send_keys(Keys.DOWN).perform()  # "pending"
    page.wait_for(lambda: not page.find("#completed-section").is_displayed(), "filter ignored")


def test_phone_sized_screen(page, user, fresh_browser):
    fresh_browser.set_window_size(390, 844)
    page.sign_in(user)

    page.say("add buy stamps")
    # A long unbroken title made its chip a block of several lines, as wide as the reply.
    title = "S" + ("supercalifragilistic" * 9)[1:]
    chip = page.say(f"add {title.lower()}").find_element(By.CSS_SELECTOR, ".chip")

    page.wait_tasks("pending", ["Buy stamps", title])
    width = page.script("return window.innerWidth")
    assert page.script("return document.documentElement.scrollWidth") <= width
    for css in ("#message", "#send", "#pending-tasks", "#conversation-list button"):
        box = page.find(css).rect
        assert box["x"] >= 0 and box["x"] + box["width"] <= width, css
    assert chip.text.startswith(f"add #2 “{title[:40]}") and "…” · ok" in chip.text
    assert chip.rect["height"] < 3 * page.find("#send").rect["height"] / 2
    chip.click()
    assert title in page.find_all(".chip-details")[-1].text


# The notifications API answers one fired reminder for a task titled `window.reminderTitle`.
# Installed before the page's own script runs (its first poll is at sign-in).
STUB_ONE_REMINDER = """
const send = window.fetch;
window.fetch = (url, init) => {
  if (new URL(url, location.href).pathname.endsWith('/notifications')) {
    const notification = {id: 1, delivery_id: 'd-1', type: 'reminder',
      task: {id: 3, title: window.reminderTitle, due: null},
      reminder_at: '2026-12-07T09:00:00+00:00', fired_at: '2026-12-07T09:00:01+00:00',
      seen_at: null};
    const body = {notifications: [notification], last_id: 1};
    return Promise.resolve(new Response(JSON.stringify(body),
      {headers: {'Content-Type': 'application/json'}}));
  }
  return send(url, init);
};
"""


def test_right_to_left_text_and_long_reminder_titles_on_a_phone(page, user, fresh_browser):
    # Arabic text was laid out left to right, and a reminder's long unbroken title ran off the
    # screen.
    fresh_browser.set_window_size(390, 844)
    title = "تذكير" * 40
    script = f"window.reminderTitle = {json.dumps(title)};" + STUB_ONE_REMINDER
    added = fresh_browser.execute_cdp_cmd(
        "Page.addScriptToEvaluateOnNewDocument", {"source": script}
    )
    try:
        page.sign_in(user)
        notice = page.wait_for(lambda: page._visible("#notices .notice-title"), "no reminder")
    finally:
        fresh_browser.execute_cdp_cmd(
            "Page.removeScriptToEvaluateOnNewDocument", {"identifier": added["identifier"]}
        )
    page.say("مرحبا، كيف حالك؟")

    width = page.script("return window.innerWidth")
    assert page.script("return document.documentElement.scrollWidth") <= width
    assert page.find("#notices").rect["width"] <= width
    assert notice.rect["x"] >= 0 and notice.rect["x"] + notice.rect["width"] <= width
    rtl = "return arguments[0].matches(':dir(rtl)')"
    assert page.script(rtl, notice)
    assert page.script(rtl, page.find("#messages .message.user .text"))


def test_dark_scheme_and_reduced_motion_are_respected(page, user, fresh_browser):
    page.sign_in(user)
    thinking = "getComputedStyle(document.querySelector('.pending-dots'), '::after')"
    background = "return getComputedStyle(document.body).backgroundColor"
    page.script(FAIL_FIRST_CHAT_REQUEST, 0, None, {})  # no model needed: only styles matter here
    light = page.script(background)

    fresh_browser.execute_cdp_cmd(
        "Emulation.setEmulatedMedia",
        {
            "features": [
                {"name": "prefers-color-scheme", "value": "dark"},
                {"name": "prefers-reduced-motion", "value": "reduce"},
            ]
        },
    )
    page.send("hi")

    assert page.script(background) != light
    assert page.script(f"return {thinking}.animationName") == "none"
    fresh_browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": []})
    assert page.script(f"return {thinking}.animationName") == "blink"


def test_model_failure_then_retry_adds_the_task_once(fresh_browser, model_server, model, user):
    page = ChatPage(fresh_browser, model_server.base_url)
    model.script(
        [
            Fail(500),
            ToolCall("add_task", {"title": "Call the bank"}),
            Text("Added “Call the bank”."),
        ]
    )
    page.sign_in(user)
    page.script(RECORD_CHAT_REQUESTS)

    answer = page.say("add call the bank")

    failure = answer.find_element(By.CSS_SELECTOR, ".failure")
    assert "assistant is unavailable" in failure.text
    assert page.user_messages() == ["add call the bank"]  # the message never disappears
    failure.find_element(By.CSS_SELECTOR, "button.retry").click()
    page.wait_for(lambda: page.reply_text(answer) == "Added “Call the bank”.", "retry failed")
    page.wait_tasks("pending", ["Call the bank"])
    assert page.user_messages() == ["add call the bank"]
    assert not answer.find_element(By.CSS_SELECTOR, ".failure").is_displayed()
    # One streamed request each, the retry with the same key and body.
    *_, first, retry = page.script("return window.chatRequests")
    assert retry["headers"]["Idempotency-Key"] == first["headers"]["Idempotency-Key"]
    assert retry["body"] == first["body"]
    token = hs256_token(JWT_SECRET, sub=user)
    tasks = model_server.request("GET", f"/api/{user}/tasks", token=token).json()
    assert [task["title"] for task in tasks["results"]] == ["Call the bank"]


# The first chat request fails the way the server (or the network) fails; the retry goes through.
FAIL_FIRST_CHAT_REQUEST = """
const [status, body, headers] = arguments;
const send = window.fetch;
let failed = false;
window.fetch = (url, init) => {
  if (!failed && String(url).endsWith('/chat')) {
    failed = true;
    if (status === 0) return Promise.reject(new TypeError('Failed to fetch'));
    return Promise.resolve(new Response(JSON.stringify(body), {status, headers}));
  }
  return send(url, init);
};
"""


def api_error(code: str, message: str) -> dict:
    return {"error": {"code": code, "message": message}}


@pytest.mark.parametrize(
    ("status", "body", "headers", "shown"),
    [
        (502, api_error("model_error", "…"), {}, "the model failed"),
        (504, api_error("model_timeout", "…"), {}, "took too long"),
        (503, api_error("database_unavailable", "…"), {"Retry-After": "5"}, "database"),
        (429, api_error("rate_limited", "…"), {"Retry-After": "2"}, "retry in 2 s"),
        (0, None, {}, "Connection lost"),
    ],
    ids=["model error", "timeout", "database outage", "rate limit", "lost connection"],
)
def test_failures_are_explained_and_retried(page, user, status, body, headers, shown):
    page.sign_in(user)
    page.script(
        FAIL_FIRST_CHAT_REQUEST, status, body, {"Content-Type": "application/json", **headers}
    )

    answer = page.say("add mend the fence")

    failure = answer.find_element(By.CSS_SELECTOR, ".failure")
    assert shown.lower() in failure.text.lower()
    assert failure.get_attribute("role") == "alert"
    assert page.user_messages() == ["add mend the fence"]
    retry = failure.find_element(By.CSS_SELECTOR, "button.retry")
    # A rate limit's retry waits out Retry-After.
    assert retry.is_enabled() == (status != 429)
    page.wait_for(retry.is_enabled, "retry never enabled")
    retry.click()
    page.wait_tasks("pending", ["Mend the fence"])
    assert page.user_messages() == ["add mend the fence"]


# Chat requests answered with an AI SDK UI message stream (v1) made of `arguments[0]` (frames
# sent at once) and `arguments[1]` (sent when the test calls `window.releaseStream()`); the
# requests are recorded in `window.chatRequests`.
STREAM_CHAT = """
const [first, rest] = arguments;
window.chatRequests = [];
window.fetch = (url, init) => {
  window.chatRequests.push(JSON.parse(init.body));
  const encoder = new TextEncoder();
  const frame = (event) => encoder.encode(
    'data: ' + (typeof event === 'string' ? event : JSON.stringify(event)) + '\\n\\n');
  let release;
  window.releaseStream = () => release();
  const body = new ReadableStream({
    async start(controller) {
      first.forEach((event) => controller.enqueue(frame(event)));
      await new Promise((resolve) => { release = resolve; });
      rest.forEach((event) => controller.enqueue(frame(event)));
      controller.close();
    },
  });
  return Promise.resolve(new Response(body, {
    status: 200,
    headers: {'Content-Type': 'text/event-stream', 'x-vercel-ai-ui-message-stream': 'v1'},
  }));
};
"""

STREAMED_TURN_START = [
    {"type": "start", "messageId": "msg_1", "messageMetadata": {"conversationId": 4242}},
    {"type": "start-step"},
    {"type": "tool-input-start", "toolCallId": "call_1", "toolName": "add_task"},
    {
        "type": "tool-input-available",
        "toolCallId": "call_1",
        "toolName": "add_task",
        "input": {"title": "Buy milk"},
    },
    {
        "type": "tool-output-available",
        "toolCallId": "call_1",
        "output": {"task_id": 7, "status": "created", "title": "Buy milk"},
    },
    {
        "type": "tool-input-available",
        "toolCallId": "call_2",
        "toolName": "complete_task",
        "input": {"task_id": 99},
    },
    {"type": "tool-output-error", "toolCallId": "call_2", "errorText": "Task 99 not found."},
    {"type": "finish-step"},
    {"type": "text-start", "id": "text_1"},
    {"type": "text-delta", "id": "text_1", "delta": "Added "},
]


def test_the_page_reads_a_streamed_turn_as_it_arrives(page, user):
    page.sign_in(user)
    page.script(
        STREAM_CHAT,
        STREAMED_TURN_START,
        [
            {"type": "text-delta", "id": "text_1", "delta": "“Buy milk”."},
            {"type": "text-end", "id": "text_1"},
            {"type": "finish"},
            "[DONE]",
        ],
    )

    answer = page.send("add buy milk and complete task 99")

    # The first words and the tool calls are shown while the turn is still running.
    page.wait_for(lambda: page.reply_text(answer) == "Added", "the stream was not shown")
    assert page.chips(answer) == [
        "add #7 “Buy milk” · ok",
        "complete #99 · error: Task 99 not found.",
    ]
    assert answer.get_attribute("aria-busy") == "true"
    page.script("window.releaseStream()")
    page.wait_finished(answer)
    assert page.reply_text(answer) == "Added “Buy milk”."
    # The next turn continues the conversation the stream named.
    page.script(STREAM_CHAT, [], [])
    page.send("hi")
    assert page.script("return window.chatRequests")[0]["conversation_id"] == 4242


def test_an_error_in_the_stream_keeps_what_arrived_and_offers_a_retry(page, user):
    page.sign_in(user)
    page.script(
        STREAM_CHAT,
        STREAMED_TURN_START,
        [{"type": "error", "errorText": "The assistant is unavailable right now."}],
    )

    answer = page.send("add buy milk")
    page.wait_for(lambda: page.reply_text(answer) == "Added", "the stream was not shown")
    page.script("window.releaseStream()")

    failure = page.wait_for(
        lambda: (
            answer.find_element(By.CSS_SELECTOR, ".failure").is_displayed()
            and answer.find_element(By.CSS_SELECTOR, ".failure")
        ),
        "no failure shown",
    )
    assert "The assistant is unavailable right now." in failure.text
    assert page.reply_text(answer) == "Added"
    assert failure.find_element(By.CSS_SELECTOR, "button.retry").is_enabled()


def test_reply_streams_in_before_the_turn_ends(fresh_browser, model_server, model, user):
    page = ChatPage(fresh_browser, model_server.base_url)
    # The first part of the reply (the tool call) is ready at once; its last words take a while.
    model.script([ToolCall("add_task", {"title": "Stream it"}), Hang(3, Text("Added it."))])
    page.sign_in(user)

    answer = page.send("add stream it")

    page.wait_for(lambda: page.chips(answer) or page.reply_text(answer), "nothing arrived")
    still_running = answer.get_attribute("aria-busy") == "true"
    page.wait_finished(answer)
    assert still_running, "the reply appeared only once the whole turn was over"
    assert page.reply_text(answer) == "Added it."


def test_production_sign_in_through_better_auth(fresh_browser, production_server, better_auth):
    page = ChatPage(fresh_browser, production_server.base_url).open()

    # Not signed in at the auth server: no development form, an invitation to sign in.
    page.wait_for(lambda: page.find("#signin-retry").is_displayed(), "no sign-in prompt")
    assert not page.find("#signin-form").is_displayed()
    fresh_browser.get(f"{better_auth.base_url}/sign-in?user=pat")
    page.open()
    page.wait_for(lambda: page.find("#who-name").text == "pat", "not signed in")

    page.say("add renew the passport")
    page.wait_tasks("pending", ["Renew the passport"])


def test_an_expired_sign_in_asks_to_sign_in_again_and_keeps_the_message(
    fresh_browser, production_server, better_auth
):
    better_auth.token_ttl_s = 8  # the page renews tokens 5 s before they expire
    fresh_browser.get(f"{better_auth.base_url}/sign-in?user=quinn")
    page = ChatPage(fresh_browser, production_server.base_url).open()
    page.wait_for(lambda: page.find("#who-name").text == "quinn", "not signed in")
    better_auth.end_sessions()
    expires = better_auth.issued[-1]["exp"]
    page.wait_for(lambda: page.script("return Date.now() / 1000") > expires - 5, "still fresh")

    page.send("add water the lawn")

    page.wait_for(lambda: page.find("#signin").is_displayed(), "no sign-in prompt")
    assert "expired" in page.find("#signin-status").text
    # Signing in again (in another tab) and continuing brings the message back, ready to retry.
    better_auth.token_ttl_s = 900
    chat = fresh_browser.current_window_handle
    fresh_browser.switch_to.new_window("tab")
    fresh_browser.get(f"{better_auth.base_url}/sign-in?user=quinn")
    fresh_browser.close()
    fresh_browser.switch_to.window(chat)
    page.find("#signin-retry").click()
    page.wait_for(lambda: page.find("#message").is_displayed(), "chat not back")
    assert page.user_messages() == ["add water the lawn"]
    answer = page.assistant_messages()[-1]
    answer.find_element(By.CSS_SELECTOR, "button.retry").click()
    page.wait_tasks("pending", ["Water the lawn"])


def serious_violations(page: ChatPage) -> list[str]:
    results = page.browser.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {resultTypes: ['violations']}).then("
        "  (r) => done(r.violations), (e) => done([{id: 'axe failed: ' + e, impact: 'critical',"
        "  nodes: []}]));"
    )
    return [
        f"{v['id']} ({v['impact']}): {[n.get('target') for n in v['nodes']]}"
        for v in results
        if v["impact"] in ("serious", "critical")
    ]


def test_no_serious_accessibility_violations(page, user, fresh_browser):
    axe = axe_source()
    if axe is None:
        message = "axe-core is not installed (.ci/run fetches it into .browser/)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    page.open()
    page.wait_for(lambda: page.find("#user-name").is_displayed(), "no sign-in form")
    page.script(axe)
    assert serious_violations(page) == []

    page.find("#user-name").send_keys(user, Keys.ENTER)
    answer = page.say("add check the smoke alarm")
    answer.find_element(By.CSS_SELECTOR, ".chip").click()
    page.wait_tasks("pending", ["Check the smoke alarm"])
    for scheme in ("light", "dark"):
        fresh_browser.execute_cdp_cmd(
            "Emulation.setEmulatedMedia",
            {"features": [{"name": "prefers-color-scheme", "value": scheme}]},
        )
        assert serious_violations(page) == [], scheme


def test_answers_still_on_their_way_at_sign_out_never_reach_the_next_user(page, user):
    # On a slow connection, a conversation clicked just before signing out arrived after the
    # next user signed in: shown to them, and their first message went to it (404).
    page.sign_in(user)
    page.say("add private medical appointment")
    page.find("#new-chat").click()
    page.find("#task-search").send_keys("medical")
    page.browser.set_network_conditions(
        offline=False, latency=1500, download_throughput=-1, upload_throughput=-1
    )
    try:
        page.find("#conversation-list button").click()
        page.find("#sign-out").click()
    finally:
        page.browser.delete_network_conditions()
    name = page.wait_for(lambda: page._visible("#user-name"), "no sign-in form")
    assert name.get_attribute("value") == ""
    name.send_keys(f"{user}b", Keys.ENTER)
    page.wait_for(lambda: page._visible("#message"), "the chat did not open")
    time.sleep(2)  # the old answers arrive now, and must be dropped

    assert page.user_messages() == []
    assert page.find("#task-search").get_attribute("value") == ""
    answer = page.say("add buy milk")
    assert page.find_all(".failure:not([hidden])") == []
    assert "Buy milk" in page.reply_text(answer)
    page.wait_tasks("pending", ["Buy milk"])


def test_a_long_conversation_opens_on_its_latest_messages_and_shows_earlier_ones(
    page, user, dev_server
):
    # Past 100 messages the page showed only the last page of 100 — here, two messages.
    token = hs256_token(JWT_SECRET, sub=user)
    conversation = None
    for n in range(101):
        body = {
            "message": f"note {n}",
            **({"conversation_id": conversation} if conversation else {}),
        }
        answer = dev_server.request("POST", f"/api/{user}/chat", body, token=token)
        assert answer.status == 200, answer.text
        conversation = answer.json()["conversation_id"]
    page.sign_in(user)
    page.wait_for(lambda: page._visible("#conversation-list button"), "no conversation").click()
    page.wait_for(lambda: len(page.user_messages()) >= 50, "the latest messages were not shown")

    assert page.user_messages()[-1] == "note 100"
    assert "note 0" not in page.user_messages()
    # A message sent since it opened stays (the list was rebuilt without it), and a second
    # click while the first loads adds nothing twice.
    page.say("note new")
    page.browser.set_network_conditions(
        offline=False, latency=800, download_throughput=-1, upload_throughput=-1
    )
    try:
        button = page.find(".earlier-messages button")
        button.click()
        page.script("arguments[0].click()", button)
        page.wait_for(lambda: page.user_messages()[:1] == ["note 0"], "earlier messages not shown")
    finally:
        page.browser.delete_network_conditions()
    time.sleep(1)
    assert page.user_messages() == [*(f"note {n}" for n in range(101)), "note new"]
    assert page.find_all(".earlier-messages") == []


def test_a_message_over_the_limit_is_kept_and_explained_not_cut(page, user):
    page.sign_in(user)
    page.script("document.getElementById('message').value = arguments[0]", "x" * 4100)
    page.find("#message").send_keys(Keys.ENTER)

    status = page.wait_for(lambda: page.find("#composer-status").text, "nothing said")
    assert "4,100 characters; the limit is 4,000" in status
    assert len(page.find("#message").get_attribute("value")) == 4100
    assert page.assistant_messages() == []
    # Characters as the server counts them: 2,500 emoji are 2,500 (not 5,000 UTF-16 units).
    page.script("document.getElementById('message').value = arguments[0]", "😀" * 2500)
    page.find("#message").send_keys(Keys.ENTER)
    page.wait_for(lambda: page.assistant_messages(), "the message was not sent")
    assert page.find("#composer-status").text == ""


def test_a_refused_message_says_why_and_offers_no_retry_that_cannot_work(page, user):
    page.sign_in(user)
    refusal = {
        "error": {
            "code": "invalid",
            "message": "The request is invalid.",
            "fields": {"message": ["Ensure this field has no more than 4000 characters."]},
        }
    }
    page.script(FAIL_FIRST_CHAT_REQUEST, 400, refusal, {"Content-Type": "application/json"})

    answer = page.say("add mend the fence")

    failure = answer.find_element(By.CSS_SELECTOR, ".failure")
    assert "no more than 4000 characters" in failure.text
    assert failure.find_elements(By.CSS_SELECTOR, "button.retry") == []


def test_a_message_sent_while_a_conversation_opens_goes_nowhere_else(page, user):
    # Clicking chat A, then sending at once on a slow connection sent the message to chat B
    # (still the open one), and A's messages then replaced it on screen.
    page.sign_in(user)
    page.say("add first chat task")
    page.find("#new-chat").click()
    page.say("hello")
    page.wait_for(lambda: len(page.find_all("#conversation-list button")) == 2, "two chats")
    page.browser.set_network_conditions(
        offline=False, latency=1500, download_throughput=-1, upload_throughput=-1
    )
    try:
        page.find_all("#conversation-list button")[1].click()
        page.type("add gamma three")
        page.find("#message").send_keys(Keys.ENTER)
        assert page.find("#send").get_attribute("disabled") is not None
    finally:
        page.browser.delete_network_conditions()
    page.wait_for(
        lambda: page.user_messages() == ["add first chat task"], "the chat clicked was not shown"
    )

    assert page.find("#message").get_attribute("value") == "add gamma three"
    current = page.find("#conversation-list button[aria-current='true']")
    assert current == page.find_all("#conversation-list button")[1]


def test_another_conversation_opens_while_a_reply_is_on_its_way(page, user):
    # A click on another conversation while a reply streamed was ignored without a word.
    page.sign_in(user)
    page.say("add first chat task")
    page.find("#new-chat").click()
    page.say("hello")
    page.wait_for(lambda: len(page.find_all("#conversation-list button")) == 2, "two chats")
    page.browser.set_network_conditions(
        offline=False, latency=1500, download_throughput=-1, upload_throughput=-1
    )
    try:
        page.send("add gamma three")
        page.find_all("#conversation-list button")[1].click()
        page.wait_for(
            lambda: page.user_messages() == ["add first chat task"], "the chat clicked not shown"
        )
        assert page.find("#send").is_enabled()
    finally:
        page.browser.delete_network_conditions()

    # The turn still ends (its task is added, the panel shows it) out of sight of this chat.
    page.wait_tasks("pending", ["First chat task", "Gamma three"])
    assert page.user_messages() == ["add first chat task"]
    assert "Gamma" not in page.find("#announcer").get_attribute("textContent")
    current = page.find("#conversation-list button[aria-current='true']")
    assert current.text.startswith("add first chat task")
    # Its conversation shows the reply when opened again.
    page.find_all("#conversation-list button")[0].click()
    page.wait_for(lambda: "add gamma three" in page.user_messages(), "the chat left not shown")
    assert "Gamma three" in page.reply_text(page.assistant_messages()[-1])


# The next chat request leaves the page `arguments[0]` ms late.
DELAY_NEXT_CHAT_REQUEST = """
const send = window.fetch;
let delayed = false;
window.fetch = async (url, init) => {
  if (!delayed && String(url).endsWith('/chat')) {
    delayed = true;
    await new Promise((resolve) => setTimeout(resolve, arguments[0]));
  }
  return send(url, init);
};
"""


def test_a_conversation_opened_again_before_its_reply_came_shows_the_reply(page, user):
    page.sign_in(user)
    page.say("hello")
    page.find("#new-chat").click()
    page.say("hi")
    page.wait_for(lambda: len(page.find_all("#conversation-list button")) == 2, "two chats")
    page.find_all("#conversation-list button")[1].click()
    page.wait_for(lambda: page.user_messages() == ["hello"], "the chat clicked was not shown")
    page.script(DELAY_NEXT_CHAT_REQUEST, 1500)

    page.send("add fix the bike")
    page.find("#new-chat").click()
    page.find_all("#conversation-list button")[1].click()
    page.wait_for(lambda: page.user_messages() == ["hello"], "the chat was not opened again")
    page.find("#task-search").click()

    page.wait_for(
        lambda: page.user_messages() == ["hello", "add fix the bike"], "the reply never showed"
    )
    page.wait_for(lambda: "Fix the bike" in page.reply_text(page.assistant_messages()[-1]), "")
    assert page.script("return document.activeElement.id") == "task-search"


# The next chat request is refused with a 429 after `arguments[0]` ms.
REFUSE_NEXT_CHAT_REQUEST_LATE = """
const send = window.fetch;
let refused = false;
window.fetch = async (url, init) => {
  if (!refused && String(url).endsWith('/chat')) {
    refused = true;
    await new Promise((resolve) => setTimeout(resolve, arguments[0]));
    const body = {error: {code: 'rate_limited', message: 'Too many requests.'}};
    return new Response(JSON.stringify(body),
      {status: 429, headers: {'Content-Type': 'application/json', 'Retry-After': '3'}});
  }
  return send(url, init);
};
"""


def test_a_reply_that_fails_out_of_sight_says_so_and_keeps_the_message(page, user):
    page.sign_in(user)
    page.say("hello")
    page.find("#new-chat").click()
    page.script(REFUSE_NEXT_CHAT_REQUEST_LATE, 800)

    page.send("add fix the bike")
    page.find("#conversation-list button").click()
    page.wait_for(lambda: page.user_messages() == ["hello"], "the chat clicked was not shown")

    status = page.wait_for(lambda: page.find("#composer-status").text, "nothing said")
    assert "“add fix the bike”" in status and "too fast" in status
    assert page.find("#message").get_attribute("value") == "add fix the bike"
    assert page.find_all(".failure:not([hidden])") == []


def test_a_reply_still_on_its_way_at_sign_out_is_never_shown_nor_announced(page, user):
    page.sign_in(user)
    page.browser.set_network_conditions(
        offline=False, latency=1500, download_throughput=-1, upload_throughput=-1
    )
    try:
        page.type("add secret thing")
        page.find("#message").send_keys(Keys.ENTER)
        page.find("#sign-out").click()
    finally:
        page.browser.delete_network_conditions()
    name = page.wait_for(lambda: page._visible("#user-name"), "no sign-in form")
    name.send_keys(f"{user}c", Keys.ENTER)
    page.wait_for(lambda: page._visible("#message"), "the chat did not open")
    time.sleep(3)  # the first user's reply arrives now

    assert "secret" not in page.script("return document.body.innerText").lower()
    assert page.find("#announcer").get_attribute("textContent") == ""
    assert page.find("#send").is_enabled()


FAIL_OPENING_ONCE = """
const send = window.fetch;
let failed = false;
window.fetch = (url, init) => {
  if (!failed && String(url).includes('/messages')) {
    failed = true;
    return Promise.reject(new TypeError('Failed to fetch'));
  }
  return send(url, init);
};
"""


def test_a_conversation_that_could_not_open_leaves_no_other_one_to_send_to(page, user, dev_server):
    # The message went to the conversation open before, whose messages were off screen.
    page.sign_in(user)
    page.say("add first thing")
    page.find("#new-chat").click()
    page.say("add second thing")
    page.wait_for(lambda: len(page.find_all("#conversation-list button")) == 2, "two chats")
    page.script(FAIL_OPENING_ONCE)

    page.find_all("#conversation-list button")[1].click()
    failure = page.wait_for(lambda: page._visible("#messages .failure"), "no failure shown")
    assert "could not be opened" in failure.text
    page.say("add third thing")

    token = hs256_token(JWT_SECRET, sub=user)
    conversations = dev_server.request("GET", f"/api/{user}/conversations", token=token).json()
    assert conversations["count"] == 3
    for conversation in conversations["results"]:
        messages = dev_server.request(
            "GET", f"/api/{user}/conversations/{conversation['id']}/messages", token=token
        ).json()
        assert len(messages["results"]) == 2
