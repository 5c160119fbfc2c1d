import json
from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django.utils.html import format_html

from .models import Conversation, Message


def _pretty_tool_calls(message: Message) -> str:
    if not message.tool_calls:
        return "—"
    return format_html(
        '<pre style="white-space: pre-wrap; margin: 0">{}</pre>',
        json.dumps(message.tool_calls, indent=2, ensure_ascii=False),
    )


class MessageInline(admin.TabularInline):
    model = Message
    extra = 0
    can_delete = False
    readonly_fields = ("created_at", "role", "content", "tool_calls_display")
    fields = readonly_fields
    ordering = ["turn", "id"]

    @admin.display(description="Tool calls")
    def tool_calls_display(self, obj: Message) -> str:
        return _pretty_tool_calls(obj)

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Conversation)
class ConversationAdmin(admin.ModelAdmin):
    list_display = ["id", "user_id", "title", "created_at", "updated_at"]
    list_filter = ["created_at", "updated_at"]
    search_fields = ["user_id"]
    readonly_fields = ["user_id", "created_at", "updated_at"]
    date_hierarchy = "created_at"
    inlines = [MessageInline]

    def has_add_permission(self, request: HttpRequest) -> bool:
        # A conversation is its user's chat, started by their first message: one added here
        # belonged to nobody.
        return False


@admin.register(Message)
class MessageAdmin(admin.ModelAdmin):
    list_display = ["id", "conversation", "user_id", "role", "short_content", "created_at"]
    list_filter = ["role", "created_at"]
    search_fields = ["user_id", "content"]
    list_select_related = ["conversation"]
    readonly_fields = [
        "conversation",
        "user_id",
        "role",
        "content",
        "tool_calls_display",
        "created_at",
        # ChatKit's item id, type, payload and feedback (conversations.chatkit).
        "public_id",
        "item_type",
        "payload",
        "feedback",
    ]
    exclude = ["tool_calls"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request: HttpRequest) -> bool:
        # Messages are written by chat turns (adding one here, with no conversation, was a 500).
        return False

    @admin.display(description="Content")
    def short_content(self, obj: Message) -> str:
        return obj.content[:80]

    @admin.display(description="Tool calls")
    def tool_calls_display(self, obj: Message) -> str:
        return _pretty_tool_calls(obj)
