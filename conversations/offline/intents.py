"""What the user asked for in one message, as the parser understands it."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, Literal

Status = Literal["all", "pending", "completed"]
Action = Literal["complete", "delete", "reopen"]
IntentKind = Literal[
    "greeting",
    "help",
    "thanks",
    "bye",
    "unknown",
    "add",
    "add_missing_title",
    "list",
    "count",
    "find",
    "complete",
    "reopen",
    "delete",
    "update",
    "reschedule",
    "more",
    "bulk",
    "yes",
    "no",
    "choose",
    "compound",
    "next",
    "suggest",
    "recent",
    "others",
    "tool_names",
]


@dataclass(frozen=True)
class Intent:
    """One parsed request.

    ``complete``, ``reopen``, ``delete`` and ``update`` address a task by ``task_id``, by ``ref``
    (words of its title) or, with ``pronoun``, as the task the conversation was just about.
    ``next`` is the pending task due soonest; ``suggest`` the most pressing few pending tasks;
    ``recent`` the tasks added last.
    ``bulk`` applies ``action`` to every task with status ``status`` (optionally only those
    matching ``ref``, and never those ``keep`` names), after the user confirms. ``others`` asks
    about another user's tasks. ``yes``, ``no`` and ``choose`` (``choice`` is a 0-based
    position, -1 the last) answer the assistant's previous question.
    """

    kind: IntentKind
    task_id: int | None = None
    ref: str | None = None
    pronoun: bool = False
    title: str | None = None
    titles: tuple[str, ...] = ()
    description: str | None = None
    status: Status = "all"
    action: Action | None = None
    choice: int | None = None
    # A confirmed bulk action: the tasks the user said yes to.
    task_ids: tuple[int, ...] = ()
    # "delete tasks 1-4": the numbers were said as a range, not one by one, so the tasks are
    # looked up and named before anything is done.
    span: bool = False
    # "delete everything except the rent task", "complete all but 3": what a bulk action
    # leaves out, each a task number ("3") or words of a title ("rent").
    keep: tuple[str, ...] = ()
    # Set when a reply to a question picked the task: acting on it needs no further question.
    chosen: bool = False
    # Set when the command word was a typo we corrected: a deletion by name then asks first.
    corrected: bool = False
    # A deletion's verb as said ("cancel"): a task whose title starts with it may be what the
    # user named ("cancel my gym membership" for "Cancel gym membership"), so it asks first.
    verb: str = ""
    # A completion reported with its deed ("I called the plumber"): that verb as a task would
    # start ("call"). A task whose title starts with another deed ("Pay the plumber") may not be
    # the one done, so it asks first.
    deed: str = ""
    # "change the milk to oat milk": the words that take the place of those naming the task in
    # its title ("Buy milk" → "Buy oat milk"), as said; `title` is the whole new title otherwise.
    in_title: str = ""
    # A position said with "task" ("the 2nd task"): it may mean task number 2 instead.
    ordinal_task: bool = False
    # A deletion said as a change of plans ("never mind the gym", "X is no longer needed"), or a
    # completion or deletion said as a question ("delete task 2?"): the words may only be news
    # or a question, not a request, so it asks first — even after "which one?".
    ask: bool = False
    # Set on a new task read without "add" ("buy milk"): after "which one?" the words are first
    # read as the answer ("pay the bank fee" picks that task), and only then as a task.
    implied: bool = False
    # "add a note to the dentist: …": the words go after the task's own description (a second
    # note replaced the first); "set the note" replaces it.
    appends: bool = False
    # When the task is due, as the user said it ("tomorrow", "next friday"): the tools read it.
    due: str | None = None
    # "push the dentist back a day" (+1440), "bring it forward an hour" (-60): a move of the
    # task's own due date by that many minutes, so the task is looked up first.
    shift: int = 0
    # "high", "medium", "low" or "none"; for a list, only tasks of that priority.
    priority: str | None = None
    # "skip this week's gym": one occurrence of a repeating task completed so it moves on, the
    # period said ("week", "today", "tomorrow") or "" — never a task that does not repeat.
    skip: str | None = None
    # "set task 1 to high and task 2 to low": one priority per task number, each set in turn.
    priorities: tuple[tuple[int, str], ...] = ()
    # "raise the priority" (1) or "lower" it (-1): one step from the task's own priority.
    priority_step: int = 0
    # Tags to give the task (added to those it has); for a list, ``tags[0]`` filters by tag.
    tags: tuple[str, ...] = ()
    # "move the report to #work": ``tags`` take the place of every tag the task has.
    retag: bool = False
    # Tags to take off the task ("remove the work tag from task 3"); `untag_all`: every one.
    untags: tuple[str, ...] = ()
    untag_all: bool = False
    # How the task repeats, as the user said it ("every monday", "monthly on the 1st").
    recurrence: str | None = None
    # When to remind the user: a time ("9pm tonight") or a distance before the due date
    # ("1 hour before", "the day before at 9"), as the tools read it.
    reminder: str | None = None
    # A snooze by a span ("for 10 minutes"), in minutes: counted from the pending reminder's
    # time when it is still to come (a snooze never brings a reminder forward), else from now.
    snooze: int = 0
    # List filters: "today", "overdue", "this_week" or "none" (the tools' ``due``), or a span
    # sent as bounds (``words.DUE_SPANS``: "tomorrow", "next_week", "soon", a weekday); words to
    # search for.
    due_filter: str | None = None
    # "due before friday" / "due after the 15th", as said (the tools read it); a list's order:
    # "due", "priority" or "title".
    due_before: str | None = None
    due_after: str | None = None
    sort: str | None = None
    # A list filter named in words the parser cannot read, as ("date", "10000-01-01") or ("tag",
    # "####"): that is said and nothing listed, never the whole list as if it were the one asked.
    unread: tuple[str, str] | None = None
    # A list of the tasks that repeat (True) or of the one-off ones (False); None: either.
    recurring: bool | None = None
    # "what did I complete today?", "…this week", "…since monday": the tools' completed_since.
    completed_since: str | None = None
    # "what reminders do I have?": the pending tasks with a reminder set (the tools have no
    # filter for it: the list is narrowed after it comes back).
    reminders: bool = False
    # "show my work tasks": the tasks tagged "work" if there are any, else those about "work".
    topic: str | None = None
    search: str | None = None
    # What a question about one task (a "find") asks: "due" ("when is the plumber due?"),
    # "done" ("did I buy milk?"), "kept" ("did I delete the rent task?": is it still listed)
    # or "priority" ("how important is the rent?"). For "recent",
    # "today" keeps only the tasks added today.
    asked: str | None = None
    # Per title of an "add": its own due date, priority, tags and recurrence
    # (parse.attributes.Attributes).
    extras: tuple[Any, ...] = ()
    # "mom too", "and the milk as well", "also the bread": said right after a completion or a
    # deletion, the same is done to the task the words (``ref``) name.
    also: bool = False
    # "no, the other one" ("other"), "not milk, mom" ("milk"), "I meant mom" ("that"): said right
    # after a completion or deletion, the task it acted on was the wrong one; ``ref`` names the
    # right one (none for "other": the words the wrong one was found by).
    instead: str = ""
    # Tasks a lookup by name leaves out: the one just acted on by mistake.
    besides: tuple[int, ...] = ()
    # That task, as its change left it: the reply tells what state it is in.
    wrong: Any = None
    text: str = ""
    # What to do instead when no task matches ``ref``: "remind me about groceries tomorrow at 9"
    # adds that task, with the reminder, when there is none to remind about.
    otherwise: Intent | None = None

    def on(self, task_id: int) -> Intent:
        """This intent, aimed at task ``task_id`` the user picked."""
        return replace(self, task_id=task_id, ref=None, pronoun=False, choice=None, chosen=True)
