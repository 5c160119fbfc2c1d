"""Settings for todochat, read from the environment (and `.env` when present).

Every setting the product reads is documented in the README's "Configuration" table.
"""

import logging as _logging
from datetime import time as _time
from pathlib import Path
from urllib.parse import urlsplit

import environ
from django.core.exceptions import ImproperlyConfigured

from todochat.zones import iana_zone

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
# Variables already in the environment win over the file.
environ.Env.read_env(BASE_DIR / ".env")


def _number(name: str, default: float, kind: type, positive: bool) -> float:
    """The setting `name` as a number of `kind` (its default when unset or empty); a value that
    is not one, is negative (or zero when it must be `positive`) stops start-up in one line."""
    raw = env.str(name, default="").strip()
    if not raw:
        return default
    try:
        value = kind(raw)
    except ValueError:
        value = None
    if value is None or value != value or value in (float("inf"), float("-inf")):
        what = "a whole number" if kind is int else "a number"
    elif value < 0 or (positive and value == 0):
        what = "a number above 0" if positive else "a number from 0"
    else:
        return value
    raise ImproperlyConfigured(f"{name} must be {what} (got {raw!r}).")


def _bool(name: str, default: bool) -> bool:
    """The setting `name` as true or false (its default when unset or empty); anything else (a
    typo such as `DEBUG=ture`) stops start-up in one line rather than reading as false."""
    raw = env.str(name, default="").strip()
    if not raw:
        return default
    if raw.lower() in environ.Env.BOOLEAN_TRUE_STRINGS:
        return True
    if raw.lower() in ("false", "off", "no", "n", "0"):
        return False
    raise ImproperlyConfigured(f"{name} must be true or false (got {raw!r}).")


def _url(name: str, *, path: bool = False) -> str:
    """The setting `name` as an http(s) URL (with `path`, also a path on this origin, such as
    /api/auth/token), or empty; anything else stops start-up in one line (it was taken as
    given, and failed each request that used it)."""
    raw = env.str(name, default="").strip()
    if raw:
        parts = urlsplit(raw)
        same_origin = path and raw.startswith("/") and not raw.startswith("//") and not parts.netloc
        if not same_origin and (parts.scheme not in ("http", "https") or not parts.hostname):
            also = " or a path such as /api/auth/token" if path else ""
            raise ImproperlyConfigured(
                f"{name} must be an http:// or https:// URL{also} (got {raw!r})."
            )
    return raw


def _given(name: str) -> str:
    """The setting `name` as written; empty when unset or empty (both mean its default)."""
    return env.str(name, default="").strip()


def _names(name: str) -> list[str]:
    """The setting `name` as a comma-separated list, each entry stripped and empty ones dropped:
    "a.example.com, b.example.com" names b.example.com, not " b.example.com", which no request
    ever matched (every request from it answered 400, or refused by CORS)."""
    return [entry.strip() for entry in _given(name).split(",") if entry.strip()]


def _int(name: str, default: int, *, positive: bool = False) -> int:
    return int(_number(name, default, int, positive))


def _float(name: str, default: float, *, positive: bool = False) -> float:
    return float(_number(name, default, float, positive))


DEBUG = _bool("DEBUG", False)

_DEV_SECRET_KEY = "django-insecure-todochat-development-only"
SECRET_KEY = env("SECRET_KEY", default=_DEV_SECRET_KEY if DEBUG else "")
if not SECRET_KEY:
    raise ImproperlyConfigured(
        "SECRET_KEY is not set. For development, run `bash scripts/run` once (it writes a .env "
        "with DEBUG=true and a random SECRET_KEY); in production, set SECRET_KEY."
    )

ALLOWED_HOSTS = _names("ALLOWED_HOSTS") or ["localhost", "127.0.0.1", "[::1]"]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "corsheaders",
    "rest_framework",
    "drf_spectacular",
    # Swagger UI's files, served by the app itself: the API docs work offline.
    "drf_spectacular_sidecar",
    "django_tasks",
    "django_tasks_db",
    "tasks",
    "conversations",
    "mcp_bridge",
]

