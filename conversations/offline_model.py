"""A deterministic, no-network model for the todo assistant (used when no API key is set).

``OfflineModel`` implements the Agents SDK ``Model`` interface with a small rule-based parser
instead of an LLM. It reads the last user message of the input (earlier history is ignored and
never acted on) plus the tool calls and tool outputs that follow it in the same turn, and
decides the next step: one function call, or a final text reply built from the tool results.
The decision is a pure function of the input, so the same input always gives the same output.

Matching is case-insensitive and tolerant of whitespace, curly quotes, a leading "please" /
"can you" / "could you" / "I want to" / "I'd like to", a trailing "please" / "thanks", trailing
".", "!" or "?", and a leading greeting ("Hi, add buy milk").

Understood requests (``X`` is free text, ``N`` a task number written ``N``, ``#N`` or
``task N``):

Adding (tool ``add_task``)
    - "Add a task to X", "Add a task: X", "Create a task: X", "New task X", "Add a todo called X"
    - "Add X", "Add X to my list"
    - "Remind me to X", "I need to remember to X", "Remember to X", "Don't let me forget to X"
    - A description may follow the title: "Add X with description Y", "Add X with note Y",
      "Add X (description: Y)", "Add X; description: Y"
    - Titles lose surrounding quotes and trailing punctuation, and their first letter is
      capitalised when the first word is all lower case ("add buy milk" -> "Buy milk",
      "add iPhone case" stays "iPhone case"). Descriptions are kept as typed.

Listing (tool ``list_tasks``)
    - all: "Show me all my tasks", "List my tasks", "What are my tasks?", "What's on my list?",
      "My tasks", "Do I have any tasks?"
    - pending: "What's pending?", "What's left?", "What do I still have to do?",
      "Show pending tasks", "Show open / unfinished / remaining tasks"
    - completed: "What have I completed?", "What did I finish?", "Show completed tasks",
      "Show done tasks"

Completing (tool ``complete_task``)
    - by number: "Mark task N as complete/done", "Complete task N", "Finish task #N",
      "Check off task N", "Task N is done", "I finished task N"
    - by name: "I finished the report", "I'm done with the report", "I completed X",
      "Mark the report as done", "Complete the report task", "The report is done" -> looks
      up pending tasks first, then completes the single match

Deleting (tool ``delete_task``)
    - by number: "Delete task N", "Remove task N", "Get rid of #N"
    - by name: "Delete the meeting task", "Remove the groceries task" -> lists all tasks first,
      then deletes the single match. "Delete all tasks" is refused (one task at a time).

Updating (tool ``update_task``)
    - title by number: "Change task N to 'X'", "Update task N title to X", "Rename task N to X",
      "Change the title of task N to X"
    - description by number: "Change the description of task N to Y",
      "Update task N's description to Y", "Add a note to task N: Y"
    - by name: "Rename groceries to weekly groceries", "Rename 'groceries' to 'weekly
      groceries'", "Change the description of the groceries task to Y",
      "Add a note to the groceries task: Y" -> lists all tasks first, then updates the match

Conversation
    - greetings: "hi", "hello", "hey", "good morning" -> greeting plus a one-line hint
    - "help", "what can you do" -> short list of example commands
    - "thanks", "ok", "great" -> short acknowledgement
    - anything else -> a polite "I didn't understand" with examples; no tool is called

Name matching: a task matches when every word of the reference occurs in its title
(case-insensitive; "the", "a", "an", "my", "task", "todo", "item", "one" are ignored). When
several tasks match but exactly one title equals the reference, that one is used. Otherwise,
several matches -> the assistant lists them with their numbers and asks which one; no match ->
it says so; nothing is changed in either case.

Tool results: a result counts as success only if it is the expected JSON object (for example
``{"task_id": 5, "status": "created", "title": "..."}``; a list result needs a ``tasks`` list).
Anything else is treated as an error and reported with its text ("I couldn't delete task 42:
Task 42 not found."). A needed tool that is not offered gives a "can't do that" reply.

Call ids are ``call_`` plus a SHA-256 prefix of (number of user messages, a digest of the
history before the last user message, its text, step index, tool name, arguments), so they are
unique across turns when history is replayed, even through a sliding history window. Usage is
reported as one request with zero tokens; ``response_id`` is None.
"""

from __future__ import annotations

import ast
import hashlib
import json
import re
from collections.abc import AsyncIterator, Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal, cast

from agents.agent_output import AgentOutputSchemaBase
from agents.handoffs import Handoff
from agents.items import (
    ModelResponse,
    TResponseInputItem,
    TResponseOutputItem,
    TResponseStreamEvent,
)
from agents.model_settings import ModelSettings
from agents.models.interface import Model, ModelTracing
from agents.tool import Tool
from agents.usage import Usage
from openai.types.responses import (
    Response,
    ResponseCompletedEvent,
    ResponseContentPartAddedEvent,
    ResponseContentPartDoneEvent,
    ResponseCreatedEvent,
    ResponseFunctionToolCall,
    ResponseOutputItemAddedEvent,
    ResponseOutputItemDoneEvent,
    ResponseOutputMessage,
    ResponseOutputText,
    ResponseTextDeltaEvent,
    ResponseTextDoneEvent,
    ResponseUsage,
)
from openai.types.responses.response_prompt_param import ResponsePromptParam
from openai.types.responses.response_usage import InputTokensDetails, OutputTokensDetails

