"""Property-based fuzz of the HTTP API against its own published OpenAPI schema (schemathesis).

Every generated request (schema-valid and schema-invalid bodies, path and header values) is sent
three times to the real Django app in-process: with no token (401), with another user's token
(403), and as the path's user. No answer is a 5xx, every answer fits the schema, every 4xx is the
one error shape. The chat turns run for real (offline model, MCP tools, database).

The app runs in this thread (WSGI; async views under `async_to_sync`, their ORM steps back on this
thread), in autocommit like production: `transaction=True`, so a failed query cannot poison an
enclosing test transaction and hide the next examples.
"""

from __future__ import annotations

import gzip
from urllib.parse import quote, unquote, urlsplit

import pytest
import schemathesis
from django.conf import settings as django_settings
from django.test import Client
from django.urls import Resolver404, resolve
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis.checks import (
    content_type_conformance,
    negative_data_rejection,
    not_a_server_error,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from schemathesis.core.parameters import ParameterLocation

from tests.support.errors import assert_error_shape
from todochat.tokens import issue_token
from todochat.wsgi import application

pytestmark = [
    pytest.mark.django_db(transaction=True),
    # Fuzzed user ids make throttle cache keys memcached would refuse; the cache here is not it.
    pytest.mark.filterwarnings("ignore::django.core.cache.backends.base.CacheKeyWarning"),
]

SCHEMA_URL = "/api/schema/"
HISTORY_OPERATIONS = ("conversations_list", "conversation_messages")
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    response_headers_conformance,
    negative_data_rejection,
]
OWNER = "fuzz-owner"
ON_POSTGRES = django_settings.DATABASES["default"]["ENGINE"].endswith("postgresql")

fuzz_settings = settings(
    max_examples=60,
    deadline=None,
    database=None,  # no .hypothesis/ directory in the work tree
    suppress_health_check=list(HealthCheck),
)


def published_schema() -> dict:
    # At import (collection) time the test environment, which allows "testserver", is not set up.
    response = Client(HTTP_HOST="localhost").get(SCHEMA_URL, {"format": "json"})
    assert response.status_code == 200
    return response.json()


def load_schema() -> schemathesis.BaseSchema:
    loaded = schemathesis.openapi.from_dict(published_schema())
    loaded.app = application
    loaded.location = SCHEMA_URL
    return loaded


schema = load_schema()


def bearer(user_id: str) -> str:
    return f"Bearer {issue_token(user_id)}"


def routed(response) -> bool:
    """Whether the request's path reached a view (a negative id or a "/" in a user id does not:
    the URL patterns send it to the JSON 404 for unknown /api/ paths, before any authentication)."""
    try:
        match = resolve(unquote(urlsplit(response.request.url).path))
    except Resolver404:
        return False
    return match.url_name != "api-not-found"


def path_user(case) -> str:
    """The user the request's path names (schemathesis keeps path parameters percent-encoded)."""
    return unquote(case.path_parameters["user_id"])


def check_auth_is_enforced(case) -> None:
    """No token: 401; a valid token for somebody else: 403. Both in the error shape."""
    user_id = path_user(case)
    others = {k: v for k, v in (case.headers or {}).items() if k.lower() != "authorization"}

    case.headers = others
    response = case.call()
    if not routed(response):
        assert response.status_code == 404, (response.status_code, response.text)
        assert assert_error_shape(response.json())["code"] == "not_found"
        case.headers = {**others, "Authorization": bearer(user_id)}
        return
    assert response.status_code == 401, (response.status_code, response.text)
    assert assert_error_shape(response.json())["code"] == "not_authenticated"
    assert response.headers.get("www-authenticate") == ["Bearer"], response.headers

    # Somebody else, with a usable user id of their own (no whitespace around it).
    case.headers = {**others, "Authorization": bearer(f"not-{user_id.strip()}"[:255])}
    response = case.call()
    assert response.status_code == 403, (response.status_code, response.text)
    assert assert_error_shape(response.json())["code"] == "forbidden"

    case.headers = {**others, "Authorization": bearer(user_id)}


def without_undeclared_query(case) -> None:
    """Drop query parameters the operation does not declare. The API ignores unknown ones, as
    HTTP APIs commonly do (caches and proxies add their own), so a generated request whose only
    fault was one of them is no fault to reject; with them gone, schemathesis sees that too."""
    container = case.operation.get_parameter_set(ParameterLocation.QUERY)
    declared = container.schema.get("properties", {}) if container else {}
    if case.query:
        case.query = {name: value for name, value in case.query.items() if name in declared}


def call_as_path_user(case) -> None:
    without_undeclared_query(case)
    check_auth_is_enforced(case)
    response = case.call_and_validate(checks=CHECKS)
    if response.status_code >= 400:
        assert_error_shape(response.json())


def call_as_owner_or_path_user(case, as_owner: bool, **owner_path: int) -> None:
    """`call_as_path_user`, on the path generated or (`as_owner`) on OWNER's, with `owner_path`'s
    parameters (OWNER's conversation) in it."""
    if as_owner:
        case.path_parameters = {**case.path_parameters, "user_id": OWNER, **owner_path}
    call_as_path_user(case)