# Django's own middleware, in versions that cost the API no thread hops under ASGI
# (todochat/middleware.py); the admin gets the usual behaviour.
MIDDLEWARE = [
    "todochat.middleware.JsonErrorsMiddleware",
    "todochat.middleware.InlineSecurityMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "todochat.middleware.AdminOnlySessionMiddleware",
    "todochat.middleware.InlineCommonMiddleware",
    "todochat.middleware.AdminOnlyCsrfViewMiddleware",
    "todochat.middleware.AdminOnlyAuthenticationMiddleware",
    "todochat.middleware.AdminOnlyMessageMiddleware",
    "todochat.middleware.InlineXFrameOptionsMiddleware",
]

# Django's deploy checks look for its middleware by dotted path and took the versions above for
# missing ones; todochat/checks.py runs those checks on the middleware as installed.
SILENCED_SYSTEM_CHECKS = ["security.W001", "security.W002", "security.W003"]

# --- HTTPS (off by default: on once the site is served over TLS) --------------------------------

# Plain-HTTP requests are redirected to HTTPS, except the health endpoints (load balancers probe
# them over HTTP). Behind a proxy that terminates TLS, the proxy must say so (uvicorn trusts
# X-Forwarded-Proto from --forwarded-allow-ips), or every request is redirected again.
SECURE_SSL_REDIRECT = _bool("SECURE_SSL_REDIRECT", False)
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
# HTTP Strict Transport Security: browsers use HTTPS only, for this long (0: no header).
SECURE_HSTS_SECONDS = _int("SECURE_HSTS_SECONDS", 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = _bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = _bool("SECURE_HSTS_PRELOAD", False)
# The admin's session and CSRF cookies are sent over HTTPS only.
SESSION_COOKIE_SECURE = _bool("SESSION_COOKIE_SECURE", False)
CSRF_COOKIE_SECURE = _bool("CSRF_COOKIE_SECURE", False)

ROOT_URLCONF = "todochat.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "todochat.wsgi.application"
ASGI_APPLICATION = "todochat.asgi.application"

# --- Database -----------------------------------------------------------------------------------

_DATABASE_URL = _given("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}"
_scheme = urlsplit(_DATABASE_URL).scheme
if environ.Env.DB_SCHEMES.get(_scheme) not in (
    "django.db.backends.sqlite3",
    "django.db.backends.postgresql",
):
    # The scheme only: the rest of the URL may hold a password.
    raise ImproperlyConfigured(
        "DATABASE_URL must be a postgres://… or sqlite:///… URL "
        f"(got {f'a {_scheme}: URL' if _scheme else 'no URL scheme'})."
    )
DATABASES = {"default": env.db_url_config(_DATABASE_URL)}
# The longest the product waits on the database for one statement (0: no bound), and for one
# database step of a request, queueing for a thread and a connection included: past it, 503.
DB_QUERY_TIMEOUT_S = _float("DB_QUERY_TIMEOUT_S", 10.0)
DB_STEP_TIMEOUT_S = _float("DB_STEP_TIMEOUT_S", 15.0, positive=True)
# "transaction" when PostgreSQL is reached through a pooler in transaction mode (PgBouncer).
DB_POOLER = _given("DB_POOLER").lower()
if DB_POOLER not in ("", "session", "transaction"):
    raise ImproperlyConfigured(
        f"DB_POOLER must be empty, 'session' or 'transaction' (got {_given('DB_POOLER')!r})."
    )
# Read whichever database is in use, so a value one cannot take stops start-up on either (it was
# ignored on SQLite until the move to PostgreSQL). A zero would not bound anything: libpq waits
# for ever to connect, the pool refuses every request that must wait, SQLite every write that
# meets another.
_SQLITE_TIMEOUT_S = _float("SQLITE_TIMEOUT_S", 20.0, positive=True)
_DB_POOL_MIN_SIZE = _int("DB_POOL_MIN_SIZE", 2)
_DB_POOL_MAX_SIZE = _int("DB_POOL_MAX_SIZE", 20, positive=True)
_DB_POOL_TIMEOUT_S = _float("DB_POOL_TIMEOUT_S", 5.0, positive=True)
_DB_CONNECT_TIMEOUT_S = _int("DB_CONNECT_TIMEOUT_S", 5, positive=True)
_db = DATABASES["default"]
if _db["ENGINE"] == "django.db.backends.sqlite3":
    # WAL + IMMEDIATE transactions + a generous busy timeout keep concurrent turns free of
    # "database is locked".
    _db.setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": _SQLITE_TIMEOUT_S,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
elif _db["ENGINE"] == "django.db.backends.postgresql":
    # psycopg 3 connection pool; connections go back to the pool after every database step,
    # so a turn waiting on the model holds none.
    # Django's backend, with pooled connections checked before use at the cost of a system call
    # (a round trip only when the socket shows the server went away): one that broke while the
    # database was away is replaced instead of failing a request after the database is back.
    _db["ENGINE"] = "todochat.backends.postgresql"
    _db["CONN_MAX_AGE"] = 0
    _options = _db.setdefault("OPTIONS", {})
    _options["pool"] = {
        "min_size": _DB_POOL_MIN_SIZE,
        "max_size": _DB_POOL_MAX_SIZE,
        "timeout": _DB_POOL_TIMEOUT_S,
    }
    if _options["pool"]["min_size"] > _options["pool"]["max_size"]:
        raise ImproperlyConfigured(
            f"DB_POOL_MIN_SIZE ({_options['pool']['min_size']}) must not be above "
            f"DB_POOL_MAX_SIZE ({_options['pool']['max_size']})."
        )
    # Every wait on the server is bounded, so a database that stops answering gives 503s, not
    # hung requests: connecting, a dead peer (TCP keepalives; unacknowledged data), a statement
    # the server runs too long, and (todochat.backends.postgresql) any single wait at all.
    _options.update(
        {
            "connect_timeout": _DB_CONNECT_TIMEOUT_S,
            "keepalives": 1,
            "keepalives_idle": 10,
            "keepalives_interval": 5,
            "keepalives_count": 3,
            "tcp_user_timeout": int(DB_QUERY_TIMEOUT_S * 1000),
        }
    )
    if DB_POOLER == "transaction":
        # PgBouncer (or Neon's pooled endpoint) in transaction mode: consecutive statements may
        # reach different server sessions, so no prepared statements, no server-side cursors,
        # and no startup `options` (PgBouncer refuses them): set statement_timeout on the role.
        _options["prepare_threshold"] = None
        _db["DISABLE_SERVER_SIDE_CURSORS"] = True
    elif DB_QUERY_TIMEOUT_S:
        _options["options"] = f"-c statement_timeout={int(DB_QUERY_TIMEOUT_S * 1000)}"

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Worker threads that run the API's database steps, shared by all requests of a process (each
# step takes a pooled connection and hands it back); steps beyond it wait their turn, holding
# nothing. More threads than needed only add contention for Python's interpreter lock; a remote
# database (longer round trips) may want more. SQLite writes one transaction at a time: one.
DB_THREADS = _int("DB_THREADS", 4 if _db["ENGINE"].endswith("postgresql") else 1, positive=True)

# --- Internationalisation, static files ---------------------------------------------------------

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True
# The zone "today", "overdue" and phrases like "tomorrow 5pm" are read in for a user who has never
# sent one with a chat request (an IANA name).
DEFAULT_TIMEZONE = _given("DEFAULT_TIMEZONE") or "UTC"
if iana_zone(DEFAULT_TIMEZONE) is None:
    # Every turn of a user without a zone of their own reads it: the same names as the chat
    # API's `timezone` are refused.
    raise ImproperlyConfigured(
        f"DEFAULT_TIMEZONE must be an IANA zone such as Europe/Paris (got {DEFAULT_TIMEZONE!r})."
    )

STATIC_URL = "static/"
# Where `manage.py collectstatic` puts the admin's and Swagger UI's files; with DEBUG off the
# ASGI app serves them from here (todochat/edge.py). With DEBUG on they come from the apps.
STATIC_ROOT = Path(_given("STATIC_ROOT") or BASE_DIR / "staticfiles").resolve()
if BASE_DIR.is_relative_to(STATIC_ROOT):
    # Everything under it is served at /static/: the code, the .env and its secrets, a SQLite file.
    raise ImproperlyConfigured(
        f"STATIC_ROOT must be a directory of its own, not one holding the project "
        f"(got {_given('STATIC_ROOT')!r})."
    )

# --- Logging ------------------------------------------------------------------------------------

LOG_LEVEL = (env("LOG_LEVEL", default="") or "INFO").strip().upper()
if LOG_LEVEL not in _logging.getLevelNamesMapping():
    raise ImproperlyConfigured(
        f"LOG_LEVEL must be DEBUG, INFO, WARNING, ERROR or CRITICAL (got {LOG_LEVEL!r})."
    )
# "text" for people, "json" (one object per line) for log pipelines.
LOG_FORMAT = (env("LOG_FORMAT", default="") or "text").strip().lower()
if LOG_FORMAT not in ("text", "json"):
    raise ImproperlyConfigured(f"LOG_FORMAT must be 'text' or 'json' (got {LOG_FORMAT!r}).")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "text": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        "json": {"()": "todochat.logs.JsonFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "json" if LOG_FORMAT == "json" else "text",
        }
    },
    # The root logger is configured here so that libraries calling logging.basicConfig()
    # (the MCP server does) cannot turn on INFO for everything.
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "todochat": {"level": LOG_LEVEL, "propagate": True},
        "django": {"level": "WARNING", "propagate": True},
    },
}

