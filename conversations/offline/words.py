"""Wording of every reply: what people read. No tool names, no validation internals."""

from __future__ import annotations

import re
from contextvars import ContextVar
from datetime import date, datetime, timedelta
from typing import Any

from .phrasings import WEEKDAYS
from .results import ToolStep, read_result

# The current moment in the user's zone, as the agent's instructions state it; due dates are
# worded against it ("today 5 pm", "tomorrow"). None: dates are worded on their own.
NOW: ContextVar[datetime | None] = ContextVar("offline_now", default=None)

HELP = (
    "Here's what I can do with your to-do list:\n"
    "- Add: “Add a task to buy groceries”, “todo: fix bike”, “call mom tomorrow at 5pm”, "
    "“every monday: take out the bins”, “add call grandma #family !high”\n"
    "- List: “Show my tasks”, “What's due today?”, “Show overdue”, “What's tagged work?”, "
    "“High-priority ones”, “find dentist”, “How many tasks are left?”\n"
    "- Complete: “Complete task 3”, “I finished the report”, “I bought the eggs”\n"
    "- Change: “Rename task 1 to Call mom tonight”, “move the dentist to tomorrow”, "
    "“set task 3 to high priority”, “tag task 3 with work”\n"
    "- Delete: “Delete task 2” or “Delete the meeting task”"
)
GREETING = (
    "Hello! I'm your to-do assistant. I can add, list, complete, change and delete tasks — "
    "try “Add a task to buy groceries” or say “help”."
)
THANKS = "You're welcome! Anything else on your list?"
# "delete user 2's tasks", "show tasks of user 5": another user's list is out of reach.
ONLY_YOURS = (
    "I can only see and change your own tasks, not anyone else's. Say “show my tasks” to see yours."
)
# "call delete_task with task_id 1": tools are not run by name; the plain words are.
TOOL_NAMES = (
    "I don't run commands by their names — just tell me in plain words, for example “delete "
    "task 1”, “mark task 2 as done”, “rename task 3 to Call mom” or “add buy milk”. Nothing "
    "has changed."
)
BYE = "Bye! Your tasks are saved — come back any time."
MISSING_TITLE = "What should the task say? For example: “Add a task to buy groceries”."
NOTHING_MORE = "There's nothing more to show. Say “show my tasks” to see your list."
NOTHING_TO_CONFIRM = "There's nothing waiting for a yes right now — what would you like to do?"
SAY_YES = "Say yes to go ahead, or no to leave things as they are."
# "never mind", "forget it" with no question open: nothing to cancel, nothing was changed.
NOTHING_CHANGED = "OK, nothing changed."
LEFT_ALONE = "OK, I've left your tasks as they were."
NOTHING_TO_UNDO = (
    "I can only undo a task just marked done (it's reopened). Nothing has changed — to take "
    "back a task, say “delete task N”; to change one, say what to change."
)

_ABILITY = {
    "add_task": "add tasks",
    "list_tasks": "look up your tasks",
    "complete_task": "complete tasks",
    "delete_task": "delete tasks",
    "update_task": "change tasks",
}
_VERB = {
    "complete": "complete",
    "delete": "delete",
    "reopen": "reopen",
    "update": "change",
    "reschedule": "move",
    "skip": "skip",
}
_STATUS_NOUN = {"pending": "pending task", "completed": "completed task", "all": "task"}
# Signs that an error text is an internal dump rather than a sentence for people.
_INTERNALS = re.compile(
    r"validation error|error executing|traceback|pydantic|input_value|input_type|type=|"
    r"field required|user_id|\w+_task\b|list_tasks|[{}\[\]]",
    re.IGNORECASE,
)
_NOT_FOUND = re.compile(r"task\s+#?(\d+)\s+(?:was\s+)?not\s+found", re.IGNORECASE)
_TOO_LONG = re.compile(r"(title|description)\b.*?(?:at most|limit is)\s+([\d,]+)", re.IGNORECASE)


def unavailable(tool: str) -> str:
    """The reply when a tool the request needs is not offered."""
    return f"Sorry, I can't {_ABILITY.get(tool, 'do that')} right now."


def unknown(text: str) -> str:
    """The reply to a message no rule understands."""
    shown = text if len(text) <= 80 else text[:77] + "..."
    prefix = f"Sorry, I didn't understand “{shown}”." if shown else "Sorry, I didn't understand."
    return f"{prefix} {HELP}"


def one_at_a_time(first: str, second: str) -> str:
    """The reply to two requests in one message."""
    return (
        f"I do one thing per message, so nothing has changed yet. Say “{first}” first, then "
        f"“{second}”."
    )


def which_task(example: str) -> str:
    """Ask for a task when the request named none."""
    return f"Which task do you mean? Tell me its number or part of its title, e.g. “{example}”."


_WEEKDAY = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTH = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _clock(moment: datetime) -> str:
    """17:00 → "5 pm", 09:30 → "9:30 am"."""
    hour = moment.hour % 12 or 12
    minutes = f":{moment.minute:02d}" if moment.minute else ""
    return f"{hour}{minutes} {'am' if moment.hour < 12 else 'pm'}"


def _day(day: date, today: date | None) -> str:
    """ "today", "tomorrow", "yesterday", else "Fri 3 Dec" (with the year when it differs)."""
    if today is not None:
        if day == today:
            return "today"
        if day == today + timedelta(days=1):
            return "tomorrow"
        if day == today - timedelta(days=1):
            return "yesterday"
    text = f"{_WEEKDAY[day.weekday()]} {day.day} {_MONTH[day.month - 1]}"
    if today is not None and day.year != today.year:
        text += f" {day.year}"
    return text


def _parse_due(value: Any) -> date | datetime | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        if len(value) == 10:
            return date.fromisoformat(value)
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment


def when(value: Any, *, pending: bool = True) -> str | None:
    """A due date (ISO date, or date-time with the user's offset) in words, in the user's zone:
    "today 5 pm", "tomorrow", "Fri 3 Dec", "overdue since Mon 30 Nov"."""
    due = _parse_due(value)
    if due is None:
        return None
    now = NOW.get()
    if isinstance(due, datetime):
        local = due.astimezone(now.tzinfo) if now is not None and due.tzinfo else due
        today = now.date() if now is not None else None
        text = f"{_day(local.date(), today)} {_clock(local)}"
        late = now is not None and pending and local < now
        if late and local.date() != (today or local.date()):
            return f"overdue since {_day(local.date(), today)}"
        return f"{text} (overdue)" if late else text
    today = now.date() if now is not None else None
    if today is not None and pending and due < today:
        return f"overdue since {_day(due, today)}"
    return _day(due, today)


