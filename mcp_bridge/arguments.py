"""How the tools read a number or a boolean argument: JSON's, or the same written as JSON text.

One allowance for every tool, every client and every transport: the value written as JSON text
("3", "true"), as models often send it. Nothing else is guessed: "3.5", "3_000", "yes", or 1 for
true are refused by the tools with the type the argument needs. The server validates with these
(`mcp_bridge.server`); the agent's adapter records a call's arguments as the tool read them.
"""

from __future__ import annotations

import re
from typing import Any

from pydantic_core import PydanticCustomError

_WHOLE_NUMBER_TEXT = re.compile(r"-?[0-9]{1,100}")
_BOOLEAN_TEXT = {"true": True, "false": False}


def whole_number(value: Any) -> Any:
    """A whole-number argument: a JSON integer (`3.0` is one), or the same written as text
    ("3"); anything else as it came, for the validator to refuse. JSON's true and false are no
    numbers (pydantic's lax mode reads them as 1 and 0): `complete_task(task_id=true)` must not
    complete task 1."""
    if isinstance(value, bool):
        raise PydanticCustomError("int_type", "Input should be a valid integer")
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**63:
        return int(value)
    if isinstance(value, str) and _WHOLE_NUMBER_TEXT.fullmatch(value.strip()):
        return int(value.strip())
    return value


def true_or_false(value: Any) -> Any:
    """A boolean argument: JSON's true or false, or the same written as text ("true",
    "False"); anything else ("yes", 1, 0) as it came, for the validator to refuse."""
    if isinstance(value, str):
        return _BOOLEAN_TEXT.get(value.strip().lower(), value)
    return value


def as_read(value: Any, schema: Any) -> Any:
    """`value` as a tool reads it, by the argument's JSON schema (`integer` or `boolean`, or
    either with null); any other value, or one the tool refuses, unchanged."""
    if not isinstance(schema, dict):
        return value
    kinds = {schema.get("type")} | {
        branch.get("type") for branch in schema.get("anyOf", []) if isinstance(branch, dict)
    }
    if "integer" in kinds:
        try:
            return whole_number(value)
        except PydanticCustomError:
            return value
    if "boolean" in kinds:
        return true_or_false(value)
    return value
