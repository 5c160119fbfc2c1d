"""The streamed chat turn (`Accept: text/event-stream`) on a real server: uvicorn, several
workers, the AI SDK UI message stream protocol event by event, for the offline model and both
wire APIs of an OpenAI-compatible server (the local fake)."""

from __future__ import annotations

import http.client
import json
import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.conf import settings

from tests.fakes.openai_server import (
    Cut,
    Fail,
    FakeOpenAIServer,
    Hang,
    Text,
    ToolCall,
    ToolCalls,
)
from tests.support.processes import Server, copy_database, product_env
from tests.support.tcp_proxy import free_port
from todochat.tokens import issue_token

TIMEOUT_S = 30
MODELS = ("offline", "responses", "chat_completions")


@dataclass
class Stream:
    """A streamed answer, read frame by frame."""

    status: int
    headers: dict[str, str]
    chunks: list[dict[str, Any]] = field(default_factory=list)
    done: bool = False
    heartbeats: int = 0
    body: str = ""

    @property
    def types(self) -> list[str]:
        """The chunk types, consecutive text deltas counted once."""
        types: list[str] = []
        for chunk in self.chunks:
            if chunk["type"] == "text-delta" and types and types[-1] == "text-delta":
                continue
            types.append(chunk["type"])
        return types

    @property
    def text(self) -> str:
        return "".join(c["delta"] for c in self.chunks if c["type"] == "text-delta")

    @property
    def tool_calls(self) -> list[dict[str, Any]]:
        """The tool calls as the JSON answer shows them, in the order they started."""
        calls: dict[str, dict[str, Any]] = {}
        for chunk in self.chunks:
            if chunk["type"] == "tool-input-available":
                calls[chunk["toolCallId"]] = {
                    "id": chunk["toolCallId"],
                    "name": chunk["toolName"],
                    "arguments": chunk["input"],
                }
            elif chunk["type"] == "tool-output-available":
                calls[chunk["toolCallId"]].update(result=chunk["output"], is_error=False)
            elif chunk["type"] == "tool-output-error":
                calls[chunk["toolCallId"]].update(
                    result={"error": chunk["errorText"]}, is_error=True
                )
        return list(calls.values())


def open_stream(
    server: Server, user: str, body: dict[str, Any], **headers: str
) -> tuple[http.client.HTTPConnection, http.client.HTTPResponse]:
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=TIMEOUT_S)
    connection.request(
        "POST",
        f"/api/{user}/chat",
        body=json.dumps(body),
        headers={
            "Content-Type": "application/json",
            "Accept": "text/event-stream",
            "Accept-Encoding": "gzip",
            "Authorization": f"Bearer {issue_token(user)}",
            **headers,
        },
    )
    return connection, connection.getresponse()


def frames(response: http.client.HTTPResponse) -> Iterator[str]:
    """The response's SSE frames as they arrive (`data` text, or `:…` for a comment)."""
    lines: list[str] = []
    while True:
        raw = response.readline()
        if not raw:
            return
        line = raw.decode().rstrip("\n")
        if line:
            lines.append(line)
            continue
        yield from (entry for entry in lines if entry.startswith(":"))
        data = "\n".join(entry[5:].lstrip() for entry in lines if entry.startswith("data:"))
        lines = []
        if data:
            yield data


def read(response: http.client.HTTPResponse, stream: Stream) -> Stream:
    for data in frames(response):
        if data.startswith(":"):
            stream.heartbeats += 1
        elif data == "[DONE]":
            stream.done = True
        else:
            stream.chunks.append(json.loads(data))
    return stream


def chat_stream(server: Server, user: str, body: dict[str, Any], **headers: str) -> Stream:
    connection, response = open_stream(server, user, body, **headers)
    try:
        stream = Stream(response.status, {k.lower(): v for k, v in response.getheaders()})
        if not stream.headers.get("content-type", "").startswith("text/event-stream"):
            stream.body = response.read().decode()
            return stream
        return read(response, stream)
    finally:
        connection.close()


