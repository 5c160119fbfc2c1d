"""Due-date phrases `dateparser` misreads or refuses, rewritten before it reads them.

dateparser reads "two weeks from today" as two weeks *ago* and "2 days from today" as today,
refuses "in 2 weeks" and "the 1st" (it takes them for a whole week or month), and knows no
"end of the month", "EOD", "this weekend" or "tmrw". Each of these, at the start of a phrase,
becomes the ISO date it names, counted from the user's today; what follows it (a time: "the
1st at 9am") is left for dateparser.

- "in N days/weeks/fortnights/months/years", "N … from today/now/tomorrow": that many after
  (a month after Jan 31 is the last day of February);
- "the 1st", "on the 15th": the next such day of a month, today included (the 31st: the next
  month that has one); "the 15th of next month", "next month on the 15th": that day of next
  month (refused when it has none: `NoSuchDay`);
- "the first monday of next month", "the last friday of next month": that weekday of next
  month by its rank (refused when it has none, a fifth); "of the month": the next one to come,
  today included;
- "next quarter", "the start of next quarter": the first day of the next calendar quarter
  (1 January, April, July, October); "end of the quarter": this quarter's last day ("end of
  next quarter": the next one's);
- "end of the month", "end of the year", "the last day of the month": its last day ("end of
  next month": next month's);
  "early next month", "the start of next month": its 1st; "end of day", "EOD", "COB": today
  ("EOD friday": that day);
- "this weekend", "the weekend": the coming Saturday (today on a Saturday or a Sunday);
  "next weekend": the Saturday after that one;
- "monday week", "a week on monday": a week after the coming Monday;
- "next week", "next month", "next year" alone (maybe with a time): next week's Monday, the 1st
  of next month, 1 January of next year, as other todo apps read them.

Before those, what dateparser does not know is said in words it does: "thurs", "thur", "weds" as
the day; "half an hour", "an hour and a half", "a couple of days", "a few minutes" as 30 minutes,
90 minutes, 2 days, 3 minutes (`spans`; the reminders' "an hour and a half before" too); "later
today" as today; "before 5pm" as 5pm; "first thing tomorrow" as tomorrow morning ("first thing"
alone: the next morning); "this time tomorrow", "same time next week" as that day at the current
time of day, to the minute.

A week runs Monday to Sunday (as `list_tasks(due="this_week")` reads it):

- "thursday next week", "friday of next week", "next week on friday", and "next thursday": that
  day of next week (said on a Monday, "next tuesday" is the Tuesday eight days later, not
  tomorrow, which "tuesday" and "this tuesday" name; said on a Sunday, "next monday" is
  tomorrow, the first day of next week);
  "friday this week": that day of this week, even if it has passed;
- "end of the week", "by the end of this week": this week's Friday, or its Sunday once Friday
  has passed (so on a weekend it is never behind you); "end of next week": next week's Friday;
- "early next week", "the start of next week": next week's Monday; "mid next week", "the
  middle of next week": next week's Wednesday; "midweek": the coming Wednesday (today on a
  Wednesday);
- "a week from friday", "3 days from monday" (or "after"): counted from that weekday as a bare
  "friday" reads (the coming one, not today); "two days before friday", "the day before
  friday", "the day before this weekend": counted back from it; the same from a date ("3 days
  from 2026-12-20", "a week after 2026-12-20", "the day before 2026-12-20").

Also here, for the same readers (due dates, reminders, the offline model): numbers written in words
(`WORD_NUMBERS`), clock times as people type or say them (`clock_times`: "17h30", "9h", "half past
3", "quarter to 5", "5ish", "around 5pm"), and times of day spelt out (`spell_times`): "at 9" is
9:00, not September, and "at 2" 14:00 (1 to 6 are afternoon hours unless a part of the day says
otherwise; "half past 3" is 15:30 as "at 3" is 15:00); a part of the day is
its time (`PART_OF_DAY_TIMES`: morning 09:00, afternoon 15:00, evening 18:00, night and "tonight"
21:00; today's, said after that time while it lasts, the next whole hour), alone ("in the morning")
the next one to come, and beside a clock time it says am or pm ("tonight at 8", "tomorrow evening at
7" are 20:00, 19:00); a night's "12" or "midnight" is the one that ends it, and its 1 to 5
o'clock the small hours after that (`past_midnight`: "tonight at 12" is 00:00 tomorrow, "tonight
at 1" 01:00 tomorrow); a day's "midnight" ends that day too ("friday at midnight" is 00:00
Saturday), while "12am" is read as clocks read it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, time, timedelta

from dateutil.relativedelta import relativedelta

# Numbers as people write them in words, for counts in phrases ("in two weeks", "an hour
# before"): the tasks' date and reminder phrases and the offline model read the same ones.
WORD_NUMBERS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty-five": 45,
}
# Day names as `date.weekday()` numbers (Monday is 0), for phrases that name a day of a week.
WEEKDAY_NUMBERS = {
    "monday": 0,
    "mon": 0,
    "tuesday": 1,
    "tues": 1,
    "tue": 1,
    "wednesday": 2,
    "wed": 2,
    "thursday": 3,
    "thurs": 3,
    "thu": 3,
    "friday": 4,
    "fri": 4,
    "saturday": 5,
    "sat": 5,
    "sunday": 6,
    "sun": 6,
}
_WEEKDAY = rf"(?P<day>{'|'.join(WEEKDAY_NUMBERS)})"
_COUNT = rf"(?P<count>\d{{1,3}}|{'|'.join(WORD_NUMBERS)})"
_UNIT = r"(?P<unit>day|week|fortnight|month|year)s?"
_END = r"(?=$|[\s,])"
FLAGS = re.IGNORECASE

_IN = re.compile(rf"^in\s+{_COUNT}\s+{_UNIT}{_END}", FLAGS)
# "2 weeks from today", "3 days from friday"; "a week today", "2 weeks tomorrow" (British: from
# then, not dateparser's "2 weeks ago today").
_ISO_DAY = r"(?P<iso>\d{4}-\d{2}-\d{2})"
_FROM = re.compile(
    rf"^{_COUNT}\s+{_UNIT}\s+(?:(?:from|after)\s+(?:(?P<base>today|now|tomorrow)|{_WEEKDAY}"
    rf"|{_ISO_DAY})|(?:on\s+)?(?P<said>today|tomorrow)){_END}",
    FLAGS,
)
_BEFORE = re.compile(
    rf"^(?:the\s+)?(?:{_COUNT}\s+)?(?P<unit>day|week)s?\s+before\s+(?:{_WEEKDAY}|{_ISO_DAY}"
    rf"|(?P<weekend>(?:this\s+|the\s+)?weekend)){_END}",
    FLAGS,
)
# What is left when a count is said from a day none of the rules above could read ("3 days from
# 2026-02-30"): dateparser counts such a phrase from today and drops the day.
UNREAD_OFFSET = re.compile(
    rf"\b{_COUNT}\s+{_UNIT}\s+(?:from|after|before)\s+\d{{4}}-\d{{2}}-\d{{2}}", FLAGS
)
# Only a day of the month on its own, maybe with a time ("the 1st at 9am"): not "the 2nd of
# January" (dateparser's) nor "the 3rd task".
_MONTH_DAY = re.compile(
    r"^(?:on\s+)?(?:the\s+)?(?P<day>\d{1,2})(?:st|nd|rd|th)(?:\s+of\s+(?:the|this)\s+month)?"
    r"(?=$|[\s,]+(?:\d|(?:at|around|by|in\s+the|morning|afternoon|evening|night|noon|midday)\b))",
    FLAGS,
)
_END_OF = re.compile(
    r"^(?:by\s+|on\s+)?(?:the\s+)?(?:end|last\s+day)\s+of\s+(?:the\s+|this\s+|(?P<next>next)\s+)?"
    rf"(?P<unit>month|year){_END}",
    FLAGS,
)
_START_OF_NEXT_MONTH = re.compile(
    rf"^(?:by\s+)?(?:early|(?:the\s+)?(?:start|beginning)\s+of)\s+next\s+month{_END}", FLAGS
)
_END_OF_DAY = re.compile(
    r"^(?:by\s+)?(?:the\s+)?(?:end\s+of\s+(?:the\s+)?(?:day|business(?:\s+day)?)|eod|cob"
    r"|close\s+of\s+business)"
    # "end of day friday", "EOD tomorrow": that day's end.
    rf"(?:\s+(?:(?:on\s+)?{_WEEKDAY}|(?P<tomorrow>tomorrow)|today))?{_END}",
    FLAGS,
)
_END_OF_WEEK = re.compile(
    r"^(?:by\s+)?(?:the\s+)?end\s+of\s+(?:the\s+|this\s+|(?P<next>next)\s+)?"
    rf"(?:work(?:ing)?\s+)?week{_END}",
    FLAGS,
)
# "friday next week", "the friday of next week"; "next week on friday", "next week friday".
_DAY_OF_WEEK = re.compile(
    rf"^(?:on\s+)?(?:the\s+)?{_WEEKDAY}\s+(?:of\s+)?(?P<which>this|next)\s+week{_END}", FLAGS
)
_WEEK_ON_DAY = re.compile(rf"^(?P<which>this|next)\s+week\s+(?:on\s+)?{_WEEKDAY}{_END}", FLAGS)
# "next tuesday": that day of next week, as "tuesday next week" is (said on a Monday, not
# tomorrow; "tuesday" and "this tuesday" are the coming one).
_NEXT_DAY = re.compile(rf"^(?:(?:by|on)\s+)?(?P<which>next)\s+{_WEEKDAY}{_END}", FLAGS)
_PART_OF_NEXT_WEEK = re.compile(
    r"^(?:by\s+)?(?:(?P<early>early|(?:the\s+)?(?:start|beginning)\s+of)"
    r"|(?P<mid>mid-?\s?week|mid-?|(?:the\s+)?middle\s+of))\s*next\s+week"
    rf"{_END}",
    FLAGS,
)
# "next week", "next month", "next year" alone (or with a time): the first day of it, as other
# todo apps read them — not "next week on friday" nor "next month on the 15th", which name a day.
_NEXT_SPAN = re.compile(
    r"^(?:(?:by|on|until|for)\s+)?next\s+(?P<unit>week|month|year)"
    r"(?=$|[\s,]+(?:\d|(?:at|around|in\s+the|morning|afternoon|evening|night|noon|midnight)\b))",
    FLAGS,
)
_MIDWEEK = re.compile(
    rf"^(?:by\s+)?(?:mid-?\s?week|(?:the\s+)?middle\s+of\s+the\s+week){_END}", FLAGS
)
# A time may follow a phrase that names a day ("next month on the 15th at 3pm"), nothing else.
_THEN_A_TIME = (
    r"(?=$|[\s,]+(?:\d|(?:at|around|by|in\s+the|morning|afternoon|evening|night|noon|midnight)\b))"
)
# "the 15th of next month", "next month on the 15th", "the first of next month": that day of next
# month ("next month" alone is its 1st; dateparser read "next month on the 15th" as a month).
_DAY_WORDS = {"first": 1, "second": 2, "third": 3}
_NTH_DAY = rf"\d{{1,2}}(?:st|nd|rd|th)?|{'|'.join(_DAY_WORDS)}"
_DAY_OF_NEXT_MONTH = re.compile(
    rf"^(?:(?:on|by)\s+)?(?:(?:the\s+)?(?P<day>{_NTH_DAY})\s+(?:day\s+)?of\s+next\s+month"
    rf"|next\s+month\s+on\s+the\s+(?P<on>{_NTH_DAY})"
    r"|(?:the\s+)?(?P<said>\d{1,2}(?:st|nd|rd|th)|first)\s+next\s+month)"
    rf"{_THEN_A_TIME}",
    FLAGS,
)
# "the first monday of next month", "last friday of the month": a weekday of a month by its
# rank ("of the month": the next such day to come, as "the 15th" is). "of every month" is a
# recurrence, not this.
_RANKS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}
_RANKS |= {"fifth": 5, "5th": 5, "last": -1}
_NTH_WEEKDAY = re.compile(
    rf"^(?:(?:on|by)\s+)?(?:the\s+)?(?P<rank>{'|'.join(_RANKS)})\s+{_WEEKDAY}\s+(?:of|in)\s+"
    rf"(?:the\s+|this\s+|(?P<next>next)\s+)month{_THEN_A_TIME}",
    FLAGS,
)
# "next quarter", "the start of next quarter": the first day of the next calendar quarter
# (January, April, July, October); "end of the quarter": this quarter's last day, "end of next
# quarter" the next one's ("the last day of the quarter" too).
_QUARTER = re.compile(
    r"^(?:(?:by|on|until|for)\s+)?(?:(?:(?:the\s+)?(?:start|beginning)\s+of\s+|early\s+)?"
    r"(?P<start>next)\s+quarter"
    r"|(?:the\s+)?(?:end|last\s+day)\s+of\s+(?:the\s+|this\s+|(?P<next>next)\s+)?quarter)"
    rf"{_THEN_A_TIME}",
    FLAGS,
)


class NoSuchDay(ValueError):
    """A phrase that names a day some months lack ("the 31st of next month" in January)."""


# Short forms, and the misspellings people type most ("tomorow" was left out, and the task
# put on today).
_TOMORROW_SHORT = re.compile(
    r"\b(?:tmrw|tmr|tmw|tmrow|2moro|2morrow|tomorow|tommorow|tommorrow|tomorrrow|tomoro|tomrrow"
    r"|tomrow|tomorroww)\b",
    FLAGS,
)
# A bare hour beside a part of the day ("friday evening 7", "9 tomorrow night" at the start):
# an hour, not July nor a day of the month ("dec 3 evening" keeps its 3rd); it gets its "at".
_PART_WORD = r"(?:morning|afternoon|evening|night|tonight)"
_HOUR_AFTER_PART = re.compile(
    rf"\b(?P<part>{_PART_WORD})\s+(?P<hour>1[0-2]|[1-9])\b"
    r"(?![:.\d]|\s*(?:am|pm|a\.m\.|p\.m\.|st|nd|rd|th|of)\b)",
    FLAGS,
)
_HOUR_BEFORE_PART = re.compile(
    r"^(?P<hour>1[0-2]|[1-9])\s+"
    rf"(?=(?:(?:tomorrow|this|in\s+the|{'|'.join(WEEKDAY_NUMBERS)})\s+)?{_PART_WORD}\b)",
    FLAGS,
)
_WEEKEND = re.compile(rf"^(?:(?P<which>this|the|next)\s+)?weekend{_END}", FLAGS)
# "monday week", "a week on monday": the week after the coming Monday.
_DAY_WEEK = re.compile(rf"^(?:on\s+)?{_WEEKDAY}\s+week{_END}", FLAGS)
_WEEK_ON_A_DAY = re.compile(rf"^a\s+week\s+(?:on\s+)?{_WEEKDAY}{_END}", FLAGS)
# "tomorrow week", "today week": a week after then.
_THEN_WEEK = re.compile(rf"^(?P<base>tomorrow|today)\s+week{_END}", FLAGS)
# Day names dateparser does not know, spelt out.
_SHORT_DAY = re.compile(r"\b(?:(?P<thursday>thurs?)|(?P<wednesday>weds))\b", FLAGS)
# Amounts of time said in words, as the counts the rules and dateparser read: "half an hour"
# is 30 minutes, "an hour and a half" 90, "a couple of days" 2 days, "a few minutes" 3 minutes.
_SPAN_WORDS = r"(?:minute|min|hour|hr|day|week|fortnight|month|year)"
_SPAN_UNIT = rf"{_SPAN_WORDS}s\b"
_HALF_HOUR = re.compile(r"\b(?:half\s+an\s+hour|(?:an?\s+)?half[\s-]hour)\b", FLAGS)
_QUARTER_HOUR = re.compile(r"\b(?:an?\s+)?quarter(?:\s+of\s+an|[\s-])\s*hour\b", FLAGS)
_HOURS_AND_A_HALF = re.compile(
    rf"\b{_COUNT}\s+(?:and\s+a\s+half\s+hours?|hours?\s+and\s+a\s+half)\b"
    r"|\b(?P<decimal>\d{1,2})\.5\s+(?:hours?|hrs?)\b",
    FLAGS,
)
# "in 1h30", "1h 30m before", "1 hr 30 min", "2 hours and 15 minutes": hours and minutes of a
# span. A bare "17h30" is a clock time (`_HOURS_H`) unless "in" or a word like "before" says
# it is a span.
_HOURS_MINUTES = re.compile(
    r"(?P<in>\b(?:in|within)\s+)?\b(?P<hours>\d{1,2})\s*(?P<unit>h|hrs?|hours?)\s*"
    r"(?:and\s+)?(?P<minutes>[0-5]?\d)\s*(?:m|mins?|minutes?)?(?![\w:.])"
    r"(?P<span>(?=\s+(?:from|later|ago|before|after|earlier|ahead|prior)\b))?",
    FLAGS,
)


def _hours_minutes(match: re.Match[str]) -> str:
    if match["unit"].lower() == "h" and not (match["in"] or match["span"] is not None):
        return match[0]
    return f"{match['in'] or ''}{60 * int(match['hours']) + int(match['minutes'])} minutes"


_DAY_AND_A_HALF = re.compile(r"\b(?:a|one)\s+day\s+and\s+a\s+half\b", FLAGS)
_COUPLE = re.compile(rf"\b(?:a\s+)?couple\s+(?:of\s+)?(?={_SPAN_UNIT})", FLAGS)
_FEW = re.compile(rf"\ba\s+few\s+(?={_SPAN_UNIT})", FLAGS)
# "later today", "later tonight": today, tonight; "before 5pm", "no later than friday": the
# time or day said, the latest a due date can be.
_LATER = re.compile(r"^later\s+(?=(?:today|tonight|this\s+(?:morning|afternoon|evening))\b)", FLAGS)
# "in 2 weeks' time": in 2 weeks; "midday": noon; "this coming friday": friday; "the friday
# after next": "friday week".
_SPAN_TIME = re.compile(rf"\b(?P<span>{_SPAN_WORDS}s?)(?:['’]s?)?\s+time\b", FLAGS)
_MIDDAY = re.compile(r"\bmidday\b", FLAGS)
_COMING = re.compile(r"\b(?:this\s+)?coming\s+(?=[a-z]+day\b|weekend\b)", FLAGS)
_DAY_AFTER_NEXT = re.compile(rf"^(?:the\s+)?{_WEEKDAY}\s+after\s+next{_END}", FLAGS)
_AT_THE_LATEST = re.compile(r"^(?:before|no\s+later\s+than|not\s+later\s+than)\s+(?=\S)", FLAGS)
# "first thing tomorrow", "monday first thing": that morning; alone, the next morning.
_FIRST_THING = r"first\s+thing(?:\s+in\s+the\s+morning)?"
_MORNING_OF = rf"(?P<when>tomorrow|(?:next\s+)?{_WEEKDAY})"
_FIRST_THING_ON = re.compile(
    rf"^{_FIRST_THING}(?:\s+(?:on\s+)?{_MORNING_OF}(?:\s+morning)?)?{_END}", FLAGS
)
_ON_FIRST_THING = re.compile(rf"^{_MORNING_OF}\s+{_FIRST_THING}{_END}", FLAGS)
# "this time tomorrow", "same time next week", "friday at the same time": that day, at the
# time of day it is now.
_SAME_TIME_WORDS = r"(?:at\s+)?(?:this|the\s+same|same)\s+time"
_SAME_TIME_DAY = (
    r"(?P<when>tomorrow|the\s+day\s+after\s+tomorrow|next\s+(?P<span>week|month|year)"
    rf"|(?:on\s+|next\s+)?{_WEEKDAY}|in\s+{_COUNT}\s+{_UNIT})"
)
_SAME_TIME = re.compile(rf"^{_SAME_TIME_WORDS}\s+{_SAME_TIME_DAY}$", FLAGS)
_DAY_SAME_TIME = re.compile(rf"^{_SAME_TIME_DAY}\s+{_SAME_TIME_WORDS}$", FLAGS)


def _count(word: str) -> int:
    return int(word) if word.isdigit() else WORD_NUMBERS[word.lower()]


def _after(start: date, count: int, unit: str) -> date:
    unit = unit.lower()
    if unit == "fortnight":
        return start + timedelta(weeks=2 * count)
    return start + relativedelta(**{f"{unit}s": count})


def _monday(today: date, *, weeks: int = 0) -> date:
    """The Monday of `today`'s week, or of the week `weeks` after it."""
    return today - timedelta(days=today.weekday()) + timedelta(weeks=weeks)


