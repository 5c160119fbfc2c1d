"""What a chat turn does when the model misbehaves or its provider fails: the turn completes
where it can, fails with 502/504 in bounded time where it cannot, and never loses the user's
message."""

import socket
import threading
import time

import pytest
from asgiref.sync import async_to_sync

from conversations import reply_text
from conversations.agent import RUNAWAY_REPLY
from conversations.events import TextDelta
from conversations.models import Message
from conversations.services import start_turn
from tasks.models import Task
from tasks.tests.factories import TaskFactory
from tests.fakes.openai_server import (
    Fail,
    FakeOpenAIServer,
    Hang,
    Raw,
    Text,
    ToolCall,
    ToolCalls,
    use_as_model,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def llm(llm_server, settings):
    use_as_model(settings, llm_server)
    llm_server.reset()
    yield llm_server
    llm_server.policy = FakeOpenAIServer(policy="no_tool").policy


@pytest.fixture
def alice(api_as):
    return api_as("alice")


def chat(client, message="do something"):
    return client.post("/api/alice/chat", {"message": message}, format="json")


def test_bad_tool_calls_go_back_to_the_model_and_the_turn_completes(alice, llm):
    llm.script(
        [
            ToolCalls(
                [
                    ToolCall("frobnicate_tasks", {"all": True}, call_id="call_unknown"),
                    ToolCall("add_task", '{"title": "Buy milk"', call_id="call_badjson"),
                    ToolCall("complete_task", {"task_id": "abc"}, call_id="call_badtype"),
                    ToolCall("delete_task", {"task_id": 4242}, call_id="call_missing"),
                ]
            ),
            Text("Some of that did not work."),
        ]
    )

    response = chat(alice)

    assert response.status_code == 200
    body = response.json()
    assert body["response"] == "Some of that did not work."
    calls = {call["id"]: call for call in body["tool_calls"]}
    assert set(calls) == {"call_unknown", "call_badjson", "call_badtype", "call_missing"}
    assert all(call["is_error"] for call in calls.values())
    assert calls["call_unknown"]["name"] == "frobnicate_tasks"
    assert "Task 4242 not found" in calls["call_missing"]["result"]["error"]
    assert Task.objects.count() == 0
    # The model was told about every failure in its next request.
    followup = str(llm.requests[-1].body)
    for call_id in calls:
        assert call_id in followup
    stored = Message.objects.get(role="assistant")
    assert stored.tool_calls == body["tool_calls"]


def test_arguments_with_numbers_json_cannot_hold_are_recorded_and_the_turn_completes(alice, llm):
    # Python's JSON reader takes NaN and Infinity; no database's JSON does: the call's record
    # failed to save and the turn answered 503 "database unavailable".
    TaskFactory(user_id="alice", title="Buy milk")
    llm.script(
        [
            ToolCalls(
                [
                    ToolCall("list_tasks", '{"limit": NaN}', call_id="call_nan"),
                    ToolCall("complete_task", '{"task_id": -Infinity}', call_id="call_inf"),
                ]
            ),
            Text("Some of that did not work."),
        ]
    )

    response = chat(alice)

    assert response.status_code == 200, response.content
    body = response.json()
    calls = {call["id"]: call for call in body["tool_calls"]}
    assert calls["call_nan"]["arguments"]["limit"] == "NaN"
    assert calls["call_inf"]["arguments"]["task_id"] == "-Infinity"
    assert all(call["is_error"] for call in calls.values())
    # Sent to the tool as said, not as null (which would mean "the default limit").
    assert calls["call_nan"]["result"]["error"] == "The limit must be a whole number (got 'NaN')."
    assert not Task.objects.get().completed
    assert Message.objects.get(role="assistant").tool_calls == body["tool_calls"]


def test_arguments_nested_too_deeply_to_read_go_back_to_the_model(alice, llm):
    # Python's JSON reader gives up on them with a RecursionError, not a ValueError: the turn
    # failed as if the model provider had (502 model_error).
    deep = '{"title": "Buy milk", "tags": ' + "[" * 5000 + "]" * 5000 + "}"
    llm.script([ToolCall("add_task", deep, call_id="call_deep"), Text("That did not work.")])

    response = chat(alice)

    assert response.status_code == 200, response.content
    (call,) = response.json()["tool_calls"]
    assert call["id"] == "call_deep" and call["is_error"]
    assert Task.objects.count() == 0
    assert response.json()["response"] == "That did not work."


def test_a_runaway_model_is_cut_off_after_the_maximum_number_of_turns(alice, llm, settings):
    settings.AGENT_MAX_TURNS = 3
    llm.policy = lambda transcript: ToolCall("list_tasks", {})

    started = time.monotonic()
    response = chat(alice)

    assert response.status_code == 200
    body = response.json()
    assert body["response"] == RUNAWAY_REPLY
    assert [call["name"] for call in body["tool_calls"]] == ["list_tasks"] * 3
    assert len(llm.requests) == 3
    assert time.monotonic() - started < 10
    assert Message.objects.filter(role="assistant").count() == 1


def test_a_slow_model_gives_504_in_bounded_time_and_keeps_the_message(alice, llm, settings):
    settings.AGENT_TIMEOUT_S = 0.5
    llm.script([Hang(5, then=Text("too late"))])

    started = time.monotonic()
    response = chat(alice, "add buy milk")

    assert time.monotonic() - started < 3
    assert response.status_code == 504
    assert response.json()["error"]["code"] == "model_timeout"
    assert list(Message.objects.values_list("role", "content")) == [("user", "add buy milk")]


def test_transient_provider_errors_are_retried(alice, llm, settings):
    settings.AGENT_MAX_RETRIES = 2
    llm.script([Fail(503), Fail(500), Text("Recovered.")])

    response = chat(alice)

    assert response.status_code == 200
    assert response.json()["response"] == "Recovered."
    assert len(llm.requests) == 3


def test_retries_are_bounded(alice, llm, settings):
    settings.AGENT_MAX_RETRIES = 1
    llm.script([Fail(503), Fail(503)])

    response = chat(alice)

    assert response.status_code == 502
    assert len(llm.requests) == 2


def test_an_unreachable_provider_gives_502(alice, llm, settings):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    settings.OPENAI_BASE_URL = f"http://127.0.0.1:{port}/v1"

    response = chat(alice, "hello")

    assert response.status_code == 502
    assert response.json() == {
        "error": {
            "code": "model_error",
            "message": "The assistant is unavailable right now. Try again.",
        }
    }
    assert Message.objects.get().content == "hello"


def test_a_turn_after_tool_calls_on_a_failed_turn_replays_cleanly(alice, llm):
    """History replay copes with a user message that never got a reply."""
    TaskFactory(user_id="alice", title="Buy milk")
    llm.script([Fail(500)])
    first = chat(alice, "list my tasks")
    assert first.status_code == 502
    conversation_id = Message.objects.get().conversation_id
    llm.script([ToolCall("list_tasks", {}), Text("You have one task.")])

    second = alice.post(
        "/api/alice/chat",
        {"message": "list my tasks", "conversation_id": conversation_id},
        format="json",
    )

    assert second.status_code == 200
    assert second.json()["tool_calls"][0]["result"]["count"] == 1


def test_a_conversation_continues_after_a_turn_with_unparseable_tool_arguments(alice, llm):
    llm.script(
        [
            ToolCall("add_task", '{"title": "Buy milk"', call_id="call_badjson"),
            ToolCall("list_tasks", "[1, 2]", call_id="call_notobject"),
            Text("That did not work."),
        ]
    )
    first = chat(alice).json()
    llm.script([Text("Still here.")])

    second = alice.post(
        "/api/alice/chat",
        {"message": "and now?", "conversation_id": first["conversation_id"]},
        format="json",
    )

    assert second.status_code == 200
    assert second.json()["response"] == "Still here."
    replayed = str(llm.requests[-1].body)
    assert "call_badjson" in replayed and "call_notobject" in replayed
    # The model was told what to correct, not only that something went wrong.
    told = {call["id"]: call["result"]["error"] for call in first["tool_calls"]}
    assert told == {
        "call_badjson": "The arguments for add_task were not a JSON object. Call it again with "
        "its arguments as one JSON object, as its schema describes.",
        "call_notobject": "The arguments for list_tasks were not a JSON object. Call it again "
        "with its arguments as one JSON object, as its schema describes.",
    }


def test_an_unreachable_tool_server_is_a_503_that_names_the_tools_not_the_model(alice, settings):
    # The model was never asked, yet the answer blamed it (502 "model_error").
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    settings.MCP_SERVER_URL = f"http://127.0.0.1:{port}/mcp"

    response = chat(alice, "show my tasks")

    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert response.json() == {
        "error": {
            "code": "service_unavailable",
            "message": "The task tools are unavailable right now. Try again shortly.",
        }
    }
    assert Message.objects.filter(role="user", content="show my tasks").exists()


@pytest.mark.parametrize(
    ("status", "retry_after", "passed_on"),
    [(429, "20", "20"), (503, "2.5", "3"), (429, None, None), (500, "20", None)],
)
def test_a_provider_s_retry_after_is_passed_on(alice, llm, status, retry_after, passed_on):
    # The answer was a 502 with no hint of when to come back.
    headers = {} if retry_after is None else {"Retry-After": retry_after}
    llm.script([Raw(body={"error": {"message": "slow down"}}, status=status, headers=headers)])

    response = chat(alice, "hello")

    assert response.status_code == 502
    assert response.json()["error"]["code"] == "model_error"
    assert response.get("Retry-After") == passed_on
    assert Message.objects.get().content == "hello"


async def _streamed_turn(message):
    running = await start_turn(user_id="alice", message=message)
    text = [event.text async for event in running.events() if isinstance(event, TextDelta)]
    return (await running.result()).response, "".join(text)


@pytest.mark.parametrize("api", ["responses", "chat_completions"])
def test_a_streamed_reply_past_the_length_cap_ends_there_not_at_the_timeout(llm, settings, api):
    # A model looping on its words, slower than the turn's time: the reply is cut at its cap
    # once it reaches it (what is stored and shown), not a 504 that loses all of it.
    settings.AGENT_MODEL_API = api
    settings.AGENT_TIMEOUT_S = 3
    hold = threading.Event()
    llm.script([Text("again " * 5000, hold=hold, hold_after=4000)])
    try:
        response, streamed = async_to_sync(_streamed_turn)("say it")
    finally:
        hold.set()

    assert response == streamed
    assert len(response) == reply_text.MAX_CHARS + len(reply_text.CUT_NOTE)
    assert response.startswith("again again") and response.endswith(reply_text.CUT_NOTE)
    assert Message.objects.filter(role="assistant").get().content == response