def chat_json(server: Server, user: str, body: dict[str, Any], **headers: str) -> Any:
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=TIMEOUT_S)
    try:
        connection.request(
            "POST",
            f"/api/{user}/chat",
            body=json.dumps(body),
            headers={
                "Content-Type": "application/json",
                "Authorization": f"Bearer {issue_token(user)}",
                **headers,
            },
        )
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), json.loads(response.read())
    finally:
        connection.close()


def stored_messages(server: Server, user: str, conversation_id: int) -> list[dict[str, Any]]:
    answer = server.request(
        "GET", f"/api/{user}/conversations/{conversation_id}/messages", token=issue_token(user)
    )
    assert answer.status == 200, answer.text
    return answer.json()["results"]


# --- the servers -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def model() -> Iterator[FakeOpenAIServer]:
    with FakeOpenAIServer(policy="no_tool") as model:
        yield model


def product(env: dict[str, str], log: Any, workers: int) -> Server:
    port = free_port()
    args = ["-m", "uvicorn", "todochat.asgi:application", "--host", "127.0.0.1"]
    args += ["--port", str(port), "--no-access-log", "--workers", str(workers)]
    return Server(args, env, port, log_path=log, ready_path="/healthz", start_timeout=90)


@pytest.fixture(scope="module")
def servers(migrated_sqlite, model, tmp_path_factory) -> Iterator[dict[str, Server]]:
    directory = tmp_path_factory.mktemp("streaming")
    common = {
        "AUTH_JWT_SECRET": settings.AUTH_JWT_SECRET,
        "CHAT_RATE_LIMIT": "100000/min",
        "CHAT_STREAM_HEARTBEAT_S": "0.3",
    }
    llm = {"AGENT_MODEL": "gpt-4o-mini", "OPENAI_API_KEY": "test", "AGENT_MAX_RETRIES": "0"}
    envs = {
        "offline": {},
        "responses": {**llm, "OPENAI_BASE_URL": model.base_url, "AGENT_MODEL_API": "responses"},
        "chat_completions": {
            **llm,
            "OPENAI_BASE_URL": model.base_url,
            "AGENT_MODEL_API": "chat_completions",
        },
    }
    started: dict[str, Server] = {}
    try:
        for name, extra in envs.items():
            (directory / name).mkdir()
            database = copy_database(migrated_sqlite, directory / name)
            env = product_env(database, **common, **extra)
            # Several workers behind one port: any of them may serve the replay of a turn.
            workers = 2 if name == "chat_completions" else 1
            started[name] = product(env, directory / f"{name}.log", workers=workers)
            started[name].start()
        for server in started.values():
            server.wait_until_ready()
        yield started
    finally:
        for server in started.values():
            server.stop()


# --- the exact event sequence ------------------------------------------------------------------

# What each model is asked (offline) or scripted to do (the fake server), per kind of turn.
OFFLINE_ASKS = {
    "no_tool": "hello",
    "one_tool": "add buy milk",
    "multi_tool": "add pay rent, water plants and book flights",
}
SCRIPTS = {
    "no_tool": [Text("Hello! How can I help with your list today?")],
    "one_tool": [ToolCall("add_task", {"title": "Buy milk"}), Text("Added “Buy milk”.")],
    "multi_tool": [
        ToolCalls(
            [
                ToolCall("add_task", {"title": "Pay rent"}),
                ToolCall("complete_task", {"task_id": 999}),
            ]
        ),
        ToolCall("list_tasks", {}),
        Text("Added “Pay rent”; task 999 does not exist. Here is your list."),
    ],
}
TOOLS = {"no_tool": 0, "one_tool": 1, "multi_tool": 3}


