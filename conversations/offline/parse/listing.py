"""Lists and counts, with the filters a request names (status, due, tag, priority, recurrence,
sort, "my <word> tasks"), and questions about one task ("when is the plumber due?")."""

from __future__ import annotations

import re
from dataclasses import replace

from ..intents import Intent, IntentKind, Status
from ..phrasings import (
    BULK_WORDS,
    NOT_TOPICS,
    ORDINALS,
    PRIORITY_WORDS,
    PRONOUNS,
    WEEKDAYS,
    WHEN_PATTERN,
    WORD_NUMBERS,
)
from ..text import FLAGS, ref_words
from .attributes import priority_of
from .patterns import _ID, _ORDINAL_REF, _PRIORITY, _TAG, Builder, clean_ref

_PENDING_WORDS = re.compile(
    r"\b(?:pending|incomplete|unfinished|uncompleted|outstanding|open|remaining|left|still|undone"
    r"|not\s+(?:yet\s+)?(?:done|complete|completed|finished)|(?:have|need|got)\s+to\s+do"
    r"|should\s+i\s+do|to\s+be\s+done)\b",
    FLAGS,
)
_COMPLETED_WORDS = re.compile(
    r"\b(?:complete|completed|done|finished|finish|accomplished)\b", FLAGS
)
# Done tasks asked for along with the rest: "everything including completed", "done ones too",
# "pending and completed", "done or not".
_DONE_ADJ = r"(?:complete|completed|done|finished|checked(?:\s+off)?|ticked(?:\s+off)?)"
_OPEN_ADJ = r"(?:pending|open|incomplete|unfinished|uncompleted|undone|not\s+done|remaining)"
_BOTH_STATUSES = re.compile(
    rf"\b(?:including|incl\.?|inc\.?|with|plus|and\s+also|as\s+well\s+as|along\s+with|even)"
    rf"\s+(?:the\s+|my\s+|all\s+)?{_DONE_ADJ}\b"
    rf"|\b{_DONE_ADJ}\s+(?:ones?\s+|tasks?\s+|items?\s+)?(?:too|as\s+well|also|included)\b"
    rf"|\b{_DONE_ADJ}\s+(?:and|or|&|\+)\s+(?:the\s+)?{_OPEN_ADJ}\b"
    rf"|\b{_OPEN_ADJ}\s+(?:and|or|&|\+)\s+(?:the\s+)?{_DONE_ADJ}\b"
    rf"|\b{_DONE_ADJ}\s+or\s+not\b",
    FLAGS,
)


def _status_of(text: str) -> Status:
    if _BOTH_STATUSES.search(text):
        return "all"
    if _PENDING_WORDS.search(text):
        return "pending"
    if _COMPLETED_WORDS.search(text):
        return "completed"
    return "all"


