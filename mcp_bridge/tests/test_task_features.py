"""Numbers, due dates, priorities, tags, recurrence, filters and pages, through the real MCP
protocol (an in-process client session), with the clock set where a test needs it."""

import base64
import json
from datetime import UTC, datetime

import pytest
from asgiref.sync import sync_to_async
from mcp import Client

from mcp_bridge.server import server
from tasks import schedule
from tasks.models import Task

pytestmark = pytest.mark.django_db(transaction=True)


async def ok(client, name, **arguments):
    result = await client.call_tool(name, arguments)
    assert result.is_error is False, result.content
    assert json.loads(result.content[0].text) == result.structured_content
    return result.structured_content


async def error_text(client, name, **arguments):
    result = await client.call_tool(name, arguments)
    assert result.is_error is True, result.structured_content
    [content] = result.content
    return content.text


@pytest.fixture
def clock(monkeypatch):
    """Stand at a chosen instant: `clock("2026-12-03T23:30:00+00:00")`."""

    def set_to(iso: str) -> None:
        moment = datetime.fromisoformat(iso).astimezone(UTC)
        monkeypatch.setattr(schedule, "now", lambda: moment)

    set_to("2026-12-02T15:00:00+00:00")  # a Wednesday
    return set_to


async def add(client, title, user_id="alice", **fields):
    return (await ok(client, "add_task", user_id=user_id, title=title, **fields))["task"]


async def listed(client, user_id="alice", **filters):
    return await ok(client, "list_tasks", user_id=user_id, **filters)


async def titles(client, user_id="alice", **filters):
    return [task["title"] for task in (await listed(client, user_id, **filters))["tasks"]]


# --- per-user numbers ----------------------------------------------------------------------------


async def test_every_user_numbers_their_tasks_from_one_and_numbers_are_never_reused():
    async with Client(server) as client:
        await add(client, "Alice 1")
        await add(client, "Bob 1", user_id="bob")
        second = await add(client, "Alice 2")
        await ok(client, "delete_task", user_id="alice", task_id=second["id"])
        third = await add(client, "Alice 3")
        bobs_second = await add(client, "Bob 2", user_id="bob")

        assert (second["id"], third["id"], bobs_second["id"]) == (2, 3, 2)
        page = await listed(client, "bob")
        assert [(t["id"], t["title"]) for t in page["tasks"]] == [(1, "Bob 1"), (2, "Bob 2")]
        # "complete task 1" from Bob completes Bob's task 1, never Alice's.
        done = await ok(client, "complete_task", user_id="bob", task_id=1)
        assert done["title"] == "Bob 1"
        assert await titles(client, "alice", status="completed") == []


# --- fields: success -----------------------------------------------------------------------------


async def test_a_task_carries_due_priority_tags_and_recurrence(clock):
    async with Client(server) as client:
        task = await add(
            client,
            "Call mom",
            due="tomorrow 5pm",
            priority="high",
            tags=[" Family ", "calls", "FAMILY"],
            recurrence="every monday",
            timezone="America/New_York",
        )

        # Tomorrow in New York (it is 10:00 there), at 17:00 New York time, shown with its offset.
        assert task["due"] == "2026-12-03T17:00:00-05:00"
        assert (task["priority"], task["tags"]) == ("high", ["calls", "family"])
        assert task["recurrence"] == "FREQ=WEEKLY;BYDAY=MO"
        assert task["created_at"].endswith("-05:00")


@pytest.mark.parametrize(
    ("due", "recurrence", "shown"),
    [
        # A time alone is the series' first occurrence at that time (it is Wednesday 10:00 in
        # New York): not the next 9 am, a Thursday the series skips.
        ("9am", "every monday and friday", "2026-12-04T09:00:00-05:00"),
        ("at 18:30", "every saturday and sunday", "2026-12-05T18:30:00-05:00"),
        ("in the evening", "weekdays", "2026-12-02T18:00:00-05:00"),
        ("11am", "every wednesday", "2026-12-02T11:00:00-05:00"),
        # A day said is kept, even one the series skips: the first time, then the series.
        ("tomorrow 5pm", "every monday", "2026-12-03T17:00:00-05:00"),
    ],
)
async def test_a_repeating_task_given_only_a_time_is_due_on_its_first_occurrence(
    clock, due, recurrence, shown
):
    async with Client(server) as client:
        task = await add(client, "Gym", due=due, recurrence=recurrence, timezone="America/New_York")
        assert task["due"] == shown

        other = await add(client, "Yoga", timezone="America/New_York")
        changed = await ok(
            client,
            "update_task",
            user_id="alice",
            task_id=other["id"],
            due=due,
            recurrence=recurrence,
            timezone="America/New_York",
        )
        assert changed["task"]["due"] == shown


