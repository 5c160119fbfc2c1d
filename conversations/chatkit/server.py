"""The ChatKit server: ChatKit's request handling over the todochat turn and store."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncGenerator, AsyncIterator
from datetime import UTC, datetime
from typing import Any, cast

from chatkit.errors import CustomStreamError
from chatkit.server import ChatKitServer
from chatkit.types import (
    AssistantMessageContent,
    AssistantMessageContentPartTextDelta,
    AssistantMessageItem,
    FeedbackKind,
    NoticeEvent,
    ProgressUpdateEvent,
    StreamingReq,
    ThreadItem,
    ThreadItemAddedEvent,
    ThreadItemDoneEvent,
    ThreadItemUpdatedEvent,
    ThreadMetadata,
    ThreadStreamEvent,
    UserMessageItem,
)

from todochat.db import db_step
from todochat.errors import ApplicationError, ConflictError, NotFoundError

from ..errors import exception_handler
from ..events import ToolCallFinished, ToolCallStarted, TurnFailed, TurnFinished
from ..services import RunningTurn
from . import ids, selectors, services
from .items import message_items, tool_label, tool_summary, user_text
from .store import DjangoStore, RequestContext
from .turn import run_turn

# What a retried message whose tools already ran is told: its stored answer is shown again.
ALREADY_DONE = (
    "This message was already carried out, so nothing was done again. Here is its answer as it was."
)

# Turns being started for a stream; held only so that one whose stream was stopped meanwhile is
# not garbage-collected before it has started.
_beginning: set[asyncio.Future[RunningTurn]] = set()


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
        user_id, conversation_id = context.user_id, ids.conversation_id(thread.id)
        yield ProgressUpdateEvent(icon="sparkle", text="Working on it…")
        # Shielded: a stream stopped this early still gets its turn, and its message its id.
        beginning = asyncio.ensure_future(
            _begin(context, conversation_id=conversation_id, item=input_user_message)
        )
        _beginning.add(beginning)
        beginning.add_done_callback(_beginning.discard)
        try:
            running = await asyncio.shield(beginning)
        except ApplicationError as exc:
            raise _stream_error(exc) from exc
        async for event in running.events():
            if isinstance(event, ToolCallStarted):
                yield ProgressUpdateEvent(icon="sparkle", text=f"{tool_label(event.name)}…")
            elif isinstance(event, ToolCallFinished):
                call = {"name": event.name, "result": event.result, "is_error": event.is_error}
                yield ProgressUpdateEvent(icon="check", text=tool_summary(call))
            elif isinstance(event, TurnFailed):
                raise _stream_error(event.error)
            elif isinstance(event, TurnFinished):
                # The reply is stored: shown as it reads on any later load.
                reply = await db_step(
                    selectors.turn_reply,
                    user_id=user_id,
                    message_id=cast(int, running.turn or context.retried_turn),
                )
                if event.result.replayed and reply.tool_calls:
                    yield NoticeEvent(level="info", title="Already done", message=ALREADY_DONE)
                for item in message_items(reply):
                    if isinstance(item, AssistantMessageItem):
                        async for shown in _assistant_message_events(item):
                            yield shown
                    else:
                        yield ThreadItemDoneEvent(item=item)

    async def _process_streaming_impl(
        self, request: StreamingReq, context: RequestContext
    ) -> AsyncGenerator[ThreadStreamEvent, None]:
        # ChatKit stamps the thread and the user message it streams with `datetime.now()`: a
        # time with no zone, which a browser reads as its own local time. They go out in UTC,
        # as the stored ones do.
        async for event in super()._process_streaming_impl(request, context):
            _zone_times(event)
            yield event

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
        """A stopped stream leaves the turn running (the turn service runs it in its own
        task): it records each tool call as it runs and stores its whole reply when it ends,
        and the user message keeps the item id the stream announced. So neither ChatKit's
        default copy of the partial reply nor its hidden "the user cancelled" note (which keeps
        a model from continuing a half-stored reply) is written: no reply is ever half-stored."""


def _zone_times(event: ThreadStreamEvent) -> None:
    """Give the thread or item an event carries a zoned creation time (a naive one is the
    server's local time, as `datetime.now()` gives it)."""
    for shown in (getattr(event, "thread", None), getattr(event, "item", None)):
        created: Any = getattr(shown, "created_at", None)
        if isinstance(created, datetime) and created.tzinfo is None:
            shown.created_at = created.astimezone(UTC)  # type: ignore[union-attr]


async def _begin(
    context: RequestContext, *, conversation_id: int, item: UserMessageItem
) -> RunningTurn:
    """Start the turn for a user message item; its stored row takes the item's id. A retried
    message (`threads.retry_after_item`) is the same turn again, under the same key."""
    message = user_text(item)
    if context.retried_turn is None:
        idempotency = services.turn_idempotency(
            item.id, message=message, conversation_id=conversation_id
        )
    else:
        idempotency = await db_step(
            services.retry_idempotency,
            user_id=context.user_id,
            conversation_id=conversation_id,
            turn=context.retried_turn,
        )
    try:
        running = await run_turn(
            context=context,
            conversation_id=conversation_id,
            message=message,
            idempotency=idempotency,
        )
    except ConflictError as exc:
        raise ConflictError("This message is still being answered. Try again in a moment.") from exc
    except NotFoundError as exc:  # the thread was deleted meanwhile
        raise ids.thread_not_found(ids.thread_id(conversation_id)) from exc
    if context.retried_turn is None:
        await db_step(
            services.question_claim,
            user_id=context.user_id,
            message_id=cast(int, running.turn),
            item=item,
        )
    return running


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


def _stream_error(error: ApplicationError) -> Exception:
    """A failed turn as a ChatKit error event, with the chat API's message for it (the user
    message stays stored, as there); an unexpected error is left to ChatKit's generic one."""
    response = exception_handler(error, {})
    if response is None:
        return error
    return CustomStreamError(response.data["error"]["message"], allow_retry=True)


chatkit_server = TodoChatKitServer(store=DjangoStore())