__all__ = ["Intent", "OfflineModel", "parse_intent"]

MODEL_NAME = "offline"

Status = Literal["all", "pending", "completed"]
IntentKind = Literal[
    "greeting",
    "help",
    "thanks",
    "unknown",
    "add",
    "add_missing_title",
    "list",
    "complete",
    "delete",
    "update",
    "bulk_delete",
]


@dataclass(frozen=True)
class Intent:
    """What the user asked for in one message.

    ``complete``, ``delete`` and ``update`` address a task either by ``task_id`` or, when that
    is None, by ``ref`` (words of its title).
    """

    kind: IntentKind
    task_id: int | None = None
    ref: str | None = None
    title: str | None = None
    description: str | None = None
    status: Status = "all"
    text: str = ""


# --------------------------------------------------------------------------------------------
# Text clean-up
# --------------------------------------------------------------------------------------------

_FLAGS = re.IGNORECASE
_QUOTE_PAIRS = {'"': '"', "'": "'", "`": "`", "“": "”", "”": "”", "«": "»", "„": "“"}
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "´": "'"})
# Polite padding is only stripped when something follows it, so "ok" alone stays "ok".
_POLITE_PREFIX = re.compile(
    r"^(?:(?:please|pls|plz|kindly|ok(?:ay)?|alright|so|and|also|now|then|oh|um+|hm+)[\s,]+"
    r"|(?:can|could|would|will)\s+you(?:\s+please)?\s+"
    r"|i(?:'d|\s+would)\s+like\s+(?:you\s+)?to\s+"
    r"|i\s+want\s+(?:you\s+)?to\s+"
    r"|let'?s\s+)(?=\S)",
    _FLAGS,
)
_POLITE_SUFFIX = re.compile(r"[\s,]+(?:please|pls|plz|thanks|thank\s+you|thx|for\s+me)$", _FLAGS)
_TRAILING_PUNCTUATION = ".!?…,;: "
_GREETING_WORDS = (
    r"(?:hi|hello|hey|heya|hiya|howdy|yo|greetings|good\s+(?:morning|afternoon|evening|day))"
    r"(?:\s+(?:there|again|everyone|friend|bot|assistant))?"
)
_GREETING_PREFIX = re.compile(rf"^{_GREETING_WORDS}\b[\s,!.:;-]*", _FLAGS)


def _clean_request(text: str) -> str:
    """Normalise whitespace/apostrophes and strip polite padding and trailing punctuation."""
    text = " ".join(text.translate(_APOSTROPHES).split())
    previous = None
    while previous != text:
        previous = text
        text = text.strip().rstrip(_TRAILING_PUNCTUATION).strip()
        text = _POLITE_PREFIX.sub("", text)
        text = _POLITE_SUFFIX.sub("", text)
    return text


def _strip_quotes(text: str) -> str:
    text = text.strip()
    while len(text) >= 2 and _QUOTE_PAIRS.get(text[0]) == text[-1]:
        text = text[1:-1].strip()
    return text


def _clean_title(raw: str) -> str:
    """Title as the tool receives it: unquoted, no trailing punctuation, first letter upper."""
    title = re.sub(
        r"\s+(?:to|on|onto|in)\s+(?:my|the)\s+(?:to-?do\s+|task\s+)?(?:list|tasks)$",
        "",
        raw.strip(),
        flags=_FLAGS,
    )
    title = _strip_quotes(_strip_quotes(title).rstrip(_TRAILING_PUNCTUATION))
    words = title.split()
    if words and words[0].islower():
        title = title[0].upper() + title[1:]
    return title


def _clean_description(raw: str) -> str:
    return _strip_quotes(raw)


_REF_PREFIX = re.compile(
    r"^(?:(?:the|my|that|this|a|an)\s+"
    r"|(?:task|todo|to-do|item|reminder|one)s?(?:\s+(?:called|named|titled|about|for))?\s+"
    r"|(?:called|named|titled|about)\s+)",
    _FLAGS,
)
_REF_SUFFIX = re.compile(r"\s+(?:task|todo|to-do|item|reminder|one)$", _FLAGS)


def _clean_ref(raw: str) -> str:
    """Reduce "the 'meeting' task" to "meeting"."""
    ref = raw
    previous = None
    while previous != ref:
        previous = ref
        ref = _strip_quotes(ref)
        ref = _REF_PREFIX.sub("", ref)
        ref = _REF_SUFFIX.sub("", ref)
    return ref


# --------------------------------------------------------------------------------------------
# Intent parsing: a table of regex patterns -> intent builders, tried in order
# --------------------------------------------------------------------------------------------

_ID = r"(?:(?:task|todo|to-do|item)\s*)?(?:number\s*|no\.?\s*)?#?\s*(?P<id>\d+)"
_DONE_WORD = r"(?:complete|completed|done|finished)"
_DESC_WORD = r"(?:description|desc|notes?|details)"
_EDIT_VERB = r"(?:change|update|set|edit|replace)"
_DELETE_VERB = r"(?:delete|remove|erase|drop|cancel|discard|trash|get\s+rid\s+of)"
_FROM_LIST = r"(?:\s+from\s+(?:my\s+|the\s+)?(?:to-?do\s+)?(?:list|tasks))?"
_ADD_NOUN = r"(?:task|todo|to-?do|item|reminder|entry)"

