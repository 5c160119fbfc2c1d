"""Changes to a task already listed, named by number, name, pronoun or position: complete,
reopen, delete, reschedule, and its title, description, priority, tags and recurrence."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from tasks.relative_dates import WORD_NUMBERS

from ..intents import Intent, IntentKind
from ..phrasings import (
    DONE_VERB_BASES,
    ORDINALS,
    PRONOUNS,
    RECURRENCE_PATTERN,
    WHEN_PATTERN,
)
from ..text import FLAGS, clean_title, strip_quotes
from .adding import _add_text, _names_tasks
from .attributes import (
    _TRAILING_PRIORITY,
    _TRAILING_WHEN,
    _needs_preposition,
    priority_of,
    recurrence_phrase,
    tag_names,
)
from .bulk import bulk_of
from .patterns import _DONE_WORD, _ORDINAL_REF, _PRIORITY, clean_ref

# "task 2", "task #2", "#2", "number 2", "item no. 2": a task by its number.
_NUMBERED_REF = re.compile(
    r"(?:(?:the\s+)?(?:task|item|number|no\.?)\s*(?:no\.?\s*)?#?|#)(?P<id>\d{1,9})", FLAGS
)


def _by_id_or_ref(kind: IntentKind, match: re.Match[str], **fields: Any) -> Intent:
    groups = match.groupdict()
    if groups.get("id"):
        return Intent(kind, task_id=int(groups["id"]), **fields)
    raw = groups.get("ref") or ""
    if kind in ("complete", "delete", "reopen"):
        bulk = bulk_of(strip_quotes(raw), kind)
        if bulk is not None:
            return bulk
    numbered = _NUMBERED_REF.fullmatch(strip_quotes(raw).strip())
    if numbered:
        # "task 2 moved to friday", "#3 is tomorrow": a rule whose pattern names a task by
        # what it is called still gets a task said by its number.
        return Intent(kind, task_id=int(numbered["id"]), **fields)
    ref = clean_ref(raw)
    ordinal = _ORDINAL_REF.fullmatch(ref)
    if ordinal:
        said_task = bool(re.search(r"\b(?:task|item)\b", raw, FLAGS))
        return Intent(
            kind, choice=ORDINALS[ordinal["ordinal"].lower()], ordinal_task=said_task, **fields
        )
    if ref.lower() in PRONOUNS or raw.strip().lower() in PRONOUNS:
        return Intent(kind, pronoun=True, **fields)
    return Intent(kind, ref=ref, **fields)


# "paid the rent for this month": the period a repeating task was done for.
_DONE_FOR = r"for\s+(?:this|the)\s+(?:week|month|year)|for\s+today"
# "I emailed Sarah yesterday": when it was done is not part of the task's name.
_DONE_WHEN = re.compile(
    r"\s+(?:yesterday|today|this\s+(?:morning|afternoon|evening)|last\s+night|earlier(?:\s+today)?"
    rf"|just\s+now|already|finally|at\s+last|{_DONE_FOR})$",
    FLAGS,
)


def _complete(match: re.Match[str], _text: str) -> Intent:
    intent = _by_id_or_ref("complete", match)
    if intent.ref:
        intent = replace(intent, ref=_DONE_WHEN.sub("", intent.ref) or intent.ref)
    said = match.groupdict().get("deed")
    if said:
        intent = replace(intent, deed=DONE_VERB_BASES.get(" ".join(said.lower().split()), ""))
    return intent


def _complete_or_deadline(match: re.Match[str], text: str) -> Intent:
    """ "finish the report" completes it; "finish the report by friday" is a new task with a
    deadline (nobody completes a task "by friday")."""
    ref = match["ref"]
    # "finish the report by friday, it's urgent": the deadline is before the priority.
    trail = _TRAILING_PRIORITY.search(ref)
    if trail and trail.start() > 0:
        ref = ref[: trail.start()]
    when = _TRAILING_WHEN.search(ref)
    if when and when.start() > 0 and (when["prep"] or "").split()[:1] in (["by"], ["before"]):
        intent = _add_text(text)
        # "finish them by friday" names tasks already listed: no new one, and no guess which.
        return Intent("unknown", text=text) if _names_tasks(intent) else intent
    return _complete(match, text)


def _reopen(match: re.Match[str], _text: str) -> Intent:
    return _by_id_or_ref("reopen", match)


def _still_open(match: re.Match[str], _text: str) -> Intent | None:
    """ "the plumber isn't done" reopens that task; "all of them aren't done" is news about
    many tasks, not a request: read as before."""
    intent = _by_id_or_ref("reopen", match)
    return intent if intent.kind == "reopen" else None


def _delete(match: re.Match[str], _text: str) -> Intent:
    intent = _by_id_or_ref("delete", match)
    if intent.kind != "delete" or not match.groupdict().get("ref"):
        return intent
    verb = " ".join(match.string[: match.start("ref")].lower().split())
    return replace(intent, verb=verb)


def _no_longer_needed(match: re.Match[str], _text: str) -> Intent | None:
    """ "never mind the gym", "X is no longer needed": a deletion that asks first. A pronoun, a
    position or "all" ("nevermind that") names no task here: read as before."""
    intent = _by_id_or_ref("delete", match)
    if intent.kind != "delete" or intent.pronoun or intent.choice is not None:
        return None
    return replace(intent, ask=True)


def _got_cancelled(match: re.Match[str], text: str) -> Intent | None:
    """ "the meeting got cancelled": as "never mind the meeting", the news noted (a task "Cancel
    netflix" that "netflix is cancelled" names is asked about as done, not deleted)."""
    intent = _no_longer_needed(match, text)
    return replace(intent, verb="cancelled") if intent is not None else None


def _clear(match: re.Match[str], _text: str) -> Intent:
    return bulk_of(match["ref"], "delete") or Intent("unknown", text=_text)


_WHEN = re.compile(rf"(?:to|for|until|till)?\s*(?P<when>{WHEN_PATTERN})", FLAGS)


def _reschedule(match: re.Match[str], _text: str) -> Intent:
    return _by_id_or_ref("reschedule", match, due=match["when"])


_AMOUNT_WORDS = {"a": 1, "an": 1, "one": 1, "couple": 2, "few": 3, **WORD_NUMBERS}
_UNIT_MINUTES = {"min": 1, "minute": 1, "h": 60, "hr": 60, "hour": 60, "day": 1440, "week": 10080}


def _shift_due(match: re.Match[str], _text: str) -> Intent | None:
    """ "push the dentist back a day", "delay task 3 by 2 hours", "bring it forward 30 minutes",
    "move the meeting an hour later": the task's own due date moved by that span."""
    said = [word for word in match["amount"].lower().split() if word != "of"]
    half = said[0] == "half"
    word = said[-1]
    count = int(word) if word.isdigit() else _AMOUNT_WORDS.get(word)
    unit = match["unit"].lower().rstrip("s") or "h"
    minutes = _UNIT_MINUTES.get(unit)
    if count is None or minutes is None or count < 1:
        return None
    span = minutes // 2 if half else count * minutes
    if match.groupdict().get("and_half"):
        span += minutes // 2
    if span > 366 * 1440:
        return None
    earlier = bool(match.groupdict().get("earlier"))
    return _by_id_or_ref("reschedule", match, shift=-span if earlier else span)


_PRIORITY_PHRASE = (
    rf"(?:(?:a\s+)?(?P<level>{_PRIORITY})(?:[\s-]+priority)?|priority\s+(?P<named>{_PRIORITY}))"
)


def _set_priority(match: re.Match[str], _text: str) -> Intent:
    groups = match.groupdict()
    word = groups.get("level") or groups.get("named") or "high"
    return _by_id_or_ref("update", match, priority=priority_of(word))


# "submit the report by friday, this is urgent": "this" is the task being said, not one to find;
# "which is urgent?" asks.
_NOT_NAMED = re.compile(r"[,.;–—-]\s*(?:it|this|that)$|^(?:which|what)(?:\s+ones?)?$", FLAGS)


def _named_is_urgent(match: re.Match[str], text: str) -> Intent | None:
    """ "the dentist is urgent" raises that task; "X, it is urgent" is X said with a priority;
    "which is urgent" is a list."""
    if _NOT_NAMED.search(match["ref"]):
        return None
    return _set_priority(match, text)


def _move_to_tag(match: re.Match[str], _text: str) -> Intent | None:
    """ "move the report to #work": the task's tags become the one named."""
    tags = tag_names(match["tag"])
    if len(tags) != 1:
        return None
    return _by_id_or_ref("update", match, tags=tags, retag=True)


def _move_to_known_tag(match: re.Match[str], text: str) -> Intent | None:
    """ "move the report to work": a move to a tag already in use (the task's tags become it)."""
    tag = match["tag"].lower()
    if tag in ("it", "them", "that", "this", "list", "top", "bottom", "done", "later", "next"):
        return None
    intent = _by_id_or_ref("update", match, tags=(tag,), retag=True)
    if intent.kind != "update" or intent.pronoun or intent.choice is not None or not intent.ref:
        return None
    return replace(intent, verb="known_tag", text=text)


_SKIP_PERIODS = {"this week": "week", "today": "today", "tonight": "today", "tomorrow": "tomorrow"}


def _skip(match: re.Match[str], _text: str) -> Intent | None:
    """ "skip this week's gym", "skip the gym today", "skip task 3": one occurrence of that
    repeating task, completed so that it moves on."""
    groups = match.groupdict()
    said = " ".join((groups.get("period") or groups.get("period2") or "").lower().split())
    said = re.sub(r"^(?:for|just)\s+|(?:'s|’s)$", "", said)
    said = re.sub(r"^the\s+week$", "this week", said)
    return _by_id_or_ref("complete", match, skip=_SKIP_PERIODS.get(said, ""))


def _no_longer_important(match: re.Match[str], _text: str) -> Intent | None:
    """ "the report is not important anymore": that task drops to low priority."""
    ref = match.groupdict().get("ref") or ""
    if (
        "," in ref
        or ";" in ref
        or _NOT_NAMED.search(ref)
        or re.match(r"(?:which|what|who|any|anything|nothing)\b", ref, FLAGS)
    ):
        return None
    return _by_id_or_ref("update", match, priority="low")


def _shift_priority(match: re.Match[str], _text: str) -> Intent:
    """ "raise the priority of task 3": one step up from its own (low → medium); "lower …":
    one step down."""
    raised = match["shift"].lower().split()[0] in ("raise", "increase", "bump")
    return _by_id_or_ref("update", match, priority_step=1 if raised else -1)


def _add_tags(match: re.Match[str], _text: str) -> Intent:
    tags = tag_names(strip_quotes(match["tags"]))
    if not tags:
        return Intent("unknown", text=_text)
    return _by_id_or_ref("update", match, tags=tags)


def _remove_tags(match: re.Match[str], text: str) -> Intent:
    raw = match["tags"] or match["tags2"] or match["tags3"]
    tags = tag_names(strip_quotes(raw))
    if tags in (("the",), ("its",), ("that",)):
        # "remove the tag from the milk": its one tag (several: which one is asked).
        return _by_id_or_ref("update", match, untag_all=True, verb="one_tag")
    if not tags:
        return Intent("unknown", text=text)
    return _by_id_or_ref("update", match, untags=tags)


def _remove_all_tags(match: re.Match[str], _text: str) -> Intent:
    return _by_id_or_ref("update", match, untag_all=True)


def _set_due(match: re.Match[str], _text: str) -> Intent:
    return _by_id_or_ref("reschedule", match, due=" ".join(match["when"].split()))


_REPEATS = re.compile(r"\b(?:repeats?|recurs?|recurring|every|each)\b", FLAGS)


def _complete_asked(match: re.Match[str], text: str) -> Intent | None:
    """ "call mom done": a completion of the task named, after a yes."""
    intent = _by_id_or_ref("complete", match)
    if intent.kind != "complete" or intent.ref is None:
        return None
    return replace(intent, ask=True)


def _make_due(match: re.Match[str], text: str) -> Intent | None:
    """ "make the dentist thursday": a task already listed moving, or a new task ("make the bed
    tomorrow"); which is not for a guess, so a task it names is moved after a yes, and with no
    task named so it is added."""
    if _REPEATS.search(text):
        return None  # how a task repeats is another rule's ("make the bins repeat every tuesday")
    intent = _set_due(match, text)
    new = _add_text(text)
    return replace(intent, ask=True, otherwise=new if new.kind == "add" else None)


def _clear_due(match: re.Match[str], _text: str) -> Intent:
    return _by_id_or_ref("reschedule", match, due="")


def _add_tags_named(match: re.Match[str], text: str) -> Intent:
    """ "add the tag work to task 3", "add #work to the dentist": only with "tag" or "#"."""
    raw = match["tags"] or match["tags2"] or match["tags3"]
    tags = tag_names(strip_quotes(raw))
    if match.groupdict().get("id"):
        return (
            Intent("update", task_id=int(match["id"]), tags=tags)
            if tags
            else Intent("unknown", text=text)
        )
    ref = clean_ref(match["ref"])
    if not tags or not ref:
        return Intent("unknown", text=text)
    return Intent("update", ref=ref, tags=tags)


# Words that only soften a when: "move it to sometime tomorrow" is "tomorrow".
_FILLER_WHEN = r"(?:sometime|some\s+time|anytime|any\s+time|later)"
_DATED_TITLE = rf"(?P<rest>.+?)[\s,]+(?:(?:by|on|due|for)\s+)?(?P<when>{WHEN_PATTERN})"


_SHIFT_OR_MEAL = (
    r"(?:an?|one|\d+|two|three)\s+(?:minutes?|hours?|days?|weeks?|months?)\s+(?:later|earlier)"
    r"|(?:the\s+)?(?:following|next|previous)\s+(?:day|week|month)|(?:the\s+)?day\s+(?:after|before)"
    r"|(?:after|before)\s+(?:lunch|dinner|breakfast|work|school)|lunch(?:\s*time)?|dinner(?:\s*time)?"
)


# A second request after a new title: "… and make it high priority", ", due friday", "… #work".
_TWO_REQUESTS = re.compile(
    r"(?:,|\band)\s+(?:make|tag|set|move|mark|change|add|remind|give|put|due|label|call|rename)\b"
    r"|\bit\s+(?:high|low|medium|urgent)\b|(?:^|\s)[#!]\w",
    FLAGS,
)


def _update_title(match: re.Match[str], text: str) -> Intent:
    priority = re.fullmatch(_PRIORITY_PHRASE, match["title"].strip(), FLAGS)
    if priority:
        # "Set task 3 to high priority" changes its priority, not its title.
        word = priority["level"] or priority["named"]
        return _by_id_or_ref("update", match, priority=priority_of(word))
    when = _WHEN.fullmatch(match["title"].strip())
    if when:
        # "Change the meeting to tomorrow" moves it; it never renames it "Tomorrow".
        return _by_id_or_ref("reschedule", match, due=when["when"])
    repeat = re.fullmatch(
        rf"(?:(?:to\s+)?(?:repeat|recur)\s+)?(?P<rec>{RECURRENCE_PATTERN})",
        match["title"].strip(),
        FLAGS,
    )
    if repeat:
        # "Change task 3 to every other week" changes how it repeats, not its title.
        return _by_id_or_ref("update", match, recurrence=recurrence_phrase(repeat["rec"]))
    said = " ".join(match["title"].strip().lower().split())
    part = re.fullmatch(r"(?:the|in\s+the)\s+(morning|afternoon|evening)|(?:at\s+)?night", said)
    if part:
        # "change the meeting to the afternoon": the same day, that part of it (it renamed the
        # task "Team the afternoon").
        return _by_id_or_ref("reschedule", match, due=f"in the {part[1] or 'evening'}")
    hour = re.fullmatch(r"(?:at\s+)?(?P<hour>1[0-2]|0?[1-9])(?:\s*o'?\s*clock)?", said)
    if hour:
        # "change the meeting to 4", "… to 5 o'clock": a time on its day (it renamed the task
        # "4 with Sam"), read as "at 4" is: 1 to 6 in the afternoon, 7 to 12 as said.
        said_hour = int(hour["hour"])
        clock = said_hour + 12 if said_hour <= 6 else said_hour
        return _by_id_or_ref("reschedule", match, due=f"{clock:02d}:00")
    raw = match["title"].strip()
    second = _TWO_REQUESTS.search(raw)
    if second:
        # "rename task 1 to X and make it high priority", "… to Y, due friday": two requests,
        # never one title holding the second (it was stored so, and the second dropped).
        first = text[: text.rfind(raw)] + raw[: second.start()].rstrip(" ,")
        rest = re.sub(r"^(?:,\s*|and\s+)", "", raw[second.start() :].strip(), flags=FLAGS)
        return Intent("compound", text=f"{first}\n{rest}")
    if re.fullmatch(_SHIFT_OR_MEAL, said):
        # "change the meeting to a week later", "… to after lunch": a when the tools can't
        # place from the words alone; never a title.
        return Intent("unknown", text=text)
    title = clean_title(re.sub(r"\s+instead$", "", match["title"].strip(), flags=FLAGS))
    if re.fullmatch(_DONE_WORD, title, FLAGS):
        # "Change task 3 to done" means complete it, not rename it to "Done".
        return _by_id_or_ref("complete", match)
    quoted = re.match(r"[\"'“«]", match["title"].strip())
    if quoted or match.string.split()[0].lower() in ("rename", "retitle"):
        # Said to be a title: taken as said ("rename task 1 to Review monday", "change task 1
        # to 'Call mom tonight'").
        return _by_id_or_ref("update", match, title=title)
    dated = re.fullmatch(_DATED_TITLE, title, FLAGS)
    if dated and not _needs_preposition(dated["when"]):
        rest = dated["rest"].strip()
        if re.fullmatch(_DONE_WORD, rest, FLAGS):
            # "Set task 1 to done tomorrow" is no title, nor clearly a completion.
            return Intent("unknown", text=text)
        if re.fullmatch(_FILLER_WHEN, rest, FLAGS):
            # "Change task 1 to sometime tomorrow" is only a when.
            return _by_id_or_ref("reschedule", match, due=dated["when"])
        # "Change task 1 to call mom tomorrow": the title, and the when as its due date.
        return _by_id_or_ref("update", match, title=clean_title(rest), due=dated["when"])
    if dated or re.match(rf"(?:{_FILLER_WHEN})\b", title, FLAGS):
        # "Change task 1 to sometime next week": a when the tools can't place, never a title.
        return Intent("unknown", text=text)
    said = strip_quotes(re.sub(r"\s+instead$", "", match["title"].strip(), flags=FLAGS))
    return _by_id_or_ref("update", match, title=title, in_title=said.rstrip(".!?,;: "))


def _stop_repeating(match: re.Match[str], _text: str) -> Intent:
    return _by_id_or_ref("update", match, recurrence="")


def _repeat(match: re.Match[str], _text: str) -> Intent:
    return _by_id_or_ref("update", match, recurrence=recurrence_phrase(match["rec"]))


def _clear_description(match: re.Match[str], _text: str) -> Intent:
    return _by_id_or_ref("update", match, description="")


def _clear_priority(match: re.Match[str], _text: str) -> Intent:
    return _by_id_or_ref("update", match, priority="none")


def _update_description(match: re.Match[str], text: str) -> Intent:
    adds = text.split()[0].lower() == "add" if text.split() else False
    return _by_id_or_ref("update", match, description=strip_quotes(match["desc"]), appends=adds)


def _bare(match: re.Match[str], _text: str) -> Intent:
    """ "delete" alone: a request without its task; the reply asks which one."""
    kind = {"done": "complete", "finish": "complete", "remove": "delete"}.get(
        match.group(0).lower(), match.group(0).lower()
    )
    if kind in ("rename", "edit", "change"):
        kind = "update"
    return Intent(kind, ref="")  # type: ignore[arg-type]
