"""A local fake OpenAI-compatible HTTP server speaking the real wire protocol.

It serves ``POST /v1/responses`` (Responses API), ``POST /v1/chat/completions``
(Chat Completions API), both as JSON or, when the request says ``"stream": true``,
as server-sent events, plus ``GET /v1/models``. The real ``openai`` client and the
Agents SDK models (``OpenAIResponsesModel``, ``OpenAIChatCompletionsModel``) can be
pointed at it with ``AsyncOpenAI(base_url=server.base_url, api_key="test")``.

What the fake model answers is decided per request by, in order:

1. the next step of the script queued with :meth:`FakeOpenAIServer.script`
   (:class:`ToolCall`, :class:`ToolCalls`, :class:`Text`, :class:`Fail`,
   :class:`Hang`, :class:`Malformed`, :class:`Disconnect`, :class:`Cut`, :class:`Raw`), shared
   by both wire formats;
2. otherwise the policy, a stateless function of the request's conversation
   (``"echo"``, ``"one_tool"``, ``"no_tool"`` or any :data:`Policy` callable),
   which keeps it correct under any amount of concurrency.

Every answer is preceded by :attr:`FakeOpenAIServer.delay` seconds of asynchronous
sleep, so hundreds of concurrent requests each taking a second finish in about a second.

In tests::

    with FakeOpenAIServer(policy="one_tool") as server:
        client = AsyncOpenAI(base_url=server.base_url, api_key="test", max_retries=0)
        server.script([ToolCall("add_task", {"title": "milk"}), Text("Added.")])
        ...
        assert "user_id" not in server.last_request_for("/responses").tool_parameters("add_task")

For benchmarks, as its own process (prints the base URL, serves until killed)::

    python -m tests.fakes.openai_server --port 8900 --policy one_tool --delay 1.0
"""

from __future__ import annotations

import argparse
import asyncio
import json
import re
import socket
import threading
import time
import uuid
from collections import deque
from collections.abc import AsyncIterator, Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import Route
from starlette.types import Receive, Scope, Send

DEFAULT_TOOL_NAME = "list_tasks"
DEFAULT_MODEL = "gpt-4o-mini"
MODEL_IDS = (DEFAULT_MODEL, "gpt-4.1-mini", "gpt-4.1")
NO_TOOL_ANSWER = "This is a plain answer from the fake model."

# ----------------------------------------------------------------------------- script steps


@dataclass(frozen=True)
class ToolCall:
    """The model calls one function tool.

    ``arguments`` given as a mapping are JSON-encoded; a string is sent verbatim,
    so tests can send invalid JSON. ``call_id`` defaults to a fresh ``call_<hex>``.
    """

    name: str
    arguments: Mapping[str, Any] | str = field(default_factory=dict)
    call_id: str | None = None


@dataclass(frozen=True)
class ToolCalls:
    """The model calls several function tools in one response."""

    calls: Sequence[ToolCall]


@dataclass(frozen=True)
class Text:
    """The model answers with a plain assistant message.

    With ``hold``, a streamed answer stops after its first word (its first ``hold_after``
    words) until ``hold`` is set: a test can see what arrived while the model was still
    writing.
    """

    text: str
    hold: threading.Event | None = field(default=None, compare=False)
    hold_after: int = 1


@dataclass(frozen=True)
class Fail:
    """The server answers with an HTTP error carrying an OpenAI-style error JSON.

    ``body`` replaces the whole default ``{"error": {...}}`` document when given.
    """

    status: int = 500
    message: str = "The fake OpenAI server was scripted to fail."
    body: Mapping[str, Any] | None = None


@dataclass(frozen=True)
class Hang:
    """Sleep ``seconds`` (returning early if the client goes away), then answer with ``then``.

    With ``then=None`` the answer comes from the policy: the next scripted step is
    deliberately not consumed, so a client retry after its timeout gets that step.
    """

    seconds: float
    then: Step | None = None


@dataclass(frozen=True)
class Malformed:
    """A 200 answer whose body cannot be parsed.

    By default that is truncated JSON (or, for a streaming request, an SSE event whose
    data is not JSON); ``body`` sends the given text instead, e.g. valid JSON of the
    wrong shape.
    """

    body: str | None = None


@dataclass(frozen=True)
class Disconnect:
    """The server closes the connection without sending any response."""


@dataclass(frozen=True)
class Cut:
    """A streamed answer that stops after its text, unfinished: no ``finish_reason`` (Chat
    Completions) nor ``response.completed`` (Responses), no ``[DONE]``; the body just ends, as
    when a proxy or the provider drops the stream. Answered whole to a request not streamed."""

    text: str


@dataclass(frozen=True)
class Raw:
    """Exactly this answer, whatever the request asked for: what real servers send that the
    other steps never do (a message with both text and tool calls, arguments as a JSON object,
    arguments split over many chunks, reasoning fields, an HTML error page, ``Retry-After``…).

    ``body`` is the answer to a request that did not ask for a stream: a mapping is sent as
    JSON, a string verbatim. ``events`` answers a streamed request: each is one SSE ``data:``
    line (a mapping as JSON, a string verbatim), and a Chat Completions stream gets its final
    ``data: [DONE]`` unless ``done=False``. :func:`chat_completion` and
    :func:`chat_completion_chunks` build the usual envelopes around a message.
    """

    body: Mapping[str, Any] | str | None = None
    events: Sequence[Mapping[str, Any] | str] | None = None
    status: int = 200
    headers: Mapping[str, str] = field(default_factory=dict)
    content_type: str | None = None
    done: bool = True


