"""Reminders: "remind me to X <when>" (a new task that reminds when it's due), a reminder set on
a task ("an hour before", "at 9pm"), snoozed or cleared."""

from __future__ import annotations

import re
from dataclasses import replace

from tasks.relative_dates import WORD_NUMBERS

from ..intents import Intent
from ..text import FLAGS, strip_quotes
from .adding import _add
from .changes import _by_id_or_ref
from .patterns import _ID

_OFFSET = (
    r"(?:(?:(?:an?|one|half\s+an|\d+)\s+(?:minutes?|mins?|hours?|days?|weeks?)"
    r"|an?\s+hour\s+and\s+a\s+half|(?:a\s+couple\s+of|a\s+few)\s+(?:minutes|hours|days|weeks)"
    r"|(?:an?\s+)?quarter\s+(?:of\s+an\s+)?hour)"
    r"\s+(?:before|earlier|early|ahead)"
    r"|the\s+(?:day|night|evening|afternoon|morning)\s+before(?:\s+at\s+\S+(?:\s*(?:am|pm))?)?"
    r"|(?:on\s+)?the\s+(?:morning|afternoon|evening|night)\s+of|that\s+(?:morning|afternoon|evening)"
    r"|on\s+the\s+day(?:\s+at\s+\S+(?:\s*(?:am|pm))?)?|when\s+it'?s\s+due)"
)


def reminder_phrase(said: str) -> str:
    """ "an hour before" → "1 hour before" (the tools' wording); other phrases as said."""
    text = " ".join(said.lower().split())
    text = re.sub(r"^half an hour before$", "30 minutes before", text)
    text = re.sub(r"^(?:an?|one)\s+(?!couple\b|few\b|quarter\b)", "1 ", text)
    return re.sub(r"\bmins?\b", "minutes", text)


def _remind_offset(match: re.Match[str], _text: str) -> Intent:
    """ "remind me an hour before": a reminder on the task the conversation is about."""
    reminder = reminder_phrase(match["offset"])
    if match.groupdict().get("id") or match.groupdict().get("ref"):
        return _by_id_or_ref("update", match, reminder=reminder)
    return Intent("update", pronoun=True, reminder=reminder)


def _remind_at(match: re.Match[str], _text: str) -> Intent:
    """ "remind me about task 3 at 9pm tonight"."""
    when = " ".join(match["when"].split())
    if not re.fullmatch(r"at\s+\d{1,2}", when, FLAGS):
        # "at 9pm" as "9pm"; a bare hour keeps its "at" ("at 8" is 8:00, "8" alone is no time).
        when = re.sub(r"^at\s+", "", when, flags=FLAGS)
    return _by_id_or_ref("update", match, reminder=when)


_SNOOZE_UNITS = {"min": "minutes", "mins": "minutes", "hr": "hours", "hrs": "hours"}
_SNOOZE_MINUTES = {"minute": 1, "hour": 60, "day": 24 * 60}


def _snooze(match: re.Match[str], _text: str) -> Intent:
    """ "snooze the oven reminder for 10 minutes", "snooze it until tomorrow morning": the
    task's reminder set for then ("in 10 minutes", as the tools read a reminder)."""
    minutes = 0
    if match["when"]:
        reminder = " ".join(match["when"].split())
    else:
        amount, unit = match["amount"].lower(), match["unit"].lower()
        if amount == "half an":
            amount, unit = "30", "minutes"
        elif not amount.isdigit():
            amount = str(WORD_NUMBERS.get(amount, 1))
        unit = _SNOOZE_UNITS.get(unit, unit)
        reminder = f"in {amount} {unit.rstrip('s')}{'' if amount == '1' else 's'}"
        minutes = int(amount) * _SNOOZE_MINUTES[unit.rstrip("s")]
    number = re.fullmatch(rf"(?:the\s+)?{_ID}(?:'s)?(?:\s+reminder)?", match["ref"], FLAGS)
    if number:
        return Intent("update", task_id=int(number["id"]), reminder=reminder, snooze=minutes)
    return _by_id_or_ref("update", match, reminder=reminder, snooze=minutes)


