"""Vocabulary tables of the offline model, kept apart from the code that reads them.

Adding a way of saying something usually means adding a word here or a row to
``parse.rules.RULES``; nothing else needs to change.
"""

from __future__ import annotations

from tasks.relative_dates import WORD_NUMBERS

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
        # Not a deletion: what "that" was (an add, a completion…) is not known for sure.
        "cancel that",
        "cancel it",
        "scrap that",
        "never mind that",
        "forget that",
        "forget it",
        "forget this",
        "forget about it",
        "forget about that",
        "scratch that",
        "scratch it",
        "scratch this",
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
        "fetch",
        "fill",
        "finish",
        "fix",
        "get",
        "give",
        "go",
        "grab",
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
        "put",
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

# Task verbs that also start a request about tasks already on the list ("check my tasks", "do
# it", "cancel that", "set the flights one to urgent", "finish the report", "drop task 2"): a
# message starting with one of them is never read as a new task unless it says "add" or a when.
REQUEST_VERBS = frozenset(
    {"cancel", "check", "do", "drop", "finish", "make", "move", "set", "sort", "start", "update"}
)
# Verbs that, starting a message nothing else understands, make it a new task: "buy milk",
# "renew my passport" (users of a todo chat mean "add").
TASK_VERBS = ACTION_VERBS - REQUEST_VERBS - {""}

# Past-tense verbs that say a task is done: "I bought the eggs" completes "Buy eggs".

# A done verb as its task would start: "I called the plumber" was "Call the plumber". "finished"
# and "completed" say nothing of the task ("I finished the report" for "Write the report").
DONE_VERB_BASES = {
    "bought": "buy",
    "called": "call",
    "sent": "send",
    "did": "do",
    "paid": "pay",
    "emailed": "email",
    "booked": "book",
    "fixed": "fix",
    "cleaned": "clean",
    "washed": "wash",
    "watered": "water",
    "wrote": "write",
    "submitted": "submit",
    "picked up": "pick",
    "returned": "return",
    "made": "make",
    "cooked": "cook",
    "fed": "feed",
    "walked": "walk",
    "texted": "text",
    "read": "read",
    "mailed": "mail",
    "posted": "post",
    "renewed": "renew",
    "ordered": "order",
    "scheduled": "schedule",
    "took": "take",
    "got": "get",
    "grabbed": "grab",
    "fetched": "fetch",
}
# Done verbs a report of a finished task may start with ("I called mom", "finished the report").
DONE_VERBS = (*DONE_VERB_BASES, "finished", "completed")
# Verbs that may name the same deed: "I got the milk" for "Buy milk", "I phoned mom" for "Call
# mom", "I sent the email" for "Email Sarah".
VERB_KIN = (
    frozenset({"buy", "get", "pick", "order", "collect", "grab", "fetch", "shop"}),
    frozenset({"call", "ring", "phone"}),
    frozenset({"email", "mail", "send", "text", "message", "write", "post", "reply", "submit"}),
    frozenset({"do", "make", "finish", "complete"}),
    frozenset({"clean", "wash", "tidy", "vacuum"}),
    frozenset({"fix", "repair"}),
    frozenset({"book", "schedule", "plan"}),
    frozenset({"return", "take", "bring", "drop"}),
)

# Verbs that say the same deed as another, for telling a task said again from one already
# pending: "grab some milk" is "Buy milk" again, "ring mom" is "Call mom".
SAME_DEED = {
    "get": "buy",
    "grab": "buy",
    "fetch": "buy",
    "pick up": "buy",
    "ring": "call",
    "phone": "call",
}

