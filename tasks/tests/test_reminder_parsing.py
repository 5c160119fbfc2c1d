"""What a reminder phrase means: an instant in the user's zone, or a distance before the due
date — and what is refused."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from tasks.reminder_parsing import ReminderRule, fire_time, parse_reminder
from todochat.errors import ApplicationError

PARIS = ZoneInfo("Europe/Paris")
NEW_YORK = ZoneInfo("America/New_York")
KOLKATA = ZoneInfo("Asia/Kolkata")
# Sunday 29 November 2026, 15:00 in Paris.
NOW = datetime(2026, 11, 29, 15, 0, tzinfo=PARIS)


def at(text: str, zone: ZoneInfo = PARIS) -> datetime:
    rule = parse_reminder(text, zone=zone, now=NOW)
    assert rule is not None and rule.kind == "at", rule
    assert rule.instant is not None
    return rule.instant


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("9pm tonight", datetime(2026, 11, 29, 21, 0, tzinfo=PARIS)),
        ("tonight at 9", datetime(2026, 11, 29, 21, 0, tzinfo=PARIS)),
        ("tonight", datetime(2026, 11, 29, 21, 0, tzinfo=PARIS)),
        ("tonight at 12", datetime(2026, 11, 30, 0, 0, tzinfo=PARIS)),
        ("tonight at 11", datetime(2026, 11, 29, 23, 0, tzinfo=PARIS)),
        ("tonight at 1", datetime(2026, 11, 30, 1, 0, tzinfo=PARIS)),
        ("friday night at 2", datetime(2026, 12, 5, 2, 0, tzinfo=PARIS)),
        # Parts of the day: their time, not the all-day 09:00.
        ("this evening", datetime(2026, 11, 29, 18, 0, tzinfo=PARIS)),
        ("tomorrow afternoon", datetime(2026, 11, 30, 15, 0, tzinfo=PARIS)),
        ("friday night", datetime(2026, 12, 4, 21, 0, tzinfo=PARIS)),
        ("tomorrow evening at 7", datetime(2026, 11, 30, 19, 0, tzinfo=PARIS)),
        ("tomorrow night at 9", datetime(2026, 11, 30, 21, 0, tzinfo=PARIS)),
        ("friday evening 7", datetime(2026, 12, 4, 19, 0, tzinfo=PARIS)),
        ("tomorrow at 9", datetime(2026, 11, 30, 9, 0, tzinfo=PARIS)),
        ("tomorrow at 9am", datetime(2026, 11, 30, 9, 0, tzinfo=PARIS)),
        ("in 2 hours", datetime(2026, 11, 29, 17, 0, tzinfo=PARIS)),
        ("dec 3 at 5pm", datetime(2026, 12, 3, 17, 0, tzinfo=PARIS)),
        # A day without a time: the all-day time (09:00).
        ("2026-12-03", datetime(2026, 12, 3, 9, 0, tzinfo=PARIS)),
        ("monday", datetime(2026, 11, 30, 9, 0, tzinfo=PARIS)),
        # ISO 8601: an offset is kept, a naive time is the user's.
        ("2026-12-03T09:30", datetime(2026, 12, 3, 9, 30, tzinfo=PARIS)),
        ("2026-12-03T09:30:00-05:00", datetime(2026, 12, 3, 15, 30, tzinfo=PARIS)),
        ("2026-12-03T08:00:00Z", datetime(2026, 12, 3, 9, 0, tzinfo=PARIS)),
        # Counted from today (dateparser alone went backwards, or refused).
        ("two days from today", datetime(2026, 12, 1, 9, 0, tzinfo=PARIS)),
        ("a week from now at 6pm", datetime(2026, 12, 6, 18, 0, tzinfo=PARIS)),
        ("in a week", datetime(2026, 12, 6, 9, 0, tzinfo=PARIS)),
        ("the 1st at 8am", datetime(2026, 12, 1, 8, 0, tzinfo=PARIS)),
        # Weeks run Monday to Sunday (today is a Sunday).
        ("friday next week", datetime(2026, 12, 4, 9, 0, tzinfo=PARIS)),
        ("end of next week at 5pm", datetime(2026, 12, 4, 17, 0, tzinfo=PARIS)),
        ("a week from friday", datetime(2026, 12, 11, 9, 0, tzinfo=PARIS)),
        # Next week, month or year alone: its first day, as a due date reads it (on a Sunday,
        # next week begins tomorrow).
        ("next week", datetime(2026, 11, 30, 9, 0, tzinfo=PARIS)),
        ("next month", datetime(2026, 12, 1, 9, 0, tzinfo=PARIS)),
        ("next week at 8am", datetime(2026, 11, 30, 8, 0, tzinfo=PARIS)),
        # The time of day it is now, on another day: that time, not the all-day one.
        ("tomorrow at 3pm", datetime(2026, 11, 30, 15, 0, tzinfo=PARIS)),
        # Said as people say them, read as due dates read them.
        ("in half an hour", datetime(2026, 11, 29, 15, 30, tzinfo=PARIS)),
        ("remind me in half an hour", datetime(2026, 11, 29, 15, 30, tzinfo=PARIS)),
        ("in an hour and a half", datetime(2026, 11, 29, 16, 30, tzinfo=PARIS)),
        ("in a couple of hours", datetime(2026, 11, 29, 17, 0, tzinfo=PARIS)),
        ("in a few minutes", datetime(2026, 11, 29, 15, 3, tzinfo=PARIS)),
        ("half past 3", datetime(2026, 11, 29, 15, 30, tzinfo=PARIS)),
        ("quarter to 5", datetime(2026, 11, 29, 16, 45, tzinfo=PARIS)),
        ("17h30", datetime(2026, 11, 29, 17, 30, tzinfo=PARIS)),
        ("this time tomorrow", datetime(2026, 11, 30, 15, 0, tzinfo=PARIS)),
        ("first thing tomorrow", datetime(2026, 11, 30, 9, 0, tzinfo=PARIS)),
        ("thurs", datetime(2026, 12, 3, 9, 0, tzinfo=PARIS)),
    ],
)
def test_an_instant_is_read_in_the_users_zone(text, expected):
    assert at(text) == expected


@pytest.mark.parametrize(
    ("text", "zone", "expected"),
    [
        # 15:00 in Paris is 09:00 in New York and 19:30 in Kolkata.
        ("in half an hour", NEW_YORK, datetime(2026, 11, 29, 9, 30, tzinfo=NEW_YORK)),
        ("half past 3", NEW_YORK, datetime(2026, 11, 29, 15, 30, tzinfo=NEW_YORK)),
        ("half past 3", KOLKATA, datetime(2026, 11, 30, 15, 30, tzinfo=KOLKATA)),
        ("this time tomorrow", KOLKATA, datetime(2026, 11, 30, 19, 30, tzinfo=KOLKATA)),
        ("first thing monday", KOLKATA, datetime(2026, 11, 30, 9, 0, tzinfo=KOLKATA)),
    ],
)
def test_spoken_times_are_read_in_the_users_zone(text, zone, expected):
    assert at(text, zone) == expected


@pytest.mark.parametrize(
    ("text", "before", "at_time"),
    [
        ("1 hour before", timedelta(hours=1), None),
        ("an hour before", timedelta(hours=1), None),
        ("remind me an hour before", timedelta(hours=1), None),
        ("half an hour before", timedelta(minutes=30), None),
        ("15 minutes before", timedelta(minutes=15), None),
        ("15m before", timedelta(minutes=15), None),
        ("2 hours before it's due", timedelta(hours=2), None),
        ("3 days before the deadline", timedelta(days=3), None),
        ("a week before", timedelta(weeks=1), None),
        ("the day before", timedelta(days=1), None),
        # Parts of the due day, or of the day before, at the times due dates give them.
        ("the night before", timedelta(days=1), time(21, 0)),
        ("the evening before", timedelta(days=1), time(18, 0)),
        ("the morning before it's due", timedelta(days=1), time(9, 0)),
        ("the morning of", timedelta(0), time(9, 0)),
        ("that morning", timedelta(0), time(9, 0)),
        # Without "the": "morning of" was read as an instant, the next 09:00, whatever the due.
        ("morning of", timedelta(0), time(9, 0)),
        ("night before", timedelta(days=1), time(21, 0)),
        ("remind me evening before", timedelta(days=1), time(18, 0)),
        ("on the afternoon of the due date", timedelta(0), time(15, 0)),
        ("an hour early", timedelta(hours=1), None),
        ("quarter of an hour before", timedelta(minutes=15), None),
        ("the day before at 9", timedelta(days=1), time(9, 0)),
        # Without am/pm, 1 to 6 is in the afternoon, as in a due date ("at 3" was 03:00).
        ("the day before at 3", timedelta(days=1), time(15, 0)),
        ("the day before at 3:30", timedelta(days=1), time(15, 30)),
        ("the day before at 03:30", timedelta(days=1), time(3, 30)),
        ("the day before at 3am", timedelta(days=1), time(3, 0)),
        ("on the day at 6", timedelta(0), time(18, 0)),
        ("The day before at 6:30pm.", timedelta(days=1), time(18, 30)),
        ("2 days before at noon", timedelta(days=2), time(12, 0)),
        ("on the day at 8am", timedelta(0), time(8, 0)),
        ("when it's due", timedelta(0), None),
        ("at due time", timedelta(0), None),
        ("an hour and a half before", timedelta(minutes=90), None),
        ("1h30 before", timedelta(minutes=90), None),
        ("2 hours and 15 minutes before", timedelta(minutes=135), None),
        ("a couple of hours before", timedelta(hours=2), None),
        ("a couple of days before", timedelta(days=2), None),
        ("a few minutes before", timedelta(minutes=3), None),
        ("the day before at half past 8", timedelta(days=1), time(8, 30)),
        ("the day before at quarter to 9", timedelta(days=1), time(8, 45)),
        ("the day before at 17h30", timedelta(days=1), time(17, 30)),
    ],
)
def test_an_offset_before_the_due_date(text, before, at_time):
    rule = parse_reminder(text, zone=PARIS, now=NOW)

    assert rule is not None
    assert (rule.kind, rule.before, rule.at_time) == ("before", before, at_time)


@pytest.mark.parametrize("text", ["", "  ", "none", "off", "No reminder", "clear"])
def test_empty_or_none_clears(text):
    assert parse_reminder(text, zone=PARIS, now=NOW) is None


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("someday maybe", "Could not understand the reminder 'someday maybe'"),
        # What a due date refuses is refused, not set for a day dateparser guessed.
        ("this week", "Could not understand the reminder 'this week'"),
        ("soon", "Could not understand the reminder 'soon'"),
        ("monday 9", "Could not understand the reminder 'monday 9'"),
        ("the day before at 25:00", "Could not understand the time '25:00'"),
        ("the day before at teatime", "Could not understand the time 'teatime'"),
    ],
)
def test_what_is_not_understood_is_named(text, message):
    with pytest.raises(ApplicationError) as error:
        parse_reminder(text, zone=PARIS, now=NOW)

    assert message in error.value.message
    assert error.value.fields == {"reminder": [error.value.fields["reminder"][0]]}


@pytest.mark.parametrize(
    ("rule_text", "due", "expected"),
    [
        # A date-time due: the offset is subtracted.
        ("1 hour before", datetime(2026, 12, 3, 17, 0, tzinfo=PARIS), (12, 3, 16, 0)),
        # An all-day due stands at 09:00 in the user's zone.
        ("1 hour before", date(2026, 12, 3), (12, 3, 8, 0)),
        ("the day before at 9", datetime(2026, 12, 3, 17, 0, tzinfo=PARIS), (12, 2, 9, 0)),
        ("the day before at 9", date(2026, 12, 3), (12, 2, 9, 0)),
        ("on the day at 7am", date(2026, 12, 3), (12, 3, 7, 0)),
        # Across the change to summer time the wall-clock time holds.
        ("the day before at 9", date(2027, 3, 29), (3, 28, 9, 0)),
        # Whole days too, for a due time read back from the database (in UTC): "the day
        # before" a 10:00 task was 09:00 on the day the clocks went forward.
        ("the day before", datetime(2027, 3, 28, 8, 0, tzinfo=UTC), (3, 27, 10, 0)),
        ("2 days before", datetime(2027, 3, 29, 8, 0, tzinfo=UTC), (3, 27, 10, 0)),
        ("the day before", datetime(2027, 10, 31, 9, 0, tzinfo=UTC), (10, 30, 10, 0)),
        # Hours are time that passes: two hours before 03:30 summer time is 00:30 winter time.
        ("2 hours before", datetime(2027, 3, 28, 1, 30, tzinfo=UTC), (3, 28, 0, 30)),
    ],
)
def test_when_an_offset_reminder_fires(rule_text, due, expected):
    rule = parse_reminder(rule_text, zone=PARIS, now=NOW)
    assert rule is not None

    fired = fire_time(rule, due=due, zone=PARIS)

    assert fired is not None
    local = fired.astimezone(PARIS)
    assert (local.month, local.day, local.hour, local.minute) == expected


def test_an_offset_reminder_has_no_time_without_a_due_date():
    rule = parse_reminder("1 hour before", zone=PARIS, now=NOW)
    assert rule is not None

    assert fire_time(rule, due=None, zone=PARIS) is None


@pytest.mark.parametrize("text", ["9am", "in the morning", "at 9"])
def test_a_time_alone_on_a_months_last_evening_is_tomorrow_morning(text):
    # It was refused as "in the past": 1 November, not 1 December.
    evening = datetime(2026, 11, 30, 21, 0, tzinfo=PARIS)

    rule = parse_reminder(text, zone=PARIS, now=evening)

    assert rule == ReminderRule(kind="at", instant=datetime(2026, 12, 1, 9, 0, tzinfo=PARIS))
