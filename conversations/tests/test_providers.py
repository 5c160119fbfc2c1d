"""The model client sends exactly what the plain openai client would, without its request walk."""

from __future__ import annotations

import pytest
from openai import AsyncOpenAI

from conversations.providers import WireFormatAsyncOpenAI
from tests.fakes.openai_server import FakeOpenAIServer

TOOLS_CHAT = [
    {
        "type": "function",
        "function": {
            "name": "add_task",
            "description": "Add a task.",
            "parameters": {
                "type": "object",
                "properties": {"title": {"type": "string"}, "description": {"type": "string"}},
                "required": ["title"],
            },
        },
    }
]
MESSAGES = [
    {"role": "system", "content": "You manage a todo list."},
    {"role": "user", "content": "Add milk"},
    {
        "role": "assistant",
        "content": None,
        "tool_calls": [
            {
                "id": "call_1",
                "type": "function",
                "function": {"name": "add_task", "arguments": '{"title": "Milk"}'},
            }
        ],
    },
    {"role": "tool", "tool_call_id": "call_1", "content": '{"task_id": 1}'},
    {"role": "assistant", "content": "Added “Milk”."},
    {"role": "user", "content": "Thanks!"},
]
TOOLS_RESPONSES = [{"type": "function", **TOOLS_CHAT[0]["function"], "strict": False}]
INPUT = [
    {"role": "user", "content": "Add milk"},
    {"type": "function_call", "call_id": "call_1", "name": "add_task", "arguments": "{}"},
    {"type": "function_call_output", "call_id": "call_1", "output": '{"task_id": 1}'},
    {"role": "assistant", "content": "Added."},
    {"role": "user", "content": "Thanks!"},
]


@pytest.fixture(scope="module")
def server():
    with FakeOpenAIServer(policy="no_tool") as server:
        yield server


def clients(server):
    options = {"api_key": "test-key", "base_url": server.base_url, "max_retries": 0}
    return AsyncOpenAI(**options), WireFormatAsyncOpenAI(**options)


async def test_chat_completions_body_is_the_plain_clients(server):
    plain, wire = clients(server)
    for client in (plain, wire):
        answer = await client.chat.completions.create(
            model="gpt-4.1-mini",
            messages=MESSAGES,
            tools=TOOLS_CHAT,
            temperature=0.2,
            extra_body={"top_k": 3},
        )
        assert answer.choices[0].message.content

    sent_plain, sent_wire = (r.body for r in server.requests_for("/chat/completions")[-2:])
    assert sent_wire == sent_plain
    assert sent_wire["messages"] == MESSAGES and sent_wire["top_k"] == 3


async def test_responses_body_is_the_plain_clients(server):
    plain, wire = clients(server)
    for client in (plain, wire):
        answer = await client.responses.create(
            model="gpt-4.1-mini", input=INPUT, tools=TOOLS_RESPONSES, instructions="Be brief."
        )
        assert answer.output_text

    sent_plain, sent_wire = (r.body for r in server.requests_for("/responses")[-2:])
    assert sent_wire == sent_plain
    assert sent_wire["input"] == INPUT and sent_wire["tools"] == TOOLS_RESPONSES


async def test_a_plain_text_input_still_goes_the_usual_way(server):
    _, wire = clients(server)

    await wire.responses.create(model="gpt-4.1-mini", input="Hello")

    assert server.requests_for("/responses")[-1].body["input"] == "Hello"