_PENDING_WORDS = re.compile(
    r"\b(?:pending|incomplete|unfinished|uncompleted|outstanding|open|remaining|left|still|undone"
    r"|not\s+(?:yet\s+)?(?:done|complete|completed|finished)|(?:have|need|got)\s+to\s+do"
    r"|should\s+i\s+do|to\s+be\s+done)\b",
    _FLAGS,
)
_COMPLETED_WORDS = re.compile(
    r"\b(?:complete|completed|done|finished|finish|accomplished)\b", _FLAGS
)

# "Add a task to my list: buy milk" -> "buy milk"
_LIST_LEAD_IN = re.compile(
    r"^(?:to\s+)?(?:my|the)\s+(?:to-?do\s+|task\s+)?list(?:\s*[:,–—-]\s*|$)", _FLAGS
)
_DESCRIPTION_SPLITS = [
    re.compile(rf"^(?P<title>.+?)\s*\(\s*{_DESC_WORD}\s*[:=-]\s*(?P<desc>.+?)\s*\)$", _FLAGS),
    re.compile(
        rf"^(?P<title>.+?)[\s,;]+with\s+(?:the\s+|a\s+)?{_DESC_WORD}"
        r"(?:\s*:|\s+of|\s+saying|\s+that\s+says)?\s+(?P<desc>.+)$",
        _FLAGS,
    ),
    re.compile(rf"^(?P<title>.+?)\s*[,;–—-]\s*{_DESC_WORD}\s*:\s*(?P<desc>.+)$", _FLAGS),
]

_HELP_REPLY = (
    "Here's what I can do with your to-do list:\n"
    "- Add: “Add a task to buy groceries” or “Remind me to call mom”\n"
    "- List: “Show my tasks”, “What's pending?”, “What have I completed?”\n"
    "- Complete: “Complete task 3” or “I finished the report”\n"
    "- Update: “Rename task 1 to Call mom tonight”\n"
    "- Delete: “Delete task 2” or “Delete the meeting task”"
)
_GREETING_REPLY = (
    "Hello! I'm your to-do assistant. I can add, list, complete, update and delete tasks — "
    "try “Add a task to buy groceries” or say “help”."
)
_THANKS_REPLY = "You're welcome! Anything else on your list?"


def _add(match: re.Match[str], _text: str) -> Intent:
    rest = _LIST_LEAD_IN.sub("", match["rest"].strip())
    title, description = rest, None
    for pattern in _DESCRIPTION_SPLITS:
        split = pattern.match(rest)
        if split:
            title, description = split["title"], _clean_description(split["desc"])
            break
    title = _clean_title(title)
    if not title:
        return Intent("add_missing_title")
    return Intent("add", title=title, description=description or None)


def _list(_match: re.Match[str], text: str) -> Intent:
    status: Status = "all"
    if _PENDING_WORDS.search(text):
        status = "pending"
    elif _COMPLETED_WORDS.search(text):
        status = "completed"
    return Intent("list", status=status)


def _complete(match: re.Match[str], _text: str) -> Intent:
    return _by_id_or_ref("complete", match)


def _delete(match: re.Match[str], _text: str) -> Intent:
    intent = _by_id_or_ref("delete", match)
    if intent.ref is not None and _is_bulk_reference(intent.ref):
        return Intent("bulk_delete")
    return intent


def _update_title(match: re.Match[str], _text: str) -> Intent:
    title = _clean_title(match["title"])
    if re.fullmatch(_DONE_WORD, title, _FLAGS):
        # "Change task 3 to done" means complete it, not rename it to "Done".
        return _by_id_or_ref("complete", match)
    return _by_id_or_ref("update", match, title=title)


def _update_description(match: re.Match[str], _text: str) -> Intent:
    return _by_id_or_ref("update", match, description=_clean_description(match["desc"]))


def _by_id_or_ref(kind: IntentKind, match: re.Match[str], **fields: Any) -> Intent:
    groups = match.groupdict()
    if groups.get("id"):
        return Intent(kind, task_id=int(groups["id"]), **fields)
    return Intent(kind, ref=_clean_ref(groups.get("ref") or ""), **fields)


def _is_bulk_reference(ref: str) -> bool:
    return bool(
        re.match(r"^(?:all|every|everything|each)\b", ref, _FLAGS)
        or re.fullmatch(r"(?:(?:completed|done|finished)\s+)?(?:list|tasks|todos)", ref, _FLAGS)
    )


def _fixed(kind: IntentKind) -> Callable[[re.Match[str], str], Intent]:
    return lambda _match, _text: Intent(kind)


_Rule = tuple[re.Pattern[str], Callable[[re.Match[str], str], Intent]]


def _rules(*pairs: tuple[str, Callable[[re.Match[str], str], Intent]]) -> list[_Rule]:
    return [(re.compile(pattern, _FLAGS), build) for pattern, build in pairs]


