"""Reading tool results as the model receives them (JSON text, MCP text parts, or errors)."""

from __future__ import annotations

import ast
import json
from dataclasses import dataclass
from typing import Any

_SUCCESS_STATUS = {
    "add_task": ("created", "exists"),
    "complete_task": ("completed",),
    "delete_task": ("deleted",),
    "update_task": ("updated",),
}


@dataclass(frozen=True)
class ToolStep:
    """One function call and its output (None if none arrived)."""

    name: str
    arguments: dict[str, Any]
    output: str | None


def _parse_object(text: str) -> dict[str, Any] | None:
    """Parse a tool output into a dict, unwrapping MCP text parts and ``{"result": {...}}``."""
    text = text.strip()
    if not text.startswith("{"):
        return None
    try:
        value = json.loads(text)
    except ValueError:
        # A function tool returning a dict reaches the model as its Python repr.
        try:
            value = ast.literal_eval(text)
        except (ValueError, SyntaxError):
            return None
    if not isinstance(value, dict):
        return None
    if value.get("type") == "text" and isinstance(value.get("text"), str):
        return _parse_object(value["text"])
    if set(value) == {"result"} and isinstance(value["result"], dict):
        return value["result"]
    return value


def _error_text(output: str | None, data: dict[str, Any] | None) -> str:
    if data:
        for key in ("error", "detail", "message"):
            if isinstance(data.get(key), str) and data[key].strip():
                return data[key].strip()
    return " ".join((output or "").split())[:500]


def read_result(step: ToolStep) -> tuple[dict[str, Any] | None, str | None]:
    """``(data, None)`` for the expected success JSON, else ``(None, error text)``."""
    data = _parse_object(step.output) if step.output is not None else None
    if data is not None:
        if step.name == "list_tasks" and isinstance(data.get("tasks"), list):
            return data, None
        expected = _SUCCESS_STATUS.get(step.name)
        if expected and data.get("status") in expected and data.get("task_id") is not None:
            return data, None
    return None, _error_text(step.output, data)


def listed_tasks(data: dict[str, Any]) -> list[dict[str, Any]]:
    """The well-formed task items of a list_tasks result."""
    return [
        task
        for task in data.get("tasks", [])
        if isinstance(task, dict)
        and isinstance(task.get("id"), int)
        and isinstance(task.get("title"), str)
    ]
