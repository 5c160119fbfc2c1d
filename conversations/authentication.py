"""DRF authentication by `Authorization: Bearer <JWT>` (tokens from the Better Auth frontend)."""

from __future__ import annotations

from dataclasses import dataclass

from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication, get_authorization_header
from rest_framework.request import Request

from todochat.tokens import AuthServerUnavailable, InvalidToken, VerifiedToken, verify_token


class SignInUnavailable(exceptions.APIException):
    """503: the token cannot be checked because the auth server's keys are out of reach."""

    status_code = 503
    default_code = "service_unavailable"
    default_detail = "Sign-in cannot be checked right now. Try again shortly."
    wait = 5  # Retry-After


@dataclass(frozen=True)
class TokenUser:
    """The signed-in user: known by the token's subject; no row in this database."""

    id: str
    is_authenticated: bool = True
    is_anonymous: bool = False

    def __str__(self) -> str:
        return self.id


class BearerTokenAuthentication(BaseAuthentication):
    keyword = "Bearer"

    def authenticate(self, request: Request) -> tuple[TokenUser, VerifiedToken] | None:
        header = get_authorization_header(request).split()
        if not header:
            return None
        if header[0].decode("latin-1").lower() != self.keyword.lower() or len(header) != 2:
            raise exceptions.AuthenticationFailed("Use 'Authorization: Bearer <token>'.")
        try:
            token = verify_token(header[1].decode("ascii"))
        except UnicodeDecodeError as exc:
            raise exceptions.AuthenticationFailed("Malformed token.") from exc
        except InvalidToken as exc:
            raise exceptions.AuthenticationFailed(str(exc)) from exc
        except AuthServerUnavailable as exc:
            # Not a 401: the user's sign-in may well be good, and signing in again won't help.
            raise SignInUnavailable() from exc
        return TokenUser(id=token.subject), token

    def authenticate_header(self, request: Request) -> str:
        # Makes DRF answer 401 (not 403) with `WWW-Authenticate: Bearer`.
        return self.keyword