async def test_a_new_rule_for_a_task_already_due_moves_it_to_the_rules_first_day(clock):
    # It is Wednesday 2 December. "Make it repeat every friday" left the task due on the
    # Wednesday the series skips, and told so as its next due date.
    async with Client(server) as client:
        bins = await add(client, "Bins", due="2026-12-02")
        call = await add(client, "Call", due="2026-12-02T15:00", timezone="America/New_York")

        weekly = await ok(
            client, "update_task", user_id="alice", task_id=bins["id"], recurrence="every friday"
        )
        timed = await ok(
            client,
            "update_task",
            user_id="alice",
            task_id=call["id"],
            recurrence="every monday",
            timezone="America/New_York",
        )
        # A day said with the rule, or a move of a repeating task, is kept as said.
        moved = await ok(
            client, "update_task", user_id="alice", task_id=bins["id"], due="2026-12-09"
        )

    assert weekly["task"]["due"] == "2026-12-04"
    assert timed["task"]["due"] == "2026-12-07T15:00:00-05:00"
    assert moved["task"]["due"] == "2026-12-09"


@pytest.mark.parametrize(
    ("due", "shown"),
    [
        ("2026-12-25", "2026-12-25"),
        ("2026-12-25T09:30", "2026-12-25T09:30:00+08:00"),
        ("2026-12-25T09:30:00Z", "2026-12-25T17:30:00+08:00"),
        ("next friday", "2026-12-11"),
        ("tomorrow", "2026-12-03"),
        ("monday at 9", "2026-12-07T09:00:00+08:00"),
        ("in 2 hours", "2026-12-03T01:00:00+08:00"),
    ],
)
async def test_due_is_read_in_the_users_zone(clock, due, shown):
    async with Client(server) as client:
        task = await add(client, "Task", due=due, timezone="Asia/Shanghai")

        assert task["due"] == shown


async def test_an_all_day_due_date_never_shifts_with_the_zone(clock):
    async with Client(server) as client:
        task = await add(client, "Birthday", due="2026-12-25", timezone="Pacific/Kiritimati")

        again = (await listed(client, timezone="Pacific/Pago_Pago"))["tasks"][0]
        assert task["due"] == again["due"] == "2026-12-25"


async def test_update_changes_and_clears_fields_and_reopens(clock):
    async with Client(server) as client:
        task = await add(client, "Report", due="2026-12-10", tags=["work"], recurrence="daily")
        await ok(client, "complete_task", user_id="alice", task_id=task["id"])
        await ok(client, "update_task", user_id="alice", task_id=task["id"], recurrence="")
        await ok(client, "complete_task", user_id="alice", task_id=task["id"])

        changed = await ok(
            client,
            "update_task",
            user_id="alice",
            task_id=task["id"],
            completed=False,
            due="",
            tags=[],
            priority="low",
        )

        item = changed["task"]
        assert (item["completed"], item["completed_at"], item["due"]) == (False, None, None)
        assert (item["tags"], item["priority"], item["recurrence"]) == ([], "low", None)


async def test_next_week_and_next_month_are_a_day_for_due_dates_and_list_bounds(clock):
    # Wednesday 2 December 2026 in New York: next week begins Monday the 7th.
    async with Client(server) as client:
        zone = {"timezone": "America/New_York"}
        plan = await add(client, "Plan", due="next week", **zone)
        rent = await add(client, "Rent", due="2026-12-03", **zone)
        moved = await ok(
            client, "update_task", user_id="alice", task_id=rent["id"], due="next month", **zone
        )
        taxes = await add(client, "Taxes", due="next year at 9am", **zone)

        assert plan["due"] == "2026-12-07"
        assert moved["task"]["due"] == "2027-01-01"
        assert taxes["due"] == "2027-01-01T09:00:00-05:00"
        # A list bound reads the phrase as the same day (strict, as every bound is).
        assert await titles(client, due_before="next month", **zone) == ["Plan"]
        assert await titles(client, due_after="next week", **zone) == ["Rent", "Taxes"]
        assert await titles(client, due_before="next year", **zone) == ["Plan"]


