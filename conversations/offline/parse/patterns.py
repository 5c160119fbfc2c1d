"""Regex building blocks the parsing modules share: a task named by number or by name (and the
name cleaned of "the … task"), a position in a list, priority words, tags, day names."""

from __future__ import annotations

import re
from collections.abc import Callable

from ..intents import Intent
from ..phrasings import DAYS, ORDINALS
from ..text import FLAGS, strip_quotes

Builder = Callable[[re.Match[str], str], Intent | None]

_ID = r"(?:(?:task|todo|to-do|item)\s*)?(?:number\s*|no\.?\s*)?#?\s*(?P<id>\d+)"
_DONE_WORD = r"(?:complete|completed|done|finished)"
_DAY_NAMES = "|".join(DAYS)
_DESC_WORD = r"(?:description|desc|notes?|details)"
_PRIORITY = r"(?:high|low|medium|med|top|urgent|important|asap)"
_TAG = r"#(?P<tag>[^\W\d_][\w-]{0,29})"

_REF_PREFIX = re.compile(
    r"^(?:(?:the|my|a|an)\s+"
    r"|(?:task|todo|to-do|item|reminder)s?(?:\s+(?:called|named|titled|about|for))?\s+"
    r"|(?:called|named|titled|about)\s+)",
    FLAGS,
)
_REF_SUFFIX = re.compile(r"\s+(?:task|todo|to-do|item|reminder|one)$", FLAGS)

_ORDINAL = "|".join(ORDINALS)
# "the second one", "the last task": a position in the list the assistant just showed.
_ORDINAL_REF = re.compile(
    rf"(?P<ordinal>{_ORDINAL})(?:\s+(?:one|task|item))?(?:\s+on\s+the\s+list)?", FLAGS
)


def clean_ref(raw: str) -> str:
    """Reduce "the 'meeting' task" to "meeting"."""
    ref = raw
    previous = None
    while previous != ref:
        previous = ref
        ref = strip_quotes(ref)
        ref = _REF_PREFIX.sub("", ref)
        ref = _REF_SUFFIX.sub("", ref)
    return ref
