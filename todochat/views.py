"""Process-level endpoints (health) and the JSON error pages for paths nothing handles."""

from collections.abc import Callable

from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.http import HttpRequest, JsonResponse
from django.urls import Resolver404, resolve
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe

HealthView = Callable[[HttpRequest], JsonResponse]


def _read_only(view: HealthView) -> HealthView:
    """GET and HEAD only: any other method is a 405 (which `JsonErrorsMiddleware` answers in the
    API's JSON shape, `Allow` kept), not a CSRF refusal nor a 200."""
    return csrf_exempt(require_safe(view))


@_read_only
def healthz(request: HttpRequest) -> JsonResponse:
    """The process is up (no dependencies checked)."""
    return JsonResponse({"status": "ok"})


@_read_only
def readyz(request: HttpRequest) -> JsonResponse:
    """The database answers and every migration is applied: ready for traffic."""
    try:
        executor = MigrationExecutor(connection)
        pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
    except Exception:  # any database failure means "not ready", never a 500
        return JsonResponse({"status": "unavailable", "database": "unreachable"}, status=503)
    if pending:
        return JsonResponse(
            {"status": "unavailable", "database": "ok", "pending_migrations": len(pending)},
            status=503,
        )
    return JsonResponse({"status": "ok", "database": "ok"})


def not_found(request: HttpRequest, exception: Exception | None = None) -> JsonResponse:
    """Django's 404 page (DEBUG off): the API's JSON error shape."""
    return JsonResponse(
        {"error": {"code": "not_found", "message": "No such endpoint."}}, status=404
    )


@csrf_exempt
def api_not_found(request: HttpRequest) -> JsonResponse:
    """Any path under /api/ that no endpoint serves, whatever the method and DEBUG: a JSON 404
    that names the path, and the right one when only a trailing slash is wrong."""
    message = f"No such endpoint: {request.method} {request.path}."
    if request.path.endswith("/") and _is_endpoint(request.path.rstrip("/")):
        message += f" Did you mean {request.path.rstrip('/')} (no trailing slash)?"
    elif not request.path.endswith("/") and _is_endpoint(f"{request.path}/"):
        # The schema and its docs page are served at /api/schema/ and /api/docs/.
        message += f" Did you mean {request.path}/ (with a trailing slash)?"
    return JsonResponse({"error": {"code": "not_found", "message": message}}, status=404)


def _is_endpoint(path: str) -> bool:
    try:
        match = resolve(path)
    except Resolver404:
        return False
    return match.url_name != "api-not-found"


def server_error(request: HttpRequest) -> JsonResponse:
    return JsonResponse(
        {"error": {"code": "server_error", "message": "Something went wrong on our side."}},
        status=500,
    )
