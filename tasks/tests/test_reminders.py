"""Reminders on tasks through the services: set, refused, moved with the due date, cancelled by
completing or deleting, re-armed by recurrence — each with the job that will fire it — and the
task events every change writes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django_tasks_db.models import DBTaskResult

from tasks import reminders, services
from tasks.models import Notification, Reminder, Task, TaskEvent, WebhookDelivery
from todochat.errors import ApplicationError

pytestmark = pytest.mark.django_db

PARIS = ZoneInfo("Europe/Paris")
# Sunday 29 November 2026, 15:00 in Paris.
NOW = datetime(2026, 11, 29, 15, 0, tzinfo=PARIS)


def paris(month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=PARIS)


def add(title: str = "Dentist", **fields) -> Task:
    return services.task_add(user_id="alice", title=title, tz=PARIS, at=NOW, **fields).task


def update(task: Task, **fields) -> Task:
    return services.task_update(user_id="alice", task_id=task.number, tz=PARIS, at=NOW, **fields)


def armed(task: Task) -> datetime | None:
    return reminders.reminder_at(task)


def fire_jobs(task: Task) -> list[tuple[datetime, int]]:
    """(run_after, version) of the jobs enqueued to fire the task's reminder, in order."""
    reminder = Reminder.objects.get(task=task)
    jobs = DBTaskResult.objects.filter(task_path="tasks.jobs.fire_reminder").order_by("enqueued_at")
    return [
        (job.run_after, job.args_kwargs["args"][1])
        for job in jobs
        if job.args_kwargs["args"][0] == reminder.pk
    ]


def test_an_offset_reminder_is_armed_before_the_due_date_with_its_job():
    task = add(due="2026-12-03T17:00", reminder="1 hour before")

    assert armed(task) == paris(12, 3, 16)
    assert fire_jobs(task) == [(paris(12, 3, 16), 1)]


def test_an_instant_reminder_needs_no_due_date():
    task = add(reminder="tomorrow at 9")

    assert armed(task) == paris(11, 30, 9)


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        (
            {"reminder": "2026-11-29T14:00"},
            "The reminder time 2026-11-29T14:00:00+01:00 is in the past",
        ),
        (
            {"due": "2026-11-29T15:30", "reminder": "1 hour before"},
            "The reminder time 2026-11-29T14:30:00+01:00 is in the past",
        ),
        ({"reminder": "1 hour before"}, "needs a due date, and task 1 has none"),
        ({"reminder": "someday maybe"}, "Could not understand the reminder 'someday maybe'"),
    ],
)
def test_a_reminder_that_cannot_fire_is_refused_and_nothing_is_added(fields, message):
    with pytest.raises(ApplicationError) as error:
        add(**fields)

    assert message in error.value.message
    assert not Task.objects.exists()
    assert not TaskEvent.objects.exists()
    assert not DBTaskResult.objects.exists()


def test_a_repeating_tasks_reminder_already_past_today_is_armed_for_the_next_occurrence():
    task = add(recurrence="every day", reminder="when it's due")

    # Due today (all day, reminders at 9:00): today's time has passed, tomorrow's has not.
    assert task.due_date == NOW.date()
    assert armed(task) == paris(11, 30, 9)
    assert fire_jobs(task) == [(paris(11, 30, 9), 1)]

    services.task_complete(user_id="alice", task_id=task.number, tz=PARIS, at=NOW)

    task.refresh_from_db()
    assert task.due_date == paris(11, 30, 9).date()
    assert armed(task) == paris(11, 30, 9)


def test_a_repeating_tasks_reminder_skips_every_occurrence_whose_time_has_passed():
    task = add(due="2026-11-29T16:00", recurrence="every day", reminder="2 hours before")

    assert armed(task) == paris(11, 30, 14)


def test_a_repeating_tasks_instant_reminder_in_the_past_is_still_refused():
    with pytest.raises(ApplicationError) as error:
        add(recurrence="every day", reminder="2026-11-29T14:00")

    assert "is in the past" in error.value.message
    assert not Task.objects.exists()