@pytest.mark.parametrize("kind", ["no_tool", "one_tool", "multi_tool"])
@pytest.mark.parametrize("api", MODELS)
def test_a_streamed_turn_is_the_exact_protocol_and_equals_what_is_stored_and_the_json_answer(
    servers, model, api, kind
):
    server = servers[api]
    user = f"s-{api}-{kind}".replace("_", "-")
    if api == "offline":
        message = OFFLINE_ASKS[kind]
    else:
        message = f"please do the {kind} thing"
        model.reset()
        model.script(SCRIPTS[kind])
    key = str(uuid.uuid4())

    stream = chat_stream(server, user, {"message": message}, **{"Idempotency-Key": key})

    assert stream.status == 200, stream.body
    assert stream.headers["content-type"].startswith("text/event-stream")
    assert stream.headers["x-vercel-ai-ui-message-stream"] == "v1"
    assert stream.headers["cache-control"] == "no-cache"
    assert stream.headers["x-accel-buffering"] == "no"
    assert "content-encoding" not in stream.headers  # asked for gzip: never on a stream
    tools = TOOLS[kind]
    tool_types = [t for t in stream.types if t.startswith("tool-")]
    assert stream.types == [
        "start",
        *tool_types,
        "text-start",
        "text-delta",
        "text-end",
        "finish",
    ]
    assert len(tool_types) == 2 * tools
    assert stream.done
    # Each call: its input, then its output (parallel calls may interleave).
    for call in stream.tool_calls:
        events = [c["type"] for c in stream.chunks if c.get("toolCallId") == call["id"]]
        assert events[0] == "tool-input-available" and len(events) == 2
    conversation_id = stream.chunks[0]["messageMetadata"]["conversationId"]
    assert stream.chunks[-1] == {
        "type": "finish",
        "messageMetadata": {"conversationId": conversation_id},
    }
    deltas = [c for c in stream.chunks if c["type"] == "text-delta"]
    assert len(deltas) > 1  # written as it came, not in one piece
    assert len({c["id"] for c in stream.chunks if c["type"].startswith("text-")}) == 1

    stored = stored_messages(server, user, conversation_id)
    assert [m["role"] for m in stored] == ["user", "assistant"]
    assert stored[1]["content"] == stream.text
    assert sorted(stored[1]["tool_calls"], key=lambda c: c["id"]) == sorted(
        stream.tool_calls, key=lambda c: c["id"]
    )
    assert all(call["arguments"]["user_id"] == user for call in stream.tool_calls)

    # The JSON answer of the same turn (its Idempotency-Key's stored answer) says the same.
    status, headers, answer = chat_json(
        server, user, {"message": message}, **{"Idempotency-Key": key}
    )
    assert status == 200 and headers.get("Idempotent-Replayed") == "true"
    assert answer == {
        "conversation_id": conversation_id,
        "response": stream.text,
        "tool_calls": stored[1]["tool_calls"],
    }

    # Replayed as a stream: the same turn again, nothing run twice.
    replay = chat_stream(server, user, {"message": message}, **{"Idempotency-Key": key})
    assert replay.headers.get("idempotent-replayed") == "true"
    assert replay.types == [
        "start",
        *[t for t in replay.types if t.startswith("tool-")],
        "text-start",
        "text-delta",
        "text-end",
        "finish",
    ]
    assert replay.text == stream.text
    assert replay.tool_calls == stored[1]["tool_calls"]
    assert len(stored_messages(server, user, conversation_id)) == 2


# --- streaming as the model writes -------------------------------------------------------------


@pytest.mark.parametrize("api", ["responses", "chat_completions"])
def test_the_first_words_arrive_while_the_model_is_still_writing(servers, model, api):
    hold = threading.Event()
    model.reset()
    model.script([Text("Slowly written words arrive one by one.", hold=hold)])
    connection, response = open_stream(servers[api], "slow-reader", {"message": "hi"})
    try:
        stream = Stream(response.status, {})
        for data in frames(response):
            if data.startswith(":"):
                continue
            stream.chunks.append(json.loads(data))
            if stream.chunks[-1]["type"] == "text-delta":
                break
        # The model has sent one word and waits: the client already has it.
        assert stream.chunks[-1]["delta"] == "Slowly "
        assert not hold.is_set()
        hold.set()
        read(response, stream)
    finally:
        hold.set()
        connection.close()
    assert stream.text == "Slowly written words arrive one by one."
    assert stream.types[-1] == "finish" and stream.done


def test_a_long_wait_sends_heartbeats(servers, model):
    model.reset()
    model.script([Hang(1.5, then=Text("Finally."))])

    stream = chat_stream(servers["chat_completions"], "patient", {"message": "hi"})

    assert stream.heartbeats >= 1
    assert stream.types == ["start", "text-start", "text-delta", "text-end", "finish"]


