"""HTTP load: sequential (interleaved across targets) and simultaneous bursts, with httpx2."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import httpx2

TIMEOUT_S = 120.0


@dataclass(frozen=True)
class ChatRequest:
    """One POST with a JSON body."""

    url: str
    body: Mapping[str, Any]
    headers: Mapping[str, str] = field(default_factory=dict)


# Builds the i-th request of a series (so a series can vary its conversation or user).
RequestFactory = Callable[[int], ChatRequest]


@dataclass
class Sample:
    """How one request went."""

    seconds: float
    status: int
    error: str | None = None
    body_bytes: int = 0  # of the response

    @property
    def ok(self) -> bool:
        return self.status == 200 and self.error is None


@dataclass
class BurstResult:
    """N simultaneous requests: each one's sample, and the wall time of the whole burst."""

    samples: list[Sample]
    wall_s: float

    @property
    def ok(self) -> list[Sample]:
        return [s for s in self.samples if s.ok]

    def errors(self) -> dict[str, int]:
        """Failure kinds and how often each happened."""
        counts: dict[str, int] = {}
        for sample in self.samples:
            if not sample.ok:
                key = sample.error or f"HTTP {sample.status}"
                counts[key] = counts.get(key, 0) + 1
        return counts


async def send(client: httpx2.AsyncClient, request: ChatRequest) -> Sample:
    """Send one request and time it; failures are recorded, never raised."""
    started = time.perf_counter()
    try:
        response = await client.post(request.url, json=dict(request.body), headers=request.headers)
        body = await response.aread()
    except httpx2.HTTPError as exc:
        return Sample(time.perf_counter() - started, 0, f"{type(exc).__name__}")
    return Sample(time.perf_counter() - started, response.status_code, body_bytes=len(body))


def new_client(connections: int) -> httpx2.AsyncClient:
    """An HTTP client with room for `connections` kept-alive connections."""
    limits = httpx2.Limits(max_connections=connections, max_keepalive_connections=connections)
    return httpx2.AsyncClient(timeout=TIMEOUT_S, limits=limits)


async def interleaved(
    targets: Mapping[str, RequestFactory], *, count: int, warmup: int
) -> dict[str, list[Sample]]:
    """`count` sequential requests per target, round-robin across targets (one at a time in
    total), so that a shared machine's drift hits every target alike; `warmup` requests per
    target first, not recorded. Each target has its own kept-alive connection."""
    clients = {name: new_client(1) for name in targets}
    results: dict[str, list[Sample]] = {name: [] for name in targets}
    try:
        for i in range(warmup + count):
            for name, factory in targets.items():
                sample = await send(clients[name], factory(i))
                if i >= warmup:
                    results[name].append(sample)
    finally:
        await asyncio.gather(*(client.aclose() for client in clients.values()))
    return results


async def burst(requests: list[ChatRequest]) -> BurstResult:
    """All `requests` at once, each on its own connection (a fresh client: no warm pool)."""
    async with new_client(len(requests)) as client:
        started = time.perf_counter()
        samples = await asyncio.gather(*(send(client, request) for request in requests))
        wall = time.perf_counter() - started
    return BurstResult(list(samples), wall)
