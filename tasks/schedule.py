"""Time for tasks: the user's zone, due dates from ISO text or phrases, recurrence rules.

A due date is either a day (all-day: a `date`, never shifted by timezones) or an instant (an
aware `datetime`, stored in UTC, shown in the user's zone). Phrases ("tomorrow 5pm", "next
friday") are read with `dateparser` against the current time in the user's zone, once
`relative_dates` has rewritten those it misreads ("two weeks from today", "the 1st"); anything
it cannot place on a day or a time, or that it reads differently from what was written, is an
error naming the phrase — never a guess.

Recurrence is an RFC 5545 RRULE without DTSTART: the series is anchored on the task's due date,
and the next occurrence is computed from that due date (never from "now"), in the user's zone so
a 09:00 task stays at 09:00 across a DST change. "Monthly on the 31st" means the 31st, or the last
day of a shorter month (Jan 31 → Feb 28 → Mar 31): stored as the standard
`BYMONTHDAY=28,29,30,31;BYSETPOS=-1`.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from dateparser.date import DateData, DateDataParser
from dateutil.rrule import rrule, rrulestr
from django.conf import settings

from todochat.errors import ApplicationError
from todochat.zones import iana_zone

from . import relative_dates
from .models import RECURRENCE_MAX_LENGTH
from .relative_dates import CLOCK_TIME
from .text import quoted

WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_DAY_NAMES = {
    "monday": "MO",
    "mon": "MO",
    "tuesday": "TU",
    "tue": "TU",
    "tues": "TU",
    "wednesday": "WE",
    "wed": "WE",
    "weds": "WE",
    "thursday": "TH",
    "thu": "TH",
    "thur": "TH",
    "thurs": "TH",
    "friday": "FR",
    "fri": "FR",
    "saturday": "SA",
    "sat": "SA",
    "sunday": "SU",
    "sun": "SU",
}
# How far a rule is searched for an occurrence, whatever its interval: 29 years of one century
# hold every kind of year (its weekday and leap or not) and every pair of consecutive ones, so a
# rule with none in them (its INTERVAL aside) never occurs, and one with any occurs in them.
_HORIZON = timedelta(days=29 * 366)
# A series steps by its INTERVAL: its next occurrence is searched that many periods further
# (eight: a leap day every fourth year is eight years on across 2100).
_PERIOD = {"DAILY": 1, "WEEKLY": 7, "MONTHLY": 31, "YEARLY": 366}
_STEPS = 8
_RRULE_KEYS = {"FREQ", "INTERVAL", "BYDAY", "BYMONTHDAY", "BYMONTH", "BYSETPOS", "UNTIL", "WKST"}
_FREQUENCIES = {"DAILY", "WEEKLY", "MONTHLY", "YEARLY"}
_MAX_INTERVAL = 366


def now() -> datetime:
    """The current instant (aware, UTC). Tests replace it to stand at a chosen moment."""
    return datetime.now(UTC)


# --- timezones -----------------------------------------------------------------------------------


def zone(name: str) -> ZoneInfo:
    """The IANA zone `name`; an unknown one is an error naming it."""
    found = iana_zone(name)
    if found is None:
        raise ApplicationError(
            f"Unknown timezone {quoted(name)}: use an IANA name such as 'Europe/Paris'.",
            fields={"timezone": ["Unknown timezone."]},
        )
    return found


def default_zone_name() -> str:
    return settings.DEFAULT_TIMEZONE


# --- due dates -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Due:
    """A due date: a day, an instant (UTC), or none."""

    day: date | None = None
    at: datetime | None = None

    @property
    def key(self) -> datetime | None:
        """One sortable instant: the instant, or the start of the day in UTC."""
        if self.at is not None:
            return self.at
        if self.day is not None:
            return datetime.combine(self.day, time(), UTC)
        return None


NO_DUE = Due()
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ISO_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}")
_TIME_PERIODS = {"time", "part_of_day"}


def _not_understood(value: str, why: str = "") -> ApplicationError:
    return ApplicationError(
        f"Could not understand the due date {quoted(value)}{': ' + why if why else ''}. "
        "Give a day or a time, e.g. '2026-12-03', 'tomorrow 5pm' or 'next friday'.",
        fields={"due": ["Not understood."]},
    )


def parse_due(value: str, *, tz: ZoneInfo, at: datetime | None = None) -> Due:
    """`value` (an ISO date, an ISO date-time, or a phrase) as a due date in zone `tz`.

    `at` is the moment phrases are relative to (default: now)."""
    text = " ".join(value.split())
    if not text:
        return NO_DUE
    if _ISO_DATE.match(text):
        try:
            return Due(day=date.fromisoformat(text))
        except ValueError:
            raise _not_understood(value, "there is no such day") from None
    if _ISO_DATETIME.match(text):
        try:
            moment = datetime.fromisoformat(text.replace(" ", "T", 1))
        except ValueError:
            raise _not_understood(value, "there is no such day or time") from None
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=tz)
        return Due(at=moment.astimezone(UTC))
    return _parse_phrase(value, text, tz=tz, at=at or now())


# Hours and minutes counted from now, as `relative_dates.spans` spells them ("in 90 minutes",
# "2 hours from now", "an hour later").
_TIME_FROM_NOW = re.compile(
    r"^(?:(?:in|within)\s+(?:\d+|an?|one)\s*(?:minutes?|mins?|hours?|hrs?|h)"
    r"|(?:\d+|an?|one)\s*(?:minutes?|mins?|hours?|hrs?|h)\s+(?:from\s+now|later))$",
    re.IGNORECASE,
)
_NAMES_SECONDS = re.compile(r"\d:\d\d:\d\d|\bseconds?\b|\bsecs?\b", re.IGNORECASE)


def _parse_phrase(value: str, text: str, *, tz: ZoneInfo, at: datetime) -> Due:
    local_now = at.astimezone(tz).replace(tzinfo=None)
    try:
        text = relative_dates.clock_times(text)
    except ValueError as exc:
        raise _not_understood(value, str(exc)) from None
    try:
        rewritten = relative_dates.rewrite(text, local_now.date(), local_now.time())
    except relative_dates.NoSuchDay as exc:
        raise _not_understood(value, str(exc)) from None
    if relative_dates.UNREAD_OFFSET.search(rewritten):
        raise _not_understood(value, "there is no such day")
    if _ISO_DATE.match(rewritten):
        return Due(day=date.fromisoformat(rewritten))
    spelt, past_midnight = relative_dates.past_midnight(rewritten)
    normalised = relative_dates.spell_times(spelt, local_now.time())
    data = _read_phrase(normalised, local_now)
    found = data.date_obj
    if found is None:
        raise _not_understood(value)
    found = _tomorrow_not_month_start(found, normalised, local_now)
    if found.tzinfo is not None:
        found = found.astimezone(tz).replace(tzinfo=None)
    # The day names dateparser was given: those a rewritten phrase named ("two days before
    # friday") are already counted in its date.
    named = [
        code for name, code in _DAY_NAMES.items() if re.search(rf"\b{name}\b", rewritten.lower())
    ]
    if named and WEEKDAYS[found.weekday()] not in named:
        raise _not_understood(value, "it does not name one day")
    found += past_midnight
    if _TIME_FROM_NOW.match(normalised):
        # "in 90 minutes" is time that passes: counted on the clock it lands a change of clocks
        # off (01:30 + 90 minutes is 04:00 on the night the clocks go forward, not 03:00).
        return Due(at=(at + (found - local_now)).replace(second=0, microsecond=0))
    # "in 2 hours" is counted from now to the microsecond: a due time is kept to the minute
    # (to the second when the phrase names seconds, "10:30:15").
    found = found.replace(microsecond=0)
    if not _NAMES_SECONDS.search(normalised):
        found = found.replace(second=0)
    # dateparser reports a phrase as naming only a day when the time it names is the current
    # time of day ("tomorrow at 9am" said at 9:00): the text decides.
    if data.period in _TIME_PERIODS or CLOCK_TIME.search(normalised):
        return Due(at=found.replace(tzinfo=tz).astimezone(UTC))
    if data.period == "day":
        return Due(day=_today_not_next_year(found.date(), local_now.date(), normalised))
    raise _not_understood(value, f"it names a whole {data.period}, not a day")


def _read_phrase(normalised: str, local_now: datetime) -> DateData:
    parser = DateDataParser(
        languages=["en"],
        settings={
            "PREFER_DATES_FROM": "future",
            "RELATIVE_BASE": local_now,
            "RETURN_TIME_AS_PERIOD": True,
            "RETURN_AS_TIMEZONE_AWARE": False,
        },
    )
    return parser.get_date_data(normalised)


def _tomorrow_not_month_start(found: datetime, normalised: str, local_now: datetime) -> datetime:
    """A time of day alone ("5pm", "in the morning") said after that time on a month's last day
    is tomorrow's: dateparser moves such a time on to the next day and then puts the month back,
    giving the 1st of this month (30 November at 22:00, "5pm": 1 November, not 1 December; on
    31 December, 1 December of next year). Read the day before, the phrase is a time alone when
    it lands today; then it is tomorrow at that time."""
    tomorrow = local_now.date() + timedelta(days=1)
    if tomorrow.day != 1 or found.day != 1 or found.date() == tomorrow or found.tzinfo:
        return found
    day_before = _read_phrase(normalised, local_now - timedelta(days=1)).date_obj
    if day_before is None or day_before.tzinfo or day_before.date() != local_now.date():
        return found
    return datetime.combine(tomorrow, found.time())


_YEAR = re.compile(r"\b\d{4}\b|\byears?\b", re.IGNORECASE)
# A day named by its month: "Dec 7", "7 December", "12/7".
_MONTH_DAY = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b|\b\d{1,2}[/.-]\d{1,2}\b",
    re.IGNORECASE,
)


def _today_not_next_year(day: date, today: date, phrase: str) -> date:
    """ "Dec 7" said on 7 December is today: dateparser, preferring future dates, reads the
    day (its midnight already past) as next year's — "Feb 29" said on 29 February as the next
    leap year's, four years on."""
    same_day = day.year > today.year and (day.month, day.day) == (today.month, today.day)
    if same_day and _MONTH_DAY.search(phrase) and not _YEAR.search(phrase):
        return today
    return day