# --- a disconnect never loses the turn ---------------------------------------------------------


def test_a_client_that_leaves_after_the_first_tool_event_still_gets_the_whole_turn_stored(
    servers, model
):
    server = servers["chat_completions"]
    model.reset()
    model.script(
        [ToolCall("add_task", {"title": "Water the plants"}), Hang(1.0, then=Text("Added it."))]
    )
    connection, response = open_stream(server, "leaver", {"message": "add water the plants"})
    conversation_id = None
    for data in frames(response):
        if data.startswith(":"):
            continue
        chunk = json.loads(data)
        if chunk["type"] == "start":
            conversation_id = chunk["messageMetadata"]["conversationId"]
        if chunk["type"].startswith("tool-"):
            break
    connection.sock.close()  # gone, mid-turn
    connection.close()
    assert conversation_id is not None

    deadline = time.monotonic() + TIMEOUT_S
    while len(stored := stored_messages(server, "leaver", conversation_id)) < 2:
        assert time.monotonic() < deadline, "the turn was never stored"
        time.sleep(0.1)
    reply = stored[1]
    assert reply["content"] == "Added it."
    [call] = reply["tool_calls"]
    assert call["name"] == "add_task" and not call["is_error"]
    assert call["result"]["title"] == "Water the plants"


# --- errors ------------------------------------------------------------------------------------


def test_a_failure_after_the_stream_began_ends_it_with_an_error_event(servers, model):
    server = servers["chat_completions"]
    model.reset()
    model.script([ToolCall("add_task", {"title": "Call mom"}), Fail(500)])

    stream = chat_stream(server, "unlucky", {"message": "add call mom"})

    assert stream.status == 200
    assert stream.types == [
        "start",
        "tool-input-available",
        "tool-output-available",
        "data-error",
        "error",
    ]
    assert stream.done
    error = stream.chunks[-2]["data"]
    assert error["code"] == "model_error"
    assert stream.chunks[-1] == {"type": "error", "errorText": error["message"]}
    stored = stored_messages(
        server, "unlucky", stream.chunks[0]["messageMetadata"]["conversationId"]
    )
    assert stored[0]["role"] == "user" and stored[0]["content"] == "add call mom"
    # What was done is stored, so a retry runs nothing twice.
    assert stored[1]["tool_calls"][0]["result"]["title"] == "Call mom"


@pytest.mark.parametrize("api", ["responses", "chat_completions"])
def test_an_answer_whose_stream_was_cut_ends_with_an_error_event_and_is_not_stored(
    servers, model, api
):
    server = servers[api]
    model.reset()
    model.script([Cut("Here is half of my")])

    stream = chat_stream(server, "cut", {"message": "hello"})

    assert stream.status == 200
    # The words that arrived, then the error: never a `finish` for half an answer.
    assert stream.types == ["start", "text-start", "text-delta", "text-end", "data-error", "error"]
    assert stream.done
    assert stream.chunks[-2]["data"]["code"] == "model_error"
    stored = stored_messages(server, "cut", stream.chunks[0]["messageMetadata"]["conversationId"])
    # The question stays, unanswered: the history shows no half answer as a whole one.
    assert [(m["role"], m["content"]) for m in stored] == [("user", "hello")]


@pytest.mark.parametrize("api", ["responses", "chat_completions"])
def test_streamed_calls_sharing_an_id_all_run_and_the_turn_completes(servers, model, api):
    # A server that numbers calls per answer repeats ids, in one answer and across answers:
    # the SDK refused such an answer and the turn failed after the first tool had run.
    server = servers[api]
    model.reset()
    model.script(
        [
            ToolCall("add_task", {"title": "First"}, call_id="call_0"),
            ToolCalls(
                [
                    ToolCall("add_task", {"title": "Second"}, call_id="call_0"),
                    ToolCall("add_task", {"title": "Third"}, call_id="call_0"),
                ]
            ),
            Text("Added all three."),
        ]
    )
    user = f"same-ids-{api}".replace("_", "-")

    stream = chat_stream(server, user, {"message": "add three"})

    assert stream.status == 200
    assert "error" not in stream.types
    outputs = [c for c in stream.chunks if c["type"] == "tool-output-available"]
    assert [c["output"]["title"] for c in outputs] == ["First", "Second", "Third"]
    assert len({c["toolCallId"] for c in outputs}) == 3
    assert stream.text == "Added all three."
    stored = stored_messages(server, user, stream.chunks[0]["messageMetadata"]["conversationId"])
    assert [c["result"]["title"] for c in stored[1]["tool_calls"]] == ["First", "Second", "Third"]


