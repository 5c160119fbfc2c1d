"""Static files follow the site's HTTPS settings, over HTTP under uvicorn as deployed (DEBUG
off: `/static/` is served in front of Django): with `SECURE_SSL_REDIRECT` a plain-HTTP request
for a stylesheet is redirected as an admin page is, and over HTTPS (a proxy that says so with
`X-Forwarded-Proto`) it carries the same `Strict-Transport-Security` and security headers."""

from __future__ import annotations

import http.client

import pytest

from tests.support.processes import Answer, Server, copy_database, manage, product_env

CSS = "/static/admin/css/base.css"
SECURITY_HEADERS = (
    "strict-transport-security",
    "x-content-type-options",
    "referrer-policy",
    "cross-origin-opener-policy",
)


@pytest.fixture(scope="module")
def https_server(tmp_path_factory, migrated_sqlite):
    root = tmp_path_factory.mktemp("static") / "staticfiles"
    manage(
        "collectstatic",
        "--no-input",
        "-v",
        "0",
        env=product_env(migrated_sqlite, STATIC_ROOT=str(root)),
    )
    tmp_path = tmp_path_factory.mktemp("https")
    env = product_env(
        copy_database(migrated_sqlite, tmp_path),
        STATIC_ROOT=str(root),
        SECURE_SSL_REDIRECT="true",
        SECURE_HSTS_SECONDS="3600",
        ALLOWED_HOSTS="todo.example.com,127.0.0.1",
    )
    with Server.product(env, tmp_path / "server.log") as running:
        yield running


def get(
    server: Server, path: str, *, host: str = "todo.example.com", https: bool = False
) -> Answer:
    """GET `path` as a browser (through a TLS-terminating proxy when `https`), not following
    redirects."""
    headers = {"Host": host}
    if https:
        headers["X-Forwarded-Proto"] = "https"
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
    try:
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        body = response.read().decode("utf-8", errors="replace")
        return Answer(response.status, {k.lower(): v for k, v in response.getheaders()}, body)
    finally:
        connection.close()


def test_plain_http_for_a_static_file_is_redirected_like_a_page(https_server):
    page = get(https_server, "/admin/login/?next=/admin/")
    css = get(https_server, CSS + "?v=2")

    assert page.status == 301
    assert page.headers["location"] == "https://todo.example.com/admin/login/?next=/admin/"
    assert css.status == 301
    assert css.headers["location"] == "https://todo.example.com" + CSS + "?v=2"


def test_a_static_file_over_https_has_the_pages_security_headers(https_server):
    page = get(https_server, "/admin/login/", https=True)
    css = get(https_server, CSS, https=True)

    assert page.status == 200 and css.status == 200
    assert "body" in css.text
    assert css.headers["strict-transport-security"] == "max-age=3600"
    for name in SECURITY_HEADERS:
        assert css.headers.get(name) == page.headers.get(name), name


def test_a_static_file_for_a_host_not_allowed_is_refused_not_redirected(https_server):
    css = get(https_server, CSS, host="evil.example.net")

    assert css.status == 400
    assert "location" not in css.headers