def task_line(task: dict[str, Any]) -> str:
    """One task as a list line: number, title, state, due date, priority, tags, when a pending
    task's reminder fires, description."""
    line = f"#{task.get('id')} {task.get('title', '')}"
    if task.get("completed"):
        line += " (done)"
    extras = []
    due = when(task.get("due"), pending=not task.get("completed"))
    if due:
        extras.append(due if due.startswith("overdue") else f"due {due}")
    if task.get("recurrence"):
        extras.append("repeats")
    if task.get("priority") in ("high", "medium", "low"):
        extras.append(f"{task['priority']} priority")
    tags = [tag for tag in task.get("tags") or [] if isinstance(tag, str)]
    if tags:
        extras.append(" ".join(f"#{tag}" for tag in tags))
    reminder = None if task.get("completed") else when(task.get("reminder_at"), pending=False)
    if reminder:
        extras.append(f"reminder {reminder}")
    if extras:
        line += f" · {' · '.join(extras)}"
    if task.get("description"):
        line += f" — {task['description']}"
    return line


def _lines(tasks: list[dict[str, Any]]) -> str:
    return "\n".join(f"- {task_line(task)}" for task in tasks)


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" + ("" if count == 1 else "s")


# The tools have no "tomorrow" filter: due after today and before the day after tomorrow.
DUE_TOMORROW = {"due_after": "today", "due_before": "in 2 days"}

# Lists of a span the tools have no ``due`` for, as their strict bounds and the words naming
# it. Next week runs Monday to Sunday, as "this week" does for the tools; "soon" is anything
# due by a week from today (overdue ones too); a day of the week is the one the tools read
# "friday" as (the coming one; on a Friday, next week's).
DUE_SPANS: dict[str, tuple[dict[str, str], str]] = {
    "tomorrow": (DUE_TOMORROW, "due tomorrow"),
    "next_week": (
        {"due_after": "sunday this week", "due_before": "a week from monday"},
        "due next week",
    ),
    "soon": ({"due_before": "in 8 days"}, "due within a week"),
    # "what's due this weekend": its Saturday and Sunday (on a Sunday, the Sunday left).
    "weekend": (
        {"due_after": "the day before this weekend", "due_before": "monday"},
        "due this weekend",
    ),
    **{
        day: (
            {"due_after": f"the day before {day}", "due_before": f"a day from {day}"},
            f"due on {day.capitalize()}",
        )
        for day in WEEKDAYS
    },
    **{
        f"by_{day}": ({"due_before": f"a day from {day}"}, f"due by {day.title()}")
        for day in WEEKDAYS
    },
    # "due by friday": up to the end of that day, overdue ones too.
    "by_tomorrow": ({"due_before": "a day from tomorrow"}, "due by tomorrow"),
    "by_today": ({"due_before": "tomorrow"}, "due today or overdue"),
    "today_tomorrow": (
        {"due_after": "yesterday", "due_before": "in 2 days"},
        "due today or tomorrow",
    ),
    # "what's due this month": up to its end, overdue ones too.
    "this_month": ({"due_before": "the start of next month"}, "due by the end of the month"),
    # "in the next 3 days", "within 10 days": up to the end of the last of them, overdue too.
    **{
        f"within_{n}": ({"due_before": f"in {n + 1} days"}, f"due within {n} days")
        for n in range(2, 32)
    },
}

_DUE_WORDS = {
    "today": "due today",
    "overdue": "overdue",
    "this_week": "due this week",
    "none": "without a due date",
}


def _filter_words(filters: dict[str, Any]) -> str:
    """ "high-priority tasks tagged #work due today"-style words for a filtered list."""
    parts = []
    if filters.get("priority"):
        parts.append(f"{filters['priority']}-priority")
    noun = "tasks"
    if filters.get("recurring") is not None:
        noun = f"{'repeating' if filters['recurring'] else 'one-off'} {noun}"
    if filters.get("due") == "overdue":
        noun = f"overdue {noun}"
    parts.append(noun)
    if filters.get("tag"):
        parts.append(f"tagged #{filters['tag']}")
    if filters.get("topic"):
        parts.append(("or " if filters.get("tag") else "") + f"about “{filters['topic']}”")
    if filters.get("due") in ("today", "this_week", "none"):
        parts.append(_DUE_WORDS[filters["due"]])
    elif span := _span_words(filters):
        parts.append(span)
    else:
        if filters.get("due_after"):
            parts.append(f"due after {filters['due_after']}")
        if filters.get("due_before"):
            parts.append(f"due before {filters['due_before']}")
    if since := filters.get("completed_since"):
        parts.append(
            {"today": "completed today", "monday": "completed this week"}.get(
                since, f"completed since {since}"
            )
        )
    if filters.get("sort") in ("due", "priority", "title"):
        parts.append(
            {"due": "by due date", "priority": "by priority", "title": "by title"}[filters["sort"]]
        )
    return " ".join(parts)


def _span_words(filters: dict[str, Any]) -> str | None:
    """ "due next week" for the bounds of a span in ``DUE_SPANS``; None for other bounds."""
    bounds = {key: filters[key] for key in ("due_after", "due_before") if filters.get(key)}
    return next((said for span, said in DUE_SPANS.values() if span == bounds), None)


_MORE_HINT = "Say “show more” to see them."


def listing(
    tasks: list[dict[str, Any]],
    status: str,
    total: int | None = None,
    filters: dict[str, Any] | None = None,
) -> str:
    """The reply to a list request."""
    if filters:
        what = _filter_words(filters)
        if not tasks:
            return f"You have no {what}."
        text = f"Here are your {what}:\n{_lines(tasks)}"
    elif not tasks:
        return {
            "pending": "You have no pending tasks.",
            "completed": "You have no completed tasks.",
        }.get(status, "You have no tasks yet. Try “Add a task to buy groceries”.")
    else:
        heading = {
            "pending": "Here are your pending tasks:",
            "completed": "Here are your completed tasks:",
        }.get(status, "Here are all your tasks:")
        text = f"{heading}\n{_lines(tasks)}"
    if total is not None and total > len(tasks):
        text += f"\n…and {total - len(tasks)} more. {_MORE_HINT}"
    return text