@pytest.fixture
def owner_conversation(api_as) -> int:
    """A conversation with a successful tool call and a failed one, for the history endpoints."""
    client = api_as(OWNER)
    first = client.post(f"/api/{OWNER}/chat", {"message": "Add a task to buy milk"}, format="json")
    assert first.status_code == 200, first.content
    conversation_id = first.json()["conversation_id"]
    second = client.post(
        f"/api/{OWNER}/chat",
        {"message": "Delete task 999999", "conversation_id": conversation_id},
        format="json",
    )
    assert second.status_code == 200, second.content
    return conversation_id


@schema.include(operation_id="chat").parametrize()
@fuzz_settings
def test_chat_never_fails_and_fits_its_schema(case):
    call_as_path_user(case)


@schema.include(operation_id="conversations_list").parametrize()
@schema.given(as_owner=st.booleans())
@fuzz_settings
def test_conversation_list_never_fails_and_fits_its_schema(case, as_owner, owner_conversation):
    call_as_owner_or_path_user(case, as_owner)


@schema.include(operation_id="conversation_messages").parametrize()
@schema.given(as_owner=st.booleans())
@fuzz_settings
def test_conversation_messages_never_fail_and_fit_their_schema(case, as_owner, owner_conversation):
    call_as_owner_or_path_user(case, as_owner, conversation_id=owner_conversation)


@schema.include(operation_id="tasks_list").parametrize()
@schema.given(as_owner=st.booleans())
@fuzz_settings
def test_task_list_never_fails_and_fits_its_schema(case, as_owner, owner_conversation):
    # OWNER has a task (from owner_conversation), so filters and pages meet a real row.
    call_as_owner_or_path_user(case, as_owner)


@schema.include(operation_id="notifications_list").parametrize()
@fuzz_settings
def test_notification_list_never_fails_and_fits_its_schema(case):
    call_as_path_user(case)


@schema.include(operation_id="notification_seen").parametrize()
@fuzz_settings
def test_marking_one_notification_seen_never_fails_and_fits_its_schema(case):
    call_as_path_user(case)


@schema.include(operation_id="notifications_seen").parametrize()
@fuzz_settings
def test_marking_notifications_seen_never_fails_and_fits_its_schema(case):
    call_as_path_user(case)


# --- what the schema cannot say ---------------------------------------------------------------

PATHS = [
    ("post", "/api/{user_id}/chat"),
    ("get", "/api/{user_id}/conversations"),
    ("get", "/api/{user_id}/conversations/{conversation_id}/messages"),
]


def send(client: Client, method: str, path: str, user_id: str):
    """One request to one of PATHS for `user_id` (a chat turn says hi)."""
    url = path.format(user_id=quote(user_id, safe=""), conversation_id=1)
    if method == "post":
        return client.post(url, {"message": "hi"}, content_type="application/json")
    return client.get(url)


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=12,
)
hostile_text = st.one_of(
    st.text(),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=1).map(lambda s: s + "\x00"),
    st.integers(min_value=4001, max_value=70_000).map(lambda n: "x" * n),
    st.sampled_from(["   ", "\n\t", "\u200b", "\ufeff", "null", "{}", "'; DROP TABLE tasks;--"]),
)
chat_bodies = st.one_of(
    json_values,
    st.fixed_dictionaries(
        {"message": st.one_of(hostile_text, json_values)},
        optional={
            "conversation_id": st.one_of(
                st.integers(), st.integers(min_value=2**63 - 10, max_value=2**70), json_values
            ),
            "extra": json_values,
        },
    ),
)


def assert_ok_or_a_shaped_4xx(response) -> None:
    """A 200, or a 400, 404 or 413 (a body over the size limit) in the error shape."""
    assert response.status_code in (200, 400, 404, 413), response.content
    if response.status_code != 200:
        assert_error_shape(response.json())


@given(body=chat_bodies)
@fuzz_settings
def test_any_json_body_gets_200_or_a_shaped_4xx(api_as, body):
    response = api_as(OWNER).post(f"/api/{OWNER}/chat", body, format="json")

    assert_ok_or_a_shaped_4xx(response)


@given(raw=st.binary(max_size=300) | st.text(max_size=300).map(str.encode))
@fuzz_settings
def test_any_bytes_as_a_body_get_200_or_a_shaped_4xx(api_as, raw):
    response = api_as(OWNER).post(f"/api/{OWNER}/chat", raw, content_type="application/json")

    assert_ok_or_a_shaped_4xx(response)


def test_a_body_over_the_size_limit_is_refused_unread(api_as):
    body = b'{"message": "' + b"x" * django_settings.MAX_REQUEST_BODY_BYTES + b'"}'

    response = api_as(OWNER).post(f"/api/{OWNER}/chat", body, content_type="application/json")

    assert response.status_code == 413
    assert "larger than" in assert_error_shape(response.json())["message"]