def due_of(*, day: date | None, at: datetime | None) -> Due:
    return Due(day=day, at=at)


def show_due(due: Due, tz: ZoneInfo) -> str | None:
    """A due date as the user sees it: ISO date, or ISO date-time with the zone's offset."""
    if due.at is not None:
        return due.at.astimezone(tz).isoformat()
    if due.day is not None:
        return due.day.isoformat()
    return None


def day_bounds(day: date, tz: ZoneInfo) -> tuple[datetime, datetime]:
    """The instants (UTC) at which `day` starts and ends in zone `tz` (DST-aware)."""
    start = datetime.combine(day, time(), tz).astimezone(UTC)
    end = datetime.combine(day + timedelta(days=1), time(), tz).astimezone(UTC)
    return start, end


# --- recurrence ----------------------------------------------------------------------------------


def _month_day(day: int) -> str:
    """Monthly on `day`, falling back to the month's last day when the month is shorter."""
    if day <= 28:
        return f"BYMONTHDAY={day}"
    return f"BYMONTHDAY={','.join(str(d) for d in range(28, day + 1))};BYSETPOS=-1"


_ORDINAL_WORDS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "last": -1}
_EVERY_MONTH = r"(?:(?:(?:of|in) )?(?:every|each)|(?:of|in) the) month"
_NTH = r"(first|second|third|fourth|fifth|last|[1-5])"


