"""Vocabulary tables of the offline model, kept apart from the code that reads them.

Adding a way of saying something usually means adding a word here or a row to
``parse.RULES``; nothing else needs to change.
"""

from __future__ import annotations

# Words a message can start with, or structure words of a request; a misspelt one is corrected
# to the closest of these (one typo for short words, two for long ones) when the message is
# otherwise not understood. Task titles are never corrected.
COMMAND_WORDS = frozenset(
    {
        "add",
        "create",
        "new",
        "remind",
        "show",
        "list",
        "display",
        "view",
        "what",
        "whats",
        "delete",
        "remove",
        "erase",
        "complete",
        "completed",
        "finish",
        "finished",
        "mark",
        "done",
        "rename",
        "change",
        "update",
        "edit",
        "uncheck",
        "reopen",
        "pending",
        "tasks",
        "task",
        "todo",
        "todos",
        "my",
        "all",
        "help",
        "how",
        "many",
        "left",
        "clear",
        "check",
        "off",
    }
)

# Reference words that name no particular task ("delete the task").
IGNORED_REF_WORDS = frozenset(
    {"the", "a", "an", "my", "task", "tasks", "todo", "todos", "item", "one", "thing", "to", "do"}
)

# A reference made of one of these means "this task we were just talking about".
PRONOUNS = frozenset(
    {"it", "that", "this", "that one", "this one", "that task", "this task", "the last one added"}
)

# A reference starting with one of these is about many tasks, never a title.
BULK_STARTS = ("all", "every", "everything", "each", "the rest", "both")
# Whole references that mean every task of a kind.
BULK_WORDS = {
    "completed": "completed",
    "complete": "completed",
    "done": "completed",
    "finished": "completed",
    "checked": "completed",
    "ticked": "completed",
    "pending": "pending",
    "open": "pending",
    "remaining": "pending",
    "unfinished": "pending",
}
BULK_NOUNS = ("ones", "tasks", "todos", "items", "list", "stuff", "things")

# "ok" is not a yes: it is as often "I see". It is asked about again instead.
YES_WORDS = frozenset(
    {
        "yes",
        "y",
        "yeah",
        "yep",
        "yup",
        "sure",
        "confirm",
        "confirmed",
        "do it",
        "go ahead",
        "yes please",
        "please do",
        "correct",
        "that one",
        "yes do it",
        "absolutely",
    }
)
NO_WORDS = frozenset(
    {
        "no",
        "n",
        "nope",
        "nah",
        "cancel",
        "stop",
        "never mind",
        "nevermind",
        "don't",
        "dont",
        "no thanks",
    }
)

ORDINALS = {
    "first": 0,
    "1st": 0,
    "second": 1,
    "2nd": 1,
    "third": 2,
    "3rd": 2,
    "fourth": 3,
    "4th": 3,
    "fifth": 4,
    "5th": 4,
    "last": -1,
}

# Verbs a task title usually starts with: "add pay rent, water plants and book flights" holds
# three tasks because each part starts with one; "add buy milk, eggs and bread" holds one.
ACTION_VERBS = frozenset(
    {
        "ask",
        "bake",
        "book",
        "bring",
        "build",
        "buy",
        "call",
        "cancel",
        "check",
        "clean",
        "collect",
        "cook",
        "do",
        "drop",
        "email",
        "feed",
        "file",
        "fill",
        "finish",
        "fix",
        "get",
        "give",
        "go",
        "hang",
        "iron",
        "make",
        "meet",
        "move",
        "order",
        "organise",
        "organize",
        "pack",
        "paint",
        "pay",
        "pick",
        "plan",
        "post",
        "prepare",
        "print",
        "read",
        "renew",
        "repair",
        "reply",
        "return",
        "review",
        "ring",
        "schedule",
        "sell",
        "send",
        "set",
        "shop",
        "sign",
        "sort",
        "start",
        "submit",
        "take",
        "text",
        "tidy",
        "update",
        "vacuum",
        "visit",
        "walk",
        "wash",
        "watch",
        "water",
        "write",
        "",
    }
)

# Past-tense verbs that say a task is done: "I bought the eggs" completes "Buy eggs".
DONE_VERBS = (
    "bought",
    "called",
    "sent",
    "did",
    "paid",
    "finished",
    "completed",
    "emailed",
    "booked",
    "fixed",
    "cleaned",
    "washed",
    "watered",
    "wrote",
    "submitted",
    "picked up",
    "returned",
    "made",
    "cooked",
    "fed",
    "walked",
    "texted",
    "read",
    "mailed",
    "posted",
    "renewed",
    "ordered",
    "scheduled",
    "took",
    "got",
)

# A new "title" that is only a when ("move the dentist to tomorrow") is a due date, not a name.
DAYS = (
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "mon",
    "tue",
    "tues",
    "wed",
    "thu",
    "thur",
    "thurs",
    "fri",
    "sat",
    "sun",
)
WHEN_PATTERN = (
    r"(?:(?:today|tonight|tomorrow|tmrw|tmr|the\s+weekend|this\s+weekend|next\s+week"
    r"|next\s+month|later|(?:next\s+|this\s+)?(?:" + "|".join(DAYS) + r"))"
    r"(?:\s+(?:morning|afternoon|evening|night))?(?:\s+at\s+\S+|\s+\d{1,2}(?::\d\d)?\s*(?:am|pm)?)?"
    r"|\d{1,2}(?::\d\d)?\s*(?:am|pm)|\d{4}-\d\d-\d\d)"
)
