"""factory_boy factories for the conversations app."""

import factory
from factory.django import DjangoModelFactory

from conversations.models import Conversation, Message


class ConversationFactory(DjangoModelFactory):
    class Meta:
        model = Conversation

    user_id = factory.Sequence(lambda n: f"user-{n}")


class MessageFactory(DjangoModelFactory):
    class Meta:
        model = Message

    conversation = factory.SubFactory(ConversationFactory)
    # A message belongs to its conversation's user.
    user_id = factory.SelfAttribute("conversation.user_id")
    role = Message.Role.USER
    content = factory.Faker("sentence")
    tool_calls = None