# Order matters: the first matching rule wins. Rules addressing a task by number come before
# the free-text rules so "delete task 2" never becomes a search for a task named "task 2".
_RULES: list[_Rule] = _rules(
    # Conversation
    (
        r"^(?:help(?:\s+me)?|\?|commands|menu|usage|what\s+can\s+(?:you|i)\s+(?:do|say|ask)"
        r"|what\s+do\s+you\s+do|how\s+does\s+this\s+work|how\s+do\s+i\s+use\s+(?:this|you)"
        r"|who\s+are\s+you|what\s+are\s+you)$",
        _fixed("help"),
    ),
    (
        r"^(?:thanks|thank\s+you|thx|ty|cheers|ok(?:ay)?|great|perfect|awesome|cool|nice|got\s+it)"
        r"(?:\s+(?:so\s+much|a\s+lot|very\s+much))?$",
        _fixed("thanks"),
    ),
    # Complete by number
    (rf"^(?:mark|set|flag)\s+(?:the\s+)?{_ID}\s+(?:as\s+)?{_DONE_WORD}$", _complete),
    (
        rf"^(?:complete|finish|close|check(?:\s+off)?|tick(?:\s+off)?)\s+(?:the\s+)?{_ID}$",
        _complete,
    ),
    (rf"^{_ID}\s+is\s+(?:now\s+)?{_DONE_WORD}$", _complete),
    (
        rf"^i(?:'ve|\s+have)?\s+(?:just\s+)?(?:finished|completed|done|did)\s+(?:with\s+)?{_ID}$",
        _complete,
    ),
    (rf"^i(?:'m|\s+am)\s+(?:done|finished)\s+with\s+{_ID}$", _complete),
    # Delete by number
    (rf"^{_DELETE_VERB}\s+(?:the\s+)?{_ID}{_FROM_LIST}$", _delete),
    # Update by number
    (
        rf"^{_EDIT_VERB}\s+(?:the\s+)?{_DESC_WORD}\s+(?:of|for|on)\s+{_ID}\s+(?:to|with|as)\s*:?\s+"
        r"(?P<desc>.+)$",
        _update_description,
    ),
    (
        rf"^{_EDIT_VERB}\s+{_ID}(?:'s)?\s+{_DESC_WORD}\s+(?:to|as)\s*:?\s+(?P<desc>.+)$",
        _update_description,
    ),
    (
        rf"^(?:add|set)\s+(?:a\s+|the\s+)?{_DESC_WORD}\s+(?:to|for|on)\s+{_ID}\s*:?\s+(?P<desc>.+)$",
        _update_description,
    ),
    (
        rf"^(?:{_EDIT_VERB}|rename|retitle)\s+(?:the\s+)?(?:(?:title|name)\s+(?:of|for)\s+)?{_ID}(?:'s)?"
        r"(?:\s+(?:title|name))?\s+(?:to|as|into)\s*:?\s+(?P<title>.+)$",
        _update_title,
    ),
    # List
    (
        r"^(?:show|list|display|see|view|get(?!\s+rid\b)|give|tell|print|read)\b.*\b(?:tasks?|todos?|to-?dos?"
        r"|list|items|everything|pending|completed|done|finished)\b.*$",
        _list,
    ),
    (
        r"^what(?:'?s|\s+is|\s+are|\s+were)\b.*\b(?:tasks?|todos?|to-?dos?|list|pending|left|remaining"
        r"|outstanding|open|incomplete|unfinished|done|completed|finished|due|plate)\b.*$",
        _list,
    ),
    (
        r"^what\s+(?:have|did)\s+i\s+(?:already\s+)?(?:complete|completed|finish|finished|done|do"
        r"|get\s+done|accomplish(?:ed)?)\b.*$",
        _list,
    ),
    (
        r"^what\s+(?:do|should|must)\s+i\s+(?:still\s+)?(?:(?:have|need|got)\s+)?(?:to\s+)?do\b.*$",
        _list,
    ),
    (r"^(?:do|have)\s+i\s+(?:have|got)\s+(?:any|anything|many)\b.*$", _list),
    (r"^(?:any|anything)\s+(?:tasks?\s+)?(?:left|pending|remaining|due|to\s+do)\b.*$", _list),
    (r"^how\s+many\s+tasks\b.*$", _list),
    (
        r"^(?:(?:my|all|all\s+my|the)\s+)?(?:(?:pending|open|incomplete|unfinished|outstanding"
        r"|remaining|completed|done|finished)\s+)?(?:tasks?|todos?|to-?dos?|to-?do\s+list|list)$",
        _list,
    ),
    (r"^(?:pending|completed|done|finished|open|remaining|outstanding)$", _list),
    # Add a note to a task named in free text (before the generic "add X")
    (
        rf"^(?:add|set)\s+(?:a\s+|the\s+)?{_DESC_WORD}\s+(?:to|for|on)\s+(?P<ref>.+?)\s*:\s*(?P<desc>.+)$",
        _update_description,
    ),
    # Add
    (
        rf"^(?:add|create|make|new)(?:\s+(?:a|an|another|one))?(?:\s+new)?(?:\s+{_ADD_NOUN})?$",
        _fixed("add_missing_title"),
    ),
    (
        rf"^(?:add|create|make|new|put)(?:\s+(?:a|an|another|one))?(?:\s+new)?\s+{_ADD_NOUN}\b"
        r"(?:\s+(?:to|called|named|titled|for|saying|that\s+says))?\s*[:–—-]?\s*(?P<rest>.+)$",
        _add,
    ),
    (r"^(?:add|put|jot\s+down)\s+(?P<rest>.+)$", _add),
    (r"^remind\s+me\s+(?:to|about)\s+(?P<rest>.+)$", _add),
    (
        r"^(?:i(?:'ve|\s+have|'ll|\s+will)?\s+)?(?:need\s+to|have\s+to|must|should|gotta|got\s+to"
        r"|want\s+to)\s+remember\s+(?:to\s+)?(?P<rest>.+)$",
        _add,
    ),
    (
        r"^(?:remember|don't\s+forget|do\s+not\s+forget|don't\s+let\s+me\s+forget)\s+to\s+(?P<rest>.+)$",
        _add,
    ),
    # Delete / update / complete a task named in free text
    (rf"^{_DELETE_VERB}\s+(?P<ref>.+?){_FROM_LIST}$", _delete),
    (
        rf"^{_EDIT_VERB}\s+(?:the\s+)?{_DESC_WORD}\s+(?:of|for|on)\s+(?P<ref>.+?)\s+(?:to|with|as)\s*:?\s+"
        r"(?P<desc>.+)$",
        _update_description,
    ),
    (
        r"^(?:rename|change|update|edit|retitle)\s+(?:the\s+)?(?P<ref>([\"'“«]).+?[\"'”»])"
        r"(?:\s+task)?\s+(?:to|as|into)\s+(?P<title>.+)$",
        _update_title,
    ),
    (
        r"^(?:rename|change|update|edit|retitle)\s+(?:the\s+)?(?:(?:title|name)\s+(?:of|for)\s+)?"
        r"(?P<ref>.+?)(?:'s\s+(?:title|name))?\s+(?:to|as|into)\s*:?\s+(?P<title>.+)$",
        _update_title,
    ),
    (
        r"^i(?:'ve|\s+have)?\s+(?:just\s+|already\s+|finally\s+)?(?:finished|completed|done|did)\s+"
        r"(?:with\s+)?(?P<ref>.+)$",
        _complete,
    ),
    (r"^i(?:'m|\s+am)\s+(?:all\s+)?(?:done|finished|through)\s+with\s+(?P<ref>.+)$", _complete),
    (rf"^(?:mark|set|flag)\s+(?P<ref>.+?)\s+(?:as\s+)?{_DONE_WORD}$", _complete),
    (r"^(?:complete|finish|check\s+off|tick\s+off)\s+(?P<ref>.+)$", _complete),
    (rf"^(?P<ref>.+?)\s+is\s+(?:now\s+)?{_DONE_WORD}$", _complete),
)