Reply = Text | ToolCall | ToolCalls
Answer = Reply | Fail | Malformed | Disconnect | Cut | Raw
Step = Answer | Hang

# ----------------------------------------------------------------------------- conversations


@dataclass(frozen=True)
class ToolResult:
    """One tool output sent back to the model."""

    call_id: str
    name: str | None
    output: str


@dataclass(frozen=True)
class Transcript:
    """What a policy sees of a request, whatever its wire format.

    ``tool_results`` holds only the tool outputs sent after the last user message.
    """

    last_user_text: str
    tool_results: tuple[ToolResult, ...]


class _TranscriptBuilder:
    """Folds conversation items, oldest first, into a :class:`Transcript`."""

    def __init__(self) -> None:
        self._tool_names: dict[str, str] = {}
        self._user_text = ""
        self._results: list[ToolResult] = []

    def user(self, text: str) -> None:
        self._user_text = text
        self._results = []

    def tool_call(self, call_id: str, name: str) -> None:
        self._tool_names[call_id] = name

    def tool_result(self, call_id: str, output: str) -> None:
        self._results.append(ToolResult(call_id, self._tool_names.get(call_id), output))

    def build(self) -> Transcript:
        return Transcript(self._user_text, tuple(self._results))


def _text_of(content: Any) -> str:
    """The text of a message content or tool output: a string or a list of parts."""
    if content is None:
        return ""
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return "".join(part.get("text", "") for part in content if isinstance(part, dict))
    return json.dumps(content)


def responses_transcript(body: Mapping[str, Any]) -> Transcript:
    """The transcript of a Responses API request (its ``input``)."""
    items = body.get("input") or []
    if isinstance(items, str):
        return Transcript(items, ())
    builder = _TranscriptBuilder()
    for item in items:
        kind = item.get("type", "message")
        if kind == "message" and item.get("role") == "user":
            builder.user(_text_of(item.get("content")))
        elif kind == "function_call":
            builder.tool_call(item["call_id"], item["name"])
        elif kind == "function_call_output":
            builder.tool_result(item["call_id"], _text_of(item.get("output")))
    return builder.build()


def chat_transcript(body: Mapping[str, Any]) -> Transcript:
    """The transcript of a Chat Completions request (its ``messages``)."""
    builder = _TranscriptBuilder()
    for message in body.get("messages") or []:
        role = message.get("role")
        if role == "user":
            builder.user(_text_of(message.get("content")))
        elif role == "assistant":
            for call in message.get("tool_calls") or []:
                builder.tool_call(call["id"], call["function"]["name"])
        elif role == "tool":
            builder.tool_result(message["tool_call_id"], _text_of(message.get("content")))
    return builder.build()


# ----------------------------------------------------------------------------- policies

Policy = Callable[[Transcript], Step]


def echo_policy(transcript: Transcript) -> Step:
    """Answer ``echo: <last user text>``."""
    return Text(f"echo: {transcript.last_user_text}")


def no_tool_policy(transcript: Transcript) -> Step:
    """Answer with a fixed plain text, never calling a tool."""
    return Text(NO_TOOL_ANSWER)


@dataclass(frozen=True)
class OneToolPolicy:
    """Call one tool after each user message, then summarise what the tool returned."""

    tool_name: str = DEFAULT_TOOL_NAME
    arguments: Mapping[str, Any] | str = field(default_factory=dict)

    def __call__(self, transcript: Transcript) -> Step:
        if not transcript.tool_results:
            return ToolCall(self.tool_name, self.arguments)
        summary = "; ".join(
            f"{result.name or result.call_id} returned {result.output}"
            for result in transcript.tool_results
        )
        return Text(f"Tool results: {summary}")


POLICY_NAMES = ("echo", "one_tool", "no_tool")


def make_policy(
    name: str,
    *,
    tool_name: str = DEFAULT_TOOL_NAME,
    tool_arguments: Mapping[str, Any] | str | None = None,
) -> Policy:
    """The built-in policy called ``name`` (one of :data:`POLICY_NAMES`)."""
    if name == "echo":
        return echo_policy
    if name == "no_tool":
        return no_tool_policy
    if name == "one_tool":
        return OneToolPolicy(tool_name, {} if tool_arguments is None else tool_arguments)
    raise ValueError(f"unknown policy {name!r}; expected one of {POLICY_NAMES}")


# ----------------------------------------------------------------------------- completions


def new_id(prefix: str, separator: str = "_") -> str:
    """A fresh unique id such as ``call_<uuid hex>``."""
    return f"{prefix}{separator}{uuid.uuid4().hex}"


@dataclass(frozen=True)
class FunctionCall:
    """A function call as sent on the wire: its id is fixed, its arguments are a string."""

    call_id: str
    name: str
    arguments: str