def _coming(day_name: str, today: date) -> date:
    """The next such weekday, not today: how a bare "friday" is read."""
    return today + timedelta(days=(WEEKDAY_NUMBERS[day_name.lower()] - today.weekday() - 1) % 7 + 1)


def _in(match: re.Match[str], today: date) -> date | None:
    return _after(today, _count(match["count"]), match["unit"])


def _iso(text: str) -> date | None:
    try:
        return date.fromisoformat(text)
    except ValueError:  # no such day: the phrase is left as it was, and refused
        return None


def _from(match: re.Match[str], today: date) -> date | None:
    if iso := match["iso"]:
        if (day := _iso(iso)) is None:
            return None
        start = day
    elif match["day"]:
        start = _coming(match["day"], today)
    else:
        base = (match["base"] or match["said"]).lower()
        start = today + timedelta(days=1) if base == "tomorrow" else today
    return _after(start, _count(match["count"]), match["unit"])


def _before(match: re.Match[str], today: date) -> date | None:
    count = _count(match["count"]) if match["count"] else 1
    if match["weekend"]:
        start: date | None = _this_weekend(today)
    elif match["iso"]:
        start = _iso(match["iso"])
    else:
        start = _coming(match["day"], today)
    return None if start is None else _after(start, -count, match["unit"])


