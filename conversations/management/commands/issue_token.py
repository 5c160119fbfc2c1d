"""`python manage.py issue_token USER_ID`: a development token signed with AUTH_JWT_SECRET."""

from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError, CommandParser

from tasks.models import USER_ID_MAX_LENGTH
from todochat.tokens import issue_token

# A development token is for trying the API; one that outlives a month is a credential nobody
# remembers handing out.
TTL_MAX_S = 30 * 24 * 3600


class Command(BaseCommand):
    help = "Print an HS256 bearer token for USER_ID, signed with AUTH_JWT_SECRET."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("user_id")
        parser.add_argument(
            "--ttl",
            type=int,
            default=3600,
            help=f"Lifetime in seconds (default 3600, at most {TTL_MAX_S}: 30 days).",
        )

    def handle(self, *args: Any, user_id: str, ttl: int, **options: Any) -> None:
        if not 1 <= ttl <= TTL_MAX_S:
            raise CommandError(f"--ttl must be 1 to {TTL_MAX_S} seconds (30 days); got {ttl}.")
        if not user_id or user_id != user_id.strip() or len(user_id) > USER_ID_MAX_LENGTH:
            # A token for a user id the API never accepts would only ever be refused.
            raise CommandError(
                f"USER_ID must be 1 to {USER_ID_MAX_LENGTH} characters, without surrounding spaces."
            )
        try:
            self.stdout.write(issue_token(user_id, ttl_s=ttl))
        except ImproperlyConfigured as exc:
            raise CommandError(str(exc)) from exc
