"""Showing people's input back to them in error messages."""

from __future__ import annotations

from typing import Any

QUOTED_MAX = 60


def cut(text: str) -> str:
    """`text` cut short so a long input keeps the message short: at most `QUOTED_MAX`
    characters, the last an ellipsis when cut."""
    if len(text) > QUOTED_MAX:
        return text[: QUOTED_MAX - 1] + "…"
    return text


def quoted(value: Any) -> str:
    """`value` quoted for an error message, cut short so a long input keeps the message short."""
    return repr(cut(value if isinstance(value, str) else repr(value)))
