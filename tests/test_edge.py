"""Hostile requests at the edge of a real server (uvicorn, with DEBUG on: the worst case, where
Django would show its HTML debug pages): every answer is the API's JSON error shape, an
oversized body is refused before it is read, and nothing is a 500."""

from __future__ import annotations

import contextlib
import json
import socket
from collections.abc import Iterator

import pytest
from django.conf import settings

from tests.support.errors import assert_error_shape
from tests.support.processes import Server, copy_database, product_env
from todochat.tokens import issue_token

LIMIT = 65536


@pytest.fixture(scope="module")
def server(migrated_sqlite, tmp_path_factory) -> Iterator[Server]:
    directory = tmp_path_factory.mktemp("edge")
    env = product_env(
        copy_database(migrated_sqlite, directory),
        DEBUG="true",
        AUTH_JWT_SECRET=settings.AUTH_JWT_SECRET,
        REQUEST_BODY_TIMEOUT_S="1",
    )
    with Server.product(env, log_path=directory / "server.log") as running:
        yield running


def token(user_id: str = "alice") -> str:
    return issue_token(user_id)


def raw_request(server: Server, head: str, body: bytes = b"", timeout: float = 10) -> tuple:
    """Send `head` (and `body`) as is; return (status, headers, body) of the answer."""
    head += "Connection: close\n"
    with socket.create_connection(("127.0.0.1", server.port), timeout=timeout) as sock:
        # Refused before the body was read: the answer is there to read all the same.
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            sock.sendall(head.replace("\n", "\r\n").encode() + b"\r\n" + body)
        received = b""
        while True:
            try:
                chunk = sock.recv(65536)
            except ConnectionResetError:
                break
            if not chunk:
                break
            received += chunk
    head_part, _, rest = received.partition(b"\r\n\r\n")
    lines = head_part.decode().split("\r\n")
    status = int(lines[0].split()[1])
    headers = {k.lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:])}
    if headers.get("transfer-encoding") == "chunked":
        rest = dechunk(rest)
    return status, headers, rest


def dechunk(data: bytes) -> bytes:
    out = b""
    while data:
        size_line, _, data = data.partition(b"\r\n")
        size = int(size_line, 16)
        if size == 0:
            break
        out, data = out + data[:size], data[size + 2 :]
    return out


@pytest.mark.parametrize("path", ["/api/alice/chat", "/admin/login/", "/healthz"])
def test_a_declared_body_over_the_limit_is_a_413_before_a_byte_is_read(server, path):
    # 200 MiB announced, none sent, no token: the answer comes without waiting for the body.
    status, headers, body = raw_request(
        server,
        f"POST {path} HTTP/1.1\nHost: 127.0.0.1\nContent-Type: application/json\n"
        f"Content-Length: {200 * 1024 * 1024}\n",
    )

    assert status == 413
    assert headers["content-type"] == "application/json"
    error = assert_error_shape(json.loads(body))
    assert error["code"] == "too_large"
    assert f"limit of {LIMIT} bytes" in error["message"]


def chunked(data: bytes, size: int = 8192) -> bytes:
    out = b""
    for start in range(0, len(data), size):
        piece = data[start : start + size]
        out += f"{len(piece):x}\r\n".encode() + piece + b"\r\n"
    return out + b"0\r\n\r\n"


def test_a_chunked_body_over_the_limit_is_a_413(server):
    status, _, body = raw_request(
        server,
        "POST /api/alice/chat HTTP/1.1\nHost: 127.0.0.1\nContent-Type: application/json\n"
        "Transfer-Encoding: chunked\n",
        chunked(b"x" * (LIMIT * 3)),
    )

    assert status == 413
    assert assert_error_shape(json.loads(body))["code"] == "too_large"


@pytest.mark.parametrize(
    ("framing", "body"),
    [
        ("Content-Length: 100\n", b'{"message": '),
        ("Transfer-Encoding: chunked\n", b'5\r\n{"mes\r\n'),
    ],
    ids=["shorter-than-declared", "chunked-without-its-end"],
)
def test_a_body_that_never_arrives_whole_is_a_408_not_a_connection_held_open(server, framing, body):
    status, headers, answer = raw_request(
        server,
        "POST /api/alice/chat HTTP/1.1\nHost: 127.0.0.1\nContent-Type: application/json\n"
        f"Authorization: Bearer {token()}\n{framing}",
        body,
        timeout=10,
    )

    assert status == 408
    assert headers["connection"] == "close"
    assert assert_error_shape(json.loads(answer))["code"] == "request_timeout"


def test_a_chunked_body_under_the_limit_is_served(server):
    payload = json.dumps({"message": "Add a task to buy chunked milk"}).encode()
    status, _, body = raw_request(
        server,
        "POST /api/alice/chat HTTP/1.1\nHost: 127.0.0.1\nContent-Type: application/json\n"
        f"Authorization: Bearer {token()}\nTransfer-Encoding: chunked\n",
        chunked(payload, size=7),
    )

    assert status == 200, body
    assert json.loads(body)["tool_calls"][0]["name"] == "add_task"


@pytest.mark.parametrize("path", ["/api/alice/chat", "/api/alice/conversations", "/healthz"])
def test_a_foreign_host_header_is_a_json_400(server, path):
    status, headers, body = raw_request(server, f"GET {path} HTTP/1.1\nHost: evil.example\n")

    assert status == 400
    assert headers["content-type"] == "application/json"
    assert "Host" in assert_error_shape(json.loads(body))["message"]


@pytest.mark.parametrize("path", ["/api/schema", "/api/docs", "/api/alice/nothing"])
def test_a_post_to_a_path_that_only_exists_with_a_slash_is_a_json_404(server, path):
    answer = server.request("POST", path, {"x": 1}, token=token())

    assert answer.status == 404
    assert assert_error_shape(answer.json())["code"] == "not_found"


def test_json_nested_20000_deep_is_a_json_400_even_with_debug(server):
    payload = ("[" * 20000 + "]" * 20000).encode()
    status, headers, body = raw_request(
        server,
        "POST /api/alice/chat HTTP/1.1\nHost: 127.0.0.1\nContent-Type: application/json\n"
        f"Authorization: Bearer {token()}\nContent-Length: {len(payload)}\n",
        payload,
    )

    assert status == 400
    assert headers["content-type"] == "application/json"
    assert assert_error_shape(json.loads(body))["code"] == "invalid"
