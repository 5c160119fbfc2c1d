"""Rules for reopening, completing, deleting and renaming a task by its number."""

from __future__ import annotations

from ...intents import Intent
from ..changes import (
    _bare,
    _complete,
    _delete,
    _reopen,
    _update_description,
    _update_title,
)
from ..patterns import (
    _DESC_WORD,
    _DONE_WORD,
    _ID,
)
from .vocabulary import (
    _CROSS_VERB,
    _DELETE_VERB,
    _EDIT_VERB,
    _FROM_LIST,
    _REOPEN_VERB,
    _STILL_OPEN,
    _THE_LIST,
    _UNDONE_WORD,
    _fixed,
    _rules,
)

RULES = _rules(
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
        r"(?:\s+(?:title|name))?\s*(?:(?:to(?:\s+(?:say|read|be\s+called))?|as|into)\s*:?|:)\s*(?P<title>.+)$",
        _update_title,
    ),
    # "rename task 2 buy bread": the new title said without "to" (only after "rename" and a
    # task by number: "change task 2 tomorrow" is no title).
    (
        r"^(?:rename|retitle)\s+(?:the\s+)?(?:task|todo|to-do|item)\s*(?:number\s*|no\.?\s*)?#?\s*"
        r"(?P<id>\d+)\s+(?P<title>[^\W\d_].*)$",
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
)