_NUMBER_WORDS = {n: word for word, n in WORD_NUMBERS.items() if word not in ("a", "an")}
_DAY_COUNTS = tuple(
    (n, rf"(?:{n}|{_NUMBER_WORDS[n]})" if n in _NUMBER_WORDS else str(n)) for n in range(2, 32)
)
_NOT_DUE = re.compile(
    r"\b(?:not|n't|isn't|aren't)\s+(?:yet\s+)?due\b|\bnot\s+(?:for\s+)?(?:today|tomorrow|this\s+week)\b",
    FLAGS,
)
_NOT_PRIORITY = re.compile(
    r"\b(?:not|n't|isn't|aren't)\s+(?:so\s+|that\s+|very\s+|a\s+)?(?:urgent|important|high"
    r"|priority|top)\b",
    FLAGS,
)
_DUE_FILTERS = (
    # "what's due today and tomorrow": both days (it was today alone).
    (
        re.compile(
            r"\btoday\s+(?:and|or|&)\s+tomorrow\b|\btomorrow\s+(?:and|or|&)\s+today\b", FLAGS
        ),
        "today_tomorrow",
    ),
    # "in the next 3 days", "within 10 days", "over the next two days".
    *(
        (
            re.compile(rf"\b(?:in|within|over)\s+(?:the\s+)?(?:next\s+)?{word}\s+days\b", FLAGS),
            f"within_{n}",
        )
        for n, word in _DAY_COUNTS
    ),
    (
        re.compile(r"\bthis\s+month'?s?\b|\bby\s+the\s+end\s+of\s+(?:the|this)\s+month\b", FLAGS),
        "this_month",
    ),
    # "what's due by friday", "anything due by tomorrow": up to the end of that day, overdue
    # included (read before the day alone, which is only that day).
    *(
        (re.compile(rf"\bdue\s+by\s+{day}\b", FLAGS), f"by_{day}")
        for day in ("tomorrow", *WEEKDAYS)
    ),
    (re.compile(r"\b(?:overdue|late|past\s+due)\b", FLAGS), "overdue"),
    # "what do I need to do today?", "what's on my plate today": what is due by the end of
    # today, overdue ones too.
    (
        re.compile(
            r"\b(?:(?:need|have|got)\s+to\s+(?:do|get\s+done|finish)|on\s+my\s+plate|left"
            r"|remaining)\b.*\btoday\b",
            FLAGS,
        ),
        "by_today",
    ),
    (re.compile(r"\bdue\b.*\b(?:today|2day)\b|\btoday'?s\b.*\bdue\b", FLAGS), "today"),
    # "anything for tonight?": what is due today.
    (re.compile(r"\btonight'?s?\b", FLAGS), "today"),
    # "show today's tasks", "what do I have today", "anything for today?": the list of the
    # day, what is due by its end (overdue ones too) — never what was done or added today.
    (re.compile(r"\b(?:today'?s?|2day)\b", FLAGS), "by_today"),
    # "tomorrow" in a list request is always about tomorrow ("what do I have to do tomorrow").
    (
        re.compile(
            r"\b(?:tomorrow'?s?|tmrw|tmr|tmw|tomorow|tommorow|tommorrow|tomoro|tomrow"
            r"|2moro|2morrow|2mrw)\b",
            FLAGS,
        ),
        "tomorrow",
    ),
    (
        # "what's on my plate this week", "what do I have this week" too; what was done this
        # week is not a due date (``_filtered``).
        re.compile(r"\bthis\s+week\b", FLAGS),
        "this_week",
    ),
    (
        re.compile(r"\b(?:no|without(?:\s+a)?)\s+(?:due\s+dates?|deadlines?)\b|\bundated\b", FLAGS),
        "none",
    ),
    # "next week" in a list request is always that span, Monday to Sunday ("list everything due
    # next week", "what do I have next week", "thursday next week" too: the week is said).
    (re.compile(r"\bnext\s+week'?s?\b", FLAGS), "next_week"),
    (re.compile(r"\b(?:due\s+)?soon\b", FLAGS), "soon"),
    (re.compile(r"(?<!next\s)\bweekend'?s?\b", FLAGS), "weekend"),
    *(
        # "what do I have on friday": that day; "next friday", "this friday" are not read (which
        # friday they mean is a guess), nor "every friday" (how a task repeats).
        (re.compile(rf"(?<!next\s)(?<!this\s)(?<!every\s)\b{day}\b", FLAGS), day)
        for day in WEEKDAYS
    ),
)
_TAGGED = re.compile(
    rf"\btagged\s+(?:with\s+|as\s+)?#?(?P<name>[^\W\d_][\w-]{{0,29}})|{_TAG}"
    r"|\btag\s+#?(?P<named>[^\W\d_][\w-]{0,29})",
    FLAGS,
)
_PRIORITY_FILTER = re.compile(
    rf"\b(?P<level>{_PRIORITY})[\s-]+priority\b|\bpriority\s+(?P<named>{_PRIORITY})\b"
    r"|\b(?P<word>urgent|important)\b",
    FLAGS,
)
# "due before friday", "due after dec 20" (both strict, as the tools' bounds are); "due after
# tomorrow, sorted by priority" too.
_DUE_BOUND = re.compile(
    rf"\bdue\s+(?P<side>before|after)\s+(?P<when>{WHEN_PATTERN})(?:[\s,;]|$)", FLAGS
)
# "due before 10000-01-01", "due after someday": a bound said in words ``_DUE_BOUND`` does not
# read (up to the next filter's words).
_UNREAD_BOUND = re.compile(
    r"\bdue\s+(?:before|after)\s+(?P<when>[^\s,;].*?)"
    r"(?=\s*[,;]|\s+(?:tagged|with|sorted|ordered|by|and|or|that|which)\b|[\s?.!]*$)",
    FLAGS,
)
# "tagged ####", "with tag !!": a tag said with no letter in it, which ``_TAGGED`` does not read.
_UNREAD_TAG = re.compile(r"\btag(?:ged)?\s+(?:with\s+|as\s+)?(?P<said>[^\s,?!.]+)", FLAGS)


