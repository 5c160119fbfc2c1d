"""Which answer a chat turn gets by its `Accept` header: JSON or the event stream, by the
header's qualities first, then by how specific each type is."""

import pytest

pytestmark = pytest.mark.django_db

JSON = "application/json"
STREAM = "text/event-stream"


@pytest.mark.parametrize(
    ("accept", "answer"),
    [
        (None, JSON),
        ("*/*", JSON),
        (JSON, JSON),
        (STREAM, STREAM),
        # Both alike: the first said.
        (f"{STREAM}, {JSON}", STREAM),
        (f"{JSON}, {STREAM}", JSON),
        # A quality of 0 is "not this"; a higher quality wins over the order said.
        (f"{STREAM};q=0, {JSON}", JSON),
        (f"{STREAM}, {JSON};q=0.5", STREAM),
        (f"{JSON};q=0.5, {STREAM}", STREAM),
        (f"{JSON};q=0, {STREAM}", STREAM),
        (f"{JSON};q=0.9, {STREAM};q=0.1", JSON),
        (f"text/*;q=0.9, {JSON};q=0.2", STREAM),
        # Nothing acceptable that is offered: 406, in JSON.
        (f"{STREAM};q=0", 406),
        ("text/html", 406),
    ],
)
def test_the_answer_follows_the_accept_header(api_as, accept, answer):
    headers = {} if accept is None else {"HTTP_ACCEPT": accept}

    response = api_as("alice").post(
        "/api/alice/chat", {"message": "hello"}, format="json", **headers
    )

    if answer == 406:
        assert response.status_code == 406
        assert response["Content-Type"] == JSON
        assert response.json()["error"]["code"] == "not_acceptable"
    else:
        assert response.status_code == 200
        assert response["Content-Type"].split(";")[0] == answer
        assert response.streaming == (answer == STREAM)
