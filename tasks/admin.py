from django.contrib import admin

from .models import Task


@admin.register(Task)
class TaskAdmin(admin.ModelAdmin):
    list_display = ["id", "title", "user_id", "completed", "created_at", "updated_at"]
    list_filter = ["completed", "created_at", "updated_at"]
    search_fields = ["user_id", "title", "description"]
    readonly_fields = ["created_at", "updated_at"]
    date_hierarchy = "created_at"
    list_per_page = 50
