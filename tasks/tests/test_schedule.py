"""Due dates and recurrence: what a phrase or a rule means, in the user's zone."""

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest
from dateutil import rrule as rrule_module

from tasks import schedule
from tasks.schedule import Due
from todochat.errors import ApplicationError

NEW_YORK = ZoneInfo("America/New_York")
PARIS = ZoneInfo("Europe/Paris")
LONDON = ZoneInfo("Europe/London")
KOLKATA = ZoneInfo("Asia/Kolkata")
SYDNEY = ZoneInfo("Australia/Sydney")


def days(rule: str, start: date, count: int) -> list[date]:
    """The first `count` due dates of a series, completing it each time from its due date."""
    due = Due(day=start)
    seen = [start]
    for _ in range(count - 1):
        due = schedule.next_due(rule, due, NEW_YORK)
        seen.append(due.day)
    return seen


def test_monthly_on_the_31st_falls_back_to_short_months_and_returns_to_the_31st():
    rule = schedule.parse_recurrence("monthly on the 31st")

    assert days(rule, date(2027, 1, 31), 13) == [
        date(2027, 1, 31),
        date(2027, 2, 28),
        date(2027, 3, 31),
        date(2027, 4, 30),
        date(2027, 5, 31),
        date(2027, 6, 30),
        date(2027, 7, 31),
        date(2027, 8, 31),
        date(2027, 9, 30),
        date(2027, 10, 31),
        date(2027, 11, 30),
        date(2027, 12, 31),
        date(2028, 1, 31),
    ]


def test_monthly_on_the_30th_takes_feb_29_in_a_leap_year():
    rule = schedule.parse_recurrence("every month on the 30th")

    assert days(rule, date(2028, 1, 30), 3) == [
        date(2028, 1, 30),
        date(2028, 2, 29),
        date(2028, 3, 30),
    ]


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        # It skipped to the next leap year, four years on.
        (
            "yearly",
            [date(2028, 2, 29), date(2029, 2, 28), date(2030, 2, 28), date(2031, 2, 28)],
        ),
        ("every 2 years", [date(2028, 2, 29), date(2030, 2, 28), date(2032, 2, 29)]),
        ("every 4 years", [date(2028, 2, 29), date(2032, 2, 29), date(2036, 2, 29)]),
    ],
)
def test_yearly_from_feb_29_is_on_the_28th_in_other_years(phrase, expected):
    rule = schedule.anchored_rule(schedule.parse_recurrence(phrase), date(2028, 2, 29))

    shown = days(rule, date(2028, 2, 29), 5)
    assert [day for day in shown if day <= expected[-1]] == expected


def test_yearly_from_another_day_is_that_day_every_year():
    rule = schedule.anchored_rule(schedule.parse_recurrence("yearly"), date(2028, 2, 28))

    assert days(rule, date(2028, 2, 28), 3) == [
        date(2028, 2, 28),
        date(2029, 2, 28),
        date(2030, 2, 28),
    ]


def test_a_bare_monthly_rule_is_anchored_on_its_day_and_does_not_drift():
    rule = schedule.anchored_rule(schedule.parse_recurrence("monthly"), date(2027, 1, 31))

    assert days(rule, date(2027, 1, 31), 3) == [
        date(2027, 1, 31),
        date(2027, 2, 28),
        date(2027, 3, 31),
    ]


def test_weekdays_skip_the_weekend():
    rule = schedule.parse_recurrence("weekdays")

    # Thursday Dec 3, 2026 → Fri → Mon → Tue.
    assert days(rule, date(2026, 12, 3), 4) == [
        date(2026, 12, 3),
        date(2026, 12, 4),
        date(2026, 12, 7),
        date(2026, 12, 8),
    ]


def test_a_timed_daily_task_keeps_its_local_time_across_a_dst_change():
    rule = schedule.parse_recurrence("daily")
    due = Due(at=datetime(2026, 10, 24, 9, 0, tzinfo=PARIS).astimezone(UTC))

    following = schedule.next_due(rule, due, PARIS)

    assert following.at.astimezone(PARIS).isoformat() == "2026-10-25T09:00:00+01:00"
    # 09:00 CEST is 07:00 UTC, 09:00 CET is 08:00 UTC: the day in between lasted 25 hours.
    assert (due.at.hour, following.at.hour) == (7, 8)


@pytest.mark.parametrize(
    ("phrase", "rule"),
    [
        ("daily", "FREQ=DAILY"),
        ("every day", "FREQ=DAILY"),
        ("every weekday", "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"),
        ("every monday", "FREQ=WEEKLY;BYDAY=MO"),
        ("every Monday and Thursday", "FREQ=WEEKLY;BYDAY=MO,TH"),
        ("every thur and weds", "FREQ=WEEKLY;BYDAY=WE,TH"),
        ("every 2 weeks", "FREQ=WEEKLY;INTERVAL=2"),
        ("every 2 weeks on friday", "FREQ=WEEKLY;INTERVAL=2;BYDAY=FR"),
        ("every 3 days", "FREQ=DAILY;INTERVAL=3"),
        ("monthly on the 15th", "FREQ=MONTHLY;BYMONTHDAY=15"),
        ("monthly on the 31st", "FREQ=MONTHLY;BYMONTHDAY=28,29,30,31;BYSETPOS=-1"),
        ("yearly", "FREQ=YEARLY"),
        ("RRULE:FREQ=WEEKLY;BYDAY=SA", "FREQ=WEEKLY;BYDAY=SA"),
        ("freq=daily;interval=2", "FREQ=DAILY;INTERVAL=2"),
        # Alternate weekdays, and a day of each month by its rank.
        ("every other tuesday", "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU"),
        ("every second sunday", "FREQ=WEEKLY;INTERVAL=2;BYDAY=SU"),
        ("every other week on friday", "FREQ=WEEKLY;INTERVAL=2;BYDAY=FR"),
        ("every other month", "FREQ=MONTHLY;INTERVAL=2"),
        ("on the first of every month", "FREQ=MONTHLY;BYMONTHDAY=1"),
        # Without "of" (it was not understood).
        ("on the 31st every month", "FREQ=MONTHLY;BYMONTHDAY=28,29,30,31;BYSETPOS=-1"),
        ("the 15th each month", "FREQ=MONTHLY;BYMONTHDAY=15"),
        ("the first monday every month", "FREQ=MONTHLY;BYDAY=1MO"),
        ("the last day of each month", "FREQ=MONTHLY;BYMONTHDAY=-1"),
        ("the first monday of every month", "FREQ=MONTHLY;BYDAY=1MO"),
        ("every first monday of the month", "FREQ=MONTHLY;BYDAY=1MO"),
        ("monthly on the last friday", "FREQ=MONTHLY;BYDAY=-1FR"),
        ("the 3rd thursday of every month", "FREQ=MONTHLY;BYDAY=3TH"),
        # As other todo apps say them (they were not understood).
        ("fortnightly", "FREQ=WEEKLY;INTERVAL=2"),
        ("every fortnight", "FREQ=WEEKLY;INTERVAL=2"),
        ("every workday", "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"),
        ("workdays", "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"),
        ("quarterly", "FREQ=MONTHLY;INTERVAL=3"),
        ("every quarter", "FREQ=MONTHLY;INTERVAL=3"),
        ("every last friday", "FREQ=MONTHLY;BYDAY=-1FR"),
        ("every year on dec 25", "FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=25"),
        ("yearly on the 3rd of march", "FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=3"),
        ("every 4 years on feb 29", "FREQ=YEARLY;INTERVAL=4;BYMONTH=2;BYMONTHDAY=29"),
        ("every january 1st", "FREQ=YEARLY;BYMONTH=1;BYMONTHDAY=1"),
        ("annually on 14 february", "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=14"),
        ("every 3rd thursday", "FREQ=MONTHLY;BYDAY=3TH"),
        ("every first monday", "FREQ=MONTHLY;BYDAY=1MO"),
        ("every last friday of the month", "FREQ=MONTHLY;BYDAY=-1FR"),
        ("last friday of the month", "FREQ=MONTHLY;BYDAY=-1FR"),
        # "every 2nd tuesday" alone is alternate Tuesdays (as "every second sunday"); said "of the
        # month", the 2nd Tuesday of each month.
        ("every 2nd tuesday", "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU"),
        ("every second tuesday of the month", "FREQ=MONTHLY;BYDAY=2TU"),
        ("every 2nd tuesday of the month", "FREQ=MONTHLY;BYDAY=2TU"),
        ("every 2nd tuesday of every month", "FREQ=MONTHLY;BYDAY=2TU"),
        ("every second tuesday of each month", "FREQ=MONTHLY;BYDAY=2TU"),
        # "once a week" is weekly (it was not understood).
        ("once a week", "FREQ=WEEKLY"),
        ("once a day", "FREQ=DAILY"),
        ("once a fortnight", "FREQ=WEEKLY;INTERVAL=2"),
        ("once a month", "FREQ=MONTHLY"),
        ("once a year", "FREQ=YEARLY"),
        ("FREQ=MONTHLY;BYDAY=-1FR", "FREQ=MONTHLY;BYDAY=-1FR"),
        ("FREQ=MONTHLY;BYDAY=2MO,+4TH", "FREQ=MONTHLY;BYDAY=2MO,+4TH"),
        ("FREQ=YEARLY;BYDAY=20MO", "FREQ=YEARLY;BYDAY=20MO"),
        ("FREQ=MONTHLY;BYMONTHDAY=-1", "FREQ=MONTHLY;BYMONTHDAY=-1"),
        ("FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=25", "FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=25"),
        ("FREQ=WEEKLY;BYDAY=MO;UNTIL=20271231", "FREQ=WEEKLY;BYDAY=MO;UNTIL=20271231"),
        ("FREQ=DAILY;UNTIL=20271231T170000Z", "FREQ=DAILY;UNTIL=20271231T170000Z"),
    ],
)
def test_recurrence_phrases_and_rules(phrase, rule):
    assert schedule.parse_recurrence(phrase) == rule


