"""Clients that give up at random moments, on a real server (uvicorn, whose Django handler
cancels the view when its client disconnects): every turn still runs to its end and stores its
reply and its tool calls, so no task changes without a record in the history."""

from __future__ import annotations

import http.client
import json
import random
import sqlite3
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.conf import settings

from tests.fakes.openai_server import FakeOpenAIServer, Text, ToolCall, Transcript
from tests.support.processes import Server, copy_database, product_env
from todochat.tokens import issue_token

CLIENTS = 30


def add_what_was_asked(transcript: Transcript) -> ToolCall | Text:
    if not transcript.tool_results:
        return ToolCall("add_task", {"title": transcript.last_user_text})
    return Text("Added it.")


@pytest.fixture(scope="module")
def model() -> Iterator[FakeOpenAIServer]:
    with FakeOpenAIServer(policy=add_what_was_asked, delay=0.2) as model:
        yield model


@pytest.fixture(scope="module")
def served(migrated_sqlite, model, tmp_path_factory) -> Iterator[tuple[Server, str]]:
    directory = tmp_path_factory.mktemp("disconnects")
    database = copy_database(migrated_sqlite, directory)
    env = product_env(
        database,
        AUTH_JWT_SECRET=settings.AUTH_JWT_SECRET,
        AGENT_MODEL="gpt-4o-mini",
        OPENAI_API_KEY="test",
        OPENAI_BASE_URL=model.base_url,
        AGENT_MODEL_API="chat_completions",
        CHAT_RATE_LIMIT="100000/min",
    )
    with Server.product(env, directory / "server.log") as server:
        yield server, str(database)


def give_up_after(server: Server, n: int, seconds: float) -> None:
    user = f"impatient-{n % 5}"
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=seconds)
    try:
        connection.request(
            "POST",
            f"/api/{user}/chat",
            body=json.dumps({"message": f"Call person {n}"}),
            headers={
                "Content-Type": "application/json",
                "Authorization": f"Bearer {issue_token(user)}",
            },
        )
        connection.getresponse().read()
    except OSError:
        pass  # gave up
    finally:
        connection.close()


def test_clients_that_give_up_leave_every_turn_stored_with_its_tool_calls(served):
    server, database = served
    rng = random.Random(7)
    with ThreadPoolExecutor(CLIENTS) as pool:
        list(pool.map(lambda n: give_up_after(server, n, rng.uniform(0.05, 0.6)), range(CLIENTS)))

    def counts() -> tuple[int, int, int, int]:
        with sqlite3.connect(database) as db:
            questions = db.execute(
                "SELECT count(*) FROM conversations_message WHERE role = 'user'"
            ).fetchone()[0]
            replies = db.execute(
                "SELECT tool_calls FROM conversations_message WHERE role = 'assistant'"
            ).fetchall()
            tasks = db.execute("SELECT count(*) FROM tasks_task").fetchone()[0]
        recorded = sum(
            1
            for (calls,) in replies
            for call in json.loads(calls or "[]")
            if call["name"] == "add_task" and not call["is_error"]
        )
        return questions, len(replies), tasks, recorded

    deadline = time.monotonic() + 60
    while True:
        questions, replies, tasks, recorded = counts()
        if questions == replies or time.monotonic() > deadline:
            break
        time.sleep(0.2)

    assert questions > 0
    assert replies == questions, server.log()[-3000:]
    assert tasks == recorded == questions
