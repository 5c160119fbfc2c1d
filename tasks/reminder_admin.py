"""Admin views of reminders, notifications, webhook deliveries and task events: for looking
into what fired and what was delivered, per user. Read-only: the worker and the services write
them."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from .reminder_models import Notification, Reminder, TaskEvent, WebhookDelivery


class ReadOnlyAdmin(admin.ModelAdmin):
    list_per_page = 50

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Reminder)
class ReminderAdmin(ReadOnlyAdmin):
    list_display = ["id", "user_id", "task", "kind", "fire_at", "state", "version", "fired_at"]
    list_filter = ["state", "kind"]
    search_fields = ["user_id"]


@admin.register(Notification)
class NotificationAdmin(ReadOnlyAdmin):
    list_display = ["id", "user_id", "task_number", "title", "reminder_at", "created_at", "seen_at"]
    search_fields = ["user_id", "title", "delivery_id"]


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(ReadOnlyAdmin):
    list_display = ["id", "user_id", "kind", "state", "attempts", "next_attempt_at", "last_error"]
    list_filter = ["state", "kind"]
    search_fields = ["user_id", "id"]


@admin.register(TaskEvent)
class TaskEventAdmin(ReadOnlyAdmin):
    list_display = ["id", "user_id", "task_number", "type", "changed", "occurred_at"]
    list_filter = ["type"]
    search_fields = ["user_id"]