@pytest.mark.parametrize(
    "bad",
    [
        "FREQ=DAILY;COUNT=1000000",
        "FREQ=SECONDLY",
        "FREQ=HOURLY",
        "FREQ=DAILY;INTERVAL=0",
        "FREQ=DAILY;INTERVAL=100000",
        "FREQ=MONTHLY;BYMONTHDAY=32",
        "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=31",
        "FREQ=WEEKLY;BYDAY=XX",
        "FREQ=DAILY;X-FOO=1",
        # Outside RFC 5545's ranges: dateutil took them and built another series (BYMONTHDAY=0
        # repeated daily).
        "FREQ=MONTHLY;BYMONTHDAY=0",
        "FREQ=MONTHLY;BYMONTHDAY=-32",
        "FREQ=MONTHLY;BYMONTHDAY=1x",
        "FREQ=YEARLY;BYMONTH=0",
        "FREQ=YEARLY;BYMONTH=13",
        "FREQ=MONTHLY;BYDAY=FR;BYSETPOS=0",
        "FREQ=WEEKLY;BYDAY=+99MO",
        "FREQ=MONTHLY;BYDAY=6MO",
        "FREQ=WEEKLY;BYDAY=2MO",
        "FREQ=MONTHLY;BYDAY=+MO",
        "FREQ=DAILY;INTERVAL=1;INTERVAL=2",
        # An UNTIL that is no RFC 5545 date: dateutil read "2026" as today's day of 2026.
        "FREQ=DAILY;UNTIL=2026",
        "FREQ=DAILY;UNTIL=dec",
        "FREQ=DAILY;UNTIL=2027-12-31",
        "monthly on the 32nd",
        "every 0 days",
        "sometimes",
    ],
)
def test_bad_recurrences_are_refused(bad):
    with pytest.raises(ApplicationError) as exc_info:
        schedule.parse_recurrence(bad)

    assert "recurrence" in exc_info.value.fields


# A rule with a time of day: the time belongs to the due date; refused saying so, never kept
# without its time.
@pytest.mark.parametrize(
    ("phrase", "rule", "due"),
    [
        ("every weekday at 9am", "every weekday", "9am"),
        ("daily at noon", "daily", "noon"),
        ("every monday at 9", "every monday", "at 9"),
        ("every 2nd tuesday of the month, 7pm", "every 2nd tuesday of the month", "7pm"),
    ],
)
def test_a_rule_with_a_time_of_day_is_refused_pointing_to_the_due_date(phrase, rule, due):
    with pytest.raises(ApplicationError) as exc_info:
        schedule.parse_recurrence(phrase)

    assert exc_info.value.message == (
        f"Could not understand the recurrence '{phrase}': a recurrence names the days only; give "
        f"the time of day as the due date, e.g. '{rule}' due '{due}'."
    )
    assert schedule.parse_due(due, tz=NEW_YORK, at=datetime(2026, 12, 2, 15, tzinfo=UTC)).at


# How often without which days: refused saying what to give, never a guessed series.
@pytest.mark.parametrize(
    "phrase", ["twice a week", "Twice a week", "3 times a month", "three times per week"]
)
def test_how_often_without_days_is_refused_asking_for_the_days(phrase):
    with pytest.raises(ApplicationError) as exc_info:
        schedule.parse_recurrence(phrase)

    assert exc_info.value.message == (
        f"Could not understand the recurrence '{phrase}': it says how often, not on which days; "
        "say the days, e.g. 'every monday and thursday', or how far apart, e.g. 'every 3 days'."
    )
    assert exc_info.value.fields == {"recurrence": ["Not understood."]}


@pytest.mark.parametrize(
    "rule",
    [
        "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=31",
        "FREQ=WEEKLY;BYMONTH=4;BYMONTHDAY=31",
        "FREQ=DAILY;BYSETPOS=2",
    ],
)
def test_a_rule_that_never_occurs_is_refused_without_searching_to_the_year_9999(rule, monkeypatch):
    # dateutil stepped through every day until 9999 looking for one (seconds of CPU per call).
    months = []
    rebuild = rrule_module._iterinfo.rebuild

    def counted(self, year, month):
        months.append((year, month))
        return rebuild(self, year, month)

    monkeypatch.setattr(rrule_module._iterinfo, "rebuild", counted)

    with pytest.raises(ApplicationError, match="never occurs"):
        schedule.parse_recurrence(rule)

    assert len(months) <= 400 * 12 + 1


def test_a_series_ending_on_its_until_day_ends_there():
    rule = "FREQ=DAILY;UNTIL=20261204"

    assert schedule.next_due(rule, Due(day=date(2026, 12, 3)), NEW_YORK) == Due(
        day=date(2026, 12, 4)
    )
    assert schedule.next_due(rule, Due(day=date(2026, 12, 4)), NEW_YORK) is None
    assert schedule.first_occurrence("FREQ=DAILY;UNTIL=20261201", date(2026, 12, 2)) is None


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("tomorrow 5pm", "2026-12-03T17:00:00-05:00"),
        ("monday at 9", "2026-12-07T09:00:00-05:00"),
        # A bare hour from 1 to 6 is in the afternoon; 7 to 12 as said; a part of the day decides.
        ("tuesday at 2", "2026-12-08T14:00:00-05:00"),
        ("friday at 6", "2026-12-04T18:00:00-05:00"),
        ("friday at 7", "2026-12-04T07:00:00-05:00"),
        ("friday at 12", "2026-12-04T12:00:00-05:00"),
        ("tomorrow morning at 5", "2026-12-03T05:00:00-05:00"),
        # The same with minutes: "at 3:30" was 03:30; "03:30" is a 24-hour time.
        ("tomorrow at 3:30", "2026-12-03T15:30:00-05:00"),
        ("friday 1:45", "2026-12-04T13:45:00-05:00"),
        ("friday at 6:59", "2026-12-04T18:59:00-05:00"),
        ("friday at 7:15", "2026-12-04T07:15:00-05:00"),
        ("friday at 03:30", "2026-12-04T03:30:00-05:00"),
        ("friday at 3:30am", "2026-12-04T03:30:00-05:00"),
        ("friday morning at 5:30", "2026-12-04T05:30:00-05:00"),
        ("2026-12-05 02:30", "2026-12-05T02:30:00-05:00"),
        # Clock times typed with a dot, or 24-hour without a colon: they kept the current time of
        # day, or were dropped.
        ("tomorrow 9.30am", "2026-12-03T09:30:00-05:00"),
        ("tomorrow at 1530", "2026-12-03T15:30:00-05:00"),
        ("friday at 0900", "2026-12-04T09:00:00-05:00"),
        ("tomorrow at 10:30:15", "2026-12-03T10:30:15-05:00"),
        ("friday", "2026-12-04"),
        ("Dec 25", "2026-12-25"),
        # Counted from a date: dateparser counted from today and dropped the date.
        ("3 days from 2026-12-20", "2026-12-23"),
        ("two days before 2026-12-20", "2026-12-18"),
        ("a week after 2026-12-20", "2026-12-27"),
        ("the day before 2026-12-20 at 5pm", "2026-12-19T17:00:00-05:00"),
        ("3 days after friday", "2026-12-07"),
        ("end of day friday", "2026-12-04"),
        ("tomorow at 5pm", "2026-12-03T17:00:00-05:00"),
        ("tommorow", "2026-12-03"),
        ("by EOD tomorrow", "2026-12-03"),
    ],
)
def test_phrases_are_read_in_the_users_zone(phrase, expected):
    at = datetime(2026, 12, 2, 15, 0, tzinfo=UTC)  # 10:00 on Wednesday in New York

    due = schedule.parse_due(phrase, tz=NEW_YORK, at=at)

    assert schedule.show_due(due, NEW_YORK) == expected