# --- The assistant --------------------------------------------------------------------------------

OPENAI_API_KEY = env("OPENAI_API_KEY", default="").strip()
# Any OpenAI-compatible server; with no path, its API is taken to be at /v1 (Ollama's, vLLM's).
OPENAI_BASE_URL = _url("OPENAI_BASE_URL")
# "offline" is the built-in deterministic model: no key, no network.
AGENT_MODEL = (env("AGENT_MODEL", default="") or "").strip() or (
    "gpt-4.1-mini" if OPENAI_API_KEY else ""
)
if not AGENT_MODEL:
    if OPENAI_BASE_URL:
        # A server was named but no model: the offline model answered, silently.
        raise ImproperlyConfigured(
            "AGENT_MODEL must name the model OPENAI_BASE_URL serves (e.g. llama3.2), "
            "or be 'offline'."
        )
    AGENT_MODEL = "offline"
elif AGENT_MODEL != "offline" and not (OPENAI_API_KEY or OPENAI_BASE_URL):
    # OpenAI's own server without a key refused every turn (502).
    raise ImproperlyConfigured(
        f"AGENT_MODEL={AGENT_MODEL} needs OPENAI_API_KEY (for OpenAI) or OPENAI_BASE_URL "
        "(for another OpenAI-compatible server)."
    )
