"""Who is calling the MCP server, and whose tasks a tool call may touch.

Over Streamable HTTP (`runmcp --transport http`) every request carries a bearer JWT, verified
exactly as the chat API verifies it; a tool call may then only name the token's subject as
`user_id`. In-process and over stdio there is no token: the caller is the process itself (the chat
agent, whose adapter sets `user_id` from the request).
"""

from __future__ import annotations

import logging

import anyio.to_thread
from mcp.server.auth.middleware.auth_context import get_access_token
from mcp.server.auth.provider import AccessToken
from mcp.server.mcpserver.exceptions import ToolError

from todochat.tokens import AuthServerUnavailable, InvalidToken, verify_token

logger = logging.getLogger("todochat.mcp")


class BearerTokenVerifier:
    """The MCP SDK's `TokenVerifier`: the token's subject becomes `AccessToken.subject`."""

    async def verify_token(self, token: str) -> AccessToken | None:
        try:
            # A thread: verifying may fetch the JWKS document (blocking I/O).
            verified = await anyio.to_thread.run_sync(verify_token, token)
        except (InvalidToken, AuthServerUnavailable) as exc:
            logger.info("MCP request refused: %s", exc)
            return None
        return AccessToken(
            token=token,
            client_id=verified.subject,
            # Better Auth's tokens carry no OAuth scopes.
            scopes=[],
            # `exp` was checked just now, with AUTH_JWT_LEEWAY_S; the SDK would check it again
            # without the leeway.
            expires_at=None,
            subject=verified.subject,
            claims=verified.claims,
        )


def authorize_user(user_id: str) -> None:
    """Refuse a tool call for another user than the bearer token's subject."""
    token = get_access_token()
    if token is not None and token.subject != user_id:
        raise ToolError("Not allowed: user_id does not match the authenticated user.")
