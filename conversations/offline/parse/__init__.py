"""Parsing: one user message → an :class:`Intent`. Pure, deterministic, never raises.

``RULES`` is a table of (pattern, builder) pairs tried in order; the first match wins. Rules
that address a task by number come before the free-text ones, so "delete task 2" never becomes
a search for a task named "task 2". A message no rule understands is tried again with its
first word, then all its command words, corrected for typos.

Modules: ``message`` (a whole message read: ``parse_intent``), ``rules`` (the ordered table),
the builders by kind of request — ``adding``, ``changes``, ``reminders``, ``listing``
(lists, counts, questions about one task) and ``bulk`` (many tasks at once) — ``attributes``
(what a title carries besides its words) and ``patterns`` (regex building blocks they share).
Names with a leading underscore are the package's own, shared between its modules.
"""

from .attributes import names_only_a_day, names_only_a_time
from .bulk import MAX_SPAN, bulk_of, numbers_of
from .message import parse_intent
from .reminders import REMINDER_WHEN_DUE
from .rules import RULES

__all__ = [
    "MAX_SPAN",
    "REMINDER_WHEN_DUE",
    "RULES",
    "bulk_of",
    "names_only_a_day",
    "names_only_a_time",
    "numbers_of",
    "parse_intent",
]
