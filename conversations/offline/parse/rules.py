"""The ordered table of (pattern, builder) rules, and the builders that read part of a message
again through it ("tomorrow I need to X", "delete all but milk", "I want to X")."""

from __future__ import annotations

import re
from dataclasses import replace

from tasks.relative_dates import WORD_NUMBERS

from ..intents import Intent, IntentKind
from ..phrasings import (
    ACTION_VERBS,
    CLOCK,
    DONE_VERBS,
    NO_WORDS,
    ORDINALS,
    PRONOUNS,
    RECURRENCE_PATTERN,
    REQUEST_VERBS,
    WHEN_PATTERN,
    YES_WORDS,
)
from ..text import FLAGS, strip_quotes
from .adding import _add, _add_text, _names_tasks, _todo
from .attributes import _PRIORITY_CLAUSE, priority_of
from .bulk import _NUMBERS, _several, numbers_of
from .changes import (
    _PRIORITY_PHRASE,
    _add_tags,
    _add_tags_named,
    _bare,
    _clear,
    _clear_description,
    _clear_due,
    _clear_priority,
    _complete,
    _complete_asked,
    _complete_or_deadline,
    _delete,
    _got_cancelled,
    _make_due,
    _move_to_known_tag,
    _move_to_tag,
    _named_is_urgent,
    _no_longer_important,
    _no_longer_needed,
    _remove_all_tags,
    _remove_tags,
    _reopen,
    _repeat,
    _reschedule,
    _set_due,
    _set_priority,
    _shift_due,
    _shift_priority,
    _skip,
    _still_open,
    _stop_repeating,
    _update_description,
    _update_title,
)
from .listing import (
    _asking,
    _count,
    _done_list,
    _filtered,
    _filtered_list,
    _list,
    _named_task,
    _one_task,
    _pending_list,
)
from .patterns import (
    _DAY_NAMES,
    _DESC_WORD,
    _DONE_WORD,
    _ID,
    _ORDINAL,
    _PRIORITY,
    Builder,
    clean_ref,
)
from .reminders import (
    _OFFSET,
    _clear_reminder,
    _remind_about,
    _remind_at,
    _remind_offset,
    _remind_to,
    _remind_when_first,
    _snooze,
)

_UNDONE_WORD = r"(?:not\s+(?:done|complete|completed|finished)|undone|incomplete|pending|open)"
_EDIT_VERB = r"(?:change|update|set|edit|replace)"
_DELETE_VERB = (
    # "drop off the parcel", "drop by the bank" are tasks of their own, not deletions.
    r"(?:delete|remove|erase|drop(?!\s+(?:off|by|in)\b)|cancel|discard|trash|scrap|scratch"
    r"|throw\s+(?:away|out)|bin|ditch"
    r"|get\s+rid\s+of|clear|purge|forget(?:\s+about)?)"
)
# "never mind the gym", "nevermind about the gym" ("never mind" alone answers a question).
_NEVER_MIND = r"never\s*mind(?:\s+about)?"
# "never mind then", "never mind, I'll do it later": words about the chat, not a task's name.
_NOT_A_TASK = r"(?!(?:then|now|anyway|for\s+now)$|(?:i|i'll|i'm|i've|we|you)\b)"
# "I should have called mom", "I must have left it": a regret or a guess about the past, not a
# task to add ("I have to have the report done" is one).
_NOT_REGRET = (
    r"(?!(?:have|'ve)\s+(?:been|done|gone|had|made|got|gotten|bought|paid|sent|told|left|forgot"
    r"|forgotten|known|seen|taken|\w+ed)\b)"
)
_NOT_NEEDED = r"(?:is|are)\s+no\s+longer\s+needed"
_REOPEN_VERB = r"(?:uncheck|untick|reopen|re-open|unmark|unfinish|restore|undo)"
# "X isn't done", "X is not finished yet", "X is still open": said of a task, it reopens it.
_STILL_OPEN = (
    r"(?:is|are)(?:n't|\s+not)\s+(?:yet\s+)?(?:done|finished|complete|completed)(?:\s+yet)?"
    r"|(?:is|are)\s+still\s+(?:open|pending|not\s+done|to\s+do)"
)
_FROM_LIST = r"(?:\s+from\s+(?:my\s+|the\s+)?(?:to-?do\s+)?(?:list|tasks))?"
_THE_LIST = r"(?:my|the)\s+(?:to-?do\s+|task\s+)?list"
_CROSS_VERB = r"(?:cross|strike|check|tick)"
_ADD_NOUN = r"(?:task|todo|to-?do|item|reminder|entry)"
_DONE_VERBS = "|".join(verb.replace(" ", r"\s+") for verb in DONE_VERBS)
# "have I called the plumber?" (not "have I got …", which asks for a list).
_HAVE_DONE_VERBS = "|".join(
    verb.replace(" ", r"\s+") for verb in DONE_VERBS if verb not in ("got", "did")
)
# Without "I" in front, only verbs whose past tense differs from the imperative ("read" doesn't).
_BARE_DONE_VERBS = "|".join(
    verb.replace(" ", r"\s+")
    for verb in DONE_VERBS
    if verb not in ("read", "did", "finished", "completed")
)

# A span to move a due date by: "an hour", "2 days", "half an hour", "an hour and a half".
_SPAN = (
    r"(?P<amount>\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
    r"|(?:a\s+)?couple(?:\s+of)?|(?:a\s+)?few|half\s+an?)\s*(?P<unit>minutes?|mins?|hours?"
    r"|hrs?|h|days?|weeks?)(?P<and_half>\s+and\s+a\s+half)?"
)
_SHIFTED = rf"(?:(?:the\s+)?{_ID}|(?P<ref>.+?))"
# "task 1 to high", "#2 low priority": one part of "set task 1 to high and task 2 to low".
_PRIORITY_PAIR = (
    rf"(?:the\s+)?(?:(?:task|todo|item|number)\s*)?#?\s*\d+\s+(?:to\s+|as\s+|at\s+)?(?:a\s+)?"
    rf"{_PRIORITY}(?:[\s-]+priority)?"
)
_PAIR = re.compile(
    rf"(?:(?:task|todo|item|number)\s*)?#?\s*(?P<id>\d+)\s+(?:to\s+|as\s+|at\s+)?(?:a\s+)?"
    rf"(?P<level>{_PRIORITY})\b",
    FLAGS,
)


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


_UNTAG_VERB = r"(?:remove|delete|drop|take\s+off|take|strip|clear)"
_DUE_WORDS = r"(?:due\s+date|deadline|due\s+time|due\s+day|date)"
# Taking a reminder off: every verb of a deletion, and "turn off", "stop", "disable".
_UNREMIND = rf"{_DELETE_VERB}|turn\s+off|switch\s+off|disable|stop"
# "the work tag", "tags work and home", "#work": the tags named in a removal.
_TAGS_NAMED = (
    r"(?:the\s+)?(?:tags?\s+(?P<tags>.+?)|(?P<tags2>#\S+(?:\s+#\S+)*)|(?P<tags3>.+?)\s+tags?)"
)
_SET_VERB = r"(?:set|change|update|make|put|mark)"
_SHIFT_VERB = r"(?P<shift>raise|increase|bump(?:\s+up)?|lower|decrease|reduce)"
_PRIORITY_LEVEL = rf"(?P<level>{_PRIORITY})(?:[\s-]+priority)?"


def _when_first(match: re.Match[str], _text: str) -> Intent | None:
    """ "tomorrow I need to call the bank", "on friday: pick up the dry cleaning": a new task
    with that when, if the rest is one said with it at the end."""
    said = f"{match['rest']} {match['when']}"
    intent = _parse(said)
    return intent if intent.kind == "add" and intent.due else None


_ASKING = re.compile(
    r"^(?:what|how|why|when|where|who|which|is|are|do|does|can|could|should"
    r"|whats|hows|whens|wheres|whos|whys|isnt|arent|dont|doesnt)\b",
    FLAGS,
)


_EDITING_VERBS = frozenset(
    {"update", "change", "edit", "rename", "move", "set", "reschedule", "postpone", "push"}
)


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
        return intent
    if prep in ("by", "on", "due") and not _ASKING.match(rest):
        return _add_text(text)
    return None


def _repeating(match: re.Match[str], text: str) -> Intent | None:
    """ "every monday: take out the bins"."""
    if _parse(match["rest"]).kind != "unknown":
        return None
    return _add_text(text)


# "delete everything except the rent task", "complete all but milk", "mark all done except task
# 3": what a bulk action leaves out.
_EXCEPT = (
    r"^(?P<head>.+?)(?:[\s,]+(?:but(?:\s+not)?|except(?:\s+for)?|excluding|other\s+than"
    r"|apart\s+from|aside\s+from|besides|save\s+for|minus)|\s*,\s*(?:not|leave|keep))\s+"
    r"(?P<keep>.+?)(?:\s+(?:alone|as\s+it\s+is))?$"
)


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


def _fixed(kind: IntentKind) -> Builder:
    return lambda _match, text: Intent(kind, text=text)


