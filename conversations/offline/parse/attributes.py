"""What a title carries besides its words — due date, priority, tags, recurrence — pulled off it,
and those words as the tools read them ("urgent" → high, "mondays" → every monday)."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

from ..phrasings import (
    ACTION_VERBS,
    CLOCK,
    EVERY_PART_OF_DAY,
    HOW_OFTEN_PATTERN,
    PRIORITY_WORDS,
    RECURRENCE_PATTERN,
    REQUEST_VERBS,
    VAGUE_WHEN,
    WHEN_PATTERN,
)
from ..text import FLAGS
from .patterns import _DAY_NAMES, _PRIORITY, _TAG

_VERB_WORDS = "|".join(sorted((verb for verb in ACTION_VERBS if verb), key=len, reverse=True))

_TAG_INLINE = re.compile(rf"(?:^|(?<=\s)){_TAG}(?=\s|$)", FLAGS)
_BANG_PRIORITY = re.compile(
    rf"(?:^|(?<=\s))!(?P<prio>{_PRIORITY})(?=\s|$)|(?:^|(?<=\s))!!+(?=\s|$)", FLAGS
)
# ", high priority", " - urgent", ". it's urgent", ", this is a high priority": a clause of its
# own after the title and its when.
_PRIORITY_CLAUSE = (
    r"[\s,;.(–—-]+(?:(?:it'?s|it\s+is|this\s+is|that'?s|that\s+is)\s+)?(?:with\s+|as\s+|at\s+)?"
    rf"(?:(?:a\s+)?(?P<level>{_PRIORITY})[\s-]+priority"
    rf"|priority\s*[:=]?\s*(?P<named>{_PRIORITY})"
    # ", not urgent", ", no rush", "it isn't important": said to be low, never high.
    r"|(?P<low>(?:not|non)[\s-]*(?:very\s+|that\s+|too\s+)?(?:urgent|important)|no\s+(?:rush|hurry)"
    r"|not\s+a\s+priority|(?:it\s+|this\s+)?(?:isn'?t|is\s+not)\s+(?:very\s+|that\s+)?(?:urgent|important))"
    r"|(?P<word>urgent(?:ly)?|important|asap))\)?"
)
_TRAILING_PRIORITY = re.compile(rf"{_PRIORITY_CLAUSE}$", FLAGS)
_LEADING_PRIORITY = re.compile(
    rf"^(?:(?P<level>{_PRIORITY})[\s-]+priority|(?P<word>urgent|important|asap))\s*[:–—-]\s*"
    r"|^(?P<adverb>urgently)\s+"
    # "high priority buy milk": a priority, then a title starting with a task verb.
    rf"|^(?P<said>(?:high|low|medium|top)[\s-]+priority)\s+(?=(?:{_VERB_WORDS})\b)",
    FLAGS,
)
_TRAILING_TAGGED = re.compile(
    # ", tag work" too, after a comma only ("Buy price tag stickers" keeps its words).
    r"(?:[\s,;]+(?:tagged|with\s+(?:the\s+)?tags?)|\s*[,;]\s*tags?|\s+tags?\s*(?=:))\s*:?\s+"
    r"(?:with\s+|as\s+)?"
    r"(?P<tags>#?[^\W\d_][\w-]*(?:\s*(?:,|and|&)\s*#?[^\W\d_][\w-]*)*)$",
    FLAGS,
)
_RECURRENCE = re.compile(rf"(?P<rec>{RECURRENCE_PATTERN})", FLAGS)
_TRAILING_RECURRENCE = re.compile(rf"[\s,]+{_RECURRENCE.pattern}$", FLAGS)
# "gym twice a week", "gym once a week": sent as the recurrence, never kept in the title.
_TRAILING_HOW_OFTEN = re.compile(rf"[\s,]+(?P<rec>{HOW_OFTEN_PATTERN})$", FLAGS)
# "every friday at 4pm": the series, and its time of day (on its day, when it names one).
_TRAILING_TIMED_RECURRENCE = re.compile(
    rf"[\s,]+{_RECURRENCE.pattern}[\s,]+(?:at\s+)?(?P<clock>{CLOCK})$", FLAGS
)
_TRAILING_PART_RECURRENCE = re.compile(rf"[\s,]+{EVERY_PART_OF_DAY}$", FLAGS)
_ONE_DAY = re.compile(
    r"^(?:every|each|on)\s+(?P<day>(?:mon|tues|wednes|thurs|fri|satur|sun)day)s?$", FLAGS
)
_LEADING_RECURRENCE = re.compile(rf"^{_RECURRENCE.pattern}\s*[:,–—-]\s*", FLAGS)
_TRAILING_WHEN = re.compile(
    # ", done by friday", ", finished before 5pm": when it is to be done by (after a comma:
    # "have the report done by friday" keeps its words).
    rf"[\s,]+(?P<prep>(?:(?:is\s+)?due(?:\s+(?:on|by|at))?|(?:(?:(?<=,)|(?<=,\s))(?:to\s+be\s+)?"
    rf"(?:done|finished|completed)\s+)?(?:by|before)|on|at|for)\s+)?"
    rf"(?P<when>{WHEN_PATTERN})$",
    FLAGS,
)


# "the 4th", "3rd", "1/2" or "3-4" ending a title is a due date only after "by", "on"…:
# "Celebrate the 4th", "Read chapter 1/2", "Read pages 3-4".
_BARE_ORDINAL = re.compile(
    r"^(?:the\s+)?\d{1,2}(?:st|nd|rd|th)$|^\d{1,2}[/-]\d{1,2}(?:/\d{2}(?:\d{2})?)?$", FLAGS
)


def _needs_preposition(when: str) -> bool:
    """Whether a due phrase ending a title needs "by", "on"… before it to be a due date."""
    phrase = " ".join(when.lower().split())
    return phrase in VAGUE_WHEN or bool(_BARE_ORDINAL.match(phrase))


# Words a title does not end with once a when is taken off it: "read about eod", "prepare for
# next week" keep their when, which is what they are about.
_LEFT_HANGING = re.compile(
    r"\b(?:about|for|of|to|on|in|at|by|from|with|until|till|before|after|over|during|the|a|an"
    r"|my|our|your|this|that|next|last|every|each|and|or)$",
    FLAGS,
)


def _vague_when_is_due(title: str, when: str) -> bool:
    """Whether a vague when ending a title without "by" or "on" ("call the bank next week",
    "clean the garage this weekend") is its due date: only when what is left is a task of its
    own — never a verb alone ("plan next week": what is planned), a title
    left hanging ("read about eod"), nor one of the verbs that may ask about a task already
    listed ("do the passport next month")."""
    phrase = " ".join(when.lower().split())
    # "enjoy the weekend", "survive the weekend": "the weekend" ending a title is what it is
    # about ("on the weekend" is a due date).
    if phrase not in VAGUE_WHEN or phrase == "the weekend":
        return False
    words = title.strip(" ,;.–—-").split()
    if not words or words[0].lower() in REQUEST_VERBS:
        return False
    if words[0].lower() in ACTION_VERBS and all(word.lower() in _PARTICLES for word in words[1:]):
        return False
    return not _LEFT_HANGING.search(words[-1])


_PARTICLES = frozenset({"up", "off", "out", "in", "back", "down", "over", "ahead", "around"})


# A due phrase that says when in the day ("5pm", "at 9", "friday 5", "tomorrow morning",
# "tonight", "in 2 hours", "eod"): a task moved to it takes that time as said.
_TIME_OF_DAY = re.compile(
    rf"{CLOCK}|\bat\s+\d|(?:{_DAY_NAMES}|today|tomorrow|tmrw|tmr)\s*,?\s+\d{{1,2}}$"
    r"|\b(?:morning|afternoon|evening|night|tonight|noon|midday|midnight|eod|minutes?|mins?"
    r"|hours?)\b|\bend\s+of\s+(?:the\s+)?day\b|\bfirst\s+thing\b|\b(?:this|same)\s+time\b",
    FLAGS,
)


def names_only_a_day(when: str) -> bool:
    """ "friday", "dec 3", "the 1st", "next week" (its Monday): a day without a time of day
    ("friday at 5pm", "tonight", "this weekend" are not)."""
    phrase = " ".join(when.lower().split())
    if phrase in _FIRST_DAY_OF_NEXT:
        return True
    return bool(phrase) and phrase not in VAGUE_WHEN and not _TIME_OF_DAY.search(phrase)


# Read by the tools as the first day of it (next week's Monday, the 1st of next month).
_FIRST_DAY_OF_NEXT = ("next week", "next month", "next quarter", "next year")


_ONLY_A_TIME = re.compile(rf"^(?:at\s+)?{CLOCK}$", FLAGS)


def names_only_a_time(when: str) -> bool:
    """ "5pm", "at 9:30": a time of day without a day ("friday at 5pm", "tonight" are not)."""
    return bool(_ONLY_A_TIME.match(" ".join(when.split())))


def priority_of(word: str) -> str:
    """ "urgent" → "high", "med" → "medium"."""
    return PRIORITY_WORDS.get(word.lower(), "high")


def recurrence_phrase(said: str) -> str:
    """The recurrence as the tools read it: "every other week" → "every 2 weeks", "mondays" →
    "every monday"."""
    text = " ".join(said.lower().split())
    text = re.sub(r"^(?:every|each)\s+other\s+(\w+?)s?$", r"every 2 \1s", text)
    if re.fullmatch(r"(?:on\s+)?\w+days(?:\s*(?:,|and|&)\s*\w+days)*", text):
        text = "every " + re.sub(r"(\w+day)s\b", r"\1", text.removeprefix("on "))
    return text


def _part_of_day_series(match: re.Match[str]) -> tuple[str, str]:
    """ "every morning" → daily, due the next morning; "every tuesday evening at 7" → every
    tuesday, due next tuesday evening at 7; "every weekday night" → weekdays, due the next
    night."""
    days = " ".join((match["days"] or "").lower().split())
    part = match["part"].lower()
    at = f" at {match['clock']}" if match["clock"] else ""
    if not days:
        return "daily", f"in the {part}{at}"
    if days in ("weekday", "weekend"):
        return f"{days}s", f"in the {part}{at}"
    one_day = re.fullmatch(r"\w+", days)
    return f"every {days}", f"{days if one_day else 'in the'} {part}{at}"


@dataclass(frozen=True)
class Attributes:
    """What a title carried besides its words: due date, priority, tags, recurrence."""

    title: str
    due: str | None = None
    priority: str | None = None
    tags: tuple[str, ...] = ()
    recurrence: str | None = None
    reminder: str | None = None

    def as_arguments(self) -> dict[str, Any]:
        """The tool arguments these attributes give (only those set)."""
        arguments: dict[str, Any] = {}
        if self.due:
            arguments["due"] = self.due
        if self.priority:
            arguments["priority"] = self.priority
        if self.tags:
            arguments["tags"] = list(self.tags)
        if self.recurrence:
            arguments["recurrence"] = self.recurrence
        if self.reminder:
            arguments["reminder"] = self.reminder
        return arguments


# "workout mon wed fri at 6am", "gym mon and thu": two or more weekdays ending a title, no
# "every" before them, are the days it repeats on ("every mon, wed and fri at 6am").
_WEEKDAY = (
    r"(?:mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday|s)?|thu(?:r(?:s(?:day)?)?)?|fri(?:day)?"
    r"|sat(?:urday)?|sun(?:day)?)s?"
)
_DAY_LIST = re.compile(
    rf"(?<=\s)(?:on\s+)?(?P<days>{_WEEKDAY}(?:(?:\s*[,/&]\s*|\s+and\s+|\s+)(?:and\s+)?"
    rf"{_WEEKDAY})+)(?P<rest>(?:\s+(?:at\s+)?{CLOCK})?)$",
    FLAGS,
)
_DAY_SPLIT = re.compile(r"\s*[,/&]\s*|\s+and\s+|\s+", FLAGS)


def _days_said(text: str) -> str:
    """ "workout mon wed fri at 6am" → "workout every mon, wed and fri at 6am"; else as said."""
    listed = _DAY_LIST.search(text)
    if listed is None or re.search(r"\b(?:every|each)\s*$", text[: listed.start()], FLAGS):
        return text
    if _TRAILING_RECURRENCE.search(text) or _TRAILING_TIMED_RECURRENCE.search(text):
        return text
    days = [day for day in _DAY_SPLIT.split(listed["days"].strip()) if day and day != "and"]
    if len(days) < 2 or len({day.lower()[:2] for day in days}) != len(days):
        return text
    series = ", ".join(days[:-1]) + " and " + days[-1]
    return f"{text[: listed.start()]}every {series}{listed['rest']}"


_TRAILING_BRACKET = re.compile(r"\s*\((?P<inner>[^()]+)\)$")


def _bracketed(text: str) -> Attributes | None:
    """ "prepare slides (due friday, high priority, #work)": a bracket ending the title whose
    every part is a due date, a priority, tags or a recurrence gives those; else None ("read
    chapter 3 (the long one)" keeps its words)."""
    bracket = _TRAILING_BRACKET.search(text)
    if bracket is None or bracket.start() == 0:
        return None
    parts = [part.strip() for part in re.split(r"[,;]|\s+and\s+", bracket["inner"]) if part.strip()]
    found = Attributes(text[: bracket.start()])
    for part in parts:
        # Read after a stand-in title, as if the part ended the title.
        said = attributes(f"task {part}" if part.lower().startswith("due") else f"task, {part}")
        if said.title.lower() != "task":
            return None
        found = Attributes(
            found.title,
            found.due or said.due,
            found.priority or said.priority,
            tuple(dict.fromkeys(found.tags + said.tags)),
            found.recurrence or said.recurrence,
        )
    return found


# "'review PR #42' tag work": a quoted title, then what it carries.
_QUOTED_HEAD = re.compile(
    r"^(?P<title>\"[^\"]+\"|'[^']+'|“[^”]+”|`[^`]+`|«[^»]+»)[\s,;:]+(?P<rest>\S.*)$", FLAGS
)


def _quoted(text: str) -> Attributes | None:
    """A quoted title followed only by what a title carries ("tag work", "due friday", "!high",
    "#work"): the quote is the title, word for word; else None."""
    head = _QUOTED_HEAD.match(text)
    if head is None:
        return None
    for stand_in in (f"task, {head['rest']}", f"task {head['rest']}"):
        said = attributes(stand_in)
        if said.title.lower() == "task":
            return replace(said, title=head["title"])
    return None


def attributes(raw: str) -> Attributes:
    """Pull "#family", "!high", "urgent", "every monday" and "by friday" off a title."""
    text = raw.strip()
    quoted = _quoted(text)
    if quoted is not None:
        return quoted
    bracketed = _bracketed(text)
    if bracketed is not None and bracketed.title.strip():
        rest = attributes(bracketed.title)
        return Attributes(
            rest.title,
            rest.due or bracketed.due,
            rest.priority or bracketed.priority,
            tuple(dict.fromkeys(rest.tags + bracketed.tags)),
            rest.recurrence or bracketed.recurrence,
        )
    tags = tuple(dict.fromkeys(tag.lower() for tag in re.findall(_TAG_INLINE.pattern, text, FLAGS)))
    text = _TAG_INLINE.sub("", text)
    priority = None
    bang = _BANG_PRIORITY.search(text)
    if bang:
        priority = priority_of(bang["prio"]) if bang["prio"] else "high"
        text = _BANG_PRIORITY.sub("", text)
    text = _days_said(" ".join(text.split()))
    due = recurrence = None
    previous = None
    while previous != text and text:
        previous = text
        lead = _LEADING_PRIORITY.match(text)
        if lead and priority is None and lead.end() < len(text):
            word = lead["level"] or lead["word"] or lead["adverb"] or lead["said"].split()[0]
            priority, text = priority_of(word), text[lead.end() :]
        lead_rec = _LEADING_RECURRENCE.match(text)
        if lead_rec and recurrence is None and lead_rec.end() < len(text):
            recurrence, text = recurrence_phrase(lead_rec["rec"]), text[lead_rec.end() :]
        tagged = _TRAILING_TAGGED.search(text)
        if tagged and tagged.start() > 0:
            tags = tuple(dict.fromkeys(tags + tag_names(tagged["tags"])))
            text = text[: tagged.start()]
        trail = _TRAILING_PRIORITY.search(text)
        if trail and priority is None and trail.start() > 0:
            word = "low" if trail["low"] else trail["level"] or trail["named"] or trail["word"]
            priority, text = priority_of(word), text[: trail.start()]
        timed = _TRAILING_TIMED_RECURRENCE.search(text)
        if timed and recurrence is None and due is None and timed.start() > 0:
            recurrence = recurrence_phrase(timed["rec"])
            day = _ONE_DAY.match(" ".join(timed["rec"].split()))
            due = f"{day['day']} {timed['clock']}" if day else timed["clock"]
            text = text[: timed.start()]
        part = _TRAILING_PART_RECURRENCE.search(text)
        if part and recurrence is None and due is None and part.start() > 0:
            recurrence, due = _part_of_day_series(part)
            text = text[: part.start()]
        rec = _TRAILING_RECURRENCE.search(text)
        if rec and recurrence is None and rec.start() > 0:
            recurrence, text = recurrence_phrase(rec["rec"]), text[: rec.start()]
        often = _TRAILING_HOW_OFTEN.search(text)
        if often and recurrence is None and often.start() > 0:
            recurrence, text = " ".join(often["rec"].lower().split()), text[: often.start()]
        when = _TRAILING_WHEN.search(text)
        if (
            when
            and due is None
            and when.start() > 0
            and (
                when["prep"]
                or not _needs_preposition(when["when"])
                or _vague_when_is_due(text[: when.start()], when["when"])
            )
        ):
            due, text = " ".join(when["when"].split()), text[: when.start()]
        # "… by wednesday 5pm. it's urgent": the full stop ended the title's sentence.
        text = text.strip(" ,;.–—-")
    return Attributes(text, due, priority, tags, recurrence)


def tag_names(raw: str) -> tuple[str, ...]:
    """ "work, #home and family" → ("work", "home", "family")."""
    names = [name.lstrip("#").lower() for name in re.split(r"[\s,;&]+|\band\b", raw, flags=FLAGS)]
    return tuple(dict.fromkeys(name for name in names if name and name != "tags"))
