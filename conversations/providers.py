"""Which model answers: the offline model, or any OpenAI-compatible server.

Configured by `AGENT_MODEL`, `AGENT_MODEL_API`, `OPENAI_API_KEY`, `OPENAI_BASE_URL`,
`AGENT_TIMEOUT_S` and `AGENT_MAX_RETRIES` (see the README).
"""

from __future__ import annotations

import asyncio
import contextvars
import json
import re
import uuid
import weakref
from collections.abc import AsyncIterator
from dataclasses import dataclass
from functools import cached_property
from typing import Any, Literal
from urllib.parse import urlsplit, urlunsplit

import pydantic
from agents import OpenAIChatCompletionsModel, OpenAIResponsesModel
from agents.exceptions import ModelBehaviorError
from agents.models.interface import Model
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from openai import APIStatusError, AsyncOpenAI
from openai.resources.chat import AsyncChat
from openai.resources.chat.completions import AsyncCompletions
from openai.resources.responses import AsyncResponses
from openai.types.chat import ChatCompletion, ChatCompletionChunk
from openai.types.responses import Response, ResponseCompletedEvent

from todochat.storable import sendable

from .offline import OfflineModel

OFFLINE = "offline"
# Why a streamed answer that stopped before it was finished fails its turn (for the logs).
STREAM_CUT = "The model's streamed answer ended before it was finished (no finish_reason)."
ModelApi = Literal["responses", "chat_completions"]

# An AsyncOpenAI client is bound to the event loop it first ran on: one model per loop (and per
# configuration, which tests change).
_models: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, tuple[tuple, Model]] = (
    weakref.WeakKeyDictionary()
)


def _pass_through(extra_body: Any, kwargs: dict[str, Any], *names: str) -> dict[str, Any]:
    """Move the `names` fields given as lists from `kwargs` into (a copy of) `extra_body`."""
    body = dict(extra_body or {})
    for name in names:
        if isinstance(kwargs.get(name), list):
            body[name] = kwargs.pop(name)
    return body


# Arguments nested deeper than this are not read: Python's JSON reader gives up on a few hundred
# levels (how many depends on how deep the caller's stack is) with a RecursionError, not a
# ValueError, which the SDK does not catch (the turn failed as if the provider had). No tool's
# arguments nest beyond three.
_MAX_NESTING = 100
# What such arguments become: not JSON either, so the SDK reports them to the model like any
# unparseable arguments.
TOO_DEEP = "(arguments nested too deeply to read)"
_JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*"')
_BRACKET = re.compile(r"[\[\]{}]")


def _nested_too_deeply(arguments: str) -> bool:
    if arguments.count("[") + arguments.count("{") <= _MAX_NESTING:
        return False
    depth = 0
    for bracket in _BRACKET.findall(_JSON_STRING.sub("", arguments)):
        depth += 1 if bracket in "[{" else -1
        if depth > _MAX_NESTING:
            return True
    return False


class _StreamedNesting:
    """How deep each streamed call's arguments nest so far (Chat Completions sends them in
    pieces, which the SDK joins and reads): past `_MAX_NESTING`, the rest of a call's arguments
    is dropped, so that what the SDK reads is unfinished JSON, reported to the model as
    unparseable, and never nested too deeply to read."""

    def __init__(self) -> None:
        self._calls: dict[Any, tuple[int, bool, bool]] = {}  # depth, in a string, escaped

    def fragment(self, call: Any, text: str) -> str:
        depth, quoted, escaped = self._calls.get(call, (0, False, False))
        if depth > _MAX_NESTING:
            return ""
        for position, char in enumerate(text):
            if quoted:
                escaped, quoted = (False, True) if escaped else (char == "\\", char != '"')
            elif char == '"':
                quoted = True
            elif char in "[{":
                depth += 1
                if depth > _MAX_NESTING:
                    self._calls[call] = (depth, quoted, escaped)
                    return text[:position]
            elif char in "]}":
                depth -= 1
        self._calls[call] = (depth, quoted, escaped)
        return text


def _arguments_text(arguments: Any) -> Any:
    """Tool-call arguments as the JSON text the SDK reads: some servers (Ollama) send them as a
    JSON object rather than a string, others as null for a call without arguments — the SDK
    failed the whole turn on either."""
    if arguments is None:
        return ""
    if isinstance(arguments, str):
        return arguments
    return json.dumps(sendable(arguments), ensure_ascii=False)


