"""A ChatKit page on an allowed origin may call `POST /api/chatkit` with the headers ChatKit's
client sends."""

from rest_framework.test import APIClient

CHATKIT_HEADERS = (
    "authorization, content-type, chatkit-frame-instance-id, chatkit-device-id, x-timezone"
)


def test_chatkits_headers_pass_the_preflight_of_an_allowed_origin(settings):
    settings.CORS_ALLOWED_ORIGINS = ["https://app.example.com"]

    response = APIClient().options(
        "/api/chatkit",
        HTTP_ORIGIN="https://app.example.com",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS=CHATKIT_HEADERS,
    )

    assert response["Access-Control-Allow-Origin"] == "https://app.example.com"
    allowed = {name.strip() for name in response["Access-Control-Allow-Headers"].split(",")}
    assert {name.strip() for name in CHATKIT_HEADERS.split(",")} <= allowed