def parse_intent(text: str) -> Intent:
    """Classify one user message. Pure and deterministic; never raises."""
    cleaned = _clean_request(text)
    greeting = _GREETING_PREFIX.match(cleaned)
    if greeting:
        rest = _clean_request(cleaned[greeting.end() :])
        if not rest:
            return Intent("greeting", text=cleaned)
        cleaned = rest
    if not cleaned:
        return Intent("help")
    for pattern, build in _RULES:
        match = pattern.match(cleaned)
        if match:
            return build(match, cleaned)
    return Intent("unknown", text=cleaned)


# --------------------------------------------------------------------------------------------
# Reading the model input
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ToolStep:
    """One function call made earlier in this turn and its output (None if none arrived)."""

    name: str
    arguments: dict[str, Any]
    output: str | None


@dataclass(frozen=True)
class Turn:
    """The part of the input that matters: the last user request and this turn's tool steps."""

    request: str
    steps: list[ToolStep] = field(default_factory=list)
    user_messages: int = 0
    history_digest: str = ""


def _as_dict(item: Any) -> dict[str, Any]:
    if isinstance(item, Mapping):
        return dict(item)
    dump = getattr(item, "model_dump", None)
    if callable(dump):
        dumped = dump()
        return dumped if isinstance(dumped, dict) else {}
    return {}


def _content_text(content: Any) -> str:
    """Text of a message ``content`` or tool ``output``: a str, one part, or a list of parts."""
    if content is None:
        return ""
    if isinstance(content, str):
        return content
    if isinstance(content, Mapping) or hasattr(content, "model_dump"):
        part = _as_dict(content)
        text = part.get("text")
        return text if isinstance(text, str) else ""
    if isinstance(content, list | tuple):
        return "\n".join(text for text in map(_content_text, content) if text)
    return str(content)


def _is_user_message(item: Mapping[str, Any]) -> bool:
    return item.get("role") == "user" and item.get("type", "message") == "message"


def _parse_arguments(raw: Any) -> dict[str, Any]:
    if isinstance(raw, Mapping):
        return dict(raw)
    try:
        parsed = json.loads(raw) if isinstance(raw, str) else None
    except ValueError:
        return {}
    return parsed if isinstance(parsed, dict) else {}


def read_turn(input: str | list[TResponseInputItem]) -> Turn:
    """Extract the last user request and the tool calls/outputs that follow it."""
    if isinstance(input, str):
        return Turn(request=input, user_messages=1)
    items = [_as_dict(item) for item in input]
    user_positions = [index for index, item in enumerate(items) if _is_user_message(item)]
    if not user_positions:
        return Turn(request="")
    position = user_positions[-1]
    this_turn = items[position + 1 :]
    outputs = {
        item.get("call_id"): _content_text(item.get("output"))
        for item in this_turn
        if item.get("type") == "function_call_output"
    }
    steps = [
        ToolStep(
            name=str(item.get("name", "")),
            arguments=_parse_arguments(item.get("arguments")),
            output=outputs.get(item.get("call_id")),
        )
        for item in this_turn
        if item.get("type") == "function_call"
    ]
    return Turn(
        request=_content_text(items[position].get("content")),
        steps=steps,
        user_messages=len(user_positions),
        history_digest=_sha256(json.dumps(items[:position], sort_keys=True, default=str)),
    )