def with_repeats_done(
    completed: list[dict[str, Any]], listed: str, repeats: list[dict[str, Any]]
) -> str:
    """The completed tasks' list, and the repeating tasks completed at least once: each is
    pending again, due next time."""
    lines = "\n".join(
        f"- {task_line(task)} · last done {_last_done(task) or 'before'}" for task in repeats
    )
    heading = "Repeating tasks you've completed (each is due again):"
    if not completed:
        return f"You have no completed one-off tasks.\n{heading}\n{lines}"
    return f"{listed}\n{heading}\n{lines}"


_UNREAD_EXAMPLE = {
    "date": "a day such as “friday”, “dec 20” or “2026-12-20”",
    "tag": "a tag that is a word, e.g. “show tasks tagged work”",
}


def unread_filter(what: str, said: str, *, counted: bool = False) -> str:
    """A list (or count) whose ``what`` ("date" or "tag") was not read: nothing is listed."""
    done = "counted" if counted else "listed"
    return (
        f"I couldn't read “{said}” as a {what}, so I haven't {done} anything. Try again with "
        f"{_UNREAD_EXAMPLE[what]}."
    )


def reminders(tasks: list[dict[str, Any]], *, looked: int | None = None) -> str:
    """The reply to "what reminders do I have?": the pending tasks with a reminder set. With
    `looked`, only that many pending tasks were looked through, of more: it may be incomplete."""
    if not tasks:
        text = "You have no reminders set."
    else:
        text = f"Here are your reminders:\n{_lines(tasks)}"
    if looked is None:
        return text
    return (
        f"{text}\nI only looked through your first {looked} pending tasks, so there may be "
        "reminders this list is missing."
    )


def about_topic(topic: str, tasks: list[dict[str, Any]], filters: dict[str, Any]) -> str:
    """The reply to "show my <topic> tasks" when no task is tagged <topic>: those about it."""
    if not tasks:
        return f"You have no {_filter_words({**filters, 'tag': topic, 'topic': topic})}."
    return f"Here are your {_filter_words({**filters, 'topic': topic})}:\n{_lines(tasks)}"


def next_page(tasks: list[dict[str, Any]], total: int | None, shown: int, more: bool) -> str:
    """The reply to "show more"."""
    if not tasks:
        return NOTHING_MORE
    text = f"More of your tasks:\n{_lines(tasks)}"
    if more:
        text += f"\nThere are still more ({total} in all). {_MORE_HINT}"
    return text


def too_many_matches(ref: str, total: int | None) -> str:
    """A name that more tasks mention than one page holds: nothing is changed."""
    many = f"{total} tasks" if total else "Too many tasks"
    return (
        f"{many} mention “{ref}”, so I haven't changed anything. Tell me the task number or "
        "more of its title."
    )


def no_task(task_id: int) -> str:
    """A task number that is not on the user's list."""
    return f"There's no task {task_id} on your list."


def details(task: dict[str, Any]) -> str:
    """The reply to "show task 3"."""
    return f"Task {task_line(task)}"


def _named(task: dict[str, Any]) -> str:
    return f"“{task.get('title', '')}” (#{task.get('id')})"


def _due_words(task: dict[str, Any]) -> str | None:
    """ "due Fri 4 Dec", "overdue since Mon 30 Nov", or None without a due date."""
    due = when(task.get("due"), pending=not task.get("completed"))
    if due is None:
        return None
    return due if due.startswith("overdue") else f"due {due}"


def _last_done(task: dict[str, Any]) -> str | None:
    """When a repeating task was last completed ("Tue 1 Dec"), if it ever was."""
    done = _parse_due(task.get("completed_at"))
    if not isinstance(done, datetime):
        return None
    now = NOW.get()
    local = done.astimezone(now.tzinfo) if now is not None and done.tzinfo else done
    return _day(local.date(), now.date() if now is not None else None)


def answer(asked: str, task: dict[str, Any]) -> str:
    """The reply to a question about one task: when it is due ("due"), whether it is done
    ("done"), whether it is still listed ("kept": "did I delete the rent task?"), or its
    priority ("priority")."""
    named = _named(task)
    due = _due_words(task)
    if asked == "kept":
        state = "done" if task.get("completed") else "pending" + (f", {due}" if due else "")
        return f"{named} is still on your list ({state})."
    if asked == "priority":
        level = task.get("priority")
        if level in ("high", "medium", "low"):
            return f"{named} is {level} priority."
        return f"{named} has no priority set."
    if asked == "tags":
        tags = [tag for tag in task.get("tags") or [] if isinstance(tag, str)]
        if not tags:
            return f"{named} has no tags."
        return f"{named} is tagged " + " ".join(f"#{tag}" for tag in tags) + "."
    if asked == "note":
        notes = str(task.get("description") or "").strip()
        if not notes:
            return f"{named} has no note."
        return f"The note on {named}: {notes}"
    if asked == "repeat":
        rule = str(task.get("recurrence") or "")
        if not rule:
            return f"{named} doesn't repeat."
        how = repeats_in_words(rule)
        text = f"{named} repeats" + (f" {how}" if how else "")
        return text + (f"; it's {due}." if due and not task.get("completed") else ".")
    if asked == "done":
        if task.get("completed"):
            return f"Yes — {named} is done."
        text = f"No — {named} is still to do" + (f", {due}." if due else ".")
        last = _last_done(task) if task.get("recurrence") else None
        if last:
            text += f" It repeats; you last completed it {last}."
        return text
    if due is None:
        return f"{named} has no due date." + (" It's done." if task.get("completed") else "")
    if task.get("completed"):
        return f"{named} is done ({due})."
    return f"{named} is {due}."


_WEEKDAYS = {
    "MO": "Monday",
    "TU": "Tuesday",
    "WE": "Wednesday",
    "TH": "Thursday",
    "FR": "Friday",
    "SA": "Saturday",
    "SU": "Sunday",
}
_UNITS = {"DAILY": "day", "WEEKLY": "week", "MONTHLY": "month", "YEARLY": "year"}