def test_moving_the_due_date_moves_an_offset_reminder_and_re_arms_its_job():
    task = add(due="2026-12-03T17:00", reminder="the day before at 9")

    update(task, due="2026-12-10T17:00")

    assert armed(task) == paris(12, 9, 9)
    # The first job carries version 1: when it runs it finds version 2 and does nothing.
    assert fire_jobs(task) == [(paris(12, 2, 9), 1), (paris(12, 9, 9), 2)]
    assert reminders.fire(reminder_id=Reminder.objects.get(task=task).pk, version=1) == "stale"


def test_moving_the_due_date_leaves_an_instant_reminder_where_it_is():
    task = add(due="2026-12-03T17:00", reminder="2026-12-01T09:00")

    update(task, due="2026-12-10T17:00")

    assert armed(task) == paris(12, 1, 9)


def test_a_new_rule_that_moves_the_due_date_moves_an_offset_reminder_with_it():
    # Thursday 3 December at 17:00; "every friday" makes it due Friday 4 December at 17:00. The
    # reminder stayed on Thursday at 16:00, before a due date the task no longer had.
    task = add(due="2026-12-03T17:00", reminder="1 hour before")

    task = update(task, recurrence="every friday")

    assert task.due_at == paris(12, 4, 17)
    assert armed(task) == paris(12, 4, 16)
    assert fire_jobs(task)[-1] == (paris(12, 4, 16), 2)


def test_clearing_the_due_date_drops_an_offset_reminder():
    task = add(due="2026-12-03T17:00", reminder="1 hour before")

    update(task, due="")

    assert armed(task) is None


@pytest.mark.parametrize("how", ["complete_task", "update completed=true"])
def test_completing_a_task_cancels_its_reminder(how):
    task = add(due="2026-12-03T17:00", reminder="1 hour before")

    if how == "complete_task":
        services.task_complete(user_id="alice", task_id=task.number, tz=PARIS, at=NOW)
    else:
        update(task, completed=True)

    assert armed(task) is None
    reminder = Reminder.objects.get(task=task)
    assert reminder.state == Reminder.State.CANCELLED
    assert reminders.fire(reminder_id=reminder.pk, version=1) == "stale"


def test_a_completed_task_takes_no_reminder_until_it_is_reopened():
    task = add(due="2026-12-03T17:00")
    update(task, completed=True)

    with pytest.raises(ApplicationError) as error:
        update(task, reminder="1 hour before")

    assert error.value.message == (
        f"Task {task.number} is completed: reopen it (completed=false) to set a reminder on it."
    )
    assert armed(task) is None
    update(task, reminder="")  # clearing one is fine
    reopened = update(task, completed=False, reminder="1 hour before")
    assert armed(reopened) == paris(12, 3, 16)


def test_deleting_a_task_deletes_its_reminder_and_its_job_finds_nothing():
    task = add(due="2026-12-03T17:00", reminder="1 hour before")
    reminder_id = Reminder.objects.get(task=task).pk

    services.task_delete(user_id="alice", task_id=task.number)

    assert not Reminder.objects.exists()
    assert reminders.fire(reminder_id=reminder_id, version=1) == "gone"


@pytest.mark.parametrize(
    ("reminder", "next_reminder"),
    [
        ("1 hour before", paris(12, 7, 8)),
        ("the day before at 18:00", paris(12, 6, 18)),
        # An instant keeps its distance from the due date: 2 days and 1 hour before.
        ("2026-11-28T08:00", None),
    ],
)
def test_a_recurring_task_re_arms_its_reminder_for_the_next_occurrence(reminder, next_reminder):
    if next_reminder is None:
        task = add(due="2026-11-30T09:00", recurrence="every monday", reminder="2026-11-30T08:00")
        next_reminder = paris(12, 7, 8)
    else:
        task = add(due="2026-11-30T09:00", recurrence="every monday", reminder=reminder)

    done = services.task_complete(user_id="alice", task_id=task.number, tz=PARIS, at=NOW)

    assert done.next_due is not None and done.next_due.at == paris(12, 7, 9)
    assert armed(task) == next_reminder


