"""The chat turn as Server-Sent Events, in the AI SDK UI message stream protocol (v1).

The format Vercel AI SDK's `useChat` (and many chat frontends) read: `data: {json}` frames, then
`data: [DONE]`. A turn's events become, in order:

- `start` with `messageMetadata.conversationId`;
- per block of reply text, `text-start`, `text-delta`… and `text-end` (one id per block);
- per tool call, `tool-input-available` (id, name, the arguments it ran with) when it starts and
  `tool-output-available` (its result) or `tool-output-error` when it is done;
- `finish` (with the conversation id again) — or, when the turn fails after the stream began,
  a transient `data-error` part with the JSON error's `{code, message}` and `error` whose
  `errorText` is the message;
- `data: [DONE]`.

A comment line (`: keep-alive`) goes out whenever nothing else did for `CHAT_STREAM_HEARTBEAT_S`,
so proxies and browsers do not drop a connection waiting on a slow tool or model. The stream only
relays the running turn's events: a client that goes away stops the relay, never the turn.
Contract: `specs/contracts/chat-api.md`.
"""

from __future__ import annotations

import asyncio
import json
import uuid
from collections.abc import AsyncIterator, Mapping
from typing import Any

from rest_framework.renderers import BaseRenderer

from .events import (
    TextDelta,
    ToolCallFinished,
    ToolCallStarted,
    TurnEvent,
    TurnFailed,
    TurnFinished,
)
from .services import RunningTurn

MEDIA_TYPE = "text/event-stream"
HEADERS = {
    "x-vercel-ai-ui-message-stream": "v1",
    # Every event reaches the client as it is sent: no cache, no proxy buffering (nginx).
    "Cache-Control": "no-cache",
    "X-Accel-Buffering": "no",
}
HEARTBEAT = b": keep-alive\n\n"
DONE = b"data: [DONE]\n\n"

Chunk = dict[str, Any]


class EventStreamRenderer(BaseRenderer):
    """Lets content negotiation accept `Accept: text/event-stream` (DRF answers 406 to a media
    type no renderer offers, before the view runs). The view streams the turn itself; a
    response that is not the stream (an error before it began) is rendered as JSON."""

    media_type = MEDIA_TYPE
    format = "sse"
    charset = None

    def render(
        self,
        data: Any,
        accepted_media_type: str | None = None,
        renderer_context: Mapping[str, Any] | None = None,
    ) -> bytes:
        return json.dumps(data).encode()


def frame(chunk: Chunk) -> bytes:
    """One SSE frame carrying `chunk`."""
    return f"data: {json.dumps(chunk, ensure_ascii=False)}\n\n".encode()


def _error_text(result: Any) -> str:
    if isinstance(result, dict) and isinstance(result.get("error"), str):
        return result["error"]
    return result if isinstance(result, str) else json.dumps(result, ensure_ascii=False)


class UIMessageEncoder:
    """A turn's events as UI message stream chunks (stateful: it opens and closes text blocks
    and shows each tool call once)."""

    def __init__(self, conversation_id: int) -> None:
        self.metadata = {"conversationId": conversation_id}
        self._text_id: str | None = None
        self._blocks = 0
        self._texted = False
        self._inputs: set[str] = set()
        self._outputs: set[str] = set()

    def start(self) -> list[Chunk]:
        return [
            {
                "type": "start",
                "messageId": f"msg-{uuid.uuid4().hex}",
                "messageMetadata": self.metadata,
            }
        ]

    def encode(self, event: TurnEvent) -> list[Chunk]:
        """The chunks for one event."""
        if isinstance(event, TextDelta):
            return self._text(event.text)
        if isinstance(event, ToolCallStarted):
            return [*self._end_text(), *self._input(event.id, event.name, event.arguments)]
        if isinstance(event, ToolCallFinished):
            return [
                *self._end_text(),
                *self._input(event.id, event.name, event.arguments),
                *self._output(event.id, event.result, event.is_error),
            ]
        if isinstance(event, TurnFinished):
            return [
                *self._end_text(),
                *self._rest(event),
                {"type": "finish", "messageMetadata": self.metadata},
            ]
        assert isinstance(event, TurnFailed)
        error = {"code": event.error.code, "message": event.error.message}
        return [
            *self._end_text(),
            {"type": "data-error", "data": error, "transient": True},
            {"type": "error", "errorText": event.error.message},
        ]

    def _text(self, delta: str) -> list[Chunk]:
        chunks: list[Chunk] = []
        if self._text_id is None:
            self._blocks += 1
            self._text_id = f"text-{self._blocks}"
            chunks.append({"type": "text-start", "id": self._text_id})
        self._texted = True
        chunks.append({"type": "text-delta", "id": self._text_id, "delta": delta})
        return chunks

    def _end_text(self) -> list[Chunk]:
        if self._text_id is None:
            return []
        chunks = [{"type": "text-end", "id": self._text_id}]
        self._text_id = None
        return chunks

    def _input(self, call_id: str, name: str, arguments: Any) -> list[Chunk]:
        if call_id in self._inputs:
            return []
        self._inputs.add(call_id)
        return [
            {
                "type": "tool-input-available",
                "toolCallId": call_id,
                "toolName": name,
                "input": arguments,
            }
        ]

    def _output(self, call_id: str, result: Any, is_error: bool) -> list[Chunk]:
        if call_id in self._outputs:
            return []
        self._outputs.add(call_id)
        if is_error:
            return [
                {
                    "type": "tool-output-error",
                    "toolCallId": call_id,
                    "errorText": _error_text(result),
                }
            ]
        return [{"type": "tool-output-available", "toolCallId": call_id, "output": result}]

    def _rest(self, event: TurnFinished) -> list[Chunk]:
        """What the result holds that no event showed: calls the SDK refused before they ran
        (an unknown tool), and, for an answer stored earlier (an Idempotency-Key replay), the
        whole turn."""
        chunks: list[Chunk] = []
        for call in event.result.tool_calls:
            chunks += self._input(call["id"], call["name"], call["arguments"])
            chunks += self._output(call["id"], call["result"], call["is_error"])
        if not self._texted and event.result.response:
            chunks += [*self._text(event.result.response), *self._end_text()]
        return chunks


async def event_stream(running: RunningTurn, *, heartbeat_s: float) -> AsyncIterator[bytes]:
    """The running turn's events as SSE bytes, with a heartbeat while nothing happens. Events
    that are already there when the client has taken the last bytes go out together."""
    encoder = UIMessageEncoder(running.conversation_id)
    yield b"".join(frame(chunk) for chunk in encoder.start())
    seen = 0
    while True:
        events = running.events_after(seen)
        if not events:
            try:
                async with asyncio.timeout(heartbeat_s):
                    await running.wait_after(seen)
            except TimeoutError:
                yield HEARTBEAT
            continue
        seen += len(events)
        sent = b"".join(frame(chunk) for event in events for chunk in encoder.encode(event))
        if isinstance(events[-1], (TurnFinished, TurnFailed)):
            # The end and `[DONE]` in one write: every write is a send through the server and
            # the socket, and with many streams at once the event loop's time is what they
            # share.
            yield sent + DONE
            return
        yield sent