# Wednesday 2 December 2026, 10:00 in New York.
WEDNESDAY = datetime(2026, 12, 2, 15, 0, tzinfo=UTC)
SATURDAY = datetime(2026, 12, 5, 15, 0, tzinfo=UTC)
LEAP_DAY = datetime(2028, 2, 29, 15, 0, tzinfo=UTC)
# Local times in New York (UTC-5) on that Wednesday.
WEDNESDAY_16_10 = datetime(2026, 12, 2, 21, 10, tzinfo=UTC)
WEDNESDAY_19_10 = datetime(2026, 12, 3, 0, 10, tzinfo=UTC)
WEDNESDAY_22_30 = datetime(2026, 12, 3, 3, 30, tzinfo=UTC)
WEDNESDAY_23_30 = datetime(2026, 12, 3, 4, 30, tzinfo=UTC)


@pytest.mark.parametrize(
    ("phrase", "expected", "at"),
    [
        # dateparser read these as days in the past, or as today.
        ("two weeks from today", "2026-12-16", WEDNESDAY),
        ("2 days from today", "2026-12-04", WEDNESDAY),
        ("a month from today", "2027-01-02", WEDNESDAY),
        ("3 days from tomorrow", "2026-12-06", WEDNESDAY),
        ("a week from now at 5pm", "2026-12-09T17:00:00-05:00", WEDNESDAY),
        # … and refused these as a whole week or month.
        ("in a week", "2026-12-09", WEDNESDAY),
        ("in 2 weeks", "2026-12-16", WEDNESDAY),
        ("in a fortnight", "2026-12-16", WEDNESDAY),
        ("in a month", "2027-01-02", WEDNESDAY),
        ("in one month", "2026-02-28", datetime(2026, 1, 31, 15, tzinfo=UTC)),
        ("the 1st", "2027-01-01", WEDNESDAY),
        ("on the 2nd", "2026-12-02", WEDNESDAY),
        ("the 15th", "2026-12-15", WEDNESDAY),
        ("the 1st at 9am", "2027-01-01T09:00:00-05:00", WEDNESDAY),
        ("the 1st, 9am", "2027-01-01T09:00:00-05:00", WEDNESDAY),
        ("the 31st", "2026-12-31", WEDNESDAY),
        ("the 31st", "2026-05-31", datetime(2026, 4, 5, 15, tzinfo=UTC)),  # April has no 31st
        ("the 2nd of january", "2027-01-02", WEDNESDAY),
        # … or did not know at all.
        ("end of the month", "2026-12-31", WEDNESDAY),
        ("end of month", "2026-02-28", datetime(2026, 2, 10, 15, tzinfo=UTC)),
        ("by the end of the year", "2026-12-31", WEDNESDAY),
        ("end of this month", "2026-12-31", WEDNESDAY),
        ("end of next month", "2027-01-31", WEDNESDAY),
        # The same said as its last day (it was not understood).
        ("the last day of the month", "2026-12-31", WEDNESDAY),
        ("on the last day of next month", "2027-01-31", WEDNESDAY),
        ("last day of the year", "2026-12-31", WEDNESDAY),
        ("by the end of next month", "2026-02-28", datetime(2026, 1, 31, 15, tzinfo=UTC)),
        ("end of next year", "2027-12-31", WEDNESDAY),
        ("start of next month", "2027-01-01", WEDNESDAY),
        ("the beginning of next month", "2026-02-01", datetime(2026, 1, 31, 15, tzinfo=UTC)),
        ("early next month at 9am", "2027-01-01T09:00:00-05:00", WEDNESDAY),
        ("a month from now", "2026-02-28", datetime(2026, 1, 31, 15, tzinfo=UTC)),
        ("this weekend", "2026-12-05", WEDNESDAY),
        ("the weekend", "2026-12-05", WEDNESDAY),
        ("next weekend", "2026-12-12", WEDNESDAY),
        ("this weekend", "2026-12-05", datetime(2026, 12, 5, 15, tzinfo=UTC)),  # a Saturday
        ("next weekend", "2026-12-12", datetime(2026, 12, 5, 15, tzinfo=UTC)),
        ("this weekend", "2026-12-06", datetime(2026, 12, 6, 15, tzinfo=UTC)),  # a Sunday
        ("next weekend", "2026-12-12", datetime(2026, 12, 6, 15, tzinfo=UTC)),
        ("EOD", "2026-12-02", WEDNESDAY),
        ("by end of day", "2026-12-02", WEDNESDAY),
        # Weeks run Monday to Sunday.
        ("thursday next week", "2026-12-10", WEDNESDAY),
        ("friday of next week", "2026-12-11", WEDNESDAY),
        ("the friday of next week", "2026-12-11", SATURDAY),
        ("next week on monday", "2026-12-07", WEDNESDAY),
        ("monday this week", "2026-11-30", WEDNESDAY),
        ("thursday next week at 5pm", "2026-12-10T17:00:00-05:00", WEDNESDAY),
        ("end of the week", "2026-12-04", WEDNESDAY),
        ("by the end of this week", "2026-12-04", WEDNESDAY),
        ("end of week", "2026-12-06", SATURDAY),  # Friday has passed: the week's Sunday
        ("end of next week", "2026-12-11", WEDNESDAY),
        ("early next week", "2026-12-07", WEDNESDAY),
        ("mid next week", "2026-12-09", WEDNESDAY),
        ("the middle of next week", "2026-12-09", SATURDAY),
        ("midweek", "2026-12-02", WEDNESDAY),
        ("midweek", "2026-12-09", SATURDAY),
        ("a week from friday", "2026-12-11", WEDNESDAY),
        ("3 days from monday", "2026-12-10", WEDNESDAY),
        ("two days before friday", "2026-12-02", WEDNESDAY),
        ("the day before friday at 9am", "2026-12-03T09:00:00-05:00", WEDNESDAY),
        ("tmrw", "2026-12-03", WEDNESDAY),
        ("tmr 5pm", "2026-12-03T17:00:00-05:00", WEDNESDAY),
        # A bare hour tonight is in the evening, not this morning.
        ("tonight at 8", "2026-12-02T20:00:00-05:00", WEDNESDAY),
        ("tonight at 8am", "2026-12-02T08:00:00-05:00", WEDNESDAY),
        ("tonight at 11", "2026-12-02T23:00:00-05:00", WEDNESDAY),
        ("this evening at 8", "2026-12-02T20:00:00-05:00", WEDNESDAY),
        ("tonight at 10:30", "2026-12-02T22:30:00-05:00", WEDNESDAY),
        # A night's 12 is the midnight that ends it: not noon, nor the one that began the day.
        ("tonight at 12", "2026-12-03T00:00:00-05:00", WEDNESDAY),
        ("tonight at 12:30", "2026-12-03T00:30:00-05:00", WEDNESDAY),
        ("tonight at midnight", "2026-12-03T00:00:00-05:00", WEDNESDAY),
        ("12 tonight", "2026-12-03T00:00:00-05:00", WEDNESDAY_22_30),
        ("this evening at 12am", "2026-12-03T00:00:00-05:00", WEDNESDAY),
        ("tomorrow night at 12", "2026-12-04T00:00:00-05:00", WEDNESDAY),
        ("friday night at midnight", "2026-12-05T00:00:00-05:00", WEDNESDAY),
        ("tonight at 12pm", "2026-12-02T12:00:00-05:00", WEDNESDAY),  # as said
        # A night's 1 to 5 o'clock is in the small hours after that midnight; 6 on, its evening.
        ("tonight at 1", "2026-12-03T01:00:00-05:00", WEDNESDAY),
        ("tonight at 2", "2026-12-03T02:00:00-05:00", WEDNESDAY),
        ("tonight at 3", "2026-12-03T03:00:00-05:00", WEDNESDAY),
        ("tonight at 4", "2026-12-03T04:00:00-05:00", WEDNESDAY),
        ("tonight at 5", "2026-12-03T05:00:00-05:00", WEDNESDAY),
        ("tonight at 6", "2026-12-02T18:00:00-05:00", WEDNESDAY),
        ("tonight at 7", "2026-12-02T19:00:00-05:00", WEDNESDAY),
        ("tonight at 1:30", "2026-12-03T01:30:00-05:00", WEDNESDAY),
        ("tonight at 2am", "2026-12-03T02:00:00-05:00", WEDNESDAY),
        ("tonight at 1pm", "2026-12-02T13:00:00-05:00", WEDNESDAY),  # as said
        ("tonight at 1", "2026-12-03T01:00:00-05:00", WEDNESDAY_22_30),
        ("1 tonight", "2026-12-03T01:00:00-05:00", WEDNESDAY),
        ("tonight 2", "2026-12-03T02:00:00-05:00", WEDNESDAY),
        ("friday night at 1", "2026-12-05T01:00:00-05:00", WEDNESDAY),
        ("tomorrow night at 2:15", "2026-12-04T02:15:00-05:00", WEDNESDAY),
        # Parts of the day: morning 09:00, afternoon 15:00, evening 18:00, night 21:00 …
        ("tonight", "2026-12-02T21:00:00-05:00", WEDNESDAY),
        ("friday night", "2026-12-04T21:00:00-05:00", WEDNESDAY),
        # … today's, said after its time while it lasts: the next whole hour, still ahead …
        ("tonight", "2026-12-02T23:00:00-05:00", WEDNESDAY_22_30),
        ("tonight", "2026-12-02T23:59:00-05:00", WEDNESDAY_23_30),
        ("this evening", "2026-12-02T20:00:00-05:00", WEDNESDAY_19_10),
        ("this afternoon", "2026-12-02T17:00:00-05:00", WEDNESDAY_16_10),
        ("this morning", "2026-12-02T09:00:00-05:00", WEDNESDAY_16_10),  # over: as said
        ("tomorrow night", "2026-12-03T21:00:00-05:00", WEDNESDAY_22_30),
        # … alone, the next one to come (it is 10:00) …
        ("in the morning", "2026-12-03T09:00:00-05:00", WEDNESDAY),
        ("in the evening", "2026-12-02T18:00:00-05:00", WEDNESDAY),
        # … and beside a clock time, what makes it am or pm.
        ("tomorrow evening at 7", "2026-12-03T19:00:00-05:00", WEDNESDAY),
        ("tomorrow night at 9", "2026-12-03T21:00:00-05:00", WEDNESDAY),
        ("friday evening at 7", "2026-12-04T19:00:00-05:00", WEDNESDAY),
        # … also without its "at": an hour, not July.
        ("friday evening 7", "2026-12-04T19:00:00-05:00", WEDNESDAY),
        ("9 tomorrow night", "2026-12-03T21:00:00-05:00", WEDNESDAY),
        ("dec 3 evening", "2026-12-03T18:00:00-05:00", WEDNESDAY),  # the 3rd, not 3 o'clock
        ("this afternoon at 3:30", "2026-12-02T15:30:00-05:00", WEDNESDAY),
        # The time said is the current time of day: still a time, not a whole day.
        ("tomorrow at 10am", "2026-12-03T10:00:00-05:00", WEDNESDAY),
        ("friday 10:00", "2026-12-04T10:00:00-05:00", WEDNESDAY),
        # Today's month and day are today (they were next year's: their midnight had passed);
        # a year said, or yesterday's day, are as said.
        ("dec 2", "2026-12-02", WEDNESDAY),
        ("on December 2nd", "2026-12-02", WEDNESDAY),
        ("2 Dec", "2026-12-02", WEDNESDAY),
        ("12/2", "2026-12-02", WEDNESDAY),
        ("dec 2 2027", "2027-12-02", WEDNESDAY),
        ("dec 1", "2027-12-01", WEDNESDAY),
        # On a 29 February, "feb 29" is today (it was the next leap year's, four years on).
        ("feb 29", "2028-02-29", LEAP_DAY),
        ("february 29th at 5pm", "2028-02-29T17:00:00-05:00", LEAP_DAY),
        ("feb 29", "2032-02-29", datetime(2028, 3, 1, 15, tzinfo=UTC)),
        ("feb 29 2032", "2032-02-29", LEAP_DAY),
        ("feb 28", "2028-02-28", datetime(2028, 2, 28, 15, tzinfo=UTC)),
    ],
)
def test_relative_phrases_name_the_day_people_mean(phrase, expected, at):
    due = schedule.parse_due(phrase, tz=NEW_YORK, at=at)

    assert schedule.show_due(due, NEW_YORK) == expected


