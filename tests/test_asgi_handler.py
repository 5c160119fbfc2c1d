"""API requests are served on the event loop: Django's request signals still fire, and no
thread is started for them (a burst of requests no longer means a burst of threads)."""

import threading

import pytest
from asgiref.testing import ApplicationCommunicator
from django.core import signals

from todochat.asgi import application

pytestmark = pytest.mark.django_db


async def get(path):
    return await request("GET", path)


async def request(method, path, body=b"", headers=()):
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": method,
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": b"",
        "root_path": "",
        "headers": [(b"host", b"testserver"), *headers],
        "client": ("127.0.0.1", 50000),
        "server": ("testserver", 80),
    }
    communicator = ApplicationCommunicator(application, scope)
    await communicator.send_input({"type": "http.request", "body": body, "more_body": False})
    start = await communicator.receive_output(5)
    answer = await communicator.receive_output(5)
    await communicator.wait(5)
    if method != "GET":
        return start["status"], {k.lower(): v for k, v in start["headers"]}, answer["body"]
    return start["status"], answer["body"]


async def test_api_requests_send_the_request_signals_and_start_no_thread(monkeypatch):
    fired = []
    started_threads = []
    original_start = threading.Thread.start

    def counting_start(thread):
        started_threads.append(thread.name)
        return original_start(thread)

    def on_started(**kwargs):
        fired.append("started")

    def on_finished(**kwargs):
        fired.append("finished")

    await get("/api/alice/conversations")  # long-lived pools start on first use
    signals.request_started.connect(on_started)
    signals.request_finished.connect(on_finished)
    monkeypatch.setattr(threading.Thread, "start", counting_start)
    try:
        for _ in range(5):
            status, body = await get("/api/alice/conversations")
            assert status == 401
            assert b'"error"' in body
    finally:
        signals.request_started.disconnect(on_started)
        signals.request_finished.disconnect(on_finished)

    assert fired == ["started", "finished"] * 5
    # The loop's default executor is a bounded pool that may grow on any use; what must not
    # happen is a thread per request (Django's handler starts one, and a thread to join it).
    assert [name for name in started_threads if not name.startswith("asyncio_")] == []


async def test_chat_answers_are_rendered_on_the_event_loop(monkeypatch):
    # Django renders a DRF response in a thread hop of its own; the chat API hands it a
    # rendered one, headers and all.
    import django.core.handlers.base as base

    hops = []
    original = base.sync_to_async

    def counting(fn, *args, **kwargs):
        hops.append(getattr(fn, "__qualname__", repr(fn)))
        return original(fn, *args, **kwargs)

    monkeypatch.setattr(base, "sync_to_async", counting)
    status, headers, body = await request(
        "POST",
        "/api/alice/chat",
        b'{"message": "hi"}',
        [(b"content-type", b"application/json")],
    )

    assert status == 401
    assert b'"error"' in body
    assert headers[b"content-type"] == b"application/json"
    assert headers[b"www-authenticate"].startswith(b"Bearer")
    assert headers[b"content-length"] == str(len(body)).encode()
    # (An error answer is still logged from a thread, as Django does for every 4xx and 5xx.)
    assert [hop for hop in hops if "render" in hop] == []


def test_the_server_collects_young_objects_every_10_000_allocations_not_every_700():
    # At Python's 700 the collector ran about once a chat turn (~0.5 ms of CPU a turn).
    import gc

    assert gc.get_threshold()[0] == 10_000
