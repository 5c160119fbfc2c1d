"""The task admin: staff can find any user's tasks."""

import json
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from tasks import reminders, schedule, selectors
from tasks.models import Tag, Task, TaskOwner, WebhookDelivery
from tasks.reminder_models import Reminder, TaskEvent

from .factories import TaskFactory

pytestmark = pytest.mark.django_db

CHANGELIST = "admin:tasks_task_changelist"


@pytest.fixture
def tasks():
    return [
        TaskFactory(user_id="alice", title="Alice pending"),
        TaskFactory(user_id="alice", title="Alice done", completed=True),
        TaskFactory(user_id="bob", title="Bob pending"),
    ]


def _titles_shown(response, candidates):
    return {title for title in candidates if title in response.content.decode()}


ALL_TITLES = {"Alice pending", "Alice done", "Bob pending"}


def test_changelist_lists_every_users_tasks(admin_client, tasks):
    response = admin_client.get(reverse(CHANGELIST))

    assert response.status_code == 200
    assert _titles_shown(response, ALL_TITLES) == ALL_TITLES


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"completed__exact": "1"}, {"Alice done"}),
        ({"completed__exact": "0"}, {"Alice pending", "Bob pending"}),
        ({"q": "bob"}, {"Bob pending"}),
        ({"q": "alice"}, {"Alice pending", "Alice done"}),
    ],
)
def test_changelist_filters_by_completed_and_searches_by_user(admin_client, tasks, query, expected):
    response = admin_client.get(reverse(CHANGELIST), query)

    assert response.status_code == 200
    assert _titles_shown(response, ALL_TITLES) == expected


@pytest.fixture
def featured():
    today = timezone.now().date()
    late = TaskFactory(user_id="alice", title="Late task", due_date=today - timedelta(days=1))
    TaskFactory(user_id="alice", title="Due-today task", due_date=today, priority="high")
    TaskFactory(user_id="bob", title="Undated task")
    Tag.objects.create(task=late, user_id="alice", name="work")


FEATURED = {"Late task", "Due-today task", "Undated task"}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"priority__exact": "high"}, {"Due-today task"}),
        ({"tag": "work"}, {"Late task"}),
        ({"due": "overdue"}, {"Late task"}),
        ({"due": "today"}, {"Due-today task"}),
        ({"due": "none"}, {"Undated task"}),
    ],
)
def test_changelist_filters_by_priority_tag_and_due(admin_client, featured, query, expected):
    response = admin_client.get(reverse(CHANGELIST), query)

    assert response.status_code == 200
    assert _titles_shown(response, FEATURED) == expected


LOS_ANGELES = ZoneInfo("America/Los_Angeles")
KOLKATA = ZoneInfo("Asia/Kolkata")
# 10:00 on Wednesday 2 December in Los Angeles, 18:00 in UTC, 23:30 in Kolkata.
WEDNESDAY_18_UTC = datetime(2026, 12, 2, 18, 0, tzinfo=UTC)
# 21:00 on Wednesday 2 December in Los Angeles; already Thursday in UTC and Kolkata.
THURSDAY_05_UTC = datetime(2026, 12, 3, 5, 0, tzinfo=UTC)


def owned(user_id: str, zone: str | None, **fields):
    task = TaskFactory(user_id=user_id, title=f"{user_id} task", **fields)
    if zone is not None:
        TaskOwner.objects.filter(user_id=user_id).update(timezone=zone)
    return task


def shown_under(admin_client, due: str) -> set[str]:
    response = admin_client.get(reverse(CHANGELIST), {"due": due})
    assert response.status_code == 200
    titles = Task.objects.values_list("title", flat=True)
    return {title for title in titles if title in response.content.decode()}


