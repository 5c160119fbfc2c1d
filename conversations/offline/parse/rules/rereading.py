"""Builders that read part of a message again through the whole table ("tomorrow I need to
X", "delete all but milk", "I want to X", "the milk is bought"), and ``_parse``, the table read
in order (first match wins)."""

from __future__ import annotations

import re
from dataclasses import replace

from ...intents import Intent
from ...phrasings import (
    ACTION_VERBS,
    ORDINALS,
    PRONOUNS,
    REQUEST_VERBS,
)
from ...text import FLAGS
from ..adding import _add, _add_text, _names_tasks
from ..attributes import priority_of
from ..bulk import numbers_of
from ..patterns import (
    _ID,
    clean_ref,
)
from .vocabulary import _ASKING, _EDITING_VERBS, _PAIR


def _set_priorities(_match: re.Match[str], text: str) -> Intent | None:
    """ "set task 1 to high and task 2 to low": each number with its own priority (a number said
    twice is no request to guess at)."""
    pairs = tuple((int(pair["id"]), priority_of(pair["level"])) for pair in _PAIR.finditer(text))
    if len({task_id for task_id, _ in pairs}) != len(pairs):
        return None
    return Intent("update", priorities=pairs, text=text)


def _deed_said_done(match: re.Match[str], _text: str) -> Intent | None:
    """ "the milk is bought": read as "I bought the milk" (a completion, or nothing)."""
    intent = _parse(f"I {match['deed']} {match['ref']}")
    return intent if intent.kind == "complete" else None


def _back_to(match: re.Match[str], _text: str) -> Intent | None:
    """ "change it back to high", "set task 3 back to low": read as said without "back" — a
    change of one task's priority or due date, nothing else."""
    intent = _parse(f"{match['verb']} {match['target']} to {match['rest']}")
    if intent.kind == "reschedule" or (intent.kind == "update" and intent.priority is not None):
        return intent
    return None


def _when_first(match: re.Match[str], _text: str) -> Intent | None:
    """ "tomorrow I need to call the bank", "on friday: pick up the dry cleaning": a new task
    with that when, if the rest is one said with it at the end."""
    said = f"{match['rest']} {match['when']}"
    intent = _parse(said)
    return intent if intent.kind == "add" and intent.due else None


def _standalone(match: re.Match[str], text: str) -> Intent | None:
    """A task said with its when ("water plants every day", "call mom tomorrow at 5pm").

    Only when the rest is no other request and starts with a verb ("call", "pay") or, after
    "by"/"on"/"due", is not a question; otherwise the next rule decides."""
    rest = match["rest"]
    if _parse(rest).kind != "unknown":
        return None
    first = rest.split()[0].lower()
    if first in _EDITING_VERBS and re.search(
        rf"\s(?:to|until|till)(?:\s|$)|\b(?:it|that|this)\b|(?:^|\s){_ID}\b", rest, FLAGS
    ):
        # "update the dentist to 4pm", "move task 1 to sometime next week" ask to change a task
        # (a when the tools may not read); "update my resume by friday" is a new one.
        return None
    prep = (match.groupdict().get("prep") or "").strip().lower()
    if _ASKED_OF_SOMEONE.match(rest):
        # "do I have gym today", "do we need milk tomorrow": a question, never a task.
        return None
    if first in ACTION_VERBS:
        # A when does not make "pay it by friday" a new task: "it" is one already listed.
        intent = _add_text(text)
        if intent.kind == "add" and _names_tasks(intent):
            return None
        if (
            first in REQUEST_VERBS
            and intent.kind == "add"
            and not (intent.due or intent.recurrence)
        ):
            # "do the passport next month": a when kept in the title is no when, and these
            # verbs need one to be a new task.
            return None
        return _said_without_add(intent, text)
    if prep in ("by", "on", "due") and not _ASKING.match(rest):
        return _said_without_add(_add_text(text), text)
    return None


_ASKED_OF_SOMEONE = re.compile(r"^\S+\s+(?:i|we|you|u|they)\b", FLAGS)


def _said_without_add(intent: Intent, text: str) -> Intent:
    """A new task said without "add" ("clean the garage tomorrow"): a twin already pending is
    told (and its due date offered) rather than added again."""
    return replace(intent, implied=True, text=text) if intent.kind == "add" else intent


def _repeating_first(match: re.Match[str], _text: str) -> Intent | None:
    """ "every 2 weeks water the cactus": a new task repeating so, if the rest is one said with
    the recurrence at the end."""
    intent = _parse(f"{match['rest']} {match['rec']}")
    return intent if intent.kind == "add" and intent.recurrence else None


def _repeating(match: re.Match[str], text: str) -> Intent | None:
    """ "every monday: take out the bins"."""
    if _parse(match["rest"]).kind != "unknown":
        return None
    return _add_text(text)


def _except(match: re.Match[str], _text: str) -> Intent | None:
    """ "delete all but milk": the bulk action the head asks for, leaving out what the rest
    names; a range less the numbers named ("complete 1-5 except 3"). Anything else is read as
    before."""
    head = _parse(match["head"])
    if head.kind != "bulk" or (head.task_ids and not head.span):
        return None
    keep = clean_ref(match["keep"])
    if head.task_ids:
        numbers = numbers_of(keep)
        if numbers is None or numbers.too_many:
            return None
        ids = tuple(task_id for task_id in head.task_ids if task_id not in numbers.ids)
        return replace(head, task_ids=ids) if ids else None
    if not keep or keep.lower() in PRONOUNS:
        return None
    return replace(head, keep=(keep,))


def _wish(match: re.Match[str], text: str) -> Intent:
    """ "I want to add milk" is "add milk"; "I want to buy milk" is a task."""
    intent = _parse(match["rest"])
    return _add(match, text) if intent.kind in ("unknown", "choose", "yes", "no") else intent


def _wished_request(match: re.Match[str], _text: str) -> Intent | None:
    """ "i want delete the rent" (no "to"): the request the rest makes, if it makes one."""
    intent = _parse(match["rest"])
    return None if intent.kind in ("unknown", "choose", "yes", "no", "thanks") else intent


def _choose(match: re.Match[str], text: str) -> Intent:
    # With the words said: an answer to no question is told back as said (not as "that").
    if match.groupdict().get("id"):
        return Intent("choose", task_id=int(match["id"]), text=text)
    return Intent("choose", choice=ORDINALS[match["ordinal"].lower()], text=text)


def _need_to(match: re.Match[str], text: str) -> Intent:
    """ "I need to call the bank": a new task — unless it names tasks already listed ("I need
    to finish task 2", "I have to do it": no task "Finish task 2" is added)."""
    intent = _add(match, text)
    if intent.kind == "add" and _names_tasks(intent):
        return Intent("unknown", text=text)
    return intent


def _priorities_by_name(match: re.Match[str]) -> Intent | None:
    """ "set the report to high and the milk to low": asked for one at a time (tasks said by
    number are read by the rule for numbers)."""
    if any(re.search(r"\d", match[name]) for name in ("a", "b")):
        return None
    return Intent(
        "compound",
        text=f"set {match['a']} to {match['p1']} priority\n"
        f"set {match['b']} to {match['p2']} priority",
    )


def _parse(cleaned: str) -> Intent:
    from . import RULES

    for pattern, build in RULES:
        match = pattern.match(cleaned)
        if match:
            intent = build(match, cleaned)
            if intent is not None:
                return intent
    return Intent("unknown", text=cleaned)