async def test_days_of_a_month_or_quarter_are_read_by_every_tool_that_takes_a_date(clock):
    # Wednesday 2 December 2026 in New York; next month is January 2027, next quarter April's.
    async with Client(server) as client:
        zone = {"timezone": "America/New_York"}
        rent = await add(client, "Rent", due="next month on the 15th", **zone)
        club = await add(
            client,
            "Club",
            due="first monday of next month",
            reminder="first monday of next month at 8am",
            **zone,
        )
        review = await add(client, "Review", due="2026-12-03", **zone)
        moved = await ok(
            client,
            "update_task",
            user_id="alice",
            task_id=review["id"],
            due="last friday of the month at 5pm",
            reminder="the day before at 9",
            **zone,
        )
        taxes = await add(client, "Taxes", due="next quarter", **zone)

        assert rent["due"] == "2027-01-15"
        assert (club["due"], club["reminder_at"]) == ("2027-01-04", "2027-01-04T08:00:00-05:00")
        assert moved["task"]["due"] == "2026-12-25T17:00:00-05:00"
        assert taxes["due"] == "2027-01-01"
        assert sorted(await titles(client, due_before="the 15th of next month", **zone)) == [
            "Club",
            "Review",
            "Taxes",
        ]
        assert sorted(await titles(client, due_after="end of the quarter", **zone)) == [
            "Club",
            "Rent",
            "Taxes",
        ]
        # A day next month lacks is a clear error, never a guessed day.
        text = await error_text(
            client,
            "add_task",
            user_id="alice",
            title="X",
            due="the fifth monday of next month",
            **zone,
        )
        assert "January has no fifth monday" in text


# --- fields: errors, short and human -------------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"priority": "urgentest"}, "Unknown priority 'urgentest': use none, low, medium or high."),
        ({"tags": [f"t{n}" for n in range(11)]}, "A task can have at most 10 tags (got 11)."),
        ({"tags": ["x" * 31]}, f"The tag {'x' * 31!r} is 31 characters; the limit is 30."),
        ({"due": "someday maybe"}, "Could not understand the due date 'someday maybe'."),
        ({"due": "2026-02-30"}, "Could not understand the due date '2026-02-30': there is no"),
        ({"due": "this week"}, "it names a whole week, not a day"),
        ({"due": "monday 9"}, "Could not understand the due date 'monday 9'"),
        ({"recurrence": "FREQ=DAILY;COUNT=1000000"}, "COUNT is not supported"),
        ({"recurrence": "FREQ=SECONDLY"}, "FREQ must be DAILY, WEEKLY, MONTHLY or YEARLY"),
        ({"recurrence": "FREQ=MONTHLY;BYMONTH=2;BYMONTHDAY=30"}, "it never occurs"),
        ({"recurrence": "whenever I feel like it"}, "Could not understand the recurrence"),
        ({"timezone": "Mars/Olympus_Mons"}, "Unknown timezone 'Mars/Olympus_Mons'"),
        ({"due": "9999-12-31"}, "The due date '9999-12-31' is out of range: give a day from"),
        (
            {"due": "9999-12-31T23:59", "timezone": "America/New_York"},
            "The due date '9999-12-31T23:59' is out of range: give a day from 1900 to 2999.",
        ),
        ({"due": "0001-01-01T00:00", "timezone": "Asia/Tokyo"}, "is out of range"),
        ({"due": "3000-01-01"}, "The due date '3000-01-01' is out of range"),
        ({"title": "t" * 270}, "The title is 270 characters; the limit is 200."),
    ],
)
async def test_bad_fields_are_short_human_tool_errors_and_add_nothing(clock, fields, message):
    arguments = {"user_id": "alice", "title": "Task", **fields}
    async with Client(server) as client:
        text = await error_text(client, "add_task", **arguments)

        assert text.startswith(message) or message in text, text
        assert "pydantic" not in text and not text.startswith("Error executing tool")
        assert len(text) < 300
        assert (await listed(client))["total"] == 0


async def test_a_missing_task_is_named_plainly():
    async with Client(server) as client:
        text = await error_text(client, "complete_task", user_id="alice", task_id=9)

        assert text == "Task 9 not found."


async def test_tool_descriptions_are_plain_text_without_source_indentation():
    async with Client(server) as client:
        tools = (await client.list_tools()).tools

        for tool in tools:
            assert "\n" not in tool.description and "  " not in tool.description, tool.name
            assert tool.description.endswith("."), tool.name


# --- list filters --------------------------------------------------------------------------------


async def test_search_tag_and_priority_filter_the_users_tasks_only(clock):
    async with Client(server) as client:
        await add(client, "Buy milk", tags=["errands"], priority="high")
        await add(client, "Write report", description="quarterly MILK figures", tags=["Work"])
        await add(client, "Call plumber", priority="high")
        await add(client, "Buy milk", user_id="bob", tags=["work", "errands"], priority="high")

        assert await titles(client, search="milk") == ["Buy milk", "Write report"]
        assert await titles(client, tag="WORK") == ["Write report"]
        assert await titles(client, priority="high") == ["Buy milk", "Call plumber"]
        assert await titles(client, tag="errands", priority="high") == ["Buy milk"]
        assert await titles(client, "bob", tag="work") == ["Buy milk"]
        assert await titles(client, "carol", search="milk") == []


