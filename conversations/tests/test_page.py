"""The chat page as the server sends it: its security headers, no inline script, its own
assets, and the development sign-in endpoint that exists only with DEBUG=true.

What the page does in a browser is in tests/browser/.
"""

import re

import pytest
from django.test import Client
from rest_framework.test import APIClient

from todochat.tokens import verify_token

pytestmark = pytest.mark.django_db


def directives(policy: str) -> dict[str, str]:
    return {
        part.strip().split(" ", 1)[0]: part.strip().partition(" ")[2]
        for part in policy.split(";")
        if part.strip()
    }


def test_page_is_served_with_a_strict_content_security_policy():
    response = Client().get("/")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    policy = directives(response["Content-Security-Policy"])
    assert policy["default-src"] == "'none'"
    assert policy["script-src"] == "'self'"
    assert policy["style-src"] == "'self'"
    assert policy["connect-src"] == "'self'"
    assert policy["frame-ancestors"] == "'none'"
    assert policy["object-src"] == "'none'"
    assert "unsafe" not in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_the_auth_servers_origin_is_the_only_other_one_the_page_may_call(settings):
    settings.AUTH_TOKEN_URL = "https://app.example.com/api/auth/token"

    policy = directives(Client().get("/")["Content-Security-Policy"])

    assert policy["connect-src"] == "'self' https://app.example.com"


def test_an_auth_server_on_this_origin_adds_no_other_origin(settings):
    # Better Auth served behind the same host: a path, fetched from this origin.
    settings.AUTH_TOKEN_URL = "/api/auth/token"

    response = Client().get("/")

    assert directives(response["Content-Security-Policy"])["connect-src"] == "'self'"
    assert "/api/auth/token" in response.content.decode()


def test_page_has_no_inline_script_and_no_third_party_origin():
    html = Client().get("/").content.decode()

    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", html, re.S)
    assert scripts
    for attributes, body in scripts:
        # Either an external script of our own, or data that never runs.
        assert 'src="/assets/' in attributes or 'type="application/json"' in attributes
        assert not body.strip() or 'type="application/json"' in attributes
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", html)
    assert not re.search(r"\son[a-z]+\s*=", html)  # no inline event handlers either


@pytest.mark.parametrize(("debug", "dev_sign_in"), [(True, "true"), (False, "false")])
def test_page_offers_the_development_sign_in_only_with_debug(settings, debug, dev_sign_in):
    settings.DEBUG = debug

    html = Client().get("/").content.decode()

    assert f'"devSignIn": {dev_sign_in}' in html


@pytest.mark.parametrize(
    ("path", "content_type"),
    [("page.js", "text/javascript"), ("page.css", "text/css")],
)
def test_assets_are_served_by_the_app_even_without_debug(settings, path, content_type):
    settings.DEBUG = False

    response = Client().get(f"/assets/{path}")

    assert response.status_code == 200
    assert response["Content-Type"].startswith(content_type)


def test_assets_outside_the_page_folder_are_not_served():
    assert Client().get("/assets/../../page.py").status_code == 404
    assert Client().get("/assets/%2e%2e/page.py").status_code == 404


@pytest.mark.parametrize(
    "path", ["a" * 3000, "a" * 300 + ".js", "x/" + "b" * 256, "%00", "a%00.js"]
)
def test_an_asset_name_no_file_system_takes_is_a_404(path):
    # A name over 255 bytes was an OSError (ENAMETOOLONG) from the file system: a 500.
    assert Client().get(f"/assets/{path}").status_code == 404


def test_dev_token_signs_a_short_lived_token_for_the_name_given(settings):
    settings.DEBUG = True

    response = APIClient().post("/api/dev/token", {"user_id": "ann.lee"}, format="json")

    assert response.status_code == 200
    body = response.json()
    token = verify_token(body["token"])
    assert token.subject == "ann.lee"
    assert token.claims["exp"] - token.claims["iat"] == body["expires_in"] <= 3600


@pytest.mark.parametrize("typed", [" ann.lee", "ann.lee ", "\tann.lee\n", "\u00a0ann.lee\u2003"])
def test_dev_token_signs_the_name_typed_without_the_spaces_around_it_and_says_so(settings, typed):
    # A sign-in form (or a phone's keyboard) adds a space; the name is what is between them.
    settings.DEBUG = True

    response = APIClient().post("/api/dev/token", {"user_id": typed}, format="json")

    assert response.status_code == 200
    body = response.json()
    assert body["user_id"] == verify_token(body["token"]).subject == "ann.lee"
    authorization = f"Bearer {body['token']}"
    assert (
        Client().get("/api/ann.lee/conversations", HTTP_AUTHORIZATION=authorization).status_code
        == 200
    )


@pytest.mark.parametrize(
    "name",
    ["", "   ", "a/b", "x" * 65, "bad name", "<b>", 123, True, ["ann"], ".", "..", "...", " . "],
)
def test_dev_token_refuses_names_that_do_not_fit_a_path(settings, name):
    settings.DEBUG = True

    response = APIClient().post("/api/dev/token", {"user_id": name}, format="json")

    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid"
    assert "user_id" in response.json()["error"]["fields"]


@pytest.mark.parametrize("method", ["get", "post", "put", "delete", "options"])
def test_dev_token_does_not_exist_without_debug(settings, method):
    settings.DEBUG = False
    unknown = getattr(APIClient(), method)("/api/dev/tokens", {"user_id": "ann"}, format="json")

    response = getattr(APIClient(), method)("/api/dev/token", {"user_id": "ann"}, format="json")

    assert (response.status_code, unknown.status_code) == (404, 404)
    # Word for word what an unknown path answers.
    assert response.json() == {
        "error": {
            "code": "not_found",
            "message": unknown.json()["error"]["message"].replace("/tokens", "/token"),
        }
    }
