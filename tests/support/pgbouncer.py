"""A private PgBouncer in transaction mode (Debian's `pgbouncer`, installed by `.ci/run`), in
front of the test's PostgreSQL server, on a free port: what Neon's pooled endpoint and most
PgBouncer deployments look like to the product."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

from tests.support.tcp_proxy import free_port

BINARIES = ("pgbouncer", "/usr/sbin/pgbouncer")


def pgbouncer_binary() -> str:
    for name in BINARIES:
        found = shutil.which(name)
        if found:
            return found
    raise RuntimeError("pgbouncer is not installed: `apt-get install -y pgbouncer` (.ci/run does)")


class PgBouncer:
    """`with PgBouncer(host, port, user, password) as bouncer:` → `bouncer.port` listens."""

    def __init__(self, host: str, port: int, user: str, password: str = "") -> None:
        self.target = (host, port)
        self.user = user
        self.password = password
        self.port = free_port()
        self._dir = Path(tempfile.mkdtemp(prefix="pgbouncer-"))
        self._process: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> PgBouncer:
        # It refuses to run as root: drop to `nobody`, who must read and write its files.
        os.chmod(self._dir, 0o777)
        password = f" password={self.password}" if self.password else ""
        config = self._dir / "pgbouncer.ini"
        config.write_text(
            "[databases]\n"
            f"* = host={self.target[0]} port={self.target[1]} user={self.user}{password}\n"
            "[pgbouncer]\n"
            f"listen_addr = 127.0.0.1\nlisten_port = {self.port}\n"
            "unix_socket_dir =\n"
            "auth_type = any\n"
            "pool_mode = transaction\n"
            "max_client_conn = 1000\ndefault_pool_size = 20\n"
            f"logfile = {self._dir / 'pgbouncer.log'}\npidfile = {self._dir / 'pgbouncer.pid'}\n"
        )
        config.chmod(0o644)
        command = [pgbouncer_binary(), config.as_posix()]
        if os.geteuid() == 0:
            command[1:1] = ["-u", "nobody"]
        self._process = subprocess.Popen(
            command, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT
        )
        deadline = time.monotonic() + 15
        while True:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.5).close()
                return self
            except OSError:
                if self._process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"pgbouncer did not start:\n{self.log()}") from None
                time.sleep(0.1)

    def log(self) -> str:
        path = self._dir / "pgbouncer.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def __exit__(self, *exc_info: object) -> None:
        if self._process is not None and self._process.poll() is None:
            self._process.terminate()
            try:
                self._process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait(timeout=10)
        shutil.rmtree(self._dir, ignore_errors=True)
