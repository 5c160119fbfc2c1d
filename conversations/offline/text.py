"""Text helpers of the offline model: clean-up, words, light stemming and typo correction."""

from __future__ import annotations

import re
import unicodedata

from rapidfuzz.distance import DamerauLevenshtein

from .phrasings import COMMAND_WORDS, IGNORED_REF_WORDS

FLAGS = re.IGNORECASE
QUOTE_PAIRS = {'"': '"', "'": "'", "`": "`", "“": "”", "”": "”", "«": "»", "„": "“"}
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "´": "'"})
# Polite padding is only stripped when something follows it, so "ok" alone stays "ok".
_POLITE_PREFIX = re.compile(
    r"^(?:(?:please|pls|plz|kindly|alright|so|and|also|plus|now|then|oh|um+|hm+|actually|wait"
    r"|oops)[\s,]+"
    r"|ok(?:ay)?[\s,]+(?!(?:do\s+it|go\s+ahead)$)"
    r"|(?:can|could|would|will)\s+(?:you|u)(?:\s+please|\s+pls)?\s+"
    r"|i\s+(?:wanna|want\s+to|would\s+like\s+to|'d\s+like\s+to)\s+(?=add\b)"
    r"|i(?:'d|\s+would)\s+like\s+(?:you\s+)?to\s+"
    r"|i\s+want\s+you\s+to\s+"
    r"|let'?s\s+"
    # "thanks! now show my tasks": an acknowledgement, then the request.
    r"|(?:thanks|thank\s+you|thx|ty|great|cool|perfect|nice|awesome|got\s+it|ok(?:ay)?)\s*[,!.]+\s*)"
    r"(?=\S)",
    FLAGS,
)
_POLITE_SUFFIX = re.compile(r"[\s,]+(?:please|pls|plz|thanks|thank\s+you|thx|for\s+me)$", FLAGS)
TRAILING_PUNCTUATION = ".!?…,;: "
_WORD = re.compile(r"[\w'’-]+")


_PRIO = re.compile(r"\b(high|low|medium|med|top)([\s-])prio\b", re.IGNORECASE)
_AT_SIGN = re.compile(r"(?<!\S)@\s*(?=\d|noon\b|midnight\b)", re.IGNORECASE)


# "would you mind deleting X": the request's verb, said as a gerund.
_GERUNDS = {
    "adding": "add",
    "deleting": "delete",
    "removing": "remove",
    "completing": "complete",
    "finishing": "finish",
    "marking": "mark",
    "moving": "move",
    "renaming": "rename",
    "changing": "change",
    "showing": "show",
    "listing": "list",
    "setting": "set",
    "putting": "put",
    "tagging": "tag",
    "pushing": "push",
    "reopening": "reopen",
    "updating": "update",
    "making": "make",
}
_MIND = re.compile(
    rf"^(?:(?:would|do)\s+(?:you|u)\s+mind|mind)\s+(?P<verb>{'|'.join(_GERUNDS)})\b", FLAGS
)


def clean_request(text: str) -> str:
    """Normalise whitespace/apostrophes and strip polite padding and trailing punctuation."""
    text = " ".join(text.translate(_APOSTROPHES).split())
    text = _MIND.sub(lambda match: _GERUNDS[match["verb"].lower()], text)
    # "tomorrow @ 8am", "lunch w/ Ana @1pm": "@" before a time is "at".
    text = _AT_SIGN.sub("at ", text)
    # "low prio", "high-prio": as "priority".
    text = _PRIO.sub(r"\1\2priority", text)
    previous = None
    while previous != text:
        previous = text
        text = _trailing_emoji(text.strip().rstrip(TRAILING_PUNCTUATION).strip())
        text = _POLITE_PREFIX.sub("", text)
        text = _POLITE_SUFFIX.sub("", text)
    return text


# Emoji are symbols ("So"), joined and varied by marks that are not ("Mn", "Cf", the skin tones
# "Sk"); the regional indicators of flags are "So" too.
_EMOJI_PARTS = frozenset({"So", "Sk", "Mn", "Cf"})


# Words after which an emoji is the thing itself, not the message's tone.
_OBJECT_BEFORE = frozenset(
    {
        "a",
        "an",
        "the",
        "my",
        "some",
        "more",
        "new",
        "for",
        "with",
        "of",
        "to",
        "buy",
        "get",
        "bake",
        "make",
        "order",
        "pick",
        "send",
        "book",
        "cook",
        "draw",
        "fix",
        "clean",
        "wash",
        "feed",
        "water",
        "walk",
        "call",
        "text",
    }
)


def _trailing_emoji(text: str) -> str:
    """ "call bob tomorrow at 5pm please 😊" → "call bob tomorrow at 5pm please": emoji that end a
    message are its tone, not its words (they kept the day out of reach of the date reader)."""
    end = len(text)
    while end and unicodedata.category(text[end - 1]) in _EMOJI_PARTS:
        end -= 1
    words = text[:end].split()
    if end == len(text) or not words:
        return text  # no emoji at the end, or nothing but emoji
    if words[-1].lower() in _OBJECT_BEFORE:
        return text  # "buy a 🎂", "bake 🍪": the emoji is what the task is about
    return text[:end].rstrip()


