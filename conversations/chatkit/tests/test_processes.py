"""ChatKit against the product as real processes (uvicorn): nothing lives in a process, so a
thread continues on another replica or after a restart, and a stopped stream loses nothing."""

from __future__ import annotations

import http.client
import json
import sqlite3
import time

from tests.fakes.openai_server import FakeOpenAIServer, Hang, Text, ToolCall
from tests.jwks import hs256_token
from tests.support.processes import JWT_SECRET, Server, copy_database, product_env, serving

from .support import URL, add_message, body, create, items_of, list_items, list_threads
from .support import parse_events as events_of

WAIT_S = 30


def chatkit(server: Server, request, user_id: str = "alice"):
    """One ChatKit request over HTTP: a stream's events, or the JSON answer."""
    answer = server.request(
        "POST", URL, json.loads(body(request)), token=hs256_token(JWT_SECRET, user_id)
    )
    assert answer.status == 200, answer.text
    content_type = {k.lower(): v for k, v in answer.headers.items()}["content-type"]
    if content_type.startswith("text/event-stream"):
        return events_of(answer.text)
    return answer.json()


def test_a_thread_moves_between_replicas_and_survives_a_restart(migrated_sqlite, tmp_path):
    env = product_env(copy_database(migrated_sqlite, tmp_path))
    with serving(Server.product(env), Server.product(env), log_dir=tmp_path) as (one, two):
        first = chatkit(one, create("Add a task to buy milk"))
        thread_id = first[0]["thread"]["id"]
        second = chatkit(two, add_message(thread_id, "Add a task to call mom"))
        third = chatkit(one, add_message(thread_id, "Show me all my tasks"))
        # The process that served the thread's first and last turns goes away.
        one.stop()
        fourth = chatkit(two, add_message(thread_id, "What's pending?"))

        streamed = [item["id"] for item in items_of(first + second + third + fourth)]
        replies = [items_of(events)[-1]["content"][0]["text"] for events in (third, fourth)]
        stored = chatkit(two, list_items(thread_id, limit=50))["data"]
        threads = chatkit(two, list_threads())["data"]
        logs = one.log() + two.log()

    for reply in replies:
        assert "Buy milk" in reply and "Call mom" in reply
    assert [item["id"] for item in stored] == streamed
    assert len(set(streamed)) == len(streamed) == 12
    assert [thread["id"] for thread in threads] == [thread_id]
    assert "Traceback" not in logs


def _task_titles(database) -> list[str]:
    with sqlite3.connect(database) as db:
        return [row[0] for row in db.execute("SELECT title FROM tasks_task")]


def _replies(database) -> list[str]:
    """The stored replies' tool calls (JSON)."""
    with sqlite3.connect(database) as db:
        query = "SELECT tool_calls FROM conversations_message WHERE role = 'assistant'"
        return [row[0] for row in db.execute(query)]


def test_a_stopped_stream_keeps_the_turns_tool_calls_and_reply(migrated_sqlite, tmp_path):
    database = copy_database(migrated_sqlite, tmp_path)
    with FakeOpenAIServer(policy="no_tool") as llm:
        llm.path = "/chat/completions"
        llm.script(
            [
                ToolCall("add_task", {"title": "Buy milk"}, call_id="call_add"),
                Hang(4, then=Text("Added “Buy milk”.")),
            ]
        )
        env = product_env(
            database,
            AGENT_MODEL="gpt-4.1-mini",
            OPENAI_API_KEY="test-key",
            OPENAI_BASE_URL=llm.base_url,
            AGENT_MODEL_API="chat_completions",
            AGENT_MAX_RETRIES="0",
        )
        with serving(Server.product(env), log_dir=tmp_path) as (server,):
            # The user stops the stream once the tool has run, while the model still writes.
            connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=WAIT_S)
            connection.request(
                "POST",
                URL,
                body=body(create("Add a task to buy milk")),
                headers={
                    "Authorization": f"Bearer {hs256_token(JWT_SECRET, 'alice')}",
                    "Content-Type": "application/json",
                    "Accept": "text/event-stream",
                },
            )
            response = connection.getresponse()
            seen = ""
            while "progress_update" not in seen:
                seen += response.readline().decode()
            deadline = time.monotonic() + WAIT_S
            while len(llm.requests_for(llm.path)) < 2 and time.monotonic() < deadline:
                time.sleep(0.05)  # the tool has run; the model is writing the reply
            connection.close()
            assert _task_titles(database) == ["Buy milk"]
            assert _replies(database) == [], "the stream was stopped after the reply was stored"
            streamed = [e["item"] for e in events_of(seen) if e["type"] == "thread.item.done"]
            thread_id = events_of(seen)[0]["thread"]["id"]

            # The turn runs to its end: the reply and its tool call are stored.
            deadline = time.monotonic() + WAIT_S
            items = []
            while len(items) < 3 and time.monotonic() < deadline:
                items = chatkit(server, list_items(thread_id))["data"]
                time.sleep(0.1)
            log = server.log()

    assert _task_titles(database) == ["Buy milk"]
    question, tool, reply = items
    assert question["id"] == streamed[0]["id"]
    assert tool["copy_text"].startswith("Added task") and tool["copy_text"].endswith("Buy milk")
    assert reply["content"][0]["text"] == "Added “Buy milk”."
    [tool_calls] = _replies(database)
    assert [call["id"] for call in json.loads(tool_calls)] == ["call_add"]
    assert "Traceback" not in log
