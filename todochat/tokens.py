"""Verifying the bearer JWTs a Better Auth frontend issues (shared by the API and `runmcp`).

Two key sources, usable together; the token's `alg` header picks one:
- `AUTH_JWKS_URL`: the auth server's JWKS document (Better Auth serves it at `/api/auth/jwks`,
  EdDSA/Ed25519 by default; RS256 and ES256 work too). The document is cached for
  `AUTH_JWKS_CACHE_S` seconds and fetched again for an unknown `kid` (a rotated key).
- `AUTH_JWT_SECRET`: a shared secret for HS256/384/512 (also what `manage.py issue_token` signs
  with).

A token is only checked against a key of its own algorithm: an HS256 header never meets a public
key, an RS256 header never meets an Ed25519 key, and `alg: none` is never accepted. `exp` (required)
and `nbf` are checked with `AUTH_JWT_LEEWAY_S` of leeway; `iss` and `aud` when
`AUTH_JWT_ISSUER` / `AUTH_JWT_AUDIENCE` are set. The user is the `sub` claim.
"""

from __future__ import annotations

import logging
import math
import threading
import time
from dataclasses import dataclass
from typing import Any

import jwt
from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured

from tasks.selectors import clean_user_id
from todochat.errors import ApplicationError

logger = logging.getLogger("todochat.auth")

ASYMMETRIC_ALGORITHMS = frozenset(
    {"EdDSA", "RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512"}
)
SECRET_ALGORITHMS = frozenset({"HS256", "HS384", "HS512"})
# Tokens are small; anything larger is not one of ours.
MAX_TOKEN_LENGTH = 8192
# Shorter HMAC secrets can be brute-forced (RFC 7518 §3.2).
MIN_SECRET_BYTES = 32
JWKS_FETCH_TIMEOUT_S = 5.0
# Tokens with unknown key ids trigger at most one extra fetch of the JWKS document per this many
# seconds, so a stream of made-up `kid`s cannot turn into a stream of requests to the auth server.
JWKS_REFETCH_COOLDOWN_S = 10.0


class InvalidToken(Exception):
    """The bearer token is missing, malformed, expired, wrongly signed or not for us."""


class AuthServerUnavailable(Exception):
    """The auth server's signing keys (JWKS) could not be fetched or read: whether the token
    is good cannot be told right now. Not the user's fault; worth retrying."""


@dataclass(frozen=True)
class VerifiedToken:
    subject: str
    claims: dict[str, Any]
    token: str


def auth_configured() -> bool:
    """Whether any key source (JWKS or shared secret) is configured."""
    return bool(settings.AUTH_JWKS_URL or settings.AUTH_JWT_SECRET)


NO_AUTH_MESSAGE = (
    "No authentication configured: set AUTH_JWKS_URL (Better Auth's JWKS endpoint, "
    "e.g. https://auth.example.com/api/auth/jwks) and/or AUTH_JWT_SECRET"
)


def ensure_auth_configured() -> None:
    """Refuse to serve a production deployment with no way to verify tokens."""
    if not settings.DEBUG and not auth_configured():
        raise ImproperlyConfigured(f"{NO_AUTH_MESSAGE}, or set DEBUG=true for local development.")