def strip_quotes(text: str) -> str:
    """``"'x'"`` → ``x``; ``"a" and "b"`` stays as it is (two quoted parts, not one)."""
    text = text.strip()
    while len(text) >= 2 and QUOTE_PAIRS.get(text[0]) == text[-1]:
        inner = text[1:-1]
        opening, closing = re.escape(text[0]), re.escape(text[-1])
        if re.search(rf"{closing}\s*(?:,|;|&|\band\b)\s*{opening}", inner):
            break
        text = inner.strip()
    return text


def clean_title(raw: str) -> str:
    """A title as the tool receives it: unquoted, no trailing punctuation, first letter upper."""
    title = re.sub(
        r"\s+(?:to|on|onto|in)\s+(?:(?:my|the)\s+(?:to-?do\s+|task\s+|shopping\s+|grocery\s+"
        r"|groceries\s+)?(?:list|tasks|todos|to-?dos)|(?:my\s+)?(?:todos|to-?dos|tasks))$",
        "",
        raw.strip(),
        flags=FLAGS,
    )
    title = strip_quotes(strip_quotes(title).rstrip(TRAILING_PUNCTUATION))
    words = title.split()
    if words and words[0].islower():
        title = title[0].upper() + title[1:]
    return title


def words(text: str) -> list[str]:
    """Lower-case words of ``text`` (letters, digits, apostrophes and hyphens)."""
    return _WORD.findall(text.lower())


def stem(word: str) -> str:
    """Light stemming so plurals match: groceries → grocery, dishes → dish, bills → bill; and
    possessives: john's → john."""
    if word.endswith(("'s", "’s")):
        return word[:-2]
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith(("ches", "shes", "sses", "xes", "zes")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def _parts(word: str) -> list[str]:
    """A hyphenated word's parts of two letters or more ("thank-you" → thank, you)."""
    return [part for part in word.split("-") if len(part) >= 2]


def ref_words(ref: str) -> list[str]:
    """The words of a reference that say which task is meant, stemmed; a hyphenated word as
    its parts, so "thank-you notes" finds "Thank you notes" too."""
    found: list[str] = []
    for word in words(ref):
        if word in IGNORED_REF_WORDS:
            continue
        parts = _parts(word) if "-" in word else [word]
        found += [stem(part) for part in parts if part not in IGNORED_REF_WORDS]
    return found


def title_words(title: str) -> set[str]:
    """The stemmed whole words of a title, and the parts of its hyphenated words."""
    found: set[str] = set()
    for word in words(title):
        found.add(stem(word))
        if "-" in word:
            found.update(stem(part) for part in _parts(word))
    return found


def inflection_bases(word: str) -> set[str]:
    """What an -ing or -ed form may be said of: "writing" → writ, write; "shopping" → shop;
    "called" → call. Empty for other words."""
    for ending in ("ing", "ed"):
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            base = word[: -len(ending)]
            bases = {base, base + "e"}
            if base[-1] == base[-2] and base[-1] not in "aeiou":
                bases.add(base[:-1])
            return {found for found in bases if len(found) >= 3}
    return set()


def close(typed: str, known: str) -> bool:
    """True when ``typed`` is ``known`` with at most one typo (two for words of 8+ letters)."""
    if typed == known or len(typed) < 2 or typed[0].isdigit():
        return False
    allowed = 2 if len(known) >= 8 else 1
    if abs(len(typed) - len(known)) > allowed:
        return False
    # Two-letter words are only corrected by one insertion ("ad" → "add").
    if len(typed) <= 2 and len(known) != 3:
        return False
    return DamerauLevenshtein.distance(typed, known, score_cutoff=allowed) <= allowed


# Words too common to be a typo: "every monday and thursday gym" is no "… add thursday gym".
_NEVER_CORRECTED = frozenset({"and"})


def correct_command_words(text: str) -> str:
    """``text`` with misspelt command words fixed: "shwo my taks" → "show my tasks".

    A word is only replaced when exactly one command word is that close to it.
    """

    def fix(match: re.Match[str]) -> str:
        word = match.group(0)
        lower = word.lower()
        if lower in COMMAND_WORDS or lower in IGNORED_REF_WORDS or lower in _NEVER_CORRECTED:
            return word
        distances = {
            known: DamerauLevenshtein.distance(lower, known)
            for known in COMMAND_WORDS
            if close(lower, known)
        }
        if not distances:
            return word
        best = min(distances.values())
        candidates = sorted(known for known, distance in distances.items() if distance == best)
        # "taks" is as close to "task" as to "tasks": the same word either way.
        if len({stem(known) for known in candidates}) == 1:
            return candidates[-1]
        return word

    return _WORD.sub(fix, text)


def correct_first_word(text: str) -> str:
    """Only the first word corrected, so a title after "ad" stays as typed."""
    head, _, tail = text.partition(" ")
    fixed = correct_command_words(head)
    return f"{fixed} {tail}" if tail else fixed
