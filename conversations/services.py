"""The chat turn: stateless, rebuilt from the database on every request.

1. load the conversation (or start one) and its recent history, and store the user message —
   committed before the model is called, so a failure later loses nothing;
2. run the agent (the tools reach the tasks through MCP);
3. store the assistant's reply with its tool calls.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from openai import APITimeoutError

from todochat.db import db_step

from .agent import AgentReply, run_agent
from .errors import ModelProviderError, ModelTimeoutError
from .models import Conversation, Message
from .selectors import conversation_get, recent_history

logger = logging.getLogger("todochat.chat")


@dataclass(frozen=True)
class TurnResult:
    conversation_id: int
    response: str
    tool_calls: list[dict[str, Any]]


@transaction.atomic
def turn_begin(
    *, user_id: str, message: str, conversation_id: int | None
) -> tuple[int, list[dict[str, Any]]]:
    """Find or start the conversation, read its history, store the user's message."""
    if conversation_id is None:
        conversation = Conversation.objects.create(user_id=user_id)
        history: list[dict[str, Any]] = []
    else:
        conversation = conversation_get(user_id=user_id, conversation_id=conversation_id)
        history = recent_history(conversation_id=conversation.id, limit=settings.CHAT_HISTORY_LIMIT)
    Message.objects.create(
        conversation=conversation, user_id=user_id, role=Message.Role.USER, content=message
    )
    return conversation.id, history


@transaction.atomic
def turn_finish(
    *, user_id: str, conversation_id: int, response: str, tool_calls: list[dict[str, Any]]
) -> None:
    """Store the assistant's reply and mark the conversation as active."""
    Message.objects.create(
        conversation_id=conversation_id,
        user_id=user_id,
        role=Message.Role.ASSISTANT,
        content=response,
        tool_calls=tool_calls,
    )
    Conversation.objects.filter(id=conversation_id).update(updated_at=timezone.now())


async def _run_agent(**kwargs: Any) -> AgentReply:
    """The agent's part of the turn, its failures told apart: too slow, or failed."""
    try:
        return await run_agent(**kwargs)
    except (TimeoutError, APITimeoutError) as exc:
        raise ModelTimeoutError("The model did not answer in time.") from exc
    except Exception as exc:
        # Provider HTTP errors, unreachable servers, unparseable answers, runaway tool loops.
        logger.warning("model call failed: %s: %s", type(exc).__name__, exc)
        raise ModelProviderError(str(exc)) from exc


async def chat_turn(
    *,
    user_id: str,
    message: str,
    conversation_id: int | None = None,
    bearer_token: str | None = None,
) -> TurnResult:
    """One chat turn for `user_id`. Raises `NotFoundError` for a conversation that is not theirs,
    and the provider's error when the model fails (the user message stays stored)."""
    started = time.monotonic()
    conversation_id, history = await db_step(
        turn_begin, user_id=user_id, message=message, conversation_id=conversation_id
    )
    outcome = "error"
    tool_names: list[str] = []
    try:
        reply = await _run_agent(
            user_id=user_id, history=history, message=message, bearer_token=bearer_token
        )
        tool_names = [call["name"] for call in reply.tool_calls]
        await db_step(
            turn_finish,
            user_id=user_id,
            conversation_id=conversation_id,
            response=reply.text,
            tool_calls=reply.tool_calls,
        )
        outcome = "ok"
        return TurnResult(conversation_id, reply.text, reply.tool_calls)
    except BaseException as exc:
        outcome = type(exc).__name__
        raise
    finally:
        logger.info(
            "chat turn user=%s conversation=%s duration_ms=%.1f model=%s tools=%s outcome=%s",
            user_id,
            conversation_id,
            (time.monotonic() - started) * 1000,
            settings.AGENT_MODEL,
            ",".join(tool_names) or "-",
            outcome,
        )
