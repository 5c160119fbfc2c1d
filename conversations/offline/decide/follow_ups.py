"""Follow-ups: an answer ("yes", "the second", "#4", "the bank one", "it", "undo") turned
into the request it answers, with what the conversation left open."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from .. import words
from ..intents import Intent, IntentKind
from ..match import find_matches, narrow
from ..phrasings import WHEN_PATTERN
from .bulk import _EVERY_ONE, _THEM, _each_asked, _places
from .changes import _asks_first
from .dates import _same_week
from .steps import Context, Question, Reply, _changed_task, _example

# "no wait, thursday", "sorry, I meant thursday at 4", "thursday instead": only a day or time,
# said as a correction (read so only right after a move).
_CORRECTION = re.compile(
    r"(?:(?:no+|nope|nah|oops|sorry|wait|hold\s+on|hang\s+on|actually|i\s+mean|i\s+meant"
    r"|rather)\b[\s,.!:;-]*)*(?:(?:make\s+(?:it|that)|to|on)\s+)?"
    rf"(?P<when>{WHEN_PATTERN})(?:\s+(?:instead|then|please))?[\s.!]*"
)


def _resolve(intent: Intent, ctx: Context) -> Intent | Reply:
    """Turn an answer ("yes", "the second", "#4", "the bank one", "it") into a request."""
    question = ctx.question
    again = _again(intent, ctx) if question is None else None
    if again is not None:
        return again
    if (
        intent.kind == "unknown"
        and question is not None
        and question.kind == "choose"
        and question.intent.kind in ("complete", "delete")
        and _EVERY_ONE.fullmatch(" ".join((intent.text or "").lower().split()))
    ):
        # "both", "all of them" after "which one?": each task named, and a yes acts.
        return _each_asked(question.intent.kind, list(question.candidates), intent.text)
    them = _THEM.fullmatch(" ".join((intent.ref or "").lower().split()))
    if them and (intent.skip is not None or intent.kind in ("update", "reschedule")):
        # "skip them", "push them back a day": one task at a time (skipping is not completing,
        # and a move of several is never a guess).
        return Reply(words.bulk_refused("skip" if intent.skip is not None else intent.kind))
    if intent.kind in ("complete", "delete") and question is None and len(ctx.shown) > 1 and them:
        # "delete them" right after several tasks were listed or added: each named, and a yes
        # acts ("them" was looked up as words of a title).
        return _each_asked(intent.kind, list(ctx.shown), intent.text)
    if (
        intent.kind == "complete"
        and intent.pronoun
        and question is not None
        and question.kind == "confirm"
        and question.intent.kind == "complete"
        and len(question.candidates) == 1
    ):
        # "did that already" after "Do you want to complete …?": a yes.
        intent = Intent("yes", text=intent.text)
    places = _places(intent.ref or "")
    if intent.kind in ("complete", "delete") and question is None and places:
        # "mark the first and second as done" after a list: each named, and a yes acts.
        if not ctx.shown or any(not -len(ctx.shown) <= place < len(ctx.shown) for place in places):
            return Reply(words.which_task(_example(intent, 2)))
        picked = list({ctx.shown[place]["id"]: ctx.shown[place] for place in places}.values())
        return _each_asked(intent.kind, picked, intent.text or intent.ref or "")
    if intent.kind == "yes":
        if question is None:
            return Reply(words.NOTHING_TO_CONFIRM)
        if question.intent.kind == "bulk":
            ids = tuple(task["id"] for task in question.candidates)
            return replace(question.intent, task_ids=ids, chosen=True)
        if len(question.candidates) == 1:
            return question.intent.on(question.candidates[0]["id"])
        return Reply(
            "Which one? Say “the first”, “the second”… or the task number.", question=question
        )
    if intent.kind == "thanks" and question is not None and question.kind == "confirm":
        return Reply(words.SAY_YES, question=question)
    if _takes_back(intent) and question is None and ctx.added and ctx.last_task is not None:
        # "scratch that", "undo" right after a task was added: it is offered for deletion (a
        # yes deletes it) rather than "nothing changed" with the task still there.
        task = ctx.last_task
        return Reply(
            words.undo_added(task),
            question=Question("confirm", Intent("delete", task_id=task["id"]), (task,)),
            about=task,
        )
    if (
        intent.kind == "no"
        and question is None
        and ctx.changed is not None
        and not _REFUSAL.search(intent.text)
    ):
        # "no" right after a change: the change was made, and is said so (not "nothing
        # changed"), with how to take it back.
        return Reply(words.change_stands(*ctx.changed))
    if intent.kind == "no":
        return Reply(words.LEFT_ALONE if question is not None else words.NOTHING_CHANGED)
    if intent.kind == "choose":
        if question is None and ctx.shown:
            return _focus(intent, ctx.shown)
        if question is None and intent.task_id is not None and _NAMED_NUMBER.match(intent.text):
            # "task 2", "#2" on their own: that task is shown, nothing done to it (a bare "2"
            # may answer a question no longer open: not understood).
            return Intent("find", task_id=intent.task_id, text=intent.text)
        if question is None or question.intent.kind == "bulk":
            return Intent("unknown", text=intent.text or "that")
        if question.kind == "confirm":
            # "the first one", "2" after "Do you want to delete …?" are not a yes.
            return Reply(words.SAY_YES, question=question)
        if intent.task_id is not None:
            picked = [task for task in question.candidates if task["id"] == intent.task_id]
            if not picked:
                # "2" might mean task #2 or the second one: neither is a safe guess.
                return Reply(words.not_a_candidate(intent.task_id), question=question)
            return _picked(question, picked[0])
        choice = intent.choice if intent.choice is not None else 0
        if -len(question.candidates) <= choice < len(question.candidates):
            return _picked(question, question.candidates[choice])
        return Reply(
            f"There are only {len(question.candidates)} to choose from — which one do you mean?",
            question=question,
        )
    unsure = intent.kind == "unknown" or intent.implied
    if unsure and question is not None and question.kind == "choose":
        picked = narrow(list(question.candidates), intent.text)
        if len(picked) == 1:
            return _picked(question, picked[0])
        if len(picked) > 1:
            narrower = replace(question, candidates=tuple(picked))
            return Reply(
                words.ambiguous(question.intent.kind, intent.text, picked), question=narrower
            )
    if _number_or_place(intent, ctx) and question is None:
        # "delete #2" right after a list without task 2 in it: task 2, or the second one
        # listed? A deletion of a task the list did not show is not for a guess.
        assert intent.task_id is not None
        listed = ctx.shown[intent.task_id - 1]
        unlisted: dict[str, Any] = {"id": intent.task_id, "title": ""}
        return Reply(
            words.number_or_place(intent.kind, listed, intent.task_id),
            question=Question("choose", intent, (unlisted, listed)),
        )
    if intent.choice is not None:
        if not -len(ctx.shown) <= intent.choice < len(ctx.shown):
            return Reply(words.which_task(_example(intent, 2)))
        placed = ctx.shown[intent.choice]
        numbered = [task for task in ctx.shown if task.get("id") == intent.choice + 1]
        if (
            intent.choice >= 0
            and numbered
            and numbered[0] is not placed
            and intent.ordinal_task
            and not intent.chosen
        ):
            # "complete the 2nd task" after a list showing #2 second-last: the second one
            # listed, or task 2? Both are named, and the answer picks.
            both = (placed, numbered[0])
            return Reply(
                words.place_or_number(intent.kind, *both), question=Question("choose", intent, both)
            )
        done = ctx.changed[1].get("task_id") if ctx.changed else None
        if (
            intent.kind in ("complete", "delete")
            and ctx.changed is not None
            and ctx.changed[0] == "complete_task"
            and done == placed.get("id")
            and not intent.chosen
        ):
            # "complete the third one", then "delete the last one": the list's last is the task
            # just completed, yet the last one still to do may be meant. Neither is a guess.
            rest = [task for task in ctx.shown if task.get("id") != done]
            if -len(rest) <= intent.choice < len(rest):
                both = (placed, rest[intent.choice])
                return Reply(
                    words.just_done_or_other(intent.kind, *both),
                    question=Question("choose", intent, both),
                )
            return Reply(
                words.just_done_again(intent.kind, placed),
                question=Question("confirm", intent.on(placed["id"]), (placed,)),
            )
        if question is not None and question.kind == "confirm" and intent.kind in _ASKABLE:
            # "delete the first one" while "Do you want to complete “Dentist”?" is open: the
            # one task that question showed, or the list's first? Asked, never done on a guess.
            intent = replace(intent, ask=True)
        return _aimed(intent, placed)
    correction = _CORRECTION.fullmatch(" ".join(intent.text.lower().split()))
    when = correction["when"] if correction else None
    if intent.instead and intent.ref and re.fullmatch(WHEN_PATTERN, intent.ref, re.IGNORECASE):
        # "not friday, thursday": the when said instead.
        when = intent.ref
    unsure = intent.kind == "unknown" or intent.implied
    if unsure and question is None and when and ctx.moved:
        # "no wait, thursday" right after "move the report to friday": the move is corrected
        # (to that week's Thursday), never another task changed.
        intent = Intent("reschedule", pronoun=True, due=when, text=intent.text)
    if intent.pronoun:
        if intent.text == "undo" and ctx.done_together:
            # Several were just completed: they are named, to be reopened one at a time.
            return Reply(words.undo_several(ctx.done_together))
        if intent.text == "undo" and ctx.changed and ctx.changed[0] == "delete_task":
            title = ctx.changed[1].get("title")
            if isinstance(title, str) and title:
                return Reply(words.cannot_undelete(title))
        if intent.text == "undo" and (ctx.last_task or {}).get("status") != "completed":
            # "undo" after an add or a change would reopen a task that was never done, and
            # say so: what it should undo is not known.
            return Reply(words.NOTHING_TO_UNDO)
        if ctx.last_task is None:
            return Reply(words.which_task(_example(intent, 2)))
        return _aimed(_same_week(intent, ctx), ctx.last_task)
    return intent


_DONE_TO: dict[str, IntentKind] = {"complete_task": "complete", "delete_task": "delete"}


def _again(intent: Intent, ctx: Context) -> Intent | Reply | None:
    """Right after a completion or deletion: "mom too" does the same to the task named; "no, the
    other one" / "not milk, mom" do it to the right task instead, and the reply tells what state
    the wrong one is in (a deletion asks first: the wrong one is gone, a second guess is not
    made without a yes). None when neither was said, or nothing was just completed or deleted."""
    if not (intent.also or intent.instead) or ctx.changed is None:
        return None
    kind = _DONE_TO.get(ctx.changed[0])
    if kind is None:
        return None
    if intent.also:
        # Said with a task verb ("and buy groceries too"), the words may be a new task as well:
        # a task they name is asked about first; none named, it is added as it would be alone.
        implied = intent.kind == "add"
        return Intent(
            kind,
            ref=intent.ref,
            text=intent.text,
            ask=implied,
            otherwise=intent if implied else None,
        )
    wrong = _changed_task(ctx.changed[1])
    if intent.instead not in ("other", "that") and not find_matches([wrong], intent.instead).exact:
        # "not the bread, the milk" when the milk was done: the words do not name it.
        return Reply(words.not_the_one_done(kind, wrong, intent.instead), about=wrong)
    ref = intent.ref if intent.instead != "other" else ctx.acted_ref
    if not ref:
        return Reply(words.which_instead(kind, wrong), about=wrong)
    return Intent(
        kind, ref=ref, besides=(wrong["id"],), wrong=wrong, ask=kind == "delete", text=intent.text
    )


_NAMED_NUMBER = re.compile(r"^\s*(?:(?:task|item|todo)\s*#?|#)\s*\d+\s*$", re.IGNORECASE)


# "don't delete the milk task": a change refused, not a "no" to the change just made.
_REFUSAL = re.compile(r"\b(?:don'?t|do\s+not|never)\b", re.IGNORECASE)


# Said right after an add, these take it back; any other "no" only answers a question.
_TAKE_BACK = frozenset(
    {
        "scratch that",
        "scratch it",
        "scratch this",
        "scrap that",
        "cancel that",
        "cancel it",
        "forget that",
        "forget it",
        "forget this",
        "never mind that",
    }
)


def _number_or_place(intent: Intent, ctx: Context) -> bool:
    """Whether a completion or deletion of task N follows a list that does not show task N but
    has an N-th line."""
    number = intent.task_id
    return (
        intent.kind in ("complete", "delete")
        and number is not None
        and not intent.chosen
        and not intent.span
        and 1 <= number <= len(ctx.shown)
        and all(task.get("id") != number for task in ctx.shown)
    )


def _takes_back(intent: Intent) -> bool:
    """Whether the message asks to take back what was just done ("undo", "scratch that")."""
    if intent.kind == "reopen" and intent.pronoun and intent.text == "undo":
        return True
    return intent.kind == "no" and intent.text.lower() in _TAKE_BACK


# What "delete it?" can ask about before acting.
_ASKABLE = ("complete", "delete")


def _aimed(intent: Intent, task: dict[str, Any]) -> Intent | Reply:
    """`intent` aimed at `task` the conversation points to ("it", "the second one"). A task
    known not to be done is not reopened ("reopen it" right after an add): nothing changes."""
    if intent.kind == "reopen" and task.get("completed") is False:
        if intent.text == "undo" and task.get("recurrence") and task.get("previous_due"):
            # Right after a repeating task was completed: back to the day it moved on from, its
            # completion taken back.
            return replace(intent.on(task["id"]), due=str(task["previous_due"]))
        if intent.text == "undo" and task.get("recurrence"):
            return Reply(words.moved_on(task), about=task)
        return Reply(words.not_done_yet(task), about=task)
    if intent.ask:
        # "delete it?": pointed at, not yet confirmed.
        return replace(intent.on(task["id"]), chosen=False)
    return intent.on(task["id"])


def _focus(intent: Intent, shown: tuple[dict[str, Any], ...]) -> Reply:
    """ "the second", "#2" after a list, with no verb: that task becomes the one "delete it" or
    "mark it done" means next; nothing is done to it (what to do was not said)."""
    if intent.task_id is not None:
        task = next((task for task in shown if task["id"] == intent.task_id), None)
        if task is None:
            return Reply(words.not_shown(intent.task_id, len(shown)), shown=shown)
    else:
        choice = intent.choice if intent.choice is not None else 0
        if not -len(shown) <= choice < len(shown):
            return Reply(words.not_shown(0, len(shown)), shown=shown)
        task = shown[choice]
    return Reply(words.focused(task), about=task, shown=shown)


def _picked(question: Question, task: dict[str, Any]) -> Intent | Reply:
    """The request aimed at the task an answer to "which one?" picked. Picking a task is not
    saying yes to a deletion that asks first ("never mind the meeting", "cancel my gym
    membership" for "Cancel gym membership"): that is asked next."""
    if question.kind == "choose" and _asks_first(question.intent, task):
        return Reply(
            words.confirm("delete", task), question=Question("confirm", question.intent, (task,))
        )
    return question.intent.on(task["id"])