def _unread_filter(
    text: str, bound: re.Match[str] | None, tagged: re.Match[str] | None
) -> tuple[str, str] | None:
    """The date or tag a list names that is not read, as ("date", said) or ("tag", said)."""
    if bound is None and (unread := _UNREAD_BOUND.search(text)):
        return ("date", unread["when"])
    if (
        tagged is None
        and (said := _UNREAD_TAG.search(text))
        and not re.search(r"[^\W\d_]", said["said"])
    ):
        return ("tag", said["said"])
    return None


# "sorted by due date", "by priority", "in alphabetical order".
_SORT = re.compile(
    r"\b(?:sort(?:ed)?|order(?:ed)?|by)\s+(?:them\s+)?(?:by\s+)?(?:(?P<due>due\s+dates?|due|dates?"
    r"|deadlines?)|(?P<priority>priority|importance)|(?P<title>titles?|names?|alphabet(?:ically)?))\b"
    r"|\b(?P<title2>alphabetical(?:ly)?)\b",
    FLAGS,
)
_TODAY = re.compile(r"\b(?:today|tonight)\b", FLAGS)
# When completed tasks were done: "today", "this week" (from its Monday), "since monday".
_DONE_SINCE = re.compile(
    r"\bsince\s+(?:last\s+)?(?P<when>yesterday|(?:mon|tues|wednes|thurs|fri|satur|sun)day"
    r"|the\s+\d{1,2}(?:st|nd|rd|th)?|\d{4}-\d{2}-\d{2})\b"
    r"|\b(?P<week>this\s+week)\b|\b(?P<today>today|this\s+morning)\b"
    # "what did I finish yesterday?": since yesterday (what was done today shows too).
    r"|\b(?P<yesterday>yesterday)\b",
    FLAGS,
)


def _completed_since(text: str) -> str | None:
    """What `completed_since` a list of completed tasks asks for, if it names when."""
    match = _DONE_SINCE.search(text)
    if match is None:
        return None
    if match["today"]:
        return "today"
    if match["week"]:
        return "monday"
    if match["yesterday"]:
        return "yesterday"
    return " ".join(match["when"].lower().split())


_SHOW_ALL = re.compile(r"\b(?:all|every|everything)\b", FLAGS)
# "one-off tasks", "tasks that don't repeat" (read before the repeating words they contain);
# "recurring tasks", "which tasks repeat".
_ONE_OFF = re.compile(
    r"\b(?:one[\s-]?(?:off|time)|non[\s-]?(?:recurring|repeating)"
    r"|(?:not|never|don'?t|do\s+not|doesn'?t|does\s+not)\s+(?:repeat|recur)\w*)\b",
    FLAGS,
)
_REPEATING = re.compile(r"\b(?:recurring|repeating|repeats?|recurs?|recurrent)\b", FLAGS)