def _month_day(match: re.Match[str], today: date) -> date | None:
    day = int(match["day"])
    if not 1 <= day <= 31:
        return None
    month = date(today.year, today.month, 1)
    for _ in range(13):
        try:
            found = month.replace(day=day)
        except ValueError:  # a month without that day
            found = None
        if found is not None and found >= today:
            return found
        month += relativedelta(months=1)
    return None


def _day_of_next_month(match: re.Match[str], today: date) -> date | None:
    said = (match["day"] or match["on"] or match["said"]).lower()
    day = _DAY_WORDS.get(said) or int(said.rstrip("stndrh"))
    month = date(today.year, today.month, 1) + relativedelta(months=1)
    try:
        return month.replace(day=day)
    except ValueError:
        raise NoSuchDay(f"{month:%B} has no day {day}") from None


def _nth_weekday_in(month: date, weekday: int, rank: int) -> date | None:
    """The `rank`th (-1: last) `weekday` of `month`'s month, None when it has none (a fifth)."""
    if rank > 0:
        day = month + timedelta(days=(weekday - month.weekday()) % 7, weeks=rank - 1)
    else:
        last = month + relativedelta(months=1, days=-1)
        day = last - timedelta(days=(last.weekday() - weekday) % 7)
    return day if day.month == month.month else None