@pytest.mark.parametrize("api", ["responses", "chat_completions"])
def test_a_streamed_lone_surrogate_in_tool_arguments_never_fails_the_turn(servers, model, api):
    server = servers[api]
    model.reset()
    model.script([ToolCall("add_task", '{"title": "Buy \\udfff milk"}'), Text("Added.")])
    user = f"surrogate-{api}".replace("_", "-")

    stream = chat_stream(server, user, {"message": "add it"})

    assert stream.status == 200
    assert "error" not in stream.types
    [output] = [c for c in stream.chunks if c["type"] == "tool-output-available"]
    assert output["output"]["title"] == "Buy \ufffd milk"


@pytest.mark.parametrize("api", ["responses", "chat_completions"])
def test_streamed_arguments_nested_too_deeply_go_back_to_the_model(servers, model, api):
    # Python's JSON reader gives up on them with a RecursionError, which failed the turn as if
    # the model provider had.
    server = servers[api]
    model.reset()
    deep = '{"title": "Buy milk", "tags": ' + "[" * 5000 + "]" * 5000 + "}"
    model.script([ToolCall("add_task", deep), Text("That did not work.")])
    user = f"too-deep-{api}".replace("_", "-")

    stream = chat_stream(server, user, {"message": "add it"})

    assert stream.status == 200
    assert "error" not in stream.types
    [call] = stream.tool_calls
    assert call["is_error"]
    assert stream.text == "That did not work."


@pytest.mark.parametrize(
    ("body", "token_user", "path_user", "status", "code"),
    [
        ({"message": ""}, "alice", "alice", 400, "invalid"),
        ({"message": "hi", "conversation_id": 999999}, "alice", "alice", 404, "not_found"),
        ({"message": "hi"}, "mallory", "alice", 403, "forbidden"),
    ],
)
def test_failures_before_the_stream_are_json_errors(
    servers, body, token_user, path_user, status, code
):
    server = servers["offline"]
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=TIMEOUT_S)
    try:
        connection.request(
            "POST",
            f"/api/{path_user}/chat",
            body=json.dumps(body),
            headers={
                "Content-Type": "application/json",
                "Accept": "text/event-stream",
                "Authorization": f"Bearer {issue_token(token_user)}",
            },
        )
        response = connection.getresponse()
        assert response.status == status
        assert response.getheader("Content-Type") == "application/json"
        assert json.loads(response.read())["error"]["code"] == code
    finally:
        connection.close()


def test_without_the_accept_header_the_answer_is_json(servers):
    status, headers, answer = chat_json(servers["offline"], "plain", {"message": "add buy bread"})
    assert status == 200 and headers["Content-Type"] == "application/json"
    assert answer["tool_calls"][0]["result"]["title"] == "Buy bread"


# --- the published schema ----------------------------------------------------------------------


def test_the_openapi_schema_documents_the_streamed_answer(servers):
    answer = servers["offline"].request("GET", "/api/schema/")
    assert answer.status == 200
    operation = answer.json()["paths"]["/api/{user_id}/chat"]["post"]
    ok = operation["responses"]["200"]["content"]
    assert set(ok) == {"application/json", "text/event-stream"}
    stream = ok["text/event-stream"]
    assert "x-vercel-ai-ui-message-stream" in operation["responses"]["200"]["description"]
    assert "data: [DONE]" in next(iter(stream["examples"].values()))["value"]
    # Errors are JSON even to a client that asked for the stream.
    assert set(operation["responses"]["429"]["content"]) == {"application/json"}