def _sendable_arguments(arguments: Any) -> Any:
    """Tool-call arguments (JSON text) with no lone surrogate, raw or escaped (`\\udfff`), and
    not nested too deeply to read."""
    arguments = _arguments_text(arguments)
    arguments = sendable(arguments)
    if _nested_too_deeply(arguments):
        return TOO_DEEP
    if "\\ud" not in arguments.lower():
        return arguments
    try:
        parsed = json.loads(arguments)
    except ValueError:
        return arguments  # the SDK reports unparseable arguments to the model
    cleaned = sendable(parsed)
    return arguments if cleaned == parsed else json.dumps(cleaned)


class _CallIds:
    """Tool call ids made unique within the conversation sent: a server that gives two calls the
    same id — in one answer, or one already in the history (some OpenAI-compatible servers
    number calls per answer) — would have the SDK refuse the answer and fail the turn, after
    earlier tools ran. Such a call gets its id with "~2", "~3"… appended, the same in every
    event that shows it (a streamed call's deltas, its item events and the final answer); the
    renamed id is what the SDK, the history and the stored record then use."""

    def __init__(self, taken: set[str], tool_names: Any = ()) -> None:
        self._taken = set(taken)
        self._given: dict[tuple[str, int], str] = {}
        keys: dict[str, list[str]] = {}
        for name in tool_names:
            keys.setdefault(_name_key(name), []).append(name)
        self._tools = {key: names[0] for key, names in keys.items() if len(names) == 1}

    def tool_name(self, name: Any) -> Any:
        """`name` as the tool offered under it, written otherwise ("Add_Task", "addTask",
        "functions.add_task"): such a call went back to the model as "Tool 'Add_Task' not
        found", a model call spent and the user's request often dropped. A name no offered
        tool answers to stays as it is (the model is told that one is unknown)."""
        if not isinstance(name, str) or not name:
            return name
        return self._tools.get(_name_key(name), name)

    def unique(self, call_id: Any, position: Any) -> Any:
        if not isinstance(call_id, str) or not call_id or not isinstance(position, int):
            return call_id
        given = self._given.get((call_id, position))
        if given is None:
            given, count = call_id, 1
            while given in self._taken:
                count += 1
                given = f"{call_id}~{count}"
            self._taken.add(given)
            self._given[call_id, position] = given
        return given


def _name_key(name: str) -> str:
    return re.sub(r"[^0-9a-z]", "", name.rpartition(".")[2].lower())


def _tool_names(tools: Any) -> list[str]:
    """The function tools' names in a request's `tools` (either wire format)."""
    names = []
    for tool in tools if isinstance(tools, list) else []:
        function = tool.get("function", tool) if isinstance(tool, dict) else None
        if isinstance(function, dict) and isinstance(function.get("name"), str):
            names.append(function["name"])
    return names


def _new_call_id() -> str:
    return f"call_{uuid.uuid4().hex}"


def _has_id(call_id: Any) -> bool:
    return isinstance(call_id, str) and bool(call_id)


class _StreamedCalls:
    """Which call each streamed tool-call delta belongs to, for the servers that do not say
    it the way OpenAI does (one `index` per call, its `id` on the first delta): Gemini sends
    parallel calls all at index 0, or with no index, each with an id of its own; some servers
    send no id at all. The SDK joins deltas by index and refused a call without an id: the
    calls were run as one with their arguments run together, or the turn failed.

    A delta starts a new call when its index is new, or when it brings an id other than its
    index's call's and that call's arguments are already whole JSON (a server repeating an id
    on every delta is not starting a new call each time); each call gets an index of its own,
    and an id when its server gave none."""

    def __init__(self) -> None:
        self._at: dict[Any, int] = {}  # the server's index (or None) → the call there now
        self._ids: list[str] = []
        self._arguments: list[list[str]] = []

    def place(self, call: Any) -> None:
        wire_index = call.index if isinstance(call.index, int) else None
        position = self._at.get(wire_index)
        if position is None or (
            _has_id(call.id) and call.id != self._ids[position] and self._whole(position)
        ):
            position = self._at[wire_index] = len(self._ids)
            self._ids.append(call.id if _has_id(call.id) else _new_call_id())
            self._arguments.append([])
            call.id = self._ids[position]
        elif _has_id(call.id):
            call.id = self._ids[position]
        call.index = position
        function = call.function
        if function is not None:
            function.arguments = _arguments_text(function.arguments)
            self._arguments[position].append(function.arguments)

    def _whole(self, position: int) -> bool:
        try:
            json.loads("".join(self._arguments[position]))
        except ValueError:
            return False
        return True