def _nth_weekday(match: re.Match[str], today: date) -> date | None:
    rank = _RANKS[match["rank"].lower()]
    weekday = WEEKDAY_NUMBERS[match["day"].lower()]
    month = date(today.year, today.month, 1)
    if match["next"]:
        month += relativedelta(months=1)
        if (day := _nth_weekday_in(month, weekday, rank)) is None:
            name = f"{match['rank']} {match['day']}".lower()
            raise NoSuchDay(f"{month:%B} has no {name}")
        return day
    # The next one to come, today included: a fifth Monday may be a few months away.
    for _ in range(13):
        day = _nth_weekday_in(month, weekday, rank)
        if day is not None and day >= today:
            return day
        month += relativedelta(months=1)
    return None


def _quarter(match: re.Match[str], today: date) -> date | None:
    start = date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)  # this quarter's first day
    if match["start"]:
        return start + relativedelta(months=3)
    return start + relativedelta(months=6 if match["next"] else 3, days=-1)


def _end_of(match: re.Match[str], today: date) -> date | None:
    later = 1 if match["next"] else 0
    if match["unit"].lower() == "year":
        return date(today.year + later, 12, 31)
    return date(today.year, today.month, 1) + relativedelta(months=1 + later, days=-1)


def _start_of_next_month(_match: re.Match[str], today: date) -> date | None:
    return date(today.year, today.month, 1) + relativedelta(months=1)