def repeats_in_words(rule: str) -> str:
    """ "every Monday and Thursday", "every 2 weeks", "every day" for a recurrence rule; "" for
    one it can't word simply (the reply then says only that it repeats)."""
    parts = dict(part.split("=", 1) for part in rule.upper().split(";") if "=" in part)
    unit = _UNITS.get(parts.get("FREQ", ""))
    interval = parts.get("INTERVAL", "1")
    if unit is None or not interval.isdigit() or set(parts) - {"FREQ", "INTERVAL", "BYDAY"}:
        return ""
    days = parts.get("BYDAY", "").split(",") if parts.get("BYDAY") else []
    if days and (unit != "week" or any(day not in _WEEKDAYS for day in days)):
        return ""
    every = "every" if interval == "1" else f"every {interval} {unit}s"
    if not days:
        return f"every {unit}" if interval == "1" else every
    names = [_WEEKDAYS[day] for day in days]
    listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    return f"every {listed}" if interval == "1" else f"{every} on {listed}"


def not_repeating(task: dict[str, Any]) -> str:
    """The reply to "skip the report" for a task that does not repeat: nothing changed."""
    number = task.get("id")
    return (
        f"{_named(task)} doesn't repeat, so there's no occurrence to skip; nothing changed. "
        f"To finish it say “complete task {number}”, to move it “move task {number} to friday”."
    )


def not_due_then(task: dict[str, Any], period: str) -> str:
    """The reply to "skip this week's gym" when its next occurrence is later: nothing changed."""
    said = {"week": "this week", "today": "today", "tomorrow": "tomorrow"}[period]
    return f"{_named(task)} isn't due {said} (it's {_due_words(task)}); nothing changed."


def cannot_shift(task: dict[str, Any], minutes: int) -> str:
    """The reply to "push the dentist back an hour" when the task has no due date, or a day with
    no time of day to move by hours: nothing changed, and how to say it instead."""
    named = _named(task)
    number = task.get("id")
    if not task.get("due"):
        return (
            f"{named} has no due date to move. When should it be due? For example: “move task "
            f"{number} to friday”."
        )
    return (
        f"{named} is {_due_words(task)}, with no time of day, so I can't move it by "
        f"{'hours' if abs(minutes) >= 60 else 'minutes'}. Say the time, for example: “move task "
        f"{number} to 4pm”."
    )


def still_listed(ref: str, tasks: list[dict[str, Any]]) -> str:
    """The reply to "did I delete the rent task?" when several tasks match: all still listed."""
    return f"These tasks matching “{ref}” are still on your list:\n{_lines(tasks)}"


def not_listed(ref: str) -> str:
    """The reply to "did I delete the rent task?" when no task matches."""
    return f"There's no task matching “{ref}” on your list."


def did_you_mean_asked(task: dict[str, Any]) -> str:
    """Ask before answering about a task that matched only with a typo."""
    return f"Did you mean {_named(task)}? Say yes and I'll tell you."


def next_due(tasks: list[dict[str, Any]], any_pending: bool) -> str:
    """The reply to "when's my next task?": the pending tasks due soonest (same due date)."""
    if not tasks:
        if any_pending:
            return "None of your pending tasks has a due date."
        return "You have no pending tasks."
    if len(tasks) == 1:
        return f"Next up: {_named(tasks[0])}, {_due_words(tasks[0])}."
    return f"Next up, {_due_words(tasks[0])}:\n" + "\n".join(
        f"- #{task.get('id')} {task.get('title', '')}" for task in tasks
    )


def due_day(task: dict[str, Any]) -> date | None:
    """The day a task is due, in the user's zone; None without a due date."""
    due = _parse_due(task.get("due"))
    if isinstance(due, datetime):
        now = NOW.get()
        return (due.astimezone(now.tzinfo) if now is not None and due.tzinfo else due).date()
    return due


def suggested(tasks: list[dict[str, Any]], pending: int) -> str:
    """The reply to "what should I do next?": the most pressing few of ``pending`` tasks."""
    if not tasks:
        return "You have no pending tasks — nothing to do right now."
    if len(tasks) == 1 and pending == 1:
        return f"You have just one thing to do: {_named(tasks[0])}."
    lines = "\n".join(f"- {task_line(task)}" for task in tasks)
    text = f"Here's what I'd do next:\n{lines}"
    if pending > len(tasks):
        text += (
            f"\n…and {pending - len(tasks)} more pending. Say “what's pending?” to see them all."
        )
    return text


def added_today(tasks: list[dict[str, Any]], total: int | None = None) -> str:
    """The reply to "what did I add today?" (newest first; `total` when there are more)."""
    if not tasks:
        return "You haven't added any tasks today (that are still on your list)."
    if total is not None and total > len(tasks):
        return f"{total} added today; the newest {len(tasks)}:\n{_lines(tasks)}"
    return f"Added today, newest first:\n{_lines(tasks)}"


def recently_added(tasks: list[dict[str, Any]], total: int) -> str:
    """The reply to "what did I add recently?": the newest few, newest first."""
    if not tasks:
        return "You have no tasks yet."
    if len(tasks) == total:
        return f"Your tasks, newest first:\n{_lines(tasks)}"
    return f"Your {len(tasks)} most recently added tasks, newest first:\n{_lines(tasks)}"


def found(ref: str, tasks: list[dict[str, Any]]) -> str:
    """The reply to "find X"."""
    if not tasks:
        return f"No task matches “{ref}”."
    return f"Tasks matching “{ref}”:\n{_lines(tasks)}"


def count(
    tasks: list[dict[str, Any]],
    status: str,
    total: int | None = None,
    filters: dict[str, Any] | None = None,
) -> str:
    """The reply to "how many tasks…?"."""
    number = total if total is not None else len(tasks)
    if filters:
        what = _filter_words(filters)
        if number == 0:
            return f"You have no {what}."
        return f"You have {number} {what.replace('tasks', 'task' if number == 1 else 'tasks', 1)}."
    if status == "all":
        done = sum(1 for task in tasks if task.get("completed"))
        if number == len(tasks) and tasks:
            return f"You have {_plural(number, 'task')}: {len(tasks) - done} pending, {done} done."
        return f"You have {_plural(number, 'task')}."
    if number == 0:
        return f"You have no {status} tasks."
    return f"You have {_plural(number, _STATUS_NOUN[status])}."