def _ids_sent(items: Any) -> set[str]:
    """The tool call ids in a request's messages (Chat Completions) or input (Responses)."""
    ids: set[str] = set()
    for item in items if isinstance(items, list) else []:
        for call in _field(item, "tool_calls") or []:
            if isinstance(_field(call, "id"), str):
                ids.add(_field(call, "id"))
        for key in ("tool_call_id", "call_id"):
            if isinstance(_field(item, key), str):
                ids.add(_field(item, key))
    return ids


def _field(item: Any, name: str) -> Any:
    """A field of a request item: a dict's, or an SDK object's (the history may hold both)."""
    return item.get(name) if isinstance(item, dict) else getattr(item, name, None)


def _unique_call_ids(answer: Any, ids: _CallIds) -> None:
    """Every tool call of a whole answer (Chat Completions message, Responses output) with an
    id of its own."""
    for choice in getattr(answer, "choices", None) or []:
        for position, call in enumerate(choice.message.tool_calls or []):
            call.id = ids.unique(call.id if _has_id(call.id) else _new_call_id(), position)
            if getattr(call, "type", None) is None and getattr(call, "function", None):
                call.type = "function"  # some servers leave it out: the SDK dropped the call
    for position, item in enumerate(getattr(answer, "output", None) or []):
        if getattr(item, "type", None) == "function_call":
            call_id = item.call_id if _has_id(item.call_id) else _new_call_id()
            item.call_id = ids.unique(call_id, position)


def _sendable_answer(answer: Any, ids: _CallIds | None = None) -> Any:
    """A model's (non-streamed) answer with lone surrogates in its text and tool calls replaced:
    a model may send them (as JSON escapes), and nothing downstream can encode them — the SDK
    itself fingerprints each call's raw arguments as UTF-8."""
    for choice in getattr(answer, "choices", None) or []:  # Chat Completions
        message = choice.message
        if isinstance(message.content, str):
            message.content = sendable(message.content)
        for call in message.tool_calls or []:
            function = getattr(call, "function", None)
            if function is not None:
                function.name = sendable(function.name)
                if ids is not None:
                    function.name = ids.tool_name(function.name)
                function.arguments = _sendable_arguments(function.arguments)
    for item in getattr(answer, "output", None) or []:  # Responses
        if getattr(item, "type", None) == "function_call":
            item.name = sendable(item.name)
            if ids is not None:
                item.name = ids.tool_name(item.name)
            item.arguments = _sendable_arguments(item.arguments)
        for part in getattr(item, "content", None) or []:
            if isinstance(getattr(part, "text", None), str):
                part.text = sendable(part.text)
    return answer


# In JSON text, left to right: an escaped backslash (skipped), an escaped surrogate pair (kept),
# or an escaped lone surrogate (replaced).
_ESCAPES = re.compile(
    r"(\\\\)|(\\u[dD][89abAB][0-9a-fA-F]{2}\\u[dD][c-fC-F][0-9a-fA-F]{2})"
    r"|\\u[dD][89a-fA-F][0-9a-fA-F]{2}"
)


def _sendable_fragment(arguments: str) -> str:
    """A piece of streamed JSON arguments with lone surrogates, raw or escaped, replaced (the
    arguments arrive in pieces, so they cannot be parsed here; an escaped pair split between
    two pieces is replaced too)."""
    arguments = sendable(arguments)
    if "\\ud" not in arguments.lower():
        return arguments
    return _ESCAPES.sub(lambda m: m.group(1) or m.group(2) or "\\ufffd", arguments)


