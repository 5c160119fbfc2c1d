"""Routes of the chat page: the page at `/` and its script and styles."""

from django.urls import path

from . import page

urlpatterns = [
    path("", page.chat_page, name="chat-page"),
    path("assets/<path:path>", page.asset, name="page-asset"),
]