_DONE_WORD = {"complete": "completed", "delete": "deleted"}


def still_as_left(kind: str, task: dict[str, Any]) -> str:
    """What became of the task acted on by mistake ("not milk, mom"): said plainly, with how to
    take it back where there is a way."""
    name = f"“{task['title']}” (#{task['id']})"
    if kind == "delete":
        return (
            f"{name} was already deleted and can't be brought back — say “add "
            f"{task['title']}” to add it again."
        )
    if task.get("recurrence"):
        return f"{name} still counts as done this time (it moved on to its next date)."
    return f"{name} is still marked done — say “reopen task {task['id']}” if it isn't done."


def which_instead(kind: str, task: dict[str, Any]) -> str:
    """ "no, the other one" with no other task to point at: the state of the one acted on, and
    which task was meant."""
    return f"{still_as_left(kind, task)} Which task did you mean? Tell me its number or its name."


def not_the_one_done(kind: str, task: dict[str, Any], said: str) -> str:
    """ "not the bread, the milk" when the task just acted on was not the bread: nothing done."""
    return (
        f"I {_DONE_WORD[kind]} “{task['title']}” (#{task['id']}), not “{said}” — nothing else "
        f"changed. Tell me which task to {_VERB[kind]} by its number or name."
    )


def count_done(total: int | None, listed: int, repeats: list[dict[str, Any]]) -> str:
    """The reply to "how many have I completed?": the completed tasks, and the repeating ones
    completed at least once (each pending again, so counted apart)."""
    text = count([], "completed", total if total is not None else listed)
    if not repeats:
        return text
    names = ", ".join(f"“{task['title']}”" for task in repeats[:5])
    more = f" and {len(repeats) - 5} more" if len(repeats) > 5 else ""
    noun = "repeating task" if len(repeats) == 1 else "repeating tasks"
    return f"{text[:-1]}, and {len(repeats)} {noun} done at least once ({names}{more})."


def ambiguous(intent_kind: str, ref: str, candidates: list[dict[str, Any]]) -> str:
    """Ask which of several matching tasks is meant."""
    return (
        f"Several tasks match “{ref}” — which one do you mean?\n{_lines(candidates)}\n"
        "Say “the first”, “the second”… or the task number."
    )


def place_or_number(intent_kind: str, placed: dict[str, Any], numbered: dict[str, Any]) -> str:
    """ "complete the 2nd task": the second one listed, or task 2?"""
    return (
        f"Do you mean the task listed there, “{placed['title']}” (#{placed['id']}), or task "
        f"#{numbered['id']}, “{numbered['title']}”? Say “the first” or “the second”, or the "
        f"task number, and I'll {_VERB[intent_kind]} it."
    )


def just_done_or_other(intent_kind: str, done: dict[str, Any], other: dict[str, Any]) -> str:
    """ "delete the last one" when the list's last is the task just completed."""
    return (
        f"The one in that place, “{done['title']}” (#{done['id']}), is the task you just "
        f"completed. Do you mean it, or “{other['title']}” (#{other['id']})? Say “the first” or "
        f"“the second”, or the task number, and I'll {_VERB[intent_kind]} it."
    )


def just_done_again(intent_kind: str, done: dict[str, Any]) -> str:
    """ "delete the last one" when it is the task just completed, and no other is listed."""
    verb = _VERB[intent_kind]
    return (
        f"“{done['title']}” (#{done['id']}) is the task you just completed. Do you want to "
        f"{verb} it? Say yes to {verb} it."
    )


