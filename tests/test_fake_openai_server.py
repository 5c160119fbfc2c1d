"""The fake OpenAI server, driven by the real ``openai`` client and the real Agents SDK.

Plain synchronous pytest tests (no Django, no pytest-asyncio): each runs its async
part with ``asyncio.run``. The client is built with strict response validation, so
every JSON body and stream event the fake sends is validated against openai's types.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator
from typing import Any

import openai
import pytest
from agents import (
    Agent,
    FunctionTool,
    OpenAIChatCompletionsModel,
    OpenAIResponsesModel,
    RunConfig,
    Runner,
    RunResult,
    RunResultStreaming,
    function_tool,
)
from openai import AsyncOpenAI
from openai.types.chat import ChatCompletion, ChatCompletionChunk
from openai.types.responses import Response, ResponseStreamEvent
from pydantic import TypeAdapter

from tests.fakes.openai_server import (
    Disconnect,
    Fail,
    FakeOpenAIServer,
    Hang,
    Malformed,
    Raw,
    Text,
    ToolCall,
    ToolCalls,
    chat_chunks,
    chat_completion,
    chat_completion_chunks,
    chat_json,
    completion_from,
    responses_events,
    responses_json,
)

MODEL = "gpt-4o-mini"
NO_TRACING = RunConfig(tracing_disabled=True)
RESPONSES_PATH = "/v1/responses"
CHAT_PATH = "/v1/chat/completions"
WIRE_PATHS = pytest.mark.parametrize("path", [RESPONSES_PATH, CHAT_PATH], ids=["responses", "chat"])


@pytest.fixture
def server() -> Iterator[FakeOpenAIServer]:
    with FakeOpenAIServer() as running:
        yield running


def make_client(server: FakeOpenAIServer, **options: Any) -> AsyncOpenAI:
    """A real client for the fake, validating every answer against openai's types."""
    return AsyncOpenAI(
        base_url=server.base_url,
        api_key="test",
        max_retries=0,
        _strict_response_validation=True,
        **options,
    )


def make_agent(path: str, client: AsyncOpenAI, tools: list[FunctionTool]) -> Agent:
    """An agent whose Agents SDK model speaks the wire format served at ``path``."""
    model_class = OpenAIResponsesModel if path == RESPONSES_PATH else OpenAIChatCompletionsModel
    return Agent(name="todo", instructions="Help.", tools=tools, model=model_class(MODEL, client))


def add_task_tool(invocations: list[dict[str, Any]]) -> FunctionTool:
    """A function tool that records its arguments in ``invocations``."""

    @function_tool
    def add_task(title: str, priority: int) -> str:
        """Add a task to the todo list."""
        invocations.append({"title": title, "priority": priority})
        return f"added {title}"

    return add_task


def run_agent(
    server: FakeOpenAIServer, path: str, tools: list[FunctionTool], prompt: str
) -> RunResult:
    """Run the agent to its final output with the real Agents SDK runner."""

    async def run() -> RunResult:
        async with make_client(server) as client:
            agent = make_agent(path, client, tools)
            return await Runner.run(agent, prompt, run_config=NO_TRACING)

    return asyncio.run(run())


def run_agent_streamed(
    server: FakeOpenAIServer, path: str, tools: list[FunctionTool], prompt: str
) -> tuple[RunResultStreaming, list[str]]:
    """Run the agent streamed; also return the text deltas seen in the stream."""

    async def run() -> tuple[RunResultStreaming, list[str]]:
        async with make_client(server) as client:
            agent = make_agent(path, client, tools)
            result = Runner.run_streamed(agent, prompt, run_config=NO_TRACING)
            deltas = [
                event.data.delta
                async for event in result.stream_events()
                if event.type == "raw_response_event"
                and event.data.type == "response.output_text.delta"
            ]
            return result, deltas

    return asyncio.run(run())