@dataclass(frozen=True)
class Completion:
    """A model answer, independent of the wire format: text or function calls."""

    text: str | None
    calls: tuple[FunctionCall, ...]

    @property
    def output_text(self) -> str:
        """The text the model produced (the call arguments, for calls), for usage counts."""
        return self.text if self.text is not None else "".join(c.arguments for c in self.calls)


def _resolve_call(call: ToolCall) -> FunctionCall:
    arguments = call.arguments if isinstance(call.arguments, str) else json.dumps(call.arguments)
    return FunctionCall(call.call_id or new_id("call"), call.name, arguments)


def completion_from(reply: Reply) -> Completion:
    """The completion a reply step stands for, with call ids and arguments fixed."""
    if isinstance(reply, Text):
        return Completion(reply.text, ())
    calls = reply.calls if isinstance(reply, ToolCalls) else [reply]
    return Completion(None, tuple(_resolve_call(call) for call in calls))


def _estimate_tokens(text: str) -> int:
    return max(1, len(text) // 4)


def _text_chunks(text: str) -> list[str]:
    """``text`` split into word-sized deltas for streaming."""
    return re.findall(r"\s*\S+\s*", text) or [text]


def _sse(data: str, event: str | None = None) -> str:
    prefix = f"event: {event}\n" if event else ""
    return f"{prefix}data: {data}\n\n"


# ----------------------------------------------------------------------------- Responses API


def _responses_usage(body: Mapping[str, Any], completion: Completion) -> dict[str, Any]:
    input_tokens = _estimate_tokens(json.dumps(body.get("input")))
    output_tokens = _estimate_tokens(completion.output_text)
    return {
        "input_tokens": input_tokens,
        "input_tokens_details": {"cached_tokens": 0, "cache_write_tokens": 0},
        "output_tokens": output_tokens,
        "output_tokens_details": {"reasoning_tokens": 0},
        "total_tokens": input_tokens + output_tokens,
    }


def _output_text_part(text: str) -> dict[str, Any]:
    return {"type": "output_text", "text": text, "annotations": [], "logprobs": []}


def _responses_output(completion: Completion) -> list[dict[str, Any]]:
    if completion.text is not None:
        return [
            {
                "type": "message",
                "id": new_id("msg"),
                "role": "assistant",
                "status": "completed",
                "content": [_output_text_part(completion.text)],
            }
        ]
    return [
        {
            "type": "function_call",
            "id": new_id("fc"),
            "call_id": call.call_id,
            "name": call.name,
            "arguments": call.arguments,
            "status": "completed",
        }
        for call in completion.calls
    ]


def _response_object(
    body: Mapping[str, Any],
    response_id: str,
    output: list[dict[str, Any]],
    usage: dict[str, Any] | None,
) -> dict[str, Any]:
    """A ``Response`` object; it is completed when ``usage`` is given, else in progress."""
    now = int(time.time())
    return {
        "id": response_id,
        "object": "response",
        "created_at": now,
        "completed_at": now if usage else None,
        "status": "completed" if usage else "in_progress",
        "model": body.get("model") or DEFAULT_MODEL,
        "output": output,
        "instructions": body.get("instructions"),
        "parallel_tool_calls": body.get("parallel_tool_calls") is not False,
        "tool_choice": body.get("tool_choice") or "auto",
        "tools": body.get("tools") or [],
        "previous_response_id": body.get("previous_response_id"),
        "temperature": body.get("temperature"),
        "top_p": body.get("top_p"),
        "metadata": body.get("metadata") or {},
        "error": None,
        "incomplete_details": None,
        "usage": usage,
    }


def responses_json(body: Mapping[str, Any], completion: Completion) -> dict[str, Any]:
    """The non-streaming Responses API answer."""
    output = _responses_output(completion)
    return _response_object(body, new_id("resp"), output, _responses_usage(body, completion))


def _message_events(index: int, item: dict[str, Any]) -> Iterator[dict[str, Any]]:
    text = item["content"][0]["text"]
    where = {"item_id": item["id"], "output_index": index, "content_index": 0}
    yield {"type": "response.content_part.added", **where, "part": _output_text_part("")}
    for delta in _text_chunks(text):
        yield {"type": "response.output_text.delta", **where, "delta": delta, "logprobs": []}
    yield {"type": "response.output_text.done", **where, "text": text, "logprobs": []}
    yield {"type": "response.content_part.done", **where, "part": _output_text_part(text)}


def _function_call_events(index: int, item: dict[str, Any]) -> Iterator[dict[str, Any]]:
    where = {"item_id": item["id"], "output_index": index}
    yield {"type": "response.function_call_arguments.delta", **where, "delta": item["arguments"]}
    yield {"type": "response.function_call_arguments.done", **where, "arguments": item["arguments"]}


def _output_item_events(index: int, item: dict[str, Any]) -> Iterator[dict[str, Any]]:
    is_message = item["type"] == "message"
    started = {**item, "status": "in_progress"}
    started.update({"content": []} if is_message else {"arguments": ""})
    yield {"type": "response.output_item.added", "output_index": index, "item": started}
    yield from (_message_events if is_message else _function_call_events)(index, item)
    yield {"type": "response.output_item.done", "output_index": index, "item": item}


def responses_events(body: Mapping[str, Any], completion: Completion) -> Iterator[dict[str, Any]]:
    """The Responses API stream events, numbered, ending with ``response.completed``."""
    response_id = new_id("resp")
    output = _responses_output(completion)
    in_progress = _response_object(body, response_id, [], None)
    events: list[dict[str, Any]] = [
        {"type": "response.created", "response": in_progress},
        {"type": "response.in_progress", "response": in_progress},
    ]
    for index, item in enumerate(output):
        events.extend(_output_item_events(index, item))
    usage = _responses_usage(body, completion)
    completed = _response_object(body, response_id, output, usage)
    events.append({"type": "response.completed", "response": completed})
    for number, event in enumerate(events):
        yield {**event, "sequence_number": number}


def responses_sse(body: Mapping[str, Any], completion: Completion) -> Iterator[str]:
    """The Responses API stream as SSE text."""
    for event in responses_events(body, completion):
        yield _sse(json.dumps(event), event=event["type"])


# ----------------------------------------------------------------------------- Chat Completions


def _chat_usage(body: Mapping[str, Any], completion: Completion) -> dict[str, Any]:
    prompt_tokens = _estimate_tokens(json.dumps(body.get("messages")))
    completion_tokens = _estimate_tokens(completion.output_text)
    return {
        "prompt_tokens": prompt_tokens,
        "completion_tokens": completion_tokens,
        "total_tokens": prompt_tokens + completion_tokens,
        "prompt_tokens_details": {"cached_tokens": 0},
        "completion_tokens_details": {"reasoning_tokens": 0},
    }


def _chat_envelope(body: Mapping[str, Any], completion_id: str, obj: str) -> dict[str, Any]:
    return {
        "id": completion_id,
        "object": obj,
        "created": int(time.time()),
        "model": body.get("model") or DEFAULT_MODEL,
        "system_fingerprint": "fp_fake",
    }


def _finish_reason(completion: Completion) -> str:
    return "tool_calls" if completion.calls else "stop"


def chat_json(body: Mapping[str, Any], completion: Completion) -> dict[str, Any]:
    """The non-streaming Chat Completions answer."""
    message: dict[str, Any] = {
        "role": "assistant",
        "content": completion.text,
        "refusal": None,
        "annotations": [],
    }
    if completion.calls:
        message["tool_calls"] = [
            {
                "id": call.call_id,
                "type": "function",
                "function": {"name": call.name, "arguments": call.arguments},
            }
            for call in completion.calls
        ]
    choice = {
        "index": 0,
        "message": message,
        "finish_reason": _finish_reason(completion),
        "logprobs": None,
    }
    return {
        **_chat_envelope(body, new_id("chatcmpl", "-"), "chat.completion"),
        "choices": [choice],
        "usage": _chat_usage(body, completion),
    }


def _chat_deltas(completion: Completion) -> Iterator[dict[str, Any]]:
    yield {"role": "assistant", "content": "" if completion.text is not None else None}
    for text in _text_chunks(completion.text) if completion.text else []:
        yield {"content": text}
    for index, call in enumerate(completion.calls):
        opening = {"index": index, "id": call.call_id, "type": "function"}
        yield {"tool_calls": [{**opening, "function": {"name": call.name, "arguments": ""}}]}
        yield {"tool_calls": [{"index": index, "function": {"arguments": call.arguments}}]}


def chat_chunks(body: Mapping[str, Any], completion: Completion) -> Iterator[dict[str, Any]]:
    """The Chat Completions stream chunks; a usage chunk ends it if the request asked for one."""
    envelope = _chat_envelope(body, new_id("chatcmpl", "-"), "chat.completion.chunk")
    for delta in _chat_deltas(completion):
        yield {**envelope, "choices": [{"index": 0, "delta": delta, "finish_reason": None}]}
    final_choice = {"index": 0, "delta": {}, "finish_reason": _finish_reason(completion)}
    yield {**envelope, "choices": [final_choice]}
    if (body.get("stream_options") or {}).get("include_usage"):
        yield {**envelope, "choices": [], "usage": _chat_usage(body, completion)}


def chat_sse(body: Mapping[str, Any], completion: Completion) -> Iterator[str]:
    """The Chat Completions stream as SSE text, ending with ``data: [DONE]``."""
    for chunk in chat_chunks(body, completion):
        yield _sse(json.dumps(chunk))
    yield _sse("[DONE]")


# ----------------------------------------------------------------------------- HTTP layer


@dataclass(frozen=True)
class _WireFormat:
    """How one endpoint reads conversations and writes answers."""

    transcript: Callable[[Mapping[str, Any]], Transcript]
    render_json: Callable[[Mapping[str, Any], Completion], dict[str, Any]]
    render_sse: Callable[[Mapping[str, Any], Completion], Iterator[str]]


RESPONSES = _WireFormat(responses_transcript, responses_json, responses_sse)
CHAT_COMPLETIONS = _WireFormat(chat_transcript, chat_json, chat_sse)

MALFORMED_JSON = '{"id": "resp_malformed", "object": "response", "output": [{"type": '
MALFORMED_SSE = _sse("{this is not json")


class RecordedRequest(NamedTuple):
    """One completion request as received: ``(path, parsed JSON body, headers)``."""

    path: str
    body: dict[str, Any]
    headers: dict[str, str]

    @property
    def tools(self) -> dict[str, dict[str, Any]]:
        """The function tools offered to the model, by name, in their wire shape."""
        offered = (tool.get("function", tool) for tool in self.body.get("tools") or [])
        return {tool["name"]: tool for tool in offered if "name" in tool}

    @property
    def tool_names(self) -> list[str]:
        """The names of the function tools offered to the model."""
        return list(self.tools)

    def tool_parameters(self, name: str) -> dict[str, Any]:
        """The JSON-schema ``properties`` of the tool called ``name``."""
        return self.tools[name].get("parameters", {}).get("properties", {})


def openai_error(status: int, message: str) -> dict[str, Any]:
    """An OpenAI-style error document."""
    kind = "server_error" if status >= 500 else "invalid_request_error"
    return {"error": {"message": message, "type": kind, "param": None, "code": None}}


async def _wait_for_disconnect(receive: Receive) -> None:
    """Return once the client has gone; the request body must have been read already."""
    while (await receive())["type"] != "http.disconnect":
        continue


async def _sleep_unless_disconnected(request: Request, seconds: float) -> bool:
    """Sleep ``seconds``; return ``False`` early if the client disconnects meanwhile."""
    if seconds <= 0:
        return True
    try:
        await asyncio.wait_for(_wait_for_disconnect(request.receive), timeout=seconds)
    except TimeoutError:
        return True
    return False


class _DropConnection(Response):
    """An ASGI answer that aborts the TCP connection without sending anything.

    ASGI has no way to do this, so it finds uvicorn's connection for this request by
    the client address among the server's live connections (uvicorn internals).
    """

    def __init__(self, server: uvicorn.Server) -> None:
        super().__init__()
        self._server = server

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        client = scope.get("client")
        connections = self._server.server_state.connections
        matching = [c for c in connections if getattr(c, "client", None) == client]
        if not matching:  # uvicorn changed: fail loudly (a 500) rather than hang
            raise RuntimeError("cannot find the uvicorn connection to drop")
        for connection in matching:
            connection.transport.abort()
        await _wait_for_disconnect(receive)


async def _json_object(request: Request) -> dict[str, Any] | None:
    """The request body parsed as a JSON object, or ``None`` if it is not one."""
    try:
        body = json.loads(await request.body())
    except ValueError:
        return None
    return body if isinstance(body, dict) else None


async def _aiter(chunks: Iterable[str]) -> AsyncIterator[str]:
    """Stream ``chunks`` from the event loop (a sync iterator would use a worker thread)."""
    for chunk in chunks:
        yield chunk


# A streamed chunk that finishes the answer, in either wire format.
_FINISHING_CHUNK = re.compile(r'"finish_reason": "|"response\.completed"|\[DONE\]')


def _unfinished(chunks: Iterable[str]) -> Iterator[str]:
    """``chunks`` up to the first one that would finish the answer."""
    for chunk in chunks:
        if _FINISHING_CHUNK.search(chunk):
            return
        yield chunk


# A streamed chunk that carries reply text, in either wire format.
_TEXT_CHUNK = re.compile(r'"response\.output_text\.delta"|"delta": \{"content": "[^"]')


async def _held_after_first_word(
    chunks: Iterable[str], hold: threading.Event, words: int = 1
) -> AsyncIterator[str]:
    """Stream ``chunks``, waiting after the first ``words`` with reply text until ``hold`` is
    set."""
    seen = 0
    for chunk in chunks:
        yield chunk
        if seen < words and _TEXT_CHUNK.search(chunk):
            seen += 1
            if seen == words:
                await asyncio.to_thread(hold.wait, 60)


# ----------------------------------------------------------------------------- the server


class FakeOpenAIServer:
    """A fake OpenAI server with a script queue, a fallback policy and a request log.

    Use it as a context manager (or :meth:`start` / :meth:`stop`) to serve it from a
    background thread with its own event loop, or :meth:`serve_forever` in a process of
    its own. The script, :attr:`delay` and :attr:`policy` may be changed at any time.
    """

    def __init__(
        self,
        *,
        policy: str | Policy = "echo",
        delay: float = 0.0,
        tool_name: str = DEFAULT_TOOL_NAME,
        tool_arguments: Mapping[str, Any] | str | None = None,
        host: str = "127.0.0.1",
        port: int = 0,
        graceful_shutdown_seconds: float = 5.0,
        thought_signatures: bool = False,
    ) -> None:
        """Configure, without starting, a server.

        ``policy`` is a name from :data:`POLICY_NAMES` or a :data:`Policy` callable;
        ``tool_name`` / ``tool_arguments`` configure the ``one_tool`` policy; ``delay``
        (seconds) precedes every completion answer; ``port=0`` picks a free port.
        With ``thought_signatures`` (may be changed at any time) Chat Completions behaves as
        Gemini 3's OpenAI-compatible endpoint: the first tool call of each answer carries
        ``extra_content.google.thought_signature``, and a request whose current turn (after
        its last user message) holds a call answer without its signature gets Gemini's 400.
        """
        self.thought_signatures = thought_signatures
        self._signatures: set[str] = set()
        self.policy: Policy = (
            make_policy(policy, tool_name=tool_name, tool_arguments=tool_arguments)
            if isinstance(policy, str)
            else policy
        )
        self.delay = delay
        self.host = host
        self.port = port
        self._graceful_shutdown_seconds = graceful_shutdown_seconds
        self._lock = threading.Lock()
        self._script: deque[Step] = deque()
        self._requests: list[RecordedRequest] = []
        self._uvicorn: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None
        self.app = self._build_app()

    # -- scripting and recording

    def script(self, steps: Iterable[Step]) -> None:
        """Queue steps, each answering one completion request, after any already queued."""
        with self._lock:
            self._script.extend(steps)

    @property
    def pending_steps(self) -> int:
        """How many scripted steps have not been consumed yet."""
        with self._lock:
            return len(self._script)

    def next_step(self, transcript: Transcript) -> Step:
        """The next scripted step, or the policy's answer when the script is empty."""
        with self._lock:
            if self._script:
                return self._script.popleft()
        return self.policy(transcript)

    @property
    def requests(self) -> list[RecordedRequest]:
        """A snapshot of the completion requests received so far, oldest first."""
        with self._lock:
            return list(self._requests)

    def requests_for(self, path: str) -> list[RecordedRequest]:
        """The recorded requests whose path ends with ``path`` (e.g. ``"/responses"``)."""
        return [request for request in self.requests if request.path.endswith(path)]

    def last_request_for(self, path: str) -> RecordedRequest:
        """The latest recorded request whose path ends with ``path``."""
        matching = self.requests_for(path)
        if not matching:
            raise LookupError(f"no request to a path ending with {path!r} was recorded")
        return matching[-1]

    def reset(self) -> None:
        """Forget the recorded requests and any steps left in the script."""
        with self._lock:
            self._script.clear()
            self._requests.clear()

    def _record(self, request: Request, body: dict[str, Any]) -> None:
        recorded = RecordedRequest(request.url.path, body, dict(request.headers.items()))
        with self._lock:
            self._requests.append(recorded)

    # -- HTTP

    def _build_app(self) -> Starlette:
        async def responses(request: Request) -> Response:
            return await self._complete(request, RESPONSES)

        async def chat_completions(request: Request) -> Response:
            return await self._complete(request, CHAT_COMPLETIONS)

        return Starlette(
            routes=[
                Route("/v1/responses", responses, methods=["POST"]),
                Route("/v1/chat/completions", chat_completions, methods=["POST"]),
                Route("/v1/models", _list_models, methods=["GET"]),
            ]
        )

    async def _complete(self, request: Request, wire: _WireFormat) -> Response:
        body = await _json_object(request)
        if body is None:
            return JSONResponse(openai_error(400, "The body is not a JSON object."), 400)
        self._record(request, body)
        if self.thought_signatures and wire is CHAT_COMPLETIONS:
            missing = self._missing_signature(body)
            if missing is not None:
                return JSONResponse(openai_error(400, missing), 400)
        transcript = wire.transcript(body)
        answer = await self._wait_for_answer(request, self.next_step(transcript), transcript)
        if answer is None:
            return Response(status_code=499)  # the client is gone: nobody reads this
        return self._answer(answer, body, wire)

    async def _wait_for_answer(
        self, request: Request, step: Step, transcript: Transcript
    ) -> Answer | None:
        """Sleep the delay and any :class:`Hang`; ``None`` if the client disconnects meanwhile."""
        pause = self.delay
        while await _sleep_unless_disconnected(request, pause):
            if not isinstance(step, Hang):
                return step
            pause, step = step.seconds, step.then or self.policy(transcript)
        return None

    def _answer(self, step: Answer, body: Mapping[str, Any], wire: _WireFormat) -> Response:
        stream = bool(body.get("stream"))
        if isinstance(step, Fail):
            error = openai_error(step.status, step.message) if step.body is None else step.body
            return JSONResponse(error, step.status)
        if isinstance(step, Malformed):
            return _malformed(step, stream)
        if isinstance(step, Raw):
            return _raw(step, stream, wire)
        if isinstance(step, Disconnect):
            assert self._uvicorn is not None, "requests are only served while running"
            return _DropConnection(self._uvicorn)
        if isinstance(step, Cut):
            completion = completion_from(Text(step.text))
            if stream:
                return StreamingResponse(
                    _aiter(_unfinished(wire.render_sse(body, completion))),
                    media_type="text/event-stream",
                )
            return JSONResponse(wire.render_json(body, completion))
        completion = completion_from(step)
        if self.thought_signatures and wire is CHAT_COMPLETIONS and completion.calls:
            return self._signed_answer(body, completion, stream)
        if stream:
            chunks = wire.render_sse(body, completion)
            hold = step.hold if isinstance(step, Text) else None
            words = step.hold_after if isinstance(step, Text) else 1
            return StreamingResponse(
                _aiter(chunks) if hold is None else _held_after_first_word(chunks, hold, words),
                media_type="text/event-stream",
            )
        return JSONResponse(wire.render_json(body, completion))

    # -- Gemini's thought signatures

    def issue_signature(self, signature: str) -> None:
        """Take `signature` as one this server gave (for a call sent with :class:`Raw`)."""
        with self._lock:
            self._signatures.add(signature)

    def _missing_signature(self, body: Mapping[str, Any]) -> str | None:
        """Gemini's 400 message when a call answer of the current turn lacks its signature."""
        messages = body.get("messages") or []
        last_user = max((i for i, m in enumerate(messages) if m.get("role") == "user"), default=-1)
        for position, message in enumerate(messages[last_user + 1 :], last_user + 1):
            calls = message.get("tool_calls") or [] if message.get("role") == "assistant" else []
            if not calls:
                continue
            extra = calls[0].get("extra_content") or {}
            signature = (extra.get("google") or {}).get("thought_signature")
            with self._lock:
                known = signature in self._signatures
            if not known:
                name = (calls[0].get("function") or {}).get("name")
                return (
                    "Function call is missing a thought_signature in functionCall parts. "
                    "This is required for tools to work correctly, and missing "
                    "thought_signature may lead to degraded model performance. Additional "
                    f"data, function call `default_api:{name}` , position {position}. Please "
                    "refer to https://ai.google.dev/gemini-api/docs/thought-signatures for "
                    "more details."
                )
        return None

    def _signed_answer(
        self, body: Mapping[str, Any], completion: Completion, stream: bool
    ) -> Response:
        """Tool calls as Gemini sends them: a signature on the first call of the answer."""
        signature = new_id("sig")
        with self._lock:
            self._signatures.add(signature)
        extra = {"google": {"thought_signature": signature}}
        if not stream:
            answer = chat_json(body, completion)
            answer["choices"][0]["message"]["tool_calls"][0]["extra_content"] = extra
            return JSONResponse(answer)
        chunks = list(chat_chunks(body, completion))
        for chunk in chunks:
            for choice in chunk["choices"]:
                calls = choice["delta"].get("tool_calls")
                if calls and calls[0].get("id"):
                    calls[0]["extra_content"] = extra
                    break
            else:
                continue
            break
        lines = [_sse(json.dumps(chunk)) for chunk in chunks] + [_sse("[DONE]")]
        return StreamingResponse(_aiter(lines), media_type="text/event-stream")

    # -- lifecycle

    @property
    def base_url(self) -> str:
        """The URL to give an OpenAI client, e.g. ``http://127.0.0.1:PORT/v1``."""
        if not self.port:
            raise RuntimeError("the server has no port until it is started")
        return f"http://{self.host}:{self.port}/v1"

    def start(self, timeout: float = 10.0) -> None:
        """Serve from a background thread; return once the server accepts connections."""
        if self._thread is not None:
            raise RuntimeError("the server is already running")
        sock = self._listen()
        self._uvicorn = self._make_uvicorn(log_config=None)
        self._thread = threading.Thread(
            target=self._uvicorn.run, kwargs={"sockets": [sock]}, name="fake-openai", daemon=True
        )
        self._thread.start()
        self._wait_until_started(timeout)

    def stop(self, timeout: float = 10.0) -> None:
        """Shut the background server down, waiting for in-flight requests briefly."""
        if self._thread is None or self._uvicorn is None:
            return
        self._uvicorn.should_exit = True
        self._thread.join(timeout)
        if self._thread.is_alive():
            raise RuntimeError("the fake OpenAI server did not stop in time")
        self._thread = None
        self._uvicorn = None

    def serve_forever(self, log_level: str = "warning") -> None:
        """Serve in this thread, printing the base URL first, until SIGINT or SIGTERM."""
        sock = self._listen()
        print(self.base_url, flush=True)
        self._uvicorn = self._make_uvicorn(log_level=log_level)
        self._uvicorn.run(sockets=[sock])

    def __enter__(self) -> FakeOpenAIServer:
        self.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def _listen(self) -> socket.socket:
        """Bind and listen now, so the port is known and connections queue up at once."""
        # IPPROTO_TCP, not 0: asyncio sets TCP_NODELAY only on sockets that say they are TCP, and
        # without it every answer on a kept-alive connection waits ~40 ms for a delayed ACK.
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((self.host, self.port))
        sock.listen(2048)
        self.port = sock.getsockname()[1]
        return sock

    def _make_uvicorn(self, **log_options: Any) -> uvicorn.Server:
        config = uvicorn.Config(
            self.app,
            http="h11",
            loop="asyncio",
            ws="none",
            lifespan="off",
            access_log=False,
            proxy_headers=False,
            backlog=2048,
            timeout_graceful_shutdown=self._graceful_shutdown_seconds,
            **log_options,
        )
        return uvicorn.Server(config)

    def _wait_until_started(self, timeout: float) -> None:
        assert self._thread is not None and self._uvicorn is not None
        deadline = time.monotonic() + timeout
        while not self._uvicorn.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError("the fake OpenAI server failed to start")
            time.sleep(0.01)


async def _list_models(request: Request) -> Response:
    models = [
        {"id": model, "object": "model", "created": 0, "owned_by": "fake-openai"}
        for model in MODEL_IDS
    ]
    return JSONResponse({"object": "list", "data": models})


def _malformed(step: Malformed, stream: bool) -> Response:
    if stream:
        default, media_type = MALFORMED_SSE, "text/event-stream"
    else:
        default, media_type = MALFORMED_JSON, "application/json"
    return Response(default if step.body is None else step.body, media_type=media_type)


def _raw(step: Raw, stream: bool, wire: _WireFormat) -> Response:
    headers = dict(step.headers)
    if stream and step.events is not None:
        lines = [_sse(e if isinstance(e, str) else json.dumps(e)) for e in step.events]
        if step.done and wire is CHAT_COMPLETIONS:
            lines.append(_sse("[DONE]"))
        media_type = step.content_type or "text/event-stream"
        return StreamingResponse(
            _aiter(lines), status_code=step.status, headers=headers, media_type=media_type
        )
    body = step.body if step.body is not None else ""
    text = body if isinstance(body, str) else json.dumps(body)
    media_type = step.content_type or "application/json"
    return Response(text, status_code=step.status, headers=headers, media_type=media_type)


def chat_completion(
    message: Mapping[str, Any],
    *,
    finish_reason: str | None = None,
    usage: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """A whole Chat Completions answer around ``message`` (sent as it is: any fields, any
    types), for :class:`Raw`. ``finish_reason`` defaults to what the message suggests; no
    ``usage`` unless given, as some servers do."""
    reason = finish_reason or ("tool_calls" if message.get("tool_calls") else "stop")
    answer: dict[str, Any] = {
        **_chat_envelope({}, new_id("chatcmpl", "-"), "chat.completion"),
        "choices": [{"index": 0, "message": dict(message), "finish_reason": reason}],
    }
    if usage is not None:
        answer["usage"] = dict(usage)
    return answer


def responses_answer(output: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """A whole, completed Responses API answer with these ``output`` items (sent as they are),
    for :class:`Raw`."""
    usage = {
        "input_tokens": 1,
        "input_tokens_details": {"cached_tokens": 0},
        "output_tokens": 1,
        "output_tokens_details": {"reasoning_tokens": 0},
        "total_tokens": 2,
    }
    return _response_object({}, new_id("resp"), [dict(item) for item in output], usage)


def chat_completion_chunks(
    deltas: Iterable[Mapping[str, Any]],
    *,
    finish_reason: str = "stop",
    usage: Mapping[str, Any] | None = None,
) -> list[dict[str, Any]]:
    """Chat Completions stream chunks, one per delta (sent as it is), then one with the
    ``finish_reason``, then a usage chunk if ``usage`` is given; for :class:`Raw`."""
    envelope = _chat_envelope({}, new_id("chatcmpl", "-"), "chat.completion.chunk")
    chunks = [
        {**envelope, "choices": [{"index": 0, "delta": dict(delta), "finish_reason": None}]}
        for delta in deltas
    ]
    final = {"index": 0, "delta": {}, "finish_reason": finish_reason}
    chunks.append({**envelope, "choices": [final]})
    if usage is not None:
        chunks.append({**envelope, "choices": [], "usage": dict(usage)})
    return chunks


# ----------------------------------------------------------------------------- CLI


def use_as_model(
    settings: Any,
    server: FakeOpenAIServer,
    *,
    api: str = "chat_completions",
    api_key: str = "test-key",
) -> FakeOpenAIServer:
    """Point the product's model settings (pytest-django's ``settings``) at ``server``, speaking
    ``api`` ("responses" or "chat_completions"), with no retries: a failure scripted once is
    seen once."""
    settings.AGENT_MODEL = "gpt-4.1-mini"
    settings.OPENAI_API_KEY = api_key
    settings.OPENAI_BASE_URL = server.base_url
    settings.AGENT_MODEL_API = api
    settings.AGENT_MAX_RETRIES = 0
    return server


def _parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m tests.fakes.openai_server",
        description="Serve a fake OpenAI-compatible API (Responses + Chat Completions).",
    )
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8900, help="0 picks a free port")
    parser.add_argument("--policy", choices=POLICY_NAMES, default="echo")
    parser.add_argument("--delay", type=float, default=0.0, help="seconds before each answer")
    parser.add_argument("--tool-name", default=DEFAULT_TOOL_NAME, help="for --policy one_tool")
    parser.add_argument(
        "--tool-args", type=json.loads, default={}, help="JSON arguments for --policy one_tool"
    )
    parser.add_argument("--log-level", default="warning")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> None:
    """Run the fake server as a process of its own until killed."""
    args = _parse_args(argv)
    server = FakeOpenAIServer(
        policy=args.policy,
        delay=args.delay,
        tool_name=args.tool_name,
        tool_arguments=args.tool_args,
        host=args.host,
        port=args.port,
    )
    server.serve_forever(log_level=args.log_level)


if __name__ == "__main__":
    main()