def _nth(n: int) -> str:
    """1 → "1st", 2 → "2nd", 11 → "11th", 23 → "23rd"."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def number_or_place(intent_kind: str, placed: dict[str, Any], number: int) -> str:
    """ "delete #2" after a list that does not show task 2: task 2, or the second one listed?"""
    return (
        f"Task #{number} isn't in the list I just showed. Do you mean task #{number}, or "
        f"“{placed['title']}” (#{placed['id']}), listed {_nth(number)}? Say the "
        f"number, {number} or {placed['id']}, and I'll {_VERB[intent_kind]} it."
    )


def did_you_mean(intent_kind: str, task: dict[str, Any]) -> str:
    """Ask before acting on a task that matched only with a typo."""
    return f"Did you mean “{task['title']}” (#{task['id']})? Say yes to {_VERB[intent_kind]} it."


def confirm(intent_kind: str, task: dict[str, Any], *, to: str = "") -> str:
    """Ask before acting on a task the request may have named rather than meant to change (a
    move says where to)."""
    where = f" to {to}" if to and intent_kind == "reschedule" else ""
    return (
        f"Do you want to {_VERB[intent_kind]} “{task['title']}” (#{task['id']}){where}? "
        f"Say yes to {_VERB[intent_kind]} it."
    )


def done_again(task: dict[str, Any]) -> str:
    """A repeating task completed again soon after its last completion."""
    due = when(task.get("due"))
    upcoming = f" — the next one, due {due}," if due else ""
    return (
        f"“{task['title']}” (#{task['id']}) was already marked done a moment ago{upcoming} is "
        "still ahead. Mark that one done too? Say yes to complete it."
    )


def change_stands(tool: str, result: dict[str, Any]) -> str:
    """ "no" right after a change: what was done stands, and how to take it back."""
    named = f"“{result.get('title', '')}” (#{result['task_id']})"
    match tool:
        case "delete_task":
            return f"OK. {named} is already deleted — to have it back, add it again."
        case "complete_task":
            return f"OK. {named} is already marked done — say “undo” to reopen it."
        case "add_task":
            return f"OK. {named} is already added — say “scratch that” to delete it."
        case _:
            return f"OK. The change to {named} is already made — tell me what to change back."


def undo_added(task: dict[str, Any]) -> str:
    """ "scratch that" right after an add: the task is offered for deletion."""
    return (
        f"Do you want to delete “{task['title']}” (#{task['id']}), just added? "
        "Say yes to delete it."
    )


def confirm_numbers(intent_kind: str, task_ids: list[int]) -> str:
    """Ask before acting on several tasks named by number in a question ("delete 2 and 3?")."""
    numbers = ", ".join(str(task_id) for task_id in task_ids[:-1]) + f" and {task_ids[-1]}"
    return f"Do you want to {_VERB[intent_kind]} tasks {numbers}? Say yes to confirm."


def confirm_whole(intent_kind: str, task: dict[str, Any], ref: str) -> str:
    """Ask before acting on a whole task when the request named only part of what it lists."""
    verb = _VERB[intent_kind]
    return (
        f"“{task['title']}” (#{task['id']}) lists more than “{ref}”. Do you want to {verb} the "
        f"whole task? Say yes to {verb} it."
    )


def not_a_candidate(task_id: int) -> str:
    """A number in answer to "which one?" that is none of the tasks offered."""
    return (
        f"Task {task_id} isn't one of those. Say “the first”, “the second”… or one of the "
        "numbers shown."
    )


def focused(task: dict[str, Any]) -> str:
    """A task picked from the list just shown, with nothing asked of it yet."""
    return f"“{task['title']}” (#{task['id']}) — what would you like to do with it?"


def not_shown(task_id: int, count: int) -> str:
    """A position or number picked after a list that holds no such task."""
    if task_id > 0:
        return (
            f"Task {task_id} isn't in the list I just showed. Say “show task {task_id}” to see it."
        )
    return f"That list has only {count} — say “the first”, “the second”… or a number shown."


def no_match(ref: str, status: str) -> str:
    """Nothing matched a reference."""
    noun = _STATUS_NOUN.get(status, "task")
    return f"I couldn't find a {noun} matching “{ref}”. Say “show my tasks” to see them."


def no_such_tag(tag: str, ref: str) -> str:
    """ "move the report to work" with no task tagged "work": a place or a tag?"""
    return (
        f"None of your tasks is tagged “{tag}” yet, so nothing changed. To file it there, say "
        f"“move {ref} to #{tag}”."
    )


def already_listed(task: dict[str, Any], said: str) -> str:
    """A task said without "add" that is already pending."""
    return (
        f"“{task['title']}” (#{task['id']}) is already on your list. To add it again, say "
        f"“add {said}”."
    )


def already_listed_when(
    task: dict[str, Any], said: str, due: str | None, recurrence: str | None
) -> str:
    """A task said without "add", with when it is due or repeats, that is already pending: the
    when is offered for the task there."""
    changes = [
        f"set it due {due}" if due else "",
        f"make it repeat {recurrence}" if recurrence else "",
    ]
    change = " and ".join(filter(None, changes))
    return (
        f"“{task['title']}” (#{task['id']}) is already on your list. Do you want me to {change}? "
        f"Say yes to change it, or “add {said}” to add another."
    )


def already_done(task: dict[str, Any]) -> str:
    """Completing a task that is already complete."""
    return f"“{task['title']}” (#{task['id']}) is already done."


def not_done_yet(task: dict[str, Any]) -> str:
    """Reopening a task that is still pending."""
    return f"“{task['title']}” (#{task['id']}) isn't done yet, so there's nothing to reopen."


MORE_THAN_DAILY = (
    "A task can repeat at most once a day (daily, weekdays, every monday, monthly…), not every "
    "hour or several times a day, so I didn't add it. Say e.g. “stretch every day at 10am”, or "
    "add one task per time of day."
)


def cannot_undelete(title: str) -> str:
    """ "undo" right after a task was deleted."""
    return (
        f"“{title}” was deleted, and a deleted task can't be brought back. Nothing has changed — "
        f"say “add {title}” to add it again."
    )


def undo_several(task_ids: tuple[int, ...]) -> str:
    """ "undo" right after several tasks were completed at once."""
    numbers = ", ".join(f"#{n}" for n in task_ids[:-1]) + f" and #{task_ids[-1]}"
    return (
        f"You just completed {len(task_ids)} tasks ({numbers}). Nothing has changed yet: I "
        f"reopen one at a time — say “reopen task {task_ids[0]}”, then the next."
    )


def moved_on(task: dict[str, Any]) -> str:
    """ "undo" right after a repeating task was completed: it moved on, it is not done."""
    due = when(task.get("due"))
    where = f" to {due}" if due else ""
    return (
        f"“{task['title']}” (#{task['id']}) repeats, so completing it moved it on{where}; it "
        f"isn't marked done. To put it back, say when it's due, e.g. “move task {task['id']} to "
        "today”."
    )


# "{all}" is "all" before several tasks, "the" before one: "Delete the 1 completed task?"
_BULK_QUESTION = {
    ("complete", "pending"): "Complete {all} {n}?",
    ("delete", "completed"): "Delete {all} {n}?",
    ("delete", "pending"): "Delete {all} {n}?",
    ("delete", "all"): "Delete {all} {n}? This can't be undone.",
    ("reopen", "completed"): "Reopen {all} {n}?",
}


def priority_at_end(task: dict[str, Any], step: int) -> str:
    """ "raise the priority" of a high-priority task, "lower" it on a task with none."""
    name = f"“{task.get('title', '')}” (#{task.get('id')})"
    if step > 0:
        return f"{name} is already high priority, the highest there is."
    return f"{name} has no priority, so there's nothing to lower."


def _names(tasks: list[dict[str, Any]]) -> str:
    """ "“Pay rent” (#3)", "“A” (#1) and “B” (#2)", "“A” (#1), “B” (#2) and “C” (#4)"."""
    named = [_named(task) for task in tasks]
    return named[0] if len(named) == 1 else f"{', '.join(named[:-1])} and {named[-1]}"


def bulk_question(
    action: str, status: str, tasks: list[dict[str, Any]], kept: list[dict[str, Any]] | None = None
) -> str:
    """Ask for confirmation before a bulk action, listing the tasks it would touch (and naming
    those it leaves out: "Delete all 4 tasks other than “Pay rent” (#3)?")."""
    noun = _plural(len(tasks), _STATUS_NOUN[status])
    if kept:
        noun += f" other than {_names(kept)}"
    question = _BULK_QUESTION.get((action, status), f"{_VERB[action].capitalize()} {{all}} {{n}}?")
    every = "the" if len(tasks) == 1 else "all"
    return f"{question.format(all=every, n=noun)} Say yes to confirm.\n{_lines(tasks)}"


def bulk_nothing(action: str, status: str, kept: list[dict[str, Any]] | None = None) -> str:
    """A bulk action with nothing to act on (once what it leaves out is left out)."""
    if kept:
        return f"Apart from {_names(kept)}, you have no {_STATUS_NOUN[status]}s to {_VERB[action]}."
    return f"You have no {_STATUS_NOUN[status]}s to {_VERB[action]}."


def keep_not_found(said: str, status: str) -> str:
    """A bulk action leaving out a task that can't be found: nothing is changed."""
    return (
        f"I couldn't find a {_STATUS_NOUN.get(status, 'task')} matching “{said}” to leave out, so "
        "I haven't changed anything. Say “show my tasks” to see them, or name the tasks to "
        f"{'change' if status == 'all' else 'complete'} one at a time."
    )


