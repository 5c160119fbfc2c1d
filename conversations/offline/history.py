"""Reading the model input: the request of this turn, its tool steps, and the earlier turns.

Earlier turns are read only to understand follow-ups ("yes", "the second", "delete it"): the
conversation's history, with each turn's replayed tool calls, is the only memory there is.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from agents.items import TResponseInputItem

from .results import ToolStep


@dataclass(frozen=True)
class Turn:
    """One user request and the tool steps that followed it."""

    request: str
    steps: list[ToolStep] = field(default_factory=list)


@dataclass(frozen=True)
class ModelInput:
    """The current turn, the finished turns before it, and what makes call ids unique."""

    turn: Turn
    past: list[Turn] = field(default_factory=list)
    user_messages: int = 0
    history_digest: str = ""


def as_dict(item: Any) -> dict[str, Any]:
    """An input item (a dict or an SDK pydantic object) as a plain dict."""
    if isinstance(item, Mapping):
        return dict(item)
    dump = getattr(item, "model_dump", None)
    if callable(dump):
        dumped = dump()
        return dumped if isinstance(dumped, dict) else {}
    return {}


def content_text(content: Any) -> str:
    """Text of a message ``content`` or tool ``output``: a str, one part, or a list of parts."""
    if content is None:
        return ""
    if isinstance(content, str):
        return content
    if isinstance(content, Mapping) or hasattr(content, "model_dump"):
        text = as_dict(content).get("text")
        return text if isinstance(text, str) else ""
    if isinstance(content, list | tuple):
        return "\n".join(text for text in map(content_text, content) if text)
    return str(content)


def _is_user_message(item: Mapping[str, Any]) -> bool:
    return item.get("role") == "user" and item.get("type", "message") == "message"


def _parse_arguments(raw: Any) -> dict[str, Any]:
    if isinstance(raw, Mapping):
        return dict(raw)
    try:
        parsed = json.loads(raw) if isinstance(raw, str) else None
    except ValueError:
        return {}
    return parsed if isinstance(parsed, dict) else {}


def _turn(request: Any, items: list[dict[str, Any]]) -> Turn:
    outputs = {
        item.get("call_id"): content_text(item.get("output"))
        for item in items
        if item.get("type") == "function_call_output"
    }
    steps = [
        ToolStep(
            name=str(item.get("name", "")),
            arguments=_parse_arguments(item.get("arguments")),
            output=outputs.get(item.get("call_id")),
        )
        for item in items
        if item.get("type") == "function_call"
    ]
    return Turn(request=content_text(request), steps=steps)


def read_input(input: str | list[TResponseInputItem], *, past_turns: int = 8) -> ModelInput:
    """Split the input into the last user request with its steps and up to ``past_turns``
    earlier turns (oldest first)."""
    if isinstance(input, str):
        return ModelInput(turn=Turn(request=input), user_messages=1)
    items = [as_dict(item) for item in input]
    starts = [index for index, item in enumerate(items) if _is_user_message(item)]
    if not starts:
        return ModelInput(turn=Turn(request=""))
    user_messages = len(starts)
    starts = starts[-1 - past_turns :]
    ends = [*starts[1:], len(items)]
    turns = [
        _turn(items[start].get("content"), items[start + 1 : end])
        for start, end in zip(starts, ends, strict=True)
    ]
    # The items just before this request carry the earlier turns' call ids, themselves unique:
    # hashing them keeps ids unique across turns without hashing the whole history.
    recent = items[max(0, starts[-1] - 12) : starts[-1]]
    digest = hashlib.sha256(json.dumps(recent, sort_keys=True, default=str).encode()).hexdigest()
    return ModelInput(
        turn=turns[-1],
        past=turns[:-1],
        user_messages=user_messages,
        history_digest=digest,
    )