def _nth_in_month(t: str) -> str | None:
    """ "the first monday of every month", "monthly on the last friday", "the first of every
    month", "the last day of each month": a day of each month named by its rank."""
    weekday = re.fullmatch(
        rf"(?:(?:on |every )?(?:the )?{_NTH} (\w+?) {_EVERY_MONTH}"
        rf"|(?:monthly|every month|each month) on the {_NTH} (\w+?))",
        t,
    )
    if weekday is None:
        # "every last friday", "every 3rd thursday": of each month ("every second sunday" and
        # "every 2nd sunday" are alternate Sundays, read before this).
        weekday = re.fullmatch(r"()()every (first|third|fourth|fifth|last|[1345]) (\w+?)", t)
    if weekday:
        rank, name = (weekday[1], weekday[2]) if weekday[1] else (weekday[3], weekday[4])
        days = _days(name)
        if len(days) == 1:
            number = _ORDINAL_WORDS.get(rank) or int(rank)
            return f"FREQ=MONTHLY;BYDAY={number}{days[0]}"
    day = re.fullmatch(
        rf"(?:on )?(?:the )?{_NTH}(?: day)? {_EVERY_MONTH}"
        rf"|(?:monthly|every month|each month) on the {_NTH} day",
        t,
    )
    if day:
        number = _ORDINAL_WORDS.get(day[1] or day[2]) or int(day[1] or day[2])
        return f"FREQ=MONTHLY;{'BYMONTHDAY=-1' if number == -1 else _month_day(number)}"
    return None


_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sept", "sep"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_MONTH_NAME = rf"({'|'.join(_MONTHS)})"


def _day_of_year(t: str) -> str | None:
    """ "every year on dec 25", "yearly on the 3rd of march", "every 4 years on feb 29",
    "every january 1st": a day of the year (ordinals already bare numbers)."""
    match = re.fullmatch(
        r"(?:(?:every|each) (?:(\d+) )?years? on|(?:yearly|annually) on|every|each) (?:the )?"
        rf"(?:{_MONTH_NAME} (\d{{1,2}})|(\d{{1,2}}) (?:of )?{_MONTH_NAME})",
        t,
    )
    if match is None:
        return None
    month = _MONTHS[match[2] or match[5]]
    day = int(match[3] or match[4])
    if not 1 <= day <= _LONGEST_MONTH[month - 1]:
        raise ApplicationError(
            f"{calendar.month_name[month]} has no day {day}.",
            fields={"recurrence": ["No such day of the year."]},
        )
    return f"FREQ=YEARLY{_interval(match[1])};BYMONTH={month};BYMONTHDAY={day}"


