"""Talking to `POST /api/chatkit` with the ChatKit SDK's own request types."""

from __future__ import annotations

import json
from typing import Any

from asgiref.sync import async_to_sync
from chatkit.types import (
    InferenceOptions,
    ItemFeedbackParams,
    ItemsFeedbackReq,
    ItemsListParams,
    ItemsListReq,
    ThreadAddUserMessageParams,
    ThreadCreateParams,
    ThreadDeleteParams,
    ThreadGetByIdParams,
    ThreadListParams,
    ThreadRetryAfterItemParams,
    ThreadsAddUserMessageReq,
    ThreadsCreateReq,
    ThreadsDeleteReq,
    ThreadsGetByIdReq,
    ThreadsListReq,
    ThreadsRetryAfterItemReq,
    ThreadsUpdateReq,
    ThreadUpdateParams,
    UserMessageInput,
    UserMessageTextContent,
)
from pydantic import BaseModel

URL = "/api/chatkit"


def user_input(text: str, quoted_text: str | None = None) -> UserMessageInput:
    return UserMessageInput(
        content=[UserMessageTextContent(text=text)],
        attachments=[],
        quoted_text=quoted_text,
        inference_options=InferenceOptions(),
    )


def create(text: str, quoted_text: str | None = None) -> ThreadsCreateReq:
    return ThreadsCreateReq(params=ThreadCreateParams(input=user_input(text, quoted_text)))


def add_message(thread_id: str, text: str) -> ThreadsAddUserMessageReq:
    return ThreadsAddUserMessageReq(
        params=ThreadAddUserMessageParams(thread_id=thread_id, input=user_input(text))
    )


def retry(thread_id: str, item_id: str) -> ThreadsRetryAfterItemReq:
    return ThreadsRetryAfterItemReq(
        params=ThreadRetryAfterItemParams(thread_id=thread_id, item_id=item_id)
    )


def list_threads(limit: int | None = None, after: str | None = None, order: str = "desc"):
    return ThreadsListReq(params=ThreadListParams(limit=limit, after=after, order=order))


def get_thread(thread_id: str) -> ThreadsGetByIdReq:
    return ThreadsGetByIdReq(params=ThreadGetByIdParams(thread_id=thread_id))


def list_items(thread_id: str, limit: int | None = None, after: str | None = None, order="asc"):
    return ItemsListReq(
        params=ItemsListParams(thread_id=thread_id, limit=limit, after=after, order=order)
    )


def rename(thread_id: str, title: str) -> ThreadsUpdateReq:
    return ThreadsUpdateReq(params=ThreadUpdateParams(thread_id=thread_id, title=title))


def delete(thread_id: str) -> ThreadsDeleteReq:
    return ThreadsDeleteReq(params=ThreadDeleteParams(thread_id=thread_id))


def feedback(thread_id: str, item_ids: list[str], kind: str) -> ItemsFeedbackReq:
    return ItemsFeedbackReq(
        params=ItemFeedbackParams(thread_id=thread_id, item_ids=item_ids, kind=kind)
    )


def body(request: BaseModel) -> str:
    """A request as ChatKit's client sends it."""
    return request.model_dump_json(exclude_none=True)


def parse_events(raw: bytes | str) -> list[dict[str, Any]]:
    """The `data:` frames of a ChatKit event stream, as JSON."""
    text = raw.decode() if isinstance(raw, bytes) else raw
    return [
        json.loads(frame[len("data: ") :])
        for frame in text.split("\n\n")
        if frame.startswith("data: ")
    ]


async def _read(chunks) -> bytes:
    return b"".join([chunk async for chunk in chunks])


def read_stream(response) -> bytes:
    """A streamed response's body, read to its end."""
    return async_to_sync(_read)(response.streaming_content)


def post(client, request: BaseModel, **headers: str):
    """POST one ChatKit request with a DRF test client; a stream is read to its end."""
    response = client.post(URL, body(request), content_type="application/json", **headers)
    if response.streaming:
        response.events = parse_events(read_stream(response))
    return response


def items_of(events: list[dict[str, Any]], kind: str = "thread.item.done") -> list[dict]:
    return [event["item"] for event in events if event["type"] == kind]
