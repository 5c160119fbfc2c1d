"""Rules for a task's description, priority, reminder, recurrence, tags and due date, set or
cleared (before deleting: "cancel the reminder on task 2" changes the task)."""

from __future__ import annotations

from ...phrasings import (
    RECURRENCE_PATTERN,
    WHEN_PATTERN,
)
from ..changes import (
    _PRIORITY_PHRASE,
    _add_tags,
    _add_tags_named,
    _clear_description,
    _clear_due,
    _clear_priority,
    _named_is_urgent,
    _no_longer_important,
    _remove_all_tags,
    _remove_tags,
    _repeat,
    _set_due,
    _set_priority,
    _shift_priority,
    _stop_repeating,
    _update_description,
)
from ..patterns import (
    _DESC_WORD,
    _ID,
    _PRIORITY,
)
from ..reminders import (
    _OFFSET,
    _clear_reminder,
    _remind_at,
    _remind_offset,
)
from .rereading import _back_to, _priorities_by_name, _set_priorities
from .vocabulary import (
    _DUE_WORDS,
    _PRIORITY_LEVEL,
    _PRIORITY_PAIR,
    _SET_VERB,
    _SHIFT_VERB,
    _TAGS_NAMED,
    _UNTAG_VERB,
    _rules,
)

RULES = _rules(
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
    # "task 2 remind me in 1 minute", "add task number 2 remind me in 1 minute", "for task 3,
    # remind me at 9": a reminder on that task (a number is never a new task's title).
    (
        rf"^(?:(?:add|set|for|on)\s+)?(?:the\s+)?{_ID}\s*[,:;–—-]?\s*(?:and\s+|please\s+)?remind\s+me"
        rf"(?:\s+(?:about|of)\s+it)?\s+(?P<offset>{_OFFSET})$",
        _remind_offset,
    ),
    (
        rf"^(?:(?:add|set|for|on)\s+)?(?:the\s+)?{_ID}\s*[,:;–—-]?\s*(?:and\s+|please\s+)?remind\s+me"
        rf"(?:\s+(?:about|of)\s+it)?\s+(?P<when>{WHEN_PATTERN})$",
        _remind_at,
    ),
    # "remind me in 10 minutes about task 3".
    (
        rf"^remind\s+me\s+(?P<when>{WHEN_PATTERN})\s+(?:about|of|for)\s+(?:the\s+)?{_ID}$",
        _remind_at,
    ),
    (
        rf"^(?:set|add|create|put|make)\s+(?:a\s+|the\s+)?reminder\s+(?:for|on|about|to)\s+"
        rf"(?:the\s+)?{_ID}\s+(?P<offset>{_OFFSET})$",
        _remind_offset,
    ),
    (
        rf"^(?:set|add|create|put|make)\s+(?:a\s+|the\s+)?reminder\s+(?:for|on|about|to)\s+"
        rf"(?:the\s+)?{_ID}\s+(?:for\s+)?(?P<when>{WHEN_PATTERN})$",
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
    # "make task 3 repeat twice a week": a repetition the tools may not read is sent as said, so
    # their refusal is told (it added a task named "3 repeat twice a week").
    (
        rf"^(?:make|set|have)\s+(?:the\s+)?{_ID}\s+(?:to\s+)?(?:repeat|recur)\s+(?P<rec>.+)$",
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
)
