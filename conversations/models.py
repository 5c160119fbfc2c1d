"""Conversations with the assistant and their messages: the only memory a chat turn has."""

from django.db import models

from tasks.models import USER_ID_MAX_LENGTH


class Conversation(models.Model):
    user_id = models.CharField(max_length=USER_ID_MAX_LENGTH)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated_at", "-id"]
        indexes = [
            # A user's conversations, most recently active first.
            models.Index(fields=["user_id", "-updated_at"], name="conversation_user_recent_idx"),
        ]

    def __str__(self) -> str:
        return f"Conversation {self.pk} ({self.user_id})"


class Message(models.Model):
    class Role(models.TextChoices):
        USER = "user", "User"
        ASSISTANT = "assistant", "Assistant"

    conversation = models.ForeignKey(
        Conversation, on_delete=models.CASCADE, related_name="messages", db_index=False
    )
    user_id = models.CharField(max_length=USER_ID_MAX_LENGTH)
    role = models.CharField(max_length=16, choices=Role.choices)
    content = models.TextField(blank=True)
    # Assistant messages only: [{"id", "name", "arguments", "result", "is_error"}, …].
    tool_calls = models.JSONField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [
            # Loading the latest N messages of a conversation reads this index backwards.
            models.Index(
                fields=["conversation", "created_at", "id"], name="message_conversation_time_idx"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.role}: {self.content[:60]}"
