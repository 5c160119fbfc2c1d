"""Rules for reopening, deleting, renaming and completing a task named in free text, news
about a task ("the meeting got cancelled"), wishes and needs ("I need to X"), and a move to a
tag said without "#". Last: the most general patterns."""

from __future__ import annotations

from ...intents import Intent
from ...phrasings import (
    ACTION_VERBS,
)
from ..changes import (
    _DONE_FOR,
    _complete,
    _complete_asked,
    _complete_or_deadline,
    _delete,
    _got_cancelled,
    _move_to_known_tag,
    _no_longer_needed,
    _reopen,
    _still_open,
    _update_description,
    _update_title,
)
from ..patterns import (
    _DESC_WORD,
    _DONE_WORD,
    _ID,
)
from .rereading import _deed_said_done, _need_to, _wish, _wished_request
from .vocabulary import (
    _BARE_DONE_VERBS,
    _DELETE_VERB,
    _DONE_VERBS,
    _EDIT_VERB,
    _FROM_LIST,
    _NEVER_MIND,
    _NOT_A_TASK,
    _NOT_NEEDED,
    _NOT_REGRET,
    _REOPEN_VERB,
    _STILL_OPEN,
    _UNDONE_WORD,
    _rules,
)

RULES = _rules(
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
        # "gym cancelled": the same said short.
        r"^(?!(?:what|which|who|it|this|that|everything|all|nothing|i|we|you|they)\b)(?P<ref>.+?)"
        r"\s+(?:(?:is|are|was|were|got|has\s+been|have\s+been)\s+)?(?:now\s+)?"
        r"(?:cancell?ed|called\s+off|scrapped)$",
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
        r"(?:\s+task)?\s+(?:to(?:\s+(?:say|read|be\s+called))?|as|into)\s+(?P<title>.+)$",
        _update_title,
    ),
    (
        r"^(?:rename|change|update|edit|retitle)\s+(?:the\s+)?(?:(?:title|name)\s+(?:of|for)\s+)?"
        r"(?P<ref>.+?)(?:'s\s+(?:title|name))?\s+(?:to(?:\s+(?:say|read|be\s+called))?|as|into)\s*:?\s+(?P<title>.+)$",
        _update_title,
    ),
    # "mark as done buy milk", "mark complete: task 2": the verb's words first, then the task.
    (
        r"^(?:mark|set|check)\s+(?:it\s+)?(?:as\s+)?(?:done|complete|completed|finished)\s*[:,-]?\s+"
        rf"(?!(?:it|that|this)$)(?:{_ID}|(?P<ref>.+))$",
        _complete,
    ),
    (
        r"^(?:mark|set)\s+(?:as\s+)?(?:done|complete|completed|finished)$",
        lambda _match, text: Intent("complete", pronoun=True, text=text),
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
        rf"(?P<deed>{_DONE_VERBS})(?:\s+(?:now|already|today|{_DONE_FOR}))?$",
        _deed_said_done,
    ),
    (r"^i(?:\s+want|'d\s+like|\s+would\s+like)\s+to\s+(?P<rest>.+)$", _wish),
    # "i wanna delete the rent", "i want delete the rent": as said with "to" when the rest is a
    # request ("I want milk" is none: not understood).
    (r"^i\s+wanna\s+(?P<rest>.+)$", _wish),
    (r"^i(?:\s+want|'d\s+like|\s+would\s+like)\s+(?!to\s)(?P<rest>.+)$", _wished_request),
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
