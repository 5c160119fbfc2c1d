"""Environment for a test run, set before Django's settings are imported (loaded with `-p`).

Tests never read a developer's `.env` choices for the model or the MCP server: they run on the
offline model and the in-process MCP server unless a test says otherwise.
"""

import os

os.environ.setdefault("SECRET_KEY", "test-secret-key-not-for-production")
os.environ["AGENT_MODEL"] = "offline"
for name in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "MCP_SERVER_URL", "AGENT_MODEL_API"):
    os.environ.pop(name, None)
os.environ.setdefault("AUTH_JWT_SECRET", "test-jwt-secret-at-least-32-bytes-long")
for name in (
    "AUTH_JWKS_URL",
    "AUTH_JWT_ISSUER",
    "AUTH_JWT_AUDIENCE",
    "CACHE_URL",
    "CORS_ALLOWED_ORIGINS",
):
    os.environ.pop(name, None)
# Rate limits are tested on purpose; everywhere else they stay out of the way.
os.environ.setdefault("CHAT_RATE_LIMIT", "10000/min")