@pytest.mark.parametrize(
    ("zone", "now", "due", "under"),
    [
        # 23:30 tonight in Los Angeles is Thursday in UTC: still today for its owner.
        (
            "America/Los_Angeles",
            WEDNESDAY_18_UTC,
            {"due_at": datetime(2026, 12, 2, 23, 30, tzinfo=LOS_ANGELES)},
            {"today"},
        ),
        # At 21:00 in Los Angeles, Wednesday is still today and Thursday tomorrow.
        ("America/Los_Angeles", THURSDAY_05_UTC, {"due_date": date(2026, 12, 2)}, {"today"}),
        ("America/Los_Angeles", THURSDAY_05_UTC, {"due_date": date(2026, 12, 3)}, set()),
        (
            "America/Los_Angeles",
            THURSDAY_05_UTC,
            {"due_at": datetime(2026, 12, 2, 9, 0, tzinfo=LOS_ANGELES)},
            {"today", "overdue"},
        ),
        # At 23:30 in Kolkata, Thursday 09:00 there is tomorrow, not today.
        (
            "Asia/Kolkata",
            WEDNESDAY_18_UTC,
            {"due_at": datetime(2026, 12, 3, 9, 0, tzinfo=KOLKATA)},
            set(),
        ),
        ("Asia/Kolkata", THURSDAY_05_UTC, {"due_date": date(2026, 12, 2)}, {"overdue"}),
        ("Asia/Kolkata", THURSDAY_05_UTC, {"due_date": date(2026, 12, 3)}, {"today"}),
        # No zone, or one no longer known: the default (UTC).
        (None, THURSDAY_05_UTC, {"due_date": date(2026, 12, 2)}, {"overdue"}),
        ("", WEDNESDAY_18_UTC, {"due_date": date(2026, 12, 2)}, {"today"}),
        ("Mars/Base", THURSDAY_05_UTC, {"due_date": date(2026, 12, 3)}, {"today"}),
    ],
)
def test_due_filters_read_days_in_the_owners_timezone(
    admin_client, monkeypatch, zone, now, due, under
):
    monkeypatch.setattr(schedule, "now", lambda: now)
    owned("lena", zone, **due)

    shown = {name for name in ("today", "overdue") if shown_under(admin_client, name)}

    assert shown == under


def test_due_filters_read_each_owners_tasks_in_their_own_zone_in_one_list(
    admin_client, monkeypatch
):
    monkeypatch.setattr(schedule, "now", lambda: THURSDAY_05_UTC)
    owned("lena", "America/Los_Angeles", due_date=date(2026, 12, 2))
    owned("ravi", "Asia/Kolkata", due_date=date(2026, 12, 2))
    owned("tom", "Europe/London", due_date=date(2026, 12, 3))
    owned("bob", None, due_date=date(2026, 12, 3))
    owned("kai", "America/Los_Angeles", due_date=date(2026, 12, 3))

    assert shown_under(admin_client, "today") == {"lena task", "tom task", "bob task"}
    assert shown_under(admin_client, "overdue") == {"ravi task"}


# --- editing: what the tools refuse is a form error ---------------------------------------------


def _change_form(task: Task, **changes: str) -> dict[str, str]:
    """The change form of `task` as the admin posts it, with `changes`."""
    data = {
        "user_id": task.user_id,
        "title": task.title,
        "description": task.description,
        "priority": task.priority,
        "recurrence": task.recurrence,
        "due_date": "",
        "due_at_0": "",
        "due_at_1": "",
        "completed_at_0": "",
        "completed_at_1": "",
        "tags-TOTAL_FORMS": "0",
        "tags-INITIAL_FORMS": "0",
        "tags-MIN_NUM_FORMS": "0",
        "tags-MAX_NUM_FORMS": "1000",
    }
    data.update(changes)
    return data


def _tags(*names: str) -> dict[str, str]:
    data = {"tags-TOTAL_FORMS": str(len(names))}
    for index, name in enumerate(names):
        data[f"tags-{index}-name"] = name
    return data


CHANGE = "admin:tasks_task_change"