def _interval(count: str | None) -> str:
    number = int(count) if count else 1
    if not 1 <= number <= _MAX_INTERVAL:
        raise ApplicationError(
            f"A task can repeat every 1 to {_MAX_INTERVAL} periods, not {number}.",
            fields={"recurrence": ["Interval out of range."]},
        )
    return f";INTERVAL={number}" if number > 1 else ""


def _days(text: str) -> list[str]:
    """Day names ("monday and thursday", "mon, thu", "mondays") as RRULE codes; [] if any word
    is not a day."""
    codes: list[str] = []
    for word in re.split(r"[\s,/&]+", text.lower()):
        if word in {"", "and"}:
            continue
        if word not in _DAY_NAMES and word.endswith("s") and word[:-1] in _DAY_NAMES:
            word = word[:-1]
        if word not in _DAY_NAMES:
            return []
        if _DAY_NAMES[word] not in codes:
            codes.append(_DAY_NAMES[word])
    return sorted(codes, key=WEEKDAYS.index)


def _phrase_rule(text: str) -> str | None:
    """A recurrence phrase as an RRULE, or None when it is not one we know."""
    t = " ".join(text.lower().replace("-", " ").split())
    t = re.sub(r"\b(\d+)(st|nd|rd|th)\b", r"\1", t)
    if t in {"daily", "every day", "each day"}:
        return "FREQ=DAILY"
    if t in {
        "weekdays",
        "every weekday",
        "on weekdays",
        "each weekday",
        "weekly on weekdays",
        "workdays",
        "every workday",
        "each workday",
        "on workdays",
    }:
        return "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"
    if t in {"fortnightly", "every fortnight", "each fortnight"}:
        return "FREQ=WEEKLY;INTERVAL=2"
    if t in {"quarterly", "every quarter", "each quarter"}:
        return "FREQ=MONTHLY;INTERVAL=3"
    if t in {"weekends", "every weekend", "on weekends"}:
        return "FREQ=WEEKLY;BYDAY=SA,SU"
    # "once a week": weekly ("twice a week" names no days: refused, see `parse_recurrence`).
    if m := re.fullmatch(r"once (?:a|an|per|every|each) (day|week|fortnight|month|year)", t):
        return {
            "day": "FREQ=DAILY",
            "week": "FREQ=WEEKLY",
            "fortnight": "FREQ=WEEKLY;INTERVAL=2",
            "month": "FREQ=MONTHLY",
            "year": "FREQ=YEARLY",
        }[m[1]]
    if t in {"weekly", "every week", "each week"}:
        return "FREQ=WEEKLY"
    if t in {"monthly", "every month", "each month"}:
        return "FREQ=MONTHLY"
    if t in {"yearly", "annually", "every year", "each year"}:
        return "FREQ=YEARLY"
    # "every other week", "every other tuesday" ("every second tuesday": alternate ones).
    t = re.sub(r"^every (?:other|second|2) (?=\w)", "every 2 ", t)
    if (m := re.fullmatch(r"every 2 (\w+?)s?", t)) and (days := _days(m[1])):
        return f"FREQ=WEEKLY;INTERVAL=2;BYDAY={','.join(days)}"
    if nth := _nth_in_month(t):
        return nth
    if yearly := _day_of_year(t):
        return yearly
    if m := re.fullmatch(r"every (\d+) (day|week|month|year)s?", t):
        freq = {"day": "DAILY", "week": "WEEKLY", "month": "MONTHLY", "year": "YEARLY"}[m[2]]
        return f"FREQ={freq}{_interval(m[1])}"
    if m := re.fullmatch(r"(?:every (?:(\d+) weeks? )?on |weekly on |every |on )(.+)", t):
        days = _days(m[2])
        if days:
            return f"FREQ=WEEKLY{_interval(m[1])};BYDAY={','.join(days)}"
    if m := re.fullmatch(
        r"(?:monthly|every (?:(\d+) )?months?|each month) on (?:the )?(\d{1,2})"
        r"|(?:on )?(?:the )?(\d{1,2}) (?:of )?(?:every|each) month",
        t,
    ):
        day = int(m[2] or m[3])
        if not 1 <= day <= 31:
            raise ApplicationError(
                f"A month has no day {day}.", fields={"recurrence": ["No such day of month."]}
            )
        return f"FREQ=MONTHLY{_interval(m[1])};{_month_day(day)}"
    return None


# "twice a week", "3 times a month": how often, but not on which days; refused saying so rather
# than guessed (every 3 or 4 days is not what "twice a week" means on a calendar).
_TIMES_A_PERIOD = re.compile(
    r"(?:every\s+)?(?:twice|thrice|(?:\d+|two|three|four|five|six|seven)\s+times)\s+"
    r"(?:a|an|per|every|each)\s+(?:day|week|fortnight|month|year)"
)


