"""Reads behind the ChatKit store, each scoped to the user at the query."""

from __future__ import annotations

from typing import Literal

from chatkit.types import ThreadItem
from django.db.models import Q

from todochat.errors import NotFoundError

from ..models import Conversation, Message
from . import ids
from .items import message_items

Order = Literal["asc", "desc"]
MAX_PAGE_SIZE = 200


def page_size(limit: int) -> int:
    """A page size from 1 to MAX_PAGE_SIZE (the API refuses a client's limit outside it; this
    bounds what any other caller passes)."""
    return max(1, min(limit, MAX_PAGE_SIZE))


def thread_page(
    *, user_id: str, after: str | None, limit: int, order: Order
) -> tuple[list[Conversation], bool]:
    """A page of the user's conversations in creation order (newest first for `desc`), after the
    thread `after`, and whether more follow."""
    threads = Conversation.objects.filter(user_id=user_id)
    if after is not None:
        anchor = ids.conversation_id(after)
        if not threads.filter(id=anchor).exists():
            # Another user's thread, or none: not found, as it is everywhere else.
            raise ids.thread_not_found(after)
        threads = (
            threads.filter(id__lt=anchor) if order == "desc" else threads.filter(id__gt=anchor)
        )
    size = page_size(limit)
    rows = list(threads.order_by("-id" if order == "desc" else "id")[: size + 1])
    return rows[:size], len(rows) > size


def thread_get(*, user_id: str, conversation_id: int) -> Conversation:
    """The user's conversation a thread is; another user's is reported exactly like a missing
    one, by its thread id."""
    conversation = Conversation.objects.filter(user_id=user_id, id=conversation_id).first()
    if conversation is None:
        raise ids.thread_not_found(ids.thread_id(conversation_id))
    return conversation


def message_find(*, user_id: str, conversation_id: int, item_id: str) -> tuple[Message, int | None]:
    """The user's message an item id names in that conversation, and which of its tool calls
    (None: the message itself). Raises `NotFoundError` otherwise."""
    ref = ids.ItemRef.parse(item_id)
    message = (
        Message.objects.filter(ref.row_filter(), conversation_id=conversation_id, user_id=user_id)
        .order_by("id")
        .first()
    )
    if message is None or (
        ref.tool_index is not None and ref.tool_index >= len(message.tool_calls or [])
    ):
        raise ids.item_not_found(item_id)
    return message, ref.tool_index


def item_get(*, user_id: str, conversation_id: int, item_id: str) -> ThreadItem:
    """One item of the user's conversation."""
    message, _ = message_find(user_id=user_id, conversation_id=conversation_id, item_id=item_id)
    for item in message_items(message):
        if item.id == item_id:
            return item
    raise ids.item_not_found(item_id)


def item_page(
    *, user_id: str, conversation_id: int, after: str | None, limit: int, order: Order
) -> tuple[list[ThreadItem], bool]:
    """A page of the items of the user's conversation, in conversation order (each reply right
    after its question; reversed for `desc`), after the item `after`, and whether more follow."""
    thread_get(user_id=user_id, conversation_id=conversation_id)
    size = page_size(limit)
    messages = Message.objects.filter(conversation_id=conversation_id, user_id=user_id)
    descending = order == "desc"
    if after is not None:
        anchor, _ = message_find(user_id=user_id, conversation_id=conversation_id, item_id=after)
        # From the anchor's row on (its remaining tool calls or text may still follow).
        if anchor.turn is None:  # a row stored outside a turn: by id alone
            later = Q(id__lte=anchor.id) if descending else Q(id__gte=anchor.id)
        elif descending:
            later = Q(turn__lt=anchor.turn) | Q(turn=anchor.turn, id__lte=anchor.id)
        else:
            later = Q(turn__gt=anchor.turn) | Q(turn=anchor.turn, id__gte=anchor.id)
        messages = messages.filter(later)
    ordering = ("-turn", "-id") if descending else ("turn", "id")
    # Every row is at least one item: the anchor row and size + 1 more always fill the page.
    items: list[ThreadItem] = []
    for message in messages.order_by(*ordering)[: size + 2]:
        expanded = message_items(message)
        items.extend(reversed(expanded) if descending else expanded)
    if after is not None:
        position = next((i for i, item in enumerate(items) if item.id == after), None)
        if position is None:
            raise ids.item_not_found(after)
        items = items[position + 1 :]
    return items[:size], len(items) > size


def turn_reply(*, user_id: str, message_id: int) -> Message:
    """The stored reply to the user's message `message_id`."""
    reply = (
        Message.objects.filter(user_id=user_id, turn=message_id, role=Message.Role.ASSISTANT)
        .order_by("id")
        .first()
    )
    if reply is None:
        raise NotFoundError(f"The reply to message {message_id} is not stored")
    return reply