async def create(client: AsyncOpenAI, path: str, **options: Any) -> Any:
    """One raw completion request on the wire format served at ``path``."""
    if path == RESPONSES_PATH:
        return await client.responses.create(model=MODEL, input="hello", **options)
    messages = [{"role": "user", "content": "hello"}]
    return await client.chat.completions.create(model=MODEL, messages=messages, **options)


def request_once(server: FakeOpenAIServer, path: str, **options: Any) -> Any:
    """Send one request, consuming the stream if ``stream=True``; return the answer."""

    async def send() -> Any:
        async with make_client(server) as client:
            answer = await create(client, path, **options)
            if options.get("stream"):
                return [event async for event in answer]
            return answer

    return asyncio.run(send())


def tool_outputs(path: str, body: dict[str, Any]) -> list[tuple[str, str]]:
    """``(call id, output)`` of each tool output in a request body, read from the raw wire."""
    if path == RESPONSES_PATH:
        items = [item for item in body["input"] if item.get("type") == "function_call_output"]
        return [(item["call_id"], item["output"]) for item in items]
    messages = [message for message in body["messages"] if message["role"] == "tool"]
    return [(message["tool_call_id"], message["content"]) for message in messages]


# ----------------------------------------------------------------------------- Agents SDK


@WIRE_PATHS
def test_scripted_tool_call_round_trip(server: FakeOpenAIServer, path: str) -> None:
    invocations: list[dict[str, Any]] = []
    server.script(
        [
            ToolCall("add_task", {"title": "milk", "priority": 2}, call_id="call_milk"),
            Text("Added milk to your list."),
        ]
    )

    result = run_agent(server, path, [add_task_tool(invocations)], "Add milk")

    assert result.final_output == "Added milk to your list."
    assert invocations == [{"title": "milk", "priority": 2}]
    first, second = server.requests_for(path)
    assert tool_outputs(path, first.body) == []
    assert tool_outputs(path, second.body) == [("call_milk", "added milk")]
    assert server.pending_steps == 0


@WIRE_PATHS
def test_one_tool_policy_calls_the_tool_then_summarises(path: str) -> None:
    invocations: list[dict[str, Any]] = []
    policy_server = FakeOpenAIServer(
        policy="one_tool", tool_name="add_task", tool_arguments={"title": "bread", "priority": 1}
    )

    with policy_server as server:
        result = run_agent(server, path, [add_task_tool(invocations)], "Add bread")

    assert invocations == [{"title": "bread", "priority": 1}]
    assert result.final_output == "Tool results: add_task returned added bread"


@WIRE_PATHS
def test_echo_policy_answers_with_the_last_user_text(server: FakeOpenAIServer, path: str) -> None:
    result = run_agent(server, path, [], "hello there")

    assert result.final_output == "echo: hello there"


@WIRE_PATHS
def test_streamed_run_calls_the_tool_and_streams_the_text(
    server: FakeOpenAIServer, path: str
) -> None:
    invocations: list[dict[str, Any]] = []
    answer = "Added eggs, anything else?"
    server.script([ToolCall("add_task", {"title": "eggs", "priority": 3}), Text(answer)])

    result, deltas = run_agent_streamed(server, path, [add_task_tool(invocations)], "Add eggs")

    assert result.final_output == answer
    assert "".join(deltas) == answer and len(deltas) > 1
    assert invocations == [{"title": "eggs", "priority": 3}]
    assert [request.body["stream"] for request in server.requests_for(path)] == [True, True]


@WIRE_PATHS
def test_recorded_requests_show_the_tools_offered(server: FakeOpenAIServer, path: str) -> None:
    run_agent(server, path, [add_task_tool([])], "hi")

    request = server.last_request_for(path)
    assert request.path == path
    assert request.tool_names == ["add_task"]
    assert set(request.tool_parameters("add_task")) == {"title", "priority"}
    assert request.headers["authorization"] == "Bearer test"


# ----------------------------------------------------------------------------- raw client


