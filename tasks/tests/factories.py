"""factory_boy factories for the tasks app."""

import factory
from factory.django import DjangoModelFactory

from tasks.models import TITLE_MAX_LENGTH, Task
from tasks.services import take_number


class TaskFactory(DjangoModelFactory):
    class Meta:
        model = Task

    class Params:
        sentence = factory.Faker("sentence", nb_words=6)

    user_id = factory.Sequence(lambda n: f"user-{n}")
    # The user's next number, taken from their counter as the service takes it.
    number = factory.LazyAttribute(lambda o: take_number(o.user_id))
    # Cut to the column's limit so every generated task is valid whatever Faker returns.
    title = factory.LazyAttribute(lambda o: o.sentence[:TITLE_MAX_LENGTH])
    description = ""
    completed = False
