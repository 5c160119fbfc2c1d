"""Parsing: one user message → an :class:`Intent`. Pure, deterministic, never raises.

``RULES`` is a table of (pattern, builder) pairs tried in order; the first match wins. Rules
that address a task by number come before the free-text ones, so "delete task 2" never becomes
a search for a task named "task 2". A message no rule understands is tried again with its
first word, then all its command words, corrected for typos.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from .intents import Action, Intent, IntentKind, Status
from .phrasings import (
    ACTION_VERBS,
    BULK_NOUNS,
    BULK_STARTS,
    BULK_WORDS,
    DONE_VERBS,
    NO_WORDS,
    ORDINALS,
    PRONOUNS,
    WHEN_PATTERN,
    YES_WORDS,
)
from .text import (
    FLAGS,
    clean_request,
    clean_title,
    correct_command_words,
    correct_first_word,
    strip_quotes,
)

__all__ = ["RULES", "parse_intent"]

_ID = r"(?:(?:task|todo|to-do|item)\s*)?(?:number\s*|no\.?\s*)?#?\s*(?P<id>\d+)"
_DONE_WORD = r"(?:complete|completed|done|finished)"
_UNDONE_WORD = r"(?:not\s+(?:done|complete|completed|finished)|undone|incomplete|pending|open)"
_DESC_WORD = r"(?:description|desc|notes?|details)"
_EDIT_VERB = r"(?:change|update|set|edit|replace)"
_DELETE_VERB = (
    r"(?:delete|remove|erase|drop|cancel|discard|trash|scrap|get\s+rid\s+of|clear|purge"
    r"|forget\s+about)"
)
_REOPEN_VERB = r"(?:uncheck|untick|reopen|re-open|unmark|unfinish|restore|undo)"
_FROM_LIST = r"(?:\s+from\s+(?:my\s+|the\s+)?(?:to-?do\s+)?(?:list|tasks))?"
_ADD_NOUN = r"(?:task|todo|to-?do|item|reminder|entry)"
_DONE_VERBS = "|".join(verb.replace(" ", r"\s+") for verb in DONE_VERBS)
# Without "I" in front, only verbs whose past tense differs from the imperative ("read" doesn't).
_BARE_DONE_VERBS = "|".join(
    verb.replace(" ", r"\s+")
    for verb in DONE_VERBS
    if verb not in ("read", "did", "finished", "completed")
)

_PENDING_WORDS = re.compile(
    r"\b(?:pending|incomplete|unfinished|uncompleted|outstanding|open|remaining|left|still|undone"
    r"|not\s+(?:yet\s+)?(?:done|complete|completed|finished)|(?:have|need|got)\s+to\s+do"
    r"|should\s+i\s+do|to\s+be\s+done)\b",
    FLAGS,
)
_COMPLETED_WORDS = re.compile(
    r"\b(?:complete|completed|done|finished|finish|accomplished)\b", FLAGS
)
# "Add a task to my list: buy milk" → "buy milk"
_LIST_LEAD_IN = re.compile(
    r"^(?:to\s+)?(?:my|the)\s+(?:to-?do\s+|task\s+)?list(?:\s*[:,–—-]\s*|$)", FLAGS
)
_DESCRIPTION_SPLITS = [
    re.compile(rf"^(?P<title>.+?)\s*\(\s*{_DESC_WORD}\s*[:=-]\s*(?P<desc>.+?)\s*\)$", FLAGS),
    re.compile(
        rf"^(?P<title>.+?)[\s,;]+with\s+(?:the\s+|a\s+)?{_DESC_WORD}"
        r"(?:\s*:|\s+of|\s+saying|\s+that\s+says)?\s+(?P<desc>.+)$",
        FLAGS,
    ),
    re.compile(rf"^(?P<title>.+?)\s*[,;–—-]\s*{_DESC_WORD}\s*:\s*(?P<desc>.+)$", FLAGS),
]
_REF_PREFIX = re.compile(
    r"^(?:(?:the|my|a|an)\s+"
    r"|(?:task|todo|to-do|item|reminder)s?(?:\s+(?:called|named|titled|about|for))?\s+"
    r"|(?:called|named|titled|about)\s+)",
    FLAGS,
)
_REF_SUFFIX = re.compile(r"\s+(?:task|todo|to-do|item|reminder|one)$", FLAGS)
_LIST_SPLIT = re.compile(r"\s*(?:[,;\n]|\s-\s)\s*(?:and\s+|&\s+)?|\s+(?:and|&)\s+", FLAGS)

Builder = Callable[[re.Match[str], str], Intent]
_ORDINAL = "|".join(ORDINALS)
# "the second one", "the last task": a position in the list the assistant just showed.
_ORDINAL_REF = re.compile(
    rf"(?P<ordinal>{_ORDINAL})(?:\s+(?:one|task|item))?(?:\s+on\s+the\s+list)?", FLAGS
)


def clean_ref(raw: str) -> str:
    """Reduce "the 'meeting' task" to "meeting"."""
    ref = raw
    previous = None
    while previous != ref:
        previous = ref
        ref = strip_quotes(ref)
        ref = _REF_PREFIX.sub("", ref)
        ref = _REF_SUFFIX.sub("", ref)
    return ref


def _titles(rest: str) -> tuple[str, ...]:
    """One title, or several when the text is a list of tasks.

    "pay rent, water plants and book flights" is three tasks (every part starts with a verb);
    so is "milk, eggs and bread" (three short parts, no verb). "buy milk, eggs and bread" and
    "salt and pepper" stay one task.
    """
    parts = [part for part in _LIST_SPLIT.split(rest) if part and part.strip()]
    if len(parts) > 1:
        firsts = [part.split()[0].lower() for part in parts]
        every_verb = all(first in ACTION_VERBS for first in firsts)
        short_nouns = (
            len(parts) >= 3
            and not any(first in ACTION_VERBS for first in firsts)
            and all(len(part.split()) <= 2 for part in parts)
        )
        if every_verb or short_nouns:
            return tuple(title for title in map(clean_title, parts) if title)
    title = clean_title(rest)
    return (title,) if title else ()


def _add(match: re.Match[str], _text: str) -> Intent:
    rest = _LIST_LEAD_IN.sub("", match["rest"].strip())
    description = None
    for pattern in _DESCRIPTION_SPLITS:
        split = pattern.match(rest)
        if split:
            rest, description = split["title"], strip_quotes(split["desc"])
            break
    titles = _titles(rest) if description is None else _titles(rest)[:1] or ()
    if not titles:
        return Intent("add_missing_title")
    if len(titles) == 1:
        return Intent("add", title=titles[0], titles=titles, description=description or None)
    return Intent("add", titles=titles)


def _status_of(text: str) -> Status:
    if _PENDING_WORDS.search(text):
        return "pending"
    if _COMPLETED_WORDS.search(text):
        return "completed"
    return "all"


def _list(_match: re.Match[str], text: str) -> Intent:
    return Intent("list", status=_status_of(text))


def _pending_list(_match: re.Match[str], _text: str) -> Intent:
    return Intent("list", status="pending")


def _bare(match: re.Match[str], _text: str) -> Intent:
    """ "delete" alone: a request without its task; the reply asks which one."""
    kind = {"done": "complete", "finish": "complete", "remove": "delete"}.get(
        match.group(0).lower(), match.group(0).lower()
    )
    if kind in ("rename", "edit", "change"):
        kind = "update"
    return Intent(kind, ref="")  # type: ignore[arg-type]


def _count(_match: re.Match[str], text: str) -> Intent:
    return Intent("count", status=_status_of(text))


_DEFAULT_BULK_STATUS: dict[str, Status] = {
    "complete": "pending",
    "delete": "all",
    "reopen": "completed",
}


def bulk_of(ref: str, action: Action) -> Intent | None:
    """The bulk intent a reference stands for ("all", "everything", "completed ones"), if any."""
    lowered = re.sub(r"^(?:the|my)\s+", "", ref.strip().lower())
    tokens = lowered.split()
    if not tokens:
        return None
    starts_bulk = any(lowered == start or lowered.startswith(f"{start} ") for start in BULK_STARTS)
    kind_words = [token for token in tokens if token in BULK_WORDS]
    plain_kind = (
        len(tokens) <= 3
        and bool(kind_words)
        and all(token in BULK_WORDS or token in BULK_NOUNS or token == "my" for token in tokens)
    )
    if not (starts_bulk or plain_kind or lowered in {"my list", "the list", "list"}):
        return None
    status: Status = BULK_WORDS[kind_words[0]] if kind_words else _DEFAULT_BULK_STATUS[action]  # type: ignore[assignment]
    skip = {"all", "every", "everything", "each", "the", "rest", "of", "them", "my", "both"}
    skip |= set(BULK_NOUNS) | set(BULK_WORDS) | {"task", "todo", "item", "one", "thing"}
    left = " ".join(token for token in tokens if token not in skip)
    return Intent("bulk", action=action, status=status, ref=left or None)


def _by_id_or_ref(kind: IntentKind, match: re.Match[str], **fields: Any) -> Intent:
    groups = match.groupdict()
    if groups.get("id"):
        return Intent(kind, task_id=int(groups["id"]), **fields)
    raw = groups.get("ref") or ""
    if kind in ("complete", "delete", "reopen"):
        bulk = bulk_of(strip_quotes(raw), kind)
        if bulk is not None:
            return bulk
    ref = clean_ref(raw)
    ordinal = _ORDINAL_REF.fullmatch(ref)
    if ordinal:
        return Intent(kind, choice=ORDINALS[ordinal["ordinal"].lower()], **fields)
    if ref.lower() in PRONOUNS or raw.strip().lower() in PRONOUNS:
        return Intent(kind, pronoun=True, **fields)
    return Intent(kind, ref=ref, **fields)


def _complete(match: re.Match[str], _text: str) -> Intent:
    return _by_id_or_ref("complete", match)


def _reopen(match: re.Match[str], _text: str) -> Intent:
    return _by_id_or_ref("reopen", match)


def _delete(match: re.Match[str], _text: str) -> Intent:
    return _by_id_or_ref("delete", match)


def _clear(match: re.Match[str], _text: str) -> Intent:
    return bulk_of(match["ref"], "delete") or Intent("unknown", text=_text)


_WHEN = re.compile(rf"(?:to|for|until|till)?\s*(?P<when>{WHEN_PATTERN})", FLAGS)


def _reschedule(match: re.Match[str], _text: str) -> Intent:
    return _by_id_or_ref("reschedule", match, due=match["when"])


def _update_title(match: re.Match[str], _text: str) -> Intent:
    when = _WHEN.fullmatch(match["title"].strip())
    if when:
        # "Change the meeting to tomorrow" moves it; it never renames it "Tomorrow".
        return _by_id_or_ref("reschedule", match, due=when["when"])
    title = clean_title(re.sub(r"\s+instead$", "", match["title"].strip(), flags=FLAGS))
    if re.fullmatch(_DONE_WORD, title, FLAGS):
        # "Change task 3 to done" means complete it, not rename it to "Done".
        return _by_id_or_ref("complete", match)
    return _by_id_or_ref("update", match, title=title)


def _update_description(match: re.Match[str], _text: str) -> Intent:
    return _by_id_or_ref("update", match, description=strip_quotes(match["desc"]))


_NUMBERS = r"(?:tasks?\s+)?(?P<ids>#?\d+(?:\s*(?:,|and|&|,\s*and)\s*#?\d+)+)"


def _several(action: Action) -> Builder:
    """ "delete tasks 2 and 3": the user named every task, so no question is needed."""

    def build(match: re.Match[str], _text: str) -> Intent:
        ids = tuple(dict.fromkeys(int(number) for number in re.findall(r"\d+", match["ids"])))
        return Intent("bulk", action=action, task_ids=ids, chosen=True)

    return build


def _wish(match: re.Match[str], text: str) -> Intent:
    """ "I want to add milk" is "add milk"; "I want to buy milk" is a task."""
    intent = _parse(match["rest"])
    return _add(match, text) if intent.kind in ("unknown", "choose", "yes", "no") else intent


def _choose(match: re.Match[str], _text: str) -> Intent:
    if match.groupdict().get("id"):
        return Intent("choose", task_id=int(match["id"]))
    return Intent("choose", choice=ORDINALS[match["ordinal"].lower()])


def _fixed(kind: IntentKind) -> Builder:
    return lambda _match, text: Intent(kind, text=text)


def _rules(*pairs: tuple[str, Builder]) -> list[tuple[re.Pattern[str], Builder]]:
    return [(re.compile(pattern, FLAGS), build) for pattern, build in pairs]


def _alternatives(words: frozenset[str]) -> str:
    return "|".join(re.escape(word).replace(r"\ ", r"\s+") for word in sorted(words, key=len)[::-1])


RULES = _rules(
    # Answers to the assistant's question
    (
        rf"^(?:{_alternatives(YES_WORDS)})(?:[\s,!.]+(?:please|thanks|do\s+it|go\s+ahead))*$",
        _fixed("yes"),
    ),
    (
        rf"^(?:{_alternatives(NO_WORDS)})(?:[\s,!.]+(?:thanks|thank\s+you|leave\s+it))*$",
        _fixed("no"),
    ),
    (rf"^(?:the\s+)?(?P<ordinal>{_ORDINAL})(?:\s+(?:one|task|option))?$", _choose),
    (r"^(?:(?:task|number|no\.?)\s*)?#?\s*(?P<id>\d+)$", _choose),
    # Conversation
    (
        r"^(?:help(?:\s+me)?|\?|commands|menu|usage|what\s+can\s+(?:you|i)\s+(?:do|say|ask)"
        r"|what\s+do\s+you\s+do|how\s+does\s+this\s+work|how\s+do\s+i\s+use\s+(?:this|you)"
        r"|who\s+are\s+you|what\s+are\s+you)$",
        _fixed("help"),
    ),
    (
        r"^(?:thanks|thank\s+you|thx|ty|cheers|ok(?:ay)?|great|perfect|awesome|cool|nice|got\s+it)"
        r"(?:\s+(?:so\s+much|a\s+lot|very\s+much))?$",
        _fixed("thanks"),
    ),
    # Several tasks by number
    (rf"^(?:complete|finish|check\s+off|tick\s+off|close)\s+{_NUMBERS}$", _several("complete")),
    (rf"^(?:mark|set)\s+{_NUMBERS}\s+(?:as\s+)?{_DONE_WORD}$", _several("complete")),
    (rf"^{_DELETE_VERB}\s+{_NUMBERS}$", _several("delete")),
    # Reopen (before completing: "mark task 3 as not done")
    (rf"^{_REOPEN_VERB}\s+(?:the\s+)?{_ID}$", _reopen),
    (rf"^(?:mark|set|flag)\s+(?:the\s+)?{_ID}\s+(?:as\s+)?{_UNDONE_WORD}$", _reopen),
    (rf"^{_ID}\s+is\s+(?:not\s+done|still\s+open|not\s+finished)$", _reopen),
    # Complete by number
    (rf"^(?:mark|set|flag)\s+(?:the\s+)?{_ID}\s+(?:as\s+)?{_DONE_WORD}$", _complete),
    (
        rf"^(?:complete|finish|close|check(?:\s+off)?|tick(?:\s+off)?)\s+(?:the\s+)?{_ID}(?:\s+off)?$",
        _complete,
    ),
    (rf"^{_ID}\s+is\s+(?:now\s+)?(?:all\s+)?{_DONE_WORD}$", _complete),
    (
        rf"^i(?:'ve|\s+have)?\s+(?:just\s+)?(?:finished|completed|done|did)\s+(?:with\s+)?{_ID}$",
        _complete,
    ),
    (rf"^(?:i(?:'m|\s+am)\s+)?(?:done|finished)\s+with\s+{_ID}$", _complete),
    (rf"^{_DONE_WORD}\s*:?\s+{_ID}$", _complete),
    # Delete by number
    (rf"^{_DELETE_VERB}\s+(?:the\s+)?{_ID}{_FROM_LIST}$", _delete),
    # Update by number
    (
        rf"^{_EDIT_VERB}\s+(?:the\s+)?{_DESC_WORD}\s+(?:of|for|on)\s+{_ID}\s+(?:to|with|as)\s*:?\s+"
        r"(?P<desc>.+)$",
        _update_description,
    ),
    (
        rf"^{_EDIT_VERB}\s+{_ID}(?:'s)?\s+{_DESC_WORD}\s+(?:to|as)\s*:?\s+(?P<desc>.+)$",
        _update_description,
    ),
    (
        rf"^(?:add|set)\s+(?:a\s+|the\s+)?{_DESC_WORD}\s+(?:to|for|on)\s+{_ID}\s*:?\s+(?P<desc>.+)$",
        _update_description,
    ),
    (
        rf"^(?:{_EDIT_VERB}|rename|retitle)\s+(?:the\s+)?(?:(?:title|name)\s+(?:of|for)\s+)?{_ID}(?:'s)?"
        r"(?:\s+(?:title|name))?\s*(?:(?:to|as|into)\s*:?|:)\s*(?P<title>.+)$",
        _update_title,
    ),
    (
        r"^(?:bye|goodbye|good\s*night|see\s+you(?:\s+later)?|later|that'?s\s+all|nothing(?:\s+else)?)$",
        _fixed("bye"),
    ),
    (r"^(?:delete|remove|complete|finish|done|rename|edit|change|update)$", _bare),
    (r"^undo(?:\s+(?:that|it))?$", lambda _match, _text: Intent("reopen", pronoun=True)),
    # Moving a task to another day (due dates)
    (
        rf"^(?:move|postpone|reschedule|push|delay|shift|put\s+off)\s+(?:the\s+)?{_ID}\s+"
        rf"(?:back\s+)?(?:to|for|until|till|until)\s+(?P<when>{WHEN_PATTERN})$",
        _reschedule,
    ),
    (
        rf"^(?:move|postpone|reschedule|push|delay|shift|put\s+off)\s+(?P<ref>.+?)\s+"
        rf"(?:back\s+)?(?:to|for|until|till)\s+(?P<when>{WHEN_PATTERN})$",
        _reschedule,
    ),
    # Searching
    (
        r"^(?:find|search(?:\s+for)?|look\s+for|look\s+up|where(?:'s|\s+is))\s+(?:my\s+|the\s+)?"
        r"(?:tasks?\s+(?:about|with|for|called|named)\s+)?(?P<ref>.+?)(?:\s+tasks?)?$",
        lambda match, _text: Intent("find", ref=clean_ref(match["ref"])),
    ),
    (
        r"^(?:do\s+i\s+have|is\s+there)\s+(?:a|any)\s+(?:tasks?|todos?)\s+(?:about|with|for|called"
        r"|named)\s+(?P<ref>.+)$",
        lambda match, _text: Intent("find", ref=clean_ref(match["ref"])),
    ),
    # Counting
    (r"^how\s+many\b.*$", _count),
    (r"^(?:count|number\s+of)\s+(?:my\s+)?(?:\w+\s+)?(?:tasks|todos|items)\b.*$", _count),
    # List
    (
        r"^(?:show|list|display|see|view|get(?!\s+rid\b)|give|tell|print|read)\b.*\b(?:tasks?|todos?"
        r"|to-?dos?|list|items|everything|pending|completed|done|finished)\b.*$",
        _list,
    ),
    (
        r"^what(?:'?s|\s+is|\s+are|\s+were)\b.*\b(?:tasks?|todos?|to-?dos?|list|pending|left"
        r"|remaining|outstanding|open|incomplete|unfinished|done|completed|finished|due|plate)\b.*$",
        _list,
    ),
    (
        r"^what\s+(?:have|did)\s+i\s+(?:already\s+)?(?:complete|completed|finish|finished|done|do"
        r"|get\s+done|accomplish(?:ed)?)\b.*$",
        _list,
    ),
    (
        r"^what\s+(?:do|should|must)\s+i\s+(?:still\s+)?(?:(?:have|need|got)\s+)?(?:to\s+)?do\b.*$",
        _list,
    ),
    (r"^(?:do|have)\s+i\s+(?:have|got)\s+(?:any|anything|many)\b.*$", _list),
    (r"^(?:is|are)\s+there\s+(?:any|anything)\b.*$", _list),
    (r"^(?:what|which)\s+(?:tasks?|todos?|to-?dos?|items|things)\b.*$", _list),
    (r"^what\s+(?:do|have|did)\s+i\s+(?:got|have|get)\b.*$", _pending_list),
    (r"^(?:show|list|display|view|see)(?:\s+(?:all|everything|me|my|them|it))*$", _list),
    (r"^(?:any|anything)\s+(?:tasks?\s+)?(?:left|pending|remaining|due|to\s+do)\b.*$", _list),
    (
        r"^(?:(?:my|all|all\s+my|the)\s+)?(?:(?:pending|open|incomplete|unfinished|outstanding"
        r"|remaining|completed|done|finished)\s+)?(?:tasks?|todos?|to-?dos?|to-?do\s+list|list)$",
        _list,
    ),
    (r"^(?:pending|completed|done|finished|open|remaining|outstanding)$", _list),
    # Bulk clean-up: "clear completed tasks", "clear my list"
    (r"^(?:clear|clean\s+up|purge|wipe|empty)\s+(?:out\s+)?(?P<ref>.+?)(?:\s+out)?$", _clear),
    # A note for a task named in free text (before the generic "add X")
    (
        rf"^(?:add|set)\s+(?:a\s+|the\s+)?{_DESC_WORD}\s+(?:to|for|on)\s+(?P<ref>.+?)\s*:\s*"
        r"(?P<desc>.+)$",
        _update_description,
    ),
    # Add
    (
        rf"^(?:add|create|make|new)(?:\s+(?:a|an|another|one))?(?:\s+new)?(?:\s+{_ADD_NOUN})?$",
        _fixed("add_missing_title"),
    ),
    (
        rf"^(?:add|create|make|new|put)(?:\s+(?:a|an|another|one))?(?:\s+new)?\s+{_ADD_NOUN}s?\b"
        r"(?:\s+(?:to|called|named|titled|for|saying|that\s+says))?\s*[:–—-]?\s*(?P<rest>.+)$",
        _add,
    ),
    (rf"^(?:{_ADD_NOUN}|to\s+do|new)\s*[:–—-]\s*(?P<rest>.+)$", _add),
    (r"^(?:add|put|jot\s+down|note\s+down|write\s+down)\s*:?\s+(?P<rest>.+)$", _add),
    (r"^remind\s+me\s+(?:to|about)\s+(?P<rest>.+)$", _add),
    (
        r"^(?:i(?:'ve|\s+have|'ll|\s+will)?\s+)?(?:need\s+to|have\s+to|must|should|gotta|got\s+to"
        r"|want\s+to)\s+remember\s+(?:to\s+)?(?P<rest>.+)$",
        _add,
    ),
    (
        r"^(?:remember|don't\s+forget|do\s+not\s+forget|don't\s+let\s+me\s+forget)\s+to\s+"
        r"(?P<rest>.+)$",
        _add,
    ),
    # Reopen / delete / update / complete a task named in free text
    (rf"^{_REOPEN_VERB}\s+(?P<ref>.+)$", _reopen),
    (rf"^(?:mark|set|flag)\s+(?P<ref>.+?)\s+(?:as\s+)?{_UNDONE_WORD}$", _reopen),
    (rf"^{_DELETE_VERB}\s+(?P<ref>.+?){_FROM_LIST}$", _delete),
    (
        rf"^{_EDIT_VERB}\s+(?:the\s+)?{_DESC_WORD}\s+(?:of|for|on)\s+(?P<ref>.+?)\s+(?:to|with|as)"
        r"\s*:?\s+(?P<desc>.+)$",
        _update_description,
    ),
    (
        r"^(?:rename|change|update|edit|retitle)\s+(?:the\s+)?(?P<ref>([\"'“«]).+?[\"'”»])"
        r"(?:\s+task)?\s+(?:to|as|into)\s+(?P<title>.+)$",
        _update_title,
    ),
    (
        r"^(?:rename|change|update|edit|retitle)\s+(?:the\s+)?(?:(?:title|name)\s+(?:of|for)\s+)?"
        r"(?P<ref>.+?)(?:'s\s+(?:title|name))?\s+(?:to|as|into)\s*:?\s+(?P<title>.+)$",
        _update_title,
    ),
    (
        r"^i(?:'ve|\s+have)?\s+(?:just\s+|already\s+|finally\s+)?(?:finished|completed|done)\s+"
        r"(?:with\s+)?(?P<ref>.+)$",
        _complete,
    ),
    (
        rf"^i(?:'ve|\s+have)?\s+(?:just\s+|already\s+|finally\s+)?(?:{_DONE_VERBS})\s+(?P<ref>.+)$",
        _complete,
    ),
    (
        r"^(?:i(?:'m|\s+am)\s+)?(?:all\s+)?(?:done|finished|through)\s+(?:with\s+)?(?P<ref>.+)$",
        _complete,
    ),
    (rf"^(?:mark|set|flag)\s+(?P<ref>.+?)\s+(?:as\s+)?{_DONE_WORD}$", _complete),
    (r"^(?:check|tick)\s+(?P<ref>.+?)\s+off$", _complete),
    (
        r"^(?:complete|finish|check\s+off|tick\s+off|cross\s+off|cross\s+out|strike\s+off)\s+"
        r"(?P<ref>.+)$",
        _complete,
    ),
    (
        rf"^(?P<ref>.+?)\s+(?:is|are)\s+(?:now\s+)?(?:all\s+)?(?:{_DONE_WORD}|over|sorted|handled)$",
        _complete,
    ),
    (rf"^(?:{_BARE_DONE_VERBS})\s+(?P<ref>.+)$", _complete),
    (r"^i(?:\s+want|'d\s+like|\s+would\s+like)\s+to\s+(?P<rest>.+)$", _wish),
    # "I need to X", "I have to X": a new task (after "I need to remember to X")
    (
        r"^i(?:'ve)?\s+(?:really\s+)?(?:need\s+to|have\s+to|must|should|gotta|got\s+to|ought\s+to)"
        r"\s+(?P<rest>.+)$",
        _add,
    ),
)


def _parse(cleaned: str) -> Intent:
    for pattern, build in RULES:
        match = pattern.match(cleaned)
        if match:
            return build(match, cleaned)
    return Intent("unknown", text=cleaned)


_GREETING_PREFIX = re.compile(
    r"^(?:hi|hello|hey|heya|hiya|howdy|yo|greetings|good\s+(?:morning|afternoon|evening|day))"
    r"(?:\s+(?:there|again|everyone|friend|bot|assistant))?\b[\s,!.:;-]*",
    FLAGS,
)


def parse_intent(text: str) -> Intent:
    """Classify one user message. Pure and deterministic; never raises."""
    cleaned = clean_request(text)
    greeting = _GREETING_PREFIX.match(cleaned)
    if greeting:
        rest = clean_request(cleaned[greeting.end() :])
        if not rest:
            return Intent("greeting", text=cleaned)
        cleaned = rest
    if not cleaned:
        return Intent("help")
    intent = _parse(cleaned)
    if intent.kind != "unknown":
        return intent
    for corrected in (correct_first_word(cleaned), correct_command_words(cleaned)):
        if corrected != cleaned:
            retry = _parse(corrected)
            if retry.kind != "unknown":
                return replace(retry, corrected=True)
    return intent
