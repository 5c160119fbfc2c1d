"""The model client sends exactly what the plain openai client would, without its request walk,
and reads the answers as it does, without its field-by-field building."""

from __future__ import annotations

import json

import pytest
from openai import AsyncOpenAI

from conversations.providers import WireFormatAsyncOpenAI
from tests.fakes.openai_server import FakeOpenAIServer, Malformed, Text, ToolCall

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


def _read(answer):
    """An answer as the agent reads it, without what differs from one request to the next."""
    return answer.model_dump(exclude={"id", "created"})


async def test_answers_are_read_as_the_plain_client_reads_them(server):
    plain, wire = clients(server)
    server.script([Text("Added “Milk”."), Text("Added “Milk”.")])
    answers = [
        await client.chat.completions.create(model="gpt-4.1-mini", messages=MESSAGES)
        for client in (plain, wire)
    ]
    assert _read(answers[1]) == _read(answers[0])
    assert answers[1].choices[0].message.content == "Added “Milk”."

    server.script([ToolCall("add_task", {"title": "Milk"}, call_id="call_9")] * 2)
    streams = []
    for client in (plain, wire):
        stream = await client.chat.completions.create(
            model="gpt-4.1-mini", messages=MESSAGES, tools=TOOLS_CHAT, stream=True
        )
        streams.append([_read(chunk) async for chunk in stream])
    assert streams[1] == streams[0]
    assert any(
        call["function"]["name"] == "add_task"
        for chunk in streams[1]
        for call in chunk["choices"][0]["delta"].get("tool_calls") or []
    )


ODD_ANSWER = {
    "id": "chatcmpl-odd",
    "object": "chat.completion",
    "created": "yesterday",  # not a number: the typed reading refuses it
    "model": "local-model",
    "choices": [
        {"index": 0, "message": {"role": "assistant", "content": "Hi"}, "finish_reason": "stop"}
    ],
}


async def test_an_answer_off_the_spec_is_still_read_leniently(server):
    plain, wire = clients(server)
    odd_chunk = {
        **ODD_ANSWER,
        "object": "chat.completion.chunk",
        "choices": [{"index": 0, "delta": {"content": "Hi"}, "finish_reason": "stop"}],
    }
    server.script(
        [Malformed(json.dumps(ODD_ANSWER))] * 2
        + [Malformed(f"data: {json.dumps(odd_chunk)}\n\ndata: [DONE]\n\n")] * 2
    )
    for client in (plain, wire):
        answer = await client.chat.completions.create(model="gpt-4.1-mini", messages=MESSAGES)
        assert answer.choices[0].message.content == "Hi"
        assert answer.created == "yesterday"
    for client in (plain, wire):
        stream = await client.chat.completions.create(
            model="gpt-4.1-mini", messages=MESSAGES, stream=True
        )
        assert [chunk.choices[0].delta.content async for chunk in stream] == ["Hi"]
