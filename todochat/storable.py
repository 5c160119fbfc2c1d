"""What a turn stores, made storable: whatever the model sends, the turn's record can be saved.

PostgreSQL refuses NUL characters (in text and in jsonb), and no database or JSON encoder takes
a lone UTF-16 surrogate; both are replaced by U+FFFD. A number JSON cannot hold (NaN, Infinity:
Python's JSON reader takes them from a model's arguments, no database's JSON does) is stored as
its name, a string. Tool arguments are the model's to choose,
so their strings are cut at `TOOL_ARGUMENT_MAX_CHARS` with a marker saying so, and arguments
that are still longer than `TOOL_ARGUMENTS_MAX_CHARS` in all (thousands of keys, a list of
thousands of tags) keep their shortest values within it and a marker naming what was left out:
10 MB of arguments are not stored, returned in every answer and history page, and replayed to
the model on every later turn. What *ran* is untouched: the tools receive the model's
arguments as sent (and refuse what they must); only the record is cleaned.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

REPLACEMENT = "\ufffd"
# Longer than any argument a tool accepts (titles 200, descriptions 2,000 characters).
TOOL_ARGUMENT_MAX_CHARS = 4000
# A whole call's arguments, as JSON: several times what any call the tools accept needs.
TOOL_ARGUMENTS_MAX_CHARS = 16_000
# The key under which arguments cut as a whole say so.
CUT_KEY = "…"
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def storable_text(text: str) -> str:
    """`text` without NUL characters or lone surrogates (each replaced by U+FFFD)."""
    return _UNSTORABLE.sub(REPLACEMENT, text) if _UNSTORABLE.search(text) else text


def sendable(value: Any) -> Any:
    """JSON-ready `value` with lone surrogates replaced by U+FFFD and numbers JSON cannot hold
    by their names ("NaN", "Infinity"): what can be sent as JSON at all (over MCP, where a NaN
    would arrive as null — "not given" —, to a model). NUL characters stay: they are valid, and
    refused where they must be."""
    if isinstance(value, str):
        return _SURROGATE.sub(REPLACEMENT, value) if _SURROGATE.search(value) else value
    if isinstance(value, dict):
        return {sendable(str(key)): sendable(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [sendable(item) for item in value]
    if isinstance(value, float) and not math.isfinite(value):
        return json.dumps(value)
    return value


def _needs_no_change(value: Any, max_chars: int | None) -> bool:
    """Whether `storable` would leave `value` as it is, found by one pass of the JSON encoder
    (in C) rather than a walk in Python: a listed page of tasks has thousands of strings. A NUL
    shows as its escape, a lone surrogate as itself; no string can be longer than the whole
    text. Anything the encoder does not take as it is (NaN and Infinity included) gets the
    walk."""
    try:
        text = json.dumps(value, ensure_ascii=False, allow_nan=False)
    except (TypeError, ValueError):
        return False
    return (
        "\\u0000" not in text
        and _SURROGATE.search(text) is None
        and (max_chars is None or len(text) <= max_chars)
    )


def storable(value: Any, *, max_chars: int | None = None) -> Any:
    """JSON-ready `value` with every string (keys too) made storable, and, with `max_chars`,
    every string longer than that cut, ending with a marker that says how much was cut."""
    if isinstance(value, (dict, list)) and _needs_no_change(value, max_chars):
        return value
    return _storable(value, max_chars=max_chars)


def _storable(value: Any, *, max_chars: int | None = None) -> Any:
    if isinstance(value, str):
        text = storable_text(value)
        if max_chars is not None and len(text) > max_chars:
            cut = len(text) - max_chars
            text = f"{text[:max_chars]}… [cut: {cut} more characters]"
        return text
    if isinstance(value, dict):
        return {
            storable_text(str(key)): _storable(item, max_chars=max_chars)
            for key, item in value.items()
        }
    if isinstance(value, (list, tuple)):
        return [_storable(item, max_chars=max_chars) for item in value]
    if isinstance(value, float) and not math.isfinite(value):
        return json.dumps(value)  # "NaN", "Infinity" or "-Infinity"
    return value


def storable_tool_call(call: dict[str, Any]) -> dict[str, Any]:
    """A `tool_calls` entry as stored: clean everywhere, arguments capped."""
    return {
        **storable(call),
        "arguments": _capped_arguments(
            storable(call.get("arguments"), max_chars=TOOL_ARGUMENT_MAX_CHARS)
        ),
    }


def _json_length(value: Any) -> int:
    return len(json.dumps(value, ensure_ascii=False))


def _capped_arguments(arguments: Any) -> Any:
    """`arguments` within `TOOL_ARGUMENTS_MAX_CHARS`: an object keeps its shortest entries
    (the user, the zone, a title…) in their order, and says how many were left out."""
    total = _json_length(arguments)
    if total <= TOOL_ARGUMENTS_MAX_CHARS:
        return arguments
    if not isinstance(arguments, dict):
        return f"[cut: arguments of {total} characters]"
    budget = TOOL_ARGUMENTS_MAX_CHARS - 100  # room for the marker
    sizes = {key: _json_length({key: value}) for key, value in arguments.items()}
    kept: set[str] = set()
    for key in sorted(sizes, key=sizes.__getitem__):
        if sizes[key] > budget:
            break
        budget -= sizes[key]
        kept.add(key)
    capped = {key: value for key, value in arguments.items() if key in kept}
    left_out = len(arguments) - len(kept)
    capped[CUT_KEY] = f"[cut: {left_out} more argument{'s' if left_out != 1 else ''}]"
    return capped