def _end_of_week(match: re.Match[str], today: date) -> date | None:
    if match["next"]:
        return _monday(today, weeks=1) + timedelta(days=4)
    friday = _monday(today) + timedelta(days=4)
    # On a weekend this week's Friday is behind the user; the week's last day is not.
    return friday if today <= friday else friday + timedelta(days=2)


def _day_of_week(match: re.Match[str], today: date) -> date | None:
    weeks = 1 if match["which"].lower() == "next" else 0
    return _monday(today, weeks=weeks) + timedelta(days=WEEKDAY_NUMBERS[match["day"].lower()])


def _part_of_next_week(match: re.Match[str], today: date) -> date | None:
    return _monday(today, weeks=1) + timedelta(days=0 if match["early"] else 2)


def _next_span(match: re.Match[str], today: date) -> date | None:
    unit = match["unit"].lower()
    if unit == "week":
        return _monday(today, weeks=1)
    if unit == "month":
        return date(today.year, today.month, 1) + relativedelta(months=1)
    return date(today.year + 1, 1, 1)


def _midweek(_match: re.Match[str], today: date) -> date | None:
    return today + timedelta(days=(2 - today.weekday()) % 7)  # on a Wednesday: today


def _today(_match: re.Match[str], today: date) -> date | None:
    return today


def _end_of_day(match: re.Match[str], today: date) -> date | None:
    if match["day"]:
        return _coming(match["day"], today)
    return today + timedelta(days=1) if match["tomorrow"] else today


def _week_after(match: re.Match[str], today: date) -> date | None:
    return _coming(match["day"], today) + timedelta(weeks=1)


def _then_week(match: re.Match[str], today: date) -> date | None:
    return today + timedelta(days=8 if match["base"].lower() == "tomorrow" else 7)


def _this_weekend(today: date) -> date:
    """The coming Saturday; today on a Saturday or a Sunday."""
    if today.weekday() == 6:
        return today
    return today + timedelta(days=(5 - today.weekday()) % 7)


def _weekend(match: re.Match[str], today: date) -> date | None:
    if (match["which"] or "").lower() == "next":
        # On a Sunday the coming Saturday is already the next weekend's.
        upcoming = today + timedelta(days=(5 - today.weekday()) % 7)
        return upcoming if today.weekday() == 6 else upcoming + timedelta(weeks=1)
    return _this_weekend(today)


_RULES: tuple[tuple[re.Pattern[str], Callable[[re.Match[str], date], date | None]], ...] = (
    (_IN, _in),
    (_FROM, _from),
    (_BEFORE, _before),
    (_DAY_OF_NEXT_MONTH, _day_of_next_month),
    (_MONTH_DAY, _month_day),
    (_NTH_WEEKDAY, _nth_weekday),
    (_QUARTER, _quarter),
    (_END_OF, _end_of),
    (_START_OF_NEXT_MONTH, _start_of_next_month),
    (_END_OF_WEEK, _end_of_week),
    (_DAY_OF_WEEK, _day_of_week),
    (_WEEK_ON_DAY, _day_of_week),
    (_NEXT_DAY, _day_of_week),
    # Before "midweek": "midweek next week" is next week's.
    (_PART_OF_NEXT_WEEK, _part_of_next_week),
    (_MIDWEEK, _midweek),
    (_END_OF_DAY, _end_of_day),
    (_WEEKEND, _weekend),
    (_DAY_WEEK, _week_after),
    (_WEEK_ON_A_DAY, _week_after),
    (_THEN_WEEK, _then_week),
    # Last: the phrases above that name a day of next week or month come first.
    (_NEXT_SPAN, _next_span),
)