# Said in New York at 10:00 on each day of the week of Monday 7 December 2026 (weeks run Monday
# to Sunday): "tuesday" and "this tuesday" are the coming one; "next tuesday" is next week's,
# as "tuesday next week" is — said on the Monday, not tomorrow.
@pytest.mark.parametrize(
    ("said_on", "phrase", "expected"),
    [
        (7, "tuesday", "2026-12-08"),
        (7, "this tuesday", "2026-12-08"),
        (7, "next tuesday", "2026-12-15"),
        (7, "tuesday next week", "2026-12-15"),
        (7, "by next tuesday", "2026-12-15"),
        (7, "next tues at 5pm", "2026-12-15T17:00:00-05:00"),
        (7, "next friday evening", "2026-12-18T18:00:00-05:00"),
        (7, "first thing next monday", "2026-12-14T09:00:00-05:00"),
        (7, "next monday", "2026-12-14"),
        (7, "next sunday", "2026-12-20"),
        (9, "next friday", "2026-12-18"),
        (9, "friday", "2026-12-11"),
        (11, "next friday", "2026-12-18"),
        (11, "friday", "2026-12-18"),
        (12, "next monday", "2026-12-14"),
        (12, "next saturday", "2026-12-19"),
        # On a Sunday next week begins tomorrow.
        (13, "next monday", "2026-12-14"),
        (13, "next sunday", "2026-12-20"),
        # Across the year's end.
        (28, "next friday", "2027-01-08"),
    ],
)
def test_next_and_a_weekday_is_that_day_of_next_week(said_on, phrase, expected):
    at = datetime(2026, 12, said_on, 15, 0, tzinfo=UTC)

    due = schedule.parse_due(phrase, tz=NEW_YORK, at=at)

    assert schedule.show_due(due, NEW_YORK) == expected


# Wednesday 10 March 2027, 10:00 where the user is (New York moves its clocks on Sunday the 14th).
LONDON_WEDNESDAY = datetime(2027, 3, 10, 10, 0, tzinfo=LONDON)
NEW_YORK_WEDNESDAY = datetime(2027, 3, 10, 10, 0, tzinfo=NEW_YORK)
KOLKATA_WEDNESDAY = datetime(2027, 3, 10, 10, 0, tzinfo=KOLKATA)