# --------------------------------------------------------------------------------------------
# Reading tool results
# --------------------------------------------------------------------------------------------

_SUCCESS_STATUS = {
    "add_task": "created",
    "complete_task": "completed",
    "delete_task": "deleted",
    "update_task": "updated",
}


def _parse_object(text: str) -> dict[str, Any] | None:
    """Parse a tool output into a dict, unwrapping MCP text parts and ``{"result": {...}}``."""
    text = text.strip()
    if not text.startswith("{"):
        return None
    try:
        value = json.loads(text)
    except ValueError:
        # A function tool returning a dict reaches the model as its Python repr.
        try:
            value = ast.literal_eval(text)
        except (ValueError, SyntaxError):
            return None
    if not isinstance(value, dict):
        return None
    if value.get("type") == "text" and isinstance(value.get("text"), str):
        return _parse_object(value["text"])
    if set(value) == {"result"} and isinstance(value["result"], dict):
        return value["result"]
    return value


def _error_text(output: str | None, data: dict[str, Any] | None) -> str:
    if data:
        for key in ("error", "detail", "message"):
            if isinstance(data.get(key), str) and data[key].strip():
                return _sentence(data[key])
    text = " ".join((output or "").split())
    if not text:
        return "the tool returned no result."
    return _sentence(text[:500])


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?")) else f"{text}."


def read_result(step: ToolStep) -> tuple[dict[str, Any] | None, str | None]:
    """Return ``(data, None)`` for the expected success JSON, else ``(None, error text)``."""
    data = _parse_object(step.output) if step.output is not None else None
    if data is not None:
        if step.name == "list_tasks" and isinstance(data.get("tasks"), list):
            return data, None
        expected = _SUCCESS_STATUS.get(step.name)
        if expected and data.get("status") == expected and data.get("task_id") is not None:
            return data, None
    return None, _error_text(step.output, data)


# --------------------------------------------------------------------------------------------
# Deciding the next step
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Call:
    """Next step: call ``name`` with ``arguments``."""

    name: str
    arguments: dict[str, Any]


@dataclass(frozen=True)
class Reply:
    """Next step: answer the user with ``text`` and end the turn."""

    text: str


Action = Call | Reply

_TOOL_FOR_KIND = {"complete": "complete_task", "delete": "delete_task", "update": "update_task"}
_ABILITY = {
    "add_task": "add tasks",
    "list_tasks": "look up your tasks",
    "complete_task": "complete tasks",
    "delete_task": "delete tasks",
    "update_task": "update tasks",
}
# Articles and generic nouns say nothing about which task is meant ("delete the task").
_IGNORED_REF_WORDS = frozenset({"the", "a", "an", "my", "task", "tasks", "todo", "item", "one"})


def decide(intent: Intent, steps: list[ToolStep], available: set[str]) -> Action:
    """Choose the next step for ``intent`` given this turn's tool steps so far."""
    match intent.kind:
        case "greeting":
            return Reply(_GREETING_REPLY)
        case "help":
            return Reply(_HELP_REPLY)
        case "thanks":
            return Reply(_THANKS_REPLY)
        case "add_missing_title":
            return Reply("What should the task say? For example: “Add a task to buy groceries”.")
        case "bulk_delete":
            return Reply(
                "I can only delete one task at a time. Tell me which one, e.g. “Delete task 2” "
                "or “Delete the meeting task”."
            )
        case "add":
            arguments: dict[str, Any] = {"title": intent.title}
            if intent.description:
                arguments["description"] = intent.description
            return _single_call(Call("add_task", arguments), steps, available)
        case "list":
            return _single_call(Call("list_tasks", {"status": intent.status}), steps, available)
        case "complete" | "delete" | "update":
            if intent.task_id is not None:
                call = Call(_TOOL_FOR_KIND[intent.kind], _action_arguments(intent, intent.task_id))
                return _single_call(call, steps, available)
            return _by_reference(intent, steps, available)
        case _:
            return Reply(_unknown_reply(intent.text))


def _single_call(call: Call, steps: list[ToolStep], available: set[str]) -> Action:
    if call.name not in available:
        return Reply(_unavailable(call.name))
    if not steps:
        return call
    return Reply(describe_outcome(steps[-1]))


def _action_arguments(intent: Intent, task_id: int) -> dict[str, Any]:
    arguments: dict[str, Any] = {"task_id": task_id}
    if intent.title is not None:
        arguments["title"] = intent.title
    if intent.description is not None:
        arguments["description"] = intent.description
    return arguments


