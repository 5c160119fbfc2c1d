"""Reads of conversations and messages, always scoped to one user at the query."""

from datetime import datetime
from typing import Any

from django.db.models import JSONField, QuerySet, TextField
from django.db.models.functions import Cast, Coalesce

from todochat.errors import NotFoundError

from .models import Conversation, Message, ToolCall


def conversation_get(*, user_id: str, conversation_id: int) -> Conversation:
    """The user's conversation; another user's is reported exactly like a missing one."""
    conversation = Conversation.objects.filter(user_id=user_id, id=conversation_id).first()
    if conversation is None:
        raise NotFoundError(f"Conversation {conversation_id} not found")
    return conversation


def conversation_list(*, user_id: str) -> QuerySet[Conversation]:
    """The user's conversations, most recently active first."""
    return Conversation.objects.filter(user_id=user_id).order_by("-updated_at", "-id")


def message_list(*, user_id: str, conversation_id: int) -> QuerySet[Message]:
    """The messages of the user's conversation, oldest first (raises if it is not theirs)."""
    conversation = conversation_get(user_id=user_id, conversation_id=conversation_id)
    return Message.objects.filter(conversation=conversation, user_id=user_id).order_by("turn", "id")


def recent_history(
    *, conversation_id: int, limit: int, before_turn: int | None = None
) -> list[dict[str, Any]]:
    """The last `limit` messages of a conversation (those of turns before `before_turn`, if
    given), oldest first, in one query: role, content, tool calls (as replayed, JSON text),
    and the message's turn."""
    if limit <= 0:
        return []
    messages = Message.objects.filter(conversation_id=conversation_id)
    if before_turn is not None:
        messages = messages.filter(turn__lt=before_turn)
    # A reply's calls as replayed (compacted lists), else as stored; as JSON text, parsed only
    # for the messages the model gets (`context.history_items`): of a long history that holds
    # big lists, most are left out by the token budget.
    calls = Cast(Coalesce("replay", "tool_calls", output_field=JSONField()), TextField())
    # No times: reading a timestamp costs more than the rest of a row.
    rows = messages.order_by("-turn", "-id").values("role", "content", "turn", calls=calls)[:limit]
    return [
        {
            "role": row["role"],
            "content": row["content"],
            "tool_calls": row["calls"],
            "turn": row["turn"],
        }
        for row in list(rows)[::-1]
    ]


def turns_asked_before(*, conversation_id: int, turns: list[int], before: datetime) -> set[int]:
    """Which of these turns of a conversation had their question stored before `before`."""
    asked = Message.objects.filter(
        conversation_id=conversation_id,
        turn__in=turns,
        role=Message.Role.USER,
        created_at__lt=before,
    ).values_list("turn", flat=True)
    return {turn for turn in asked if turn is not None}


def turns_tool_calls(*, user_id: str, conversation_id: int, turns: list[int]) -> list[ToolCall]:
    """The recorded tool calls of several of the user's turns in a conversation, in order."""
    return list(
        ToolCall.objects.filter(
            user_id=user_id, conversation_id=conversation_id, turn__in=turns
        ).order_by("id")
    )


def turn_tool_calls(*, user_id: str, turn: int) -> list[ToolCall]:
    """The recorded tool calls of one of the user's turns, in the order they were made."""
    return list(ToolCall.objects.filter(user_id=user_id, turn=turn).order_by("id"))


def turn_reply(*, user_id: str, turn: int) -> Message | None:
    """The stored reply of one of the user's turns, if it has one."""
    return (
        Message.objects.filter(user_id=user_id, turn=turn, role=Message.Role.ASSISTANT)
        .order_by("id")
        .first()
    )
