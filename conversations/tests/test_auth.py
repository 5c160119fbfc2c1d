"""Who may call the API: bearer JWTs from a JWKS document (EdDSA, RS256, ES256) or signed with a
shared secret (HS256/384/512), everything else refused with 401; the path's user must be the token's
subject (403); a deployment with no way to verify tokens refuses to start; browsers only from
allowed origins."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from dataclasses import dataclass
from io import StringIO
from urllib.parse import quote

import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from django.core import checks
from django.core.management import CommandError, call_command
from rest_framework.test import APIClient

from tests.jwks import JWKSServer, SigningKey, hmac_token, hs256_token, unsigned_token
from tests.support.processes import REPO_ROOT

pytestmark = pytest.mark.django_db

ISSUER = "https://auth.example.com"
AUDIENCE = "https://todochat.example.com"


def get_conversations(authorization: str | None, user_id: str = "alice"):
    headers = {"HTTP_AUTHORIZATION": authorization} if authorization is not None else {}
    return APIClient().get(f"/api/{user_id}/conversations", **headers)


def bearer(token: str) -> str:
    return f"Bearer {token}"


def assert_unauthorized(response) -> None:
    assert response.status_code == 401, response.content
    assert response["WWW-Authenticate"] == "Bearer"
    error = response.json()["error"]
    assert error["code"] == "not_authenticated"
    assert error["message"]


@pytest.fixture
def secret(settings) -> str:
    return settings.AUTH_JWT_SECRET


@pytest.fixture
def ed25519() -> SigningKey:
    return SigningKey.generate("EdDSA")


@pytest.fixture
def jwks(settings, ed25519):
    """A JWKS endpoint publishing `ed25519`, configured as AUTH_JWKS_URL."""
    with JWKSServer(ed25519) as server:
        settings.AUTH_JWKS_URL = server.url
        yield server


# --- Accepted tokens --------------------------------------------------------------------------


@pytest.mark.parametrize("algorithm", ["EdDSA", "RS256", "ES256"])
def test_tokens_signed_with_a_published_key_are_accepted(jwks, algorithm):
    key = SigningKey.generate(algorithm)
    jwks.publish(key)

    assert get_conversations(bearer(key.token("alice"))).status_code == 200


@pytest.mark.parametrize("algorithm", ["HS256", "HS384", "HS512"])
def test_tokens_signed_with_the_shared_secret_are_accepted_with_each_hmac_algorithm(
    secret, algorithm
):
    claims = {"sub": "alice", "exp": int(time.time()) + 60}
    token = jwt.encode(claims, secret, algorithm=algorithm)

    assert get_conversations(bearer(token)).status_code == 200


def test_secret_and_jwks_together_the_tokens_alg_picks_the_key(jwks, ed25519, secret):
    assert get_conversations(bearer(hs256_token(secret))).status_code == 200
    assert get_conversations(bearer(ed25519.token())).status_code == 200


def test_issuer_and_audience_are_accepted_when_they_match(settings, secret):
    settings.AUTH_JWT_ISSUER = ISSUER
    settings.AUTH_JWT_AUDIENCE = AUDIENCE

    token = hs256_token(secret, iss=ISSUER, aud=AUDIENCE)

    assert get_conversations(bearer(token)).status_code == 200


def test_a_token_expired_within_the_leeway_is_accepted(settings, secret):
    settings.AUTH_JWT_LEEWAY_S = 30

    assert get_conversations(bearer(hs256_token(secret, ttl_s=-10))).status_code == 200


def test_the_scheme_is_case_insensitive(secret):
    assert get_conversations(f"bearer {hs256_token(secret)}").status_code == 200


# --- The JWKS document: cached, refetched for a rotated key ------------------------------------


def test_a_rotated_key_is_fetched_on_its_first_token(jwks, ed25519):
    assert get_conversations(bearer(ed25519.token())).status_code == 200
    rotated = SigningKey.generate("EdDSA")
    jwks.publish(rotated)

    assert get_conversations(bearer(rotated.token())).status_code == 200
    assert jwks.fetches == 2
    # The retired key is gone from the refetched document.
    assert_unauthorized(get_conversations(bearer(ed25519.token())))


def test_the_key_set_is_cached_for_auth_jwks_cache_s(settings, jwks, ed25519):
    settings.AUTH_JWKS_CACHE_S = 1
    for _ in range(3):
        assert get_conversations(bearer(ed25519.token())).status_code == 200
    assert jwks.fetches == 1
    jwks.publish(SigningKey.generate("EdDSA"))

    time.sleep(1.1)

    assert_unauthorized(get_conversations(bearer(ed25519.token())))
    assert jwks.fetches > 1


def test_made_up_key_ids_do_not_hammer_the_auth_server(jwks, ed25519):
    for number in range(5):
        token = ed25519.token(headers={"kid": f"made-up-{number}"})
        assert_unauthorized(get_conversations(bearer(token)))

    # The first fetch, then one refetch for an unknown kid; the rest wait for the cooldown.
    assert jwks.fetches == 2


def assert_sign_in_unavailable(response) -> None:
    assert response.status_code == 503, response.content
    assert response["Retry-After"] == "5"
    assert "WWW-Authenticate" not in response  # nothing to do about it by signing in again
    error = response.json()["error"]
    assert error["code"] == "service_unavailable"
    assert error["message"]


@pytest.mark.parametrize("body", [b"not json", b"[]", b'{"keys": []}', b'{"keys": [{"kty": 1}]}'])
def test_an_unusable_jwks_document_gives_503_not_401_or_500(jwks, ed25519, body):
    jwks.body = body

    assert_sign_in_unavailable(get_conversations(bearer(ed25519.token())))


def test_an_unreachable_jwks_endpoint_gives_503_and_recovers_when_it_is_back(settings, ed25519):
    with JWKSServer(ed25519) as server:
        url = server.url
    settings.AUTH_JWKS_URL = url

    assert_sign_in_unavailable(get_conversations(bearer(ed25519.token())))

    with JWKSServer(ed25519) as server:
        settings.AUTH_JWKS_URL = server.url
        assert get_conversations(bearer(ed25519.token())).status_code == 200


def test_tokens_that_need_no_jwks_are_checked_while_it_is_unreachable(settings, ed25519, secret):
    with JWKSServer(ed25519) as server:
        url = server.url
    settings.AUTH_JWKS_URL = url

    assert get_conversations(bearer(hs256_token(secret, "alice"))).status_code == 200
    assert_unauthorized(get_conversations(bearer("not-a-jwt")))


# --- Refused tokens ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Keys:
    """What a refused-token case may sign with; the JWKS endpoint publishes both keys."""

    secret: str
    ed25519: SigningKey
    rsa: SigningKey

    def rsa_public_pem(self) -> bytes:
        return self.rsa.private_key.public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )


@pytest.fixture
def keys(jwks, ed25519, secret) -> Keys:
    rsa = SigningKey.generate("RS256")
    jwks.publish(ed25519, rsa)
    return Keys(secret=secret, ed25519=ed25519, rsa=rsa)


REFUSED = {
    "alg-none": lambda k: bearer(unsigned_token()),
    "wrong-secret": lambda k: bearer(hs256_token("another-secret-that-is-32-bytes-long!")),
    "unpublished-key-with-a-published-kid": lambda k: bearer(
        SigningKey.generate("EdDSA").token(headers={"kid": k.ed25519.kid})
    ),
    "rs256-header-with-an-ed25519-kid": lambda k: bearer(
        k.rsa.token(headers={"kid": k.ed25519.kid})
    ),
    "hs256-signed-with-the-published-public-key": lambda k: bearer(
        hmac_token(k.rsa_public_pem(), kid=k.rsa.kid)
    ),
    "expired": lambda k: bearer(hs256_token(k.secret, ttl_s=-3600)),
    "not-yet-valid": lambda k: bearer(hs256_token(k.secret, nbf=int(time.time()) + 600)),
    "no-exp": lambda k: bearer(jwt.encode({"sub": "alice"}, k.secret, algorithm="HS256")),
    "no-sub": lambda k: bearer(
        jwt.encode({"exp": int(time.time()) + 60}, k.secret, algorithm="HS256")
    ),
    "empty-sub": lambda k: bearer(hs256_token(k.secret, " ")),
    "numeric-sub": lambda k: bearer(hs256_token(k.secret, 42)),
    "overlong-sub": lambda k: bearer(hs256_token(k.secret, "a" * 256)),
    "nul-sub": lambda k: bearer(hs256_token(k.secret, "ali\x00ce")),
    # `"sub": "ali\\ud800ce"` is valid JSON that no text (and no database) can hold.
    "lone-surrogate-sub": lambda k: bearer(hs256_token(k.secret, "ali\ud800ce")),
    "malformed": lambda k: bearer("not-a-jwt"),
    "three-garbage-parts": lambda k: bearer("abc.def.ghi"),
    "non-ascii": lambda k: bearer("tökén"),
    "oversized": lambda k: bearer(hs256_token(k.secret, padding="x" * 9000)),
    "no-token": lambda k: "Bearer",
    "two-tokens": lambda k: f"Bearer {hs256_token(k.secret)} {hs256_token(k.secret)}",
    "basic-scheme": lambda k: "Basic YWxpY2U6cGFzc3dvcmQ=",
    "token-scheme": lambda k: f"Token {hs256_token(k.secret)}",
}


@pytest.mark.parametrize("case", REFUSED.keys())
def test_refused_tokens_get_401_with_a_bearer_challenge(keys, case):
    assert_unauthorized(get_conversations(REFUSED[case](keys)))


@pytest.mark.parametrize("subject", ["alice ", " alice", "alice\n", "\u00a0alice", "\talice"])
def test_a_subject_with_whitespace_around_it_is_no_user(secret, subject):
    # Another user who looks like alice in every list: refused, not given an account.
    response = get_conversations(bearer(hs256_token(secret, subject)), user_id=quote(subject))

    assert_unauthorized(response)
    assert response.json()["error"]["message"] == (
        "The token's subject is not a usable user id: "
        "user_id must not begin or end with whitespace."
    )


def test_a_request_without_a_token_gets_401():
    assert_unauthorized(get_conversations(None))


def test_an_hs256_token_is_refused_when_only_jwks_is_configured(settings, jwks, secret):
    token = hs256_token(secret)
    settings.AUTH_JWT_SECRET = ""

    assert_unauthorized(get_conversations(bearer(token)))


def test_a_jwks_token_is_refused_when_only_a_secret_is_configured(ed25519):
    assert_unauthorized(get_conversations(bearer(ed25519.token())))


@pytest.mark.parametrize(
    "token_claims",
    [
        {"iss": "https://evil.example.com", "aud": AUDIENCE},
        {"aud": AUDIENCE},
        {"iss": ISSUER, "aud": "https://other.example.com"},
        {"iss": ISSUER},
    ],
    ids=["wrong-iss", "no-iss", "wrong-aud", "no-aud"],
)
def test_wrong_or_missing_issuer_or_audience_gets_401(settings, secret, token_claims):
    settings.AUTH_JWT_ISSUER = ISSUER
    settings.AUTH_JWT_AUDIENCE = AUDIENCE

    assert_unauthorized(get_conversations(bearer(hs256_token(secret, **token_claims))))


# --- The path's user is the token's subject ----------------------------------------------------


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "/api/alice/conversations"),
        ("get", "/api/alice/conversations/1/messages"),
        ("post", "/api/alice/chat"),
    ],
)
def test_another_users_path_is_forbidden(api_as, method, path):
    response = getattr(api_as("bob"), method)(path, {"message": "hi"}, format="json")

    assert response.status_code == 403
    assert response.json()["error"]["code"] == "forbidden"


# --- Deployments without authentication --------------------------------------------------------


def _import_asgi(**auth: str) -> subprocess.CompletedProcess:
    env = {
        "PATH": os.environ.get("PATH", ""),
        "SECRET_KEY": "startup-test-secret-key",
        "DEBUG": "false",
        "AUTH_JWKS_URL": "",
        "AUTH_JWT_SECRET": "",
        **auth,
    }
    return subprocess.run(
        [sys.executable, "-c", "import todochat.asgi"],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_without_authentication_refuses_to_start():
    result = _import_asgi()

    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith("Configuration error: No authentication configured")
    assert "AUTH_JWKS_URL" in line and "AUTH_JWT_SECRET" in line


def test_production_with_a_secret_starts():
    result = _import_asgi(AUTH_JWT_SECRET="a-production-secret-of-at-least-32-bytes")

    assert result.returncode == 0, result.stderr


def _auth_check_ids() -> list[str]:
    messages = checks.run_checks(include_deployment_checks=True, tags=[checks.Tags.security])
    return [message.id for message in messages if message.id.startswith("todochat.")]


def test_check_deploy_reports_missing_authentication(settings):
    settings.AUTH_JWT_SECRET = ""

    assert _auth_check_ids() == ["todochat.E001"]


def test_check_deploy_warns_about_a_short_secret(settings):
    settings.AUTH_JWT_SECRET = "too-short"

    assert _auth_check_ids() == ["todochat.W001"]


def test_check_deploy_accepts_a_jwks_url(settings):
    settings.AUTH_JWT_SECRET = ""
    settings.AUTH_JWKS_URL = "https://auth.example.com/api/auth/jwks"

    assert _auth_check_ids() == []


# --- manage.py issue_token -----------------------------------------------------------------------


def test_issue_token_prints_a_token_the_api_accepts(secret):
    out = StringIO()

    call_command("issue_token", "alice", "--ttl", "120", stdout=out)

    token = out.getvalue().strip()
    assert get_conversations(bearer(token)).status_code == 200
    issued = jwt.decode(token, secret, algorithms=["HS256"])
    assert issued["sub"] == "alice"
    assert issued["exp"] - issued["iat"] == 120


def test_issue_token_without_a_secret_is_a_clear_error(settings):
    settings.AUTH_JWT_SECRET = ""

    with pytest.raises(CommandError, match="AUTH_JWT_SECRET must be set"):
        call_command("issue_token", "alice")


@pytest.mark.parametrize("user_id", ["", " alice", "alice ", "x" * 256])
def test_issue_token_refuses_a_user_id_the_api_never_accepts(user_id):
    with pytest.raises(CommandError, match="USER_ID must be 1 to 255 characters"):
        call_command("issue_token", user_id)


@pytest.mark.parametrize("ttl", ["0", "-60", "2592001", "100000000000000000000"])
def test_issue_token_refuses_a_ttl_outside_one_second_to_30_days(ttl):
    out = StringIO()

    with pytest.raises(CommandError) as refused:
        call_command("issue_token", "alice", "--ttl", ttl, stdout=out)

    assert str(refused.value) == f"--ttl must be 1 to 2592000 seconds (30 days); got {ttl}."
    assert out.getvalue() == ""


def test_issue_token_signs_the_longest_ttl_allowed(secret):
    out = StringIO()

    call_command("issue_token", "alice", "--ttl", "2592000", stdout=out)

    issued = jwt.decode(out.getvalue().strip(), secret, algorithms=["HS256"])
    assert issued["exp"] - issued["iat"] == 30 * 24 * 3600


# --- CORS ---------------------------------------------------------------------------------------


def preflight(origin: str):
    return APIClient().options(
        "/api/alice/chat",
        HTTP_ORIGIN=origin,
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="authorization, content-type",
    )


def test_an_allowed_origin_may_call_the_api_from_a_browser(settings):
    settings.CORS_ALLOWED_ORIGINS = ["https://app.example.com"]

    response = preflight("https://app.example.com")

    assert response["Access-Control-Allow-Origin"] == "https://app.example.com"
    assert "authorization" in response["Access-Control-Allow-Headers"]


def test_other_origins_get_no_cors_headers(settings):
    settings.CORS_ALLOWED_ORIGINS = ["https://app.example.com"]

    assert "Access-Control-Allow-Origin" not in preflight("https://evil.example.com")


def test_no_origin_is_allowed_by_default():
    assert "Access-Control-Allow-Origin" not in preflight("https://app.example.com")
