"""Stored messages as ChatKit thread items, and ChatKit input as the turn's message.

A user message is one `user_message` item. An assistant message is one small widget per tool
call ("Added task 4: Buy milk"), then its text as an `assistant_message` item. The tool calls
stay where the chat API keeps them (the message's `tool_calls`), so the model sees them again
on later turns whichever API the conversation is continued through.
"""

from __future__ import annotations

from typing import Any

from chatkit.types import (
    AssistantMessageContent,
    AssistantMessageItem,
    InferenceOptions,
    ThreadItem,
    UserMessageInput,
    UserMessageItem,
    UserMessageTagContent,
    UserMessageTextContent,
    WidgetItem,
)
from chatkit.widgets import DynamicWidgetRoot
from pydantic import TypeAdapter, ValidationError

from ..models import Message
from . import ids

_THREAD_ITEM: TypeAdapter[ThreadItem] = TypeAdapter(ThreadItem)
# What a user message item keeps besides its text (its parts, quoted text, options).
_ITEM_BASE_FIELDS = {"id", "thread_id", "created_at"}


def user_text(item: UserMessageItem | UserMessageInput) -> str:
    """The message the turn stores and the model reads: the text of every part (a tag by its
    text), after the passage the user quoted, if any."""
    parts = [
        part.text
        for part in item.content
        if isinstance(part, UserMessageTextContent | UserMessageTagContent)
    ]
    text = "".join(parts).strip()
    if item.quoted_text:
        # Every line of the passage marked, as Markdown quotes: where it ends stays clear.
        quoted = "\n".join(f"> {line}".rstrip() for line in item.quoted_text.strip().splitlines())
        return f"{quoted}\n\n{text}"
    return text


def user_payload(item: UserMessageItem) -> dict[str, Any]:
    """What is stored of a user message item besides the row's own id, thread and time."""
    return item.model_dump(mode="json", exclude=_ITEM_BASE_FIELDS)


def tool_summary(call: dict[str, Any]) -> str:
    """One line saying what a tool call did, e.g. "Added task 4: Buy milk"."""
    name = str(call.get("name") or "tool")
    result = call.get("result")
    if call.get("is_error"):
        error = result.get("error") if isinstance(result, dict) else result
        return f"{name} failed: {error}"
    if not isinstance(result, dict):
        return f"Ran {name}"
    number, title = result.get("task_id"), result.get("title")
    if name == "add_task" and result.get("status") == "exists":
        return f"Task {number} was already added: {title}"
    verbs = {
        "add_task": "Added",
        "complete_task": "Completed",
        "delete_task": "Deleted",
        "update_task": "Updated",
    }
    if name in verbs:
        return f"{verbs[name]} task {number}: {title}"
    if name == "list_tasks":
        shown = result.get("total", result.get("count", len(result.get("tasks") or [])))
        return f"Listed {shown} task{'' if shown == 1 else 's'}"
    return f"Ran {name}"


def tool_label(name: str) -> str:
    """What a running tool call is doing, e.g. "Adding a task"."""
    labels = {
        "add_task": "Adding a task",
        "list_tasks": "Looking at your tasks",
        "complete_task": "Completing a task",
        "delete_task": "Deleting a task",
        "update_task": "Updating a task",
    }
    return labels.get(name, f"Running {name}")


def tool_widget(call: dict[str, Any]) -> DynamicWidgetRoot:
    """A small card for one tool call."""
    summary = tool_summary(call)
    text: dict[str, Any] = {"type": "Text", "value": summary, "size": "sm"}
    if call.get("is_error"):
        text["color"] = "danger"
    return DynamicWidgetRoot.model_validate({"type": "Card", "size": "sm", "children": [text]})


def message_items(message: Message) -> list[ThreadItem]:
    """The ChatKit items of one stored message, in order (at least one)."""
    item_id = ids.message_item_id(pk=message.pk, public_id=message.public_id)
    thread = ids.thread_id(message.conversation_id)
    base = {"id": item_id, "thread_id": thread, "created_at": message.created_at}
    if message.item_type:
        # Any other item ChatKit asked to keep, as it was given.
        return [_THREAD_ITEM.validate_python({**(message.payload or {}), **base})]
    if message.role == Message.Role.USER:
        if message.payload:
            try:
                return [UserMessageItem.model_validate({**message.payload, **base})]
            except ValidationError:
                pass  # stored by another ChatKit version: the text is what matters
        return [
            UserMessageItem(
                **base,
                content=[UserMessageTextContent(text=message.content)],
                inference_options=InferenceOptions(),
            )
        ]
    items: list[ThreadItem] = [
        WidgetItem(
            id=ids.tool_item_id(item_id, index),
            thread_id=thread,
            created_at=message.created_at,
            widget=tool_widget(call),
            copy_text=tool_summary(call),
        )
        for index, call in enumerate(message.tool_calls or [])
    ]
    if message.content or not items:
        items.append(
            AssistantMessageItem(**base, content=[AssistantMessageContent(text=message.content)])
        )
    return items


def stored_payload(item: ThreadItem) -> dict[str, Any]:
    """An item ChatKit asked to keep that is not a plain message, without its id, thread, time."""
    return item.model_dump(mode="json", exclude=_ITEM_BASE_FIELDS)