# A new "title" that is only a when ("move the dentist to tomorrow") is a due date, not a name.
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
DAYS = (
    *WEEKDAYS,
    "mon",
    "tue",
    "tues",
    "wed",
    "thu",
    "thur",
    "thurs",
    "weds",
    "fri",
    "sat",
    "sun",
)
MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
)
_DAY = "|".join(DAYS)
_MONTH = "|".join(MONTHS)
CLOCK = _CLOCK = (
    r"(?:(?:(?:around|about)\s+)?\d{1,2}(?:[:.]\d\d)?\s*(?:am|pm|a\.m\.|p\.m\.)|\d{1,2}:\d\d"
    r"|noon|midday|midnight"
    # "half past 3", "quarter to 5", "5ish", "17h30" (not the span "in 17h"): as the tools read.
    r"|(?:half|(?:a\s+)?quarter|five|ten|twenty(?:-five)?)\s+past\s+\d{1,2}"
    r"|(?:(?:a\s+)?quarter|five|ten|twenty(?:-five)?)\s+to\s+\d{1,2}"
    r"|\d{1,2}(?:\s*(?:am|pm))?\s*-?ish|(?<!\bin\s)(?<!\d)(?:[01]?\d|2[0-3])h(?:[0-5]\d)?\b)"
)
_DATE = (
    rf"(?:(?:{_MONTH})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?"
    rf"|(?:the\s+)?\d{{1,2}}(?:st|nd|rd|th)?(?:\s+of)?\s+(?:{_MONTH})\.?(?:,?\s+\d{{4}})?"
    r"|\d{4}-\d\d-\d\d(?:[t\s]\d\d:\d\d(?::\d\d)?)?"
    # 12/20 and 12/20/2026: month first, as the tools read them.
    r"|\d{1,2}/\d{1,2}(?:/\d{2}(?:\d{2})?)?"
    # 25.12. and 25.12.2026: day first, as much of Europe writes them.
    r"|\d{1,2}\.\d{1,2}\.(?:\d{2}(?:\d{2})?)?(?![\d.])|(?:1[3-9]|2\d|3[01])\.(?:0?[1-9]|1[0-2])(?![\d.])"
    # 12-25: month first too; never inside a longer run of numbers ("12-25-2026", "1-2-3").
    r"|(?<![\d-])\d{1,2}-\d{1,2}(?![\d-]))"
)
# When something is due, as people say it; the tools read the phrase in the user's zone. A
# phrase that names no day ("this week") is sent as said: the tool's error is told in words.
_COUNT = rf"(?:\d+|{'|'.join(WORD_NUMBERS)})"
_RANK = r"(?:first|second|third|fourth|fifth|last|1st|2nd|3rd|4th|5th)"
_DAY_OF_MONTH = r"(?:\d{1,2}(?:st|nd|rd|th)?|first|second|third)"
WHEN_PATTERN = (
    # The week phrases the tools read (tasks.relative_dates) come first: "thursday next week"
    # must not stop at "thursday", nor "early next week" be read as the vague "next week".
    rf"(?:(?:(?:(?:{_DAY})\s+(?:of\s+)?(?:next|this)\s+week|next\s+week\s+on\s+(?:{_DAY})"
    # "the 15th of next month", "next month on the 15th", "the first monday of next month",
    # "last friday of the month", "next quarter", "end of the quarter": before "the 15th",
    # "next month" and "monday", which would stop short of them.
    rf"|(?:the\s+)?{_DAY_OF_MONTH}\s+(?:day\s+)?of\s+next\s+month"
    rf"|next\s+month\s+on\s+the\s+{_DAY_OF_MONTH}|(?:the\s+)?(?:\d{{1,2}}(?:st|nd|rd|th)|first)\s+next\s+month"
    rf"|(?:the\s+)?{_RANK}\s+(?:{_DAY})\s+(?:of|in)\s+(?:the|this|next)\s+month"
    r"|(?:(?:the\s+)?(?:start|beginning)\s+of\s+|early\s+)?next\s+quarter"
    r"|(?:the\s+)?(?:end|last\s+day)\s+of\s+(?:the\s+|this\s+|next\s+)?quarter"
    r"|(?:the\s+)?end\s+of\s+(?:the\s+|this\s+|next\s+)?week|early\s+next\s+week"
    r"|(?:mid|the\s+middle\s+of)\s+next\s+week|midweek|(?:the\s+)?day\s+after\s+tomorrow"
    rf"|(?:a|{_COUNT})\s+(?:days?|weeks?)\s+(?:from|after|before)\s+(?:{_DAY}|\d{{4}}-\d\d-\d\d)"
    rf"|the\s+day\s+before\s+(?:{_DAY}|\d{{4}}-\d\d-\d\d)|(?:this|in\s+the)\s+(?:morning|afternoon|evening)"
    r"|today|tonight|tomorrow|tmrw|tmr|tomorow|tommorow|tommorrow|tomoro|tomrow"
    r"|the\s+weekend|this\s+weekend|next\s+weekend"
    r"|(?:the\s+)?(?:start|beginning)\s+of\s+next\s+month|early\s+next\s+month"
    r"|next\s+week|next\s+month|(?:the\s+)?end\s+of\s+(?:the\s+|this\s+|next\s+)?(?:month|year)"
    rf"|(?:end\s+of\s+(?:the\s+)?day|eod)(?:\s+(?:today|tomorrow|(?:on\s+)?(?:{_DAY})))?"
    rf"|(?:the\s+)?(?:{_DAY})\s+after\s+next"
    rf"|(?:next\s+|(?:this\s+)?coming\s+|this\s+|on\s+)?(?:{_DAY})|{_DATE}"
    r"|(?:the\s+)?\d{1,2}(?:st|nd|rd|th)(?:\s+of\s+(?:the|this)\s+month)?"
    rf"|in\s+{_COUNT}\s+(?:minutes?|hours?|days?|weeks?|fortnights?|months?|years?)"
    r"(?:(?:['’]s?)?\s+time)?"
    # "in half an hour", "in an hour and a half", "in a couple of days", "in a few minutes".
    rf"|in\s+(?:half\s+an\s+hour|an?\s+half[\s-]hour|{_COUNT}\s+(?:hours?\s+and\s+a\s+half"
    r"|and\s+a\s+half\s+hours?)|(?:a\s+)?(?:couple\s+(?:of\s+)?|few\s+)"
    r"(?:minutes|hours|days|weeks|months|years)|(?:a|one)\s+day\s+and\s+a\s+half)"
    # "in 2h", "in 90 mins", "in 1h30", "in 1 hr 30 min", "in 2 hours and 15 minutes".
    r"|in\s+\d{1,3}\s*(?:h|hrs?|hours?)(?:\s*(?:and\s+)?[0-5]?\d\s*(?:m|mins?|minutes?)?)?(?![\w:.])"
    r"|in\s+\d{1,3}\s*(?:m|mins?)\b"
    # "later today", "this time tomorrow", "first thing monday", "monday week", "tomorrow week".
    r"|later\s+(?:today|tonight)"
    rf"|(?:this|the\s+same|same)\s+time\s+(?:tomorrow|next\s+(?:week|month|year)|(?:next\s+)?(?:{_DAY}))"
    rf"|first\s+thing(?:\s+in\s+the\s+morning)?(?:\s+(?:on\s+)?(?:tomorrow|(?:next\s+)?(?:{_DAY})))?"
    rf"|(?:tomorrow|{_DAY})\s+first\s+thing|(?:{_DAY})\s+week|a\s+week\s+on\s+(?:{_DAY})"
    rf"|(?:tomorrow|today)\s+week|{_COUNT}\s+weeks?\s+(?:from\s+|on\s+)?(?:today|tomorrow)"
    rf"|{_COUNT}\s+(?:days?|weeks?|months?|years?)\s+from\s+(?:today|now|tomorrow))"
    r"(?:\s+(?:morning|afternoon|evening|night))?"
    # "at 1530": a 24-hour time without its colon.
    rf"(?:,?\s+(?:at\s+)?(?:{_CLOCK}|\d{{1,2}})|\s+at\s+(?:[01]\d|2[0-3])[0-5]\d)?"
    # "at 6" alone: the tools read a bare hour from 1 to 6 as afternoon, 7 to 12 as said; "at
    # 1530", a 24-hour time without its colon.
    rf"|(?:at\s+(?:1[0-2]|[1-9])(?![\d:])|at\s+(?:[01]\d|2[0-3])[0-5]\d(?![\d:])|(?:at\s+)?{_CLOCK})"
    rf"(?:\s+(?:today|tonight|tomorrow|tmrw|tmr|tomorow|tommorow|tommorrow|tomoro|tomrow"
    rf"|on\s+(?:{_DAY})|(?:{_DAY}))"
    # "at 2 friday afternoon", "at 7 tomorrow evening": the part of the day says am or pm.
    r"(?:\s+(?:morning|afternoon|evening|night))?)?))"
)
# Due-date words that name no single day: a title ending with them keeps them ("Plan next week").
VAGUE_WHEN = (
    "next week",
    "next month",
    "next quarter",
    "the weekend",
    "this weekend",
    "next weekend",
    "eod",
)

