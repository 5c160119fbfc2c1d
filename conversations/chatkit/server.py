"""The ChatKit server: ChatKit's request handling over the todochat turn and store."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import dataclass

from chatkit.errors import CustomStreamError
from chatkit.server import ChatKitServer
from chatkit.types import (
    AssistantMessageContent,
    AssistantMessageContentPartTextDelta,
    AssistantMessageItem,
    FeedbackKind,
    ProgressUpdateEvent,
    ThreadItem,
    ThreadItemAddedEvent,
    ThreadItemDoneEvent,
    ThreadItemUpdatedEvent,
    ThreadMetadata,
    ThreadStreamEvent,
    UserMessageItem,
)

from todochat.db import db_step

from ..errors import exception_handler
from ..models import Message
from . import ids, selectors, services
from .items import message_items, user_text
from .store import DjangoStore, RequestContext
from .turn import run_turn

# Turns running on past a stream that was stopped; held only so they are not garbage-collected.
_running_turns: set[asyncio.Task[AnsweredTurn]] = set()


@dataclass(frozen=True)
class AnsweredTurn:
    """A finished turn's stored user message and reply (None if it failed), and its error."""

    question: Message | None
    reply: Message | None
    error: Exception | None


class TodoChatKitServer(ChatKitServer[RequestContext]):
    """`respond()` runs one chat turn and shows its tool calls and reply as thread items."""

    async def respond(
        self,
        thread: ThreadMetadata,
        input_user_message: UserMessageItem | None,
        context: RequestContext,
    ) -> AsyncIterator[ThreadStreamEvent]:
        if input_user_message is None:
            return  # client tool outputs and structured input are not offered
        yield ProgressUpdateEvent(icon="sparkle", text="Working on it…")
        # The turn runs in a task of its own: a stopped stream never cuts it short, so its tool
        # calls and reply are always stored (see `handle_stream_cancelled`).
        task = asyncio.ensure_future(
            self._answer(
                context=context,
                conversation_id=ids.conversation_id(thread.id),
                item=input_user_message,
            )
        )
        _running_turns.add(task)
        task.add_done_callback(_running_turns.discard)
        answered = await asyncio.shield(task)
        if answered.error is not None:
            raise _stream_error(answered.error) from answered.error
        if answered.reply is None:
            raise CustomStreamError("The reply was not stored. Try again.", allow_retry=True)
        for item in message_items(answered.reply):
            if isinstance(item, AssistantMessageItem):
                async for event in _assistant_message_events(item):
                    yield event
            else:
                yield ThreadItemDoneEvent(item=item)

    async def _answer(
        self, *, context: RequestContext, conversation_id: int, item: UserMessageItem
    ) -> AnsweredTurn:
        """Run the turn for a user message item, then give its stored row the item's id."""
        # A retried message is stored again by the turn (everything after it is already gone).
        await db_step(
            services.user_item_release,
            user_id=context.user_id,
            conversation_id=conversation_id,
            item=item,
        )
        after_id = await db_step(selectors.last_message_id, conversation_id=conversation_id)
        message = user_text(item)
        error: Exception | None = None
        try:
            await run_turn(context=context, conversation_id=conversation_id, message=message)
        except Exception as exc:
            error = exc
        question, reply = await db_step(
            services.turn_items_link,
            user_id=context.user_id,
            conversation_id=conversation_id,
            after_id=after_id,
            message=message,
            item=item,
        )
        return AnsweredTurn(question, reply, error)

    async def add_feedback(
        self,
        thread_id: str,
        item_ids: list[str],
        feedback: FeedbackKind,
        context: RequestContext,
    ) -> None:
        await db_step(
            services.items_feedback,
            user_id=context.user_id,
            conversation_id=ids.conversation_id(thread_id),
            item_ids=item_ids,
            kind=feedback,
        )

    async def handle_stream_cancelled(
        self,
        thread: ThreadMetadata,
        pending_items: list[ThreadItem],
        context: RequestContext,
    ) -> None:
        """A stopped stream leaves the turn running: when it ends it stores its whole reply
        with every tool call it made, and the user message keeps the item id the stream
        announced. So neither ChatKit's default copy of the partial reply nor its hidden "the
        user cancelled" note (which keeps a model from continuing a half-stored reply) is
        written: no reply is ever half-stored."""


async def _assistant_message_events(item: AssistantMessageItem) -> AsyncIterator[ThreadStreamEvent]:
    text = "".join(part.text for part in item.content)
    yield ThreadItemAddedEvent(item=item.model_copy(update={"content": []}))
    yield ThreadItemUpdatedEvent(
        item_id=item.id,
        update=AssistantMessageContentPartTextDelta(content_index=0, delta=text),
    )
    yield ThreadItemDoneEvent(
        item=item.model_copy(update={"content": [AssistantMessageContent(text=text)]})
    )


def _stream_error(error: Exception) -> Exception:
    """A failed turn as a ChatKit error event, with the chat API's message for it (the user
    message stays stored, as there); an unexpected error is left to ChatKit's generic one."""
    response = exception_handler(error, {})
    if response is None:
        return error
    return CustomStreamError(response.data["error"]["message"], allow_retry=True)


chatkit_server = TodoChatKitServer(store=DjangoStore())
