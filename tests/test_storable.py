"""What a turn stores is made storable, however deep the text sits and whatever it looks like:
NUL characters and lone surrogates become U+FFFD, long tool arguments (and too many of them) are
cut with a marker, and everything else is stored exactly as it came."""

import json

import pytest

from todochat.storable import (
    CUT_KEY,
    TOOL_ARGUMENT_MAX_CHARS,
    TOOL_ARGUMENTS_MAX_CHARS,
    storable,
    storable_tool_call,
)

PAGE = {"tasks": [{"task_id": n, "title": f"Task {n}", "tags": ["a", "b"]} for n in range(200)]}


@pytest.mark.parametrize(
    ("value", "stored"),
    [
        (PAGE, PAGE),
        ({"title": "C:\\u0000 is not a NUL"}, {"title": "C:\\u0000 is not a NUL"}),
        ({"tasks": [{"title": "a\x00b"}]}, {"tasks": [{"title": "a\ufffdb"}]}),
        ({"tasks": [{"title": "a\ud800b"}]}, {"tasks": [{"title": "a\ufffdb"}]}),
        ({"ti\x00tle": ["x", ("y\udfff",)]}, {"ti\ufffdtle": ["x", ["y\ufffd"]]}),
        (
            {"limit": float("nan"), "n": [float("inf"), -float("inf"), 1.5]},
            {"limit": "NaN", "n": ["Infinity", "-Infinity", 1.5]},
        ),
    ],
    ids=["clean page", "escaped text", "NUL", "surrogate", "keys and tuples", "NaN, Infinity"],
)
def test_storable_cleans_only_what_cannot_be_stored(value, stored):
    assert storable(value) == stored


def test_a_long_argument_deep_in_a_call_is_cut_with_a_marker_and_its_result_is_not():
    long = "x" * (TOOL_ARGUMENT_MAX_CHARS + 10)
    call = {"id": "c", "name": "add_task", "arguments": {"t": [long]}, "result": {"r": long}}

    stored = storable_tool_call(call)

    assert (
        stored["arguments"]["t"][0] == "x" * TOOL_ARGUMENT_MAX_CHARS + "… [cut: 10 more characters]"
    )
    assert stored["result"] == {"r": long}


def test_arguments_too_long_in_all_keep_their_short_entries_and_say_how_many_were_cut():
    # Each string within its own cap, but thousands of them: the record stays bounded.
    wide = {f"k{i}": "v" * 20 for i in range(5_000)}
    call = {
        "id": "c",
        "name": "list_tasks",
        "arguments": {"tags": ["t" * 50] * 1_000, **wide, "user_id": "alice", "timezone": "UTC"},
        "result": {},
    }

    stored = storable_tool_call(call)["arguments"]

    assert len(json.dumps(stored, ensure_ascii=False)) <= TOOL_ARGUMENTS_MAX_CHARS
    assert (stored["user_id"], stored["timezone"]) == ("alice", "UTC")
    assert "tags" not in stored
    kept = len(stored) - 1
    assert stored[CUT_KEY] == f"[cut: {5_003 - kept} more arguments]"
    assert list(stored)[-1] == CUT_KEY


def test_arguments_within_the_bound_are_stored_as_they_are():
    arguments = {"title": "x" * 200, "description": "y" * 2_000, "tags": ["z" * 100] * 20}
    call = {"id": "c", "name": "add_task", "arguments": arguments, "result": {}}

    assert storable_tool_call(call)["arguments"] == arguments
