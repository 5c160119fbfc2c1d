"""Showing people's input back to them in error messages."""

from __future__ import annotations

from typing import Any

QUOTED_MAX = 60


def quoted(value: Any) -> str:
    """`value` quoted for an error message, cut short so a long input keeps the message short."""
    text = value if isinstance(value, str) else repr(value)
    if len(text) > QUOTED_MAX:
        text = text[: QUOTED_MAX - 1] + "…"
    return repr(text)