def _rules(*pairs: tuple[str, Builder]) -> list[tuple[re.Pattern[str], Builder]]:
    return [(re.compile(pattern, FLAGS), build) for pattern, build in pairs]


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
    # "don't delete the milk task", "do not complete task 2", "no, don't": a change refused is
    # a no (to the open question, if any), never the change.
    (
        r"^(?:(?:no|nope|nah|wait)[\s,!.]+)?(?:please\s+)?(?:don't|dont|do\s+not|never|i\s+(?:don't"
        r"|dont|do\s+not)\s+want\s+(?:you\s+)?to)(?:\s+(?:delete|remove|erase|clear|wipe|complete"
        r"|finish|mark|check|tick|cross|change|rename|edit|update|move|postpone|reschedule|touch"
        r"|cancel|drop|scrap|undo|reopen|uncheck|do\s+(?:it|that|anything|this))\b.*)?$",
        _fixed("no"),
    ),
    # "did that already", "already done", "I did it already": the task talked about is done
    # (after "Do you want to complete …?", a yes).
    (
        r"^(?:(?:i|we)\s+)?(?:(?:already\s+)?(?:did|done|finished|completed)(?:\s+(?:it|that|this))?"
        r"\s+already|already\s+(?:did|done|finished|completed)(?:\s+(?:it|that|this))?)$"
        r"|^(?:it'?s|that'?s|it\s+is|that\s+is)\s+(?:done\s+already|already\s+done)$",
        lambda _match, text: Intent("complete", pronoun=True, text=text),
    ),
    (rf"^(?:the\s+)?(?P<ordinal>{_ORDINAL})(?:\s+(?:one|task|option))?$", _choose),
    (r"^(?:(?:task|number|no\.?)\s*)?#?\s*(?P<id>\d+)$", _choose),
    # Conversation
    (
        r"^(?:help(?:\s+me)?|\?|commands|menu|usage|what\s+can\s+(?:you|i)\s+(?:do|say|ask)"
        r"|what\s+do\s+you\s+do|how\s+does\s+this\s+work|how\s+do\s+i\s+use\s+(?:this|you)"
        r"|who\s+are\s+you|what\s+are\s+you|are\s+you\s+(?:a\s+|an\s+)?(?:bot|robot|ai|human"
        r"|person|real|machine))$",
        _fixed("help"),
    ),
    # "what's up", "how are you": a greeting.
    (
        r"^(?:what'?s\s+up|wh?at\s+up|sup|how\s+are\s+you(?:\s+doing)?(?:\s+today)?"
        r"|how'?s\s+it\s+going)$",
        _fixed("greeting"),
    ),
    (
        # "lol thanks", "haha ok", "ok cool": a laugh or a second word of thanks is still thanks.
        r"^(?:(?:lol|haha+|hehe|lmao|ok(?:ay)?|oh)[\s,!.]+)?"
        r"(?:thanks|thank\s+you|thx|ty|cheers|ok(?:ay)?|great|perfect|awesome|cool|nice|got\s+it"
        r"|lol|haha+|hehe|lmao)(?:\s+(?:so\s+much|a\s+lot|very\s+much))?$",
        _fixed("thanks"),
    ),
    # "the garage can wait", "the report can wait till next week": nothing to change now.
    (
        r"^(?!(?:what|which|who|it|this|that|everything|all|nothing)\b)(?P<ref>.+?)\s+can\s+"
        r"(?:wait|be\s+done\s+later)(?:\s+(?:for\s+now|a\s+bit|a\s+while))?$",
        _fixed("no"),
    ),
    # A bulk action with exceptions (before the bulk action itself, which would read the
    # exception as part of a name)
    (_EXCEPT, _except),
    # Several tasks by number
    (rf"^(?:complete|finish|check\s+off|tick\s+off|close)\s+{_NUMBERS}$", _several("complete")),
    (rf"^(?:mark|set)\s+{_NUMBERS}\s+(?:as\s+)?{_DONE_WORD}$", _several("complete")),
    (rf"^{_DELETE_VERB}\s+{_NUMBERS}$", _several("delete")),
    # Paging: the rest of the last list
    (
        r"^(?:show\s+(?:me\s+)?|see\s+|list\s+)?(?:(?:the\s+)?more|the\s+rest|next(?:\s+page)?"
        r"|(?:the\s+)?next\s+(?:page|ones|tasks)|more\s+tasks|keep\s+going)$",
        _fixed("more"),
    ),
    # Description, priority, reminder and recurrence of a task, cleared or set (before deleting:
    # "cancel the reminder on task 2", "remove the notes from task 2" change the task)
    (
        rf"^(?:clear|remove|delete|drop|erase)\s+(?:the\s+)?{_DESC_WORD}\s+(?:of|from|for|on)\s+"
        rf"(?:the\s+)?{_ID}$",
        _clear_description,
    ),
    (
        rf"^(?:remove|clear|drop|reset)\s+(?:the\s+)?priority\s+(?:of|from|for|on)\s+(?:the\s+)?{_ID}$",
        _clear_priority,
    ),
    (
        rf"^no\s+priority\s+(?:for|on)\s+(?:the\s+)?{_ID}$",
        _clear_priority,
    ),
    (
        rf"^{_DESC_WORD}\s+(?:for|of|on)\s+(?:the\s+)?{_ID}\s*:\s*(?P<desc>.+)$",
        _update_description,
    ),
    (rf"^{_ID}(?:'s)?\s+{_DESC_WORD}\s*:\s*(?P<desc>.+)$", _update_description),
    (
        rf"^(?:cancel|remove|delete|clear|drop|turn\s+off|disable)\s+(?:the\s+|my\s+)?reminders?"
        rf"\s+(?:on|for|from|of|about)\s+(?:the\s+)?{_ID}$",
        _clear_reminder,
    ),
    (
        rf"^(?:set|add|create|put|make)\s+(?:a\s+|the\s+)?reminder\s+(?:for|on|about)\s+(?:the\s+)?"
        rf"{_ID}\s+(?P<offset>{_OFFSET})$",
        _remind_offset,
    ),
    (
        rf"^(?:set|add|create|put|make)\s+(?:a\s+|the\s+)?reminder\s+(?:for|on|about)\s+(?:the\s+)?"
        rf"{_ID}\s+(?:for\s+)?(?P<when>{WHEN_PATTERN})$",
        _remind_at,
    ),
    (rf"^(?:stop\s+repeating|(?:don't|do\s+not)\s+repeat)\s+(?:the\s+)?{_ID}$", _stop_repeating),
    (
        rf"^(?:make|set)\s+(?:the\s+)?{_ID}\s+(?:not\s+(?:repeat|recur)(?:ring)?|non-?recurring"
        r"|(?:a\s+)?one-?(?:off|time)(?:\s+task)?)$",
        _stop_repeating,
    ),
    (
        r"^(?:remove|clear|delete|drop|cancel|stop)\s+(?:the\s+)?(?:recurrence|repeat|repetition"
        rf"|repeating|schedule)\s+(?:of|from|on|for)\s+(?:the\s+)?{_ID}$",
        _stop_repeating,
    ),
    (
        rf"^{_ID}\s+(?:should\s+)?(?:not|no\s+longer|doesn't|does\s+not)\s+(?:need\s+to\s+)?"
        r"(?:repeat|recur)(?:\s+any\s*more)?$",
        _stop_repeating,
    ),
    (
        rf"^(?:make|set|have)\s+(?:the\s+)?{_ID}\s+(?:to\s+)?(?:repeat|recur)\s+"
        rf"(?P<rec>{RECURRENCE_PATTERN})$",
        _repeat,
    ),
    # Priority, tags and due dates of a task
    # "change it back to high", "set task 3 back to low": said after a change, to undo it.
    (
        r"^(?P<verb>change|set|make|put|turn|switch|move)\s+(?P<target>.+?)\s+back\s+to\s+"
        r"(?P<rest>.+)$",
        _back_to,
    ),
    (
        rf"^(?:set|make|mark|change|put)\s+{_PRIORITY_PAIR}(?:(?:\s*,\s*|\s+)(?:and\s+)?"
        rf"(?:(?:set|make|mark|change|put)\s+)?{_PRIORITY_PAIR})+$",
        _set_priorities,
    ),
    # "set the report to high and the milk to low": two tasks by name, two lookups — each is
    # asked for in a message of its own, nothing changed.
    (
        rf"^(?P<verb>set|make|mark|change|put)\s+(?P<a>.+?)\s+(?:to\s+|as\s+)?(?:a\s+)?"
        rf"(?P<p1>{_PRIORITY})(?:[\s-]+priority)?\s*(?:,\s*|\s+)and\s+(?:(?:set|make|mark|change"
        rf"|put)\s+)?(?P<b>.+?)\s+(?:to\s+|as\s+)?(?:a\s+)?(?P<p2>{_PRIORITY})(?:[\s-]+priority)?$",
        lambda match, _text: _priorities_by_name(match),
    ),
    (
        rf"^(?:make|mark|set|flag|change|bump)\s+(?:the\s+)?{_ID}\s+(?:as\s+|to\s+)?{_PRIORITY_PHRASE}$",
        _set_priority,
    ),
    (
        rf"^{_SET_VERB}\s+(?:the\s+)?priority\s+(?:of|for|on)\s+(?:the\s+)?{_ID}"
        rf"\s+(?:to|as|at)\s+{_PRIORITY_LEVEL}$",
        _set_priority,
    ),
    (
        rf"^(?:{_SET_VERB}\s+)?(?:the\s+)?{_ID}(?:'s)?\s+priority\s+(?:to\s+|as\s+|at\s+|[:=]\s*)?"
        rf"{_PRIORITY_LEVEL}$",
        _set_priority,
    ),
    (
        rf"^{_SET_VERB}\s+(?:the\s+)?priority\s+(?:to\s+)?{_PRIORITY_LEVEL}\s+(?:for|on|of)"
        rf"\s+(?:the\s+)?{_ID}$",
        _set_priority,
    ),
    (
        rf"^{_SHIFT_VERB}\s+(?:the\s+)?priority\s+(?:of|for|on)\s+(?:the\s+)?{_ID}$",
        _shift_priority,
    ),
    (rf"^prioriti[sz]e\s+(?:the\s+)?{_ID}$", _set_priority),
    (rf"^{_ID}\s+is\s+{_PRIORITY_PHRASE}$", _set_priority),
    (rf"^untag\s+(?:the\s+)?{_ID}$", _remove_all_tags),
    (
        rf"^{_UNTAG_VERB}\s+(?:all\s+)?(?:the\s+|its\s+)?tags\s+(?:from|off|of|on)\s+"
        rf"(?:the\s+)?{_ID}$",
        _remove_all_tags,
    ),
    (rf"^{_UNTAG_VERB}\s+{_TAGS_NAMED}\s+(?:from|off)\s+(?:the\s+)?{_ID}$", _remove_tags),
    # "tag task 1 health", "label task 2 as work": a number ends the name, so no "as" is needed.
    (rf"^(?:tag|label)\s+(?:the\s+)?{_ID}\s+(?:(?:with|as)\s+)?(?P<tags>.+)$", _add_tags),
    (
        r"^(?:add|put)\s+(?:the\s+|a\s+)?(?:tags?\s+(?P<tags>.+?)|(?P<tags2>#\S+(?:\s+#\S+)*)"
        rf"|(?P<tags3>.+?)\s+tags?)\s+(?:to|on)\s+(?:the\s+)?{_ID}$",
        _add_tags_named,
    ),
    (
        rf"^(?:remove|clear|delete|drop)\s+(?:the\s+)?due\s+date\s+(?:of|from|for|on)\s+(?:the\s+)?{_ID}$",
        _clear_due,
    ),
    (
        r"^(?:remove|clear|delete|drop)\s+(?:the\s+)?due\s+date\s+(?:of|from|for|on)\s+(?P<ref>.+)$",
        _clear_due,
    ),
    # "take the due date off the report", "remove the deadline from the report", "clear the
    # report's due date" (the first added a task of that name).
    (
        rf"^(?:take|get)\s+(?:the\s+)?{_DUE_WORDS}\s+off(?:\s+of)?\s+(?:the\s+)?(?:{_ID}$|(?P<ref>.+)$)",
        _clear_due,
    ),
    (
        rf"^(?:remove|clear|delete|drop)\s+(?:the\s+)?{_DUE_WORDS}\s+(?:of|from|for|on)\s+"
        r"(?P<ref>.+)$",
        _clear_due,
    ),
    (
        rf"^(?:remove|clear|delete|drop|take\s+off)\s+(?:the\s+)?(?P<ref>.+?)(?:'s|’s)\s+"
        rf"{_DUE_WORDS}$",
        _clear_due,
    ),
    (
        rf"^(?:set|change|update|make|move)\s+(?:the\s+)?due\s+date\s+(?:of|for|on)\s+(?:the\s+)?{_ID}"
        r"\s+(?:to|as|for)\s+(?P<when>.+)$",
        _set_due,
    ),
    (
        rf"^(?:make|set)?\s*(?:the\s+)?{_ID}\s+(?:is\s+)?due\s+(?:on\s+|by\s+|at\s+)?(?P<when>.+)$",
        _set_due,
    ),
    (
        rf"^{_SET_VERB}\s+(?:the\s+)?priority\s+(?:of|for|on)\s+(?P<ref>.+?)"
        rf"\s+(?:to|as|at)\s+{_PRIORITY_LEVEL}$",
        _set_priority,
    ),
    (
        rf"^{_SET_VERB}\s+(?:the\s+)?priority\s+(?:to\s+)?{_PRIORITY_LEVEL}\s+(?:for|on|of)"
        r"\s+(?P<ref>.+)$",
        _set_priority,
    ),
    (rf"^{_SHIFT_VERB}\s+(?:the\s+)?priority\s+(?:of|for|on)\s+(?P<ref>.+)$", _shift_priority),
    (
        # "change rent priority to low", "set the dentist's priority to high".
        rf"^{_SET_VERB}\s+(?P<ref>.+?)(?:'s)?\s+priority\s+(?:to\s+|as\s+|at\s+|[:=]\s*)"
        rf"{_PRIORITY_LEVEL}$",
        _set_priority,
    ),
    (r"^prioriti[sz]e\s+(?P<ref>.+)$", _set_priority),
    (r"^untag\s+(?P<ref>.+)$", _remove_all_tags),
    (
        rf"^{_UNTAG_VERB}\s+(?:all\s+)?(?:the\s+|its\s+)?tags\s+(?:from|off|of|on)\s+(?P<ref>.+)$",
        _remove_all_tags,
    ),
    (rf"^{_UNTAG_VERB}\s+{_TAGS_NAMED}\s+(?:from|off)\s+(?P<ref>.+)$", _remove_tags),
    (r"^(?:tag|label)\s+(?P<ref>.+?)\s+(?:with|as)\s+(?P<tags>.+)$", _add_tags),
    # "tag it bills", "tag it #bills": a pronoun ends the name, so no "with" is needed.
    (
        r"^(?:tag|label)\s+(?P<ref>it|that|this(?:\s+one)?|that\s+one)\s+(?P<tags>#?[^\W\d_][\w-]*)$",
        _add_tags,
    ),
    (
        r"^(?:add|put)\s+(?:the\s+|a\s+)?(?:tags?\s+(?P<tags>.+?)|(?P<tags2>#\S+(?:\s+#\S+)*)"
        r"|(?P<tags3>.+?)\s+tags?)\s+(?:to|on)\s+(?P<ref>.+)$",
        _add_tags_named,
    ),
    (
        r"^(?:set|change|update|make|move)\s+(?:the\s+)?due\s+date\s+(?:of|for|on)\s+(?P<ref>.+?)"
        r"\s+(?:to|as|for)\s+(?P<when>.+)$",
        _set_due,
    ),
    (
        rf"^(?:make|mark|set|flag|bump)\s+(?P<ref>.+?)\s+(?:as\s+|to\s+)?{_PRIORITY_PHRASE}$",
        _set_priority,
    ),
    # "the report is not important anymore", "task 3 is no longer urgent": its priority drops
    # to low (never a deletion: the task itself may still be wanted).
    (
        rf"^(?:(?:the\s+)?{_ID}|(?P<ref>.+?))(?:\s+is|\s+are|'s|'re)(?:n't|\s+not|\s+no\s+longer)\s+"
        r"(?:(?:that|so|very|really)\s+)?(?:important|urgent|(?:a\s+)?(?:high\s+|top\s+)?priority"
        r"|pressing)(?:\s+(?:any\s*more|any\s+longer|now|after\s+all))?$",
        _no_longer_important,
    ),
    (
        r"^(?P<ref>.+?)\s+is\s+(?:(?:now\s+)?(?:urgent|important)|(?:a\s+)?(?:high|top)[\s-]+priority)$",
        _named_is_urgent,
    ),
    # Reopen (before completing: "mark task 3 as not done")
    (rf"^{_REOPEN_VERB}\s+(?:the\s+)?{_ID}$", _reopen),
    (rf"^(?:mark|set|flag)\s+(?:the\s+)?{_ID}\s+(?:as\s+)?{_UNDONE_WORD}$", _reopen),
    (rf"^{_ID}\s+(?:{_STILL_OPEN})$", _reopen),
    # Complete by number
    (rf"^(?:mark|set|flag)\s+(?:the\s+)?{_ID}\s+(?:as\s+)?{_DONE_WORD}$", _complete),
    (
        rf"^(?:complete|finish|close|check(?:\s+off)?|tick(?:\s+off)?)\s+(?:the\s+)?{_ID}(?:\s+off)?$",
        _complete,
    ),
    # "task 2 is done", and as a note: "task 2 done", "#2 done" (not by name: "get it done").
    (rf"^{_ID}\s+(?:is\s+)?(?:now\s+)?(?:all\s+)?{_DONE_WORD}$", _complete),
    (
        rf"^i(?:'ve|\s+have)?\s+(?:just\s+)?(?:finished|completed|done|did)\s+(?:with\s+)?{_ID}$",
        _complete,
    ),
    (rf"^(?:i(?:'m|\s+am)\s+)?(?:done|finished)\s+with\s+{_ID}$", _complete),
    (rf"^{_DONE_WORD}\s*:?\s+{_ID}$", _complete),
    # Delete by number
    (rf"^{_DELETE_VERB}\s+(?:the\s+)?{_ID}{_FROM_LIST}$", _delete),
    # Off the list: "take X off my list" deletes it, "cross X off my list" completes it (as
    # "cross off X" does); before lists, which "check the milk off my list" is not.
    (rf"^take\s+(?:the\s+)?{_ID}\s+off\s+{_THE_LIST}$", _delete),
    (rf"^take\s+(?P<ref>.+?)\s+off\s+{_THE_LIST}$", _delete),
    (rf"^{_CROSS_VERB}\s+(?:the\s+)?{_ID}\s+off(?:\s+{_THE_LIST})?$", _complete),
    (rf"^{_CROSS_VERB}\s+(?P<ref>.+?)\s+off\s+{_THE_LIST}$", _complete),
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
    (
        r"^undo(?:\s+(?:that|it))?$",
        lambda _match, _text: Intent("reopen", pronoun=True, text="undo"),
    ),
    (
        r"^(?:i'?m|i\s+am)\s+(?:all\s+)?(?:done|finished|through)\s+for\s+(?:today|now|tonight"
        r"|the\s+(?:day|night|week))$",
        _fixed("bye"),
    ),
    (
        r"^(?:ok(?:ay)?\s+)?(?:that|it|this)(?:'s|\s+is)\s+(?:now\s+)?(?:all\s+)?(?:done|finished"
        r"|complete|completed)$",
        lambda _match, _text: Intent("complete", pronoun=True),
    ),
    # "skip this week's gym", "skip the gym today", "skip task 3": one occurrence of a repeating
    # task (one that does not repeat is told so, nothing changed).
    (
        r"^skip\s+(?:(?P<period>this\s+week|today|tonight|tomorrow)(?:'s|’s)\s+)?"
        rf"(?:the\s+next\s+)?{_SHIFTED}(?:\s+(?:session|class|workout|occurrence|one))?"
        r"(?:\s+(?P<period2>(?:for\s+|just\s+)?(?:this\s+week|the\s+week|today|tonight"
        r"|tomorrow)))?(?:\s+(?:just\s+)?(?:this\s+(?:once|time)))?$",
        _skip,
    ),
    # "move the report to #work", "put task 3 under the home tag": the task's tags become that one.
    (
        rf"^(?:move|put|file|shift|switch)\s+{_SHIFTED}\s+(?:to|in|into|under|over\s+to)\s+"
        r"(?P<tag>#[^\W\d_][\w-]{0,29})$",
        _move_to_tag,
    ),
    (
        rf"^(?:move|put|file|shift|switch)\s+{_SHIFTED}\s+(?:to|in|into|under|over\s+to)\s+"
        r"the\s+(?P<tag>[^\W\d_][\w-]{0,29})\s+tag$",
        _move_to_tag,
    ),
    # Moving a task's due date by a span: "push the dentist back a day", "delay task 3 by 2
    # hours", "bring it forward 30 minutes", "move the meeting an hour later" ("move it forward"
    # says no direction for sure: not understood).
    (
        rf"^(?:push|move|put|shift|bump|set|knock)\s+{_SHIFTED}\s+back\s+(?:by\s+)?{_SPAN}$",
        _shift_due,
    ),
    (
        r"^(?:push\s+back|move\s+back|push\s+out|delay|postpone|put\s+off|defer)\s+"
        rf"{_SHIFTED}\s+(?:by\s+|for\s+)?(?:another\s+)?{_SPAN}$",
        _shift_due,
    ),
    (
        rf"^(?:move|push|shift|make|put|set|bump|reschedule)\s+{_SHIFTED}\s+(?:by\s+)?{_SPAN}"
        r"\s+(?:later|(?P<earlier>earlier|sooner))$",
        _shift_due,
    ),
    (
        rf"^(?P<earlier>bring|pull|move)\s+{_SHIFTED}\s+(?:forward|up)\s+(?:by\s+)?{_SPAN}$",
        _shift_due,
    ),
    (
        rf"^(?P<earlier>bring|pull)\s+(?:forward|up)\s+{_SHIFTED}\s+(?:by\s+)?{_SPAN}$",
        _shift_due,
    ),
    (
        r"^extend\s+(?:the\s+)?(?:deadline|due\s+date)\s+(?:of|for|on)\s+"
        rf"{_SHIFTED}\s+by\s+{_SPAN}$",
        _shift_due,
    ),
    # Moving a task to another day (due dates)
    (
        rf"^(?:move|postpone|reschedule|push|delay|shift|put\s+off)\s+(?:the\s+)?{_ID}\s+"
        rf"(?:back\s+)?(?:to|for|until|till|until)\s+(?P<when>{WHEN_PATTERN})$",
        _reschedule,
    ),
    (
        rf"^(?:move|postpone|reschedule|push(?:\s+back)?|delay|shift|put\s+off)\s+(?P<ref>.+?)\s+"
        rf"(?:back\s+)?(?:to|for|until|till)\s+(?P<when>{WHEN_PATTERN})$",
        _reschedule,
    ),
    # Searching
    (
        r"^(?:find|search(?:\s+for)?|look\s+for|look\s+up|where(?:'s|\s+is))\s+(?:my\s+|the\s+)?"
        # "find anything about the dentist", "find stuff about the bank": about what.
        r"(?:(?:anything|everything|something|stuff|things|tasks?)\s+(?:about|with|for|called"
        r"|named|on|re)\s+)?(?P<ref>.+?)(?:\s+tasks?)?$",
        lambda match, _text: Intent("find", ref=clean_ref(match["ref"])),
    ),
    (
        r"^(?:do\s+i\s+have|is\s+there)\s+(?:a|any)\s+(?:tasks?|todos?)\s+(?:about|with|for|called"
        r"|named)\s+(?P<ref>.+)$",
        lambda match, _text: Intent("find", ref=clean_ref(match["ref"])),
    ),
    # "anything about the dentist?", "any tasks about the bank": looked up (not understood).
    (
        r"^(?:(?:is\s+there\s+|do\s+i\s+have\s+)?anything|any\s+(?:tasks?|todos?))\s+"
        r"(?:about|regarding|re)\s+(?P<ref>.+)$",
        lambda match, _text: Intent("find", ref=clean_ref(match["ref"])),
    ),
    # One task by its number
    (
        r"^(?:show|display|view|open|describe|tell\s+me\s+about|what(?:'s|\s+is|\s+are)"
        r"|details\s+(?:of|for|on)|what\s+about|how\s+about)"
        r"\s+(?:me\s+)?(?:the\s+)?(?:details\s+(?:of|for|on)\s+)?(?:task|todo|item|number|#)\s*#?"
        r"(?P<id>\d+)(?:'s)?(?:\s+details)?$",
        lambda match, _text: Intent("find", task_id=int(match["id"])),
    ),
    # What to do next: the most pressing few pending tasks (before lists: "what's most
    # urgent?" is not only the high-priority ones).
    (
        r"^what\s+(?:should|shall|do|can|must)\s+i\s+(?:do|work\s+on|start\s+(?:on|with)|tackle"
        r"|focus\s+on|get\s+done|deal\s+with|handle|prioriti[sz]e)(?:\s+(?:next|first|now|right\s+now"
        r"|today|this\s+morning|this\s+afternoon))?$"
        r"|^what\s+(?:next|now|to\s+do\s+(?:next|now|first))$"
        r"|^where\s+(?:should|do|shall|can)\s+i\s+(?:start|begin)$"
        r"|^what(?:'s|\s+is)\s+(?:the\s+)?most\s+(?:important|urgent|pressing)(?:\s+(?:thing|task"
        r"|one|to-?do|item))?(?:\s+(?:now|right\s+now))?$"
        r"|^what(?:'s|\s+is|\s+are)\s+my\s+top\s+(?:priority|priorities|tasks?)$"
        r"|^what(?:'s|\s+is|\s+are)\s+(?:my|the)\s+(?:highest|most\s+important)(?:[\s-]+priority)?"
        r"(?:\s+(?:task|thing|one|to-?do|item)s?)?$"
        r"|^what\s+do\s+you\s+(?:suggest|recommend)(?:\s+i\s+do(?:\s+next|\s+first)?)?$",
        _fixed("suggest"),
    ),
    # Questions about one task: when it is due, whether it is done, its priority (before
    # lists: "what's the priority of the rent?" asks about one task, not for a list).
    (
        r"^(?:when(?:'s|\s+is)|what(?:'s|\s+is))\s+(?:my\s+|the\s+)?next\s+(?:task|deadline"
        r"|due\s+date|thing|to-?do|item)(?:\s+due)?$"
        r"|^what(?:'s|\s+is)\s+(?:due\s+)?next\s+(?:on|in)\s+(?:my\s+|the\s+)?(?:to-?do\s+)?"
        r"(?:list|tasks)$",
        _fixed("next"),
    ),
    # "which is due first?", "what's due first?": the pending task due soonest.
    (
        r"^(?:which|what)(?:\s+(?:one|task))?(?:'s|\s+is)\s+(?:due\s+(?:first|soonest|next)"
        r"|(?:first|soonest)(?:\s+due)?)$",
        _fixed("next"),
    ),
    # "do I have anything on saturday?", "is there anything for tomorrow?": that day's list.
    (
        r"^(?:do\s+i\s+have|is\s+there|have\s+i\s+got)\s+(?:anything|something|any\s+tasks?)"
        rf"\s+(?:on|for|due(?:\s+on)?)\s+(?P<day>{_DAY_NAMES}|today|tonight|tomorrow)$",
        lambda match, _text: _parse(f"what do I have on {match['day']}"),
    ),
    (
        r"^what\s+(?:tasks?\s+)?(?:did|have)\s+i\s+(?:just\s+|recently\s+)?(?:add|added|create"
        r"|created)(?:\s+(?P<today>today|so\s+far\s+today|earlier\s+today|this\s+morning)"
        r"|\s+(?:recently|lately|just\s+now|last))?$"
        r"|^(?:show|list)\s+(?:me\s+)?(?:my\s+|the\s+)?(?:recent|recently\s+added|latest|newest"
        r"|last\s+added)\s+(?:tasks|todos|to-?dos|items)$",
        lambda match, _text: Intent("recent", asked="today" if match["today"] else None),
    ),
    (
        r"^(?:when(?:'s|\s+is)|what(?:'s|\s+is))\s+the\s+(?:due\s+date|deadline)\s+(?:of|for|on)"
        r"\s+(?P<ref>.+)$",
        _asking("due"),
    ),
    (r"^when(?:'s|\s+is|\s+are)\s+(?P<ref>.+?)(?:\s+due(?:\s+by)?)?$", _asking("due")),
    (
        r"^when\s+(?:do|should|must|will)\s+i\s+(?:(?:need|have|got)\s+to\s+)?(?P<ref>.+?)"
        r"(?:\s+by)?$",
        _asking("due"),
    ),
    (
        r"^(?:is|are)\s+(?P<ref>.+?)\s+(?:already\s+)?(?:done|complete|completed|finished"
        r"|checked\s+off|ticked\s+off)(?:\s+yet)?$",
        _asking("done"),
    ),
    # "did I delete the rent task?", "was the rent deleted?", "is the rent still on my list?":
    # whether the task is still listed, never a deletion (before "did I …", which would look
    # for a task named "delete rent").
    (
        r"^(?:did|have)\s+i\s+(?:already\s+|just\s+|ever\s+|accidentally\s+)?(?:delete|deleted"
        r"|remove|removed|erase|erased|get\s+rid\s+of|got\s+rid\s+of|trash|trashed)\s+"
        r"(?P<ref>.+?)(?:\s+(?:yet|already|by\s+(?:mistake|accident)|accidentally))?$",
        _asking("kept"),
    ),
    (
        r"^(?:was|is|were|are|has|have)\s+(?P<ref>.+?)\s+(?:been\s+|already\s+)?(?:deleted|removed"
        r"|erased|gone)(?:\s+(?:yet|already))?$",
        _asking("kept"),
    ),
    (r"^did\s+(?P<ref>.+?)\s+get\s+(?:deleted|removed|erased)$", _asking("kept")),
    (
        r"^(?:is|are)\s+(?P<ref>.+?)\s+still\s+(?:on|in)\s+(?:my|the)\s+(?:to-?do\s+|task\s+)?"
        r"list$",
        _asking("kept"),
    ),
    (
        r"^did\s+i\s+(?:already\s+|ever\s+)?(?:(?:finish|complete|do|get\s+done)\s+)?"
        r"(?P<ref>.+?)(?:\s+(?:yet|already))?$",
        _asking("done"),
    ),
    (
        rf"^have\s+i\s+(?:already\s+)?(?:finished|completed|done|{_HAVE_DONE_VERBS})\s+(?P<ref>.+?)"
        r"(?:\s+(?:yet|already))?$",
        _asking("done"),
    ),
    (
        r"^(?:what(?:'s|\s+is)\s+the\s+priority\s+(?:of|for|on)|how\s+(?:important|urgent)"
        r"\s+(?:is|are))\s+(?P<ref>.+)$",
        _asking("priority"),
    ),
    (r"^what\s+priority\s+(?:is|does)\s+(?P<ref>.+?)(?:\s+have)?$", _asking("priority")),
    # "is the rent high priority?", "is task 2 urgent?": answered with its priority, whatever it is.
    (
        r"^(?:is|are)\s+(?P<ref>.+?)\s+(?:(?:a\s+)?(?:high|low|medium|top)[\s-]+priority"
        r"|urgent|important|a\s+priority)$",
        _asking("priority"),
    ),
    (r"^what(?:'s|\s+is)\s+(?P<ref>.+?)'s\s+priority$", _asking("priority")),
    # "what tags does the report have?", "does the gym repeat?", "what's the note on task 2?":
    # one thing about one task, answered from its list entry.
    (
        r"^what\s+tags?\s+(?:does|do|is|are)\s+(?P<ref>.+?)\s+(?:have|tagged(?:\s+with)?|got)$"
        r"|^what(?:'s|\s+is|\s+are)\s+(?:the\s+)?tags?\s+(?:of|on|for)\s+(?P<ref2>.+)$"
        r"|^how\s+(?:is|are)\s+(?P<ref3>.+?)\s+tagged$"
        r"|^(?:is|are)\s+(?P<ref4>.+?)\s+tagged(?:\s+with\s+anything)?$"
        r"|^what\s+(?:category|categories|tags?)\s+(?:is|are)\s+(?P<ref5>.+?)\s+(?:in|under)$",
        _asking("tags"),
    ),
    (
        r"^(?:does|do)\s+(?P<ref>.+?)\s+(?:repeat|recur)(?:\s+(?:at\s+all|anymore|still|daily"
        r"|weekly|monthly|yearly|every\s+\w+(?:\s+\w+)?))?$"
        r"|^when\s+(?:does|do)\s+(?P<ref4>.+?)\s+(?:repeat|recur)$"
        r"|^(?:is|are)\s+(?P<ref2>.+?)\s+(?:a\s+)?(?:repeating|recurring)(?:\s+(?:task|one))?$"
        r"|^how\s+often\s+(?:does|do|is|are)\s+(?P<ref3>.+?)(?:\s+(?:repeat|recur|due))?$",
        _asking("repeat"),
    ),
    (
        r"^what(?:'s|\s+is|\s+are)\s+(?:the\s+)?(?:notes?|description)\s+(?:on|of|for|in"
        r"|attached\s+to)\s+(?P<ref>.+)$"
        r"|^what\s+(?:does|do)\s+(?:the\s+)?(?:notes?|description)\s+(?:on|of|for|in)"
        r"\s+(?P<ref2>.+?)\s+say$"
        r"|^(?:does|do)\s+(?P<ref3>.+?)\s+have\s+(?:a\s+|any\s+)?(?:notes?|description)$"
        r"|^(?:any|are\s+there\s+(?:any\s+)?)\s*notes?\s+(?:on|for|in)\s+(?P<ref4>.+)$",
        _asking("note"),
    ),
    # One task by its name (before lists: "what are the details of the plumber task?")
    (
        r"^(?:(?:what\s+are|what(?:'s|\s+is)|show\s+(?:me\s+)?|give\s+me|get)\s+)?(?:the\s+)?"
        r"(?:details|info|information)\s+(?:of|for|on|about)\s+(?P<ref>.+)$",
        _one_task,
    ),
    (r"^(?:tell\s+me\s+(?:more\s+)?about|describe)\s+(?P<ref>.+)$", _one_task),
    (
        r"^(?:show|display|view|open|pull\s+up)\s+(?:me\s+)?(?P<ref>the\s+.+?\s+(?:task|todo|item))$",
        _one_task,
    ),
    # Counting
    (r"^how\s+many\b.*$", _count),
    (r"^(?:count|number\s+of)\s+(?:my\s+)?(?:\w+\s+)?(?:tasks|todos|items)\b.*$", _count),
    # The reminders set: "what reminders do I have", "show my reminders", "any reminders set",
    # "which tasks have reminders" (before the lists: the tasks of a reminder list are narrowed).
    (
        r"^(?:(?:show|list|display|view|see|get|give|check|read)(?:\s+me)?\s+(?:all\s+)?"
        r"(?:(?:my|the)\s+)?|(?:what|which)(?:\s+are)?\s+(?:all\s+)?(?:(?:my|the)\s+)?"
        r"|(?:do\s+i\s+have|have\s+i\s+(?:got|set)|are\s+there|any)\s+(?:any\s+)?"
        r"|(?:all\s+)?my\s+)?(?:active\s+|pending\s+|upcoming\s+|current\s+)?reminders"
        r"(?:\s+(?:do\s+i\s+have|have\s+i\s+(?:got|set)|are\s+there|are\s+set|i\s+(?:have|set)"
        r"|coming\s+up))?(?:\s+(?:set|on|now|right\s+now|at\s+the\s+moment))?$"
        r"|^(?:which|what)\s+(?:tasks?|todos?|to-?dos?|ones?|items)\s+(?:have|has)\s+(?:a\s+)?"
        r"reminders?(?:\s+(?:set|on))?$",
        lambda _match, _text: Intent("list", status="pending", reminders=True),
    ),
    # List
    (
        r"^(?:show|list|display|see|view|get(?!\s+rid\b)|give|tell|print|read|check(?!\s+off\b)"
        r"|let\s+me\s+(?:see|view|check|have\s+a\s+look\s+at)"
        r"|(?:take\s+a\s+)?look\s+(?:at|over)|pull\s+up|go\s+(?:over|through))\b.*\b(?:tasks?|todos?"
        r"|to-?dos?|list|items|everything|pending|completed|done|finished|overdue|tagged|priority"
        r"|urgent|important|due|recurring|repeating)\b.*$",
        _list,
    ),
    (
        r"^what(?:'?s|\s+is|\s+are|\s+were)\b.*\b(?:tasks?|todos?|to-?dos?|list|pending|left"
        r"|remaining|outstanding|open|incomplete|unfinished|done|completed|finished|due|plate"
        r"|overdue|late|tagged|urgent|important|priority)\b.*$",
        _list,
    ),
    (
        r"^what\s+(?:have|did)\s+i\s+(?:already\s+)?(?:complete|completed|finish|finished|done|do"
        r"|get\s+done|accomplish(?:ed)?)\b.*$",
        _done_list,
    ),
    (
        r"^what\s+(?:do|should|must)\s+i\s+(?:still\s+)?(?:(?:have|need|got)\s+)?(?:to\s+)?do\b.*$",
        _list,
    ),
    (
        r"^(?:do\s+i\s+have|have\s+i\s+got|is\s+there|are\s+there"
        r"|which\s+(?:tasks?\s+|ones?\s+)?(?:are|is)"
        r"|what\s+tasks?\s+(?:are|is)|any\s+tasks?)\s+(?:anything|something|any\s+tasks?|a\s+task|tasks?)?"
        r"\s*(?:about|with|for|mentioning|called|named|on)\s+(?P<ref>.+)$",
        lambda match, _text: Intent("find", ref=clean_ref(match["ref"])),
    ),
    (
        # "do I have any meetings?": the tasks that name them (a list when the words are a
        # filter: "do I have any overdue tasks?").
        r"^(?:do|have)\s+i\s+(?:have|got)\s+any\s+(?P<ref>.+)$",
        lambda match, text: _named_task(match["ref"]) or _list(match, text),
    ),
    (r"^(?:do|have)\s+i\s+(?:have|got)\s+(?:any|anything|many)\b.*$", _list),
    (r"^(?:is|are)\s+there\s+(?:any|anything)\b.*$", _list),
    (
        r"^(?:is|are)\s+(?:anything|any\s+tasks?|something)\s+(?:overdue|late|due|urgent|left|pending)\b.*$"
        r"|^am\s+i\s+behind\b.*$",
        lambda match, text: _filtered("list", "overdue" if text.lower().startswith("am") else text),
    ),
    (r"^(?:what|which)\s+(?:tasks?|todos?|to-?dos?|items|things)\b.*$", _list),
    # "what about tomorrow?", "how about the overdue ones?": a list when the words are a filter.
    (r"^(?:what|how)\s+about\s+.+$", _filtered_list),
    # "which ones are due today", "which are overdue": as "which tasks …" when a filter is named.
    (r"^which(?:\s+ones?)?\s+(?:are|is)\s+.+$", _filtered_list),
    (
        r"^(?:what|which\s+ones?)\s+(?:repeats?|recurs?|(?:is|are)\s+(?:recurring|repeating))$",
        _list,
    ),
    (
        r"^(?:what'?s|what\s+is|show\s+(?:me\s+)?(?:my\s+)?)\s*(?:coming\s+up|upcoming(?:\s+tasks)?"
        r"|next\s+up)$",
        lambda _match, _text: Intent("list", status="pending", sort="due"),
    ),
    (
        r"^what\s+(?:do|have|did)\s+i\s+(?:got|have|get)\b.*$",
        lambda match, text: replace(_filtered("list", text), status="pending"),
    ),
    (
        r"^(?:what'?s|what\s+is)\s+(?:on\s+|up\s+|planned\s+)?(?:for\s+)?(?:tomorrow|next\s+week"
        r"|monday|tuesday|wednesday|thursday|friday|saturday|sunday)$",
        _list,
    ),
    (
        r"^(?:what'?s|what\s+is)\s+(?:next|(?:on\s+|up\s+|planned\s+)?(?:for\s+)?(?:today|tonight))$",
        _pending_list,
    ),
    (r"^(?:show|list|display|view|see)(?:\s+(?:all|everything|me|my|them|it))*$", _list),
    (
        r"^(?:any|anything)\s+(?:tasks?\s+)?(?:left|pending|remaining|due|to\s+do|urgent|important|for"
        r"|overdue|late|high[\s-]+priority)\b.*$",
        _list,
    ),
    (
        r"^(?:(?:my|all|all\s+my|the)\s+)?(?:(?:pending|open|incomplete|unfinished|outstanding"
        r"|remaining|completed|done|finished)\s+)?(?:tasks?|todos?|to-?dos?|to-?do\s+list|list)$",
        _list,
    ),
    (r"^(?:pending|completed|done|finished|open|remaining|outstanding)$", _list),
    # "everything including completed", "all tasks, done ones too": a list said without a verb.
    (
        r"^(?:everything|all(?:\s+(?:my\s+)?(?:tasks|todos|to-?dos|items))?|(?:all\s+)?my\s+"
        r"(?:tasks|todos|to-?dos))\s*,?\s+(?:including|incl\.?|with|plus|and|even|(?:the\s+)?"
        r"(?:done|completed|finished)\s+ones)\b.*$",
        _list,
    ),
    (r"^(?:my\s+)?(?:tasks|todos|to-?dos)\b.*$", _list),
    (r"^my\s+[^\W\d_][\w-]*\s+(?:tasks|todos|to-?dos)$", _list),
    (r"^(?:sort|order)\s+(?:my\s+|the\s+)?(?:tasks|todos|to-?dos|list)\b.*$", _list),
    (
        r"^(?:(?:my|all|all\s+my|the)\s+)?(?:tasks?|todos?)\s+(?:tagged|with\s+(?:the\s+)?tag|due"
        r"|that\s+are\s+(?:overdue|due|urgent))\b.*$",
        _list,
    ),
    # Filters alone: "high-priority ones", "overdue", "#family", "!high", "urgent"
    (
        r"^(?:(?:the|my|all|all\s+my|any)\s+)?(?:(?:high|low|medium|top)[\s-]+priority|urgent|important"
        r"|overdue|#[^\W\d_][\w-]*|tagged\s+#?\w[\w-]*|due\s+(?:today|this\s+week)"
        r"|recurring|repeating|one-?off|one-?time|non-?recurring)"
        r"(?:\s+(?:ones|tasks?|todos?|items|stuff|things))?$",
        _list,
    ),
    (
        rf"^!(?P<prio>{_PRIORITY})$",
        lambda match, text: _filtered("list", match["prio"] + " priority"),
    ),
    # Bulk clean-up: "clear completed tasks", "clear my list"
    (r"^(?:clear|clean\s+up|purge|wipe|empty)\s+(?:out\s+)?(?P<ref>.+?)(?:\s+out)?$", _clear),
    # A note for a task named in free text (before the generic "add X")
    (
        rf"^(?:add|set)\s+(?:a\s+|the\s+)?{_DESC_WORD}\s+(?:to|for|on)\s+(?P<ref>.+?)\s*:\s*"
        r"(?P<desc>.+)$",
        _update_description,
    ),
    # A note with no task named ("add a note: ask about the boiler"): for the task just talked
    # about, never a new task named "A note: …".
    (
        rf"^(?:add|put|set|attach)\s+(?:a\s+|the\s+)?{_DESC_WORD}\s*(?::|\s+saying|\s+that)\s*"
        r"(?P<desc>.+)$",
        lambda match, _text: Intent(
            "update", pronoun=True, description=strip_quotes(match["desc"])
        ),
    ),
    # The same, of a task named in free text
    (
        rf"^(?:clear|remove|delete|drop|erase)\s+(?:the\s+)?{_DESC_WORD}\s+(?:of|from|for|on)\s+"
        r"(?P<ref>.+)$",
        _clear_description,
    ),
    (
        r"^(?:remove|clear|drop|reset)\s+(?:the\s+)?priority\s+(?:of|from|for|on)\s+(?P<ref>.+)$",
        _clear_priority,
    ),
    (
        rf"^(?:make|set)\s+(?P<ref>.+?)\s+due\s+(?:on\s+|by\s+|at\s+|for\s+)?(?P<when>{WHEN_PATTERN})$",
        _set_due,
    ),
    (
        # "the dentist is on thursday", "the plumber is due friday", "buy milk should be
        # tomorrow", "the meeting is now at 5pm": a task already listed moves (never a new one
        # named "The plumber should be"); "add X is due Y" is left to adding.
        r"^(?!(?:add|put|create|new|jot|note|remind|todo|anything|something|everything|what|which)\b)"
        r"(?P<ref>.+?)\s+(?:is|should\s+be"
        r"|needs\s+to\s+be)\s+(?:now\s+)?(?:due\s+(?:on\s+|at\s+|for\s+|by\s+)?|(?:on|at|for)\s+"
        rf"|(?<=be\s)|(?<=now\s))(?P<when>{WHEN_PATTERN})(?:\s+(?:now|instead))?$",
        _set_due,
    ),
    (
        # "set the meeting for 3pm", "make the meeting at 2pm": a task already listed moves (a
        # lookup finds it, or says nothing matches), never a new "Set the meeting".
        r"^(?:set|make)\s+(?P<ref>the\s+.+?)\s+(?:for|at|to|on)\s+"
        rf"(?P<when>{WHEN_PATTERN})$",
        _set_due,
    ),
    (
        # "move the dentist thursday", "push the plumber friday": a change without "to".
        r"^(?:move|postpone|reschedule|push|shift|set)\s+(?P<ref>(?:the|my)\s+.+?)\s+"
        rf"(?P<when>{WHEN_PATTERN})$",
        _set_due,
    ),
    (
        # "make the gym every weekday": how a listed task repeats (it added "Make the gym").
        rf"^make\s+(?P<ref>(?:the|my|it|that|this)\b.*?)\s+(?:repeat\s+|recur\s+)?"
        rf"(?P<rec>{RECURRENCE_PATTERN})(?:\s+instead)?$",
        _repeat,
    ),
    (
        # "make the dentist thursday": a move asked about first, or a new task ("make the bed
        # tomorrow") when no task is named so.
        rf"^make\s+(?P<ref>(?:the|my)\s+.+?)\s+(?P<when>{WHEN_PATTERN})$",
        _make_due,
    ),
    (
        # "update the dentist: due monday", "change the rent, due friday".
        r"^(?:update|change|edit)\s+(?P<ref>.+?)\s*[:,;–—-]?\s+due\s+(?:on\s+|by\s+|at\s+"
        rf"|for\s+)?(?P<when>{WHEN_PATTERN})$",
        _set_due,
    ),
    (
        # "make it tomorrow", "make that friday at 5pm": the task just talked about moves.
        r"^(?:make|set|have|put)\s+(?P<ref>it|that|this|that\s+one|this\s+one)\s+"
        rf"(?:due\s+|for\s+|on\s+|to\s+)?(?P<when>{WHEN_PATTERN})$",
        _set_due,
    ),
    (
        rf"^(?:{_UNREMIND})\s+(?:the\s+|my\s+)?reminders?"
        r"\s+(?:on|for|from|of|about)\s+(?P<ref>.+)$",
        _clear_reminder,
    ),
    # "remove the report's reminder", "delete the report task reminder", "remove its reminder":
    # the reminder goes, never the task (these deleted it).
    (
        rf"^(?:{_UNREMIND})\s+(?:the\s+|my\s+)?(?P<ref>.+?)(?:'s|’s|\s+task)?\s+reminders?"
        r"(?:\s+please)?$",
        _clear_reminder,
    ),
    (
        r"^(?:set|add|create|put|make)\s+(?:a\s+|the\s+)?reminder\s+(?:for|on|about)\s+(?P<ref>.+?)"
        rf"\s+(?P<offset>{_OFFSET})$",
        _remind_offset,
    ),
    (
        r"^(?:set|add|create|put|make)\s+(?:a\s+|the\s+)?reminder\s+(?:for|on|about)\s+(?P<ref>.+?)"
        rf"\s+(?:for\s+)?(?P<when>{WHEN_PATTERN})$",
        _remind_at,
    ),
    (
        # "snooze the oven reminder for 10 minutes", "snooze it until tomorrow morning".
        r"^snooze\s+(?:the\s+reminder\s+(?:for|on|about|of)\s+)?(?P<ref>.+?)(?:'s)?"
        r"(?:\s+reminder)?\s+(?:(?:for\s+)?(?:another\s+)?(?P<amount>an?|one|half\s+an|\d+|"
        + "|".join(WORD_NUMBERS)
        + r")\s*(?P<unit>minutes?|mins?|hours?|hrs?|days?)(?:\s+more)?"
        rf"|(?:until|till|til|to)\s+(?P<when>{WHEN_PATTERN}))$",
        _snooze,
    ),
    (r"^(?:stop\s+repeating|(?:don't|do\s+not)\s+repeat)\s+(?P<ref>.+)$", _stop_repeating),
    (
        r"^(?:remove|clear|delete|drop|cancel|stop)\s+(?:the\s+)?(?:recurrence|repeat|repetition"
        r"|repeating)\s+(?:of|from|on|for)\s+(?P<ref>.+)$",
        _stop_repeating,
    ),
    (
        r"^(?:make|set|have)\s+(?P<ref>.+?)\s+(?:not\s+(?:repeat|recur)(?:ring)?|non-?recurring"
        r"|(?:a\s+)?one-?(?:off|time)(?:\s+task)?)$",
        _stop_repeating,
    ),
    (
        rf"^(?:make|set|have)\s+(?P<ref>.+?)\s+(?:to\s+)?(?:repeat|recur)\s+(?P<rec>{RECURRENCE_PATTERN})$",
        _repeat,
    ),
    # A task said with when it repeats or is due, without "add"
    (
        rf"^(?P<when>(?:on\s+|by\s+)?(?:today|tonight|tomorrow|tmrw|(?:next\s+|this\s+)?(?:{_DAY_NAMES})"
        r"(?:\s+(?:morning|afternoon|evening|night))?))\s*[:,–—-]?\s+(?P<rest>.+)$",
        _when_first,
    ),
    (rf"^{RECURRENCE_PATTERN}\s*[:–—-]\s*(?P<rest>.+)$", _repeating),
    (rf"^(?P<rest>.+?)[\s,]+{RECURRENCE_PATTERN}(?:{_PRIORITY_CLAUSE})?$", _standalone),
    (
        rf"^(?P<rest>.+?)[\s,]+(?:(?P<prep>by|on|due|at|before)\s+)?{WHEN_PATTERN}"
        rf"(?:{_PRIORITY_CLAUSE})?$",
        _standalone,
    ),
    # Add
    (
        rf"^(?:add|create|make|new)(?:\s+(?:a|an|another|one))?(?:\s+new)?(?:\s+{_ADD_NOUN})?$",
        _fixed("add_missing_title"),
    ),
    # "add a reminder to call the bank tomorrow": as "remind me to call the bank tomorrow".
    (
        r"^(?:add|create|make|new|put|set)(?:\s+(?:a|an|another|one))?(?:\s+new)?\s+reminder"
        r"(?:\s+to|\s*[:–—-])\s*(?P<rest>.+)$",
        _remind_to,
    ),
    (
        rf"^(?:add|create|make|new|put)(?:\s+(?:a|an|another|one))?(?:\s+new)?"
        r"(?:\s+(?P<adj>urgent|important|(?:high|low|medium)[\s-]priority))?\s+"
        rf"{_ADD_NOUN}s?\b"
        r"(?:\s+(?:to|called|named|titled|for|saying|that\s+says"
        r"|with\s+(?:the\s+|a\s+)?(?:title|name)(?:\s+of)?))?\s*[:–—-]?\s*(?P<rest>.+)$",
        _add,
    ),
    (rf"^(?:{_ADD_NOUN}|to\s+do|new|note\s+to\s+self|memo)\s*[:–—-]\s*(?P<rest>.+)$", _add),
    # "todo buy cheese": "todo" with no colon, before a task verb.
    (r"^(?:todo|to-do)\s+(?P<rest>(?P<verb>[^\W\d_]+)\b.*)$", _todo),
    # "add to do: clean room" ("to do" spelt apart, as a noun).
    (r"^(?:add|put)\s+(?:a\s+)?to\s+do\s*[:–—-]\s*(?P<rest>.+)$", _add),
    (r"^(?:add|jot\s+down|note\s+down|write\s+down)\s*:?\s+(?P<rest>.+)$", _add),
    # "put milk on my list", "put down call mom": "put the kettle on" is a task of its own.
    (
        rf"^put\s+(?:down\s*:?\s+)?(?P<rest>.+?\s+(?:on|in|onto|to)\s+{_THE_LIST}\b.*)$",
        _add,
    ),
    (r"^put\s+down\s*:?\s+(?P<rest>.+)$", _add),
    (rf"^remind\s+me\s+(?P<offset>{_OFFSET})$", _remind_offset),
    # "remind me at 10:20am", "remind me tomorrow at 9": about the task the conversation is on
    # (it added a task "Remind me").
    (
        rf"^remind\s+me\s+(?P<when>(?:at\s+|on\s+)?{WHEN_PATTERN})$",
        lambda match, text: Intent(
            "update",
            pronoun=True,
            # With its words: after an add, "…, remind me at 4pm" is not merged as an offset
            # is (which day's 4pm is not for a guess).
            text=text,
            reminder=re.sub(r"^(?:at|on)\s+(?=\S+\s*(?:am|pm)|\d{1,2}:\d\d)", "", match["when"]),
        ),
    ),
    (rf"^remind\s+me\s+(?:about|of)\s+(?:the\s+)?{_ID}\s+(?P<offset>{_OFFSET})$", _remind_offset),
    (rf"^remind\s+me\s+(?:about|of)\s+(?:the\s+)?{_ID}\s+(?P<when>{WHEN_PATTERN})$", _remind_at),
    # "remind me about task 1 at 10am yesterday": a task by number is never a new task's title;
    # a when the rules cannot place goes to the tools, whose refusal is told.
    (
        rf"^remind\s+me\s+(?:about|of)\s+(?:the\s+)?{_ID}\s+(?P<when>(?:at|on|for)\s+.+)$",
        _remind_at,
    ),
    (rf"^remind\s+me\s+(?:about|of)\s+(?P<ref>.+?)\s+(?P<offset>{_OFFSET})$", _remind_offset),
    (
        rf"^remind\s+me\s+(?P<when>(?:on\s+)?{WHEN_PATTERN})\s*,?\s+to\s+(?P<rest>.+)$",
        _remind_when_first,
    ),
    (
        rf"^remind\s+me\s+(?P<when>{RECURRENCE_PATTERN}(?:[\s,]+(?:at\s+)?{CLOCK})?)\s*,?\s+to\s+"
        r"(?P<rest>.+)$",
        _remind_when_first,
    ),
    (
        rf"^(?P<when>{RECURRENCE_PATTERN}(?:[\s,]+(?:at\s+)?{CLOCK})?)\s*,?\s+remind\s+me\s+to\s+"
        r"(?P<rest>.+)$",
        _remind_when_first,
    ),
    (
        r"^remind\s+me\s+(?P<offset>(?:an?|one|half\s+an|\d+)\s+(?:minutes?|mins?|hours?|days?|weeks?)"
        rf"\s+before)\s+(?:the\s+)?{_ID}$",
        _remind_offset,
    ),
    (
        r"^remind\s+me\s+(?P<offset>(?:an?|one|half\s+an|\d+)\s+(?:minutes?|mins?|hours?|days?|weeks?)"
        r"\s+before)\s+(?P<ref>.+)$",
        _remind_offset,
    ),
    (r"^remind\s+me\s+to\s+(?P<rest>.+)$", _remind_to),
    (
        rf"^remind\s+me\s+(?:about|of)\s+(?P<ref>it|that|this|that\s+one|this\s+one)\s+"
        rf"(?P<when>{WHEN_PATTERN})$",
        _remind_at,
    ),
    (
        # "… the report at 2026-12-20T09:00": the "at" before a date is not the task's.
        rf"^remind\s+me\s+(?:about|of)\s+(?P<ref>.+?)\s+(?:(?:at|on)\s+(?=\d{{4}}-))?"
        rf"(?P<when>{WHEN_PATTERN})$",
        _remind_about,
    ),
    (r"^remind\s+me\s+about\s+(?P<rest>.+)$", _add),
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
    (
        r"^(?:(?:don't|do\s+not)\s+(?:let\s+me\s+)?forget(?:\s+about)?|remember\s*:"
        r"|i\s+(?:keep|always)\s+forget(?:ting)?(?:\s+to)?)\s+(?P<rest>.+)$",
        _add,
    ),
    # Reopen / delete / update / complete a task named in free text
    (rf"^{_REOPEN_VERB}\s+(?P<ref>.+)$", _reopen),
    (rf"^(?:mark|set|flag)\s+(?P<ref>.+?)\s+(?:as\s+)?{_UNDONE_WORD}$", _reopen),
    (
        rf"^(?!(?:what|which|who|anything|something|everything|nothing)\b){_NOT_A_TASK}"
        rf"(?P<ref>.+?)\s+(?:{_STILL_OPEN})$",
        _still_open,
    ),
    # "oops, I didn't finish the groceries", "I haven't actually done task 3": it is reopened
    # (a task not done is told so).
    (
        r"^i\s+(?:didn'?t|did\s+not|haven'?t|have\s+not)\s+(?:actually\s+|really\s+)?"
        r"(?:finish(?:ed)?|do(?:ne)?|complete(?:d)?)\s+"
        rf"(?:(?:the\s+)?{_ID}|(?P<ref>.+?))(?:\s+(?:yet|after\s+all))?$",
        _still_open,
    ),
    # "I didn't buy the milk after all": the verb stays in the name ("Pay the plumber" is not
    # "call the plumber").
    (
        r"^i\s+(?:didn'?t|did\s+not|haven'?t|have\s+not)\s+(?:actually\s+|really\s+)?"
        rf"(?P<ref>(?:{'|'.join(sorted(ACTION_VERBS - {''}))})\s+.+?)(?:\s+(?:yet|after\s+all))?$",
        _still_open,
    ),
    # A task no longer needed, said as news: deleted only after a yes
    (rf"^{_NEVER_MIND}\s+(?:the\s+)?{_ID}$", _no_longer_needed),
    (rf"^(?:the\s+)?{_ID}\s+{_NOT_NEEDED}$", _no_longer_needed),
    (rf"^{_NEVER_MIND}\s+{_NOT_A_TASK}(?P<ref>.+)$", _no_longer_needed),
    (rf"^(?P<ref>.+?)\s+{_NOT_NEEDED}$", _no_longer_needed),
    (
        r"^(?:i\s+(?:don't|dont|do\s+not)\s+need|(?:there's\s+|there\s+is\s+)?no\s+need)\s+to\s+"
        r"(?P<ref>.+?)\s+any\s*more$",
        _no_longer_needed,
    ),
    # "the meeting got cancelled", "call mom is called off": news, so asked first (it added a
    # task "Call mom is cancelled").
    (
        r"^(?!(?:what|which|who|it|this|that|everything|all|nothing)\b)(?P<ref>.+?)\s+(?:is|are|was"
        r"|were|got|has\s+been|have\s+been)\s+(?:now\s+)?(?:cancell?ed|called\s+off|scrapped)$",
        _got_cancelled,
    ),
    # "I don't want the meeting anymore", "I don't need my gym task any more": asked first.
    (
        r"^i\s+(?:don't|dont|do\s+not)\s+(?:want|need)\s+(?P<ref>(?:the|my)\s+.+?)"
        r"\s+(?:any\s*more|any\s+longer)$",
        _no_longer_needed,
    ),
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
        # Not "I've got to X" (a new task).
        rf"^i(?:'ve|\s+have)?\s+(?:just\s+|already\s+|finally\s+)?(?P<deed>{_DONE_VERBS})\s+(?!to\s)"
        r"(?P<ref>.+)$",
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
        _complete_or_deadline,
    ),
    (
        rf"^(?P<ref>.+?)\s+(?:is|are)\s+(?:now\s+)?(?:all\s+)?(?:{_DONE_WORD}|over|sorted|handled)$",
        _complete,
    ),
    # "call mom done", "rent - done": a note that may be news or a title ("get it done"), so
    # asked about first (it added a task "Call mom done").
    (
        r"^(?!(?:get|have|got|getting|be|being|need|must|should|will|to|add|put|create|new|jot"
        r"|note|remind|todo)\b)(?!.*\b(?:not|isn't|aren't|wasn't|weren't|what|which|who|we|you"
        r"|i|i'm|is|are|am|was|were|it|they|all|everything)\b)"
        r"(?P<ref>.+?)\s*[-–—:,]?\s+(?:done|finished|completed)$",
        _complete_asked,
    ),
    (rf"^(?P<deed>{_BARE_DONE_VERBS})\s+(?P<ref>.+)$", _complete_or_deadline),
    # "the milk is bought", "the rent has been paid": its deed, as "I bought the milk" reads.
    (
        r"^(?!(?:what|which|who|it|this|that|everything|all|nothing)\b)(?P<ref>.+?)\s+(?:is|are"
        r"|was|were|has\s+been|have\s+been|got)\s+(?:now\s+|already\s+|finally\s+)?"
        rf"(?P<deed>{_DONE_VERBS})(?:\s+(?:now|already|today))?$",
        _deed_said_done,
    ),
    (r"^i(?:\s+want|'d\s+like|\s+would\s+like)\s+to\s+(?P<rest>.+)$", _wish),
    # "I need to X", "I have to X": a new task (after "I need to remember to X")
    (
        r"^i(?:'ve)?\s+(?:really\s+)?(?:need\s+to|have\s+to|must|should|gotta|got\s+to|ought\s+to)"
        rf"\s+{_NOT_REGRET}(?P<rest>.+)$",
        _need_to,
    ),
    # … and without the "I" ("need to buy milk", "gotta call mom"; not "should I …?").
    (
        rf"^(?:really\s+)?(?:need\s+to|have\s+to|must|gotta|got\s+to)\s+{_NOT_REGRET}(?P<rest>.+)$",
        _need_to,
    ),
    # "move the report to work" (no "#"), when nothing else reads it: to the tag "work" if one
    # is in use (looked up first; none: asked to say "#work").
    (
        r"^(?:move|put|file|shift|switch)\s+(?P<ref>.+?)\s+(?:to|into|under)\s+"
        r"(?P<tag>[^\W\d_][\w-]{0,29})$",
        _move_to_known_tag,
    ),
)


def _parse(cleaned: str) -> Intent:
    for pattern, build in RULES:
        match = pattern.match(cleaned)
        if match:
            intent = build(match, cleaned)
            if intent is not None:
                return intent
    return Intent("unknown", text=cleaned)