@WIRE_PATHS
def test_several_tool_calls_in_one_response(server: FakeOpenAIServer, path: str) -> None:
    server.script([ToolCalls([ToolCall("a", {"x": 1}), ToolCall("b", "{not json")])])

    answer = request_once(server, path)

    if path == RESPONSES_PATH:
        calls = [(item.call_id, item.name, item.arguments) for item in answer.output]
    else:
        assert answer.choices[0].finish_reason == "tool_calls"
        calls = [
            (call.id, call.function.name, call.function.arguments)
            for call in answer.choices[0].message.tool_calls
        ]
    assert [(name, arguments) for _, name, arguments in calls] == [
        ("a", '{"x": 1}'),
        ("b", "{not json"),
    ]
    call_ids = {call_id for call_id, _, _ in calls}
    assert len(call_ids) == 2 and all(call_id.startswith("call_") for call_id in call_ids)


@WIRE_PATHS
@pytest.mark.parametrize("stream", [False, True], ids=["json", "sse"])
def test_fail_surfaces_as_an_api_status_error(
    server: FakeOpenAIServer, path: str, stream: bool
) -> None:
    server.script([Fail(500, "model exploded")])

    with pytest.raises(openai.InternalServerError) as raised:
        request_once(server, path, stream=stream)

    assert raised.value.status_code == 500
    assert raised.value.body["message"] == "model exploded"


@WIRE_PATHS
def test_hang_triggers_a_client_timeout_and_spares_the_next_step(
    server: FakeOpenAIServer, path: str
) -> None:
    server.script([Hang(10), Text("next")])
    started = time.monotonic()

    with pytest.raises(openai.APITimeoutError):
        request_once(server, path, timeout=0.5)

    assert time.monotonic() - started < 3
    answer = request_once(server, path)
    text = answer.output_text if path == RESPONSES_PATH else answer.choices[0].message.content
    assert text == "next"


def test_hang_then_answers_after_sleeping(server: FakeOpenAIServer) -> None:
    server.script([Hang(0.3, then=Text("late"))])
    started = time.monotonic()

    answer = request_once(server, RESPONSES_PATH)

    assert answer.output_text == "late"
    assert time.monotonic() - started >= 0.3


@WIRE_PATHS
@pytest.mark.parametrize("stream", [False, True], ids=["json", "sse"])
def test_malformed_gives_a_client_side_error(
    server: FakeOpenAIServer, path: str, stream: bool
) -> None:
    server.script([Malformed()])

    with pytest.raises(ValueError):  # json.JSONDecodeError
        request_once(server, path, stream=stream)


@WIRE_PATHS
def test_malformed_with_the_wrong_shape_fails_validation(
    server: FakeOpenAIServer, path: str
) -> None:
    server.script([Malformed('{"id": 42}')])

    with pytest.raises(openai.APIResponseValidationError):
        request_once(server, path)


@WIRE_PATHS
@pytest.mark.parametrize("stream", [False, True], ids=["json", "sse"])
def test_disconnect_surfaces_as_a_connection_error(
    server: FakeOpenAIServer, path: str, stream: bool
) -> None:
    server.script([Disconnect()])

    with pytest.raises(openai.APIConnectionError) as raised:
        request_once(server, path, stream=stream)

    assert not isinstance(raised.value, openai.APITimeoutError)


def test_raw_answers_are_sent_as_given(server: FakeOpenAIServer) -> None:
    message = {"role": "assistant", "content": "Hi", "reasoning_content": "thinking"}
    chunks = chat_completion_chunks([{"role": "assistant"}, {"content": "Hi"}])
    server.script(
        [
            Raw(body=chat_completion(message)),
            Raw(events=chunks),
            Raw(body="<html>Bad gateway</html>", status=502, headers={"Retry-After": "7"}),
        ]
    )

    async def send() -> tuple[Any, list[Any], openai.APIStatusError]:
        async with make_client(server) as client:
            whole = await client.chat.completions.create(model=MODEL, messages=[])
            stream = await client.chat.completions.create(model=MODEL, messages=[], stream=True)
            streamed = [chunk async for chunk in stream]
            with pytest.raises(openai.APIStatusError) as failed:
                await client.chat.completions.create(model=MODEL, messages=[])
            return whole, streamed, failed.value

    whole, streamed, failed = asyncio.run(send())

    assert whole.choices[0].message.content == "Hi"
    assert whole.choices[0].message.model_extra == {"reasoning_content": "thinking"}
    assert whole.usage is None
    assert [chunk.choices[0].delta.content for chunk in streamed] == [None, "Hi", None]
    assert (failed.status_code, failed.response.headers["retry-after"]) == (502, "7")
    assert failed.response.text == "<html>Bad gateway</html>"


