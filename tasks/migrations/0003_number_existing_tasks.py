"""Existing tasks get their per-user numbers in creation order, and each user's counter starts
after their last one."""

from django.db import migrations


def number_tasks(apps, schema_editor):
    Task = apps.get_model("tasks", "Task")
    TaskOwner = apps.get_model("tasks", "TaskOwner")
    last: dict[str, int] = {}
    for task in Task.objects.order_by("user_id", "created_at", "id").only("id", "user_id").iterator():
        last[task.user_id] = last.get(task.user_id, 0) + 1
        Task.objects.filter(id=task.id).update(number=last[task.user_id])
    TaskOwner.objects.bulk_create(
        [TaskOwner(user_id=user_id, last_number=number) for user_id, number in last.items()]
    )


class Migration(migrations.Migration):
    dependencies = [("tasks", "0002_task_features")]

    operations = [migrations.RunPython(number_tasks, migrations.RunPython.noop)]