def _recurring_of(text: str) -> bool | None:
    """True for a list of the tasks that repeat, False for the one-off ones, None for either."""
    if _ONE_OFF.search(text):
        return False
    return True if _REPEATING.search(text) else None


# "show me my work tasks", "what are my shopping tasks": one word between "my" and the noun;
# "show health tasks", "list work todos": the word right after the list verb.
_MY_TOPIC = re.compile(
    r"(?:\bmy|^(?:show|list|display|see|view)(?:\s+me)?)\s+(?P<topic>[^\W\d_][\w-]{0,29})"
    r"\s+(?:tasks?|todos?|to-?dos?|items|stuff|things)\b",
    FLAGS,
)
_LIST_WORDS = re.compile(r"^(?:tasks?|todos?|to-?dos?|list|items|ones|stuff|things|everything)$")


def _topic_of(text: str) -> str | None:
    """The word of "my <word> tasks" when it names no status or filter of its own ("my pending
    tasks", "my urgent tasks", "my recurring tasks" keep their meaning)."""
    found = _MY_TOPIC.search(text)
    if found is None:
        return None
    word = found["topic"].lower()
    if (
        word in NOT_TOPICS
        or word in PRIORITY_WORDS
        or word in BULK_WORDS
        or _LIST_WORDS.match(word)
    ):
        return None
    alone = _filtered("list", word)
    if alone != Intent("list") or _SHOW_ALL.search(word) or _SORT.search(word):
        return None
    return word


# "tell me about yourself": about the assistant, not a task.
_NOT_A_TASK_NAME = re.compile(r"^(?:you|yourself|this\s+app|me|us)$", FLAGS)


def _one_task(match: re.Match[str], _text: str) -> Intent | None:
    """ "tell me about the dentist", "what are the details of the plumber task", "show the
    plumber task": the tasks the name matches, as "find" shows them, not the whole list. Words
    that say which kind of tasks ("show the overdue task", "details of my tasks"), a pronoun or
    a position are read as before."""
    return _named_task(match["ref"])


def _named_task(raw: str) -> Intent | None:
    """The "find" of the task (or task number) that ``raw`` names, if it names one."""
    number = re.fullmatch(rf"(?:the\s+)?{_ID}", raw, FLAGS)
    if number:
        return Intent("find", task_id=int(number["id"]))
    ref = clean_ref(raw)
    named = ref.lower().split()
    if (
        not ref_words(ref)
        or ref.lower() in PRONOUNS
        or _NOT_A_TASK_NAME.match(ref)
        or _ORDINAL_REF.fullmatch(ref)
        or _SHOW_ALL.search(ref)
        or _filtered("list", ref) != Intent("list")
        or any(
            word in NOT_TOPICS
            or word in PRIORITY_WORDS
            or word in BULK_WORDS
            or _LIST_WORDS.match(word)
            for word in named
        )
    ):
        return None
    return Intent("find", ref=ref)


_ARTICLES = re.compile(r"(?<=\s)(?:the|a|an|my)\s+", FLAGS)


def _asking(asked: str) -> Builder:
    """A question about one task ("when is the plumber due?", "is task 3 done?", "how
    important is the rent?"): that task looked up as "find" does, and the one thing asked
    answered. "it" is the task the conversation is about."""

    def build(match: re.Match[str], text: str) -> Intent | None:
        named = next(
            value for key, value in match.groupdict().items() if key.startswith("ref") and value
        )
        ref = named.strip()
        if ref.lower() in PRONOUNS:
            return Intent("find", pronoun=True, asked=asked, text=text)
        place = _ORDINAL_REF.fullmatch(clean_ref(ref))
        if place:
            # "what tags does the first one have?": a task of the list just shown.
            return Intent("find", choice=ORDINALS[place["ordinal"].lower()], asked=asked, text=text)
        # "did I water the plants?": articles within the name say nothing about which task.
        intent = _named_task(_ARTICLES.sub("", ref))
        return replace(intent, asked=asked) if intent is not None else None

    return build