# "every monday", "daily", "monthly on the 1st": how a task repeats, sent as said (the tools
# read the phrase); "every other week" is sent as "every 2 weeks".
_NTH = r"(?:first|second|third|fourth|fifth|last|1st|2nd|3rd|4th|5th)"
RECURRENCE_PATTERN = (
    r"(?:(?:every|each)\s+(?:other\s+|\d+\s+)?(?:days?|weeks?|months?|years?)"
    rf"(?:\s+on\s+(?:the\s+\d{{1,2}}(?:st|nd|rd|th)?|(?:{_DAY})s?))?"
    rf"|(?:every|each)\s+(?:{_DAY})s?(?:\s*(?:,|and|&)\s*(?:{_DAY})s?)*"
    r"|every\s+weekday|every\s+weekend|on\s+weekdays|on\s+weekends|weekdays"
    # "mondays" repeats; "tues", "weds", "thurs" are one day.
    rf"|(?:on\s+)?(?!(?:tues|weds|thurs)\b)(?:{_DAY})s(?:\s*(?:,|and|&)\s*(?:{_DAY})s)*(?=$)"
    r"|(?:monthly|every\s+month)(?:\s+on\s+the\s+\d{1,2}(?:st|nd|rd|th)?)?"
    r"|(?:on\s+)?the\s+\d{1,2}(?:st|nd|rd|th)?\s+of\s+(?:every|each)\s+month"
    # "every other tuesday", "every second sunday": alternate ones.
    rf"|(?:every|each)\s+(?:other|second|2nd)\s+(?:{_DAY})s?"
    # A day of each month by its rank: "the first monday of every month", "the last day of each
    # month", "the first of every month", "monthly on the last friday".
    # "every 2nd tuesday of every month" too (it left "Report every" as the title).
    rf"|(?:on\s+|(?:every|each)\s+)?(?:the\s+)?{_NTH}(?:\s+(?:{_DAY}|day))?\s+(?:of|in)\s+(?:every|each)\s+month"
    rf"|(?:every|each)\s+{_NTH}\s+(?:{_DAY}|day)\s+of\s+the\s+month"
    rf"|(?:monthly|(?:every|each)\s+month)\s+on\s+the\s+{_NTH}\s+(?:{_DAY}|day)"
    # "every last friday", "every 3rd thursday": of each month.
    rf"|(?:every|each)\s+(?:first|third|fourth|fifth|last|1st|3rd|4th|5th)\s+(?:{_DAY})(?![a-z])"
    r"|every\s+workday|on\s+workdays|workdays|fortnightly|(?:every|each)\s+(?:fortnight|quarter)"
    r"|quarterly|daily|weekly|yearly|annually)"
)
# "once a week" (weekly), "twice a week", "3 times a month": how often, which the tools read or
# refuse ("twice a week" names no days) — never words of a title, so the refusal is told.
# "twice a day" is not here: no task repeats more often than daily, which is told first.
HOW_OFTEN_PATTERN = (
    r"(?:once\s+(?:a|an|per|every|each)\s+(?:day|week|fortnight|month|year)"
    r"|(?:twice|thrice|(?:\d+|two|three|four|five|six|seven)\s+times)\s+(?:a|an|per|every|each)"
    r"\s+(?:week|fortnight|month|year))"
)
# "every morning", "every tuesday evening", "every weekday night at 10": how a task repeats and
# its time of day (a part of the day alone is its own: morning 9:00, afternoon 15:00, evening
# 18:00, night 21:00).
EVERY_PART_OF_DAY = (
    rf"(?:every|each)\s+(?:(?P<days>(?:{_DAY})(?:\s*(?:,|and|&)\s*(?:{_DAY}))*|weekday|weekend)\s+)?"
    rf"(?P<part>morning|afternoon|evening|night)(?:[\s,]+(?:at\s+)?(?P<clock>{_CLOCK}|\d{{1,2}}))?"
)

