"""What a newcomer opens in a browser, as served by the real ASGI server: the API docs (with no
internet: every asset local), the admin with its CSS when DEBUG is off (after `collectstatic`),
JSON errors for any unknown /api/ path, and a start log free of noise.
"""

from __future__ import annotations

import re
import urllib.request
from html.parser import HTMLParser

import jwt
import pytest

from tests.support.processes import JWT_SECRET, Answer, Server, copy_database, manage, product_env


class _Assets(HTMLParser):
    """The URLs a page loads: `src` of scripts and images, `href` of stylesheets and icons."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag in ("script", "img") and values.get("src"):
            self.urls.append(values["src"] or "")
        if tag == "link" and values.get("href"):
            self.urls.append(values["href"] or "")


def page_assets(html: str) -> list[str]:
    """Every asset URL of `html`, those in inline scripts' string literals too."""
    parser = _Assets()
    parser.feed(html)
    # Swagger UI's page builds some URLs in an inline script.
    inline = re.findall(r"""["'](https?://[^"']+|/static/[^"']+)["']""", html)
    return parser.urls + inline


def browser_get(server: Server, path: str) -> Answer:
    """GET `path` with the Accept header a browser sends for a typed-in address."""
    accept = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    request = urllib.request.Request(server.base_url + path, headers={"Accept": accept})
    with urllib.request.urlopen(request, timeout=30) as response:
        return Answer(response.status, dict(response.headers), response.read().decode())


def header(answer: Answer, name: str) -> str:
    return {key.lower(): value for key, value in answer.headers.items()}[name]


@pytest.fixture(scope="module")
def static_root(tmp_path_factory, migrated_sqlite):
    """`collectstatic` run as the README's deploy steps say, into a directory of its own."""
    root = tmp_path_factory.mktemp("static") / "staticfiles"
    manage(
        "collectstatic",
        "--no-input",
        "-v",
        "0",
        env=product_env(migrated_sqlite, STATIC_ROOT=str(root)),
    )
    return root


@pytest.fixture(scope="module", params=["debug", "production", "production-uncollected"])
def server(request, tmp_path_factory, migrated_sqlite, static_root):
    """The product under uvicorn, in development (DEBUG on: files from the apps), in
    production (DEBUG off: files from STATIC_ROOT), and in production where `collectstatic` was
    never run (STATIC_ROOT missing: the apps' files); one process of each, shared by the
    module's tests (none of them changes what another reads; the log they check is then the
    whole run's)."""
    tmp_path = tmp_path_factory.mktemp(f"web-{request.param}")
    database = copy_database(migrated_sqlite, tmp_path)
    debug = request.param == "debug"
    root = tmp_path / "never-collected" if request.param.endswith("uncollected") else static_root
    env = product_env(database, DEBUG="true" if debug else "false", STATIC_ROOT=str(root))
    with Server.product(env, tmp_path / "server.log") as running:
        yield running


def test_swagger_ui_loads_only_local_assets_and_each_is_served(server):
    docs = server.request("GET", "/api/docs/")
    assets = page_assets(docs.text)

    assert docs.status == 200
    assert any("swagger-ui-bundle.js" in url for url in assets), assets
    assert [url for url in assets if not url.startswith("/")] == []
    for url in assets:
        answer = server.request("GET", url)
        assert answer.status == 200, url
        assert len(answer.text) > 100, url


def test_the_schema_opens_in_a_browser(server):
    # What a browser sends for a typed-in URL.
    schema = browser_get(server, "/api/schema/")
    as_yaml = server.request("GET", "/api/schema/?format=yaml")

    assert schema.status == 200
    assert header(schema, "content-type").startswith("application/json")
    assert "/api/{user_id}/chat" in schema.json()["paths"]
    assert as_yaml.status == 200
    assert as_yaml.text.startswith("openapi:")


def test_the_admin_is_branded_and_styled(server):
    login = server.request("GET", "/admin/login/")
    assets = page_assets(login.text)
    css = server.request("GET", "/static/admin/css/base.css")

    assert login.status == 200
    assert "todochat" in login.text
    assert "/static/admin/css/base.css" in assets
    assert css.status == 200
    assert header(css, "content-type").startswith("text/css")
    assert "body" in css.text


@pytest.mark.parametrize(
    "path", ["/static/admin/css/nothing.css", "/static/", "/static/../manage.py", "/static/%00"]
)
def test_a_static_path_with_no_file_is_a_404(request, server, path):
    if "debug" in request.node.callspec.id and ".." in path:
        pytest.skip("with DEBUG on, Django's own static view answers (400, and logs it)")
    assert server.request("GET", path).status == 404


def test_the_start_log_is_clean_and_turns_still_run(server):
    token = jwt.encode({"sub": "alice", "exp": 4102444800}, JWT_SECRET, algorithm="HS256")
    turn = server.request("POST", "/api/alice/chat", {"message": "Add a task to buy milk"}, token)

    assert turn.status == 200, turn.text
    assert turn.json()["tool_calls"][0]["name"] == "add_task"
    assert "lifespan" not in server.log().lower()
    assert "Traceback" not in server.log()


@pytest.mark.parametrize(
    ("method", "path", "message"),
    [
        (
            "POST",
            "/api/demo/chat/",
            "No such endpoint: POST /api/demo/chat/. "
            "Did you mean /api/demo/chat (no trailing slash)?",
        ),
        (
            "GET",
            "/api/docs",
            "No such endpoint: GET /api/docs. Did you mean /api/docs/ (with a trailing slash)?",
        ),
        (
            "GET",
            "/api/schema",
            "No such endpoint: GET /api/schema. Did you mean /api/schema/ (with a trailing slash)?",
        ),
        ("GET", "/api/nothing-here", "No such endpoint: GET /api/nothing-here."),
        (
            "DELETE",
            "/api/demo/conversations/x",
            "No such endpoint: DELETE /api/demo/conversations/x.",
        ),
        ("GET", "/api/", "No such endpoint: GET /api/."),
        ("POST", "/api", "No such endpoint: POST /api."),
    ],
)
def test_unknown_api_paths_answer_in_the_json_error_shape(server, method, path, message):
    answer = server.request(method, path, {"message": "hi"} if method == "POST" else None)

    assert answer.status == 404
    assert header(answer, "content-type") == "application/json"
    assert answer.json() == {"error": {"code": "not_found", "message": message}}
