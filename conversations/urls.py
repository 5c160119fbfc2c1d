from django.urls import path

from .api import ChatApi, ConversationListApi, ConversationMessagesApi
from .chatkit.api import ChatKitApi
from .notifications_api import NotificationAllSeenApi, NotificationListApi, NotificationSeenApi
from .page import DevTokenApi
from .tasks_api import TaskListApi

urlpatterns = [
    path("chatkit", ChatKitApi.as_view(), name="chatkit"),
    path("dev/token", DevTokenApi.as_view(), name="dev-token"),
    path("<str:user_id>/tasks", TaskListApi.as_view(), name="task-list"),
    path("<str:user_id>/chat", ChatApi.as_view(), name="chat"),
    path("<str:user_id>/conversations", ConversationListApi.as_view(), name="conversation-list"),
    path(
        "<str:user_id>/conversations/<int:conversation_id>/messages",
        ConversationMessagesApi.as_view(),
        name="conversation-messages",
    ),
    path("<str:user_id>/notifications", NotificationListApi.as_view(), name="notifications"),
    path(
        "<str:user_id>/notifications/seen",
        NotificationAllSeenApi.as_view(),
        name="notifications-seen",
    ),
    path(
        "<str:user_id>/notifications/<int:notification_id>/seen",
        NotificationSeenApi.as_view(),
        name="notification-seen",
    ),
]