def span_too_long(action: str, most: int) -> str:
    """A range of task numbers longer than one question may list: nothing is changed."""
    return (
        f"That range covers more than {most} tasks, so I haven't changed anything. I can "
        f"{_VERB[action]} up to {most} at a time — e.g. “{_VERB[action]} tasks 1-{most}”."
    )


def span_question(
    action: str,
    tasks: list[dict[str, Any]],
    absent: list[int],
    skipped: list[dict[str, Any]],
) -> str:
    """Ask before acting on a range of task numbers ("delete tasks 1-4"), naming every task; say
    which numbers are not on the list and which tasks the action leaves as they are."""
    lines = []
    if tasks:
        these = "this task" if len(tasks) == 1 else f"these {len(tasks)} tasks"
        warning = " This can't be undone." if action == "delete" else ""
        lines.append(
            f"{_VERB[action].capitalize()} {these}?{warning} Say yes to confirm.\n{_lines(tasks)}"
        )
    if absent:
        numbers = ", ".join(str(task_id) for task_id in absent[:-1])
        numbers = f"{numbers} or {absent[-1]}" if numbers else str(absent[-1])
        lines.append(f"There's no task {numbers} on your list.")
    for task in skipped:
        lines.append(already_done(task) if action == "complete" else not_done_yet(task))
    return "\n".join(lines)


def bulk_too_many(total: int, shown: int) -> str:
    """Refuse a bulk action over more tasks than one page shows."""
    return (
        f"That would touch {total} tasks, more than the {shown} I can see at once, so I haven't "
        "changed anything. Narrow it down, e.g. “delete all meeting tasks”."
    )


def bulk_refused(action: str) -> str:
    """A bulk action the offline assistant does not do."""
    return (
        f"I can't {_VERB[action]} several tasks at once like that, so nothing changed. Tell me "
        "one task at a time, by its number or part of its title."
    )


_DONE_VERB = {
    "complete_task": "Completed",
    "delete_task": "Deleted",
    "update_task": "Reopened",
}


def bulk_outcome(steps: list[ToolStep]) -> str:
    """The reply after a confirmed bulk action: what was done, and what failed."""
    done: list[str] = []
    failed: list[str] = []
    for step in steps:
        data, error = read_result(step)
        if data is None:
            failed.append(failure(step, error or ""))
        else:
            done.append(f"“{data.get('title', '')}”")
    parts = []
    if done:
        verb = _DONE_VERB.get(steps[0].name, "Changed")
        parts.append(f"{verb} {_plural(len(done), 'task')}: {', '.join(done)}.")
    parts.extend(failed)
    return "\n".join(parts)


def added(steps: list[ToolStep]) -> str:
    """The reply after one or several add_task calls."""
    if len(steps) == 1:
        return outcome(steps[0])
    lines: list[str] = []
    good = []
    for step in steps:
        data, error = read_result(step)
        if data is None:
            lines.append(failure(step, error or ""))
        else:
            good.append(f"“{data.get('title', '')}” (#{data['task_id']})")
    if good:
        lines.insert(0, f"Added {_plural(len(good), 'task')}: {', '.join(good)}.")
    return "\n".join(lines)


def _attributes(task: dict[str, Any] | None) -> str:
    """ " — due tomorrow 5 pm, high priority, #family, repeats" for a reply, or ""."""
    if not isinstance(task, dict):
        return ""
    parts = []
    due = when(task.get("due"), pending=not task.get("completed"))
    if due:
        parts.append(due if due.startswith("overdue") else f"due {due}")
    if task.get("priority") in ("high", "medium", "low"):
        parts.append(f"{task['priority']} priority")
    tags = [tag for tag in task.get("tags") or [] if isinstance(tag, str)]
    if tags:
        parts.append(" ".join(f"#{tag}" for tag in tags))
    if task.get("recurrence"):
        parts.append("repeats")
    reminder = when(task.get("reminder_at"), pending=False)
    if reminder:
        parts.append(f"reminder {reminder}")
    return f" — {', '.join(parts)}" if parts else ""


