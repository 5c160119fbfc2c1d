"""ChatKit ids for conversations and messages, all decided by the database.

- A thread is a conversation: `thr_<conversation id>`.
- A message's item id is its `public_id` when ChatKit announced one before the row existed (a
  user message is shown before the turn stores it), else `msg_<message id>`.
- Each tool call of an assistant message is shown as its own item, `<message item id>.tool<n>`.

Nothing maps ids in process memory: any replica resolves any id with one query.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass

from django.db.models import Q

from todochat.errors import NotFoundError
from todochat.rows import BIGINT_MAX

# Whole ids of ASCII digits only: `int()` would read "thr_١" (an Arabic-Indic one) as thread 1,
# and `$` would let "thr_1\n" through. No leading zero: "thr_017" is not thread 17's id (a
# client would hold two ids for one thread, and get the one it sent echoed back).
_THREAD = re.compile(r"thr_([1-9][0-9]{0,18})")
_MESSAGE = re.compile(r"msg_([1-9][0-9]{0,18})")
_TOOL_SEPARATOR = ".tool"
_PREFIXES = {
    "message": "msg",
    "tool_call": "tc",
    "task": "tsk",
    "workflow": "wf",
    "attachment": "atc",
    "sdk_hidden_context": "shcx",
}


def thread_id(conversation_id: int) -> str:
    """The ChatKit thread id of a conversation."""
    return f"thr_{conversation_id}"


# How much of an id an error message repeats: the id a client sent may be as long as the body.
_SHOWN_LENGTH = 80


def shown(item_id: str) -> str:
    """An id as an error message names it: cut short with "…" past `_SHOWN_LENGTH`."""
    return item_id if len(item_id) <= _SHOWN_LENGTH else f"{item_id[:_SHOWN_LENGTH]}…"


def thread_not_found(thread: str) -> NotFoundError:
    """The error for a thread that is missing or not the user's (ChatKit clients know a thread
    by its thread id, never by its conversation's number)."""
    return NotFoundError(f"Thread {shown(thread)} not found")


def item_not_found(item_id: str) -> NotFoundError:
    """The error for an item that is missing or not in the user's thread."""
    return NotFoundError(f"Item {shown(item_id)} not found")


def conversation_id(thread: str) -> int:
    """The conversation a ChatKit thread id names; anything else is a thread that does not exist."""
    match = _THREAD.fullmatch(thread)
    if match is None or int(match[1]) > BIGINT_MAX:
        raise thread_not_found(thread)
    return int(match[1])


def new_item_id(item_type: str) -> str:
    """A fresh item id for an item ChatKit announces before it is stored (`msg_<32 hex>`): it
    can never look like a derived `msg_<message id>`, which has at most 19 digits."""
    return f"{_PREFIXES.get(item_type, 'itm')}_{uuid.uuid4().hex}"


def message_item_id(*, pk: int, public_id: str | None) -> str:
    """The item id of a message row."""
    return public_id or f"msg_{pk}"


def tool_item_id(message_item: str, index: int) -> str:
    """The item id of the `index`th tool call of an assistant message."""
    return f"{message_item}{_TOOL_SEPARATOR}{index}"


@dataclass(frozen=True)
class ItemRef:
    """Which row an item id names, and which of its tool calls (None: the message itself)."""

    message: str
    tool_index: int | None = None

    @classmethod
    def parse(cls, item_id: str) -> ItemRef:
        head, separator, tail = item_id.rpartition(_TOOL_SEPARATOR)
        if separator and tail.isascii() and tail.isdigit() and len(tail) <= 4:
            return cls(head, int(tail))
        return cls(item_id)

    def row_filter(self) -> Q:
        """The row this id names (to be combined with the user's conversation)."""
        match = _MESSAGE.fullmatch(self.message)
        if match is not None and int(match[1]) <= BIGINT_MAX:
            return Q(public_id=self.message) | Q(public_id__isnull=True, pk=int(match[1]))
        return Q(public_id=self.message)