@pytest.mark.parametrize(
    ("reminder", "next_reminder"),
    [
        ("the day before", datetime(2027, 3, 27, 10, 0, tzinfo=PARIS)),
        # Hours are time that passes: 24 hours before 10:00 summer time is 09:00 winter time.
        ("24 hours before", datetime(2027, 3, 27, 9, 0, tzinfo=PARIS)),
        # An instant 30 minutes and a day before keeps that distance on the clock.
        ("2027-03-26T09:30", datetime(2027, 3, 27, 9, 30, tzinfo=PARIS)),
    ],
)
def test_a_recurring_tasks_reminder_keeps_its_time_of_day_across_a_change_of_clocks(
    reminder, next_reminder
):
    # Due Saturday 27 March 2027 at 10:00, then Sunday 28 (summer time from 02:00): the next
    # reminder was an hour off the clock, 09:00 or 10:30 on Saturday.
    task = add(due="2027-03-27T10:00", recurrence="every day", reminder=reminder)

    done = services.task_complete(user_id="alice", task_id=task.number, tz=PARIS, at=NOW)

    assert done.next_due is not None and done.next_due.at == datetime(2027, 3, 28, 10, tzinfo=PARIS)
    assert armed(task) == next_reminder


@pytest.mark.parametrize(
    ("due", "reminder", "fires"),
    [
        # Paris moves its clocks forward on Sunday 28 March 2027 and back on Sunday 31 October:
        # days before are days on the calendar (the time of day kept), hours are hours that pass.
        ("2027-03-28T10:00", "the day before", "2027-03-27T10:00:00+01:00"),
        ("2027-03-28T10:00", "1 day before", "2027-03-27T10:00:00+01:00"),
        ("2027-03-28T10:00", "24 hours before", "2027-03-27T09:00:00+01:00"),
        ("2027-03-28T10:00", "48 hours before", "2027-03-26T09:00:00+01:00"),
        ("2027-03-28T10:00", "a day and a half before", "2027-03-26T21:00:00+01:00"),
        ("2027-10-31T10:00", "the day before", "2027-10-30T10:00:00+02:00"),
        ("2027-10-31T10:00", "24 hours before", "2027-10-30T11:00:00+02:00"),
        ("2027-10-31T10:00", "1440 minutes before", "2027-10-30T11:00:00+02:00"),
        # No change of clocks: the same either way.
        ("2026-12-03T10:00", "24 hours before", "2026-12-02T10:00:00+01:00"),
        # Midnight ends the day said: "the day before at midnight" is as the due day begins (it
        # was the midnight a whole day earlier, as the day before began).
        ("2026-12-03T17:00", "the day before at midnight", "2026-12-03T00:00:00+01:00"),
        ("2026-12-03", "the day before at 12am", "2026-12-02T00:00:00+01:00"),
        ("2026-12-03T17:00", "2 days before at midnight", "2026-12-02T00:00:00+01:00"),
        ("2026-12-10", "a week before at 12 midnight", "2026-12-04T00:00:00+01:00"),
        ("2026-12-03T17:00", "midnight the day before", "2026-12-03T00:00:00+01:00"),
        ("2026-12-03T17:00", "the night before at midnight", "2026-12-03T00:00:00+01:00"),
        ("2026-12-03T17:00", "the day before at 00:00", "2026-12-02T00:00:00+01:00"),
        ("2026-12-03T17:00", "on the day at midnight", "2026-12-03T00:00:00+01:00"),
    ],
)
def test_a_reminder_before_the_due_date_fires_when_said(due, reminder, fires):
    task = add(due=due, reminder=reminder)

    assert armed(task).astimezone(PARIS).isoformat() == fires


