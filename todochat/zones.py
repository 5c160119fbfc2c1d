"""Which names are IANA zones, for the settings' `DEFAULT_TIMEZONE` and the zone a user sends
alike (settings import no app, so the rule lives here, with nothing of Django's)."""

from __future__ import annotations

from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

# The longest zone name stored with a user, a reminder or a notification.
NAME_MAX_LENGTH = 64
# Files of the zone database that are no IANA zone: the server's own zone ("localtime"), a
# template, a placeholder zone, and the same zones built another way.
_NOT_ZONES = frozenset({"localtime", "posixrules", "Factory"})
_NOT_ZONE_PREFIXES = ("posix/", "right/")


def iana_zone(name: object) -> ZoneInfo | None:
    """The zone named `name`, or None when it names no IANA zone."""
    if (
        not isinstance(name, str)
        or not name
        or len(name) > NAME_MAX_LENGTH
        or "\x00" in name
        or name.startswith(("/", ".", *_NOT_ZONE_PREFIXES))
        or ".." in name
        or name in _NOT_ZONES
    ):
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return None
