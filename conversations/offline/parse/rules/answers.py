"""Rules for answers to the assistant's questions ("yes", "the second", "#4"), the
conversation itself (greetings, thanks, help), many tasks by number and the next page."""

from __future__ import annotations

import re

from ...intents import Intent
from ...phrasings import NO_WORDS, WHEN_PATTERN, YES_WORDS
from ..bulk import _NUMBERS, _several
from ..changes import _set_due
from ..patterns import _DONE_WORD, _ORDINAL, clean_ref
from .rereading import _choose, _except
from .vocabulary import _DELETE_VERB, _EXCEPT, _SHIFTED, _alternatives, _fixed, _rules


def _instead(match: re.Match[str], text: str) -> Intent:
    """ "not milk, mom", "no, I meant mom": the right task's words, and the wrong one's."""
    wrong = clean_ref(match.groupdict().get("wrong") or "") or "that"
    return Intent("unknown", instead=wrong, ref=clean_ref(match["right"]), text=text)


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
    # "no, the other one", "not milk, mom", "no, I meant mom": the task just completed or
    # deleted was the wrong one (read as such only right after one was).
    (
        r"^(?:(?:no+|nope|nah|oops|wait|sorry|wrong(?:\s+one)?)[\s,.!]+)*(?:i\s+meant?\s+|i\s+said"
        r"\s+)?(?:the\s+)?other\s+(?:one|task)(?:\s+(?:please|instead))?$",
        lambda _match, text: Intent("unknown", instead="other", text=text),
    ),
    # "wrong one", "that's the wrong task": which one was meant is asked.
    (
        r"^(?:(?:no+|nope|nah|oops|wait|sorry)[\s,.!]+)*(?:(?:that'?s|that\s+was|you\s+(?:did|got))"
        r"\s+)?(?:the\s+)?wrong\s+(?:one|task)$",
        lambda _match, text: Intent("unknown", instead="that", text=text),
    ),
    (
        r"^(?:(?:no+|nope|nah|oops|wait|sorry)[\s,.!]+)*not\s+(?:the\s+)?(?P<wrong>[^,;]+?)"
        r"\s*(?:[,;]|\s+but)\s*(?:(?:i\s+meant?|i\s+said)\s+)?(?P<right>.+?)(?:\s+instead)?$",
        _instead,
    ),
    (
        r"^(?:(?:no+|nope|nah|oops|wait|sorry)[\s,.!]+)*(?:i\s+meant?|i\s+said)\s+(?!to\b)(?P<right>.+?)"
        r"(?:\s+instead)?$",
        _instead,
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
    # "the plants can wait till tomorrow", "task 3 can wait until friday", "it can wait till
    # monday": the task moves to that day.
    (
        r"^(?!(?:what|which|who|this|everything|all|nothing|anything|something)\b)"
        rf"{_SHIFTED}\s+can\s+(?:wait|be\s+done(?:\s+later)?|be\s+put\s+off)\s+"
        rf"(?:till|until|til|to|for)\s+(?P<when>{WHEN_PATTERN})$",
        _set_due,
    ),
    # "the garage can wait", "the report can wait a bit": nothing to change now.
    (
        r"^(?!(?:what|which|who|it|this|that|everything|all|nothing)\b)(?P<ref>.+?)\s+can\s+"
        r"(?:wait|be\s+done\s+later)(?:\s+(?:for\s+now|(?:for\s+)?a\s+(?:bit|while)"
        r"|(?:till|until)\s+later))?$",
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
)