# A time of day written out ("5pm", "17:00", "noon").
CLOCK_TIME = re.compile(
    r"\b\d{1,2}(?::\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.)|\b\d{1,2}:\d{2}\b|\b(?:noon|midday|midnight)\b",
    FLAGS,
)
_HALF = r"(?:am\b|pm\b|a\.m\.|p\.m\.)"
# Clock times as people type them that dateparser misses (it kept the current time of day):
# "9.30am" and 24-hour times without a colon after "at" ("at 1530", "at 0900").
_DOTTED_CLOCK = re.compile(rf"(?<![\d.])(\d{{1,2}})\.(\d{{2}})(?=\s*{_HALF})", FLAGS)
_AT_FOUR_DIGITS = re.compile(r"\bat ([01]\d|2[0-3])([0-5]\d)\b", FLAGS)
# Times of day a phrase may hold, to check they exist: "25:00", "9:75", "13pm" and "at 120"
# were read as the current time of day.
_ANY_CLOCK = re.compile(
    rf"(?<![\d:T-])(?P<hour>\d{{1,2}}):(?P<minute>\d{{1,2}})(?::(?P<second>\d{{1,2}}))?(?![\d:])"
    rf"(?:\s*(?P<half>{_HALF}))?"
    rf"|(?<![\d:.])(?P<bare>\d{{1,3}})\s*(?P<bare_half>{_HALF})"
    r"|\bat (?P<long>\d{3,})\b",
    FLAGS,
)


# "17h", "17h30", "9h": a 24-hour clock time, as much of Europe writes it; "in 17h", "2h from
# now" stay spans of hours.
_HOURS_H = re.compile(
    r"(?:\bat\s+)?(?<!\bin\s)(?<!within\s)(?<![\w:.])(?P<hour>[01]?\d|2[0-3])h(?P<minute>[0-5]\d)?\b"
    r"(?!\s+(?:from|later|ago|before|after|earlier|ahead|prior)\b)",
    FLAGS,
)
# "half past 3", "quarter to 5", "twenty past 9", "10 past 6" (a number of minutes "to" an hour
# is left alone: "5 to 6" is as often a span of hours).
_MINUTES_WORDS = {"half": 30, "quarter": 15, "five": 5, "ten": 10, "twenty": 20, "twenty-five": 25}
_PAST_TO = re.compile(
    r"\b(?:at\s+)?(?:(?P<word>half|(?:a\s+)?quarter|five|ten|twenty(?:-five)?)|(?P<count>[1-5]?\d))"
    r"(?:\s+minutes)?\s+(?P<side>past|to)\s+(?P<hour>1[0-2]|0?[1-9])(?![\d:])"
    rf"(?:\s*(?P<half>{_HALF}))?",
    FLAGS,
)
# "around 5pm", "about 5", "5ish", "at 6-ish", "noonish": the time said. "about 5 days" and
# "in about 2 hours" stay as they are.
_ROUGHLY = re.compile(
    r"(?:\bat\s+)?\b(?:around|about|roughly|approximately)\s+"
    rf"(?P<time>\d{{1,2}}(?::\d{{2}})?(?:\s*{_HALF})?|noon|midday)(?![\d:])"
    r"(?!\s*(?:-?\s*ish|minutes?|mins?|hours?|hrs?|h\b|days?|weeks?|months?|years?)\b)"
    r"|(?:\bat\s+)?(?:\b(?:around|about)\s+)?\b"
    r"(?P<ish>\d{1,2}(?::\d{2})?(?:\s*(?:am|pm|a\.m\.|p\.m\.))?|noon|midday)\s*-?\s*ish\b",
    FLAGS,
)


def _past_to(match: re.Match[str], *, said: bool) -> str:
    """ "half past 3" as "at 15:30" (a bare "at 3" is 15:00), or as "at 3:30" beside a part of
    the day, which then says am or pm; "quarter to 5" as "at 16:45"; as said when it is no time
    ("half to 5", "70 past 3")."""
    word = re.sub(r"^a\s+", "", (match["word"] or "").lower())
    minutes = _MINUTES_WORDS[word] if word else int(match["count"])
    if match["side"].lower() == "to":
        if not word or word == "half":
            return match[0]
        minutes = -minutes
    elif not 1 <= minutes <= 59:
        return match[0]
    hour = int(match["hour"])
    if match["half"]:
        hour = hour % 12 + (12 if match["half"].lower().startswith("p") else 0)
    elif not said:
        hour = afternoon_hour(hour)
    total = (hour * 60 + minutes) % (24 * 60)
    if said and not match["half"]:
        # A 12-hour time, which the part of the day places ("tonight at quarter to 1": 00:45).
        return f"at {(total // 60 - 1) % 12 + 1}:{total % 60:02}"
    return f"at {total // 60}:{total % 60:02}"


def _impossible(match: re.Match[str]) -> bool:
    if match["long"] is not None:
        return True
    if match["bare"] is not None:
        return not 1 <= int(match["bare"]) <= 12
    hour, minute, second = int(match["hour"]), int(match["minute"]), int(match["second"] or 0)
    hours = range(1, 13) if match["half"] else range(24)
    return hour not in hours or minute > 59 or second > 59