# The reminder "remind me to X <when>" implies: at the due time, on every occurrence.
REMINDER_WHEN_DUE = "when it's due"


# "remind me to call mom at 5pm, an hour before": the reminder said after the task.
_TRAILING_OFFSET = re.compile(rf"\s*(?:,\s*|\s+and\s+|\s+)(?P<offset>{_OFFSET})$", FLAGS)


def with_reminder(intent: Intent, reminder: str) -> Intent:
    """`intent` (an add of one task) adding its task with `reminder`."""
    return replace(
        intent, reminder=reminder, extras=(replace(intent.extras[0], reminder=reminder),)
    )


def _remind_to(match: re.Match[str], text: str) -> Intent:
    """ "remind me to call mom at 5pm", "remind me to call mom every monday": the task, due then
    (a repeating one: on its first day), with a reminder when it's due — which the tools move
    to each next occurrence ("… by friday" is a deadline: no reminder); "…, an hour before":
    with that reminder."""
    offset = _TRAILING_OFFSET.search(match["rest"])
    if offset is not None:
        rest = match["rest"][: offset.start()]
        said = f"remind me to {rest}"
        intent = _remind_to(re.match(r"remind me to (?P<rest>.+)", said, FLAGS), said)  # type: ignore[arg-type]
        if intent.kind == "add" and len(intent.extras) == 1 and intent.due:
            return with_reminder(intent, reminder_phrase(offset["offset"]))
        if intent.kind == "add" and len(intent.extras) == 1 and not intent.recurrence:
            # "remind me to call mom an hour before" with no time said: an offset needs a due
            # date, so it is about a task already on the list (as "set a reminder for call mom
            # an hour before"), not a new task named "Call mom an hour before".
            named = re.fullmatch(r"(?P<ref>.+)", rest.strip(), FLAGS)
            if named is not None:
                return _by_id_or_ref("update", named, reminder=reminder_phrase(offset["offset"]))
    intent = _add(match, text)
    if intent.kind != "add" or len(intent.extras) != 1 or not (intent.due or intent.recurrence):
        return intent
    if intent.due:
        deadline = rf"\b(?:by|before|due(?:\s+(?:on|by|at))?)\s+{re.escape(intent.due)}\b"
        if re.search(deadline, text, FLAGS):
            return intent
    return with_reminder(intent, REMINDER_WHEN_DUE)


def _remind_about(match: re.Match[str], text: str) -> Intent:
    """ "remind me about the report tomorrow at 9": a reminder on the task it names, found as a
    name is; when no task is named so, that task, due then, with a reminder when it's due."""
    intent = _remind_at(match, text)
    if intent.ref is None:
        return intent
    said = f"remind me to {strip_quotes(match['ref'])} {match['when']}"
    new = _remind_to(re.match(r"remind me to (?P<rest>.+)", said, FLAGS), said)  # type: ignore[arg-type]
    return replace(intent, otherwise=new if new.kind == "add" else None)


def _remind_when_first(match: re.Match[str], _text: str) -> Intent:
    """ "remind me tomorrow at 9 to call the bank", "every day at 8am remind me to take my
    pills": as "remind me to call the bank tomorrow at 9", "… to take my pills every day at
    8am"."""
    said = f"remind me to {match['rest']} {match['when']}"
    return _remind_to(re.match(r"remind me to (?P<rest>.+)", said, FLAGS), said)  # type: ignore[arg-type]


def _clear_reminder(match: re.Match[str], _text: str) -> Intent:
    ref = (match.groupdict().get("ref") or "").strip().lower()
    if ref in ("the", "its", "it", "this", "that", "my") or not (
        ref or match.groupdict().get("id")
    ):
        # "delete the reminder", "remove its reminder": of the task just talked about.
        return Intent("update", pronoun=True, reminder="")
    return _by_id_or_ref("update", match, reminder="")
