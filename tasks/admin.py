"""Staff views of every user's tasks: the global id and the user's own number side by side,
filters by state, priority, tag and due date."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.utils import timezone

from .models import Tag, Task, TaskOwner


class DueFilter(admin.SimpleListFilter):
    """Due dates as staff see them, in the server's zone (UTC)."""

    title = "due"
    parameter_name = "due"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return [("overdue", "Overdue"), ("today", "Today"), ("none", "No due date")]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Task]) -> QuerySet[Task]:
        now = timezone.now()
        today = now.date()
        if self.value() == "overdue":
            return queryset.filter(Q(due_date__lt=today) | Q(due_at__lt=now), completed=False)
        if self.value() == "today":
            return queryset.filter(Q(due_date=today) | Q(due_at__date=today))
        if self.value() == "none":
            return queryset.filter(due_date__isnull=True, due_at__isnull=True)
        return queryset


class TagFilter(admin.SimpleListFilter):
    title = "tag"
    parameter_name = "tag"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        names = Tag.objects.order_by("name").values_list("name", flat=True).distinct()[:50]
        return [(name, name) for name in names]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Task]) -> QuerySet[Task]:
        if self.value():
            return queryset.filter(tags__name=self.value())
        return queryset


class TagInline(admin.TabularInline):
    model = Tag
    fields = ["name"]
    extra = 0


@admin.register(Task)
class TaskAdmin(admin.ModelAdmin):
    list_display = [
        "id",
        "number",
        "title",
        "user_id",
        "completed",
        "priority",
        "due_date",
        "due_at",
        "recurrence",
        "created_at",
    ]
    list_filter = ["completed", "priority", DueFilter, TagFilter, "created_at"]
    search_fields = ["user_id", "title", "description"]
    readonly_fields = ["number", "due_key", "created_turn", "created_at", "updated_at"]
    date_hierarchy = "created_at"
    list_per_page = 50
    inlines = [TagInline]


@admin.register(TaskOwner)
class TaskOwnerAdmin(admin.ModelAdmin):
    list_display = ["user_id", "last_number", "timezone"]
    search_fields = ["user_id"]
    readonly_fields = ["last_number"]


from . import reminder_admin  # noqa: E402, F401  (registers the reminder models)