@pytest.mark.parametrize("content_type", ["text/plain", "application/x-www-form-urlencoded"])
def test_a_body_that_is_not_json_is_refused(api_as, content_type):
    response = api_as(OWNER).post(f"/api/{OWNER}/chat", "message=hi", content_type=content_type)

    assert response.status_code == 415
    assert assert_error_shape(response.json())["code"] == "unsupported_media_type"


@pytest.mark.parametrize("coding", ["gzip", "br", "deflate", "GZIP", "gzip, identity"])
@pytest.mark.parametrize(
    "path", [f"/api/{OWNER}/chat", f"/api/{OWNER}/notifications/seen", "/api/chatkit"]
)
def test_a_compressed_body_is_refused_not_read_as_plain_json(api_as, path, coding):
    # The body is not decompressed: gzip's bytes were a baffling "not valid JSON", and a plain
    # body labelled `br` was read as if it were not compressed.
    plain = b'{"type": "threads.list", "params": {}, "message": "hi"}'
    for body in (gzip.compress(plain), plain):
        response = api_as(OWNER).post(
            path, body, content_type="application/json", HTTP_CONTENT_ENCODING=coding
        )

        assert response.status_code == 415, response.content
        error = assert_error_shape(response.json())
        assert error["code"] == "unsupported_media_type"
        assert "send the body uncompressed" in error["message"]


def test_an_identity_content_encoding_is_a_plain_body(api_as):
    response = api_as(OWNER).post(
        f"/api/{OWNER}/chat",
        b'{"message": "hi"}',
        content_type="application/json",
        HTTP_CONTENT_ENCODING="identity",
    )

    assert response.status_code == 200, response.content


@given(
    page=st.one_of(st.integers().map(str), st.text(max_size=30)),
    page_size=st.one_of(st.integers().map(str), st.text(max_size=30)),
)
@fuzz_settings
def test_any_page_parameters_get_a_page_or_a_shaped_error(
    api_as, owner_conversation, page, page_size
):
    client = api_as(OWNER)
    query = {"page": page, "page_size": page_size}
    for path in (
        f"/api/{OWNER}/conversations",
        f"/api/{OWNER}/conversations/{owner_conversation}/messages",
    ):
        response = client.get(path, query)

        # A page or page size that is not a positive whole number is a 400, a page past the
        # end a 404.
        assert_ok_or_a_shaped_4xx(response)


tokens = st.one_of(
    st.text(alphabet=st.characters(min_codepoint=0x21, max_codepoint=0x7E), max_size=300),
    st.builds(lambda a, b, c: f"{a}.{b}.{c}", *[st.text("ABCxyz019-_", max_size=40)] * 3),
    st.just("eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.eyJzdWIiOiJmdXp6LW93bmVyIn0."),  # alg none
    st.integers(min_value=8000, max_value=9000).map(lambda n: "a" * n),
)


@given(scheme=st.sampled_from(["Bearer", "bearer", "Basic", "Token", ""]), token=tokens)
@fuzz_settings
def test_a_bad_token_gets_401_on_every_endpoint(scheme, token):
    client = Client(HTTP_AUTHORIZATION=f"{scheme} {token}".strip())
    for method, path in PATHS:
        response = send(client, method, path, OWNER)

        assert response.status_code == 401, response.content
        assert assert_error_shape(response.json())["code"] == "not_authenticated"


def test_an_expired_or_foreign_token_gets_401():
    expired = issue_token(OWNER, ttl_s=-3600)
    for token in (expired, issue_token(OWNER)[:-4] + "AAAA"):
        client = Client(HTTP_AUTHORIZATION=f"Bearer {token}")
        response = client.get(f"/api/{OWNER}/conversations")

        assert response.status_code == 401, response.content
        assert assert_error_shape(response.json())["code"] == "not_authenticated"


user_ids = st.one_of(
    st.text(alphabet=st.characters(codec="utf-8", exclude_characters="/"), min_size=1),
    st.integers(min_value=256, max_value=2000).map(lambda n: "u" * n),
    st.text(min_size=1, max_size=20).map(lambda s: s.replace("/", "") + "\x00"),
)


@given(user_id=user_ids)
@fuzz_settings
def test_any_user_id_in_token_and_path_gets_an_answer_not_a_5xx(user_id):
    client = Client(HTTP_AUTHORIZATION=bearer(user_id))
    for method, path in PATHS:
        response = send(client, method, path, user_id)

        assert response.status_code < 500, (method, path, response.status_code, response.content)
        if response.status_code >= 400:
            assert_error_shape(response.json())


@pytest.mark.parametrize("operation_id", HISTORY_OPERATIONS)
def test_history_schema_describes_the_page_envelope(operation_id):
    raw = published_schema()
    [operation] = [
        op
        for path in raw["paths"].values()
        for op in path.values()
        if op.get("operationId") == operation_id
    ]
    ok = operation["responses"]["200"]["content"]["application/json"]["schema"]
    ok = raw["components"]["schemas"][ok["$ref"].rsplit("/", 1)[1]] if "$ref" in ok else ok

    assert {"count", "next", "previous", "results"} <= set(ok.get("properties", {}))
    assert {"page", "page_size"} <= {p["name"] for p in operation.get("parameters", [])}
