"""Staff views of every user's tasks: the global id and the user's own number side by side,
filters by state, priority, tag and due date (days in each task owner's timezone)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django import forms
from django.contrib import admin
from django.db.models import Q, QuerySet
from django.http import HttpRequest

from todochat.errors import ApplicationError

from . import date_range, events, reminders, schedule, selectors, services
from .models import TAGS_MAX, Tag, Task, TaskOwner
from .reminder_models import TaskEvent

# The admin form's fields as task events name the change (as the tools' `update_task` does).
_EVENT_FIELDS = {
    "title": "title",
    "description": "description",
    "priority": "priority",
    "recurrence": "recurrence",
    "due_date": "due",
    "due_at": "due",
    "completed_at": "completed_at",
}


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


class TaskAdminForm(forms.ModelForm):
    """What the tools refuse, refused here too: a task saved in the admin is one the tools can
    list, complete and step on (a recurrence they cannot read, or a date at the calendar's edge,
    broke every tool call and list of its owner)."""

    class Meta:
        model = Task
        fields = [
            "user_id",
            "title",
            "description",
            "completed",
            "completed_at",
            "due_date",
            "due_at",
            "priority",
            "recurrence",
        ]

    def clean_recurrence(self) -> str:
        try:
            return schedule.parse_recurrence(self.cleaned_data.get("recurrence") or "")
        except ApplicationError as exc:
            raise forms.ValidationError(exc.message) from None

    def _within(self, field: str) -> Any:
        value = self.cleaned_data.get(field)
        if value is not None and not date_range.within(value):
            raise forms.ValidationError(
                f"Give a day from {date_range.FIRST_YEAR} to {date_range.LAST_YEAR}."
            )
        return value

    def clean_due_date(self) -> Any:
        return self._within("due_date")

    def clean_due_at(self) -> Any:
        return self._within("due_at")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("due_date") and cleaned.get("due_at"):
            raise forms.ValidationError("Give a due day or a due time, not both.")
        return cleaned


class TagFormSet(forms.BaseInlineFormSet):
    """A task's tags as the tools keep them: lower-case, trimmed, no duplicates, at most
    TAGS_MAX; each carries its task's owner (the tag filter looks tags up by owner)."""

    def clean(self) -> None:
        super().clean()
        names: list[str] = []
        for form in self.forms:
            if not hasattr(form, "cleaned_data") or form.cleaned_data.get("DELETE"):
                continue
            name = form.cleaned_data.get("name")
            if not name:
                continue
            tag = selectors.clean_tag(name)
            if not tag:  # only "#" signs: no name left to store
                raise forms.ValidationError("A tag must not be empty.")
            if tag in names:
                raise forms.ValidationError(f"The tag {tag!r} is given twice.")
            names.append(tag)
            form.instance.name = tag
        if len(names) > TAGS_MAX:
            raise forms.ValidationError(f"A task can have at most {TAGS_MAX} tags.")

    def save_new(self, form: forms.ModelForm, commit: bool = True) -> Any:
        form.instance.user_id = self.instance.user_id
        return super().save_new(form, commit=commit)


class TagInline(admin.TabularInline):
    model = Tag
    fields = ["name"]
    extra = 0
    formset = TagFormSet