# A tag as people write it: its "#" (one or more) is not part of its name, on every path a tag
# takes — as the offline model reads "#work". A tag of "#" signs only is an empty tag.
HASH_TAGS = [
    # (tags given, tags stored)
    (["#work"], ["work"]),
    (["##Work", "work"], ["work"]),
    ([" # home ", "#errands"], ["errands", "home"]),
    (["#" + "x" * 30], ["x" * 30]),
    (["c#", "#c#"], ["c#"]),
]


@pytest.mark.parametrize(("given", "stored"), HASH_TAGS)
async def test_a_tags_leading_hash_is_no_part_of_its_name(given, stored):
    async with Client(server) as client:
        added = await add(client, "Report", tags=given)
        await add(client, "Milk", tags=["home"])
        updated = await ok(client, "update_task", user_id="alice", task_id=2, tags=given)

        assert added["tags"] == stored
        assert updated["task"]["tags"] == stored
        assert await titles(client, tag="#" + stored[0]) == ["Report", "Milk"]
        assert await titles(client, tag="##" + stored[0].upper()) == ["Report", "Milk"]


@pytest.mark.parametrize("tags", [["#"], ["work", "###"], [" # # "]])
async def test_a_tag_of_hash_signs_only_is_refused_as_empty(tags):
    async with Client(server) as client:
        await add(client, "Report", tags=["work"])

        assert await error_text(client, "add_task", user_id="alice", title="X", tags=tags) == (
            "A tag must not be empty."
        )
        assert await error_text(client, "update_task", user_id="alice", task_id=1, tags=tags) == (
            "A tag must not be empty."
        )
        assert [(t["title"], t["tags"]) for t in (await listed(client))["tasks"]] == [
            ("Report", ["work"])
        ]


@pytest.mark.parametrize(
    ("now", "zone", "today", "overdue"),
    [
        # 23:30 UTC on Dec 2 is already 07:30 on Dec 3 in Shanghai (UTC+8)...
        (
            "2026-12-02T23:30:00+00:00",
            "Asia/Shanghai",
            ["Dec 3", "Dec 3 07:00"],
            ["Dec 2", "Dec 3 07:00"],
        ),
        # ...and still Dec 2 in New York (UTC−5) until 05:00 UTC on Dec 3.
        ("2026-12-03T04:30:00+00:00", "America/New_York", ["Dec 2"], []),
        ("2026-12-03T05:30:00+00:00", "America/New_York", ["Dec 3", "Dec 3 07:00"], ["Dec 2"]),
    ],
)
async def test_today_and_overdue_are_days_in_the_users_zone(clock, now, zone, today, overdue):
    async with Client(server) as client:
        await add(client, "Dec 2", due="2026-12-02")
        await add(client, "Dec 3", due="2026-12-03")
        await add(client, "Dec 3 07:00", due="2026-12-03T07:00", timezone=zone)
        await add(client, "Done Dec 1", due="2026-12-01")
        await ok(client, "complete_task", user_id="alice", task_id=4)
        clock(now)

        assert await titles(client, due="today", timezone=zone) == today
        assert await titles(client, due="overdue", timezone=zone) == overdue


async def test_today_follows_a_dst_change(clock):
    # Europe/Paris leaves summer time on Oct 25, 2026: that day lasts 25 hours.
    clock("2026-10-25T22:30:00+00:00")  # 23:30 in Paris, still Oct 25
    async with Client(server) as client:
        await add(client, "Late", due="2026-10-25T23:45", timezone="Europe/Paris")
        await add(client, "Next day", due="2026-10-26T00:15", timezone="Europe/Paris")

        assert await titles(client, due="today", timezone="Europe/Paris") == ["Late"]
        assert await titles(client, due="overdue", timezone="Europe/Paris") == []


async def test_this_week_none_and_due_bounds(clock):
    async with Client(server) as client:
        await add(client, "Monday", due="2026-11-30")
        await add(client, "Sunday", due="2026-12-06")
        await add(client, "Next Monday", due="2026-12-07")
        await add(client, "Someday")

        assert await titles(client, due="this_week") == ["Monday", "Sunday"]
        assert await titles(client, due="none") == ["Someday"]
        assert await titles(client, due_before="2026-12-06") == ["Monday"]
        assert await titles(client, due_after="2026-12-06") == ["Next Monday"]
        assert await titles(client, sort="due") == ["Monday", "Sunday", "Next Monday", "Someday"]