# "responses" or "chat_completions"; empty: Responses for OpenAI's own URL, else Chat Completions.
AGENT_MODEL_API = _given("AGENT_MODEL_API")
if AGENT_MODEL_API.strip().lower() not in ("", "responses", "chat_completions"):
    raise ImproperlyConfigured(
        f"AGENT_MODEL_API must be 'responses' or 'chat_completions' (got {AGENT_MODEL_API!r})."
    )
# One bound on a whole turn's model time (retries included), in seconds.
AGENT_TIMEOUT_S = _float("AGENT_TIMEOUT_S", 60.0, positive=True)
# Retries of transient provider errors (connection errors, 408/409/429/5xx), within the timeout.
AGENT_MAX_RETRIES = _int("AGENT_MAX_RETRIES", 2)
# How many model calls one turn may make before it is cut off (a runaway tool loop).
AGENT_MAX_TURNS = _int("AGENT_MAX_TURNS", 10, positive=True)
# Sending traces to OpenAI is off unless asked for.
AGENT_TRACING = _bool("AGENT_TRACING", False)
# A streamed turn sends a comment line after this many seconds without an event (a slow tool
# or model), so proxies and browsers keep the connection open.
CHAT_STREAM_HEARTBEAT_S = _float("CHAT_STREAM_HEARTBEAT_S", 15.0, positive=True)
# How many earlier messages of the conversation the model sees.
CHAT_HISTORY_LIMIT = _int("CHAT_HISTORY_LIMIT", 50)
# How much of them, in estimated tokens (characters / 4): the newest that fit, earlier tool
# results compacted. Well inside small models' context windows.
CHAT_HISTORY_TOKENS = _int("CHAT_HISTORY_TOKENS", 8000)
# Empty: the tools are reached in-process over the MCP protocol; else a `runmcp --transport http`.
MCP_SERVER_URL = _url("MCP_SERVER_URL")

# --- Authentication (Better Auth JWTs) -----------------------------------------------------------