# A rule followed by a time of day ("every weekday at 9am").
_WITH_A_TIME = re.compile(
    rf"(?P<rule>.+?),?\s+(?:at\s+)?(?P<time>{CLOCK_TIME.pattern}|\d{{1,2}})", re.IGNORECASE
)


def parse_recurrence(value: str) -> str:
    """`value` (an RRULE, or a phrase such as "every monday") as a checked RRULE; "" for none."""
    text = " ".join(value.split())
    if not text:
        return ""
    rule = _phrase_rule(text)
    if rule is None and _TIMES_A_PERIOD.fullmatch(" ".join(text.lower().split())):
        raise ApplicationError(
            f"Could not understand the recurrence {quoted(value)}: it says how often, not on "
            "which days; say the days, e.g. 'every monday and thursday', or how far apart, "
            "e.g. 'every 3 days'.",
            fields={"recurrence": ["Not understood."]},
        )
    if rule is None and (timed := _WITH_A_TIME.fullmatch(text)) and _phrase_rule(timed["rule"]):
        # "every weekday at 9am": the days are a rule, the time is the due date's; refused
        # saying so rather than dropping the time ("9" alone is no due date: "at 9" is).
        at = f"at {timed['time']}" if timed["time"].isdigit() else timed["time"]
        raise ApplicationError(
            f"Could not understand the recurrence {quoted(value)}: a recurrence names the days "
            f"only; give the time of day as the due date, e.g. {quoted(timed['rule'])} due "
            f"{quoted(at)}.",
            fields={"recurrence": ["Not understood."]},
        )
    if rule is None:
        upper = text.upper().removeprefix("RRULE:")
        if not upper.startswith("FREQ=") and ";FREQ=" not in upper:
            raise ApplicationError(
                f"Could not understand the recurrence {quoted(value)}: use e.g. 'daily', "
                "'weekdays', 'every monday', 'monthly on the 31st', 'every 2 weeks', or an RRULE.",
                fields={"recurrence": ["Not understood."]},
            )
        rule = _checked_rrule(value, upper)
    if len(rule) > RECURRENCE_MAX_LENGTH:
        raise ApplicationError("That recurrence is too long.", fields={"recurrence": ["Too long."]})
    return rule


def _bad_rule(value: str, why: str) -> ApplicationError:
    return ApplicationError(
        f"Invalid recurrence {quoted(value)}: {why}.",
        fields={"recurrence": [why[0].upper() + why[1:]]},
    )


# RFC 5545's ranges for the numeric lists (a value may be negative, counting from the end;
# never 0): dateutil takes values outside them and builds a different series from them.
_LIST_BOUNDS = {"BYMONTHDAY": (1, 31), "BYMONTH": (1, 12), "BYSETPOS": (1, 366)}
_SIGNED = {"BYMONTHDAY", "BYSETPOS"}
_WEEKDAY = re.compile(r"^([+-]?)(\d{1,2})?(MO|TU|WE|TH|FR|SA|SU)$")


def _check_numbers(value: str, name: str, setting: str, low: int, high: int) -> None:
    for item in setting.split(","):
        digits = item.removeprefix("-").removeprefix("+") if name in _SIGNED else item
        if not digits.isdigit() or not low <= int(digits) <= high:
            sign = "±" if name in _SIGNED else ""
            raise _bad_rule(value, f"{name} values must be {sign}{low} to {sign}{high}")


def _check_weekdays(value: str, setting: str, frequency: str) -> None:
    # A numbered weekday ("2MO": the second Monday) counts within a month or a year only.
    most = {"MONTHLY": 5, "YEARLY": 53}.get(frequency, 0)
    for item in setting.split(","):
        match = _WEEKDAY.match(item)
        number = int(match[2]) if match and match[2] else None
        if match is None or (match[1] and number is None):
            raise _bad_rule(value, f"{quoted(item)} is not a weekday (MO to SU, e.g. 1MO, -1FR)")
        if number is not None and not 1 <= number <= most:
            raise _bad_rule(
                value,
                f"a numbered weekday such as {quoted(item)} needs FREQ=MONTHLY (1 to 5) "
                "or FREQ=YEARLY (1 to 53)",
            )