@pytest.mark.parametrize(
    ("zone", "today", "due_today", "overdue"),
    [
        # 23:30 UTC on 2 December: already 3 December 13:30 on Kiritimati (UTC+14), still
        # 2 December 12:30 in Pago Pago (UTC-11). An instant already past is overdue too.
        (
            "Pacific/Kiritimati",
            "2026-12-03",
            ["Dec 3", "Dec 3 05:00Z", "Dec 2 12:00Z"],
            ["Dec 2", "Dec 2 12:00Z"],
        ),
        (
            "Pacific/Pago_Pago",
            "2026-12-02",
            ["Dec 2", "Dec 3 05:00Z", "Dec 2 12:00Z"],
            ["Dec 2 12:00Z"],
        ),
    ],
)
async def test_today_is_the_users_own_day_on_either_side_of_the_date_line(
    clock, zone, today, due_today, overdue
):
    clock("2026-12-02T23:30:00+00:00")
    async with Client(server) as client:
        said = await add(client, "Said today", due="today", timezone=zone)
        await add(client, "Dec 2", due="2026-12-02")
        await add(client, "Dec 3", due="2026-12-03")
        await add(client, "Dec 3 05:00Z", due="2026-12-03T05:00Z")
        await add(client, "Dec 2 12:00Z", due="2026-12-02T12:00Z")

        assert said["due"] == today
        assert await titles(client, due="today", timezone=zone) == ["Said today", *due_today]
        assert await titles(client, due="overdue", timezone=zone) == overdue


async def test_tasks_due_at_the_edges_of_the_allowed_years_list_in_every_zone(clock):
    async with Client(server) as client:
        await add(client, "Last", due="2999-12-31T23:59", timezone="UTC")
        await add(client, "First", due="1900-01-01T00:00", timezone="UTC")
        await add(client, "Yearly", due="2999-12-31", recurrence="yearly")
        moved = await ok(client, "complete_task", user_id="alice", task_id=3)

        assert moved["next_due"] == "3000-12-31"
        for zone in ("Pacific/Kiritimati", "Etc/GMT+12"):
            assert await titles(client, timezone=zone, sort="due") == ["First", "Last", "Yearly"]
            assert await titles(client, timezone=zone, due="overdue") == ["First"]
        text = await error_text(client, "list_tasks", user_id="alice", due_before="9999-12-31")
        assert text == "due_before '9999-12-31' is out of range: give a day from 1900 to 2999."


async def test_sort_by_priority_and_title(clock):
    async with Client(server) as client:
        await add(client, "b low", priority="low")
        await add(client, "A high", priority="high")
        await add(client, "c none")

        assert await titles(client, sort="priority") == ["A high", "b low", "c none"]
        assert await titles(client, sort="title") == ["A high", "b low", "c none"]
        text = await error_text(client, "list_tasks", user_id="alice", sort="random")
        assert text == (
            "Unknown sort 'random': use created, newest, due, priority, title or "
            "recently_completed."
        )


async def test_null_for_a_parameter_with_a_default_is_that_default(clock):
    # Models that must send every parameter (strict function calling) send null for the ones
    # they do not mean to set.
    async with Client(server) as client:
        added = await add(client, "Milk", description=None)
        await add(client, "Bread")

        assert added["description"] == ""
        page = await listed(client, status=None, sort=None, limit=None)
        assert [task["title"] for task in page["tasks"]] == ["Milk", "Bread"]
        assert page["total"] == 2


async def test_newest_first_and_last_completed_first(clock):
    async with Client(server) as client:
        for title in ("Old", "Middle", "New"):
            await add(client, title)
        clock("2026-12-02T16:00:00+00:00")
        await ok(client, "complete_task", user_id="alice", task_id=1)
        clock("2026-12-02T17:00:00+00:00")
        await ok(client, "complete_task", user_id="alice", task_id=3)

        assert await titles(client, sort="newest") == ["New", "Middle", "Old"]
        assert await titles(client, sort="recently_completed") == ["New", "Old", "Middle"]