# Asymmetric keys (EdDSA, RS256, ES256) from the auth server's JWKS document, and/or a shared
# HS256 secret. The token's `alg` decides which is used.
AUTH_JWKS_URL = _url("AUTH_JWKS_URL")
AUTH_JWT_SECRET = env("AUTH_JWT_SECRET", default="")
# Stripped: an issuer or audience with a space left around it refused every token (401).
AUTH_JWT_ISSUER = _given("AUTH_JWT_ISSUER")
AUTH_JWT_AUDIENCE = _given("AUTH_JWT_AUDIENCE")
AUTH_JWKS_CACHE_S = _int("AUTH_JWKS_CACHE_S", 300)
AUTH_JWT_LEEWAY_S = _int("AUTH_JWT_LEEWAY_S", 30)
# Where the chat page gets its token in production: Better Auth's JWT plugin endpoint (e.g.
# https://app.example.com/api/auth/token), fetched by the browser with the session cookie.
# A path is fetched from this origin (Better Auth served behind the same host).
AUTH_TOKEN_URL = _url("AUTH_TOKEN_URL", path=True)
# How often the chat page, while signed in, asks for reminders that fired (one small query each).
PAGE_NOTIFICATIONS_POLL_S = _float("PAGE_NOTIFICATIONS_POLL_S", 10.0, positive=True)

# --- Shared cache and rate limits --------------------------------------------------------------

# Shared by every replica: the database by default, Redis when CACHE_URL says so (then the rate
# limits are counted in Redis too; otherwise in the database: conversations.ratelimit).
_CACHE_URL = _given("CACHE_URL") or "dbcache://todochat_cache"
try:
    CACHES = {"default": env.cache_url_config(_CACHE_URL)}
except (ImproperlyConfigured, KeyError, ValueError):
    # django-environ says only "Invalid cache schema foo": name the setting, as for the others
    # (the scheme only: the rest of the URL may hold a password).
    _cache_scheme = urlsplit(_CACHE_URL).scheme
    _cache_got = f"a {_cache_scheme}: URL" if _cache_scheme else "no URL scheme"
    raise ImproperlyConfigured(
        "CACHE_URL must be a cache URL such as redis://127.0.0.1:6379/1 or "
        f"dbcache://todochat_cache (got {_cache_got})."
    ) from None
if CACHES["default"]["BACKEND"] == "django_redis.cache.RedisCache":
    # One connection per database-step thread at most in practice; under a burst, wait for a
    # free one (bounded) rather than fail with "Too many connections".
    CACHES["default"].setdefault("OPTIONS", {}).update(
        {
            "CONNECTION_POOL_CLASS": "redis.BlockingConnectionPool",
            "CONNECTION_POOL_KWARGS": {
                "max_connections": _int("REDIS_MAX_CONNECTIONS", 100, positive=True),
                "timeout": 5,
            },
        }
    )
CHAT_RATE_LIMIT = _given("CHAT_RATE_LIMIT") or "30/min"

# --- Reminders: the job engine, the worker, the webhook -----------------------------------------

# Background jobs (firing reminders, webhook deliveries) are rows in this database, run by
# `manage.py runworker` processes (django-tasks' database backend: no extra service; on
# PostgreSQL any number of workers claim jobs with SELECT … FOR UPDATE SKIP LOCKED).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# How often an idle worker looks for due jobs: the lateness of a reminder when workers keep up.
WORKER_POLL_INTERVAL_S = _float("WORKER_POLL_INTERVAL_S", 1.0, positive=True)
# How often a worker sweeps for work whose job was lost (a worker killed mid-job), and how late
# such work must be before the sweep takes it over (a live worker's job normally has it first).
WORKER_SWEEP_INTERVAL_S = _float("WORKER_SWEEP_INTERVAL_S", 15.0, positive=True)
WORKER_SWEEP_GRACE_S = _float("WORKER_SWEEP_GRACE_S", 10.0)
# How long a worker waits before trying again when the database does not answer.
WORKER_DATABASE_RETRY_S = _float("WORKER_DATABASE_RETRY_S", 2.0, positive=True)
# Finished jobs and webhook deliveries are deleted by the workers after this many days (0: kept
# forever); a worker looks for them one sweep interval after it starts, then every hour.
WORKER_KEEP_FINISHED_DAYS = _float("WORKER_KEEP_FINISHED_DAYS", 14.0)
# An all-day due date is taken to be at this time of day (in the user's zone) for reminders
# such as "1 hour before".
REMINDER_ALL_DAY_TIME = _given("REMINDER_ALL_DAY_TIME") or "09:00"
try:
    _time.fromisoformat(REMINDER_ALL_DAY_TIME)
except ValueError:
    # Read by every reminder of an all-day task: one that does not parse failed each of them.
    raise ImproperlyConfigured(
        "REMINDER_ALL_DAY_TIME must be a time of day such as 09:00 "
        f"(got {REMINDER_ALL_DAY_TIME!r})."
    ) from None