def _checked_rrule(value: str, upper: str) -> str:
    parts: dict[str, str] = {}
    for part in upper.split(";"):
        name, sep, setting = part.partition("=")
        if not sep or not setting:
            raise _bad_rule(value, f"{quoted(part)} is not NAME=VALUE")
        if name == "COUNT":
            raise _bad_rule(value, "COUNT is not supported; end a series with UNTIL")
        if name not in _RRULE_KEYS:
            raise _bad_rule(value, f"{name} is not supported")
        if name in parts:
            raise _bad_rule(value, f"{name} is given twice")
        parts[name] = setting
    if parts.get("FREQ") not in _FREQUENCIES:
        raise _bad_rule(value, "FREQ must be DAILY, WEEKLY, MONTHLY or YEARLY")
    interval = parts.get("INTERVAL", "1")
    if not interval.isdigit() or not 1 <= int(interval) <= _MAX_INTERVAL:
        raise _bad_rule(value, f"INTERVAL must be 1 to {_MAX_INTERVAL}")
    for name, (low, high) in _LIST_BOUNDS.items():
        if name in parts:
            _check_numbers(value, name, parts[name], low, high)
    if "BYDAY" in parts:
        _check_weekdays(value, parts["BYDAY"], parts["FREQ"])
    if "UNTIL" in parts and not _UNTIL.fullmatch(parts["UNTIL"]):
        # dateutil reads anything its date parser takes ("2026", "dec"), filling what is missing
        # from the day it is read: the series would end on a different day each day.
        raise _bad_rule(value, "UNTIL must be a date (20271231) or a date-time (20271231T170000Z)")
    rule = ";".join(f"{name}={setting}" for name, setting in parts.items())
    anchor = datetime(2026, 1, 1)
    try:
        _series(rule, anchor)
    except (ValueError, TypeError, OverflowError) as exc:
        raise _bad_rule(value, str(exc) or "not a valid RRULE") from None
    # Whether it occurs from some day: its interval aside (a series started on a day it occurs
    # on occurs then); whether it does from the task's own day is `series_occurs`.
    once = _without_interval(rule)
    if _never_occurs(parts) or (
        _first_after(once, anchor, anchor - timedelta(days=1), anchor + _HORIZON) is None
    ):
        raise _bad_rule(value, "it never occurs")
    return rule


def _without_interval(rule: str) -> str:
    return ";".join(part for part in rule.split(";") if not part.startswith("INTERVAL="))


def _horizon(rule: str) -> timedelta:
    """How far a series of `rule` is searched for its next occurrence: `_HORIZON`, or eight of its
    steps when they are longer ("every 4 years on 29 February": 2096, then 2104)."""
    parts = dict(part.split("=", 1) for part in rule.split(";"))
    step = _PERIOD.get(parts.get("FREQ", ""), 1) * int(parts.get("INTERVAL", "1"))
    return max(_HORIZON, timedelta(days=_STEPS * step))


# The most days a month ever has (February: 29), and a period of each frequency holds.
_LONGEST_MONTH = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
_PERIOD_MOST_DAYS = {"DAILY": 1, "WEEKLY": 7, "MONTHLY": 31, "YEARLY": 366}
_WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


def _period_most_days(parts: dict[str, str]) -> int:
    """The most days one period of the rule can hold (what BYSETPOS counts in). A week holds
    one of each weekday in BYDAY and at most one of each day of the month in BYMONTHDAY (months
    are longer than a week); with neither, the series' own weekday alone."""
    most = _PERIOD_MOST_DAYS[parts["FREQ"]]
    if parts["FREQ"] == "WEEKLY":
        if "BYDAY" not in parts and "BYMONTHDAY" not in parts:
            return 1
        for name in ("BYDAY", "BYMONTHDAY"):
            if name in parts:
                most = min(most, len(set(parts[name].split(","))))
    return most


def _never_occurs(parts: dict[str, str]) -> bool:
    """True for a rule that, by its parts alone, never occurs: a day of the month no month it
    allows has (February 30th), or a position past the end of every period (the 2nd day of a
    day).

    Searching for an occurrence of such a rule steps through centuries of days (a DAILY rule:
    up to 146,097 of them, most of a second of CPU) before giving up; this costs nothing."""
    if "BYMONTHDAY" in parts:
        months = [int(m) for m in parts["BYMONTH"].split(",")] if "BYMONTH" in parts else []
        days = [abs(int(day)) for day in parts["BYMONTHDAY"].split(",")]
        longest = max(_LONGEST_MONTH[month - 1] for month in months or range(1, 13))
        if min(days) > longest:
            return True
    if "BYSETPOS" in parts:
        most = _period_most_days(parts)
        if all(abs(int(position)) > most for position in parts["BYSETPOS"].split(",")):
            return True
    return False


_UNTIL = re.compile(r"\d{8}(?:T\d{6}Z?)?")


def _series(rule: str, start: datetime) -> rrule:
    series = rrulestr(rule, dtstart=start, ignoretz=True)
    if not isinstance(series, rrule):
        raise ValueError("not a single RRULE")
    return series


