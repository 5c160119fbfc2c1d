"""Per-user numbers under concurrent adds, and a list that stays one bounded page however many
tasks the user has."""

import asyncio

import pytest
from mcp import Client

from mcp_bridge.server import server
from tasks import schedule, selectors
from tasks.models import Task, TaskOwner

pytestmark = pytest.mark.django_db(transaction=True)


async def test_twenty_concurrent_adds_for_one_user_get_twenty_different_numbers():
    # On PostgreSQL the tool calls run on several database threads at once.
    async with Client(server) as client:
        results = await asyncio.gather(
            *(
                client.call_tool("add_task", {"user_id": "alice", "title": f"Task {n}"})
                for n in range(20)
            ),
            client.call_tool("add_task", {"user_id": "bob", "title": "Bob's"}),
        )

    assert all(result.is_error is False for result in results)
    numbers = sorted(result.structured_content["task_id"] for result in results[:20])
    assert numbers == list(range(1, 21))
    assert results[20].structured_content["task_id"] == 1
    owner = await asyncio.to_thread(TaskOwner.objects.get, user_id="alice")
    assert owner.last_number == 20


def _seed(user_id: str, count: int) -> None:
    Task.objects.bulk_create(
        [Task(user_id=user_id, number=n, title=f"Task {n}") for n in range(1, count + 1)],
        batch_size=2000,
    )


async def test_ten_thousand_tasks_list_as_one_page_with_the_total():
    await asyncio.to_thread(_seed, "alice", 10_000)
    async with Client(server) as client:
        result = await client.call_tool("list_tasks", {"user_id": "alice"})

    page = result.structured_content
    assert (page["count"], page["total"]) == (50, 10_000)
    assert [task["id"] for task in page["tasks"]] == list(range(1, 51))
    assert page["next_cursor"] is not None


@pytest.mark.parametrize("tasks", [10, 10_000])
def test_listing_costs_the_same_queries_at_ten_and_ten_thousand_tasks(
    tasks, django_assert_max_num_queries
):
    _seed("alice", tasks)
    Task.objects.filter(user_id="alice", number__lte=5).update(priority="high")
    tz = schedule.zone("UTC")

    # The count, the page, the page's tags.
    with django_assert_max_num_queries(3):
        page = selectors.task_page(user_id="alice", tz=tz, sort="priority", search="Task")
        items = [(task.number, page.tags.get(task.pk, [])) for task in page.tasks]

    assert len(items) == min(tasks, 50) and page.total == tasks


async def test_tasks_loaded_without_the_counter_are_stepped_over():
    await asyncio.to_thread(_seed, "alice", 3)
    async with Client(server) as client:
        result = await client.call_tool("add_task", {"user_id": "alice", "title": "New"})

    assert result.structured_content["task_id"] == 4
