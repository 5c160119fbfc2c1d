"""Forget stored timezones that name no IANA zone ("localtime", "posix/…", …), once accepted
and now refused by `tasks.schedule.zone`: their users get the default zone until they send one
again, instead of an error on every read of their zone."""

from django.db import migrations
from django.db.models import Q


def forget_non_zones(apps, schema_editor):
    TaskOwner = apps.get_model("tasks", "TaskOwner")
    refused = (
        Q(timezone__in=["localtime", "posixrules", "Factory"])
        | Q(timezone__startswith="posix/")
        | Q(timezone__startswith="right/")
    )
    TaskOwner.objects.filter(refused).update(timezone="")


class Migration(migrations.Migration):
    dependencies = [("tasks", "0005_task_events_reminders")]

    operations = [migrations.RunPython(forget_non_zones, migrations.RunPython.noop)]