@pytest.mark.parametrize(
    ("phrase", "at", "zone", "expected"),
    [
        # Amounts of time in words (all were refused).
        ("in half an hour", LONDON_WEDNESDAY, LONDON, "2027-03-10T10:30:00+00:00"),
        ("in a half hour", LONDON_WEDNESDAY, LONDON, "2027-03-10T10:30:00+00:00"),
        ("in an hour and a half", LONDON_WEDNESDAY, LONDON, "2027-03-10T11:30:00+00:00"),
        ("in 2 and a half hours", LONDON_WEDNESDAY, LONDON, "2027-03-10T12:30:00+00:00"),
        ("in a couple of hours", LONDON_WEDNESDAY, LONDON, "2027-03-10T12:00:00+00:00"),
        ("in a few minutes", LONDON_WEDNESDAY, LONDON, "2027-03-10T10:03:00+00:00"),
        ("in a couple of days", LONDON_WEDNESDAY, LONDON, "2027-03-12"),
        ("in a few days", LONDON_WEDNESDAY, LONDON, "2027-03-13"),
        ("in half an hour", NEW_YORK_WEDNESDAY, NEW_YORK, "2027-03-10T10:30:00-05:00"),
        ("in an hour and a half", KOLKATA_WEDNESDAY, KOLKATA, "2027-03-10T11:30:00+05:30"),
        # Hours and minutes ("in 1h30" was 1:30 the next night, "in 1 h 30" an hour from now).
        ("in 1h30", LONDON_WEDNESDAY, LONDON, "2027-03-10T11:30:00+00:00"),
        ("in 1h 30m", LONDON_WEDNESDAY, LONDON, "2027-03-10T11:30:00+00:00"),
        ("in 1 h 30", LONDON_WEDNESDAY, LONDON, "2027-03-10T11:30:00+00:00"),
        ("in 1 hr 30 min", LONDON_WEDNESDAY, LONDON, "2027-03-10T11:30:00+00:00"),
        ("in 2 hours and 15 minutes", NEW_YORK_WEDNESDAY, NEW_YORK, "2027-03-10T12:15:00-05:00"),
        ("in a day and a half", LONDON_WEDNESDAY, LONDON, "2027-03-11T22:00:00+00:00"),
        # ...while "17h30" stays a clock time and "in 17h" a span of hours.
        ("17h30", LONDON_WEDNESDAY, LONDON, "2027-03-10T17:30:00+00:00"),
        ("in 17h", LONDON_WEDNESDAY, LONDON, "2027-03-11T03:00:00+00:00"),
        # "later today" is today; "before 5pm" is 5pm, the latest it can be.
        ("later today", LONDON_WEDNESDAY, LONDON, "2027-03-10"),
        ("later today at 5", LONDON_WEDNESDAY, LONDON, "2027-03-10T17:00:00+00:00"),
        ("before 5pm", LONDON_WEDNESDAY, LONDON, "2027-03-10T17:00:00+00:00"),
        ("before friday", LONDON_WEDNESDAY, LONDON, "2027-03-12"),
        # Clock times said: the hour as a bare "at 3" has it (1 to 6 in the afternoon) …
        ("half past 3", LONDON_WEDNESDAY, LONDON, "2027-03-10T15:30:00+00:00"),
        ("quarter past 9", LONDON_WEDNESDAY, LONDON, "2027-03-11T09:15:00+00:00"),
        ("quarter to 5", LONDON_WEDNESDAY, LONDON, "2027-03-10T16:45:00+00:00"),
        ("a quarter to 1", LONDON_WEDNESDAY, LONDON, "2027-03-10T12:45:00+00:00"),
        ("twenty past 6", LONDON_WEDNESDAY, LONDON, "2027-03-10T18:20:00+00:00"),
        ("friday at half past 2", LONDON_WEDNESDAY, LONDON, "2027-03-12T14:30:00+00:00"),
        ("quarter past 9am", LONDON_WEDNESDAY, LONDON, "2027-03-11T09:15:00+00:00"),
        ("half past 3", NEW_YORK_WEDNESDAY, NEW_YORK, "2027-03-10T15:30:00-05:00"),
        ("quarter to 5", KOLKATA_WEDNESDAY, KOLKATA, "2027-03-10T16:45:00+05:30"),
        # … or as a part of the day places it.
        ("tomorrow morning at half past 7", LONDON_WEDNESDAY, LONDON, "2027-03-11T07:30:00+00:00"),
        ("this evening at quarter to 8", LONDON_WEDNESDAY, LONDON, "2027-03-10T19:45:00+00:00"),
        ("tonight at quarter to 1", LONDON_WEDNESDAY, LONDON, "2027-03-11T00:45:00+00:00"),
        ("5ish", LONDON_WEDNESDAY, LONDON, "2027-03-10T17:00:00+00:00"),
        ("tomorrow 5pmish", LONDON_WEDNESDAY, LONDON, "2027-03-11T17:00:00+00:00"),
        ("around 5pm", LONDON_WEDNESDAY, LONDON, "2027-03-10T17:00:00+00:00"),
        ("about 5pm", LONDON_WEDNESDAY, LONDON, "2027-03-10T17:00:00+00:00"),
        ("around 5 tomorrow", LONDON_WEDNESDAY, LONDON, "2027-03-11T17:00:00+00:00"),
        # 24-hour times written with an "h": a time of day ("17h" was 17 hours from now).
        ("17h", LONDON_WEDNESDAY, LONDON, "2027-03-10T17:00:00+00:00"),
        ("17h30", LONDON_WEDNESDAY, LONDON, "2027-03-10T17:30:00+00:00"),
        ("9h", LONDON_WEDNESDAY, LONDON, "2027-03-11T09:00:00+00:00"),
        ("friday at 9h", LONDON_WEDNESDAY, LONDON, "2027-03-12T09:00:00+00:00"),
        ("17h30", KOLKATA_WEDNESDAY, KOLKATA, "2027-03-10T17:30:00+05:30"),
        ("in 17h", LONDON_WEDNESDAY, LONDON, "2027-03-11T03:00:00+00:00"),
        ("2h from now", LONDON_WEDNESDAY, LONDON, "2027-03-10T12:00:00+00:00"),
        # The time of day it is now, on another day: to the minute, kept across a clock change.
        ("this time tomorrow", LONDON_WEDNESDAY, LONDON, "2027-03-11T10:00:00+00:00"),
        ("same time next week", LONDON_WEDNESDAY, LONDON, "2027-03-17T10:00:00+00:00"),
        ("friday at the same time", LONDON_WEDNESDAY, LONDON, "2027-03-12T10:00:00+00:00"),
        ("same time next week", NEW_YORK_WEDNESDAY, NEW_YORK, "2027-03-17T10:00:00-04:00"),
        (
            "this time tomorrow",
            datetime(2027, 3, 10, 10, 41, 27, tzinfo=KOLKATA),
            KOLKATA,
            "2027-03-11T10:41:00+05:30",
        ),
        # "First thing" is the morning, as "tomorrow morning" is.
        ("first thing tomorrow", LONDON_WEDNESDAY, LONDON, "2027-03-11T09:00:00+00:00"),
        ("first thing monday", LONDON_WEDNESDAY, LONDON, "2027-03-15T09:00:00+00:00"),
        ("tomorrow first thing", LONDON_WEDNESDAY, LONDON, "2027-03-11T09:00:00+00:00"),
        ("first thing tomorrow", KOLKATA_WEDNESDAY, KOLKATA, "2027-03-11T09:00:00+05:30"),
        # Day names shortened; "monday week" is the Monday after the coming one.
        ("thurs", LONDON_WEDNESDAY, LONDON, "2027-03-11"),
        ("thur", LONDON_WEDNESDAY, LONDON, "2027-03-11"),
        ("weds", LONDON_WEDNESDAY, LONDON, "2027-03-17"),
        ("tue", LONDON_WEDNESDAY, LONDON, "2027-03-16"),
        ("thurs at 5pm", LONDON_WEDNESDAY, LONDON, "2027-03-11T17:00:00+00:00"),
        ("thurs next week", LONDON_WEDNESDAY, LONDON, "2027-03-18"),
        ("monday week", LONDON_WEDNESDAY, LONDON, "2027-03-22"),
        ("a week on monday", LONDON_WEDNESDAY, LONDON, "2027-03-22"),
        ("monday week at 9am", NEW_YORK_WEDNESDAY, NEW_YORK, "2027-03-22T09:00:00-04:00"),
        ("monday week", KOLKATA_WEDNESDAY, KOLKATA, "2027-03-22"),
        # Weeks from today or tomorrow, as the British say them ("tomorrow week" was
        # tomorrow, "a week today" and "2 weeks today" were weeks ago).
        ("tomorrow week", LONDON_WEDNESDAY, LONDON, "2027-03-18"),
        ("today week", LONDON_WEDNESDAY, LONDON, "2027-03-17"),
        ("a week tomorrow", LONDON_WEDNESDAY, LONDON, "2027-03-18"),
        ("a week today", LONDON_WEDNESDAY, LONDON, "2027-03-17"),
        ("2 weeks today", LONDON_WEDNESDAY, LONDON, "2027-03-24"),
        ("two weeks tomorrow", KOLKATA_WEDNESDAY, KOLKATA, "2027-03-25"),
        # Refused before: "in 2 weeks' time", "midday", "this coming friday", "the friday
        # after next".
        ("in 2 weeks time", LONDON_WEDNESDAY, LONDON, "2027-03-24"),
        ("in a fortnight's time", LONDON_WEDNESDAY, LONDON, "2027-03-24"),
        ("in an hour’s time", LONDON_WEDNESDAY, LONDON, "2027-03-10T11:00:00+00:00"),
        ("midday tomorrow", LONDON_WEDNESDAY, LONDON, "2027-03-11T12:00:00+00:00"),
        ("tomorrow at midday", NEW_YORK_WEDNESDAY, NEW_YORK, "2027-03-11T12:00:00-05:00"),
        ("this coming friday", LONDON_WEDNESDAY, LONDON, "2027-03-12"),
        ("the friday after next", LONDON_WEDNESDAY, LONDON, "2027-03-19"),
        ("friday after next at 9am", LONDON_WEDNESDAY, LONDON, "2027-03-19T09:00:00+00:00"),
        ("same time tomorrow", LONDON_WEDNESDAY, LONDON, "2027-03-11T10:00:00+00:00"),
        ("a week from tomorrow at 5pm", NEW_YORK_WEDNESDAY, NEW_YORK, "2027-03-18T17:00:00-04:00"),
    ],
)
def test_spoken_phrases_are_read_as_people_mean_them(phrase, at, zone, expected):
    due = schedule.parse_due(phrase, tz=zone, at=at)

    assert schedule.show_due(due, zone) == expected


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("9am", True),
        ("half past 3", True),
        ("17h30", True),
        ("5ish", True),
        ("friday at half past 3", False),
        ("in half an hour", False),
    ],
)
def test_a_time_of_day_alone(phrase, expected):
    assert schedule.names_a_time_only(phrase) is expected


