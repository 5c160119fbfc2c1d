"""factory_boy factories for the tasks app."""

import factory
from factory.django import DjangoModelFactory

from tasks.models import TITLE_MAX_LENGTH, Task


class TaskFactory(DjangoModelFactory):
    class Meta:
        model = Task

    class Params:
        sentence = factory.Faker("sentence", nb_words=6)

    user_id = factory.Sequence(lambda n: f"user-{n}")
    # Cut to the column's limit so every generated task is valid whatever Faker returns.
    title = factory.LazyAttribute(lambda o: o.sentence[:TITLE_MAX_LENGTH])
    description = ""
    completed = False
