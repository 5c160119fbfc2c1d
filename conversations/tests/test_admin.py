"""The conversation admin: staff can read a conversation, tool calls included."""

import html

import pytest
from django.urls import reverse

from conversations.models import Message

from .factories import ConversationFactory, MessageFactory

pytestmark = pytest.mark.django_db

TOOL_CALLS = [
    {
        "id": "call_1",
        "name": "add_task",
        "arguments": {"user_id": "alice", "title": "Café au lait"},
        "result": {"task_id": 7, "status": "created", "title": "Café au lait"},
        "is_error": False,
    }
]


def test_conversation_page_shows_its_messages_with_their_tool_calls(admin_client):
    conversation = ConversationFactory(user_id="alice")
    MessageFactory(conversation=conversation, content="Add café au lait to my list")
    MessageFactory(
        conversation=conversation,
        role=Message.Role.ASSISTANT,
        content="Added it.",
        tool_calls=TOOL_CALLS,
    )
    MessageFactory(content="Someone else's message")

    response = admin_client.get(
        reverse("admin:conversations_conversation_change", args=[conversation.pk])
    )

    assert response.status_code == 200
    page = html.unescape(response.content.decode())
    assert "Add café au lait to my list" in page
    assert "Added it." in page
    assert '"name": "add_task"' in page
    assert '"title": "Café au lait"' in page
    assert "Someone else's message" not in page


def test_message_changelist_lists_messages(admin_client):
    MessageFactory(content="Remind me to call mum")
    MessageFactory(role=Message.Role.ASSISTANT, content="Done.", tool_calls=TOOL_CALLS)

    response = admin_client.get(reverse("admin:conversations_message_changelist"))

    assert response.status_code == 200
    page = html.unescape(response.content.decode())
    assert "Remind me to call mum" in page
    assert "Done." in page


@pytest.mark.parametrize("model", ["conversation", "message"])
def test_conversations_and_messages_are_not_added_in_the_admin(admin_client, model):
    # Adding a message was a 500 (it had no conversation); a conversation belonged to nobody.
    add = reverse(f"admin:conversations_{model}_add")

    assert admin_client.get(add).status_code == 403
    assert admin_client.post(add, {"title": "x", "content": "hi"}).status_code == 403
    changelist = admin_client.get(reverse(f"admin:conversations_{model}_changelist"))
    assert changelist.status_code == 200
    assert add not in changelist.content.decode()