def clock_times(text: str) -> str:
    """`text` with its clock times spelt as dateparser reads them: "9.30am" and "at 1530" as
    "9:30am" and "at 15:30"; "17h30" and "9h" (not "in 17h") as "at 17:30" and "at 09:00";
    "half past 3", "quarter to 5" and "5ish" with the hour a bare "at 3" or "at 5" would have
    (with no part of the day, 1 to 6 in the afternoon: "at 15:30", "at 16:45", "at 5"); "around
    5pm" as "at 5pm".

    Raises ValueError when a time it holds is on no clock ("25:00", "9:75", "13pm", "at 120")."""
    text = _DOTTED_CLOCK.sub(r"\1:\2", text)
    text = _AT_FOUR_DIGITS.sub(r"at \1:\2", text)
    text = _HOURS_H.sub(lambda m: f"at {int(m['hour']):02}:{m['minute'] or '00'}", text)
    said = _PART_OF_DAY.search(text) is not None
    text = _PAST_TO.sub(lambda m: _past_to(m, said=said), text)
    text = _ROUGHLY.sub(lambda m: f"at {m['time'] or m['ish']}", text)
    if any(_impossible(match) for match in _ANY_CLOCK.finditer(text)):
        raise ValueError("there is no such time")
    return text


# "at 9" without minutes or am/pm: dateparser reads the bare number as a day, not an hour.
_BARE_HOUR = re.compile(r"\bat (\d{1,2})\b(?!\s*(?::|am\b|pm\b|a\.m\.|p\.m\.))", FLAGS)
# A clock time without am/pm ("7:30", as bare hours are spelt), not inside a date or after one.
_PLAIN_CLOCK = re.compile(
    r"(?<![\d:T-])(?P<hour>\d{1,2}):(?P<minute>\d{2})(?!\d|\s*(?:am\b|pm\b|a\.m\.|p\.m\.))",
    FLAGS,
)
# An hour from 1 to 6, not zero-padded, with its minutes and without am/pm ("3:30").
_AFTERNOON_CLOCK = re.compile(
    r"(?<![\d:T.-])(?P<hour>[1-6]):(?P<minute>[0-5]\d)(?!\d|\s*(?:am\b|pm\b|a\.m\.|p\.m\.))",
    FLAGS,
)
# When a part of the day said without a clock time is: "tonight" is the night, as reminders
# have always read "remind me tonight"; a morning is the all-day reminder time's default.
PART_OF_DAY_TIMES = {
    "morning": time(9),
    "afternoon": time(15),
    "evening": time(18),
    "night": time(21),
}
# When a part of the day is over: "tonight" said at 22:30 is still tonight.
_PART_OF_DAY_ENDS = {
    "morning": time(12),
    "afternoon": time(18),
    "evening": time(23, 59),
    "night": time(23, 59),
}
_AFTER_NOON = {"afternoon", "evening", "night"}
_PART_OF_DAY = re.compile(
    r"\b(?:(?P<this>this)\s+|in\s+the\s+)?(?P<part>morning|afternoon|evening|night)\b"
    r"|\b(?P<tonight>tonight)\b",
    FLAGS,
)


def spell_times(text: str, now: time | None = None) -> str:
    """Times of day as dateparser reads them right: "at 9" as "at 9:00" (not September); a part
    of the day as its time ("tomorrow morning": 09:00, "tonight": today 21:00), or, beside a
    clock time, as what makes it am or pm ("tomorrow evening at 7": 19:00).

    Today's part of the day said after its time, while it lasts ("tonight" at 22:30, "this
    afternoon" at 16:10), is the next whole hour (23:00, 17:00), at the latest its last minute:
    a time still ahead, as the speaker means, not one just gone. `now` is the local time."""
    # With no part of the day to say am or pm, an hour from 1 to 6 is in the afternoon ("call
    # the plumber at 2"; nobody schedules a task for 2 am by leaving am out), 7 to 12 as said.
    said = _PART_OF_DAY.search(text) is not None
    text = _BARE_HOUR.sub(
        lambda m: f"at {int(m[1]) if said else afternoon_hour(int(m[1]))}:00", text
    )
    if not said:
        # The same for an hour from 1 to 6 with its minutes ("at 3:30"); "03:30" is a 24-hour time.
        text = _AFTERNOON_CLOCK.sub(_afternoon, text)
    match = _PART_OF_DAY.search(text)
    if match is None:
        return text
    part = "night" if match["tonight"] else match["part"].lower()
    today = bool(match["tonight"] or match["this"])
    text = " ".join(
        f"{text[: match.start()]} {'today' if today else ''} {text[match.end() :]}".split()
    )
    if CLOCK_TIME.search(text) is None:
        # Its own time; with no day before it ("in the morning") dateparser reads a bare time as
        # the next one to come.
        at = PART_OF_DAY_TIMES[part]
        if today and now is not None and at <= now < _PART_OF_DAY_ENDS[part]:
            at = min(time(now.hour + 1) if now.hour < 23 else time(23, 59), _PART_OF_DAY_ENDS[part])
        return f"{text} {at:%H:%M}".strip()
    if part not in _AFTER_NOON:
        return text
    return _PLAIN_CLOCK.sub(_afternoon, text)


