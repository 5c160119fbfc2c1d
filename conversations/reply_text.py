"""What of a model's text the user sees: the reply of a turn, whole or as it is streamed.

Some models write their reasoning into the answer itself, before it, between tags —
`<think>…</think>` (DeepSeek-R1, Qwen3 on a server without a reasoning parser), `<thinking>`,
`<thought>` —; it is left out, whole or streamed alike. Reasoning sent in fields of its own
(`reasoning_content`, `reasoning`, Responses reasoning items) never reaches the text.

A reply is at most `MAX_CHARS` long, the rest cut with a note: a model looping on its own words
(a megabyte of them) made a reply no history budget holds, and the conversation lost everything
said before it.

A turn's reply is everything the model said to the user in it, in order: text written beside
tool calls ("Let me look that up.") as well as the last answer, one paragraph each — what a
streamed turn shows as it is written is what is stored and answered.
"""

from __future__ import annotations

import re

_TAGS = ("think", "thinking", "thought")
_OPENINGS = tuple(f"<{tag}>" for tag in _TAGS)
_LEADING_THOUGHT = re.compile(r"\s*<(think|thinking|thought)>.*?(?:</\1>|\Z)\s*", re.DOTALL)
PARAGRAPH = "\n\n"
# About 4,000 tokens: half the default history budget (CHAT_HISTORY_TOKENS), so the next turns
# still see the reply and what came before it.
MAX_CHARS = 16_000
CUT_NOTE = "\n\n[The rest of this answer was cut: it was too long.]"


def visible(text: str) -> str:
    """One model answer's text without the reasoning written before it (an unclosed one hides
    the rest)."""
    match = _LEADING_THOUGHT.match(text)
    return text[match.end() :] if match else text


def joined(texts: list[str]) -> str:
    """A turn's reply: its answers' visible texts, the empty ones left out, one paragraph each."""
    return PARAGRAPH.join(text for text in map(visible, texts) if text)


def cut(reply: str) -> str:
    """`reply` within `MAX_CHARS`, with a note where it was cut."""
    return reply if len(reply) <= MAX_CHARS else reply[:MAX_CHARS] + CUT_NOTE


class StreamedAnswer:
    """One answer's text as it is streamed, filtered as `visible` filters it whole: what
    `feed` returns for each delta, then `end`, adds up to `visible(whole text)`."""

    def __init__(self) -> None:
        self._pending = ""
        self._closing: str | None = None
        self._state = "start"  # start → (thought → after →) text

    def feed(self, delta: str) -> str:
        if self._state == "text":
            return delta
        self._pending += delta
        if self._state == "start":
            head = self._pending.lstrip()
            opening = next((tag for tag in _OPENINGS if head.startswith(tag)), None)
            if opening is None:
                if any(tag.startswith(head) for tag in _OPENINGS):
                    return ""  # still perhaps a thought's opening tag
                return self._release("text")
            self._state, self._closing = "thought", "</" + opening[1:]
        if self._state == "thought":
            assert self._closing is not None
            end = self._pending.find(self._closing)
            if end < 0:
                return ""
            self._pending = self._pending[end + len(self._closing) :]
            self._state = "after"
        self._pending = self._pending.lstrip()
        return self._release("text") if self._pending else ""

    def end(self) -> str:
        """What is still held back once the answer is complete."""
        return self._release("text") if self._state == "start" else ""

    def _release(self, state: str) -> str:
        text, self._pending, self._state = self._pending, "", state
        return text
