"""Reads of conversations and messages, always scoped to one user at the query."""

from datetime import datetime
from typing import Any

from django.db import connection
from django.db.models import OuterRef, QuerySet, Subquery
from django.db.models.functions import Left

from todochat.errors import NotFoundError

from .models import Conversation, Message, ToolCall


def conversation_get(*, user_id: str, conversation_id: int) -> Conversation:
    """The user's conversation; another user's is reported exactly like a missing one."""
    conversation = Conversation.objects.filter(user_id=user_id, id=conversation_id).first()
    if conversation is None:
        raise NotFoundError(f"Conversation {conversation_id} not found")
    return conversation


# How much of a conversation's first message is read to name it (`conversation_name`).
NAME_SOURCE_LENGTH = 200
NAME_LENGTH = 80


def conversation_list(*, user_id: str) -> QuerySet[Conversation]:
    """The user's conversations, most recently active first, each with the start of its first
    message (`first_message`, to name it)."""
    first_message = (
        Message.objects.filter(conversation=OuterRef("pk"), role=Message.Role.USER, item_type="")
        .order_by("turn", "id")
        .values("content")[:1]
    )
    return (
        Conversation.objects.filter(user_id=user_id)
        .annotate(first_message=Left(Subquery(first_message), NAME_SOURCE_LENGTH))
        .order_by("-updated_at", "-id")
    )


def conversation_name(conversation: Conversation) -> str:
    """What a conversation is called in a list: its title (set through ChatKit), else its first
    message on one line, cut to NAME_LENGTH characters ("" when it has neither)."""
    if conversation.title:
        return conversation.title
    text = " ".join((getattr(conversation, "first_message", None) or "").split())
    return text if len(text) <= NAME_LENGTH else text[: NAME_LENGTH - 1].rstrip() + "…"


def message_list(*, user_id: str, conversation_id: int) -> QuerySet[Message]:
    """The messages of the user's conversation, oldest first (raises if it is not theirs)."""
    conversation = conversation_get(user_id=user_id, conversation_id=conversation_id)
    return Message.objects.filter(conversation=conversation, user_id=user_id).order_by("turn", "id")


# The newest `limit` messages, newest first, with the running total of their sizes; of those,
# the ones within the budget, and only theirs are read whole (the calls as JSON text, parsed
# only for what the model gets). Unknown sizes count as 0: those messages are read, and
# `context.history_items`, which makes the final cut, measures them.
_RECENT_HISTORY = """
SELECT role, content, turn, CAST(COALESCE(replay, tool_calls) AS text)
FROM (
    SELECT role, content, turn, id, replay, tool_calls, SUM(COALESCE(tokens, 0)) OVER (
        ORDER BY turn DESC, id DESC ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
    ) AS running
    FROM (
        SELECT role, content, turn, id, replay, tool_calls, tokens FROM {table}
        WHERE conversation_id = %s {before}
        ORDER BY turn DESC, id DESC
        LIMIT %s
    ) AS recent
) AS measured
WHERE running <= %s
ORDER BY turn DESC, id DESC
"""


def recent_history(
    *, conversation_id: int, limit: int, max_tokens: int, before_turn: int | None = None
) -> list[dict[str, Any]]:
    """The last `limit` messages of a conversation (those of turns before `before_turn`, if
    given), oldest first, in one query, less those that `max_tokens` leaves out (the newest
    that fit, by the size stored with each): role, content, tool calls (as replayed, JSON
    text), and the message's turn."""
    if limit <= 0:
        return []
    params: list[Any] = [conversation_id]
    if before_turn is not None:
        params.append(before_turn)
    params += [limit, max_tokens]
    sql = _RECENT_HISTORY.format(
        table=connection.ops.quote_name(Message._meta.db_table),
        before="AND turn < %s" if before_turn is not None else "",
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    return [
        {"role": role, "content": content, "tool_calls": calls, "turn": turn}
        for role, content, turn, calls in reversed(rows)
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