def check_auth_settings(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    """`manage.py check --deploy`: tokens can be verified, and the shared secret is strong."""
    if not auth_configured():
        return [checks.Error(f"{NO_AUTH_MESSAGE}.", id="todochat.E001")]
    secret = settings.AUTH_JWT_SECRET
    if secret and len(secret.encode()) < MIN_SECRET_BYTES:
        return [
            checks.Warning(
                f"AUTH_JWT_SECRET is shorter than {MIN_SECRET_BYTES} bytes.",
                hint="Use a long random secret, e.g. `openssl rand -base64 48`.",
                id="todochat.W001",
            )
        ]
    return []


class _JWKS:
    """One JWKS document's signing keys: cached for a bounded time, fetched again (rate-limited)
    when a token names a key the cached document does not have."""

    def __init__(self, url: str, lifespan_s: int) -> None:
        # PyJWKClient's own cooldown also counts the first fetch, which would refuse a key
        # rotated just after it; ours only limits the extra fetches.
        self._client = jwt.PyJWKClient(
            url,
            cache_jwk_set=True,
            lifespan=max(lifespan_s, 1),
            timeout=JWKS_FETCH_TIMEOUT_S,
            cooldown_duration=0,
        )
        self._refetch_lock = threading.Lock()
        self._last_refetch = -math.inf
        # One fetch at a time: requests arriving as the cache expires wait for it, not refetch.
        self._fetch_lock = threading.Lock()

    def signing_key(self, kid: str | None) -> jwt.PyJWK:
        key = self._find(kid, refresh=False)
        if key is None and self._may_refetch():
            key = self._find(kid, refresh=True)
        if key is None:
            raise InvalidToken("No signing key matches the token.")
        return key

    def _may_refetch(self) -> bool:
        with self._refetch_lock:
            now = time.monotonic()
            if now - self._last_refetch < JWKS_REFETCH_COOLDOWN_S:
                return False
            self._last_refetch = now
            return True

    def _find(self, kid: str | None, *, refresh: bool) -> jwt.PyJWK | None:
        try:
            with self._fetch_lock:
                keys = self._client.get_signing_keys(refresh=refresh)
        except (jwt.PyJWTError, ValueError) as exc:
            # Unreachable, not JSON, or no usable keys: the auth server's problem, not the user's.
            logger.warning("JWKS document unusable (%s): %s", self._client.uri, exc)
            raise AuthServerUnavailable("The signing keys could not be fetched.") from exc
        # A token without `kid` (None) matches a key without one, as PyJWT compares them.
        return self._client.match_kid(keys, kid)  # type: ignore[arg-type]


_jwks_lock = threading.Lock()
_jwks_sources: dict[tuple[str, int], _JWKS] = {}


def _jwks() -> _JWKS:
    source = (settings.AUTH_JWKS_URL, settings.AUTH_JWKS_CACHE_S)
    with _jwks_lock:
        if source not in _jwks_sources:
            _jwks_sources[source] = _JWKS(*source)
        return _jwks_sources[source]


def _key_for(header: dict[str, Any]) -> str | jwt.PyJWK:
    """The key a token with this header must be signed with (never chosen by the token alone)."""
    algorithm = header.get("alg")
    if not isinstance(algorithm, str):
        raise InvalidToken("Malformed token.")
    if algorithm in SECRET_ALGORITHMS and settings.AUTH_JWT_SECRET:
        return settings.AUTH_JWT_SECRET
    if algorithm in ASYMMETRIC_ALGORITHMS and settings.AUTH_JWKS_URL:
        kid = header.get("kid")
        if kid is not None and not isinstance(kid, str):
            raise InvalidToken("Malformed token.")
        # A JWK is bound to one algorithm: PyJWT refuses a token whose `alg` differs from it.
        return _jwks().signing_key(kid)
    raise InvalidToken(f"Tokens signed with {algorithm!r} are not accepted.")


def verify_token(token: str) -> VerifiedToken:
    """Verify a bearer JWT and return its subject and claims; raises `InvalidToken`, or
    `AuthServerUnavailable` when the keys it needs cannot be had."""
    if not token or len(token) > MAX_TOKEN_LENGTH:
        raise InvalidToken("Malformed token.")
    try:
        header = jwt.get_unverified_header(token)
    except jwt.PyJWTError as exc:
        raise InvalidToken("Malformed token.") from exc
    key = _key_for(header)
    try:
        claims = jwt.decode(
            token,
            key=key,
            algorithms=[header["alg"]],
            audience=settings.AUTH_JWT_AUDIENCE or None,
            issuer=settings.AUTH_JWT_ISSUER or None,
            leeway=settings.AUTH_JWT_LEEWAY_S,
            options={"require": ["exp", "sub"], "verify_aud": bool(settings.AUTH_JWT_AUDIENCE)},
        )
    except jwt.ExpiredSignatureError as exc:
        raise InvalidToken("The token has expired.") from exc
    except jwt.PyJWTError as exc:
        raise InvalidToken(f"Invalid token: {exc}.") from exc
    # Any JSON value until clean_user_id has accepted it.
    subject: Any = claims.get("sub")
    try:
        # The subject is the user id every query filters by: it must be one we can store.
        clean_user_id(subject)
    except ApplicationError as exc:
        raise InvalidToken(f"The token's subject is not a usable user id: {exc.message}") from exc
    return VerifiedToken(subject=subject, claims=claims, token=token)


def issue_token(user_id: str, *, ttl_s: int = 3600) -> str:
    """An HS256 token for `user_id`, signed with `AUTH_JWT_SECRET` (development and tests)."""
    if not settings.AUTH_JWT_SECRET:
        raise ImproperlyConfigured("AUTH_JWT_SECRET must be set to issue tokens.")
    now = int(time.time())
    claims: dict[str, Any] = {"sub": user_id, "iat": now, "exp": now + ttl_s}
    if settings.AUTH_JWT_ISSUER:
        claims["iss"] = settings.AUTH_JWT_ISSUER
    if settings.AUTH_JWT_AUDIENCE:
        claims["aud"] = settings.AUTH_JWT_AUDIENCE
    return jwt.encode(claims, settings.AUTH_JWT_SECRET, algorithm="HS256")
