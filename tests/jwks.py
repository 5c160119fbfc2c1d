"""Test helpers: asymmetric signing keys, tokens, and a JWKS endpoint served from a local thread
(the way Better Auth serves `/api/auth/jwks`)."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import threading
import time
import uuid
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import jwt
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa
from jwt.algorithms import ECAlgorithm, OKPAlgorithm, RSAAlgorithm

JWKS_PATH = "/api/auth/jwks"
_PUBLIC_JWK = {"EdDSA": OKPAlgorithm, "RS256": RSAAlgorithm, "ES256": ECAlgorithm}


def claims(sub: Any = "alice", *, ttl_s: int = 3600, **extra: Any) -> dict[str, Any]:
    """A token's claims: `sub`, `iat`, `exp` (now + ttl_s) and any extra ones."""
    now = int(time.time())
    return {"sub": sub, "iat": now, "exp": now + ttl_s, **extra}


def hs256_token(secret: str, sub: Any = "alice", **options: Any) -> str:
    """A token signed with a shared secret (`options` as for `claims`)."""
    return jwt.encode(claims(sub, **options), secret, algorithm="HS256")


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _signing_input(header: dict[str, Any], sub: str) -> str:
    return f"{_b64(json.dumps(header).encode())}.{_b64(json.dumps(claims(sub)).encode())}"


def unsigned_token(sub: str = "alice") -> str:
    """A token with `alg: none` and no signature."""
    return f"{_signing_input({'alg': 'none', 'typ': 'JWT'}, sub)}."


def hmac_token(key: bytes, sub: str = "alice", *, kid: str | None = None) -> str:
    """An HS256 token signed with any bytes, e.g. a published public key (which PyJWT refuses
    to sign with): the classic algorithm-confusion attack."""
    signing_input = _signing_input({"alg": "HS256", "typ": "JWT", "kid": kid}, sub)
    signature = hmac.new(key, signing_input.encode(), hashlib.sha256).digest()
    return f"{signing_input}.{_b64(signature)}"


@dataclass(frozen=True)
class SigningKey:
    """A private key the auth server signs with; its public half goes in the JWKS document."""

    algorithm: str
    private_key: Any
    kid: str = field(default_factory=lambda: uuid.uuid4().hex)

    @classmethod
    def generate(cls, algorithm: str = "EdDSA") -> SigningKey:
        if algorithm == "EdDSA":
            private_key: Any = ed25519.Ed25519PrivateKey.generate()
        elif algorithm == "RS256":
            private_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        elif algorithm == "ES256":
            private_key = ec.generate_private_key(ec.SECP256R1())
        else:
            raise ValueError(f"No test keys for {algorithm}")
        return cls(algorithm=algorithm, private_key=private_key)

    def jwk(self) -> dict[str, Any]:
        """The public key as a JWK, as Better Auth publishes it."""
        public = json.loads(_PUBLIC_JWK[self.algorithm].to_jwk(self.private_key.public_key()))
        return {**public, "kid": self.kid, "alg": self.algorithm, "use": "sig"}

    def token(
        self, sub: Any = "alice", *, headers: dict[str, Any] | None = None, **options: Any
    ) -> str:
        """A token signed with this key (`headers` override `kid`/`alg`, `options` as for
        `claims`)."""
        header = {"kid": self.kid, **(headers or {})}
        algorithm = header.pop("alg", self.algorithm)
        return jwt.encode(claims(sub, **options), self.private_key, algorithm, headers=header)


class JWKSServer:
    """Serves `{"keys": [...]}` at `JWKS_PATH` on a free loopback port, from a thread.

    `publish` replaces the keys (a rotation); `fetches` counts the documents served;
    `body` set to bytes serves those instead (a broken auth server).
    """

    def __init__(self, *keys: SigningKey) -> None:
        self.keys = list(keys)
        self.fetches = 0
        self.body: bytes | None = None
        jwks = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                if self.path != JWKS_PATH:
                    self.send_error(404)
                    return
                jwks.fetches += 1
                body = jwks.body or json.dumps({"keys": [k.jwk() for k in jwks.keys]}).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: Any) -> None:
                """Quiet."""

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        # A short poll interval: shutting down waits for the next poll.
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    @property
    def url(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}{JWKS_PATH}"

    def publish(self, *keys: SigningKey) -> None:
        self.keys = list(keys)

    def __enter__(self) -> JWKSServer:
        self._thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)
