"""Acting on a task named in free text: looked up with the tools' search, acted on only for
a single whole-word match; several, a typo, a deed that is not the title's, or a request that
may be news are asked about first."""

from __future__ import annotations

from dataclasses import replace

from .. import words
from ..intents import Intent
from ..match import Matches, find_matches, names_part
from ..parse import (
    bulk_of,
)
from ..results import ToolStep
from ..text import ref_words
from .adding import _add
from .bulk import _each_asked, _each_named
from .changes import _another_deed, _asks_first, _call_on, _says_its_title, _told
from .completion import _done_lately
from .steps import (
    _TOOL_FOR,
    Call,
    Question,
    Reply,
    Step,
    _example,
    _Lookup,
    _lookup,
    _own_tags,
    _pool,
    _search_call,
)


def _to_known_tag(
    intent: Intent, steps: list[ToolStep], available: set[str] | frozenset[str]
) -> Step:
    """ "move the report to work": the whole list is looked up; with a task tagged "work",
    the task named moves to that tag, else nothing changes and "#work" is asked for."""
    if not steps:
        return Call("list_tasks", {"status": "all", "limit": 200})
    found = _lookup(steps[:1])
    tag = intent.tags[0]
    if isinstance(found, _Lookup) and not any(tag in _own_tags(task) for task in found.tasks):
        return Reply(words.no_such_tag(tag, intent.ref or ""))
    return _by_reference(replace(intent, verb=""), steps, available)


