"""A TCP forwarder that a test can unplug and plug back in, to play a database outage without
touching the database server that others share."""

from __future__ import annotations

import asyncio
import socket
import threading
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any


def free_port(host: str = "127.0.0.1") -> int:
    """A port nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return sock.getsockname()[1]


class TcpProxy:
    """Forwards `host:port` (a free local port) to `target_host:target_port`.

    `unplug()` closes the listener, so new connections are refused, and cuts every live
    connection, so connections already open break; `plug_in()` listens again on the same port.
    `freeze()` keeps every connection open but moves no more bytes (a frozen server, a
    partition: the peer's kernel still acknowledges, nothing answers), new connections too;
    `thaw()` lets the held bytes through.
    It runs its own event loop in a daemon thread; `close()` (or leaving the `with`) ends it.
    """

    def __init__(self, target_host: str, target_port: int, host: str = "127.0.0.1") -> None:
        self.target = (target_host, target_port)
        self.targets = [self.target]
        self._next_target = 0
        self.host = host
        self.port = free_port(host)
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="tcp-proxy")
        self._thread.daemon = True
        self._server: asyncio.Server | None = None
        self._transports: set[asyncio.BaseTransport] = set()
        # Bumped by every unplug: a connection accepted just before it must not live on after it.
        self._generation = 0
        self._flowing: asyncio.Event | None = None

    def __enter__(self) -> TcpProxy:
        self._thread.start()
        self.plug_in()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @property
    def plugged_in(self) -> bool:
        return self._server is not None

    def plug_in(self) -> None:
        self._run(self._listen())

    def unplug(self) -> None:
        self._run(self._cut())

    def freeze(self) -> None:
        self._run(self._set_flowing(False))

    def thaw(self) -> None:
        self._run(self._set_flowing(True))

    async def _set_flowing(self, flowing: bool) -> None:
        if self._flowing is None:
            self._flowing = asyncio.Event()
            self._flowing.set()
        if flowing:
            self._flowing.set()
        else:
            self._flowing.clear()

    async def _wait_flowing(self) -> None:
        if self._flowing is not None:
            await self._flowing.wait()

    def close(self) -> None:
        if self._thread.is_alive():
            self._run(self._cut())
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join(timeout=5)
        if not self._loop.is_running():
            self._loop.close()

    def _run(self, coroutine: Coroutine[Any, Any, None]) -> None:
        asyncio.run_coroutine_threadsafe(coroutine, self._loop).result(timeout=10)

    async def _listen(self) -> None:
        if self._server is None:
            self._server = await asyncio.start_server(
                self._forward, self.host, self.port, reuse_address=True
            )

    async def _cut(self) -> None:
        self._generation += 1
        server, self._server = self._server, None
        if server is not None:
            server.close()
        for transport in list(self._transports):
            transport.abort()
        self._transports.clear()

    async def _connect_upstream(
        self,
    ) -> tuple[asyncio.StreamReader, asyncio.StreamWriter] | None:
        # Round robin over the targets, skipping those that refuse (a replica that died).
        for _ in range(len(self.targets)):
            target = self.targets[self._next_target % len(self.targets)]
            self._next_target += 1
            try:
                return await asyncio.open_connection(*target)
            except OSError:
                continue
        return None

    async def _forward(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        generation = self._generation
        await self._wait_flowing()
        upstream = await self._connect_upstream()
        if upstream is None:
            writer.transport.abort()
            return
        upstream_reader, upstream_writer = upstream
        pair = {writer.transport, upstream_writer.transport}
        if generation != self._generation:
            for transport in pair:
                transport.abort()
            return
        self._transports |= pair
        pipes = [
            asyncio.create_task(_pipe(reader, upstream_writer, self._wait_flowing)),
            asyncio.create_task(_pipe(upstream_reader, writer, self._wait_flowing)),
        ]
        try:
            await asyncio.wait(pipes, return_when=asyncio.FIRST_COMPLETED)
        finally:
            for task in pipes:
                task.cancel()
            for transport in pair:
                transport.abort()
            self._transports -= pair


class RoundRobinProxy(TcpProxy):
    """A load balancer in front of several replicas: each new connection goes to the next
    target that accepts it (`targets`: (host, port) pairs)."""

    def __init__(self, targets: list[tuple[str, int]], host: str = "127.0.0.1") -> None:
        super().__init__(*targets[0], host=host)
        self.targets = list(targets)


async def _pipe(
    reader: asyncio.StreamReader,
    writer: asyncio.StreamWriter,
    flowing: Callable[[], Awaitable[None]],
) -> None:
    try:
        while data := await reader.read(65536):
            await flowing()
            writer.write(data)
            await writer.drain()
    except (ConnectionError, OSError):
        pass
