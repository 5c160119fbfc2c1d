"""A local fake of the parts of a Better Auth server the chat page and the API use.

- `GET /sign-in?user=NAME`: signs the browser in (an HttpOnly session cookie), as the user's
  app would after a password or social sign-in;
- `GET /api/auth/token`: the JWT plugin's endpoint: with a live session cookie,
  `{"token": "<EdDSA JWT>"}`; without one, 401. Answers the page's origin with CORS and
  credentials, as a Better Auth server with the page's origin in `trustedOrigins` does;
- `GET /api/auth/jwks`: the public keys the API verifies those tokens with.

Served from a thread on a free loopback port. `end_sessions()` signs everyone out.
"""

from __future__ import annotations

import json
import secrets
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

from tests.jwks import SigningKey

SESSION_COOKIE = "better-auth.session_token"


class FakeBetterAuth:
    def __init__(self, *, token_ttl_s: int = 900) -> None:
        self.key = SigningKey.generate("EdDSA")
        self.token_ttl_s = token_ttl_s
        self.sessions: dict[str, str] = {}  # session cookie value → user
        self.issued: list[dict[str, Any]] = []  # claims of every token handed out
        self._lock = threading.Lock()
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                url = urlsplit(self.path)
                if url.path == "/sign-in":
                    user = parse_qs(url.query).get("user", ["someone"])[0]
                    fake._sign_in(self, user)
                elif url.path == "/api/auth/token":
                    fake._token(self)
                elif url.path == "/api/auth/jwks":
                    self._json(200, {"keys": [fake.key.jwk()]})
                else:
                    self._json(404, {"message": "Not found"})

            def do_OPTIONS(self) -> None:
                self.send_response(204)
                self._cors()
                self.send_header("Access-Control-Allow-Headers", "content-type")
                self.end_headers()

            def _cors(self) -> None:
                origin = self.headers.get("Origin")
                if origin:
                    self.send_header("Access-Control-Allow-Origin", origin)
                    self.send_header("Access-Control-Allow-Credentials", "true")
                    self.send_header("Vary", "Origin")

            def _json(self, status: int, body: Any, *extra: tuple[str, str]) -> None:
                data = json.dumps(body).encode()
                self.send_response(status)
                self._cors()
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                for name, value in extra:
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, format: str, *args: Any) -> None:
                """Quiet."""

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    @property
    def base_url(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}"

    @property
    def token_url(self) -> str:
        return f"{self.base_url}/api/auth/token"

    @property
    def jwks_url(self) -> str:
        return f"{self.base_url}/api/auth/jwks"

    def end_sessions(self) -> None:
        """Everyone is signed out (their session cookies no longer get tokens)."""
        with self._lock:
            self.sessions.clear()

    def _sign_in(self, handler: Any, user: str) -> None:
        session = secrets.token_urlsafe(16)
        with self._lock:
            self.sessions[session] = user
        cookie = f"{SESSION_COOKIE}={session}; Path=/; HttpOnly; SameSite=Lax"
        handler._json(200, {"signed_in": user}, ("Set-Cookie", cookie))

    def _token(self, handler: Any) -> None:
        cookies = handler.headers.get("Cookie", "")
        session = dict(
            part.strip().split("=", 1) for part in cookies.split(";") if "=" in part
        ).get(SESSION_COOKIE)
        with self._lock:
            user = self.sessions.get(session or "")
        if user is None:
            handler._json(401, {"message": "Unauthorized"})
            return
        token = self.key.token(user, ttl_s=self.token_ttl_s)
        with self._lock:
            self.issued.append({"sub": user, "exp": int(time.time()) + self.token_ttl_s})
        handler._json(200, {"token": token})

    def __enter__(self) -> FakeBetterAuth:
        self._thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)