@pytest.mark.parametrize(
    ("since", "zone", "expected"),
    [
        # Wednesday 2 December 2026, 15:00 UTC. Added: Monday 30 Nov 12:00 UTC, Tuesday 1 Dec
        # 23:30 UTC, Wednesday 2 Dec 09:00 UTC.
        ("today", "UTC", ["Wednesday"]),
        ("yesterday", "UTC", ["Tuesday late", "Wednesday"]),
        # 23:30 UTC on Tuesday is already Wednesday in Tokyo; in New York Wednesday begins at
        # 05:00 UTC.
        ("2026-12-02", "UTC", ["Wednesday"]),
        ("2026-12-02", "Asia/Tokyo", ["Tuesday late", "Wednesday"]),
        ("today", "America/New_York", ["Wednesday"]),
        ("yesterday", "America/New_York", ["Tuesday late", "Wednesday"]),
        # A weekday named is the one just gone (today's, on that day), not next week's.
        ("monday", "UTC", ["Monday", "Tuesday late", "Wednesday"]),
        ("tuesday", "UTC", ["Tuesday late", "Wednesday"]),
        ("wednesday", "UTC", ["Wednesday"]),
        ("2026-12-01", "UTC", ["Tuesday late", "Wednesday"]),
        ("2026-12-02T08:00:00+00:00", "UTC", ["Wednesday"]),
    ],
)
async def test_tasks_added_since_a_day_in_the_users_zone(clock, since, zone, expected):
    async with Client(server) as client:
        for title in ("Monday", "Tuesday late", "Wednesday"):
            await add(client, title)
        added = {
            1: "2026-11-30T12:00:00+00:00",
            2: "2026-12-01T23:30:00+00:00",
            3: "2026-12-02T09:00:00+00:00",
        }
        for number, at in added.items():
            await _set_created(number, datetime.fromisoformat(at))

        assert await titles(client, created_since=since, timezone=zone) == expected


async def test_tasks_completed_since_count_a_repeating_tasks_last_completion(clock):
    async with Client(server) as client:
        await add(client, "Done monday")
        await add(client, "Water plants", due="2026-11-30", recurrence="every day")
        await add(client, "Not done")
        clock("2026-11-30T10:00:00+00:00")
        await ok(client, "complete_task", user_id="alice", task_id=1)
        clock("2026-12-02T10:00:00+00:00")
        await ok(client, "complete_task", user_id="alice", task_id=2)
        clock("2026-12-02T15:00:00+00:00")

        assert await titles(client, completed_since="today") == ["Water plants"]
        assert await titles(client, completed_since="monday") == ["Done monday", "Water plants"]
        assert await titles(client, completed_since="today", status="pending") == ["Water plants"]


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("created_since", "tomorrow", "created_since 'tomorrow' is in the future"),
        ("completed_since", "2026-12-25", "completed_since '2026-12-25' is in the future"),
        ("completed_since", "whenever", "Could not understand completed_since 'whenever'"),
    ],
)
async def test_a_since_bound_ahead_or_not_understood_is_an_error(clock, field, value, message):
    async with Client(server) as client:
        text = await error_text(client, "list_tasks", user_id="alice", **{field: value})

        assert message in text


@sync_to_async
def _set_created(number: int, at: datetime) -> None:
    Task.objects.filter(user_id="alice", number=number).update(created_at=at)


def _cursor_of(offset: int) -> str:
    return base64.urlsafe_b64encode(json.dumps({"o": offset}).encode()).decode().rstrip("=")


async def test_pages_carry_the_total_and_a_cursor_until_the_last():
    async with Client(server) as client:
        for n in range(5):
            await add(client, f"Task {n}")

        first = await listed(client, limit=2)
        second = await listed(client, limit=2, cursor=first["next_cursor"])
        last = await listed(client, limit=2, cursor=second["next_cursor"])

        assert [page["total"] for page in (first, second, last)] == [5, 5, 5]
        assert [t["id"] for page in (first, second, last) for t in page["tasks"]] == [1, 2, 3, 4, 5]
        assert last["next_cursor"] is None and last["count"] == 1
        for forged in ("garbage", _cursor_of(2**63), _cursor_of(2**31), _cursor_of(-1)):
            text = await error_text(client, "list_tasks", user_id="alice", cursor=forged)
            assert text == "That cursor is not one list_tasks gave: list again without it."
        text = await error_text(client, "list_tasks", user_id="alice", limit=201)
        assert "limit" in text and "pydantic" not in text


# --- recurrence ----------------------------------------------------------------------------------


async def test_completing_a_recurring_task_moves_it_to_its_next_occurrence(clock):
    async with Client(server) as client:
        task = await add(client, "Rent", due="2027-01-31", recurrence="monthly on the 31st")
        dues = []
        for _ in range(3):
            done = await ok(client, "complete_task", user_id="alice", task_id=task["id"])
            dues.append(done["next_due"])

        assert dues == ["2027-02-28", "2027-03-31", "2027-04-30"]
        assert done["task"]["completed"] is False and done["task"]["completed_at"] is not None
        assert done["already_completed"] is False


async def test_a_recurring_task_without_a_due_date_starts_on_its_first_occurrence(clock):
    async with Client(server) as client:
        task = await add(client, "Take out the bins", recurrence="every monday")

        assert task["due"] == "2026-12-07"


