from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("conversations", "0006_message_replay"),
    ]

    operations = [
        migrations.AddField(
            model_name="message",
            name="tokens",
            field=models.PositiveIntegerField(blank=True, editable=False, null=True),
        ),
    ]