# 12 o'clock or midnight beside an evening or night word: the midnight that ends it; beside a
# night word, 1 to 5 o'clock too: the small hours after that midnight ("tonight at 1").
# "at 12", "12:30 am", "12 tonight", "midnight": never the 12 of a date ("dec 12").
_NIGHT_MIDNIGHT = re.compile(
    r"\bat\s+(?P<at_hour>12|0?[1-5])(?::(?P<at>\d{2}))?(?![\d:])(?!\s*(?:pm\b|p\.m\.))"
    r"(?:\s*(?:am\b|a\.m\.))?"
    r"|(?<![\d:/.-])(?P<said_hour>12|0?[1-5])(?::(?P<said>\d{2}))?"
    r"(?:\s*(?:am\b|a\.m\.)|(?=\s+tonight\b))"
    r"|\b(?:at\s+)?midnight\b",
    FLAGS,
)


_MIDNIGHT = re.compile(r"\b(?:at\s+)?(?:12\s+)?midnight\b", FLAGS)


def past_midnight(text: str) -> tuple[str, timedelta]:
    """A night's "12" or "midnight" ("tonight at 12", "friday night at midnight") is the one that
    ends that night, not noon nor the midnight that began its day, and a night's 1 to 5 o'clock
    ("tonight at 1", "friday night at 2:30", "tonight at 3am") is in the small hours after it,
    not the afternoon nor the morning that began its day (an evening's stays as said: the
    evening ends at midnight); with no part of the day, a day's "midnight" ("friday at midnight")
    is the one that ends that day. `text` with that time as the night's last minute (23:59), which
    dateparser places on the right day, and how long after that minute the time said is (one
    minute for 12:00, 31 for 12:30, 61 for 1:00)."""
    part = _PART_OF_DAY.search(text)
    if part is None and (midnight := _MIDNIGHT.search(text)):
        # A day's midnight ends it: "friday at midnight" is the end of Friday, as a deadline
        # means, not the start of it, a whole day early; "midnight" alone is tonight's.
        return f"{text[: midnight.start()]}at 23:59{text[midnight.end() :]}", timedelta(minutes=1)
    if part is None or not (part["tonight"] or part["part"].lower() in {"evening", "night"}):
        return text, timedelta(0)
    night = bool(part["tonight"]) or part["part"].lower() == "night"
    for match in _NIGHT_MIDNIGHT.finditer(text):
        hour = int(match["at_hour"] or match["said_hour"] or 12) % 12
        minutes = int(match["at"] or match["said"] or 0)
        if minutes > 59:
            return text, timedelta(0)
        if hour and not night:
            continue
        spelt = f"{text[: match.start()]}at 23:59{text[match.end() :]}"
        return spelt, timedelta(minutes=60 * hour + minutes + 1)
    return text, timedelta(0)


def afternoon_hour(hour: int) -> int:
    """An hour said without am/pm or a part of the day: 1 to 6 is in the afternoon."""
    return hour + 12 if 1 <= hour <= 6 else hour


def _afternoon(match: re.Match[str]) -> str:
    hour = int(match["hour"])
    return f"{hour + 12 if hour < 12 else hour}:{match['minute']}"


def spans(text: str) -> str:
    """`text` with amounts of time said in words as counts: "half an hour" as "30 minutes", "an
    hour and a half" and "1h30" as "90 minutes", "a day and a half" as "36 hours", "a couple of
    days" as "2 days", "a few minutes" as "3 minutes"."""
    text = _HALF_HOUR.sub("30 minutes", text)
    text = _QUARTER_HOUR.sub("15 minutes", text)
    text = _HOURS_MINUTES.sub(_hours_minutes, text)
    text = _DAY_AND_A_HALF.sub("36 hours", text)
    text = _HOURS_AND_A_HALF.sub(
        lambda m: f"{60 * int(m['decimal'] or _count(m['count'])) + 30} minutes", text
    )
    text = _COUPLE.sub("2 ", text)
    return _FEW.sub("3 ", text)


def _same_time(match: re.Match[str], now: time) -> str:
    when = match["when"]
    if match["span"]:
        when = f"in 1 {match['span']}"
    return f"{when} at {now:%H:%M}"


def _first_thing(match: re.Match[str]) -> str:
    return f"{match['when']} morning" if match["when"] else "in the morning"


def rewrite(text: str, today: date, now: time) -> str:
    """`text` with a leading phrase of these kinds replaced by the ISO date it names ("tmrw",
    "thurs" and "weds" spelt out, amounts of time as counts (`spans`), "first thing tomorrow" as
    "tomorrow morning", "this time tomorrow" as tomorrow at `now`, the local time, and a bare
    hour beside a part of the day given its "at").

    Raises NoSuchDay when the phrase names a day its month lacks ("the 31st of next month" said
    in January, "the fifth monday of next month")."""
    text = _TOMORROW_SHORT.sub("tomorrow", text)
    text = _SHORT_DAY.sub(lambda m: str(m.lastgroup), text)
    text = spans(text)
    text = _SPAN_TIME.sub(r"\g<span>", text)
    text = _MIDDAY.sub("noon", text)
    text = _COMING.sub("", text)
    text = _DAY_AFTER_NEXT.sub(r"\g<day> week", text)
    text = _LATER.sub("", text)
    text = _AT_THE_LATEST.sub("", text)
    for first_thing in (_FIRST_THING_ON, _ON_FIRST_THING):
        text = first_thing.sub(_first_thing, text)
    for same_time in (_SAME_TIME, _DAY_SAME_TIME):
        text = same_time.sub(lambda m: _same_time(m, now), text)
    text = _HOUR_AFTER_PART.sub(r"\g<part> at \g<hour>", text)
    text = _HOUR_BEFORE_PART.sub(r"at \g<hour> ", text)
    for pattern, day_of in _RULES:
        match = pattern.match(text)
        if match is None:
            continue
        day = day_of(match, today)
        if day is None:
            return text
        rest = text[match.end() :].strip(" ,")
        return f"{day.isoformat()} {rest}" if rest else day.isoformat()
    return text
