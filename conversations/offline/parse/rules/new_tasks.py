"""Rules for new tasks: said with when they repeat or are due, with "add", "todo:",
"remind me to …"."""

from __future__ import annotations

import re

from ...intents import Intent
from ...phrasings import (
    CLOCK,
    RECURRENCE_PATTERN,
    WHEN_PATTERN,
)
from ..adding import _add, _todo
from ..attributes import _PRIORITY_CLAUSE
from ..patterns import (
    _DAY_NAMES,
    _ID,
)
from ..reminders import (
    _OFFSET,
    _remind_about,
    _remind_at,
    _remind_offset,
    _remind_to,
    _remind_when_first,
)
from .rereading import _repeating, _repeating_first, _standalone, _when_first
from .vocabulary import _ADD_NOUN, _THE_LIST, _fixed, _rules

RULES = _rules(
    # A task said with when it repeats or is due, without "add"
    (
        rf"^(?P<when>(?:on\s+|by\s+)?(?:today|tonight|tomorrow|tmrw|(?:next\s+|this\s+)?(?:{_DAY_NAMES}))"
        r"(?:\s+(?:morning|afternoon|evening|night))?"
        # "tomorrow at 9 call the plumber", "friday 3pm call the dentist".
        rf"(?:,?\s+(?:at\s+)?{CLOCK}|\s+at\s+\d{{1,2}}(?::\d\d)?)?)\s*[:,–—-]?\s+(?P<rest>.+)$",
        _when_first,
    ),
    (rf"^{RECURRENCE_PATTERN}\s*[:–—-]\s*(?P<rest>.+)$", _repeating),
    # "every 2 weeks water the cactus": as "water the cactus every 2 weeks".
    (rf"^(?P<rec>{RECURRENCE_PATTERN})[\s,]+(?P<rest>.+)$", _repeating_first),
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
)