@pytest.mark.parametrize(
    ("phrase", "at", "expected"),
    [
        # Said on a month's last day after that time: tomorrow, the 1st of the next month (it
        # was the 1st of this month, a month ago — and on 31 December eleven months ahead).
        ("5pm", datetime(2026, 11, 30, 22, 30), datetime(2026, 12, 1, 17, 0)),
        ("at 9", datetime(2026, 11, 30, 22, 30), datetime(2026, 12, 1, 9, 0)),
        ("in the morning", datetime(2026, 11, 30, 10, 0), datetime(2026, 12, 1, 9, 0)),
        ("midnight", datetime(2026, 11, 30, 10, 0), datetime(2026, 12, 1, 0, 0)),
        ("noon", datetime(2026, 12, 31, 13, 0), datetime(2027, 1, 1, 12, 0)),
        ("evening", datetime(2027, 2, 28, 19, 0), datetime(2027, 3, 1, 18, 0)),
        # Still to come today, or a day that is named, as before.
        ("23:00", datetime(2026, 11, 30, 22, 30), datetime(2026, 11, 30, 23, 0)),
        ("nov 1 at 5pm", datetime(2026, 11, 30, 22, 30), datetime(2027, 11, 1, 17, 0)),
        ("dec 1 at 5pm", datetime(2026, 12, 31, 22, 30), datetime(2027, 12, 1, 17, 0)),
    ],
)
def test_a_time_alone_said_after_it_on_a_months_last_day_is_tomorrows(phrase, at, expected):
    due = schedule.parse_due(phrase, tz=PARIS, at=at.replace(tzinfo=PARIS))

    assert due == Due(at=expected.replace(tzinfo=PARIS).astimezone(UTC))


# 03:00 UTC on 1 January 2027: still 31 December in New York, already 1 January in Paris and Tokyo.
NEW_YEAR = datetime(2027, 1, 1, 3, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("phrase", "zone", "expected"),
    [
        ("end of next month", NEW_YORK, "2027-01-31"),
        ("end of next month", PARIS, "2027-02-28"),
        ("end of next month", ZoneInfo("Asia/Tokyo"), "2027-02-28"),
        ("start of next month", NEW_YORK, "2027-01-01"),
        ("start of next month", PARIS, "2027-02-01"),
        ("end of the month", NEW_YORK, "2026-12-31"),
        ("end of the month", ZoneInfo("Asia/Tokyo"), "2027-01-31"),
        ("in a month", NEW_YORK, "2027-01-31"),
        ("in a month", PARIS, "2027-02-01"),
    ],
)
def test_month_phrases_count_from_the_users_today(phrase, zone, expected):
    due = schedule.parse_due(phrase, tz=zone, at=NEW_YEAR)

    assert schedule.show_due(due, zone) == expected


@pytest.mark.parametrize(
    ("zone", "expected"),
    [
        (NEW_YORK, "2027-01-01T00:00:00-05:00"),  # 22:00 on 31 December
        (PARIS, "2027-01-02T00:00:00+01:00"),  # 04:00 on 1 January
        (ZoneInfo("Asia/Tokyo"), "2027-01-02T00:00:00+09:00"),  # 12:00 on 1 January
    ],
)
def test_tonight_at_12_is_the_midnight_that_ends_the_users_today(zone, expected):
    due = schedule.parse_due("tonight at 12", tz=zone, at=NEW_YEAR)

    assert schedule.show_due(due, zone) == expected


@pytest.mark.parametrize(
    ("phrase", "zone", "expected"),
    [
        ("tonight at 1", NEW_YORK, "2027-01-01T01:00:00-05:00"),  # 22:00 on 31 December
        ("tonight at 1", KOLKATA, "2027-01-02T01:00:00+05:30"),  # 08:30 on 1 January
        ("tonight at 5", KOLKATA, "2027-01-02T05:00:00+05:30"),
        ("tonight at 2:30", ZoneInfo("Asia/Tokyo"), "2027-01-02T02:30:00+09:00"),
        ("friday night at 1", NEW_YORK, "2027-01-02T01:00:00-05:00"),  # Friday is 1 January
        ("friday night at 1", KOLKATA, "2027-01-09T01:00:00+05:30"),  # it is already Friday
        ("tonight at 7", KOLKATA, "2027-01-01T19:00:00+05:30"),
        ("tonight at 11", NEW_YORK, "2026-12-31T23:00:00-05:00"),
    ],
)
def test_tonight_at_1_is_after_the_midnight_that_ends_the_users_today(phrase, zone, expected):
    due = schedule.parse_due(phrase, tz=zone, at=NEW_YEAR)

    assert schedule.show_due(due, zone) == expected


@pytest.mark.parametrize(
    ("phrase", "at", "expected"),
    [
        # The night clocks spring forward at 2:00: 2:30 is on no clock, read as the hour after.
        ("tonight at 2:30", datetime(2027, 3, 13, 17, tzinfo=UTC), "2027-03-14T03:30:00-04:00"),
        # The night they fall back: the first 1:30.
        ("tonight at 1:30", datetime(2026, 10, 31, 16, tzinfo=UTC), "2026-11-01T01:30:00-04:00"),
    ],
)
def test_a_nights_small_hours_across_a_clock_change(phrase, at, expected):
    due = schedule.parse_due(phrase, tz=NEW_YORK, at=at)

    assert schedule.show_due(due, NEW_YORK) == expected


@pytest.mark.parametrize(
    "phrase",
    [
        "someday maybe",
        "9",
        "monday 9",
        "2026-02-30",
        "2026-13-01T10:00",
        "the 32nd",
        "3rd task",
        # Times on no clock: they were read as the current time of day.
        "tomorrow at 25:00",
        "tomorrow at 24:00",
        "tomorrow at 12:60",
        "9:75 tomorrow",
        "tomorrow 10:30:99",
        "tomorrow at 13pm",
        "friday 0am",
        "tonight at 120",
        # Nothing to place on a day or a time.
        "asap",
        "soon",
        "later",
        "q1",
        "same time",
        "half to 5",
        # Counted from a day that does not exist: dateparser counted from today.
        "3 days from 2026-02-30",
        "2 days before 2026-13-01",
    ],
)
def test_unclear_due_dates_are_refused_naming_the_phrase(phrase):
    with pytest.raises(ApplicationError) as exc_info:
        schedule.parse_due(phrase, tz=NEW_YORK, at=datetime(2026, 12, 2, 15, tzinfo=UTC))

    assert repr(phrase) in exc_info.value.message


@pytest.mark.parametrize(
    "name",
    [
        "Mars/Base",
        "",
        "../../etc/passwd",
        "UTC\x00",
        "x" * 100,
        # Files of the zone database that are no zone a person lives in.
        "localtime",
        "posixrules",
        "Factory",
        "posix/Europe/Paris",
        "right/UTC",
    ],
)
def test_unknown_zones_are_refused(name):
    with pytest.raises(ApplicationError, match="Unknown timezone"):
        schedule.zone(name)


@pytest.mark.parametrize("name", ["UTC", "Etc/GMT+5", "US/Eastern", "Europe/Kiev", "Asia/Kolkata"])
def test_zones_people_send_are_read(name):
    assert schedule.zone(name).key == name


@pytest.mark.parametrize(
    ("rule", "first"),
    [
        # Said on Wednesday 2026-12-02: the next such day, whatever the interval.
        ("FREQ=WEEKLY;INTERVAL=2;BYDAY=TU", date(2026, 12, 8)),
        ("FREQ=WEEKLY;INTERVAL=3;BYDAY=MO", date(2026, 12, 7)),
        ("FREQ=WEEKLY;INTERVAL=2;BYDAY=SU", date(2026, 12, 6)),
        ("FREQ=MONTHLY;INTERVAL=2;BYMONTHDAY=1", date(2027, 1, 1)),
        ("FREQ=MONTHLY;BYDAY=1MO", date(2026, 12, 7)),
        ("FREQ=DAILY;INTERVAL=3", date(2026, 12, 2)),
    ],
)
def test_a_series_without_a_due_date_starts_on_its_next_day(rule, first):
    assert schedule.first_occurrence(rule, date(2026, 12, 2)) == first