# Where fired reminders and task events are POSTed (empty: nowhere), signed with the secret.
REMINDER_WEBHOOK_URL = _url("REMINDER_WEBHOOK_URL")
REMINDER_WEBHOOK_SECRET = env("REMINDER_WEBHOOK_SECRET", default="")
if REMINDER_WEBHOOK_URL and not REMINDER_WEBHOOK_SECRET:
    raise ImproperlyConfigured("REMINDER_WEBHOOK_URL needs REMINDER_WEBHOOK_SECRET to sign with.")
# Task events go to the same receiver (type "task_event") unless this is false.
TASK_EVENTS_WEBHOOK = _bool("TASK_EVENTS_WEBHOOK", True)
# One attempt's time limit; retries back off from BASE doubling up to MAX, and a delivery still
# failing GIVE_UP seconds after it was created is given up.
REMINDER_WEBHOOK_TIMEOUT_S = _float("REMINDER_WEBHOOK_TIMEOUT_S", 10.0, positive=True)
REMINDER_WEBHOOK_RETRY_BASE_S = _float("REMINDER_WEBHOOK_RETRY_BASE_S", 5.0, positive=True)
REMINDER_WEBHOOK_RETRY_MAX_S = _float("REMINDER_WEBHOOK_RETRY_MAX_S", 600.0, positive=True)
REMINDER_WEBHOOK_GIVE_UP_S = _float("REMINDER_WEBHOOK_GIVE_UP_S", 24 * 3600.0)

# --- API ---------------------------------------------------------------------------------------

# Largest request body accepted (bytes), on every route; a larger one gets 413 before it is
# read (todochat/edge.py). Django's own limit on what it reads into memory is never lower.
MAX_REQUEST_BODY_BYTES = _int("MAX_REQUEST_BODY_BYTES", 64 * 1024, positive=True)
# How long a request's body may take to arrive, from the end of its headers (408 after).
REQUEST_BODY_TIMEOUT_S = _float("REQUEST_BODY_TIMEOUT_S", 30.0, positive=True)
DATA_UPLOAD_MAX_MEMORY_SIZE = max(MAX_REQUEST_BODY_BYTES, 2_621_440)
CHAT_MESSAGE_MAX_LENGTH = 4000
# How long an Idempotency-Key is remembered (seconds).
IDEMPOTENCY_KEY_TTL_S = _int("IDEMPOTENCY_KEY_TTL_S", 24 * 3600, positive=True)
# How long a request holds its key before a retry may take its turn over: longer than a turn
# can last (its model time, then storing its reply, each database step bounded).
IDEMPOTENCY_LEASE_S = AGENT_TIMEOUT_S + 3 * DB_STEP_TIMEOUT_S

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["conversations.authentication.BearerTokenAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["conversations.parsers.LimitedJSONParser"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "conversations.errors.exception_handler",
    "UNAUTHENTICATED_USER": None,
    # Answers are chosen by the Accept header alone: DRF's `?format=` would turn a request with
    # an unknown format into a bare 404 on an endpoint that exists.
    "URL_FORMAT_OVERRIDE": None,
}

SPECTACULAR_SETTINGS = {
    "TITLE": "todochat API",
    "DESCRIPTION": "Manage a todo list by chatting with an AI assistant.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    # Swagger UI from the app's static files (drf-spectacular-sidecar), not a CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "conversations.schema.common_error_responses",
    ],
}

# Browser frontends: an explicit allowlist of origins; none by default.
CORS_ALLOWED_ORIGINS = _names("CORS_ALLOWED_ORIGINS")
for _origin in CORS_ALLOWED_ORIGINS:
    _parts = urlsplit(_origin)
    if _parts.scheme not in ("http", "https") or not _parts.hostname or _parts.path:
        # An origin never matches otherwise: every browser request would be refused, silently.
        raise ImproperlyConfigured(
            "CORS_ALLOWED_ORIGINS must list origins such as https://app.example.com, with no "
            f"path (got {_origin!r})."
        )
# ChatKit's browser client (`POST /api/chatkit`) sends its own headers besides the bearer token,
# and the frontend may add the browser's timezone (`X-Timezone`).
CHATKIT_CORS_HEADERS = ["chatkit-frame-instance-id", "chatkit-device-id", "x-timezone"]
CORS_ALLOW_HEADERS = ["authorization", "content-type", "idempotency-key", *CHATKIT_CORS_HEADERS]
CORS_URLS_REGEX = r"^/api/.*$"
