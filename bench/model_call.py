"""What a model call costs the client as the history grows, and what a pass-through saves.

The `openai` client walks every request body against its TypedDict unions before sending it
(`openai._utils._transform`), with typing introspection per field of every message: with the
CHAT_HISTORY_LIMIT=50 messages a turn replays, that walk costs more than the rest of the call.
The Agents SDK hands the client messages already in wire format, so the walk changes nothing;
the SDK merges `extra_body` into the JSON *after* it, so moving the bulk field there skips it.

The product's client, `conversations.providers.WireFormatAsyncOpenAI`, makes that change.
Measured here in the benchmark process: one `Runner.run` (one model call, no tools) against the
fake model, with 0 and N prior messages, plain `AsyncOpenAI` vs the product's client, for both
wire APIs; the fake must answer without calling a tool (policy `no_tool`).
"""

from __future__ import annotations

import statistics
import time
from typing import Any

from agents import Agent, OpenAIChatCompletionsModel, OpenAIResponsesModel, RunConfig, Runner
from agents.models.interface import Model
from openai import AsyncOpenAI

from conversations.providers import WireFormatAsyncOpenAI

# About the size of conversations/agent.py's instructions.
INSTRUCTIONS = "You are todochat, a friendly assistant that manages the user's todo list. " * 12


def history(size: int) -> list[dict[str, Any]]:
    """`size` alternating user/assistant messages, then the new user message."""
    items: list[dict[str, Any]] = [
        {"role": "user" if i % 2 == 0 else "assistant", "content": f"Message number {i} here."}
        for i in range(size)
    ]
    return [*items, {"role": "user", "content": "What is on my list?"}]


def _model(api: str, client: AsyncOpenAI) -> Model:
    if api == "responses":
        return OpenAIResponsesModel(model="gpt-4.1-mini", openai_client=client)
    return OpenAIChatCompletionsModel(model="gpt-4.1-mini", openai_client=client)


async def paired_medians_ms(
    base_url: str, *, api: str, size: int, calls: int, warmup: int = 5
) -> tuple[float, float]:
    """Median wall time of one single-call `Runner.run` with `size` prior messages, plain client
    and pass-through client, alternating call by call so that machine noise hits both alike."""
    clients = [AsyncOpenAI(base_url=base_url, api_key="x")]
    clients.append(WireFormatAsyncOpenAI(base_url=base_url, api_key="x"))
    agents = [
        Agent(name="bench", instructions=INSTRUCTIONS, model=_model(api, client))
        for client in clients
    ]
    config = RunConfig(tracing_disabled=True)
    items = history(size)
    durations: list[list[float]] = [[], []]
    try:
        for i in range(warmup + calls):
            for which, agent in enumerate(agents):
                started = time.perf_counter()
                await Runner.run(agent, items, run_config=config)
                if i >= warmup:
                    durations[which].append(time.perf_counter() - started)
    finally:
        for client in clients:
            await client.close()
    plain, fast = (round(statistics.median(d) * 1000, 2) for d in durations)
    return plain, fast


async def measure(base_url: str, *, sizes: tuple[int, ...], calls: int) -> list[dict[str, Any]]:
    """One row per (api, prior messages): plain vs pass-through medians."""
    rows = []
    for api in ("chat_completions", "responses"):
        for size in sizes:
            plain, fast = await paired_medians_ms(base_url, api=api, size=size, calls=calls)
            rows.append(
                {
                    "scenario": "model_call",
                    "api": api,
                    "prior_messages": size,
                    "plain_ms": plain,
                    "pass_through_ms": fast,
                    "saved_ms": round(plain - fast, 2),
                }
            )
    return rows
