"""Rules for a task named in free text: clearing a list, its notes, due date, reminder and
recurrence (before adding, which would read them as a new task's title)."""

from __future__ import annotations

from dataclasses import replace

from tasks.relative_dates import WORD_NUMBERS

from ...intents import Intent
from ...phrasings import (
    HOW_OFTEN_PATTERN,
    RECURRENCE_PATTERN,
    WHEN_PATTERN,
)
from ...text import strip_quotes
from ..changes import (
    _clear,
    _clear_description,
    _clear_priority,
    _make_due,
    _repeat,
    _set_due,
    _stop_repeating,
    _update_description,
)
from ..patterns import (
    _DESC_WORD,
    _ID,
)
from ..reminders import (
    _OFFSET,
    _clear_reminder,
    _remind_at,
    _remind_offset,
    _snooze,
)
from .vocabulary import _UNREMIND, _rules

RULES = _rules(
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
        # "dentist is tomorrow", "the party is friday at 8": news about a task, maybe; it moves
        # after a yes (it added a task named "Dentist is").
        r"^(?!(?:add|put|create|new|jot|note|remind|todo|anything|something|everything|what|which"
        r"|who|when|where|why|how|today|tomorrow|tonight|it|this|that|there|here|mine)\b)"
        rf"(?P<ref>.+?)\s+is\s+(?P<when>{WHEN_PATTERN})$",
        lambda match, text: replace(_set_due(match, text), ask=True),
    ),
    (
        # "dentist moved to monday", "the party got pushed to friday": the same news, asked
        # about first (it was not understood).
        r"^(?!(?:i|we|you|they|it|this|that|everything|all|what|which|who|when|how)\b)"
        r"(?P<ref>.+?)\s+(?:(?:is|was|got|has\s+been)\s+)?(?:moved|pushed(?:\s+back)?|rescheduled"
        rf"|postponed)\s+(?:to|till|until|for)\s+(?P<when>{WHEN_PATTERN})$",
        lambda match, text: replace(_set_due(match, text), ask=True),
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
    # "don't remind me about the rent", "stop reminding me about task 3", "no reminder for the
    # rent", "no more reminders about it": that task's reminder goes (never a search, nor the
    # task).
    (
        r"^(?:(?:don'?t|do\s+not|no\s+need\s+to|never|stop|quit|please\s+stop)\s+(?:remind"
        r"|reminding|nagging|bugging|pinging)\s+me|no\s+(?:more\s+)?reminders?"
        r"|(?:i\s+)?(?:don'?t|do\s+not)\s+(?:need|want)\s+(?:a\s+|any\s+|the\s+)?reminders?)"
        rf"(?:\s+(?:on|for|about|of|re|regarding|to)\s+(?:the\s+)?(?:{_ID}|(?P<ref>.+?)))?"
        r"(?:\s+any\s*more|\s+again)?$",
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
    # "make the rent repeat twice a week": sent as said, so the tools' refusal (which days?) is
    # told as for a task by number (it was not understood).
    (
        rf"^(?:make|set|have)\s+(?P<ref>.+?)\s+(?:to\s+)?(?:repeat|recur)\s+(?P<rec>{HOW_OFTEN_PATTERN})$",
        _repeat,
    ),
)
