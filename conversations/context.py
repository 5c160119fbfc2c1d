"""The conversation as the model receives it: bounded by a token budget, not only a count.

Replaying history is bounded twice: the last `CHAT_HISTORY_LIMIT` messages are read, and of
those the model gets, newest first, what fits in `CHAT_HISTORY_TOKENS` (estimated as characters
/ 4 of the JSON sent, see `mcp_bridge.model_view`). Earlier tool results are replayed compacted
(a list as its counts and the tasks' numbers, titles and states, with due dates and reminder
times when set), so one big list does not crowd out the rest of the conversation; a message that
no longer fits is dropped, with everything before it. The stored record is never changed: the API
and the admin show every call's whole result.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from mcp_bridge.adapter import HIDDEN_PARAMS
from mcp_bridge.model_view import as_text, replayed_result


def replay_of(
    tool_calls: list[dict[str, Any]] | None, signatures: dict[str, str] | None = None
) -> list[dict[str, Any]] | None:
    """A reply's tool calls as later turns replay them, stored next to the whole record: the
    arguments and the compacted result already as the text the model reads, so reading history
    neither parses whole lists nor serialises them again, and the thought signature Gemini gave
    a call (`signatures`, by call id); None when there are none."""
    if not tool_calls:
        return None
    signatures = signatures or {}
    replay = []
    for call in tool_calls:
        replayed = {
            **call,
            "arguments": _model_arguments(call.get("arguments")),
            "result": as_text(replayed_result(call.get("name", ""), call.get("result"))),
        }
        signature = signatures.get(str(call.get("id")))
        if signature:
            replayed["thought_signature"] = signature
        replay.append(replayed)
    return replay


def _model_arguments(arguments: Any) -> str:
    """A stored call's arguments as the model wrote them: without the enforced `user_id` and
    `timezone`, and verbatim when they were never a JSON object (a call the SDK refused, or
    arguments already replayed as text)."""
    if isinstance(arguments, dict):
        return json.dumps({k: v for k, v in arguments.items() if k not in HIDDEN_PARAMS})
    return arguments if isinstance(arguments, str) else json.dumps(arguments)


def _message_items(message: dict[str, Any]) -> list[dict[str, Any]]:
    """One stored message as model input, replaying a reply's tool calls before its text."""
    if message["role"] == "user":
        return [{"role": "user", "content": message["content"]}]
    items: list[dict[str, Any]] = []
    calls = message.get("tool_calls")
    if isinstance(calls, str):  # as read from the database: parsed for the messages replayed
        calls = json.loads(calls)
    for call in calls or []:
        item = {
            "type": "function_call",
            "call_id": call["id"],
            "name": call["name"],
            "arguments": _model_arguments(call["arguments"]),
        }
        if call.get("thought_signature"):  # Gemini's, sent back with the call it signed
            item["provider_data"] = {"thought_signature": call["thought_signature"]}
        items.append(item)
        items.append(
            {
                "type": "function_call_output",
                "call_id": call["id"],
                # Text already when read from `replay` (both calls then return it as it is).
                "output": as_text(replayed_result(call["name"], call["result"])),
            }
        )
    if message["content"]:
        items.append({"role": "assistant", "content": message["content"]})
    return items


def message_tokens(*, role: str, content: str, calls: list[dict[str, Any]] | None) -> int:
    """A message's size as `history_items` counts it (stored with it, see `recent_history`);
    a reply's `calls` as replayed (`replay_of`)."""
    return _size(_message_items({"role": role, "content": content, "tool_calls": calls}))


# What a wire format adds to an item (Chat Completions wraps each tool call in more JSON).
_ITEM_OVERHEAD_TOKENS = 16


def _json_chars(value: Any) -> int:
    """`value`'s length in JSON, without serialising a string: quoted, with its quotes,
    backslashes and newlines escaped (a tool output is JSON text itself, full of quotes)."""
    if not isinstance(value, str):
        return len(json.dumps(value, ensure_ascii=False))
    return len(value) + 2 + value.count('"') + value.count("\\") + value.count("\n")


def _size(items: list[dict[str, Any]]) -> int:
    # Measured as sent: the items' JSON (keys, values and punctuation).
    chars = sum(len(key) + 6 + _json_chars(value) for item in items for key, value in item.items())
    return (chars + 3) // 4 + _ITEM_OVERHEAD_TOKENS * len(items)


def history_items(messages: Iterable[dict[str, Any]], *, max_tokens: int) -> list[dict[str, Any]]:
    """Stored messages (oldest first) as model input: the newest that fit in `max_tokens`,
    earlier tool results compacted."""
    kept: list[list[dict[str, Any]]] = []
    left = max_tokens
    for message in reversed(list(messages)):
        items = _message_items(message)
        left -= _size(items)
        if left < 0:
            break
        kept.append(items)
    return [item for items in reversed(kept) for item in items]
