"""Showing people's input back to them in error messages."""

from __future__ import annotations

import json
from typing import Any

QUOTED_MAX = 60


def cut(text: str) -> str:
    """`text` cut short so a long input keeps the message short: at most `QUOTED_MAX`
    characters, the last an ellipsis when cut."""
    if len(text) > QUOTED_MAX:
        return text[: QUOTED_MAX - 1] + "…"
    return text


def spelled(value: Any) -> str:
    """`value` as the client wrote it: text as it is, anything else in JSON's spelling (`true`,
    `null`, `{"a": 1}`), since every input comes as JSON and Python's `True` or `None` is no
    word the client used."""
    if isinstance(value, str):
        return value
    try:
        return json.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError):
        return repr(value)


def quoted(value: Any) -> str:
    """`value` quoted for an error message, cut short so a long input keeps the message short."""
    return repr(cut(spelled(value)))