def _sendable_chunk(
    chunk: Any, ids: _CallIds, nesting: _StreamedNesting, calls: _StreamedCalls
) -> Any:
    """One streamed chunk (a Chat Completions chunk or a Responses event) made sendable, as
    `_sendable_answer` does for a whole answer, its tool calls' ids unique in the stream."""
    for choice in getattr(chunk, "choices", None) or []:  # Chat Completions
        delta = choice.delta
        for call in delta.tool_calls or []:
            calls.place(call)
            call.id = ids.unique(call.id, call.index)
        if isinstance(delta.content, str):
            delta.content = sendable(delta.content)
        for call in delta.tool_calls or []:
            function = call.function
            if function is not None:
                if isinstance(function.name, str):
                    function.name = ids.tool_name(sendable(function.name))
                if isinstance(function.arguments, str):
                    function.arguments = nesting.fragment(
                        call.index, _sendable_fragment(function.arguments)
                    )
    if isinstance(chunk, ChatCompletionChunk):
        # Done: the rest is about Responses events. Each attribute a chunk lacks costs pydantic
        # two raised and caught errors, for every chunk of every streamed answer.
        return chunk
    kind = getattr(chunk, "type", "")
    if isinstance(getattr(chunk, "delta", None), str):  # Responses text and argument deltas
        arguments = kind.startswith("response.function_call_arguments")
        chunk.delta = (_sendable_fragment if arguments else sendable)(chunk.delta)
    if isinstance(getattr(chunk, "text", None), str):
        chunk.text = sendable(chunk.text)
    if isinstance(getattr(chunk, "arguments", None), str):
        chunk.arguments = _sendable_arguments(chunk.arguments)
    item = getattr(chunk, "item", None)
    if item is not None:
        if getattr(item, "type", None) == "function_call":
            item.call_id = ids.unique(item.call_id, getattr(chunk, "output_index", None))
        _sendable_answer(_Output([item]), ids)
    response = getattr(chunk, "response", None)
    if response is not None:
        _unique_call_ids(response, ids)
        _sendable_answer(response, ids)
    return chunk


# What an answer the model's output limit cut short ends with (finish_reason "length", a
# Responses answer incomplete for max_output_tokens): it showed as a whole answer, or failed the
# turn with 502.
CUT_SHORT = "\n\n[The answer stops here: it reached the model's length limit.]"


def _cut_short_texts(answer: Any) -> list[Any]:
    """The text parts of a Responses answer cut short by its output limit (none otherwise)."""
    details = getattr(answer, "incomplete_details", None)
    if getattr(answer, "status", None) != "incomplete" or (
        getattr(details, "reason", None) != "max_output_tokens"
    ):
        return []
    return [
        part
        for item in getattr(answer, "output", None) or []
        if getattr(item, "type", None) == "message"
        for part in getattr(item, "content", None) or []
        if isinstance(getattr(part, "text", None), str) and part.text
    ]


def _mark_cut_short(answer: Any) -> Any:
    """A whole answer cut short by the model's output limit, with text: ends with `CUT_SHORT`,
    and a Responses one counts as complete (its text is the reply, not a failure)."""
    for choice in getattr(answer, "choices", None) or []:
        content = choice.message.content
        if choice.finish_reason == "length" and isinstance(content, str) and content:
            choice.message.content = content + CUT_SHORT
    texts = _cut_short_texts(answer)
    if texts:
        texts[-1].text += CUT_SHORT
        answer.status = "completed"
    return answer


@dataclass
class _Output:
    output: list[Any]


class _SendableStream:
    """A provider stream whose chunks are made sendable on the way through.

    A Chat Completions stream (`finish_required`) that ends before its answer says it is
    finished (no `finish_reason`: a proxy or the server dropped it) fails the model call. The
    SDK checks this for OpenAI's own server only; elsewhere it took the text so far for the
    whole answer, stored it, and never said it was cut. A Responses stream without
    `response.completed` already fails in the SDK.
    """

    def __init__(self, stream: Any, ids: _CallIds, *, finish_required: bool = False) -> None:
        self._stream = stream
        self._ids = ids
        self._nesting = _StreamedNesting()
        self._finish_required = finish_required
        self._calls = _StreamedCalls()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)

    async def __aiter__(self) -> AsyncIterator[Any]:
        finished = False
        wrote = False
        async for chunk in self._stream:
            _check_is_event(chunk)
            chunk = _sendable_chunk(chunk, self._ids, self._nesting, self._calls)
            for choice in getattr(chunk, "choices", None) or []:  # Chat Completions
                wrote = wrote or bool(choice.delta.content)
                if choice.finish_reason == "length" and wrote:
                    choice.delta.content = (choice.delta.content or "") + CUT_SHORT
                if choice.index == 0 and choice.finish_reason is not None:
                    finished = True
            if getattr(chunk, "type", None) == "response.incomplete":
                chunk = _completed_if_cut_short(chunk)
            yield chunk
        if self._finish_required and not finished:
            raise ModelBehaviorError(STREAM_CUT)

    async def parse(self, *args: Any, **kwargs: Any) -> Any:
        """The events of a raw streamed response (`with_streaming_response`, as the SDK asks
        for a streamed Responses answer), made sendable like the stream itself."""
        return _SendableStream(await self._stream.parse(*args, **kwargs), self._ids)

    async def aclose(self) -> None:
        await self._stream.close()


