"""Writes behind the ChatKit store, each scoped to the user at the query.

User messages and replies are written by the turn service, as for the chat API; what is left
here is what only ChatKit does: titles, deletes, feedback, giving a turn's user message the id
ChatKit announced for it, the Idempotency-Key a message's turn holds (and a retry of it
retries with), and keeping any other item ChatKit hands the store.
"""

from __future__ import annotations

from datetime import timedelta

from chatkit.types import AssistantMessageItem, FeedbackKind, ThreadItem, UserMessageItem
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from todochat.errors import ApplicationError, NotFoundError

from ..context import message_tokens
from ..events import TurnResult
from ..models import (
    CONVERSATION_TITLE_MAX_LENGTH,
    Conversation,
    IdempotencyKey,
    Message,
    ToolCall,
)
from ..selectors import turn_reply, turn_tool_calls
from ..services import Idempotency
from .ids import thread_id, thread_not_found
from .items import stored_payload, user_payload
from .selectors import message_find

# The Idempotency-Key of a ChatKit message's turn is this and the message's item id.
KEY_PREFIX = "chatkit:"


def thread_create(*, user_id: str) -> int:
    """A new, empty conversation for the user (a ChatKit `threads.create`); its id."""
    return Conversation.objects.create(user_id=user_id).id


def thread_update(*, user_id: str, conversation_id: int, title: str | None) -> str:
    """Set the title of the user's conversation; returns it as stored (stripped)."""
    title = (title or "").strip()
    if len(title) > CONVERSATION_TITLE_MAX_LENGTH:
        raise ApplicationError(
            f"The title is {len(title)} characters; the limit is {CONVERSATION_TITLE_MAX_LENGTH}.",
            fields={"title": [f"At most {CONVERSATION_TITLE_MAX_LENGTH} characters."]},
        )
    # `update()` leaves `updated_at` alone: renaming is not activity.
    if not Conversation.objects.filter(user_id=user_id, id=conversation_id).update(title=title):
        raise thread_not_found(thread_id(conversation_id))
    return title


def thread_delete(*, user_id: str, conversation_id: int) -> None:
    """Delete the user's conversation and its messages."""
    deleted, _ = Conversation.objects.filter(user_id=user_id, id=conversation_id).delete()
    if not deleted:
        raise thread_not_found(thread_id(conversation_id))


@transaction.atomic
def item_add(*, user_id: str, conversation_id: int, item: ThreadItem) -> None:
    """Keep an item ChatKit says is done.

    A user message is stored by the turn service when the turn begins, and a reply (with its
    tool calls) when it ends, so an item that names a stored row is already kept. Anything else
    becomes a row of its own, with the item as its payload.
    """
    if isinstance(item, UserMessageItem):
        return
    try:
        message_find(user_id=user_id, conversation_id=conversation_id, item_id=item.id)
        return
    except NotFoundError:
        pass
    if not Conversation.objects.filter(user_id=user_id, id=conversation_id).exists():
        raise thread_not_found(thread_id(conversation_id))
    if isinstance(item, AssistantMessageItem):
        content = "".join(part.text for part in item.content)
        row = Message.objects.create(
            conversation_id=conversation_id,
            user_id=user_id,
            role=Message.Role.ASSISTANT,
            content=content,
            tokens=message_tokens(role=Message.Role.ASSISTANT, content=content, calls=None),
            public_id=item.id,
        )
    else:
        # Not a message: an empty assistant row, which the model and the chat API see as nothing.
        row = Message.objects.create(
            conversation_id=conversation_id,
            user_id=user_id,
            role=Message.Role.ASSISTANT,
            public_id=item.id,
            item_type=item.type,
            payload=stored_payload(item),
        )
    Message.objects.filter(id=row.id).update(turn=row.id)


def item_save(*, user_id: str, conversation_id: int, item: ThreadItem) -> None:
    """Replace a kept item ChatKit changed (only items kept as payload change), or keep it."""
    try:
        message, tool_index = message_find(
            user_id=user_id, conversation_id=conversation_id, item_id=item.id
        )
    except NotFoundError:
        item_add(user_id=user_id, conversation_id=conversation_id, item=item)
        return
    if message.item_type and tool_index is None:
        Message.objects.filter(id=message.id).update(payload=stored_payload(item))


