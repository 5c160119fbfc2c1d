"""Deciding: intent + this turn's tool results + what the conversation was about → next step.

``decide`` is a pure function. A request that names a task by title looks the tasks up first
and acts only on a single whole-word match; anything less certain becomes a question, whose
answer arrives as the next user message. Questions are not remembered anywhere: ``context``
replays the earlier turns of the history through ``decide`` to find the question that was
asked and the task that was last talked about.

Modules: ``next_step`` (``decide``: a request to its kind of step), ``conversation``
(``context``: the replay), ``follow_ups`` (answers and "it" turned into requests), by kind of
request — ``adding``, ``questions`` (lists, counts, one task asked about), ``by_name`` (a
task named in free text), ``changes`` (one task's change), ``dates`` (due dates and
reminders), ``completion`` (a repeating task completed twice), ``bulk`` (many tasks at once) —
and ``steps`` (the step types and what every kind shares). Names with a leading underscore are
the package's own, shared between its modules.
"""

from .conversation import context
from .next_step import decide
from .steps import (
    MAX_TASKS_PER_MESSAGE,
    TOOLS,
    Call,
    Calls,
    Context,
    Question,
    Reply,
    Step,
    search_root,
)

__all__ = [
    "MAX_TASKS_PER_MESSAGE",
    "TOOLS",
    "Call",
    "Calls",
    "Context",
    "Question",
    "Reply",
    "Step",
    "context",
    "decide",
    "search_root",
]