@pytest.mark.parametrize(
    ("zone", "said_at", "phrase", "expected"),
    [
        # New York's clocks go forward at 02:00 on 14 March 2027: 90 minutes after 01:30 is
        # 04:00 (it was 03:00, an hour early).
        ("America/New_York", "2027-03-14T01:30", "in 90 minutes", "2027-03-14T04:00:00-04:00"),
        ("America/New_York", "2027-03-14T01:30", "in 1h30", "2027-03-14T04:00:00-04:00"),
        # … and back at 02:00 on 7 November: 2 hours after 00:30 is 01:30 the second time (it
        # was 02:30, three hours later).
        ("America/New_York", "2027-11-07T00:30", "in 2 hours", "2027-11-07T01:30:00-05:00"),
        ("America/New_York", "2027-11-07T00:30", "2 hours from now", "2027-11-07T01:30:00-05:00"),
        ("America/New_York", "2027-11-07T00:30", "in 2h", "2027-11-07T01:30:00-05:00"),
        ("America/New_York", "2027-11-07T00:30", "in 30 minutes", "2027-11-07T01:00:00-04:00"),
        # Lord Howe Island moves its clocks by half an hour (back at 02:00 on 4 April 2027).
        ("Australia/Lord_Howe", "2027-04-04T01:00", "in 2 hours", "2027-04-04T02:30:00+10:30"),
        # Half-hour and 45-minute zones, across midnight and the year's end.
        ("Asia/Kolkata", "2026-12-31T23:15", "in 90 minutes", "2027-01-01T00:45:00+05:30"),
        ("Asia/Kathmandu", "2026-12-31T23:15", "in an hour", "2027-01-01T00:15:00+05:45"),
        # A time that does not exist that day is the one the clocks move to.
        ("America/New_York", "2027-03-13T10:00", "tomorrow at 2:30am", "2027-03-14T03:30:00-04:00"),
    ],
)
def test_hours_and_minutes_from_now_are_time_that_passes(zone, said_at, phrase, expected):
    tz = ZoneInfo(zone)
    at = datetime.fromisoformat(said_at).replace(tzinfo=tz)

    due = schedule.parse_due(phrase, tz=tz, at=at.astimezone(UTC))

    assert schedule.show_due(due, tz) == expected


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        # Said on Wednesday 2 December at 10:00 in New York: a day's midnight ends that day, the
        # deadline people mean (it was the midnight that began it, a whole day early).
        ("friday at midnight", "2026-12-05T00:00:00-05:00"),
        ("midnight friday", "2026-12-05T00:00:00-05:00"),
        ("tomorrow at midnight", "2026-12-04T00:00:00-05:00"),
        ("2026-12-10 at midnight", "2026-12-11T00:00:00-05:00"),
        ("by midnight", "2026-12-03T00:00:00-05:00"),
        # As before: alone, tonight's; a night's; and 12am as clocks read it.
        ("midnight", "2026-12-03T00:00:00-05:00"),
        ("friday night at midnight", "2026-12-05T00:00:00-05:00"),
        ("friday at 12am", "2026-12-04T00:00:00-05:00"),
        ("friday at 00:00", "2026-12-04T00:00:00-05:00"),
    ],
)
def test_a_days_midnight_is_the_one_that_ends_it(phrase, expected):
    due = schedule.parse_due(phrase, tz=NEW_YORK, at=WEDNESDAY)

    assert schedule.show_due(due, NEW_YORK) == expected


def test_a_time_counted_from_now_is_kept_to_the_minute():
    at = datetime(2026, 12, 2, 15, 12, 34, 567890, tzinfo=UTC)

    due = schedule.parse_due("in 2 hours", tz=NEW_YORK, at=at)

    assert schedule.show_due(due, NEW_YORK) == "2026-12-02T12:12:00-05:00"


@pytest.mark.parametrize(
    "rule",
    [
        "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30",
        "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=-30",
        "FREQ=DAILY;INTERVAL=2;BYMONTH=4,6,9,11;BYMONTHDAY=31",
        "FREQ=WEEKLY;BYMONTH=2;BYMONTHDAY=30,31;BYDAY=MO",
        "FREQ=DAILY;BYSETPOS=2",
        "FREQ=WEEKLY;BYDAY=MO,TU;BYSETPOS=3",
        # Never, for reasons no part tells alone: the search itself must give up early.
        "FREQ=WEEKLY;BYMONTH=6,1;BYMONTHDAY=26,-29;BYSETPOS=2",
        "FREQ=MONTHLY;BYMONTHDAY=21,-31;BYSETPOS=5",
    ],
)
def test_a_rule_that_never_occurs_is_refused_after_a_few_decades_of_search_at_most(
    rule, monkeypatch
):
    # "Every day of February that is its 30th" stepped through four centuries of days before
    # it was refused: most of a second of CPU for one add_task.
    months = []
    rebuild = rrule_module._iterinfo.rebuild

    def counted(self, year, month):
        months.append((year, month))
        return rebuild(self, year, month)

    monkeypatch.setattr(rrule_module._iterinfo, "rebuild", counted)

    with pytest.raises(ApplicationError) as refused:
        schedule.parse_recurrence(rule)

    assert refused.value.message == f"Invalid recurrence '{rule}': it never occurs."
    # 29 years are searched (every kind of year), on a calendar that ends soon after them.
    assert len(months) <= 60 * 12


@pytest.mark.parametrize(
    ("rule", "due", "after"),
    [
        ("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29", date(2028, 2, 29), date(2032, 2, 29)),
        ("FREQ=DAILY;BYMONTH=2;BYMONTHDAY=29", date(2028, 2, 29), date(2032, 2, 29)),
        ("FREQ=MONTHLY;BYMONTH=2;BYMONTHDAY=-29", date(2028, 2, 1), date(2032, 2, 1)),
        ("FREQ=YEARLY;BYMONTH=2;BYDAY=-1MO", date(2027, 2, 22), date(2028, 2, 28)),
        ("FREQ=MONTHLY;BYMONTHDAY=28,29,30,31;BYSETPOS=-1", date(2100, 1, 31), date(2100, 2, 28)),
        ("FREQ=DAILY;INTERVAL=7;BYDAY=TH", date(2026, 12, 3), date(2026, 12, 10)),
    ],
)
def test_rare_rules_are_kept_and_step_to_their_next_day(rule, due, after):
    assert schedule.parse_recurrence(rule) == rule
    assert schedule.next_due(rule, Due(day=due), NEW_YORK) == Due(day=after)


# "next week", "next month" and "next year" alone name a day, as in other todo apps: next week's
# Monday, the 1st of next month, 1 January of next year (they were refused as naming no day).
@pytest.mark.parametrize(
    ("phrase", "at", "zone", "expected"),
    [
        ("next week", datetime(2026, 12, 9, 15, tzinfo=UTC), NEW_YORK, "2026-12-14"),
        ("by next week", datetime(2026, 12, 9, 15, tzinfo=UTC), NEW_YORK, "2026-12-14"),
        ("next week", datetime(2026, 12, 14, 15, tzinfo=UTC), NEW_YORK, "2026-12-21"),
        # On a Sunday next week begins tomorrow, as "next monday" does.
        ("next week", datetime(2026, 12, 13, 15, tzinfo=UTC), NEW_YORK, "2026-12-14"),
        ("Next Week", datetime(2026, 12, 30, 15, tzinfo=UTC), NEW_YORK, "2027-01-04"),
        (
            "next week at 5pm",
            datetime(2026, 12, 9, 15, tzinfo=UTC),
            NEW_YORK,
            "2026-12-14T17:00:00-05:00",
        ),
        (
            "next week morning",
            datetime(2026, 12, 9, 15, tzinfo=UTC),
            NEW_YORK,
            "2026-12-14T09:00:00-05:00",
        ),
        ("next month", datetime(2026, 12, 9, 15, tzinfo=UTC), NEW_YORK, "2027-01-01"),
        ("next month", datetime(2026, 1, 31, 15, tzinfo=UTC), NEW_YORK, "2026-02-01"),
        (
            "next month at 9am",
            datetime(2026, 12, 9, 15, tzinfo=UTC),
            NEW_YORK,
            "2027-01-01T09:00:00-05:00",
        ),
        ("next year", datetime(2026, 12, 9, 15, tzinfo=UTC), NEW_YORK, "2027-01-01"),
        ("next year", datetime(2026, 1, 1, 15, tzinfo=UTC), NEW_YORK, "2027-01-01"),
        # The user's today decides: 23:30 UTC on 31 December is already 1 January in Sydney.
        ("next month", datetime(2026, 12, 31, 23, 30, tzinfo=UTC), SYDNEY, "2027-02-01"),
        ("next year", datetime(2026, 12, 31, 23, 30, tzinfo=UTC), SYDNEY, "2028-01-01"),
        ("next year", datetime(2026, 12, 31, 23, 30, tzinfo=UTC), NEW_YORK, "2027-01-01"),
        # The phrases that named a day already keep it.
        ("next week on friday", datetime(2026, 12, 9, 15, tzinfo=UTC), NEW_YORK, "2026-12-18"),
        ("end of next week", datetime(2026, 12, 9, 15, tzinfo=UTC), NEW_YORK, "2026-12-18"),
        (
            "same time next week",
            datetime(2026, 12, 9, 15, tzinfo=UTC),
            NEW_YORK,
            "2026-12-16T10:00:00-05:00",
        ),
        ("end of next month", datetime(2026, 12, 9, 15, tzinfo=UTC), NEW_YORK, "2027-01-31"),
    ],
)
def test_next_week_month_or_year_alone_is_its_first_day(phrase, at, zone, expected):
    due = schedule.parse_due(phrase, tz=zone, at=at)

    assert schedule.show_due(due, zone) == expected


