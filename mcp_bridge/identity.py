"""Whose tasks a tool call may touch.

Over an authenticated transport (Streamable HTTP with a bearer token) a tool call may only
name the token's subject as `user_id`. In-process and over stdio there is no token: the caller
is the process itself (the chat agent, whose adapter sets `user_id` from the request).
"""

from mcp.server.auth.middleware.auth_context import get_access_token
from mcp.server.mcpserver.exceptions import ToolError


def authorize_user(user_id: str) -> None:
    """Refuse a tool call for another user than the bearer token's subject."""
    token = get_access_token()
    if token is not None and token.subject != user_id:
        raise ToolError("Not allowed: user_id does not match the authenticated user.")