def _calendar_twin(start: datetime, bound: datetime) -> timedelta:
    """How far to move the span from `start` to `bound` so that it ends as near the year 9999 as
    the calendar allows while every day in it, and in the periods (weeks, months, years) around
    it, keeps its month, day and weekday: a whole number of weeks to the latest year whose
    neighbours are leap years exactly where the span's are (at worst whole 400-year cycles,
    after which the Gregorian calendar repeats, weekdays included)."""
    years = range(start.year - 1, bound.year + 2)
    latest = datetime.max.year - 1 - (bound.year - start.year)
    for year in range(latest, start.year, -1):
        offset = year - start.year
        if any(calendar.isleap(y) != calendar.isleap(y + offset) for y in years):
            continue
        moved = start.replace(year=year) - start
        if moved.days % 7 == 0:
            return moved
    return timedelta(0)


def _first_after(rule: str, start: datetime, after: datetime, bound: datetime) -> datetime | None:
    """The first occurrence after `after` of `rule` started at `start`, or None when there is
    none until `bound`.

    dateutil looks for a rule's next occurrence until the year 9999: for a rule with none left
    ("every day in February on the 31st") that is millions of steps, seconds of CPU. The search
    runs on the same series started on a day of the same calendar as near the year 9999 as fits
    (`_calendar_twin`), so it gives up within a few decades of steps whatever the rule."""
    shift = _calendar_twin(start, bound)
    series = _series(rule, start + shift)
    until = series._until  # noqa: SLF001 (dateutil keeps UNTIL there, read as a naive time)
    if until is not None:
        series = series.replace(until=until + shift if until <= datetime.max - shift else None)
    for occurrence in series:
        if occurrence - shift > bound:
            return None
        if occurrence - shift > after:
            return occurrence - shift
    return None


def anchored_rule(rule: str, start: date) -> str:
    """`rule` for a series starting on `start`: a bare "monthly" becomes "monthly on this day of
    the month", month-end safe, so that stepping from a short month does not drift; a bare
    "yearly" from 29 February is on the 28th in other years."""
    if not rule:
        return rule
    parts = dict(part.split("=", 1) for part in rule.split(";"))
    if parts.get("FREQ") == "MONTHLY" and not {"BYMONTHDAY", "BYDAY", "BYSETPOS"} & set(parts):
        return f"{rule};{_month_day(start.day)}"
    day_set = {"BYMONTH", "BYMONTHDAY", "BYDAY", "BYSETPOS"} & set(parts)
    if parts.get("FREQ") == "YEARLY" and not day_set and (start.month, start.day) == (2, 29):
        # Yearly from 29 February: the 28th in the years without a 29th, as a monthly series
        # takes a short month's last day (a strict RRULE would skip to the next leap year).
        return f"{rule};BYMONTH=2;BYMONTHDAY=28,29;BYSETPOS=-1"
    return rule


def _occurs_on(rule: str, day: date) -> bool:
    """Whether a series of `rule` started on `day` occurs on that day."""
    start = datetime.combine(day, time())
    return _first_after(rule, start, start - timedelta(seconds=1), start) == start


_ANCHOR_PARTS = {"BYMONTHDAY", "BYSETPOS", "BYMONTH"}
_MONTH_END = re.compile(r"BYMONTHDAY=28(?:,29(?:,30(?:,31)?)?)?;BYSETPOS=-1")


def _anchored_on_one_day(parts: dict[str, str]) -> bool:
    """Whether the rule's days are only what `anchored_rule` gives a series from one day: one day
    of the month (or its month-end form) monthly, or 29 February's yearly."""
    days = ";".join(f"{name}={parts[name]}" for name in ("BYMONTHDAY", "BYSETPOS") if name in parts)
    if "BYDAY" in parts:
        return False
    if parts.get("FREQ") == "MONTHLY" and "BYMONTH" not in parts:
        one_day = re.fullmatch(r"BYMONTHDAY=(?:[1-9]|1\d|2[0-8])", days)
        return bool(one_day or _MONTH_END.fullmatch(days))
    return (
        parts.get("FREQ") == "YEARLY"
        and parts.get("BYMONTH") == "2"
        and days == ("BYMONTHDAY=28,29;BYSETPOS=-1")
    )


def reanchored_rule(rule: str, old: date, new: date) -> str:
    """`rule`, anchored on its due date's day by `anchored_rule` (a bare monthly due on the 15th
    is stored as "FREQ=MONTHLY;BYMONTHDAY=15"; a bare yearly from 29 February), for a series
    whose due date moves from `old` to `new`: it follows the due date to its new day when the
    task sat on the rule's day and the new day is not one of the rule's (moved from the 15th to
    the 20th, it repeats on the 20th; put back on the 28th of February from the 31st of March,
    it keeps the month's last day). Only for a rule so anchored: a day the user named
    ("monthly on the 15th") is kept, as are weekdays; a bare weekly or yearly rule has no day
    stored, and its series steps from the due date."""
    if not rule:
        return rule
    parts = dict(part.split("=", 1) for part in rule.split(";"))
    if not _anchored_on_one_day(parts) or not _occurs_on(rule, old) or _occurs_on(rule, new):
        return rule
    bare = ";".join(f"{name}={value}" for name, value in parts.items() if name not in _ANCHOR_PARTS)
    return anchored_rule(bare, new)