# Words that say which of the user's tasks in general, never a tag or a topic: "show my other
# tasks", "my upcoming tasks", "show the tasks", "show these tasks" keep their meaning ("my work
# tasks" is a tag, or words to find).
NOT_TOPICS = frozenset(
    {
        "a",
        "an",
        "any",
        "both",
        "each",
        "few",
        "her",
        "his",
        "many",
        "my",
        "our",
        "some",
        "that",
        "the",
        "their",
        "these",
        "this",
        "those",
        "what",
        "which",
        "your",
        "active",
        "added",
        "current",
        "daily",
        "entire",
        "existing",
        "first",
        "future",
        "last",
        "latest",
        "main",
        "new",
        "newest",
        "next",
        "old",
        "older",
        "oldest",
        "other",
        "own",
        "past",
        "previous",
        "recent",
        "saved",
        "scheduled",
        "today",
        "todays",
        "tomorrows",
        "tonight",
        "upcoming",
        "usual",
        "week",
        "weekly",
        "whole",
    }
)

# Priority words: "!high", "urgent", "high priority", "low-priority".
PRIORITY_WORDS = {
    "high": "high",
    "urgent": "high",
    "urgently": "high",
    "important": "high",
    "asap": "high",
    "top": "high",
    "medium": "medium",
    "med": "medium",
    "normal": "medium",
    "low": "low",
    "none": "none",
}
