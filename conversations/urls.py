from django.urls import path

from .api import ChatApi, ConversationListApi, ConversationMessagesApi

urlpatterns = [
    path("<str:user_id>/chat", ChatApi.as_view(), name="chat"),
    path("<str:user_id>/conversations", ConversationListApi.as_view(), name="conversation-list"),
    path(
        "<str:user_id>/conversations/<int:conversation_id>/messages",
        ConversationMessagesApi.as_view(),
        name="conversation-messages",
    ),
]