async def test_changing_the_due_date_keeps_the_rule(clock):
    async with Client(server) as client:
        task = await add(client, "Standup", due="2026-12-02T09:00", recurrence="weekdays")

        moved = await ok(
            client, "update_task", user_id="alice", task_id=task["id"], due="2026-12-04T10:00"
        )
        done = await ok(client, "complete_task", user_id="alice", task_id=task["id"])

        assert moved["task"]["recurrence"] == "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"
        assert done["next_due"] == "2026-12-07T10:00:00+00:00"  # Friday → Monday


async def test_deleting_a_recurring_task_removes_the_series(clock):
    async with Client(server) as client:
        task = await add(client, "Water plants", recurrence="daily")
        await ok(client, "delete_task", user_id="alice", task_id=task["id"])

        assert (await listed(client))["total"] == 0


async def test_recurring_lists_only_the_tasks_that_repeat_or_only_the_one_off_ones(clock):
    async with Client(server) as client:
        await add(client, "Water plants", recurrence="daily")
        await add(client, "Call mom")
        await add(client, "Take out the bins", recurrence="every monday", priority="high")
        await add(client, "Stopped", recurrence="weekly")
        await ok(client, "update_task", user_id="alice", task_id=4, recurrence="")
        await add(client, "Bob's bins", user_id="bob", recurrence="weekly")

        assert await titles(client, recurring=True) == ["Water plants", "Take out the bins"]
        assert await titles(client, recurring=False) == ["Call mom", "Stopped"]
        assert await titles(client, recurring=True, priority="high") == ["Take out the bins"]
        assert (await listed(client, recurring=True, limit=1))["total"] == 2
        assert await titles(client) == ["Water plants", "Call mom", "Take out the bins", "Stopped"]
        text = await error_text(client, "list_tasks", user_id="alice", recurring="sometimes")
        assert text == "The recurring value must be true or false (got 'sometimes')."


# --- numbers and booleans: JSON's, or the same written as text -----------------------------------

# What each tool does with a number or a boolean argument, on every path a call takes: the value
# itself, or the same value written as JSON text (as models often send it), is read as such; any
# other value is a tool error naming the type the argument needs — never a guess.
NOT_A_TASK_NUMBER = "The task_id must be a whole number of at least 1 (got '{}')."
NOT_TRUE_OR_FALSE = "The {} value must be true or false (got '{}')."
NUMBERS_AND_BOOLEANS = [
    # (tool, argument, value given, what the user sees: the outcome, or the error message)
    ("complete_task", "task_id", 2, 2),
    ("complete_task", "task_id", "2", 2),
    ("complete_task", "task_id", " 2 ", 2),
    ("complete_task", "task_id", 2.0, 2),
    ("complete_task", "task_id", "2.5", NOT_A_TASK_NUMBER.format("2.5")),
    ("complete_task", "task_id", 2.5, NOT_A_TASK_NUMBER.format("2.5")),
    ("complete_task", "task_id", 1e300, NOT_A_TASK_NUMBER.format("1e+300")),
    ("complete_task", "task_id", "2_000", NOT_A_TASK_NUMBER.format("2_000")),
    ("complete_task", "task_id", "two", NOT_A_TASK_NUMBER.format("two")),
    ("complete_task", "task_id", "", NOT_A_TASK_NUMBER.format("")),
    # Echoed as the client wrote it, in JSON's spelling (not Python's "True" or "None").
    ("complete_task", "task_id", True, NOT_A_TASK_NUMBER.format("true")),
    ("complete_task", "task_id", False, NOT_A_TASK_NUMBER.format("false")),
    ("complete_task", "task_id", [2], NOT_A_TASK_NUMBER.format("[2]")),
    ("complete_task", "task_id", None, NOT_A_TASK_NUMBER.format("null")),
    ("complete_task", "task_id", "0", NOT_A_TASK_NUMBER.format("0")),
    ("list_tasks", "limit", "1", 1),
    ("list_tasks", "limit", "ten", "The limit must be a whole number (got 'ten')."),
    ("list_tasks", "limit", "500", "The limit must be at most 200 (got '500')."),
    ("list_tasks", "limit", False, "The limit must be a whole number (got 'false')."),
    ("list_tasks", "recurring", True, ["Bins"]),
    ("list_tasks", "recurring", "true", ["Bins"]),
    ("list_tasks", "recurring", " TRUE ", ["Bins"]),
    ("list_tasks", "recurring", "False", ["Report", "Milk"]),
    ("list_tasks", "recurring", "yes", NOT_TRUE_OR_FALSE.format("recurring", "yes")),
    ("list_tasks", "recurring", 1, NOT_TRUE_OR_FALSE.format("recurring", "1")),
    ("list_tasks", "recurring", "1", NOT_TRUE_OR_FALSE.format("recurring", "1")),
    ("list_tasks", "recurring", [True], NOT_TRUE_OR_FALSE.format("recurring", "[true]")),
    ("list_tasks", "recurring", {"a": None}, NOT_TRUE_OR_FALSE.format("recurring", '{"a": null}')),
    ("update_task", "completed", "true", True),
    ("update_task", "completed", "false", False),
    ("update_task", "completed", "no", NOT_TRUE_OR_FALSE.format("completed", "no")),
    ("update_task", "completed", 0, NOT_TRUE_OR_FALSE.format("completed", "0")),
    # Text is text and a list a list: nothing else is read as one.
    ("add_task", "title", 42, "The title must be text."),
    ("add_task", "tags", "work", "The tags must be a list of text."),
]


