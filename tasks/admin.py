"""Staff views of every user's tasks: the global id and the user's own number side by side,
filters by state, priority, tag and due date (days in each task owner's timezone)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.contrib import admin
from django.db.models import Q, QuerySet
from django.http import HttpRequest

from todochat.errors import ApplicationError

from . import schedule, selectors
from .models import Tag, Task, TaskOwner


class DueFilter(admin.SimpleListFilter):
    """Due dates as each task's owner sees them: "today" and "overdue" are days in the owner's
    timezone (the one they last sent, else `DEFAULT_TIMEZONE`), as `list_tasks` reads them."""

    title = "due (in the owner's timezone)"
    parameter_name = "due"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return [("overdue", "Overdue"), ("today", "Today"), ("none", "No due date")]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Task]) -> QuerySet[Task]:
        if self.value() in {"overdue", "today", "none"}:
            return queryset.filter(_in_owners_zones(self.value() or "", schedule.now()))
        return queryset


def _owners_in(zones: list[str]) -> Q:
    return Q(user_id__in=TaskOwner.objects.filter(timezone__in=zones).values("user_id"))


def _in_owners_zones(due: str, at: datetime) -> Q:
    """`selectors.due_filter(due)` read in each task owner's zone at `at`. Owners are grouped by
    the condition their zone gives (zones whose day starts at the same instant share one: one
    per UTC offset at most); those without a zone, or with one no longer known, read in the
    default."""
    default = selectors.due_filter(due, tz=schedule.zone(schedule.default_zone_name()), at=at)
    groups: dict[Q, list[str]] = {}
    stored = TaskOwner.objects.exclude(timezone="").order_by().values_list("timezone", flat=True)
    for name in stored.distinct():
        try:
            condition = selectors.due_filter(due, tz=schedule.zone(name), at=at)
        except ApplicationError:
            continue
        if condition != default:
            groups.setdefault(condition, []).append(name)
    elsewhere = [name for zones in groups.values() for name in zones]
    where = default & ~_owners_in(elsewhere) if elsewhere else default
    for condition, zones in groups.items():
        where |= condition & _owners_in(zones)
    return where


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
