from django.conf import settings
from django.contrib import admin
from django.contrib.staticfiles.urls import staticfiles_urlpatterns
from django.urls import include, path, re_path
from drf_spectacular.renderers import (
    OpenApiJsonRenderer,
    OpenApiJsonRenderer2,
    OpenApiYamlRenderer,
    OpenApiYamlRenderer2,
)
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.negotiation import DefaultContentNegotiation

from . import views

admin.site.site_header = "todochat administration"
admin.site.site_title = "todochat admin"
admin.site.index_title = "Tasks and conversations"


class SchemaNegotiation(DefaultContentNegotiation):
    """The schema's `?format=yaml` / `?format=json` (the API's views take no `?format=`:
    `URL_FORMAT_OVERRIDE` is off)."""

    def select_renderer(self, request, renderers, format_suffix=None):  # type: ignore[no-untyped-def]
        return super().select_renderer(
            request, renderers, format_suffix or request.query_params.get("format")
        )


urlpatterns = [
    path("", include("conversations.page_urls")),
    path("api/", include("conversations.urls")),
    # JSON first: a browser shows it (the OpenAPI YAML media type is downloaded instead);
    # `?format=yaml` or `Accept: application/yaml` gives YAML.
    path(
        "api/schema/",
        SpectacularAPIView.as_view(
            renderer_classes=[
                OpenApiJsonRenderer2,
                OpenApiJsonRenderer,
                OpenApiYamlRenderer,
                OpenApiYamlRenderer2,
            ],
            content_negotiation_class=SchemaNegotiation,
        ),
        name="schema",
    ),
    # A page to read: no OPTIONS description (DRF rendered one through the page's template).
    path(
        "api/docs/",
        SpectacularSwaggerView.as_view(url_name="schema", http_method_names=["get", "head"]),
        name="docs",
    ),
    path("healthz", views.healthz, name="healthz"),
    path("readyz", views.readyz, name="readyz"),
    path("admin/", admin.site.urls),
    # Anything else under /api/ (and /api itself) answers in the API's JSON error shape, in
    # DEBUG too. Keep it the last /api/ route: it shadows any added after it.
    re_path(r"^api(?:/|$)", views.api_not_found, name="api-not-found"),
]

if settings.DEBUG:
    # The admin's and Swagger UI's files in development; with DEBUG off, todochat/edge.py
    # serves what `collectstatic` gathered.
    urlpatterns += staticfiles_urlpatterns()

handler404 = views.not_found
handler500 = views.server_error
