"""What the conversation so far leaves open: the earlier turns replayed through ``decide``
(questions are remembered nowhere else)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from ..history import Turn
from ..parse import (
    parse_intent,
)
from ..results import ToolStep, read_result
from .bulk import _THEM, _places
from .next_step import decide
from .steps import TOOLS, Context, Reply, Step, _changed_task

_ANSWERS = frozenset({"yes", "no", "choose", "unknown", "thanks", "more"})


def context(past: list[Turn]) -> Context:
    """Replay the earlier turns to learn what is open now. Pure: history in, context out.

    Only the turns from the last request that stands on its own are replayed: an answer
    ("yes", "the second", "the bank one", "delete it") needs the turn it answers, nothing older.
    """
    intents = [parse_intent(turn.request) for turn in past]
    start = 0
    for index in range(len(intents) - 1, -1, -1):
        answer_like = intents[index].kind in _ANSWERS or intents[index].implied
        # "it", "the second one" point back at what an earlier turn showed: from there.
        # "delete #2" right after a list may ask whether the list's second was meant: the
        # list is replayed too.
        acting = intents[index].kind in ("complete", "delete")
        ref = " ".join((intents[index].ref or "").lower().split())
        # … and "delete them" what was listed or added before it.
        # … and "delete the first and third" the places of a list.
        numbered = acting and (intents[index].task_id or _THEM.fullmatch(ref) or _places(ref))
        if (
            not answer_like
            and not intents[index].pronoun
            and intents[index].choice is None
            and not numbered
        ):
            start = index
            break
    state = Context()
    for turn, intent in zip(past[start:], intents[start:], strict=True):
        step = decide(intent, turn.steps, TOOLS, state)
        asked = state.question.intent.ref if state.question is not None else None
        state = _after(step, turn.steps, state)
        if state.changed is not None:
            state = replace(state, acted_ref=intent.ref or asked)
    return state


def _after(step: Step, steps: list[ToolStep], before: Context) -> Context:
    last = before.last_task
    changed = [done for done in steps if done.name != "list_tasks"]
    for done in changed:
        data, _ = read_result(done)
        if data is None:
            continue
        # A deleted task is no "it"; after several changes at once, "it" could be any of them:
        # it means none.
        unclear = done.name == "delete_task" or len(changed) > 1
        last = None if unclear else _changed_task(data)
    only = read_result(changed[0])[0] if len(changed) == 1 else None
    change = (changed[0].name, only) if only is not None else None
    added = change is not None and change[0] == "add_task"
    moved = change is not None and change[0] == "update_task" and "due" in changed[0].arguments
    completed = [done for done in changed if done.name == "complete_task"]
    together: tuple[int, ...] = ()
    if len(completed) > 1 and len(completed) == len(changed):
        results = [read_result(done)[0] for done in completed]
        together = tuple(data["task_id"] for data in results if data and "task_id" in data)
    # Several tasks added at once are what "the first one" or "delete them" next means.
    results = [read_result(done)[0] for done in changed]
    many_added: tuple[dict[str, Any], ...] = ()
    if len(changed) > 1 and all(done.name == "add_task" for done in changed) and all(results):
        many_added = tuple(_changed_task(data) for data in results if data)
    if isinstance(step, Reply):
        if step.about is not None:
            last = step.about
        shown = step.shown or (step.question.candidates if step.question else ()) or many_added
        if not shown and _kept_in_view(change, before.shown):
            # "complete the third one", then "delete the last one": still that list's last.
            shown = before.shown
        return Context(
            question=step.question,
            last_task=last,
            shown=shown,
            more=step.more,
            done_together=together,
            added=added and last is not None and step.about in (None, last),
            changed=change,
            moved=moved,
        )
    return Context(
        last_task=last,
        done_together=together,
        added=added and last is not None,
        changed=change,
        moved=moved,
    )


def _kept_in_view(
    change: tuple[str, dict[str, Any]] | None, shown: tuple[dict[str, Any], ...]
) -> bool:
    """Whether a list stays the one "the last one" means after `change`: a task of it was
    completed or changed (a deletion leaves the places unclear)."""
    if change is None or change[0] not in ("complete_task", "update_task"):
        return False
    return any(task.get("id") == change[1].get("task_id") for task in shown)
