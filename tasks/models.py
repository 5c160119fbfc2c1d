"""The task a user keeps on their todo list."""

from django.core.validators import MaxLengthValidator
from django.db import models

TITLE_MAX_LENGTH = 200
DESCRIPTION_MAX_LENGTH = 2000
USER_ID_MAX_LENGTH = 255


class Task(models.Model):
    # The subject of the user's token; users live in the auth provider, not in this database.
    user_id = models.CharField(max_length=USER_ID_MAX_LENGTH)
    title = models.CharField(max_length=TITLE_MAX_LENGTH)
    description = models.TextField(
        blank=True, default="", validators=[MaxLengthValidator(DESCRIPTION_MAX_LENGTH)]
    )
    completed = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["id"]
        indexes = [
            # Every query is scoped by user; listing also filters by completed state.
            models.Index(fields=["user_id", "completed"], name="task_user_completed_idx"),
        ]

    def __str__(self) -> str:
        return self.title
