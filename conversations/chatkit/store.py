"""ChatKit's `Store` over the Django ORM: threads are `Conversation`s, items are `Message`s.

Nothing is kept in process memory; every method is one database step scoped to the request's
user, so another user's thread or item behaves exactly like a missing one.
"""

from __future__ import annotations

from dataclasses import dataclass

from chatkit.store import NotFoundError as StoreNotFoundError
from chatkit.store import Store, StoreItemType
from chatkit.types import Attachment, Page, ThreadItem, ThreadMetadata

from todochat.db import db_step
from todochat.errors import ApplicationError

from . import ids, selectors, services


@dataclass(frozen=True)
class RequestContext:
    """Who is asking (the bearer token's subject, and the token for the MCP tools), in which
    timezone, and, for a `threads.create`, the conversation created for it before the request
    was handed over."""

    user_id: str
    bearer_token: str | None = None
    new_conversation_id: int | None = None
    # The user's IANA zone from the request's `X-Timezone` header (None: their last one).
    timezone: str | None = None
    # For a `threads.retry_after_item`: the turn (the stored user message's id) asked again.
    retried_turn: int | None = None


class AttachmentsNotSupported(ApplicationError):
    """This server takes text messages only."""


class DjangoStore(Store[RequestContext]):
    def generate_thread_id(self, context: RequestContext) -> str:
        # The conversation already exists (its id comes from the database): see `RequestContext`.
        if context.new_conversation_id is None:
            raise StoreNotFoundError("A thread is only created by threads.create.")
        return ids.thread_id(context.new_conversation_id)

    def generate_item_id(
        self, item_type: StoreItemType, thread: ThreadMetadata, context: RequestContext
    ) -> str:
        return ids.new_item_id(item_type)

    async def load_thread(self, thread_id: str, context: RequestContext) -> ThreadMetadata:
        conversation = await db_step(
            selectors.thread_get,
            user_id=context.user_id,
            conversation_id=ids.conversation_id(thread_id),
        )
        return ThreadMetadata(
            id=thread_id, title=conversation.title or None, created_at=conversation.created_at
        )

    async def save_thread(self, thread: ThreadMetadata, context: RequestContext) -> None:
        stored = await db_step(
            services.thread_update,
            user_id=context.user_id,
            conversation_id=ids.conversation_id(thread.id),
            title=thread.title,
        )
        # The answer shows the title as stored (stripped), as a later read does.
        thread.title = stored or None

    async def load_threads(
        self, limit: int, after: str | None, order: str, context: RequestContext
    ) -> Page[ThreadMetadata]:
        rows, has_more = await db_step(
            selectors.thread_page,
            user_id=context.user_id,
            after=after,
            limit=limit,
            order="asc" if order == "asc" else "desc",
        )
        data = [
            ThreadMetadata(
                id=ids.thread_id(row.id), title=row.title or None, created_at=row.created_at
            )
            for row in rows
        ]
        return Page(data=data, has_more=has_more, after=data[-1].id if has_more else None)

    async def delete_thread(self, thread_id: str, context: RequestContext) -> None:
        await db_step(
            services.thread_delete,
            user_id=context.user_id,
            conversation_id=ids.conversation_id(thread_id),
        )

    async def load_thread_items(
        self, thread_id: str, after: str | None, limit: int, order: str, context: RequestContext
    ) -> Page[ThreadItem]:
        items, has_more = await db_step(
            selectors.item_page,
            user_id=context.user_id,
            conversation_id=ids.conversation_id(thread_id),
            after=after,
            limit=limit,
            order="asc" if order == "asc" else "desc",
        )
        return Page(data=items, has_more=has_more, after=items[-1].id if has_more else None)

    async def load_item(self, thread_id: str, item_id: str, context: RequestContext) -> ThreadItem:
        return await db_step(
            selectors.item_get,
            user_id=context.user_id,
            conversation_id=ids.conversation_id(thread_id),
            item_id=item_id,
        )

    async def add_thread_item(
        self, thread_id: str, item: ThreadItem, context: RequestContext
    ) -> None:
        await db_step(
            services.item_add,
            user_id=context.user_id,
            conversation_id=ids.conversation_id(thread_id),
            item=item,
        )

    async def save_item(self, thread_id: str, item: ThreadItem, context: RequestContext) -> None:
        await db_step(
            services.item_save,
            user_id=context.user_id,
            conversation_id=ids.conversation_id(thread_id),
            item=item,
        )

    async def delete_thread_item(
        self, thread_id: str, item_id: str, context: RequestContext
    ) -> None:
        await db_step(
            services.item_delete,
            user_id=context.user_id,
            conversation_id=ids.conversation_id(thread_id),
            item_id=item_id,
            keep_turn=context.retried_turn,
        )

    async def save_attachment(self, attachment: Attachment, context: RequestContext) -> None:
        raise AttachmentsNotSupported("Attachments are not supported.")

    async def load_attachment(self, attachment_id: str, context: RequestContext) -> Attachment:
        raise AttachmentsNotSupported("Attachments are not supported.")

    async def delete_attachment(self, attachment_id: str, context: RequestContext) -> None:
        raise AttachmentsNotSupported("Attachments are not supported.")
