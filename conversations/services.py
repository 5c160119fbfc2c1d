"""The chat turn: stateless, rebuilt from the database on every request.

1. load the conversation (or start one) and its recent history, and store the user message —
   committed before the model is called, so a failure later loses nothing;
2. run the agent (the tools reach the tasks through MCP);
3. store the assistant's reply with its tool calls.
"""

from __future__ import annotations

import hashlib
import json
import logging
import time
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from openai import APITimeoutError

from todochat.db import db_step
from todochat.errors import ConflictError, NotFoundError, UnprocessableError

from .agent import AgentReply, run_agent
from .errors import ModelProviderError, ModelTimeoutError
from .models import Conversation, IdempotencyKey, Message
from .selectors import recent_history

logger = logging.getLogger("todochat.chat")


@dataclass(frozen=True)
class TurnResult:
    conversation_id: int
    response: str
    tool_calls: list[dict[str, Any]]
    # True when this is the stored answer to an earlier request with the same Idempotency-Key.
    replayed: bool = False

    def as_dict(self) -> dict[str, Any]:
        return {
            "conversation_id": self.conversation_id,
            "response": self.response,
            "tool_calls": self.tool_calls,
        }


@dataclass(frozen=True)
class Idempotency:
    """A request's Idempotency-Key and the fingerprint of what it asked."""

    key: str
    request_hash: str

    @classmethod
    def for_request(cls, *, key: str, message: str, conversation_id: int | None) -> Idempotency:
        payload = json.dumps({"message": message, "conversation_id": conversation_id})
        return cls(key=key, request_hash=hashlib.sha256(payload.encode()).hexdigest())


@transaction.atomic
def idempotency_claim(*, user_id: str, idempotency: Idempotency) -> TurnResult | None:
    """Claim the key for this request, or return the stored answer of the request that did.

    Raises `UnprocessableError` when the key was used for a different request, and
    `ConflictError` while the first request with the key is still running.
    """
    now = timezone.now()
    IdempotencyKey.objects.filter(user_id=user_id, expires_at__lte=now).delete()
    record, created = IdempotencyKey.objects.get_or_create(
        user_id=user_id,
        key=idempotency.key,
        defaults={
            "request_hash": idempotency.request_hash,
            "expires_at": now + timedelta(seconds=settings.IDEMPOTENCY_KEY_TTL_S),
        },
    )
    if created:
        return None
    if record.request_hash != idempotency.request_hash:
        raise UnprocessableError(
            "This Idempotency-Key was already used for a different request.",
            fields={"Idempotency-Key": ["Already used for a different request."]},
        )
    if record.state != IdempotencyKey.State.COMPLETED:
        raise ConflictError("A request with this Idempotency-Key is still being processed.")
    return TurnResult(**record.response, replayed=True)


def idempotency_release(*, user_id: str, idempotency: Idempotency) -> None:
    """Forget a key whose request failed, so that a retry runs it again."""
    IdempotencyKey.objects.filter(
        user_id=user_id, key=idempotency.key, state=IdempotencyKey.State.IN_PROGRESS
    ).delete()


@transaction.atomic
def turn_begin(
    *, user_id: str, message: str, conversation_id: int | None
) -> tuple[int, int, list[dict[str, Any]]]:
    """Find (and mark as active) or start the conversation, read its history, store the user's
    message.

    Returns the conversation id, the turn (the user message's id) and the history before it.
    """
    if conversation_id is None:
        conversation_id = Conversation.objects.create(user_id=user_id).id
        history: list[dict[str, Any]] = []
    else:
        # One statement finds the user's conversation (another user's is reported exactly like
        # a missing one) and marks it as the most recently active.
        touched = Conversation.objects.filter(user_id=user_id, id=conversation_id).update(
            updated_at=timezone.now()
        )
        if not touched:
            raise NotFoundError(f"Conversation {conversation_id} not found")
        history = recent_history(conversation_id=conversation_id, limit=settings.CHAT_HISTORY_LIMIT)
    question = Message.objects.create(
        conversation_id=conversation_id, user_id=user_id, role=Message.Role.USER, content=message
    )
    Message.objects.filter(id=question.id).update(turn=question.id)
    return conversation_id, question.id, history


def turn_finish(
    *,
    user_id: str,
    turn: int,
    result: TurnResult,
    idempotency: Idempotency | None = None,
) -> None:
    """Store the assistant's reply (and, in the same transaction, the answer to its
    Idempotency-Key)."""
    reply = Message(
        conversation_id=result.conversation_id,
        user_id=user_id,
        role=Message.Role.ASSISTANT,
        content=result.response,
        tool_calls=result.tool_calls,
        turn=turn,
    )
    if idempotency is None:
        reply.save()  # one statement: no transaction needed
        return
    with transaction.atomic():
        reply.save()
        IdempotencyKey.objects.filter(user_id=user_id, key=idempotency.key).update(
            state=IdempotencyKey.State.COMPLETED, response=result.as_dict()
        )


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
    timezone: str | None = None,
    bearer_token: str | None = None,
    idempotency: Idempotency | None = None,
) -> TurnResult:
    """One chat turn for `user_id`.

    Raises `NotFoundError` for a conversation that is not theirs, `ModelProviderError` /
    `ModelTimeoutError` when the model fails (the user message stays stored), and the
    idempotency errors of `idempotency_claim`.
    """
    if idempotency is not None:
        stored = await db_step(idempotency_claim, user_id=user_id, idempotency=idempotency)
        if stored is not None:
            return stored
    try:
        return await _run_turn(
            user_id=user_id,
            message=message,
            conversation_id=conversation_id,
            timezone=timezone,
            bearer_token=bearer_token,
            idempotency=idempotency,
        )
    except BaseException:
        if idempotency is not None:
            await db_step(idempotency_release, user_id=user_id, idempotency=idempotency)
        raise


async def _run_turn(
    *,
    user_id: str,
    message: str,
    conversation_id: int | None,
    timezone: str | None,
    bearer_token: str | None,
    idempotency: Idempotency | None,
) -> TurnResult:
    started = time.monotonic()
    outcome = "error"
    tool_names: list[str] = []
    try:
        conversation_id, turn, history = await db_step(
            turn_begin, user_id=user_id, message=message, conversation_id=conversation_id
        )
        reply = await _run_agent(
            user_id=user_id,
            history=history,
            message=message,
            bearer_token=bearer_token,
            timezone=timezone,
        )
        tool_names = [call["name"] for call in reply.tool_calls]
        result = TurnResult(conversation_id, reply.text, reply.tool_calls)
        await db_step(
            turn_finish, user_id=user_id, turn=turn, result=result, idempotency=idempotency
        )
        outcome = "ok"
        return result
    except BaseException as exc:
        outcome = getattr(exc, "code", None) or type(exc).__name__
        raise
    finally:
        # One line per turn; never the message or the token.
        fields = {
            "user_id": user_id,
            "conversation_id": conversation_id,
            "duration_ms": round((time.monotonic() - started) * 1000, 1),
            "model": settings.AGENT_MODEL,
            "tools": tool_names,
            "outcome": outcome,
        }
        logger.info(
            "chat turn user=%(user_id)s conversation=%(conversation_id)s "
            "duration_ms=%(duration_ms)s model=%(model)s tools=%(tools)s outcome=%(outcome)s",
            fields,
            extra=fields,
        )
