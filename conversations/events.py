"""What a running chat turn tells its transports: its result, and the events on the way to it.

Every transport (JSON, SSE, ChatKit, the page, the terminal) consumes these from the one turn
service (`conversations.services.start_turn`); they differ only in how they reach the client.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from todochat.errors import ApplicationError


@dataclass(frozen=True)
class TurnResult:
    conversation_id: int
    response: str
    tool_calls: list[dict[str, Any]]
    # True when this is the stored answer to an earlier request with the same Idempotency-Key.
    replayed: bool = False
    # Gemini's thought signatures of the calls, by call id: replayed with them in later turns,
    # never shown.
    signatures: dict[str, str] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {
            "conversation_id": self.conversation_id,
            "response": self.response,
            "tool_calls": self.tool_calls,
        }


@dataclass(frozen=True)
class TextDelta:
    """More of the assistant's reply text."""

    text: str


@dataclass(frozen=True)
class ToolCallStarted:
    """A tool call is about to run (arguments as recorded: what it runs with, made storable)."""

    id: str
    name: str
    arguments: Any


@dataclass(frozen=True)
class ToolCallFinished:
    """A tool call ran and is recorded."""

    id: str
    name: str
    arguments: Any
    result: Any
    is_error: bool


@dataclass(frozen=True)
class TurnFinished:
    """The turn is over and stored; the last event."""

    result: TurnResult


@dataclass(frozen=True)
class TurnFailed:
    """The turn failed (the user message stays stored); the last event."""

    error: ApplicationError


TurnEvent = TextDelta | ToolCallStarted | ToolCallFinished | TurnFinished | TurnFailed