@transaction.atomic
def item_delete(
    *, user_id: str, conversation_id: int, item_id: str, keep_turn: int | None = None
) -> None:
    """Delete the message an item id names. A tool call goes with its message, and an item that
    is already gone is nothing to do (deleting a reply deletes its tool calls' items too). An
    item of the turn `keep_turn` (a retried message's, whose reply `retry_idempotency` decides
    on) stays."""
    try:
        message, tool_index = message_find(
            user_id=user_id, conversation_id=conversation_id, item_id=item_id
        )
    except NotFoundError:
        return
    if keep_turn is not None and message.turn == keep_turn:
        return
    if tool_index is None:
        if message.role == Message.Role.ASSISTANT and message.turn is not None:
            # The record of a deleted reply's calls goes too: a turn without a reply and with
            # a record is one a killed process cut short, answered from it by the next turn.
            ToolCall.objects.filter(
                user_id=user_id, conversation_id=conversation_id, turn=message.turn
            ).delete()
        message.delete()


def items_feedback(
    *, user_id: str, conversation_id: int, item_ids: list[str], kind: FeedbackKind
) -> None:
    """Record a thumbs up or down on the messages those items belong to: all of them, or, when
    one is not an item of the user's thread, none (404)."""
    if not Conversation.objects.filter(user_id=user_id, id=conversation_id).exists():
        raise thread_not_found(thread_id(conversation_id))
    messages = {
        message_find(user_id=user_id, conversation_id=conversation_id, item_id=item_id)[0].id
        for item_id in dict.fromkeys(item_ids)  # each id looked up once
    }
    Message.objects.filter(id__in=messages).update(feedback=kind)


def turn_idempotency(item_id: str, *, message: str, conversation_id: int) -> Idempotency:
    """The key a ChatKit user message's turn holds, named by the item id ChatKit announced for
    it: a retry of that message finds the turn's key (`retry_idempotency`) and so gets the
    chat API's answers to a retry with the same Idempotency-Key."""
    return Idempotency.for_request(
        key=f"{KEY_PREFIX}{item_id}", message=message, conversation_id=conversation_id
    )


@transaction.atomic
def retry_idempotency(*, user_id: str, conversation_id: int, turn: int) -> Idempotency:
    """The Idempotency-Key a `threads.retry_after_item` of the user message `turn` retries with.

    Its turn's key, so the retry is answered as a retry with the same key is: the stored
    answer, never a tool run again (nor while the turn still runs: 409); the turn run again
    when it failed before any tool ran; a turn cut short, from its record. A message whose key
    is gone (kept 24 h) or that never had one (sent through the chat API) gets one: answered
    by its reply, or, without one, held from when it was asked. A reply that changed nothing
    (no tool ran) is deleted and the key marked failed: the message is answered again.
    """
    record = (
        IdempotencyKey.objects.select_for_update()
        .filter(user_id=user_id, conversation_id=conversation_id, turn=turn)
        .first()
    )
    reply = turn_reply(user_id=user_id, turn=turn)
    if record is None:
        question = Message.objects.filter(
            user_id=user_id, conversation_id=conversation_id, id=turn, role=Message.Role.USER
        ).first()
        if question is None:  # deleted meanwhile, with its thread
            raise thread_not_found(thread_id(conversation_id))
        answer = (
            None
            if reply is None
            else TurnResult(conversation_id, reply.content, reply.tool_calls or []).as_dict()
        )
        # Two retries at once: one makes it, the other reads it.
        record, _ = IdempotencyKey.objects.get_or_create(
            user_id=user_id,
            key=f"{KEY_PREFIX}turn-{turn}",
            defaults={
                "request_hash": Idempotency.for_request(
                    key="", message=question.content, conversation_id=conversation_id
                ).request_hash,
                "state": IdempotencyKey.State.IN_PROGRESS
                if reply is None
                else IdempotencyKey.State.COMPLETED,
                "response": answer,
                "expires_at": timezone.now() + timedelta(seconds=settings.IDEMPOTENCY_KEY_TTL_S),
                "lease_expires_at": question.created_at
                + timedelta(seconds=settings.IDEMPOTENCY_LEASE_S),
                "conversation_id": conversation_id,
                "turn": turn,
            },
        )
    if (
        reply is not None
        and record.state == IdempotencyKey.State.COMPLETED
        and not reply.tool_calls
        and not turn_tool_calls(user_id=user_id, turn=turn)
    ):
        reply.delete()
        IdempotencyKey.objects.filter(pk=record.pk).update(
            state=IdempotencyKey.State.FAILED, lease_expires_at=None
        )
    return Idempotency(key=record.key, request_hash=record.request_hash)


def question_claim(*, user_id: str, message_id: int, item: UserMessageItem) -> None:
    """Give the user message a turn just stored the item id ChatKit announced for it, and the
    item's parts and options."""
    Message.objects.filter(id=message_id, user_id=user_id, role=Message.Role.USER).update(
        public_id=item.id, payload=user_payload(item)
    )
