"""`python manage.py issue_token USER_ID`: a development token signed with AUTH_JWT_SECRET."""

from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError, CommandParser

from todochat.tokens import issue_token


class Command(BaseCommand):
    help = "Print an HS256 bearer token for USER_ID, signed with AUTH_JWT_SECRET."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("user_id")
        parser.add_argument("--ttl", type=int, default=3600, help="Lifetime in seconds (3600).")

    def handle(self, *args: Any, user_id: str, ttl: int, **options: Any) -> None:
        if ttl <= 0:
            raise CommandError("--ttl must be a positive number of seconds.")
        try:
            self.stdout.write(issue_token(user_id, ttl_s=ttl))
        except ImproperlyConfigured as exc:
            raise CommandError(str(exc)) from exc