def _filtered(kind: IntentKind, text: str) -> Intent:
    """A list or count, with the filters the text names (due, tag, priority, recurrence; for a
    list, the word of "my <word> tasks")."""
    status = _status_of(text)
    due_filter = next((name for pattern, name in _DUE_FILTERS if pattern.search(text)), None)
    if _NOT_DUE.search(text):
        # "what's not due this week": no list of the tools says it; never the opposite one.
        due_filter = None
    # "tasks completed this week", "added this week": not when they are due.
    if (
        due_filter in ("this_week", "by_today")
        and not re.search(r"\bdue\b", text)
        and (status == "completed" or re.search(r"\b(?:added|created|made)\b", text))
    ):
        due_filter = None
    tagged = _TAGGED.search(text)
    tag = (tagged["name"] or tagged["tag"] or tagged["named"]).lower() if tagged else None
    level = _PRIORITY_FILTER.search(text)
    if level and _NOT_PRIORITY.search(text):
        # "what's not urgent?": no list of the tools says it; never the opposite one.
        level = None
    priority = priority_of(level["level"] or level["named"] or level["word"]) if level else None
    bound = _DUE_BOUND.search(text)
    due_before = bound["when"] if bound and bound["side"].lower() == "before" else None
    due_after = bound["when"] if bound and bound["side"].lower() == "after" else None
    order = _SORT.search(text)
    sort = next((key for key in ("due", "priority", "title") if order and order[key]), None)
    if order and order["title2"]:
        sort = "title"
    recurring = _recurring_of(text)
    completed_since = _completed_since(text) if status == "completed" else None
    # A tag said outright wins ("my work tasks tagged home" is about #home).
    topic = _topic_of(text) if kind == "list" and not tagged else None
    asked_all = _SHOW_ALL.search(text) or _BOTH_STATUSES.search(text)
    dated = due_filter or due_before or due_after
    filtering = dated or tag or priority or recurring is not None or topic
    if (filtering or _TODAY.search(text)) and status == "all" and not asked_all:
        # "what's due today", "high-priority ones", "my work tasks": what is still to do.
        status = "pending"
    if completed_since:
        # A repeating task done today is pending again, at its next occurrence: it counts too.
        status = "all"
    return Intent(
        kind,
        status=status,
        unread=_unread_filter(text, bound, tagged),
        due_filter=None if (due_before or due_after) else due_filter,
        due_before=due_before,
        due_after=due_after,
        sort=sort,
        tags=(tag,) if tag else (),
        priority=priority,
        recurring=recurring,
        completed_since=completed_since,
        topic=topic,
    )


def _done_list(_match: re.Match[str], text: str) -> Intent:
    """ "what did I complete today?", "what have I done since monday?": completed tasks, or,
    when it says since when, every task completed since then (a repeating one is pending again
    at its next occurrence)."""
    since = _completed_since(text)
    return replace(
        _filtered("list", text),
        status="all" if since else "completed",
        completed_since=since,
        due_filter=None,
    )


def _list(_match: re.Match[str], text: str) -> Intent:
    return _filtered("list", text)


def _filtered_list(_match: re.Match[str], text: str) -> Intent | None:
    """A list only when the text names which tasks ("which are overdue"; "which is it" is no
    list request)."""
    intent = _filtered("list", text)
    return None if intent == Intent("list") else intent


def _pending_list(_match: re.Match[str], text: str) -> Intent:
    """ "what's next?", "what's on today?": what is pending (due by the end of the day said)."""
    return replace(_filtered("list", text), status="pending")


def _count(_match: re.Match[str], text: str) -> Intent:
    return _filtered("count", text)