def _check_is_event(chunk: Any) -> None:
    """Raise `NotAnApiError` for an event of a 200 stream that is not the API's: JSON of
    another shape, which the client turns into a Chat Completions chunk without choices or
    usage, or a Responses event without a type."""
    if isinstance(chunk, ChatCompletionChunk):
        if not {"choices", "usage"} & chunk.model_fields_set:
            raise NotAnApiError()
    elif not isinstance(getattr(chunk, "type", None), str):
        raise NotAnApiError()


def _completed_if_cut_short(event: Any) -> Any:
    """A streamed Responses answer's end, `response.incomplete`, as `response.completed` when
    the model's output limit cut its text short (the text it wrote is relayed already)."""
    response = event.response
    if not _cut_short_texts(response):
        return event
    _mark_cut_short(response)
    return ResponseCompletedEvent(
        type="response.completed", response=response, sequence_number=event.sequence_number
    )


class NotAnApiError(Exception):
    """The server answered, but not as an OpenAI-compatible API would (an HTML page: a proxy's
    login, a web site, a wrong path): `OPENAI_BASE_URL` is not what it should be."""

    def __str__(self) -> str:
        return (
            f"The server at {shown_base_url()} did not answer as an OpenAI-compatible API: "
            "check OPENAI_BASE_URL."
        )


def shown_base_url() -> str:
    """The server's API root as it may be shown in an error and a log: without any user,
    password, query or fragment (where a key may be written)."""
    parts = urlsplit(base_url() or "https://api.openai.com/v1")
    host = parts.hostname or ""
    netloc = f"[{host}]" if ":" in host else host
    if parts.port is not None:
        netloc += f":{parts.port}"
    return urlunsplit((parts.scheme, netloc, parts.path, "", ""))


def _headers_of(answer: Any) -> Any:
    """The HTTP headers a streamed answer came with (a stream, or a raw streamed response)."""
    headers = getattr(answer, "headers", None)
    return (
        headers
        if headers is not None
        else getattr(getattr(answer, "response", None), "headers", None)
    )


def _check_is_api(answer: Any, stream: bool) -> None:
    """Raise `NotAnApiError` for a 200 answer that is not the API's: the client returns a body
    it cannot read as JSON as text (the SDK then failed on "'str' object has no attribute
    'usage'"), builds an answer without its list of choices (Chat Completions) or of output
    items (Responses) from JSON of another shape, and reads an HTML page as a stream of no
    events."""
    if not stream:
        if isinstance(answer, str):
            raise NotAnApiError()
        # The client builds its answer types without validating them: fields it was not sent
        # are missing, and a `null` is kept.
        if isinstance(answer, ChatCompletion) and not isinstance(
            getattr(answer, "choices", None), list
        ):
            raise NotAnApiError()
        if isinstance(answer, Response) and not isinstance(getattr(answer, "output", None), list):
            raise NotAnApiError()
        return
    headers = _headers_of(answer)
    content_type = str(headers.get("content-type", "")) if headers is not None else ""
    if "html" in content_type.lower():
        raise NotAnApiError()


# An error about the model's name: OpenAI ("The model `x` does not exist", code
# model_not_found), Ollama ('model "x" not found'), vLLM ("The model `x` does not exist."),
# Gemini ("models/x is not found").
_UNKNOWN_MODEL = re.compile(r"\bmodels?\b.{0,200}?\b(?:not found|does not exist)", re.I | re.S)


def misconfigured_message(exc: BaseException) -> str | None:
    """What to tell about a failure that settings cause and only settings fix: a 200 answer that
    is not the API's, a model name the server does not know, a key it refuses (401; what the
    server said is not repeated: OpenAI's message quotes part of the key). None otherwise."""
    if isinstance(exc, NotAnApiError):
        return str(exc)
    if isinstance(exc, APIStatusError) and exc.status_code == 401:
        return "The model server refused the API key: check OPENAI_API_KEY."
    return unknown_model_message(exc)


