"""The MCP server as a Streamable HTTP (ASGI) application, behind bearer authentication.

Every request must carry a bearer JWT, verified as the chat API verifies it (`todochat.tokens`);
a tool call may then only act on the token's subject (`identity.authorize_user`). Insecure mode
serves without authentication, on a loopback host only.

Host and Origin headers are checked (DNS-rebinding protection): on a loopback host only localhost
names are accepted (the SDK's default); on any other host, the given allowlists (by default
`ALLOWED_HOSTS` and `CORS_ALLOWED_ORIGINS`).
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Sequence
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from mcp.server.auth.settings import AuthSettings
from mcp.server.mcpserver import MCPServer
from mcp.server.transport_security import TransportSecuritySettings
from starlette.applications import Starlette
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from todochat.edge import BodyLimit
from todochat.storable import sendable
from todochat.tokens import NO_AUTH_MESSAGE, auth_configured

from .identity import BearerTokenVerifier
from .server import TodoServer, server

logger = logging.getLogger("todochat.mcp")

LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})

# What a refused request is told, instead of the SDK's one "Authentication required" for both.
MISSING_TOKEN_MESSAGE = (
    "No bearer token: send the header 'Authorization: Bearer <JWT>' "
    "(for development, a token from 'manage.py issue_token USER_ID')."
)
BAD_TOKEN_MESSAGE = (
    "The bearer token was refused: it is malformed, expired, wrongly signed "
    "or not issued for this server."
)
_SDK_MESSAGE = "Authentication required"


def build_http_app(
    *,
    host: str,
    path: str = "/mcp",
    insecure: bool = False,
    public_url: str | None = None,
    allowed_hosts: Sequence[str] | None = None,
    allowed_origins: Sequence[str] | None = None,
) -> Starlette:
    """A stateless Streamable HTTP app serving the five tools at `path`.

    `public_url` (the endpoint's URL as clients see it) turns on the OAuth protected-resource
    metadata (RFC 9728) that MCP clients use to find the authorization server. Raises
    `ImproperlyConfigured` when the app would be unsafe to serve.
    """
    if insecure:
        if host not in LOOPBACK_HOSTS:
            raise ImproperlyConfigured(
                "Serving MCP without authentication (--insecure) is allowed on a loopback host "
                "only (127.0.0.1, localhost, ::1)."
            )
        logger.warning(
            "INSECURE: MCP over HTTP WITHOUT AUTHENTICATION on %s. Any local process can read "
            "and change every user's tasks. For experiments only.",
            host,
        )
        target: MCPServer = server
    else:
        if not auth_configured():
            raise ImproperlyConfigured(
                f"{NO_AUTH_MESSAGE}; or pass --insecure (loopback only) for local experiments."
            )
        target = _authenticated_server(public_url)
    security = None
    if host not in LOOPBACK_HOSTS:
        security = transport_security(
            settings.ALLOWED_HOSTS if allowed_hosts is None else allowed_hosts,
            settings.CORS_ALLOWED_ORIGINS if allowed_origins is None else allowed_origins,
        )
    app = target.streamable_http_app(
        streamable_http_path=path,
        stateless_http=True,
        json_response=True,
        host=host,
        transport_security=security,
    )
    app.add_middleware(NoStandaloneStream, path=path)
    app.add_middleware(ReplaceLoneSurrogates, path=path)
    if not insecure:
        app.add_middleware(ExplainRefusal)
    # Outermost: a body over MAX_REQUEST_BODY_BYTES is refused (413) before anything reads it
    # whole, as on the chat API (a tool call's arguments are a few kilobytes at most).
    app.add_middleware(BodyLimit)
    return app


# A JSON escape of a UTF-16 surrogate (paired or not): the only way a lone one can arrive.
_SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")


class ReplaceLoneSurrogates:
    """Reads a lone UTF-16 surrogate in a request's JSON (`"\\ud800"`: valid JSON, but no text
    can hold it) as U+FFFD, as the chat API stores it. The SDK's parser refuses it with a
    protocol error, so a tool could not answer with a tool error as it does for other text."""

    def __init__(self, app: ASGIApp, *, path: str) -> None:
        self.app = app
        self.path = path

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "POST" or scope["path"] != self.path:
            await self.app(scope, receive, send)
            return
        chunks: list[bytes] = []
        while True:
            message = await receive()
            if message["type"] != "http.request":  # the client went away
                await self.app(scope, _replaying(message, receive), send)
                return
            chunks.append(message.get("body", b""))
            if not message.get("more_body", False):
                break
        body = without_lone_surrogates(b"".join(chunks))
        headers = [(name, value) for name, value in scope["headers"] if name != b"content-length"]
        headers.append((b"content-length", str(len(body)).encode()))
        request = {"type": "http.request", "body": body, "more_body": False}
        await self.app({**scope, "headers": headers}, _replaying(request, receive), send)


def _replaying(first: Message, receive: Receive) -> Receive:
    """`receive`, which gives `first` before anything else."""
    pending = [first]

    async def replay() -> Message:
        return pending.pop() if pending else await receive()

    return replay


def without_lone_surrogates(body: bytes) -> bytes:
    """`body` (a JSON-RPC message) with each lone surrogate escape read as U+FFFD."""
    if _SURROGATE_ESCAPE.search(body) is None:
        return body
    try:
        value = json.loads(body)
    except ValueError:
        return body  # not JSON: the SDK says so
    return json.dumps(sendable(value)).encode()


class NoStandaloneStream:
    """Answers a GET of the MCP endpoint 405, as the protocol allows a server that sends nothing
    unasked. The SDK would open the standalone event stream, which a stateless server never
    writes to: the request would hang, holding its connection, until the client gave up."""

    def __init__(self, app: ASGIApp, *, path: str) -> None:
        self.app = app
        self.path = path

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "GET" or scope["path"] != self.path:
            await self.app(scope, receive, send)
            return
        body = json.dumps(
            {
                "jsonrpc": "2.0",
                "id": None,
                "error": {
                    "code": -32600,
                    "message": "Method Not Allowed: this server sends nothing unasked; "
                    "POST JSON-RPC requests.",
                },
            }
        ).encode()
        headers = [
            (b"content-type", b"application/json"),
            (b"content-length", str(len(body)).encode()),
            (b"allow", b"POST"),
        ]
        await send({"type": "http.response.start", "status": 405, "headers": headers})
        await send({"type": "http.response.body", "body": body})


class ExplainRefusal:
    """Says why a request was refused: no bearer token, or one that is not valid.

    The SDK answers both with 401 and "Authentication required"; the status, the challenge and
    its `resource_metadata` stay as the SDK made them, only the description changes.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        message = BAD_TOKEN_MESSAGE if _has_bearer_token(scope) else MISSING_TOKEN_MESSAGE
        refused = False

        async def explain(event: Message) -> None:
            nonlocal refused
            if event["type"] == "http.response.start" and event["status"] == 401:
                refused = True
                headers = [
                    (
                        name,
                        _reworded(value, message) if name.lower() == b"www-authenticate" else value,
                    )
                    for name, value in event.get("headers", [])
                    if name.lower() != b"content-length"
                ]
                body = _refusal_body(message)
                headers.append((b"content-length", str(len(body)).encode()))
                event = {**event, "headers": headers}
            elif event["type"] == "http.response.body" and refused:
                event = {**event, "body": _refusal_body(message), "more_body": False}
            await send(event)

        await self.app(scope, receive, explain)


