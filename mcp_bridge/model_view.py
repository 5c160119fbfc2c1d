"""What the model is shown of a tool's result: bounded, whatever the user's list holds.

The record of a call (the API's `tool_calls`, the admin, the database) keeps the tool's whole
result; the model gets a view of it sized for its context window:

- `model_result`: the result of a call in the current turn. Unchanged when it fits in
  `TOOL_RESULT_MAX_TOKENS`; else a list page's items lose what a model rarely needs (creation and
  update times, empty fields, long descriptions), and if the page still does not fit, its last
  items are left out with an honest note: how many, and how to see them (a smaller `limit`
  pages through all of them).
- `replayed_result`: a call of an earlier turn, as history. A list is replayed as its counts and
  each task's number, title and state, with its due date and reminder time when it has them (so
  "move the second one to 5pm" after "what reminders do I have?" can be resolved from history):
  the model can list again for the rest.

Sizes are estimated, cheaply and deterministically, as characters / 4 (`estimate_tokens`):
close to real tokenizers for English text and JSON, and what a size cap needs.
"""

from __future__ import annotations

import json
from typing import Any

# A list page of the default size (50 tasks) with descriptions fits; 200 rich ones do not.
TOOL_RESULT_MAX_TOKENS = 6000
_DESCRIPTION_MAX_CHARS = 300
# Item fields the model is shown of a task in a long list (others only when set).
_ALWAYS = ("id", "title", "completed")
_WHEN_SET = ("due", "reminder_at", "priority", "tags", "recurrence", "description")
# And of a task in an earlier turn's list (others only when set): what a follow-up names a task
# by ("the second one", "the 5pm one", "the one due friday").
_REPLAYED_WHEN_SET = ("due", "reminder_at")


def estimate_tokens(text: str) -> int:
    """A deterministic estimate of `text`'s size in model tokens (4 characters a token)."""
    return (len(text) + 3) // 4


def as_text(result: Any) -> str:
    """A tool result as the model reads it: an error's text, a string as is, else JSON."""
    if isinstance(result, dict) and set(result) == {"error"}:
        return str(result["error"])
    return result if isinstance(result, str) else json.dumps(result, ensure_ascii=False)


def _is_list(result: Any) -> bool:
    return isinstance(result, dict) and isinstance(result.get("tasks"), list)


def _compact_item(item: Any) -> Any:
    if not isinstance(item, dict):
        return item
    compact = {key: item[key] for key in _ALWAYS if key in item}
    for key in _WHEN_SET:
        value = item.get(key)
        if value in (None, "", [], "none"):
            continue
        if key == "description" and isinstance(value, str) and len(value) > _DESCRIPTION_MAX_CHARS:
            value = f"{value[:_DESCRIPTION_MAX_CHARS]}…"
        compact[key] = value
    return compact


def _with_tasks(result: dict[str, Any], tasks: list[Any], note: str | None) -> dict[str, Any]:
    view = {**result, "tasks": tasks}
    if note is not None:
        view["note"] = note
    return view


def model_result(result: Any, *, max_tokens: int = TOOL_RESULT_MAX_TOKENS) -> Any:
    """`result` (a tool's, JSON-ready) as the model is shown it in the turn that called it:
    itself when it fits in `max_tokens`, else a list page compacted and, if need be, cut short
    with a note saying how many tasks were left out and how to see them."""
    if not _is_list(result):
        return result
    if estimate_tokens(json.dumps(result, ensure_ascii=False)) <= max_tokens:
        return result
    items = [_compact_item(item) for item in result["tasks"]]
    note = "Long list: tasks shown without created/updated times and with descriptions shortened."
    budget = max_tokens * 4 - len(json.dumps(_with_tasks(result, [], note), ensure_ascii=False))
    shown: list[Any] = []
    for item in items:
        budget -= len(json.dumps(item, ensure_ascii=False)) + 2
        if budget < 0:
            break
        shown.append(item)
    left_out = len(items) - len(shown)
    if left_out:
        note = (
            f"…and {left_out} more tasks on this page were not shown (too long to show at "
            f"once): call list_tasks again with the same arguments and limit={max(len(shown), 1)}, "
            "then page with next_cursor, to see them all."
        )
    return _with_tasks(result, shown, note)


def _replayed_item(item: Any) -> Any:
    if not isinstance(item, dict):
        return item
    replayed = {key: item[key] for key in _ALWAYS if key in item}
    replayed.update({key: item[key] for key in _REPLAYED_WHEN_SET if item.get(key)})
    if item.get("recurrence") and item.get("completed_at"):
        # A repeating task done lately: completing it again skips an occurrence, which a
        # follow-up ("I paid the rent" said twice) must be able to tell.
        replayed.update(recurrence=item["recurrence"], completed_at=item["completed_at"])
    return replayed


def replayed_result(name: str, result: Any) -> Any:
    """`result` of an earlier turn's call, as replayed to the model: a list as its counts and
    each task's number, title and state, and its due date and reminder time when set; other
    results as they were."""
    if name != "list_tasks" or not _is_list(result):
        return result
    tasks = [_replayed_item(item) for item in result["tasks"]]
    return _with_tasks(
        result, tasks, "Earlier list, shortened: call list_tasks again for the details."
    )
