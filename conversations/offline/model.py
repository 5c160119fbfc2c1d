"""The Agents SDK ``Model`` adapter: input items in, one step (call(s) or a message) out."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import AsyncIterator
from datetime import datetime
from typing import Any, cast
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from agents.agent_output import AgentOutputSchemaBase
from agents.handoffs import Handoff
from agents.items import (
    ModelResponse,
    TResponseInputItem,
    TResponseOutputItem,
    TResponseStreamEvent,
)
from agents.model_settings import ModelSettings
from agents.models.interface import Model, ModelTracing
from agents.tool import Tool
from agents.usage import Usage
from openai.types.responses import (
    Response,
    ResponseCompletedEvent,
    ResponseContentPartAddedEvent,
    ResponseContentPartDoneEvent,
    ResponseCreatedEvent,
    ResponseFunctionToolCall,
    ResponseOutputItemAddedEvent,
    ResponseOutputItemDoneEvent,
    ResponseOutputMessage,
    ResponseOutputText,
    ResponseTextDeltaEvent,
    ResponseTextDoneEvent,
    ResponseUsage,
)
from openai.types.responses.response_prompt_param import ResponsePromptParam
from openai.types.responses.response_usage import InputTokensDetails, OutputTokensDetails

from . import words
from .decide import Call, Calls, Reply, Step, context, decide
from .history import ModelInput, read_input
from .parse import parse_intent

MODEL_NAME = "offline"
# The agent's instructions end with the current moment in the user's zone, e.g.
# "It is now Sunday, November 29, 2026, 15:50 there (2026-11-29T15:50+00:00)."
_NOW = re.compile(
    r"\bIt is now\b[^(]*\((?P<iso>\d{4}-\d\d-\d\dT\d\d:\d\d(?::\d\d)?(?:[+-]\d\d:\d\d|Z))\)"
)


# ... and name the zone: "The user's timezone is Europe/Paris."
_ZONE = re.compile(r"\bThe user's timezone is (?P<zone>[\w+\-/]+)\.")


def now_in(instructions: str | None) -> datetime | None:
    """The current moment in the user's zone, as the instructions state it (None if they don't).

    In the zone itself when they name it, not just at today's offset: a time on a day across a
    change of daylight saving time (9:00 in April, said in December in Paris) is shown as the
    user will live it, not an hour off."""
    found = _NOW.search(instructions or "")
    if not found:
        return None
    try:
        moment = datetime.fromisoformat(found["iso"].replace("Z", "+00:00"))
    except ValueError:
        return None
    named = _ZONE.search(instructions or "")
    if named:
        try:
            return moment.astimezone(ZoneInfo(named["zone"]))
        except (ZoneInfoNotFoundError, ValueError):
            pass
    return moment


def next_step(
    input: str | list[TResponseInputItem], available: set[str]
) -> tuple[ModelInput, Step]:
    """The decision for ``input``: read it, recall the open context, decide."""
    read = read_input(input)
    step = decide(parse_intent(read.turn.request), read.turn.steps, available, context(read.past))
    return read, step


class OfflineModel(Model):
    """Rule-based stand-in for an LLM: deterministic, offline, understands todo requests.

    Takes no constructor arguments. The package docstring lists what it understands.
    """

    async def get_response(
        self,
        system_instructions: str | None,
        input: str | list[TResponseInputItem],
        model_settings: ModelSettings,
        tools: list[Tool],
        output_schema: AgentOutputSchemaBase | None,
        handoffs: list[Handoff],
        tracing: ModelTracing,
        *,
        previous_response_id: str | None = None,
        conversation_id: str | None = None,
        prompt: ResponsePromptParam | None = None,
    ) -> ModelResponse:
        """Return the next step (one function call or the final message) for ``input``."""
        return ModelResponse(
            output=self.respond(input, tools, system_instructions),
            usage=Usage(requests=1),
            response_id=None,
        )

    async def stream_response(
        self,
        system_instructions: str | None,
        input: str | list[TResponseInputItem],
        model_settings: ModelSettings,
        tools: list[Tool],
        output_schema: AgentOutputSchemaBase | None,
        handoffs: list[Handoff],
        tracing: ModelTracing,
        *,
        previous_response_id: str | None = None,
        conversation_id: str | None = None,
        prompt: ResponsePromptParam | None = None,
    ) -> AsyncIterator[TResponseStreamEvent]:
        """Stream the same output as ``get_response``, its text a word at a time."""
        for event in _stream_events(self.respond(input, tools, system_instructions)):
            yield event

    def respond(
        self,
        input: str | list[TResponseInputItem],
        tools: list[Tool],
        instructions: str | None = None,
    ) -> list[TResponseOutputItem]:
        """Synchronous core: the output items for ``input`` given the offered ``tools``; due
        dates are worded against the moment ``instructions`` state."""
        available = {name for name in (getattr(tool, "name", None) for tool in tools) if name}
        token = words.NOW.set(now_in(instructions))
        try:
            read, step = next_step(input, available)
        finally:
            words.NOW.reset(token)
        calls = step.calls if isinstance(step, Calls) else (step,) if isinstance(step, Call) else ()
        if calls:
            items: list[TResponseOutputItem] = []
            for index, call in enumerate(calls):
                digest = _digest(read, [index, call.name, call.arguments])
                items.append(
                    ResponseFunctionToolCall(
                        type="function_call",
                        id=f"fc_{digest}",
                        call_id=f"call_{digest}",
                        name=call.name,
                        arguments=json.dumps(call.arguments, ensure_ascii=False),
                        status="completed",
                    )
                )
            return items
        assert isinstance(step, Reply)
        digest = _digest(read, step.text)
        return [
            ResponseOutputMessage(
                type="message",
                id=f"msg_{digest}",
                role="assistant",
                status="completed",
                content=[ResponseOutputText(type="output_text", text=step.text, annotations=[])],
            )
        ]


def _digest(read: ModelInput, what: Any) -> str:
    """Deterministic id part; distinct per turn (via the history) and per step."""
    payload = [
        read.user_messages,
        read.history_digest,
        read.turn.request,
        len(read.turn.steps),
        what,
    ]
    text = json.dumps(payload, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()[:24]


def _words(text: str) -> list[str]:
    """``text`` as streamed deltas: a word each, with the spacing around it."""
    return re.findall(r"\s*\S+\s*", text) or [text]


def _stream_events(output: list[TResponseOutputItem]) -> list[TResponseStreamEvent]:
    """The Responses streaming events for ``output``, ending with ``response.completed``."""
    response = Response(
        id="offline",
        created_at=0,
        model=MODEL_NAME,
        object="response",
        output=output,
        tool_choice="auto",
        tools=[],
        top_p=None,
        parallel_tool_calls=False,
        status="completed",
        usage=ResponseUsage(
            input_tokens=0,
            output_tokens=0,
            total_tokens=0,
            input_tokens_details=InputTokensDetails(cached_tokens=0, cache_write_tokens=0),
            output_tokens_details=OutputTokensDetails(reasoning_tokens=0),
        ),
    )
    # Match get_response's response_id=None; the Model boundary allows it, Response's type doesn't.
    object.__setattr__(response, "id", None)

    started_response = response.model_copy(update={"status": "in_progress", "output": []})
    events: list[Any] = [
        ResponseCreatedEvent(type="response.created", response=started_response, sequence_number=0)
    ]

    def add(event_type: type, **fields: Any) -> None:
        events.append(event_type(sequence_number=len(events), **fields))

    for index, item in enumerate(output):
        started = item.model_copy(update={"status": "in_progress"})
        if isinstance(item, ResponseOutputMessage):
            started = item.model_copy(update={"status": "in_progress", "content": []})
        add(
            ResponseOutputItemAddedEvent,
            type="response.output_item.added",
            item=started,
            output_index=index,
        )
        if isinstance(item, ResponseOutputMessage):
            for part_index, part in enumerate(item.content):
                if not isinstance(part, ResponseOutputText):
                    continue
                where = {"item_id": item.id, "output_index": index, "content_index": part_index}
                empty = part.model_copy(update={"text": ""})
                add(
                    ResponseContentPartAddedEvent,
                    type="response.content_part.added",
                    part=empty,
                    **where,
                )
                for delta in _words(part.text):
                    add(
                        ResponseTextDeltaEvent,
                        type="response.output_text.delta",
                        delta=delta,
                        logprobs=[],
                        **where,
                    )
                add(
                    ResponseTextDoneEvent,
                    type="response.output_text.done",
                    text=part.text,
                    logprobs=[],
                    **where,
                )
                add(
                    ResponseContentPartDoneEvent,
                    type="response.content_part.done",
                    part=part,
                    **where,
                )
        add(
            ResponseOutputItemDoneEvent,
            type="response.output_item.done",
            item=item,
            output_index=index,
        )
    add(ResponseCompletedEvent, type="response.completed", response=response)
    return cast(list[TResponseStreamEvent], events)