def _by_reference(intent: Intent, steps: list[ToolStep], available: set[str]) -> Action:
    """Look the task up with list_tasks, then act on the single match."""
    tool = _TOOL_FOR_KIND[intent.kind]
    for needed in ("list_tasks", tool):
        if needed not in available:
            return Reply(_unavailable(tool))
    ref = intent.ref or ""
    if not _ref_words(ref):
        return Reply(
            "Which task do you mean? Tell me its number or part of its title, e.g. "
            f"“{_example_command(intent, 2)}”."
        )
    pending_only = intent.kind == "complete"
    if not steps:
        return Call("list_tasks", {"status": "pending" if pending_only else "all"})
    if len(steps) > 1:
        return Reply(describe_outcome(steps[-1]))
    data, error = read_result(steps[0])
    if data is None:
        return Reply(f"I couldn't look up your tasks: {error}")
    matches = find_matches(data["tasks"], ref)
    if len(matches) == 1:
        return Call(tool, _action_arguments(intent, matches[0]["id"]))
    kind_of_task = "pending task" if pending_only else "task"
    if not matches:
        return Reply(
            f"I couldn't find a {kind_of_task} matching “{ref}”. Say “show my tasks” to see them."
        )
    listed = "\n".join(f"- {task['title']} (#{task['id']})" for task in matches)
    return Reply(
        f"Several {kind_of_task}s match “{ref}” — which one do you mean?\n{listed}\n"
        f"Tell me the task number, e.g. “{_example_command(intent, matches[0]['id'])}”."
    )


def _ref_words(ref: str) -> list[str]:
    return [word for word in re.findall(r"[\w'-]+", ref.lower()) if word not in _IGNORED_REF_WORDS]


def find_matches(tasks: list[Any], ref: str) -> list[dict[str, Any]]:
    """Tasks whose title contains every word of ``ref``; an exact title match breaks ties."""
    words = _ref_words(ref)
    valid = [
        task
        for task in tasks
        if isinstance(task, dict)
        and isinstance(task.get("id"), int)
        and isinstance(task.get("title"), str)
    ]
    matches = [task for task in valid if all(word in task["title"].lower() for word in words)]
    if len(matches) > 1:
        exact = [task for task in matches if task["title"].strip().lower() == ref.strip().lower()]
        if len(exact) == 1:
            return exact
    return matches


def _example_command(intent: Intent, task_id: int) -> str:
    if intent.kind == "delete":
        return f"Delete task {task_id}"
    if intent.kind == "complete":
        return f"Complete task {task_id}"
    if intent.title is not None:
        return f"Rename task {task_id} to {intent.title}"
    return f"Change the description of task {task_id} to {intent.description}"


def _unavailable(tool: str) -> str:
    return f"Sorry, I can't {_ABILITY.get(tool, 'do that')} right now — that tool isn't available."


def _unknown_reply(text: str) -> str:
    shown = text if len(text) <= 80 else text[:77] + "..."
    prefix = (
        f"Sorry, I didn't understand “{shown}”." if shown else "Sorry, I didn't understand that."
    )
    return f"{prefix} {_HELP_REPLY}"


# --------------------------------------------------------------------------------------------
# Describing tool results
# --------------------------------------------------------------------------------------------


def describe_outcome(step: ToolStep) -> str:
    """The final reply for a finished tool step: success built from its JSON, or the error."""
    data, error = read_result(step)
    if data is None:
        return _failure(step, error or "")
    if step.name == "list_tasks":
        return _describe_list(data["tasks"], str(step.arguments.get("status", "all")))
    title = data.get("title", "")
    task_id = data["task_id"]
    if step.name == "add_task":
        description = step.arguments.get("description")
        suffix = f" with the description “{description}”" if description else ""
        return f"Added “{title}” (task #{task_id}){suffix}."
    if step.name == "complete_task":
        return f"Marked “{title}” as complete."
    if step.name == "delete_task":
        return f"Deleted “{title}” (task #{task_id})."
    if "title" not in step.arguments:
        return f"Updated the description of task #{task_id} (“{title}”)."
    return f"Updated task #{task_id}: “{title}”."


def _failure(step: ToolStep, error: str) -> str:
    task_id = step.arguments.get("task_id")
    what = {
        "add_task": f"add “{step.arguments.get('title', 'that task')}”",
        "list_tasks": "load your tasks",
        "complete_task": f"mark task {task_id} as complete",
        "delete_task": f"delete task {task_id}",
        "update_task": f"update task {task_id}",
    }.get(step.name, f"run {step.name}")
    return f"I couldn't {what}: {error}"


def _describe_list(tasks: list[Any], status: str) -> str:
    rows = [task for task in tasks if isinstance(task, dict)]
    if not rows:
        return {
            "pending": "You have no pending tasks.",
            "completed": "You have no completed tasks.",
        }.get(status, "You have no tasks yet. Try “Add a task to buy groceries”.")
    heading = {
        "pending": "Here are your pending tasks:",
        "completed": "Here are your completed tasks:",
    }.get(status, "Here are all your tasks:")
    lines = [heading]
    for number, task in enumerate(rows, start=1):
        mark = "x" if task.get("completed") else " "
        line = f"{number}. [{mark}] {task.get('title', '')} (#{task.get('id')})"
        if task.get("description"):
            line += f" — {task['description']}"
        lines.append(line)
    return "\n".join(lines)


# --------------------------------------------------------------------------------------------
# The model
# --------------------------------------------------------------------------------------------


