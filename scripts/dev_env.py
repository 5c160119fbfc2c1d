"""Writes the development `.env` that `scripts/run` and every `manage.py` command read.

On the first run it creates `.env` with `DEBUG=true` and random `SECRET_KEY` and
`AUTH_JWT_SECRET` values. An existing `.env` is never rewritten: a setting it lacks is appended
(with a comment saying so), a setting it has is left as the user wrote it. Standard library only:
it runs before Django can start.
"""

from __future__ import annotations

import secrets
import sys
from pathlib import Path

HEADER = """\
# Development settings for todochat, written by scripts/run on its first run.
# Every manage.py command, the server and the tests' subprocesses read this file;
# variables set in the environment win over it. Edit it freely: scripts/run never
# overwrites it. Never use these values in production (see README, "Configuration").
"""


def development_values() -> dict[str, tuple[str, str]]:
    """Each development setting: (value, comment)."""
    return {
        "DEBUG": ("true", "Development mode: detailed errors, no HTTPS requirements."),
        "SECRET_KEY": (secrets.token_urlsafe(50), "Django's signing key (random, this checkout)."),
        "AUTH_JWT_SECRET": (
            secrets.token_urlsafe(48),
            "Signs and verifies development tokens (`manage.py issue_token USER`).",
        ),
    }


def defined_names(text: str) -> set[str]:
    """The variable names a `.env` text assigns (`NAME=…` or `export NAME=…`)."""
    names = set()
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        name = line.split("=", 1)[0].removeprefix("export ").strip()
        names.add(name)
    return names


def ensure_env_file(path: Path) -> list[str]:
    """Create `path` or append the development settings it lacks; the names written."""
    existing = path.read_text() if path.exists() else ""
    missing = {
        name: entry
        for name, entry in development_values().items()
        if name not in defined_names(existing)
    }
    if not missing:
        return []
    lines = [] if existing else [HEADER]
    if existing:
        lines.append("" if existing.endswith("\n") else "\n")
        lines.append("# Added by scripts/run: development values this file did not set.\n")
    for name, (value, comment) in missing.items():
        lines.append(f"# {comment}\n{name}={value}\n")
    with path.open("a") as file:
        file.write("".join(lines))
    return list(missing)


def main() -> None:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(".env")
    created = not path.exists()
    written = ensure_env_file(path)
    if created:
        print(f"Wrote {path} with development settings ({', '.join(written)}).")
    elif written:
        print(f"Added to {path}: {', '.join(written)}.")


if __name__ == "__main__":
    main()