async def seeded(client) -> None:
    """Alice's list: task 1 "Report", task 2 "Milk", task 3 "Bins" (repeating daily)."""
    await add(client, "Report")
    await add(client, "Milk")
    await add(client, "Bins", recurrence="daily")


async def outcome(client, tool, argument, value):
    """Call `tool` on Alice's list with `argument` set to `value`: what the user sees (the task
    completed, how many listed, which tasks listed, whether task 1 is completed), or the error."""
    arguments = {"user_id": "alice", argument: value}
    if tool == "update_task":
        arguments["task_id"] = 1
    if tool == "add_task":
        arguments.setdefault("title", "New")
    result = await client.call_tool(tool, arguments)
    if result.is_error:
        return result.content[0].text
    shown = result.structured_content
    if tool == "complete_task":
        return shown["task_id"]
    if argument == "limit":
        return shown["count"]
    if argument == "recurring":
        return [task["title"] for task in shown["tasks"]]
    return shown["task"]["completed"]


@pytest.mark.parametrize(("tool", "argument", "given", "expected"), NUMBERS_AND_BOOLEANS)
async def test_numbers_and_booleans_are_read_as_json_or_as_their_json_text(
    tool, argument, given, expected
):
    async with Client(server) as client:
        await seeded(client)
        if (argument, expected) == ("completed", False):
            await ok(client, "complete_task", user_id="alice", task_id=1)

        assert await outcome(client, tool, argument, given) == expected


async def test_a_nul_in_a_title_is_refused():
    async with Client(server) as client:
        text = await error_text(client, "add_task", user_id="alice", title="a\x00b")

    assert text == "The title must not contain NUL characters."


# --- no duplicates within a turn ----------------------------------------------------------------


async def test_the_same_title_twice_in_one_turn_is_added_once():
    async with Client(server) as client:
        first = await ok(client, "add_task", user_id="alice", title="Buy milk", turn="t1")
        again = await ok(client, "add_task", user_id="alice", title=" buy  MILK ", turn="t1")
        next_turn = await ok(client, "add_task", user_id="alice", title="Buy milk", turn="t2")
        bobs = await ok(client, "add_task", user_id="bob", title="Buy milk", turn="t1")

        assert (first["status"], again["status"]) == ("created", "exists")
        assert first["task_id"] == again["task_id"] == 1
        assert (next_turn["status"], next_turn["task_id"]) == ("created", 2)
        assert (bobs["status"], bobs["task_id"]) == ("created", 1)
        assert (await listed(client))["total"] == 2


async def test_a_recurring_task_whose_due_date_was_cleared_continues_from_today(clock):
    async with Client(server) as client:
        task = await add(client, "Stretch", recurrence="daily")
        await ok(client, "update_task", user_id="alice", task_id=task["id"], due="")

        done = await ok(client, "complete_task", user_id="alice", task_id=task["id"])

        assert (done["next_due"], done["task"]["completed"]) == ("2026-12-03", False)


async def test_a_recurring_completion_says_where_it_moved_from_and_can_be_taken_back(clock):
    # "undo" after completing a repeating task could not put it back: the day it moved on from
    # was not said, and reopening left its completion recorded.
    async with Client(server) as client:
        task = await add(client, "Bins", due="2026-12-02", recurrence="weekly")
        once = await add(client, "Milk")

        done = await ok(client, "complete_task", user_id="alice", task_id=task["id"])
        plain = await ok(client, "complete_task", user_id="alice", task_id=once["id"])
        back = await ok(
            client,
            "update_task",
            user_id="alice",
            task_id=task["id"],
            completed=False,
            due=done["previous_due"],
        )
        since = await listed(client, completed_since="today")

    assert (done["previous_due"], done["next_due"]) == ("2026-12-02", "2026-12-09")
    assert plain["previous_due"] is None
    assert (back["task"]["due"], back["task"]["completed_at"]) == ("2026-12-02", None)
    assert [item["title"] for item in since["tasks"]] == ["Milk"]
