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
    # The turn this message belongs to: the id of the turn's user message, shared by its reply.
    # Ordering by (turn, id) keeps every reply right after its own question, even when turns
    # of one conversation run at the same time.
    turn = models.BigIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["turn", "id"]
        indexes = [
            # Loading the latest N messages of a conversation reads this index backwards.
            models.Index(
                fields=["conversation", "turn", "id"], name="message_conversation_turn_idx"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.role}: {self.content[:60]}"


class IdempotencyKey(models.Model):
    """A chat request's `Idempotency-Key`: a retry with the same key gets the first answer."""

    class State(models.TextChoices):
        IN_PROGRESS = "in_progress", "In progress"
        COMPLETED = "completed", "Completed"

    user_id = models.CharField(max_length=USER_ID_MAX_LENGTH)
    key = models.CharField(max_length=255)
    # sha256 of the request (path and body): the same key with another request is refused.
    request_hash = models.CharField(max_length=64)
    state = models.CharField(max_length=16, choices=State.choices, default=State.IN_PROGRESS)
    response = models.JSONField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user_id", "key"], name="idempotency_key_per_user")
        ]

    def __str__(self) -> str:
        return f"{self.user_id}: {self.key} ({self.state})"


class RateLimitWindow(models.Model):
    """A rate limit's current window for one key (e.g. a user's chat turns): how many hits it
    has counted and when it ends. Counted by `conversations.ratelimit` in one statement."""

    key = models.CharField(max_length=300, primary_key=True)
    hits = models.PositiveIntegerField()
    # Milliseconds since the epoch: compared and returned inside the counting statement itself.
    ends_at_ms = models.BigIntegerField()

    def __str__(self) -> str:
        return f"{self.key}: {self.hits}"
