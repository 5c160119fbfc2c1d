"""Rules for moving a task: skipping one occurrence, to another tag, by a span ("push the
dentist back a day"), to another day."""

from __future__ import annotations

from ...phrasings import (
    WHEN_PATTERN,
)
from ..changes import (
    _move_to_tag,
    _reschedule,
    _shift_due,
    _skip,
)
from ..patterns import (
    _ID,
)
from .vocabulary import _SHIFTED, _SPAN, _rules

RULES = _rules(
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
        rf"^(?:move|postpone|reschedule|push|delay|shift|bump|put\s+off)\s+(?:the\s+)?{_ID}\s+"
        rf"(?:back\s+)?(?:to|for|until|till|until)\s+(?P<when>{WHEN_PATTERN})$",
        _reschedule,
    ),
    (
        rf"^(?:move|postpone|reschedule|push(?:\s+back)?|delay|shift|bump|put\s+off)\s+(?P<ref>.+?)\s+"
        rf"(?:back\s+)?(?:to|for|until|till)\s+(?P<when>{WHEN_PATTERN})$",
        _reschedule,
    ),
)
