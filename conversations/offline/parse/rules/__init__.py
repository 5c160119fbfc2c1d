"""The ordered table of (pattern, builder) rules, in sections by kind of request, and
``_parse``, which reads a text through it (the first match whose builder answers wins).

The order of the sections is the order the rules are tried in: answers and the conversation
first; a task's fields and then tasks by number before the free-text rules, so "delete task 2"
never becomes a search for a task named "task 2"; questions and lists before adding; the most
general patterns (a task named in free text) last. Modules: ``answers``, ``fields``,
``by_number``, ``moves``, ``questions``, ``named_fields``, ``new_tasks``, ``by_name`` (the
sections, in that order), ``vocabulary`` (the regex fragments they share) and ``rereading``
(builders that read part of a message again, and ``_parse``).
"""

from . import answers, by_name, by_number, fields, moves, named_fields, new_tasks, questions
from .rereading import _parse

RULES = [
    *answers.RULES,
    *fields.RULES,
    *by_number.RULES,
    *moves.RULES,
    *questions.RULES,
    *named_fields.RULES,
    *new_tasks.RULES,
    *by_name.RULES,
]

__all__ = ["RULES", "_parse"]