def unknown_model_message(exc: BaseException) -> str | None:
    """What to tell about a refusal (400 or 404) that says the server does not know the
    configured model; None for any other failure."""
    if not isinstance(exc, APIStatusError) or exc.status_code not in (400, 404):
        return None
    body = exc.body
    if isinstance(body, list) and body:
        body = body[0]  # Gemini sends its error in a list
    body = body if isinstance(body, dict) else {}
    error = body.get("error") if isinstance(body.get("error"), dict) else body
    code = error.get("code") if isinstance(error, dict) else None
    text = str(error.get("message", "")) if isinstance(error, dict) else ""
    if code != "model_not_found" and not _UNKNOWN_MODEL.search(text or exc.message):
        return None
    name = settings.AGENT_MODEL.strip()
    return f"The model server does not know the model {name!r}: check AGENT_MODEL."


def _sendable(
    answer: Any, stream: bool, sent: Any, tools: Any, *, finish_required: bool = False
) -> Any:
    """The answer to a request that sent the messages or input items `sent` and `tools`."""
    _check_is_api(answer, stream)
    ids = _CallIds(_ids_sent(sent), _tool_names(tools))
    if stream:
        return _SendableStream(answer, ids, finish_required=finish_required)
    _unique_call_ids(answer, ids)
    return _mark_cut_short(_sendable_answer(answer, ids))


# The thought signatures of the calls in the input being sent, by call id (see
# `ChatCompletionsModel`); set for the one request, in the task that sends it.
_thought_signatures: contextvars.ContextVar[dict[str, str] | None] = contextvars.ContextVar(
    "thought_signatures", default=None
)


def thought_signature(item: Any) -> str | None:
    """The Gemini thought signature a tool call item (an SDK object or a dict) came with."""
    provider_data = _field(item, "provider_data")
    signature = provider_data.get("thought_signature") if isinstance(provider_data, dict) else None
    return signature if isinstance(signature, str) and signature else None


def _signed_messages(messages: Any) -> Any:
    """Chat Completions `messages` whose replayed tool calls carry their thought signature
    back as Gemini wants it (`extra_content.google.thought_signature`)."""
    signatures = _thought_signatures.get()
    if not signatures or not isinstance(messages, list):
        return messages
    for message in messages:
        for call in _field(message, "tool_calls") or []:
            signature = signatures.get(_field(call, "id"))
            if isinstance(call, dict) and signature and "extra_content" not in call:
                call["extra_content"] = {"google": {"thought_signature": signature}}
    return messages


class ChatCompletionsModel(OpenAIChatCompletionsModel):
    """The SDK's Chat Completions model, sending Gemini's thought signatures back whatever the
    model is called.

    Gemini 3 (its OpenAI-compatible endpoint) signs a tool call it makes, and refuses with 400
    ("Function call is missing a thought_signature") a request whose current turn replays the
    call without it. The SDK keeps the signature with the call but sends it back only when the
    model's name says "gemini": under a proxy's alias every tool turn failed at its second
    model call."""

    async def _fetch_response(
        self, system_instructions: Any, input: Any, *args: Any, **kwargs: Any
    ) -> Any:
        items = input if isinstance(input, list) else []
        signatures = {
            _field(item, "call_id"): signature
            for item in items
            if _field(item, "type") == "function_call" and (signature := thought_signature(item))
        }
        token = _thought_signatures.set(signatures)
        try:
            return await super()._fetch_response(system_instructions, input, *args, **kwargs)
        finally:
            _thought_signatures.reset(token)


class _WireCompletions(AsyncCompletions):
    async def create(self, *, extra_body: Any = None, **kwargs: Any) -> Any:
        body = _pass_through(extra_body, kwargs, "messages", "tools")
        _signed_messages(body.get("messages"))
        kwargs.setdefault("messages", [])  # required by the signature; the body's wins
        answer = await super().create(extra_body=body, **kwargs)
        stream = kwargs.get("stream") is True
        return _sendable(
            answer, stream, body.get("messages"), body.get("tools"), finish_required=True
        )


class _WireChat(AsyncChat):
    @cached_property
    def completions(self) -> AsyncCompletions:
        return _WireCompletions(self._client)


class _WireResponses(AsyncResponses):
    async def create(self, *, extra_body: Any = None, **kwargs: Any) -> Any:
        body = _pass_through(extra_body, kwargs, "input", "tools")
        answer = await super().create(extra_body=body, **kwargs)
        return _sendable(answer, kwargs.get("stream") is True, body.get("input"), body.get("tools"))


