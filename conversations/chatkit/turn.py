"""The one place ChatKit runs a chat turn: through the chat API's own turn service."""

from __future__ import annotations

from ..services import Idempotency, RunningTurn, start_turn
from .store import RequestContext


async def run_turn(
    *, context: RequestContext, conversation_id: int, message: str, idempotency: Idempotency
) -> RunningTurn:
    """Start one turn of the user's conversation, exactly as `POST /api/{user_id}/chat` runs it:
    the user message stored before this returns (and before the model runs), the reply and its
    tool calls after, the same errors, and the same answers to a retry with the same
    Idempotency-Key. The turn runs in its own task: a stopped stream never cuts it short."""
    return await start_turn(
        user_id=context.user_id,
        message=message,
        conversation_id=conversation_id,
        timezone=context.timezone,
        bearer_token=context.bearer_token,
        idempotency=idempotency,
    )