def test_models_are_listed(server: FakeOpenAIServer) -> None:
    async def list_models() -> list[str]:
        async with make_client(server) as client:
            return [model.id async for model in client.models.list()]

    assert MODEL in asyncio.run(list_models())


def test_concurrent_requests_overlap(server: FakeOpenAIServer) -> None:
    server.delay = 0.5

    async def burst() -> list[Any]:
        async with make_client(server) as client:
            paths = [RESPONSES_PATH, CHAT_PATH] * 50
            return await asyncio.gather(*(create(client, path) for path in paths))

    started = time.monotonic()
    answers = asyncio.run(burst())
    elapsed = time.monotonic() - started

    assert len(answers) == 100
    assert len(server.requests) == 100
    assert 0.5 <= elapsed < 5


# ----------------------------------------------------------------------------- payload shapes


@pytest.mark.parametrize("reply", [Text("a b c"), ToolCalls([ToolCall("a"), ToolCall("b")])])
def test_payloads_validate_against_openai_types(reply: Text | ToolCalls) -> None:
    completion = completion_from(reply)
    responses_body = {"model": MODEL, "input": "hi", "tools": []}
    chat_body = {"model": MODEL, "messages": [], "stream_options": {"include_usage": True}}

    Response.model_validate(responses_json(responses_body, completion))
    ChatCompletion.model_validate(chat_json(chat_body, completion))
    events = list(responses_events(responses_body, completion))
    for event in events:
        TypeAdapter(ResponseStreamEvent).validate_python(event)
    assert [event["sequence_number"] for event in events] == list(range(len(events)))
    assert events[-1]["type"] == "response.completed"
    chunks = [
        ChatCompletionChunk.model_validate(chunk) for chunk in chat_chunks(chat_body, completion)
    ]
    assert chunks[-1].usage is not None


def test_as_gemini_it_signs_tool_calls_and_refuses_a_turn_replaying_one_unsigned() -> None:
    async def scenario(server: FakeOpenAIServer) -> tuple[Any, str]:
        client = AsyncOpenAI(base_url=server.base_url, api_key="test", max_retries=0)
        server.script([ToolCall("add_task", {"title": "milk"}), Text("Done.")])
        asked = [{"role": "user", "content": "add milk"}]
        answer = await client.chat.completions.create(model=MODEL, messages=asked)
        call = answer.choices[0].message.tool_calls[0].model_dump()
        signature = call["extra_content"]["google"]["thought_signature"]
        unsigned = {k: v for k, v in call.items() if k != "extra_content"}
        replayed = [
            *asked,
            {"role": "assistant", "content": None, "tool_calls": [unsigned]},
            {"role": "tool", "tool_call_id": call["id"], "content": "{}"},
        ]
        with pytest.raises(openai.BadRequestError) as refused:
            await client.chat.completions.create(model=MODEL, messages=replayed)
        replayed[1]["tool_calls"] = [call]
        done = await client.chat.completions.create(model=MODEL, messages=replayed)
        assert done.choices[0].message.content == "Done."
        return signature, refused.value.message

    with FakeOpenAIServer(policy="no_tool", thought_signatures=True) as server:
        signature, refusal = asyncio.run(scenario(server))

    assert signature
    assert "Function call is missing a thought_signature" in refusal
