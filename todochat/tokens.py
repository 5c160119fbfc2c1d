"""Verifying the bearer JWTs a Better Auth frontend issues (shared by the API and `runmcp`).

Two key sources, usable together; the token's `alg` header picks one:
- `AUTH_JWKS_URL`: the auth server's JWKS document (Better Auth serves it at `/api/auth/jwks`,
  EdDSA/Ed25519 by default; RS256 and ES256 work too). Keys are cached for
  `AUTH_JWKS_CACHE_S` seconds and the document is fetched again for an unknown `kid`.
- `AUTH_JWT_SECRET`: a shared secret for HS256 (also what `manage.py issue_token` signs with).

`exp` and `nbf` are checked with `AUTH_JWT_LEEWAY_S` of leeway; `iss` and `aud` when
`AUTH_JWT_ISSUER` / `AUTH_JWT_AUDIENCE` are set. The user is the `sub` claim.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from typing import Any

import jwt
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

ASYMMETRIC_ALGORITHMS = frozenset({"EdDSA", "RS256", "RS384", "RS512", "ES256", "ES384", "PS256"})
SECRET_ALGORITHMS = frozenset({"HS256", "HS384", "HS512"})
# Tokens are small; anything larger is not one of ours.
MAX_TOKEN_LENGTH = 8192


class InvalidToken(Exception):
    """The bearer token is missing, malformed, expired, wrongly signed or not for us."""


@dataclass(frozen=True)
class VerifiedToken:
    subject: str
    claims: dict[str, Any]
    token: str


def auth_configured() -> bool:
    return bool(settings.AUTH_JWKS_URL or settings.AUTH_JWT_SECRET)


def ensure_auth_configured() -> None:
    """Refuse to serve a production deployment with no way to verify tokens."""
    if not settings.DEBUG and not auth_configured():
        raise ImproperlyConfigured(
            "No authentication configured: set AUTH_JWKS_URL (Better Auth's JWKS endpoint) "
            "and/or AUTH_JWT_SECRET, or set DEBUG=true for local development."
        )


class _JWKSCache:
    """The JWKS document's keys, cached for a bounded time, refetched on an unknown `kid`."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._clients: dict[tuple[str, int], jwt.PyJWKClient] = {}

    def _client(self) -> jwt.PyJWKClient:
        key = (settings.AUTH_JWKS_URL, settings.AUTH_JWKS_CACHE_S)
        with self._lock:
            client = self._clients.get(key)
            if client is None:
                client = self._clients[key] = jwt.PyJWKClient(
                    settings.AUTH_JWKS_URL,
                    cache_jwk_set=True,
                    lifespan=max(settings.AUTH_JWKS_CACHE_S, 1),
                    timeout=5,
                )
            return client

    def signing_key(self, token: str) -> Any:
        try:
            return self._client().get_signing_key_from_jwt(token).key
        except jwt.PyJWKClientConnectionError as exc:
            raise InvalidToken("The signing keys could not be fetched.") from exc
        except jwt.PyJWKClientError as exc:
            raise InvalidToken("No signing key matches the token.") from exc


_jwks = _JWKSCache()


def _key_for(token: str, algorithm: str) -> Any:
    if algorithm in SECRET_ALGORITHMS and settings.AUTH_JWT_SECRET:
        return settings.AUTH_JWT_SECRET
    if algorithm in ASYMMETRIC_ALGORITHMS and settings.AUTH_JWKS_URL:
        return _jwks.signing_key(token)
    raise InvalidToken(f"Tokens signed with {algorithm!r} are not accepted.")


def verify_token(token: str) -> VerifiedToken:
    """Verify a bearer JWT and return its subject and claims; raises `InvalidToken`."""
    if not token or len(token) > MAX_TOKEN_LENGTH:
        raise InvalidToken("Malformed token.")
    try:
        header = jwt.get_unverified_header(token)
    except jwt.PyJWTError as exc:
        raise InvalidToken("Malformed token.") from exc
    algorithm = header.get("alg")
    if not isinstance(algorithm, str):
        raise InvalidToken("Malformed token.")
    key = _key_for(token, algorithm)
    options: dict[str, Any] = {
        "require": ["exp", "sub"],
        "verify_aud": bool(settings.AUTH_JWT_AUDIENCE),
    }
    try:
        claims = jwt.decode(
            token,
            key=key,
            algorithms=[algorithm],
            audience=settings.AUTH_JWT_AUDIENCE or None,
            issuer=settings.AUTH_JWT_ISSUER or None,
            leeway=settings.AUTH_JWT_LEEWAY_S,
            options=options,
        )
    except jwt.ExpiredSignatureError as exc:
        raise InvalidToken("The token has expired.") from exc
    except jwt.PyJWTError as exc:
        raise InvalidToken(f"Invalid token: {exc}.") from exc
    except (TypeError, ValueError) as exc:
        # A key of the wrong type for the token's algorithm.
        raise InvalidToken("The token's algorithm does not fit its key.") from exc
    subject = claims.get("sub")
    if not isinstance(subject, str) or not subject:
        raise InvalidToken("The token has no subject.")
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
