"""Which answer a chat turn gets by its `Accept` header: JSON or the event stream, by the
header's qualities first, then by how specific each type is."""

import pytest
from django.test import Client

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


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("get", "/api/alice/conversations", None),
        ("get", "/api/alice/tasks", None),
        ("post", "/api/alice/notifications/seen", {}),
        ("post", "/api/alice/chat", {"message": "hello"}),
    ],
)
@pytest.mark.parametrize("fmt", ["api", "xml", "json"])
def test_a_format_query_parameter_changes_nothing(api_as, method, path, body, fmt):
    # DRF's `?format=` override turned an unknown format into a bare 404 "Not found." on an
    # endpoint that exists; the answer is chosen by the Accept header alone.
    client = api_as("alice")
    url = f"{path}?format={fmt}"
    response = client.get(url) if method == "get" else client.post(url, body, format="json")

    assert response.status_code == 200, response.content
    assert response["Content-Type"].startswith(JSON)


def test_the_schema_documents_no_format_parameter(client):
    schema = client.get("/api/schema/?format=json")

    assert schema.status_code == 200
    assert "name: format" not in schema.content.decode()
    assert '"name": "format"' not in schema.content.decode()


@pytest.mark.parametrize(
    ("method", "status"),
    [
        ("GET", 200),
        ("HEAD", 200),
        ("OPTIONS", 405),
        ("POST", 405),
        ("PUT", 405),
        ("PATCH", 405),
        ("DELETE", 405),
    ],
)
def test_the_api_docs_page_answers_every_method_without_a_server_error(method, status):
    # OPTIONS rendered a description of the view through the page's HTML template: a 500.
    response = Client(raise_request_exception=False).generic(method, "/api/docs/")

    assert response.status_code == status
    if status == 405:
        assert response.json()["error"]["code"] == "method_not_allowed"
        assert response["Allow"] == "GET, HEAD"