def _has_bearer_token(scope: Scope) -> bool:
    for name, value in scope.get("headers", []):
        if name.lower() == b"authorization":
            scheme, _, token = value.decode("latin-1").partition(" ")
            return scheme.lower() == "bearer" and bool(token.strip())
    return False


def _reworded(challenge: bytes, message: str) -> bytes:
    return challenge.replace(_SDK_MESSAGE.encode(), message.replace('"', "'").encode())


def _refusal_body(message: str) -> bytes:
    body: dict[str, Any] = {"error": "invalid_token", "error_description": message}
    return json.dumps(body).encode()


def transport_security(hosts: Sequence[str], origins: Sequence[str]) -> TransportSecuritySettings:
    """Host/Origin checks from Django-style host names (`example.com`, `.example.com`, `*`).

    `.example.com` allows `example.com` itself but not its subdomains (the SDK matches exact
    names); `*` turns the checks off (bearer authentication still guards every request).
    """
    if "*" in hosts:
        return TransportSecuritySettings(enable_dns_rebinding_protection=False)
    names = [host.lstrip(".") for host in hosts]
    return TransportSecuritySettings(
        allowed_hosts=[pattern for name in names for pattern in (name, f"{name}:*")],
        allowed_origins=list(origins),
    )


def _authenticated_server(public_url: str | None) -> MCPServer:
    """The same tools as `server`, behind bearer authentication.

    `MCPServer` takes its token verifier at construction only, and `server` has none (in-process
    and stdio callers carry no token), so HTTP gets a second server sharing the very same tools.
    """
    issuer = _issuer_url()
    # Strings, not URL objects: the SDK keeps a URL without a path as written, with no "/"
    # appended (an issuer is compared character for character).
    auth = AuthSettings(
        # Advertised only with a public URL; the SDK requires a value regardless.
        issuer_url=issuer or "http://localhost",
        resource_server_url=public_url or None,
        # The token's audience is checked by verify_token (AUTH_JWT_AUDIENCE), not by the SDK.
        validate_token_resource=False,
        required_scopes=[],
    )
    if auth.resource_server_url and issuer is None:
        # The metadata must name an authorization server (RFC 9728, the MCP spec): naming this
        # server sent clients looking for OAuth endpoints it does not have.
        # An issuer that is set but is no URL is named: "none is configured" read as if it
        # had not been read at all.
        given = settings.AUTH_JWT_ISSUER.strip()
        problem = f"AUTH_JWT_ISSUER ({given!r}) is not a URL" if given else "none is configured"
        raise ImproperlyConfigured(
            "--public-url publishes OAuth metadata naming the authorization server that issues "
            f"this server's tokens, and {problem}: set AUTH_JWT_ISSUER to its URL (or "
            "AUTH_JWKS_URL), or leave --public-url out when clients get their tokens otherwise."
        )
    # The same server class, so tool errors read the same over HTTP as in-process.
    return TodoServer(
        name=server.name,
        instructions=server.instructions,
        token_verifier=BearerTokenVerifier(),
        auth=auth,
        # The SDK has no public accessor for a server's registered tools.
        tools=server._tool_manager.list_tools(),
    )


def _issuer_url() -> str | None:
    """The authorization server to advertise: the tokens' issuer, else the JWKS URL's origin."""
    if urlsplit(settings.AUTH_JWT_ISSUER).scheme in ("http", "https"):
        return settings.AUTH_JWT_ISSUER
    jwks = urlsplit(settings.AUTH_JWKS_URL)
    return f"{jwks.scheme}://{jwks.netloc}" if jwks.netloc else None
