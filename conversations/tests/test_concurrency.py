"""Many turns at once: every message kept, each reply right after its own question."""

import asyncio

import pytest

from conversations.models import Conversation, Message
from conversations.selectors import message_list
from conversations.services import chat_turn
from tasks.models import Task

TURNS = 20


async def run_turns(conversation_ids):
    return await asyncio.wait_for(
        asyncio.gather(
            *(
                chat_turn(user_id="alice", message=f"Add a task to task {i}", conversation_id=cid)
                for i, cid in enumerate(conversation_ids)
            )
        ),
        timeout=60,
    )


def assert_each_reply_follows_its_question(conversation_id):
    messages = list(message_list(user_id="alice", conversation_id=conversation_id))
    for question, reply in zip(messages[::2], messages[1::2], strict=True):
        assert question.role == "user" and reply.role == "assistant"
        number = question.content.rsplit(" ", 1)[1]
        assert reply.tool_calls[0]["arguments"]["title"] == f"Task {number}"
        assert reply.turn == question.turn == question.id


@pytest.mark.django_db(transaction=True)
def test_simultaneous_turns_on_one_conversation_keep_every_message_in_order():
    conversation = Conversation.objects.create(user_id="alice")

    results = asyncio.run(run_turns([conversation.id] * TURNS))

    assert all(result.conversation_id == conversation.id for result in results)
    assert Message.objects.filter(conversation=conversation).count() == 2 * TURNS
    assert Task.objects.count() == TURNS
    assert_each_reply_follows_its_question(conversation.id)


@pytest.mark.django_db(transaction=True)
def test_simultaneous_turns_on_many_conversations():
    conversations = [Conversation.objects.create(user_id="alice") for _ in range(TURNS)]

    asyncio.run(run_turns([c.id for c in conversations]))

    for conversation in conversations:
        assert Message.objects.filter(conversation=conversation).count() == 2
        assert_each_reply_follows_its_question(conversation.id)
    assert Task.objects.count() == TURNS


@pytest.mark.django_db(transaction=True)
def test_simultaneous_turns_of_different_users_each_act_for_their_own_user():
    async def turns():
        return await asyncio.wait_for(
            asyncio.gather(
                *(
                    chat_turn(user_id=f"user-{i % 4}", message=f"Add a task to task {i}")
                    for i in range(TURNS)
                )
            ),
            timeout=60,
        )

    results = asyncio.run(turns())

    for i, result in enumerate(results):
        assert result.tool_calls[0]["arguments"]["user_id"] == f"user-{i % 4}"
        assert Task.objects.get(title=f"Task {i}").user_id == f"user-{i % 4}"