def first_occurrence(rule: str, today: date) -> date | None:
    """The first day on or after `today` that the series occurs on.

    Its interval is not counted from today: "every other tuesday" said on a Wednesday starts
    next Tuesday (counted from today's week, it started the Tuesday after), and the series is
    then anchored on that day."""
    start = datetime.combine(today, time())
    once = _without_interval(rule)
    found = _first_after(once, start, start - timedelta(seconds=1), start + _HORIZON)
    return found.date() if found else None


def series_occurs(rule: str, start: date) -> bool:
    """Whether a series of `rule` started on `start` ever occurs: "every 4 years on 29
    February" from 1 March 2027 steps through 2031, 2035… and never does."""
    begin = datetime.combine(start, time())
    return (
        _first_after(rule, begin, begin - timedelta(seconds=1), begin + _horizon(rule)) is not None
    )


# A due date that names a time of day and no day ("9am", "at 18:30", "in the evening").
_TIME_OF_DAY_ONLY = re.compile(
    r"^(?:at\s+)?(?:\d{1,2}(?:[:.]\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.)?|noon|midday)$"
    r"|^(?:in\s+the\s+)?(?:morning|afternoon|evening|night)(?:\s+at\s+\S+(?:\s*(?:am|pm))?)?$",
    re.IGNORECASE,
)


def names_a_time_only(value: str) -> bool:
    """True for a due date phrase that names a time of day but no day ("9am", "half past 3",
    "in the evening")."""
    text = " ".join(value.split())
    try:
        text = relative_dates.clock_times(text)
    except ValueError:
        return False
    return _TIME_OF_DAY_ONLY.match(text) is not None


def local_time(due: Due, tz: ZoneInfo, kept: time | None = None) -> time | None:
    """The time of day a timed due date stands for in zone `tz`: `kept` (the time it was set
    for) while the instant is that time on its day — on the day a change of clocks skips 02:30,
    02:30 is stored as 03:30, the time the clocks moved to —, else the instant's own time."""
    if due.at is None:
        return None
    local = due.at.astimezone(tz)
    if kept is not None and datetime.combine(local.date(), kept, tz).astimezone(UTC) == due.at:
        return kept
    return local.time().replace(tzinfo=None, fold=0)


def _occurrence(
    rule: str,
    due: Due,
    tz: ZoneInfo,
    *,
    or_due_itself: bool,
    kept: time | None = None,
    now: datetime | None = None,
) -> Due | None:
    """The series' first occurrence after `due` (or on it, with `or_due_itself`), read in the
    user's zone and shaped like `due` (a day, or an instant); None when there is none. A timed
    series steps from the time of day it was set for (`local_time`). With `now`, the first still
    to come: a day after the user's today, an instant after `now`."""
    if due.day is not None:
        start = datetime.combine(due.day, time())
    elif due.at is not None:
        at_time = local_time(due, tz, kept)
        assert at_time is not None
        start = datetime.combine(due.at.astimezone(tz).date(), at_time)
    else:
        return None
    after = start - timedelta(seconds=1) if or_due_itself else start
    if now is not None:
        local_now = now.astimezone(tz).replace(tzinfo=None)
        threshold = datetime.combine(local_now.date(), time()) if due.day else local_now
        after = max(after, threshold)
    found = _first_after(rule, start, after, after + _horizon(rule))
    if found is None:
        return None
    if due.day is not None:
        return Due(day=found.date())
    return Due(at=found.replace(tzinfo=tz).astimezone(UTC))


def first_due(rule: str, due: Due, tz: ZoneInfo, kept: time | None = None) -> Due:
    """The series' first occurrence on or after `due`, its time of day kept: "every monday and
    thursday" from a Wednesday 9 am is the Thursday 9 am. `due` itself when it is an occurrence,
    or when the series has none within reach."""
    return _occurrence(rule, due, tz, or_due_itself=True, kept=kept) or due


def next_due(
    rule: str, due: Due, tz: ZoneInfo, kept: time | None = None, *, now: datetime | None = None
) -> Due | None:
    """The occurrence after `due` (computed from the due date, in the user's zone, at the time of
    day it was set for, `kept`: see `local_time`), or None when the series has ended. With `now`
    (a completion's moment), the first of them still to come: a series completed late skips the
    occurrences it missed, keeping its schedule."""
    return _occurrence(rule, due, tz, or_due_itself=False, kept=kept, now=now)