class WireFormatAsyncOpenAI(AsyncOpenAI):
    """An `AsyncOpenAI` client that sends the conversation and the tools as it is given them.

    The Agents SDK hands the client messages (or Responses input items) and tool definitions
    already in wire format. The plain client would still walk every one of them against its
    typed request definitions before sending (`openai._utils._transform`), with type
    introspection for every field: with a replayed history that walk costs more than the rest
    of the call, and it changes nothing here. Fields passed through `extra_body` (a documented
    option: added to the JSON body as they are) skip it; everything else goes the usual way.
    """

    @cached_property
    def chat(self) -> AsyncChat:
        return _WireChat(self)

    def _process_response_data(self, *, data: object, cast_to: Any, response: Any) -> Any:
        """An answer (or a streamed chunk) read by its model's compiled validator.

        The client builds each answer without validating it (`construct_type`), walking the
        model's fields in Python with type introspection: about 0.1 ms for every streamed
        chunk of a few words, twenty times what the validator takes. A server's answer the
        validator refuses (a field missing or of another type) is still built the lenient way.
        Unions (Responses stream events) keep the client's own reading of their discriminator.
        """
        if (
            isinstance(data, dict)
            and isinstance(cast_to, type)
            and issubclass(cast_to, pydantic.BaseModel)
            and not hasattr(cast_to, "build")
            and not self._strict_response_validation
        ):
            try:
                return cast_to.model_validate(data)
            except pydantic.ValidationError:
                pass
        return super()._process_response_data(data=data, cast_to=cast_to, response=response)

    @cached_property
    def responses(self) -> AsyncResponses:
        return _WireResponses(self)


def model_api() -> ModelApi:
    """The wire API for the configured server: Responses for OpenAI's own, else Chat Completions."""
    configured = settings.AGENT_MODEL_API.strip().lower()
    if configured == "responses":
        return "responses"
    if configured == "chat_completions":
        return "chat_completions"
    if configured:
        raise ImproperlyConfigured(
            f"AGENT_MODEL_API must be 'responses' or 'chat_completions', not {configured!r}."
        )
    configured_url = settings.OPENAI_BASE_URL.strip()
    if not configured_url or "api.openai.com" in configured_url:
        return "responses"
    return "chat_completions"


def base_url() -> str | None:
    """The server's API root from `OPENAI_BASE_URL` (None: OpenAI's own). Given as a bare host
    (`http://127.0.0.1:11434`), it is at `/v1`, where Ollama, vLLM and LM Studio serve it; given
    as a whole endpoint (`…/v1/chat/completions`), it is the root before it. Either way the
    client asked for a path the server does not serve, and every turn failed."""
    configured = settings.OPENAI_BASE_URL.strip()
    if not configured:
        return None
    parts = urlsplit(configured)
    path = parts.path.rstrip("/")
    for endpoint in ("/chat/completions", "/responses"):
        if path.endswith(endpoint):
            path = path[: -len(endpoint)]
    return urlunsplit(parts._replace(path=path or "/v1"))


def _config() -> tuple:
    return (
        settings.AGENT_MODEL.strip(),
        model_api(),
        settings.OPENAI_BASE_URL,
        settings.OPENAI_API_KEY,
        settings.AGENT_TIMEOUT_S,
        settings.AGENT_MAX_RETRIES,
    )


def _build_model() -> Model:
    name = settings.AGENT_MODEL.strip()
    if name == OFFLINE:
        return OfflineModel()
    client = WireFormatAsyncOpenAI(
        # Local servers (Ollama, vLLM) accept any key; the client insists on one.
        api_key=settings.OPENAI_API_KEY or "unused",
        base_url=base_url(),
        timeout=settings.AGENT_TIMEOUT_S,
        max_retries=settings.AGENT_MAX_RETRIES,
    )
    if model_api() == "responses":
        return OpenAIResponsesModel(model=name, openai_client=client)
    return ChatCompletionsModel(model=name, openai_client=client)


def get_model() -> Model:
    """The configured model, made once per event loop (the OpenAI client is loop-bound)."""
    loop = asyncio.get_running_loop()
    config = _config()
    cached = _models.get(loop)
    if cached is None or cached[0] != config:
        cached = _models[loop] = (config, _build_model())
    return cached[1]
