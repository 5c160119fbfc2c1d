"""Gemini 3's thought signatures: its OpenAI-compatible endpoint answers a tool call with
`extra_content.google.thought_signature`, and refuses (400) a request whose current turn
replays that call without it. The fake server plays Gemini (`thought_signatures=True`)."""

import pytest
from asgiref.sync import async_to_sync

from conversations.events import TextDelta
from conversations.services import start_turn
from tasks.models import Task
from tests.fakes.openai_server import (
    FakeOpenAIServer,
    Raw,
    Text,
    ToolCall,
    ToolCalls,
    chat_completion_chunks,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def gemini_server():
    with FakeOpenAIServer(policy="no_tool", thought_signatures=True) as server:
        yield server


@pytest.fixture(params=["gemini-3-pro-preview", "team-assistant"])
def gemini(request, gemini_server, settings):
    """The fake Gemini as the product's model: under a Gemini name, and under an alias a
    proxy (LiteLLM, OpenRouter) gives it."""
    settings.AGENT_MODEL = request.param
    settings.OPENAI_API_KEY = "test-key"
    settings.OPENAI_BASE_URL = gemini_server.base_url
    settings.AGENT_MODEL_API = "chat_completions"
    settings.AGENT_MAX_RETRIES = 0
    gemini_server.reset()
    yield gemini_server
    assert gemini_server.pending_steps == 0, "a scripted step was not consumed"


def chat(client, message, conversation_id=None):
    body = {"message": message}
    if conversation_id is not None:
        body["conversation_id"] = conversation_id
    return client.post("/api/alice/chat", body, format="json")


def signatures_sent(request):
    return [
        (call.get("extra_content") or {}).get("google", {}).get("thought_signature")
        for message in request.body["messages"]
        for call in message.get("tool_calls") or []
    ]


def test_a_tool_turn_and_a_follow_up_turn_send_the_signatures_back(api_as, gemini):
    client = api_as("alice")
    gemini.script([ToolCall("add_task", {"title": "Buy milk"}), Text("Added.")])

    first = chat(client, "add buy milk")

    assert first.status_code == 200, first.json()
    assert first.json()["response"] == "Added."
    assert Task.objects.filter(user_id="alice", title="Buy milk").exists()
    [signed] = signatures_sent(gemini.last_request_for("/chat/completions"))
    assert signed  # the turn's second model call sent the call back signed
    assert "thought_signature" not in first.json()["tool_calls"][0]
    gemini.script(
        [
            ToolCalls([ToolCall("list_tasks", {}), ToolCall("add_task", {"title": "Eggs"})]),
            Text("Two tasks."),
        ]
    )

    second = chat(client, "list them and add eggs", first.json()["conversation_id"])

    assert second.status_code == 200, second.json()
    assert second.json()["response"] == "Two tasks."
    last = gemini.last_request_for("/chat/completions")
    # Every call replayed carries the signature it came with, the earlier turn's too (Gemini
    # checks the current turn's; Google asks for all of them back); of parallel calls, Gemini
    # signs the first.
    earlier, first_parallel, second_parallel = signatures_sent(last)
    assert earlier == signed
    assert first_parallel and first_parallel != signed
    assert second_parallel is None


async def _streamed(message):
    running = await start_turn(user_id="alice", message=message)
    text = [event.text async for event in running.events() if isinstance(event, TextDelta)]
    return (await running.result()).response, "".join(text)


def test_a_streamed_tool_turn_sends_the_signature_back(gemini):
    gemini.script([ToolCall("add_task", {"title": "Call mom"}), Text("Done.")])

    response, streamed = async_to_sync(_streamed)("add call mom")

    assert response == streamed == "Done."
    assert Task.objects.filter(user_id="alice", title="Call mom").exists()


def test_parallel_calls_streamed_as_gemini_streams_them_keep_the_signature(gemini):
    # Gemini streams parallel calls in one chunk, all at index 0, the signature on the first.
    gemini.issue_signature("SIG-GEMINI")
    calls = [
        {
            "index": 0,
            "id": "call_a",
            "type": "function",
            "function": {"name": "add_task", "arguments": '{"title": "Bread"}'},
            "extra_content": {"google": {"thought_signature": "SIG-GEMINI"}},
        },
        {
            "index": 0,
            "id": "call_b",
            "type": "function",
            "function": {"name": "add_task", "arguments": '{"title": "Jam"}'},
        },
    ]
    chunks = chat_completion_chunks(
        [{"role": "assistant", "tool_calls": calls}], finish_reason="tool_calls"
    )
    gemini.script([Raw(events=chunks), Text("Both added.")])

    response, streamed = async_to_sync(_streamed)("add bread and jam")

    assert response == streamed == "Both added."
    assert set(Task.objects.values_list("title", flat=True)) == {"Bread", "Jam"}
    assert signatures_sent(gemini.last_request_for("/chat/completions")) == ["SIG-GEMINI", None]
