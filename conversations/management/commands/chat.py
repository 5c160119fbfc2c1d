"""`python manage.py chat USER_ID`: talk to the assistant in the terminal (same turn as the API)."""

from __future__ import annotations

import asyncio
import json

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from conversations.errors import ModelProviderError, ModelTimeoutError
from conversations.services import chat_turn
from mcp_bridge.adapter import HIDDEN_PARAMS
from todochat.errors import ApplicationError
from todochat.tokens import issue_token


class Command(BaseCommand):
    help = "Chat with the assistant as USER_ID; prints each reply and the tool calls it made."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("user_id")
        parser.add_argument(
            "--conversation",
            type=int,
            default=None,
            help="Continue this conversation (default: start a new one).",
        )
        parser.add_argument(
            "-m",
            "--message",
            action="append",
            default=[],
            help="Send this message and exit (repeatable); default: interactive.",
        )

    def handle(
        self, *args, user_id: str, conversation: int | None, message: list[str], **options
    ) -> None:
        try:
            asyncio.run(self._chat(user_id, conversation, message))
        except ApplicationError as exc:
            raise CommandError(exc.message) from exc

    async def _chat(self, user_id: str, conversation_id: int | None, messages: list[str]) -> None:
        interactive = not messages
        # A remote MCP server (MCP_SERVER_URL) wants the user's bearer token, as from the API.
        token = (
            issue_token(user_id) if settings.MCP_SERVER_URL and settings.AUTH_JWT_SECRET else None
        )
        if interactive:
            self.stdout.write(
                f"Chatting as {user_id!r} (model: {settings.AGENT_MODEL}). Ctrl-D to quit."
            )
        for text in messages or self._prompt():
            text = text.strip()
            if not text:
                continue
            try:
                result = await chat_turn(
                    user_id=user_id,
                    message=text,
                    conversation_id=conversation_id,
                    bearer_token=token,
                )
            except (ModelProviderError, ModelTimeoutError) as exc:
                # The message is stored; say so and let the user try again.
                self.stderr.write(f"The assistant could not answer: {exc}")
                if not interactive:
                    raise CommandError("The assistant could not answer.") from exc
                continue
            conversation_id = result.conversation_id
            for call in result.tool_calls:
                arguments = {k: v for k, v in call["arguments"].items() if k not in HIDDEN_PARAMS}
                marker = "error" if call["is_error"] else "ok"
                self.stdout.write(
                    self.style.HTTP_INFO(
                        f"  [{call['name']} {json.dumps(arguments, ensure_ascii=False)} → {marker}]"
                    )
                )
            self.stdout.write(f"assistant> {result.response}")
        self.stdout.write(self.style.HTTP_INFO(f"(conversation {conversation_id})"))

    def _prompt(self):
        while True:
            try:
                yield input("you> ")
            except EOFError:
                self.stdout.write("")
                return