@pytest.mark.parametrize(
    "changes",
    [
        {"recurrence": "every blue moon"},
        {"recurrence": "FREQ=DAILY;COUNT=5"},
        {"recurrence": "FREQ=MONTHLY;BYMONTHDAY=0"},
        {"due_date": "1800-01-01"},
        {"due_date": "9999-12-31"},
        {"due_at_0": "0001-01-01", "due_at_1": "00:00"},
        {"due_date": "2026-12-03", "due_at_0": "2026-12-03", "due_at_1": "10:00"},
        _tags("Work", "work"),
        _tags("Work", "WORK"),
        _tags("#Work", "work"),
        _tags("##"),
        _tags(*(f"t{n}" for n in range(11))),
    ],
)
def test_a_change_the_tools_would_refuse_is_a_form_error_and_changes_nothing(admin_client, changes):
    task = TaskFactory(user_id="bob", title="Water plants")

    response = admin_client.post(reverse(CHANGE, args=[task.pk]), _change_form(task, **changes))

    assert response.status_code == 200  # the form again, with its errors
    assert "errornote" in response.content.decode()
    saved = Task.objects.get(pk=task.pk)
    assert (saved.recurrence, saved.due_date, saved.due_at) == ("", None, None)
    assert not Tag.objects.filter(task=task).exists()