def _by_reference(
    intent: Intent, steps: list[ToolStep], available: set[str] | frozenset[str]
) -> Step:
    """Look the task up, then act on a single whole-word match; otherwise ask."""
    tool = _TOOL_FOR[intent.kind]
    for needed in ("list_tasks", tool):
        if needed not in available:
            return Reply(words.unavailable(tool))
    ref = intent.ref or ""
    if not ref_words(ref):
        return Reply(words.which_task(_example(intent, 2)))
    if intent.kind in ("update", "reschedule") and _every_task(ref):
        # "move all my tasks to tomorrow": one change at a time, never a guess at which.
        return Reply(words.bulk_refused(intent.kind))
    lookups = [step for step in steps if step.name == "list_tasks"]
    acted = [step for step in steps if step.name != "list_tasks"]
    if intent.otherwise is not None and (
        len(lookups) > 2 or any(step.name == "add_task" for step in acted)
    ):
        # No task matched: the add goes on with its own steps (after the two lookups).
        return _add(intent.otherwise, steps[2:], available)
    if acted:
        told = _told(intent, acted[-1])
        if intent.wrong is not None:
            # "not milk, mom": what became of the wrong one is said too.
            return replace(
                told, text=f"{told.text} {words.still_as_left(intent.kind, intent.wrong)}"
            )
        return told
    if not lookups:
        return _search_call(ref)
    found = _lookup(lookups[:1])
    if isinstance(found, str):
        return Reply(found)
    if intent.besides:
        # "no, the other one": never the task just acted on by mistake.
        kept = [task for task in found.tasks if task.get("id") not in intent.besides]
        found = replace(found, tasks=kept)
    pool = _pool(intent.kind, found.tasks)
    matches = find_matches(pool, ref)
    if found.next_cursor and matches.exact:
        # More tasks mention it than one page holds: one match here may not be the only one.
        return Reply(words.too_many_matches(ref, found.total))
    if intent.deed and len(matches.exact) > 1:
        # "I called the plumber" with "Call the plumber" and "Pay the plumber" pending: the
        # one whose deed it is.
        same = [task for task in matches.exact if not _another_deed(intent.deed, task)]
        if len(same) == 1:
            matches = Matches(exact=same)
    if len(matches.exact) == 1:
        task = matches.exact[0]
        if intent.deed and _another_deed(intent.deed, task):
            # "I walked the dog" for "Buy dog food": the words name the task, the deed does not.
            done = [
                other
                for other in find_matches([t for t in found.tasks if t not in pool], ref).exact
                if not _another_deed(intent.deed, other)
            ]
            if len(done) == 1:
                # "I called the plumber" after "Call the plumber" was done: that one.
                return Reply(words.already_done(done[0]), about=done[0])
            return Reply(
                words.confirm(intent.kind, task),
                question=Question("confirm", intent, tuple(matches.exact)),
            )
        if intent.kind == "delete" and intent.corrected:
            # The command itself was a guess: a deletion asks before acting on it.
            return Reply(
                words.did_you_mean(intent.kind, task),
                question=Question("confirm", intent, tuple(matches.exact)),
            )
        if intent.verb == "cancelled" and _says_its_title("cancel", task):
            # "netflix is cancelled" for "Cancel netflix subscription": the task is done, most
            # likely; that is asked (a yes completes it), never a deletion.
            finished = replace(intent, kind="complete", verb="")
            return Reply(
                words.confirm("complete", task),
                question=Question("confirm", finished, tuple(matches.exact)),
            )
        if _asks_first(intent, task):
            # "cancel my gym membership" for "Cancel gym membership": the user may be saying
            # the task itself (cancelling the membership), not asking to delete it; "never mind
            # the gym" may be news rather than a request; "make the dentist thursday" a new task.
            note = f"{words.still_as_left(intent.kind, intent.wrong)} " if intent.wrong else ""
            return Reply(
                note + words.confirm(intent.kind, task, to=intent.due or ""),
                question=Question("confirm", intent, tuple(matches.exact)),
            )
        if intent.kind == "complete" and not intent.chosen and _done_lately(task):
            # "I paid the rent" said again after a repeating task was completed: completing it
            # again skips an occurrence (February's rent); that is asked first.
            return Reply(
                words.done_again(task),
                question=Question("confirm", intent, tuple(matches.exact)),
            )
        if intent.kind in ("complete", "delete") and names_part(task, ref):
            # "done with eggs" for "Buy eggs, bread and butter": maybe only that part is done.
            return Reply(
                words.confirm_whole(intent.kind, task, ref),
                question=Question("confirm", intent, tuple(matches.exact)),
            )
        return _call_on(tool, intent, task)
    if len(matches.exact) > 1:
        return Reply(
            words.ambiguous(intent.kind, ref, matches.exact),
            question=Question("choose", intent, tuple(matches.exact)),
        )
    others = [task for task in found.tasks if task not in pool]
    elsewhere = find_matches(others, ref).exact
    if len(elsewhere) == 1 and intent.kind == "complete":
        return Reply(words.already_done(elsewhere[0]), about=elsewhere[0])
    if len(elsewhere) == 1 and intent.kind == "reopen":
        return Reply(words.not_done_yet(elsewhere[0]), about=elsewhere[0])
    if len(lookups) == 1 and intent.besides and not matches.exact:
        # "no, the other one" with no other task of those words: which one is asked.
        assert intent.wrong is not None
        return Reply(words.which_instead(intent.kind, intent.wrong), about=intent.wrong)
    if len(lookups) == 1:
        # Nothing by whole words: look at the list itself for a title with a typo.
        return Call("list_tasks", {"status": "all"})
    listed = _lookup(lookups[1:])
    if isinstance(listed, str):
        return Reply(listed)
    several = _each_named(ref, _pool(intent.kind, listed.tasks))
    if several and intent.kind in ("complete", "delete"):
        # "complete milk and rent": each name finds one task; they are named, and a yes acts.
        return _each_asked(intent.kind, several, intent.text)
    fuzzy = find_matches(_pool(intent.kind, listed.tasks), ref).fuzzy
    if len(fuzzy) == 1:
        return Reply(
            words.did_you_mean(intent.kind, fuzzy[0]),
            question=Question("confirm", intent, tuple(fuzzy)),
        )
    if fuzzy:
        return Reply(
            words.ambiguous(intent.kind, ref, fuzzy),
            question=Question("choose", intent, tuple(fuzzy)),
        )
    if intent.otherwise is not None:
        # "remind me about groceries tomorrow at 9" with no such task: that task, reminded.
        return _add(intent.otherwise, steps[2:], available)
    status = {"complete": "pending", "reopen": "completed"}.get(intent.kind, "all")
    return Reply(words.no_match(ref, status))


def _every_task(ref: str) -> bool:
    """Whether a reference means many tasks and names none ("all my tasks", "everything")."""
    bulk = bulk_of(ref, "delete")
    return bulk is not None and not bulk.ref and not bulk.keep