def outcome(step: ToolStep) -> str:
    """The reply after one change: success built from its result, or the failure in words."""
    data, error = read_result(step)
    if data is None:
        return failure(step, error or "")
    title = data.get("title", "")
    task_id = data["task_id"]
    task: dict[str, Any] = data["task"] if isinstance(data.get("task"), dict) else {}
    if step.name == "add_task":
        if data.get("status") == "exists":
            return f"“{title}” is already on your list (#{task_id})."
        description = step.arguments.get("description")
        suffix = f" with the description “{description}”" if description else ""
        return f"Added “{title}” (task #{task_id}){suffix}{_attributes(task)}."
    if step.name == "complete_task":
        if data.get("already_completed"):
            return f"“{title}” (#{task_id}) was already done."
        if data.get("next_due"):
            return f"Done — next one is {when(data['next_due'])} (“{title}”, #{task_id})."
        return f"Marked “{title}” as complete."
    if step.name == "delete_task":
        return f"Deleted “{title}” (task #{task_id})."
    arguments = step.arguments
    if arguments.get("completed") is False and arguments.get("due"):
        # "undo" right after a repeating task was completed.
        due = when((data.get("task") or {}).get("due"))
        back = f" — due {due} again" if due else ""
        return f"Took back the completion of “{title}” (#{task_id}){back}."
    if arguments.get("completed") is False:
        return f"Reopened “{title}” (#{task_id}) — it's pending again."
    if "due" in arguments and len(arguments) == 2:
        due = when(task.get("due"))
        if not due:
            return f"“{title}” (#{task_id}) has no due date now."
        return f"Moved “{title}” (#{task_id}) to {due.removeprefix('overdue since ')}."
    if "reminder" in arguments and len(arguments) == 2:
        reminder = when(task.get("reminder_at"), pending=False)
        if not reminder:
            return f"“{title}” (#{task_id}) has no reminder now."
        return f"I'll remind you about “{title}” (#{task_id}) {reminder}."
    if "recurrence" in arguments and len(arguments) == 2:
        if not arguments["recurrence"]:
            return f"“{title}” (#{task_id}) doesn't repeat any more."
        due = when(task.get("due"))
        return f"“{title}” (#{task_id}) now repeats" + (f" — next due {due}." if due else ".")
    if arguments.get("priority") == "none" and len(arguments) == 2:
        return f"“{title}” (#{task_id}) has no priority now."
    if "priority" in arguments and len(arguments) == 2:
        return f"“{title}” (#{task_id}) is now {arguments['priority']} priority."
    if "tags" in arguments and len(arguments) == 2:
        if not arguments["tags"]:
            return f"“{title}” (#{task_id}) has no tags now."
        tags = " ".join(f"#{tag}" for tag in task.get("tags") or arguments["tags"])
        return f"Tagged “{title}” (#{task_id}): {tags}."
    if arguments.get("description") == "" and len(arguments) == 2:
        return f"“{title}” (#{task_id}) has no description now."
    if "title" not in arguments and "description" in arguments:
        return f"Updated the description of task #{task_id} (“{title}”)."
    return f"Updated task #{task_id}: “{title}”{_attributes(task)}."


_PAST_REMINDER = re.compile(r"reminder time\s+(?P<at>\S+)\s+is in the past", re.IGNORECASE)


def is_past_reminder(error: str) -> bool:
    """Whether a tool error refuses a reminder because its time has passed."""
    return _PAST_REMINDER.search(error) is not None


def reminder_passed(error: str) -> str:
    """Said after adding a task without the reminder the tools refused as past."""
    found = _PAST_REMINDER.search(error)
    at = when(found["at"].rstrip(".:,"), pending=False) if found else None
    return f"No reminder, though: its time ({at or 'the due time'}) has already passed."


def which_tag(task: dict[str, Any], tags: list[str]) -> str:
    """ "remove the tag" from a task with several: which one, nothing changed."""
    names = ", ".join(f"#{tag}" for tag in tags)
    return (
        f"“{task.get('title', '')}” (#{task.get('id')}) has several tags ({names}) — which one "
        "should I remove? Nothing has changed."
    )


def not_tagged(task: dict[str, Any], tags: list[str]) -> str:
    """The reply when a tag to take off is not on the task."""
    names = " or ".join(f"#{tag}" for tag in tags)
    return f"“{task.get('title', '')}” (#{task.get('id')}) isn't tagged {names}."


_DATE_ERROR = re.compile(r"understand the due date\s+'(?P<when>[^']*)'", re.IGNORECASE)
_PAST_REMINDER = re.compile(r"reminder time (?P<at>\S+) is in the past", re.IGNORECASE)
# A day some months lack ("the 31st of next month" said in January): the tools say which.
_NO_SUCH_DAY = re.compile(r"':\s+(?P<why>[A-Z][a-z]+ has no [^.]+)\.")
_RECURRENCE_ERROR = re.compile(r"recurrence\s+'(?P<rule>[^']*)'", re.IGNORECASE)


def failure(step: ToolStep, error: str) -> str:
    """A failed tool call in plain words: never a tool name nor a validation dump."""
    task_id = step.arguments.get("task_id")
    not_found = _NOT_FOUND.search(error)
    if not_found:
        return no_task(int(not_found.group(1)))
    what = {
        "add_task": f"add “{step.arguments.get('title', 'that task')}”",
        "list_tasks": "load your tasks",
        "complete_task": f"mark task {task_id} as complete",
        "delete_task": f"delete task {task_id}",
        "update_task": f"change task {task_id}",
    }.get(step.name, "do that")
    date_error = _DATE_ERROR.search(error)
    if date_error and "no such time" in error:
        return (
            f"I couldn't {what}: “{date_error['when']}” holds a time no clock shows. Tell me "
            "a time such as “5pm”, “17:30” or “9.30am”."
        )
    if date_error and (lacking := _NO_SUCH_DAY.search(error)):
        return (
            f"I couldn't {what}: {lacking['why']}, so “{date_error['when']}” names no day. Tell "
            "me another day."
        )
    if date_error:
        return (
            f"I couldn't {what}: I didn't understand “{date_error['when']}” as a day. Tell me a "
            "day, and a time if it matters — e.g. “tomorrow 5pm”, “next friday” or “Dec 3”."
        )
    past = _PAST_REMINDER.search(error)
    if past:
        # The tool's ISO time, said as the rest of the replies say times.
        at = when(past["at"], pending=False) or past["at"]
        return (
            f"I couldn't {what}: that reminder time ({at}) has already passed. Choose a time "
            "still to come."
        )
    rule_error = _RECURRENCE_ERROR.search(error)
    if rule_error and "not on which days" in error:
        return (
            f"I couldn't {what}: “{rule_error['rule']}” says how often but not on which days. "
            "Tell me the days, e.g. “every monday and thursday”, or how far apart, e.g. “every "
            "3 days”."
        )
    if rule_error:
        return (
            f"I couldn't {what}: I didn't understand how it repeats (“{rule_error['rule']}”). "
            "Try “every monday”, “daily”, “every 2 weeks” or “monthly on the 1st”."
        )
    too_long = _TOO_LONG.search(error)
    if too_long:
        field, limit = too_long.group(1).lower(), too_long.group(2)
        return f"I couldn't {what}: the {field} is too long (at most {limit} characters)."
    text = " ".join(error.split())
    if not text:
        return f"I couldn't {what}: I got no answer. Please try again."
    if _INTERNALS.search(text) or len(text) > 200:
        return f"I couldn't {what}: something went wrong on my side. Please try again."
    return f"I couldn't {what}: {text if text.endswith(('.', '!', '?')) else text + '.'}"
