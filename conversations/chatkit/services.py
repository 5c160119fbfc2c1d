"""Writes behind the ChatKit store, each scoped to the user at the query.

User messages and replies are written by the turn service, as for the chat API; what is left
here is what only ChatKit does: titles, deletes, feedback, giving a turn's user message the id
ChatKit announced for it, and keeping any other item ChatKit hands the store.
"""

from __future__ import annotations

from chatkit.types import AssistantMessageItem, FeedbackKind, ThreadItem, UserMessageItem
from django.db import transaction

from todochat.errors import ApplicationError, NotFoundError

from ..context import message_tokens
from ..models import CONVERSATION_TITLE_MAX_LENGTH, Conversation, Message, ToolCall
from .items import stored_payload, user_payload
from .selectors import message_find


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
        raise NotFoundError(f"Conversation {conversation_id} not found")
    return title


def thread_delete(*, user_id: str, conversation_id: int) -> None:
    """Delete the user's conversation and its messages."""
    deleted, _ = Conversation.objects.filter(user_id=user_id, id=conversation_id).delete()
    if not deleted:
        raise NotFoundError(f"Conversation {conversation_id} not found")


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
        raise NotFoundError(f"Conversation {conversation_id} not found")
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
def item_delete(*, user_id: str, conversation_id: int, item_id: str) -> None:
    """Delete the message an item id names. A tool call goes with its message, and an item that
    is already gone is nothing to do (deleting a reply deletes its tool calls' items too)."""
    try:
        message, tool_index = message_find(
            user_id=user_id, conversation_id=conversation_id, item_id=item_id
        )
    except NotFoundError:
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
        raise NotFoundError(f"Conversation {conversation_id} not found")
    messages = {
        message_find(user_id=user_id, conversation_id=conversation_id, item_id=item_id)[0].id
        for item_id in item_ids
    }
    Message.objects.filter(id__in=messages).update(feedback=kind)


def user_item_release(*, user_id: str, conversation_id: int, item: UserMessageItem) -> None:
    """Delete the stored user message ChatKit asks to be answered again
    (`threads.retry_after_item`): the turn stores it anew, under the same item id."""
    try:
        message, tool_index = message_find(
            user_id=user_id, conversation_id=conversation_id, item_id=item.id
        )
    except NotFoundError:
        return
    if tool_index is None and message.role == Message.Role.USER:
        message.delete()


def question_claim(*, user_id: str, message_id: int, item: UserMessageItem) -> None:
    """Give the user message a turn just stored the item id ChatKit announced for it, and the
    item's parts and options."""
    Message.objects.filter(id=message_id, user_id=user_id, role=Message.Role.USER).update(
        public_id=item.id, payload=user_payload(item)
    )
