"""Whatever a client posts to `POST /api/chatkit`, the answer is never a 5xx: a ChatKit request
is served, anything else is refused in the one error shape."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.support.errors import assert_error_shape

from .support import URL, read_stream

pytestmark = pytest.mark.django_db(transaction=True)

TYPES = [
    "threads.create",
    "threads.add_user_message",
    "threads.retry_after_item",
    "threads.get_by_id",
    "threads.list",
    "threads.update",
    "threads.delete",
    "items.list",
    "items.feedback",
    "attachments.create",
    "threads.custom_action",
    "input.transcribe",
]
IDS = st.sampled_from(["thr_1", "thr_2", "thr_0", "thr_x", "msg_1", "msg_2.tool0", "", "x" * 70])
TEXT = st.text(max_size=30) | st.just("x" * 4001) | st.just("Add a task to buy milk")
USER_INPUT = st.fixed_dictionaries(
    {
        "content": st.lists(st.fixed_dictionaries({"type": st.just("input_text"), "text": TEXT})),
        "attachments": st.lists(st.text(max_size=5), max_size=1),
        "inference_options": st.just({}),
    }
)
JSON_VALUES = st.none() | st.booleans() | st.integers() | st.text(max_size=10)
PARAMS = st.fixed_dictionaries(
    {},
    optional={
        "thread_id": IDS,
        "item_id": IDS,
        "item_ids": st.lists(IDS, max_size=3),
        "after": IDS | st.none(),
        "limit": st.integers(min_value=-5, max_value=10**6) | st.none(),
        "order": st.sampled_from(["asc", "desc", "up"]),
        "title": TEXT,
        "kind": st.sampled_from(["positive", "negative", "meh"]),
        "input": USER_INPUT | JSON_VALUES,
    },
)
BODIES = st.fixed_dictionaries({"type": st.sampled_from(TYPES), "params": PARAMS}) | JSON_VALUES


@pytest.fixture
def alice_with_a_thread(api_as):
    client = api_as("alice")
    body = {
        "type": "threads.create",
        "params": {
            "input": {
                "content": [{"type": "input_text", "text": "Add a task to buy milk"}],
                "attachments": [],
                "inference_options": {},
            }
        },
    }
    response = client.post(URL, body, format="json")
    assert response.status_code == 200
    return client


@given(body=BODIES)
@settings(max_examples=80, deadline=None, database=None, suppress_health_check=list(HealthCheck))
def test_no_body_makes_a_server_error(alice_with_a_thread, body):
    response = alice_with_a_thread.post(URL, json.dumps(body), content_type="application/json")

    assert response.status_code < 500, (body, response.status_code)
    if response.streaming:
        read_stream(response)  # to its end, as a client would
    elif response.status_code >= 400:
        assert_error_shape(response.json())