@admin.register(Task)
class TaskAdmin(admin.ModelAdmin):
    form = TaskAdminForm
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

    def get_readonly_fields(self, request: HttpRequest, obj: Task | None = None) -> Any:
        # A task stays with its owner: its number is theirs (another user may have that number
        # already), as are its tags and reminders.
        fields = list(super().get_readonly_fields(request, obj))
        return [*fields, "user_id"] if obj is not None else fields

    def save_model(self, request: HttpRequest, obj: Task, form: Any, change: bool) -> None:
        # The sort key of the due date follows the day or time set here, as the tools set it.
        obj.due_key = schedule.Due(day=obj.due_date, at=obj.due_at).key
        if {"due_date", "due_at"} & set(form.changed_data):
            # A time set here is its own time of day (`Task.due_local_time` is the tools').
            obj.due_local_time = None
        if not change:
            # A task added here is numbered after its owner's last one, as the tools number it.
            obj.number = services.take_number(obj.user_id)
        completing = change and "completed" in form.changed_data and obj.completed
        reopening = change and "completed" in form.changed_data and not obj.completed
        repeating = completing and bool(obj.recurrence)
        if repeating:
            # Completed below as the tools complete it: a repeating task moves on to its next
            # occurrence (marked completed, its series would stop).
            obj.completed = False
        if reopening:
            obj.completed_at = None  # as the tools reopen it
        if obj.completed and obj.completed_at is None:
            # Completed now, as the tools record it ("what did I finish today?" reads it).
            obj.completed_at = schedule.now()
        super().save_model(request, obj, form, change)
        if not change:
            return
        # The task events are written in `save_related`, once the tags are saved too.
        obj._admin_changes = {  # type: ignore[attr-defined]
            "changed": {_EVENT_FIELDS[f] for f in form.changed_data if f in _EVENT_FIELDS},
            "completed": completing and not repeating,
            "reopened": reopening,
        }
        # The reminder follows as it does after the tools' changes (in the admin's transaction):
        # an offset one moves with the due date (or goes with it), a completed task's is
        # cancelled.
        if {"due_date", "due_at"} & set(form.changed_data):
            before = form.initial.get("due_at") or form.initial.get("due_date")
            reminders.reminder_follow_due(task=obj, previous_due=before)
        if repeating:
            services.task_complete(
                user_id=obj.user_id,
                task_id=obj.number,
                tz=selectors.user_zone(user_id=obj.user_id),
            )
            obj.refresh_from_db()
        elif completing:
            reminders.reminder_cancel(task=obj)

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        """The tags, then the task's events, as the tools write them (in the admin's
        transaction): "created" for a task added here; for an edit, "updated" naming what
        changed, "completed" or "reopened" (a repeating task completed here has its
        "completed" from `services.task_complete` already)."""
        super().save_related(request, form, formsets, change)
        task = form.instance
        zone = selectors.user_zone(user_id=task.user_id)
        if not change:
            events.record(task=task, type=TaskEvent.Type.CREATED, zone=zone)
            return
        said = getattr(task, "_admin_changes", {})
        changed = set(said.get("changed", ()))
        if any(formset.has_changed() for formset in formsets):
            changed.add("tags")
        if said.get("completed") or said.get("reopened"):
            changed.discard("completed_at")
        if changed:
            events.record(task=task, type=TaskEvent.Type.UPDATED, changed=changed, zone=zone)
        if said.get("completed"):
            events.record(
                task=task,
                type=TaskEvent.Type.COMPLETED,
                changed=["completed", "completed_at"],
                zone=zone,
            )
        if said.get("reopened"):
            events.record(task=task, type=TaskEvent.Type.REOPENED, changed=["completed"], zone=zone)

    def delete_model(self, request: HttpRequest, obj: Task) -> None:
        # As the tools delete it: its "deleted" event first, with the task as it was.
        services.task_delete(user_id=obj.user_id, task_id=obj.number)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Task]) -> None:
        for task in queryset:
            services.task_delete(user_id=task.user_id, task_id=task.number)


class TaskOwnerAdminForm(forms.ModelForm):
    """A zone the tools refuse is a form error: stored, it broke every tool call and list of its
    user that gave no zone of its own."""

    class Meta:
        model = TaskOwner
        fields = ["user_id", "timezone"]

    def clean_timezone(self) -> str:
        name = (self.cleaned_data.get("timezone") or "").strip()
        if name:
            try:
                schedule.zone(name)
            except ApplicationError as exc:
                raise forms.ValidationError(exc.message) from None
        return name


@admin.register(TaskOwner)
class TaskOwnerAdmin(admin.ModelAdmin):
    form = TaskOwnerAdminForm
    list_display = ["user_id", "last_number", "timezone"]
    search_fields = ["user_id"]
    readonly_fields = ["last_number"]

    def get_readonly_fields(self, request: HttpRequest, obj: TaskOwner | None = None) -> Any:
        # The row is its user's: their task numbers count on from it.
        fields = list(super().get_readonly_fields(request, obj))
        return [*fields, "user_id"] if obj is not None else fields


from . import reminder_admin  # noqa: E402, F401  (registers the reminder models)