class OfflineModel(Model):
    """Rule-based stand-in for an LLM: deterministic, offline, understands todo requests.

    Takes no constructor arguments. See the module docstring for what it understands.
    """

    async def get_response(
        self,
        system_instructions: str | None,
        input: str | list[TResponseInputItem],
        model_settings: ModelSettings,
        tools: list[Tool],
        output_schema: AgentOutputSchemaBase | None,
        handoffs: list[Handoff],
        tracing: ModelTracing,
        *,
        previous_response_id: str | None = None,
        conversation_id: str | None = None,
        prompt: ResponsePromptParam | None = None,
    ) -> ModelResponse:
        """Return the next step (one function call or the final message) for ``input``."""
        return ModelResponse(
            output=self.respond(input, tools), usage=Usage(requests=1), response_id=None
        )

    async def stream_response(
        self,
        system_instructions: str | None,
        input: str | list[TResponseInputItem],
        model_settings: ModelSettings,
        tools: list[Tool],
        output_schema: AgentOutputSchemaBase | None,
        handoffs: list[Handoff],
        tracing: ModelTracing,
        *,
        previous_response_id: str | None = None,
        conversation_id: str | None = None,
        prompt: ResponsePromptParam | None = None,
    ) -> AsyncIterator[TResponseStreamEvent]:
        """Stream the same output as ``get_response`` (text arrives as a single delta)."""
        for event in _stream_events(self.respond(input, tools)):
            yield event

    def respond(
        self, input: str | list[TResponseInputItem], tools: list[Tool]
    ) -> list[TResponseOutputItem]:
        """Synchronous core: the output items for ``input`` given the offered ``tools``."""
        turn = read_turn(input)
        available = {name for name in (getattr(tool, "name", None) for tool in tools) if name}
        action = decide(parse_intent(turn.request), turn.steps, available)
        digest = _digest(turn, action)
        if isinstance(action, Call):
            return [
                ResponseFunctionToolCall(
                    type="function_call",
                    id=f"fc_{digest}",
                    call_id=f"call_{digest}",
                    name=action.name,
                    arguments=json.dumps(action.arguments, ensure_ascii=False),
                    status="completed",
                )
            ]
        return [
            ResponseOutputMessage(
                type="message",
                id=f"msg_{digest}",
                role="assistant",
                status="completed",
                content=[ResponseOutputText(type="output_text", text=action.text, annotations=[])],
            )
        ]


def _digest(turn: Turn, action: Action) -> str:
    """Deterministic id part; distinct per turn (via the history) and per step."""
    payload = [turn.user_messages, turn.history_digest, turn.request, len(turn.steps)]
    if isinstance(action, Call):
        payload += [action.name, action.arguments]
    else:
        payload.append(action.text)
    return _sha256(json.dumps(payload, sort_keys=True, ensure_ascii=False))[:24]


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def _stream_events(output: list[TResponseOutputItem]) -> list[TResponseStreamEvent]:
    """The Responses streaming events for ``output``, ending with ``response.completed``."""
    response = Response(
        id="offline",
        created_at=0,
        model=MODEL_NAME,
        object="response",
        output=output,
        tool_choice="auto",
        tools=[],
        top_p=None,
        parallel_tool_calls=False,
        status="completed",
        usage=ResponseUsage(
            input_tokens=0,
            output_tokens=0,
            total_tokens=0,
            input_tokens_details=InputTokensDetails(cached_tokens=0, cache_write_tokens=0),
            output_tokens_details=OutputTokensDetails(reasoning_tokens=0),
        ),
    )
    # Match get_response's response_id=None; the Model boundary allows it, Response's type doesn't.
    object.__setattr__(response, "id", None)

    started_response = response.model_copy(update={"status": "in_progress", "output": []})
    events: list[Any] = [
        ResponseCreatedEvent(type="response.created", response=started_response, sequence_number=0)
    ]

    def add(event_type: type, **fields: Any) -> None:
        events.append(event_type(sequence_number=len(events), **fields))

    for index, item in enumerate(output):
        started = item.model_copy(update={"status": "in_progress"})
        if isinstance(item, ResponseOutputMessage):
            started = item.model_copy(update={"status": "in_progress", "content": []})
        add(
            ResponseOutputItemAddedEvent,
            type="response.output_item.added",
            item=started,
            output_index=index,
        )
        if isinstance(item, ResponseOutputMessage):
            for part_index, part in enumerate(item.content):
                if not isinstance(part, ResponseOutputText):
                    continue
                where = {"item_id": item.id, "output_index": index, "content_index": part_index}
                empty = part.model_copy(update={"text": ""})
                add(
                    ResponseContentPartAddedEvent,
                    type="response.content_part.added",
                    part=empty,
                    **where,
                )
                add(
                    ResponseTextDeltaEvent,
                    type="response.output_text.delta",
                    delta=part.text,
                    logprobs=[],
                    **where,
                )
                add(
                    ResponseTextDoneEvent,
                    type="response.output_text.done",
                    text=part.text,
                    logprobs=[],
                    **where,
                )
                add(
                    ResponseContentPartDoneEvent,
                    type="response.content_part.done",
                    part=part,
                    **where,
                )
        add(
            ResponseOutputItemDoneEvent,
            type="response.output_item.done",
            item=item,
            output_index=index,
        )
    add(ResponseCompletedEvent, type="response.completed", response=response)
    return cast(list[TResponseStreamEvent], events)