def test_a_change_saved_in_the_admin_is_one_the_tools_read(admin_client):
    task = TaskFactory(user_id="bob", title="Water plants")

    response = admin_client.post(
        reverse(CHANGE, args=[task.pk]),
        _change_form(
            task,
            recurrence="every monday",
            due_date="2026-12-07",
            user_id="alice",
            **_tags(" Home  Garden ", "#Work"),
        ),
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    saved = Task.objects.get(pk=task.pk)
    # Stored as the tools store it; the owner cannot be changed here.
    assert saved.recurrence == "FREQ=WEEKLY;BYDAY=MO"
    assert saved.user_id == "bob"
    assert saved.due_key == datetime(2026, 12, 7, tzinfo=UTC)
    assert sorted(Tag.objects.filter(task=task).values_list("user_id", "name")) == [
        ("bob", "home garden"),
        ("bob", "work"),
    ]
    page = selectors.task_page(user_id="bob", tz=ZoneInfo("America/New_York"), tag="work")
    assert [item.number for item in page.tasks] == [task.number]


def test_a_due_date_moved_in_the_admin_moves_its_reminder_and_completing_cancels_it(
    admin_client,
):
    # The reminder stayed at the old time: "due Sun 20 Dec 8 am · reminder Wed 9 Dec 8 am".
    soon = timezone.now().replace(microsecond=0) + timedelta(days=2)
    later = soon + timedelta(days=11)
    task = TaskFactory(user_id="bob", title="Pills", due_at=soon, due_key=soon)
    reminders.reminder_set(task=task, text="1 hour before", zone=ZoneInfo("UTC"))
    local = later.astimezone(timezone.get_current_timezone())

    moved = admin_client.post(
        reverse(CHANGE, args=[task.pk]),
        _change_form(
            task,
            due_at_0=local.strftime("%Y-%m-%d"),
            due_at_1=local.strftime("%H:%M:%S"),
        ),
    )
    assert moved.status_code == 302, moved.content.decode()[:2000]
    reminder = Reminder.objects.get(task=task)
    assert (reminder.state, reminder.fire_at) == (
        Reminder.State.PENDING,
        later - timedelta(hours=1),
    )

    cleared = admin_client.post(reverse(CHANGE, args=[task.pk]), _change_form(task))
    assert cleared.status_code == 302
    # An offset reminder goes with the due date it counted from.
    assert not Reminder.objects.filter(task=task, state=Reminder.State.PENDING).exists()

    other = TaskFactory(user_id="bob", title="Call", due_at=soon, due_key=soon)
    reminders.reminder_set(task=other, text="1 hour before", zone=ZoneInfo("UTC"))
    local = soon.astimezone(timezone.get_current_timezone())
    done = admin_client.post(
        reverse(CHANGE, args=[other.pk]),
        _change_form(
            other,
            completed="on",
            due_at_0=local.strftime("%Y-%m-%d"),
            due_at_1=local.strftime("%H:%M:%S"),
        ),
    )
    assert done.status_code == 302, done.content.decode()[:2000]
    assert Reminder.objects.get(task=other).state == Reminder.State.CANCELLED


def test_a_task_added_in_the_admin_is_numbered_after_its_owners_last_one(admin_client):
    # Adding a task here was a 500: it had no number.
    TaskFactory(user_id="bob", title="Water plants")
    form = _change_form(Task(user_id="bob", title="Call mom"), **_tags("Family"))
    form.update({"tags-INITIAL_FORMS": "0"})

    response = admin_client.post(reverse("admin:tasks_task_add"), form)

    assert response.status_code == 302, response.content.decode()[:2000]
    added = Task.objects.get(user_id="bob", title="Call mom")
    assert added.number == 2
    assert list(Tag.objects.filter(task=added).values_list("user_id", "name")) == [
        ("bob", "family")
    ]
    assert [
        item.number for item in selectors.task_page(user_id="bob", tz=ZoneInfo("UTC")).tasks
    ] == [
        1,
        2,
    ]


def test_a_task_completed_in_the_admin_counts_as_completed_then(admin_client):
    # It was completed with no completion time: "what did I finish today?" left it out.
    task = TaskFactory(user_id="bob", title="Water plants")

    response = admin_client.post(
        reverse(CHANGE, args=[task.pk]), _change_form(task, completed="on")
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    saved = Task.objects.get(pk=task.pk)
    assert saved.completed
    assert saved.completed_at is not None
    page = selectors.task_page(user_id="bob", tz=ZoneInfo("UTC"), completed_since="today")
    assert [item.number for item in page.tasks] == [task.number]


def test_a_repeating_task_completed_in_the_admin_moves_on_to_its_next_occurrence(admin_client):
    # It was marked completed, and its series stopped; the tools move it on.
    today = schedule.now().date()
    task = TaskFactory(
        user_id="bob",
        title="Water plants",
        due_date=today,
        due_key=schedule.Due(day=today).key,
        recurrence="FREQ=DAILY",
    )

    response = admin_client.post(
        reverse(CHANGE, args=[task.pk]),
        _change_form(task, completed="on", due_date=today.isoformat()),
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    saved = Task.objects.get(pk=task.pk)
    assert not saved.completed
    assert saved.due_date == today + timedelta(days=1)
    assert saved.completed_at is not None
    assert _events(task) == [("completed", ["completed_at", "due"])]


@pytest.mark.parametrize("zone", ["Not/AZone", "localtime", "posix/Europe/Paris"])
def test_an_owners_timezone_the_tools_refuse_is_a_form_error(admin_client, zone):
    # Stored, it made every tool call of the user without a zone of its own an error.
    owner = TaskOwner.objects.create(user_id="bob", timezone="Europe/Paris")
    change = reverse("admin:tasks_taskowner_change", args=[owner.pk])

    response = admin_client.post(change, {"user_id": "bob", "timezone": zone})

    assert response.status_code == 200
    assert "errornote" in response.content.decode()
    assert TaskOwner.objects.get(pk=owner.pk).timezone == "Europe/Paris"
    assert selectors.user_zone(user_id="bob") == ZoneInfo("Europe/Paris")


def test_an_owners_timezone_can_be_set_or_cleared_in_the_admin(admin_client):
    owner = TaskOwner.objects.create(user_id="bob", timezone="Europe/Paris")
    change = reverse("admin:tasks_taskowner_change", args=[owner.pk])

    assert admin_client.post(change, {"timezone": "Asia/Kolkata"}).status_code == 302
    assert selectors.user_zone(user_id="bob") == ZoneInfo("Asia/Kolkata")
    assert admin_client.post(change, {"timezone": ""}).status_code == 302
    assert TaskOwner.objects.get(pk=owner.pk).timezone == ""


# --- task events: changes made here are events, as the tools' are -----------------------------


def _events(task: Task) -> list[tuple[str, list[str]]]:
    return list(
        TaskEvent.objects.filter(user_id=task.user_id, task_number=task.number)
        .order_by("id")
        .values_list("type", "changed")
    )


def test_an_edit_in_the_admin_is_an_updated_event_with_the_task_as_saved(admin_client, settings):
    settings.TASK_EVENTS_WEBHOOK = True
    settings.REMINDER_WEBHOOK_URL = "http://127.0.0.1:9/hook"
    task = TaskFactory(user_id="bob", title="Water plants")

    response = admin_client.post(
        reverse(CHANGE, args=[task.pk]),
        _change_form(task, title="Water the plants", due_date="2026-12-07", **_tags("Home")),
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    assert _events(task) == [("updated", ["due", "tags", "title"])]
    event = TaskEvent.objects.get(user_id="bob", task_number=task.number)
    assert event.task["title"] == "Water the plants"
    # The webhook receiver hears of it, as of the tools' changes.
    [delivery] = WebhookDelivery.objects.filter(user_id="bob")
    assert json.loads(delivery.body)["event"] == "updated"


def test_saving_the_admin_form_unchanged_is_no_event(admin_client):
    task = TaskFactory(user_id="bob", title="Water plants")

    response = admin_client.post(reverse(CHANGE, args=[task.pk]), _change_form(task))

    assert response.status_code == 302
    assert _events(task) == []


def test_completing_and_reopening_in_the_admin_are_events(admin_client):
    task = TaskFactory(user_id="bob", title="Water plants")

    admin_client.post(reverse(CHANGE, args=[task.pk]), _change_form(task, completed="on"))
    task.refresh_from_db()
    at = timezone.localtime(task.completed_at)
    admin_client.post(
        reverse(CHANGE, args=[task.pk]),
        _change_form(
            task,
            completed_at_0=at.date().isoformat(),
            completed_at_1=at.time().isoformat(),
        ),
    )

    assert _events(task) == [
        ("completed", ["completed", "completed_at"]),
        ("reopened", ["completed"]),
    ]


def test_a_task_added_in_the_admin_is_a_created_event(admin_client):
    response = admin_client.post(
        reverse("admin:tasks_task_add"), {**_change_form(TaskFactory.build(user_id="bob"))}
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    task = Task.objects.get(user_id="bob")
    assert _events(task) == [("created", [])]


def test_a_task_deleted_in_the_admin_is_a_deleted_event(admin_client):
    task = TaskFactory(user_id="bob", title="Water plants")

    response = admin_client.post(
        reverse("admin:tasks_task_delete", args=[task.pk]), {"post": "yes"}
    )

    assert response.status_code == 302
    assert not Task.objects.filter(pk=task.pk).exists()
    [event] = TaskEvent.objects.filter(user_id="bob")
    assert (event.type, event.task_number, event.task["title"]) == (
        "deleted",
        task.number,
        "Water plants",
    )


def test_tasks_deleted_with_the_list_action_are_deleted_events(admin_client):
    tasks = [TaskFactory(user_id="bob", title=f"Task {n}") for n in range(3)]

    response = admin_client.post(
        reverse(CHANGELIST),
        {
            "action": "delete_selected",
            "_selected_action": [task.pk for task in tasks],
            "post": "yes",
        },
    )

    assert response.status_code == 302
    assert not Task.objects.filter(user_id="bob").exists()
    assert sorted(TaskEvent.objects.values_list("type", "task_number")) == sorted(
        ("deleted", task.number) for task in tasks
    )
