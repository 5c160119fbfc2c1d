"""Repeating tasks as a user lives with them: moved, completed on time or late, across clock
changes, in their own zone."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from tasks import schedule, services
from todochat.errors import ApplicationError

pytestmark = pytest.mark.django_db

NEW_YORK = ZoneInfo("America/New_York")
# Friday 2 January 2026, 15:00 UTC: before every due date below.
EARLY = datetime(2026, 1, 2, 15, tzinfo=UTC)


def _shown(task, tz=NEW_YORK):
    return schedule.show_due(schedule.Due(day=task.due_date, at=task.due_at), tz)


def _next_dues(task, count, tz=NEW_YORK, at=EARLY):
    dues = []
    for _ in range(count):
        done = services.task_complete(user_id="alice", task_id=task.number, tz=tz, at=at)
        dues.append(schedule.show_due(done.next_due, tz))
    return dues


# A series whose due date is moved repeats from the new day when its rule was only anchored on
# the old one (a bare "weekly", "monthly", "yearly", or one day of the month the task sat on);
# a rule that names weekdays keeps them: the move is a one-off.
@pytest.mark.parametrize(
    ("rule", "due", "moved_to", "after"),
    [
        ("monthly", "2027-01-15", "2027-01-20", ["2027-02-20", "2027-03-20"]),
        ("monthly", "2027-01-31", "2027-01-20", ["2027-02-20", "2027-03-20"]),
        ("monthly", "2027-01-15", "2027-01-31", ["2027-02-28", "2027-03-31"]),
        ("every 2 months", "2027-01-15", "2027-01-20", ["2027-03-20", "2027-05-20"]),
        (
            "monthly",
            "2027-01-15T09:00",
            "2027-01-20T10:00",
            ["2027-02-20T10:00:00-05:00", "2027-03-20T10:00:00-04:00"],
        ),
        ("weekly", "2027-01-04", "2027-01-06", ["2027-01-13", "2027-01-20"]),
        ("every 2 weeks", "2027-01-04", "2027-01-06", ["2027-01-20", "2027-02-03"]),
        ("yearly", "2027-03-10", "2027-03-12", ["2028-03-12", "2029-03-12"]),
        ("yearly", "2028-02-29", "2028-03-01", ["2029-03-01", "2030-03-01"]),
        # Days the rule names are kept: the move is a one-off.
        ("monthly on the 15th", "2027-01-15", "2027-01-20", ["2027-02-15", "2027-03-15"]),
        ("FREQ=MONTHLY;BYMONTHDAY=15", "2027-01-15", "2027-01-20", ["2027-02-15", "2027-03-15"]),
        ("every monday", "2027-01-04", "2027-01-06", ["2027-01-11", "2027-01-18"]),
        ("every monday and thursday", "2027-01-04", "2027-01-06", ["2027-01-07", "2027-01-11"]),
        (
            "the first monday of every month",
            "2027-01-04",
            "2027-01-06",
            ["2027-02-01", "2027-03-01"],
        ),
        ("weekdays", "2027-01-04", "2027-01-09", ["2027-01-11", "2027-01-12"]),
        # A rule the task was not sitting on (its due date was a day the rule skips) is kept.
        ("monthly on the 15th", "2027-01-10", "2027-01-12", ["2027-01-15", "2027-02-15"]),
    ],
)
def test_a_moved_series_repeats_from_its_new_day(rule, due, moved_to, after):
    task = services.task_add(
        user_id="alice", title="Rent", due=due, recurrence=rule, tz=NEW_YORK, at=EARLY
    ).task
    services.task_update(user_id="alice", task_id=task.number, due=moved_to, tz=NEW_YORK, at=EARLY)

    assert _next_dues(task, 2) == after


def test_moving_a_month_end_series_back_onto_its_rule_keeps_the_month_end():
    # Completed from 31 January to 28 February, then put back: the undo keeps "the last day".
    task = services.task_add(
        user_id="alice", title="Rent", due="2027-01-31", recurrence="monthly", tz=NEW_YORK, at=EARLY
    ).task
    _next_dues(task, 1)
    services.task_update(
        user_id="alice", task_id=task.number, due="2027-01-31", tz=NEW_YORK, at=EARLY
    )

    assert _next_dues(task, 3) == ["2027-02-28", "2027-03-31", "2027-04-30"]


def test_a_rule_given_with_the_move_is_kept():
    task = services.task_add(
        user_id="alice", title="Rent", due="2027-01-15", recurrence="monthly", tz=NEW_YORK, at=EARLY
    ).task
    services.task_update(
        user_id="alice",
        task_id=task.number,
        due="2027-01-20",
        recurrence="monthly on the 15th",
        tz=NEW_YORK,
        at=EARLY,
    )

    assert _next_dues(task, 2) == ["2027-02-15", "2027-03-15"]


# A timed series stays at its local time of day across a change of clocks: on the day the
# change skips that time it is at the time the clocks moved to, and the day after back at its
# own (it stayed an hour late from then on); a time that happens twice is the first.
@pytest.mark.parametrize(
    ("zone", "rule", "due", "after"),
    [
        (
            "America/New_York",
            "daily",
            "2027-03-13T02:30",
            ["2027-03-14T03:30:00-04:00", "2027-03-15T02:30:00-04:00", "2027-03-16T02:30:00-04:00"],
        ),
        (
            "America/New_York",
            "every sunday",
            "2027-03-07T02:15",
            ["2027-03-14T03:15:00-04:00", "2027-03-21T02:15:00-04:00", "2027-03-28T02:15:00-04:00"],
        ),
        (
            "America/New_York",
            "daily",
            "2027-11-06T01:30",
            ["2027-11-07T01:30:00-04:00", "2027-11-08T01:30:00-05:00", "2027-11-09T01:30:00-05:00"],
        ),
        (
            "Europe/London",
            "daily",
            "2027-03-27T01:30",
            ["2027-03-28T02:30:00+01:00", "2027-03-29T01:30:00+01:00", "2027-03-30T01:30:00+01:00"],
        ),
        (
            "Europe/London",
            "daily",
            "2027-10-30T01:30",
            ["2027-10-31T01:30:00+01:00", "2027-11-01T01:30:00+00:00", "2027-11-02T01:30:00+00:00"],
        ),
        # The southern hemisphere moves its clocks forward in October, back in April.
        (
            "Australia/Sydney",
            "daily",
            "2027-10-02T02:30",
            ["2027-10-03T03:30:00+11:00", "2027-10-04T02:30:00+11:00", "2027-10-05T02:30:00+11:00"],
        ),
        (
            "Australia/Sydney",
            "daily",
            "2027-04-03T02:30",
            ["2027-04-04T02:30:00+11:00", "2027-04-05T02:30:00+10:00", "2027-04-06T02:30:00+10:00"],
        ),
        # Lord Howe Island moves its clocks half an hour.
        (
            "Australia/Lord_Howe",
            "daily",
            "2027-10-02T02:15",
            ["2027-10-03T02:45:00+11:00", "2027-10-04T02:15:00+11:00", "2027-10-05T02:15:00+11:00"],
        ),
        (
            "Asia/Kolkata",
            "daily",
            "2027-03-13T02:30",
            ["2027-03-14T02:30:00+05:30", "2027-03-15T02:30:00+05:30", "2027-03-16T02:30:00+05:30"],
        ),
    ],
)
def test_a_timed_series_keeps_its_local_time_across_changes_of_clocks(zone, rule, due, after):
    tz = ZoneInfo(zone)
    task = services.task_add(
        user_id="alice", title="Backup", due=due, recurrence=rule, tz=tz, at=EARLY
    ).task

    assert _next_dues(task, 3, tz=tz) == after


def test_a_series_moved_to_another_time_keeps_the_new_one_across_the_change():
    task = services.task_add(
        user_id="alice",
        title="Backup",
        due="2027-03-12T09:00",
        recurrence="daily",
        tz=NEW_YORK,
        at=EARLY,
    ).task
    services.task_update(
        user_id="alice", task_id=task.number, due="2027-03-13T02:30", tz=NEW_YORK, at=EARLY
    )

    assert _next_dues(task, 2) == ["2027-03-14T03:30:00-04:00", "2027-03-15T02:30:00-04:00"]


@pytest.mark.parametrize(
    "rule", ["FREQ=YEARLY;INTERVAL=4;BYMONTH=2;BYMONTHDAY=29", "every 4 years on feb 29"]
)
def test_every_four_years_on_feb_29_is_due_on_the_next_one_and_steps_four_years(rule):
    task = services.task_add(
        user_id="alice", title="Leap party", recurrence=rule, tz=NEW_YORK, at=EARLY
    ).task

    assert _shown(task) == "2028-02-29"
    assert _next_dues(task, 2) == ["2032-02-29", "2036-02-29"]


def test_a_series_that_never_occurs_from_the_tasks_day_is_refused():
    with pytest.raises(ApplicationError) as refused:
        services.task_add(
            user_id="alice",
            title="Leap party",
            due="2027-03-01",
            recurrence="FREQ=YEARLY;INTERVAL=4;BYMONTH=2;BYMONTHDAY=29",
            tz=NEW_YORK,
            at=EARLY,
        )

    assert refused.value.message == (
        "Invalid recurrence 'FREQ=YEARLY;INTERVAL=4;BYMONTH=2;BYMONTHDAY=29': it never occurs "
        "from 2027-03-01; give a due date on one of its days."
    )
    assert refused.value.fields == {"recurrence": ["It never occurs from its due date."]}


# Completed late, a series moves on to its first occurrence still to come, on its own schedule
# (it stayed overdue, on the next missed occurrence): an all-day one after today, a timed one
# after now. Completed on time or early, to the occurrence after its due date.
@pytest.mark.parametrize(
    ("rule", "due", "completed_at", "after"),
    [
        # Wednesday 9 December 2026, 15:00 in New York.
        ("daily", "2026-12-01", "2026-12-09T15:00", "2026-12-10"),
        ("every monday", "2026-11-23", "2026-12-09T15:00", "2026-12-14"),
        ("every other friday", "2026-11-06", "2026-12-09T15:00", "2026-12-18"),
        ("monthly", "2026-10-15", "2026-12-09T15:00", "2026-12-15"),
        ("monthly on the 31st", "2026-08-31", "2026-12-09T15:00", "2026-12-31"),
        ("daily", "2026-12-08T09:00", "2026-12-09T08:00", "2026-12-09T09:00:00-05:00"),
        ("daily", "2026-12-07T09:00", "2026-12-09T15:00", "2026-12-10T09:00:00-05:00"),
        # On time, or early: the next occurrence.
        ("daily", "2026-12-09", "2026-12-09T15:00", "2026-12-10"),
        ("every monday", "2026-12-14", "2026-12-09T15:00", "2026-12-21"),
        ("daily", "2026-12-09T17:00", "2026-12-09T15:00", "2026-12-10T17:00:00-05:00"),
    ],
)
def test_a_series_completed_late_moves_on_to_its_next_occurrence_still_to_come(
    rule, due, completed_at, after
):
    task = services.task_add(
        user_id="alice", title="Chore", due=due, recurrence=rule, tz=NEW_YORK, at=EARLY
    ).task
    moment = datetime.fromisoformat(completed_at).replace(tzinfo=NEW_YORK)

    done = services.task_complete(user_id="alice", task_id=task.number, tz=NEW_YORK, at=moment)

    assert schedule.show_due(done.next_due, NEW_YORK) == after
    assert schedule.show_due(done.previous_due, NEW_YORK) == _shown_day(due)


def _shown_day(due):
    return (
        due if "T" not in due else datetime.fromisoformat(due).replace(tzinfo=NEW_YORK).isoformat()
    )
