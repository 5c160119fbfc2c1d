"""Conversations with the assistant and their messages: the only memory a chat turn has."""

from django.db import models

from tasks.models import USER_ID_MAX_LENGTH

CONVERSATION_TITLE_MAX_LENGTH = 200


class Conversation(models.Model):
    user_id = models.CharField(max_length=USER_ID_MAX_LENGTH)
    # Set by a ChatKit client (`threads.update`); empty until then.
    title = models.CharField(max_length=CONVERSATION_TITLE_MAX_LENGTH, blank=True, default="")
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
    # The same calls as replayed to the model in later turns, their arguments and compacted
    # results already the text the model reads (see `conversations.context`): reading history
    # then never parses whole lists. Null: replay `tool_calls` (messages stored before this
    # existed).
    replay = models.JSONField(null=True, blank=True, editable=False)
    # The message's estimated size as model input, in tokens (`conversations.context`), so that
    # reading history skips what the token budget leaves out before reading it. Null: not
    # known (messages stored before this existed, ChatKit items that are not messages), read.
    tokens = models.PositiveIntegerField(null=True, blank=True, editable=False)
    # The turn this message belongs to: the id of the turn's user message, shared by its reply.
    # Ordering by (turn, id) keeps every reply right after its own question, even when turns
    # of one conversation run at the same time.
    turn = models.BigIntegerField(null=True, blank=True)
    # ChatKit (conversations.chatkit): the item id a ChatKit client was given for this message
    # when the id was chosen before the row existed (a user message announced before the turn
    # stored it); empty, the item id is derived from the primary key.
    public_id = models.CharField(max_length=64, null=True, blank=True, unique=True)
    # The ChatKit item type of a row that is not a plain message ("" for user and assistant
    # messages, which are told apart by `role`), and the item as ChatKit sent it (a user
    # message's content parts, quoted text and options), replayed as is on `items.list`.
    item_type = models.CharField(max_length=32, blank=True, default="")
    payload = models.JSONField(null=True, blank=True)
    # A ChatKit client's thumbs up or down on an assistant message.
    feedback = models.CharField(
        max_length=8,
        blank=True,
        default="",
        choices=[("positive", "Positive"), ("negative", "Negative")],
    )
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


class ToolCall(models.Model):
    """One tool call of a turn, recorded as it happens: `finished` (with its result) in the
    transaction of the change a tool served in this process makes, or `started` before a
    remote tool runs and `finished` when it has. A process killed mid-turn leaves this record
    of what changed; a turn taken over after such a crash answers from it instead of running
    the tools again (a call left `started` may have run, so it is never run again either)."""

    class State(models.TextChoices):
        STARTED = "started", "Started"
        FINISHED = "finished", "Finished"

    conversation = models.ForeignKey(
        Conversation, on_delete=models.CASCADE, related_name="tool_call_records", db_index=False
    )
    user_id = models.CharField(max_length=USER_ID_MAX_LENGTH)
    # The turn (its user message's id) and the model's id for the call.
    turn = models.BigIntegerField()
    call_id = models.CharField(max_length=255)
    name = models.CharField(max_length=255)
    # As stored (sanitised, long strings cut with a marker); see conversations.storable.
    arguments = models.JSONField(null=True, blank=True)
    result = models.JSONField(null=True, blank=True)
    is_error = models.BooleanField(default=False)
    state = models.CharField(max_length=16, choices=State.choices, default=State.STARTED)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["turn", "id"]
        constraints = [
            models.UniqueConstraint(fields=["turn", "call_id"], name="tool_call_per_turn"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.call_id}, {self.state})"


class IdempotencyKey(models.Model):
    """A chat request's `Idempotency-Key`: a retry with the same key gets the first answer.

    The request holds the key for a lease (`lease_expires_at`, longer than a turn can run); a
    retry while it holds is a 409, a retry after it lapsed (the process died, the database
    failed) takes the turn over. `failed`: the turn failed before any tool ran, so a retry may
    run it again.
    """

    class State(models.TextChoices):
        IN_PROGRESS = "in_progress", "In progress"
        COMPLETED = "completed", "Completed"
        FAILED = "failed", "Failed"

    user_id = models.CharField(max_length=USER_ID_MAX_LENGTH)
    key = models.CharField(max_length=255)
    # sha256 of the request (path and body): the same key with another request is refused.
    request_hash = models.CharField(max_length=64)
    state = models.CharField(max_length=16, choices=State.choices, default=State.IN_PROGRESS)
    response = models.JSONField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(db_index=True)
    lease_expires_at = models.DateTimeField(null=True, blank=True)
    # The turn the key's request stored (its conversation and user message), once stored.
    conversation_id = models.BigIntegerField(null=True, blank=True)
    turn = models.BigIntegerField(null=True, blank=True)

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
