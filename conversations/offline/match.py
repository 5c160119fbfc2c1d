"""Which tasks a reference means: whole words with light stemming, typos only as a suggestion.

A task matches a reference when every word of the reference is a whole word of its title
("car" never matches "cardiologist"; "groceries" matches "grocery"). When nothing matches that
way, titles that match with one typo per word ("dentst" → "Dentist") or another form of a verb
("writing" → "Write") are *suggestions*: the assistant asks before acting on them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from .text import close, inflection_bases, ref_words, title_words


@dataclass(frozen=True)
class Matches:
    """Tasks matching a reference: ``exact`` ones (whole words) or only ``fuzzy`` ones."""

    exact: list[dict[str, Any]] = field(default_factory=list)
    fuzzy: list[dict[str, Any]] = field(default_factory=list)


def _fuzzy_word(word: str, title: set[str]) -> bool:
    return (
        word in title
        or (len(word) >= 4 and any(close(word, known) for known in title))
        # Another form of the same verb ("writing" for "Write the notes") is as uncertain as a
        # typo: suggested, not acted on ("meeting" may not be "Meet Bob").
        or not inflection_bases(word).isdisjoint(title)
        or any(word in inflection_bases(known) for known in title)
    )


def find_matches(tasks: list[dict[str, Any]], ref: str) -> Matches:
    """Tasks whose title holds every word of ``ref``; an exact title breaks a tie."""
    wanted = ref_words(ref)
    if not wanted:
        return Matches()
    exact = [task for task in tasks if set(wanted) <= title_words(task["title"])]
    if len(exact) > 1:
        same = [task for task in exact if task["title"].strip().lower() == ref.strip().lower()]
        if len(same) == 1:
            return Matches(exact=same)
    if exact:
        return Matches(exact=exact)
    fuzzy = [
        task
        for task in tasks
        if all(_fuzzy_word(word, title_words(task["title"])) for word in wanted)
    ]
    return Matches(fuzzy=fuzzy)


# A title listing several things: "Buy eggs, bread and butter", "Call mom & dad".
_ITEM_SPLIT = re.compile(r"\s*[,;/+]\s*(?:and\s+|&\s+)?|\s+(?:and|&)\s+", re.IGNORECASE)


def names_part(task: dict[str, Any], ref: str) -> bool:
    """Whether ``ref`` names only some of the things a title lists: "eggs" for "Buy eggs, bread
    and butter" (the user may have done that part only), not "eggs, bread and butter"."""
    items = [title_words(item) for item in _ITEM_SPLIT.split(str(task.get("title", "")))]
    items = [item for item in items if item]
    if len(items) < 2:
        return False
    wanted = set(ref_words(ref))
    return any(item.isdisjoint(wanted) for item in items)


def narrow(candidates: list[dict[str, Any]], ref: str) -> list[dict[str, Any]]:
    """The candidates a follow-up like "the bank one" points at (whole words first)."""
    matches = find_matches(candidates, ref)
    return matches.exact or matches.fuzzy