@pytest.mark.parametrize(
    ("reminder", "next_reminder"),
    [
        ("1 hour before", paris(12, 5, 8)),
        # An instant keeps its distance from the due date: 2 hours before.
        ("2026-12-01T07:00", paris(12, 5, 7)),
    ],
)
def test_a_recurring_task_completed_late_re_arms_its_reminder_for_an_occurrence_to_come(
    reminder, next_reminder
):
    task = add(due="2026-12-01T09:00", recurrence="every day", reminder=reminder)
    Reminder.objects.filter(task=task).update(state=Reminder.State.FIRED)

    # Completed on Friday at noon: the occurrences from Wednesday to Friday 09:00 have passed,
    # and the task moves on to Saturday's, the first still to come, its reminder with it.
    late = paris(12, 4, 12)
    done = services.task_complete(user_id="alice", task_id=task.number, tz=PARIS, at=late)

    assert done.next_due is not None and done.next_due.at == paris(12, 5, 9)
    assert armed(task) == next_reminder
    reminder_row = Reminder.objects.get(task=task)
    assert reminder_row.state == Reminder.State.PENDING
    assert fire_jobs(task)[-1] == (next_reminder, reminder_row.version)


@pytest.mark.parametrize(
    ("due", "recurrence", "reminder", "next_reminder"),
    [
        # Due yesterday: today's 08:00 has passed too; tomorrow's is the first still to come.
        ("2026-11-28T09:00", "every day", "1 hour before", paris(11, 30, 8)),
        # Due today later on, but its reminder time (14:30) has passed: tomorrow's.
        ("2026-11-29T15:30", "every day", "1 hour before", paris(11, 30, 14, 30)),
        # Due last Monday: this week's occurrence is tomorrow.
        ("2026-11-23T09:00", "every monday", "the day before at 18:00", paris(11, 29, 18)),
        # Due a day: the reminder on the day at 09:00 has passed today.
        ("2026-11-29", "every day", "when it's due", paris(11, 30, 9)),
    ],
)
def test_moving_a_recurring_tasks_due_date_into_the_past_re_arms_its_reminder_for_one_to_come(
    due, recurrence, reminder, next_reminder
):
    task = add(due="2026-12-01T09:00", recurrence=recurrence, reminder=reminder)

    update(task, due=due)

    assert armed(task) == next_reminder
    reminder_row = Reminder.objects.get(task=task)
    assert reminder_row.state == Reminder.State.PENDING
    assert fire_jobs(task)[-1] == (next_reminder, reminder_row.version)


def test_moving_a_one_off_tasks_due_date_into_the_past_still_drops_its_offset_reminder():
    task = add(due="2026-12-01T09:00", reminder="1 hour before")

    update(task, due="2026-11-28T09:00")

    assert armed(task) is None
    assert Reminder.objects.get(task=task).state == Reminder.State.CANCELLED


def test_a_fired_reminder_of_a_recurring_task_comes_back_for_the_next_occurrence():
    task = add(due="2026-11-30T09:00", recurrence="every monday", reminder="1 hour before")
    Reminder.objects.filter(task=task).update(state=Reminder.State.FIRED)

    services.task_complete(user_id="alice", task_id=task.number, tz=PARIS, at=NOW)

    assert armed(task) == paris(12, 7, 8)


def test_moving_a_completed_tasks_due_date_does_not_bring_its_fired_reminder_back():
    # The reminder fired, the task was done, then its due date moved: the reminder was armed
    # again and went off for a task already done.
    task = add(due="2026-12-03T17:00", reminder="1 hour before")
    Reminder.objects.filter(task=task).update(state=Reminder.State.FIRED)
    services.task_complete(user_id="alice", task_id=task.number, tz=PARIS, at=NOW)

    update(task, due="2026-12-10T17:00")

    assert armed(task) is None
    assert len(fire_jobs(task)) == 1


@pytest.mark.parametrize("reminder", ["1 hour before", "2026-12-01T09:00"])
def test_taking_back_a_repeating_tasks_completion_takes_its_reminder_back_too(reminder):
    # "undo" right after completing: the task is due on its day again, and so is its reminder
    # (an instant one stayed on the next occurrence's day).
    task = add(due="2026-12-01T10:00", recurrence="every day", reminder=reminder)
    services.task_complete(user_id="alice", task_id=task.number, tz=PARIS, at=NOW)
    assert armed(task) == paris(12, 2, 9)

    update(task, completed=False, due="2026-12-01T10:00")

    assert armed(task) == paris(12, 1, 9)


def test_an_empty_reminder_clears_it():
    task = add(reminder="tomorrow at 9")

    update(task, reminder="")

    assert armed(task) is None


