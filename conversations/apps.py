from django.apps import AppConfig
from django.core import checks


class ConversationsConfig(AppConfig):
    name = "conversations"
    verbose_name = "Conversations"

    def ready(self) -> None:
        from todochat.checks import check_security_middleware
        from todochat.tokens import check_auth_settings

        from . import schema  # noqa: F401  (registers the OpenAPI auth extension)

        checks.register(check_auth_settings, checks.Tags.security, deploy=True)
        checks.register(check_security_middleware, checks.Tags.security, deploy=True)