# Rules with years between their occurrences: kept, and stepped on from the task's own day (they
# were refused when none fell within four years of 1 January 2026, or ended the series).
@pytest.mark.parametrize(
    ("rule", "due", "after"),
    [
        ("FREQ=YEARLY;INTERVAL=4;BYMONTH=2;BYMONTHDAY=29", date(2028, 2, 29), date(2032, 2, 29)),
        # 2100 is not a leap year: eight years on.
        ("FREQ=YEARLY;INTERVAL=4;BYMONTH=2;BYMONTHDAY=29", date(2096, 2, 29), date(2104, 2, 29)),
        ("FREQ=YEARLY;INTERVAL=3;BYMONTH=2;BYMONTHDAY=29", date(2028, 2, 29), date(2040, 2, 29)),
        ("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29;BYDAY=MO", date(2016, 2, 29), date(2044, 2, 29)),
        ("FREQ=MONTHLY;INTERVAL=12;BYMONTHDAY=29;BYMONTH=2", date(2028, 2, 29), date(2032, 2, 29)),
        ("FREQ=DAILY;INTERVAL=7;BYDAY=MO", date(2026, 12, 7), date(2026, 12, 14)),
    ],
)
def test_rules_years_apart_are_kept_and_step_from_the_tasks_day(rule, due, after):
    assert schedule.parse_recurrence(rule) == rule
    assert schedule.next_due(rule, Due(day=due), NEW_YORK) == Due(day=after)


@pytest.mark.parametrize(
    ("rule", "first"),
    [
        ("FREQ=YEARLY;INTERVAL=4;BYMONTH=2;BYMONTHDAY=29", date(2028, 2, 29)),
        ("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29;BYDAY=MO", date(2044, 2, 29)),
    ],
)
def test_a_rare_series_without_a_due_date_starts_on_its_first_day(rule, first):
    assert schedule.first_occurrence(rule, date(2026, 12, 2)) == first


# Days of a month, of a quarter and of the weeks ahead as people type them, read from the user's
# today: NEW_YEAR is Thursday 31 December 22:00 in New York, Friday 1 January in Paris (04:00)
# and Tokyo (12:00). "next month on the 15th" was read as the whole month (refused; with a
# time, a week from today at the current time), and "first monday of next month", "last friday
# of the month" and "next quarter" were refused.
_MONTH_AND_QUARTER_PHRASES = [
    ("next month on the 15th", "2027-01-15", "2027-02-15", "2027-02-15"),
    ("on the 15th of next month", "2027-01-15", "2027-02-15", "2027-02-15"),
    ("the 15th next month", "2027-01-15", "2027-02-15", "2027-02-15"),
    ("on the first of next month", "2027-01-01", "2027-02-01", "2027-02-01"),
    ("next month on the 2nd", "2027-01-02", "2027-02-02", "2027-02-02"),
    (
        "next month on the 15th at 3pm",
        "2027-01-15T15:00:00-05:00",
        "2027-02-15T15:00:00+01:00",
        "2027-02-15T15:00:00+09:00",
    ),
    ("the 15th", "2027-01-15", "2027-01-15", "2027-01-15"),
    ("the 1st", "2027-01-01", "2027-01-01", "2027-01-01"),
    ("first monday of next month", "2027-01-04", "2027-02-01", "2027-02-01"),
    ("the 2nd tuesday of next month", "2027-01-12", "2027-02-09", "2027-02-09"),
    ("on the last friday of next month", "2027-01-29", "2027-02-26", "2027-02-26"),
    # "of the month": the next one to come, today included (Friday 1 January in Paris is the
    # first Friday of its month).
    ("last friday of the month", "2027-01-29", "2027-01-29", "2027-01-29"),
    ("first friday of the month", "2027-01-01", "2027-01-01", "2027-01-01"),
    ("the last thursday of the month", "2026-12-31", "2027-01-28", "2027-01-28"),
    (
        "last friday of the month at 5pm",
        "2027-01-29T17:00:00-05:00",
        "2027-01-29T17:00:00+01:00",
        "2027-01-29T17:00:00+09:00",
    ),
    ("end of the month", "2026-12-31", "2027-01-31", "2027-01-31"),
    ("end of next week", "2027-01-08", "2027-01-08", "2027-01-08"),
    ("beginning of next month", "2027-01-01", "2027-02-01", "2027-02-01"),
    ("in a fortnight", "2027-01-14", "2027-01-15", "2027-01-15"),
    (
        "the day after tomorrow at noon",
        "2027-01-02T12:00:00-05:00",
        "2027-01-03T12:00:00+01:00",
        "2027-01-03T12:00:00+09:00",
    ),
    # The midnight that ends the user's today.
    (
        "midnight",
        "2027-01-01T00:00:00-05:00",
        "2027-01-02T00:00:00+01:00",
        "2027-01-02T00:00:00+09:00",
    ),
    # The night's 21:00; at 22:00 in New York, the next whole hour.
    (
        "tonight",
        "2026-12-31T23:00:00-05:00",
        "2027-01-01T21:00:00+01:00",
        "2027-01-01T21:00:00+09:00",
    ),
    ("next quarter", "2027-01-01", "2027-04-01", "2027-04-01"),
    ("the start of next quarter", "2027-01-01", "2027-04-01", "2027-04-01"),
    ("end of the quarter", "2026-12-31", "2027-03-31", "2027-03-31"),
    ("the last day of the quarter", "2026-12-31", "2027-03-31", "2027-03-31"),
    ("by the end of next quarter", "2027-03-31", "2027-06-30", "2027-06-30"),
]


@pytest.mark.parametrize(
    ("phrase", "zone", "expected"),
    [
        (phrase, zone, expected)
        for phrase, *expected_by_zone in _MONTH_AND_QUARTER_PHRASES
        for zone, expected in zip(
            (NEW_YORK, PARIS, ZoneInfo("Asia/Tokyo")), expected_by_zone, strict=True
        )
    ],
)
def test_days_of_a_month_or_quarter_are_read_from_the_users_today(phrase, zone, expected):
    due = schedule.parse_due(phrase, tz=zone, at=NEW_YEAR)

    assert schedule.show_due(due, zone) == expected


@pytest.mark.parametrize(
    ("phrase", "at", "why"),
    [
        ("the 31st of next month", datetime(2027, 1, 15, 12, tzinfo=UTC), "February has no day 31"),
        ("next month on the 30th", datetime(2027, 1, 15, 12, tzinfo=UTC), "February has no day 30"),
        (
            "the fifth monday of next month",
            datetime(2026, 12, 2, 15, tzinfo=UTC),
            "January has no fifth monday",
        ),
    ],
)
def test_a_day_next_month_lacks_is_refused_saying_so(phrase, at, why):
    with pytest.raises(ApplicationError) as exc_info:
        schedule.parse_due(phrase, tz=NEW_YORK, at=at)

    assert exc_info.value.message.startswith(
        f"Could not understand the due date '{phrase}': {why}."
    )