def test_a_new_reminder_replaces_the_old_one():
    task = add(reminder="tomorrow at 9")

    update(task, reminder="tomorrow at 18:00")

    assert armed(task) == paris(11, 30, 18)
    assert Reminder.objects.count() == 1


def test_each_change_writes_its_task_event():
    task = add(title="Report", due="2026-12-03")
    update(task, title="Quarterly report", tags=["work"], reminder="the day before at 9")
    services.task_complete(user_id="alice", task_id=task.number, tz=PARIS, at=NOW)
    update(task, completed=False)
    services.task_delete(user_id="alice", task_id=task.number)

    rows = list(TaskEvent.objects.values_list("type", "task_number", "changed", "user_id"))
    assert rows == [
        ("created", 1, [], "alice"),
        ("updated", 1, ["reminder", "tags", "title"], "alice"),
        ("completed", 1, ["completed", "completed_at"], "alice"),
        ("reopened", 1, ["completed"], "alice"),
        ("deleted", 1, [], "alice"),
    ]
    deleted = TaskEvent.objects.last()
    assert deleted.task == {
        "id": 1,
        "title": "Quarterly report",
        "completed": False,
        "due": "2026-12-03",
    }


def test_every_event_shows_a_timed_due_date_in_the_users_zone_deleted_too(settings):
    settings.REMINDER_WEBHOOK_URL = "http://127.0.0.1:9/hook"
    settings.REMINDER_WEBHOOK_SECRET = "secret"
    services.timezone_remember(user_id="alice", timezone="Europe/Paris")
    task = add(title="Report", due="2026-12-03T17:00")
    update(task, priority="high")
    services.task_delete(user_id="alice", task_id=task.number)

    dues = dict(TaskEvent.objects.values_list("type", "task__due"))
    assert dues == {
        "created": "2026-12-03T17:00:00+01:00",
        "updated": "2026-12-03T17:00:00+01:00",
        "deleted": "2026-12-03T17:00:00+01:00",
    }
    (body,) = [d.body for d in WebhookDelivery.objects.all() if '"event":"deleted"' in d.body]
    assert '"due":"2026-12-03T17:00:00+01:00"' in body
    assert '+01:00"' in body.split('"occurred_at":')[1]


def test_a_change_that_fails_writes_no_event():
    task = add()

    with pytest.raises(ApplicationError):
        update(task, title="New title", reminder="2020-01-01T09:00")

    assert list(TaskEvent.objects.values_list("type", flat=True)) == ["created"]
    assert Task.objects.get(pk=task.pk).title == "Dentist"


def test_with_a_webhook_each_event_is_queued_for_it(settings):
    settings.REMINDER_WEBHOOK_URL = "http://127.0.0.1:9/hook"
    settings.REMINDER_WEBHOOK_SECRET = "secret"

    task = add()
    update(task, priority="high")

    bodies = [d.body for d in WebhookDelivery.objects.order_by("created_at")]
    assert len(bodies) == 2
    assert '"event":"created"' in bodies[0] and '"event":"updated"' in bodies[1]
    assert '"changed":["priority"]' in bodies[1]


def test_firing_writes_the_notification_event_and_delivery_once(settings):
    settings.REMINDER_WEBHOOK_URL = "http://127.0.0.1:9/hook"
    settings.REMINDER_WEBHOOK_SECRET = "secret"
    task = services.task_add(user_id="alice", title="Dentist", reminder="in 1 hour", tz=PARIS).task
    reminder = Reminder.objects.get(task=task)
    Reminder.objects.filter(pk=reminder.pk).update(fire_at=datetime.now(UTC) - timedelta(seconds=1))

    assert reminders.fire(reminder_id=reminder.pk, version=1) == "fired"
    assert reminders.fire(reminder_id=reminder.pk, version=1) == "stale"

    (notification,) = Notification.objects.filter(user_id="alice")
    assert (notification.task_number, notification.title) == (task.number, "Dentist")
    assert TaskEvent.objects.filter(type="reminder_fired").count() == 1
    (delivery,) = WebhookDelivery.objects.filter(kind="reminder")
    assert delivery.id == notification.delivery_id
    assert reminders.reminder_at(task) is None
