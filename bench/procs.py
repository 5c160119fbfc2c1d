"""Starting and stopping the processes a benchmark talks to, robustly.

Every process runs in its own session (process group), logs to a file, is waited for until its
port answers, and is always terminated (SIGTERM, then SIGKILL) when the `Services` stack closes —
also on errors and Ctrl-C.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


class ServiceError(RuntimeError):
    """A process did not start, or died."""


def free_port() -> int:
    """A TCP port on 127.0.0.1 that was free a moment ago."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def log_tail(path: Path, lines: int = 30) -> str:
    """The last `lines` lines of a log file (empty if it does not exist)."""
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return ""


def run_checked(
    args: Sequence[str], *, env: Mapping[str, str], timeout: float = 300
) -> subprocess.CompletedProcess[str]:
    """Run a short command in the repo; raise with its output when it fails."""
    done = subprocess.run(
        list(args), cwd=REPO, env=dict(env), capture_output=True, text=True, timeout=timeout
    )
    if done.returncode != 0:
        raise ServiceError(
            f"{' '.join(args)} failed ({done.returncode}):\n{done.stdout[-2000:]}\n"
            f"{done.stderr[-4000:]}"
        )
    return done


@dataclass
class Service:
    """One long-running process listening on `port`."""

    name: str
    port: int
    process: subprocess.Popen[bytes]
    log_path: Path
    base_url: str = field(init=False)

    def __post_init__(self) -> None:
        self.base_url = f"http://127.0.0.1:{self.port}"

    def check_alive(self) -> None:
        """Raise (with the log's tail) if the process has exited."""
        code = self.process.poll()
        if code is not None:
            raise ServiceError(f"{self.name} exited with {code}:\n{log_tail(self.log_path)}")

    def cpu_seconds(self) -> float:
        """User + system CPU time used so far by the process (all its threads)."""
        try:
            fields = Path(f"/proc/{self.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            return float("nan")
        # After the command name: state is field 3, utime field 14, stime field 15.
        return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS

    def _status(self, key: str) -> int:
        """The first number of the `key:` line of /proc/PID/status (0 if unknown)."""
        try:
            status = Path(f"/proc/{self.process.pid}/status").read_text()
        except OSError:
            return 0
        for line in status.splitlines():
            if line.startswith(f"{key}:"):
                return int(line.split()[1])
        return 0

    def threads(self) -> int:
        """How many threads the process has now (0 if unknown)."""
        return self._status("Threads")

    def rss_mib(self) -> float:
        """The process's resident memory now, in MiB (0 if unknown)."""
        return round(self._status("VmRSS") / 1024, 1)

    def stop(self, grace_s: float = 5.0) -> None:
        """SIGTERM the process group, then SIGKILL it if it lingers."""
        if self.process.poll() is not None:
            return
        for sig, wait_s in ((signal.SIGTERM, grace_s), (signal.SIGKILL, 5.0)):
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, sig)
            try:
                self.process.wait(wait_s)
                return
            except subprocess.TimeoutExpired:
                continue


def _port_open(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.settimeout(0.5)
        return sock.connect_ex(("127.0.0.1", port)) == 0


def _http_ok(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return 200 <= response.status < 500
    except urllib.error.HTTPError as exc:
        return exc.code < 500
    except OSError:
        return False


class ThreadPeak(contextlib.AbstractContextManager["ThreadPeak"]):
    """The most threads `service` had while the block ran (sampled every 20 ms)."""

    def __init__(self, service: Service) -> None:
        self.service = service
        self.peak = 0
        self._done = threading.Event()
        self._sampler = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        while not self._done.wait(0.02):
            self.peak = max(self.peak, self.service.threads())

    def __enter__(self) -> ThreadPeak:
        self.peak = self.service.threads()
        self._sampler.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._done.set()
        self._sampler.join()


class Services(contextlib.AbstractContextManager["Services"]):
    """The processes of one benchmark run; all are stopped on exit, newest first."""

    def __init__(self, log_dir: Path) -> None:
        self.log_dir = log_dir
        self._running: list[Service] = []

    def start(
        self,
        name: str,
        args: Sequence[str],
        *,
        env: Mapping[str, str],
        port: int,
        ready_path: str | None = None,
        timeout_s: float = 60.0,
        poll_s: float = 0.1,
    ) -> Service:
        """Start `args` and return once `port` accepts connections (and `ready_path` answers),
        checking every `poll_s` seconds."""
        self.log_dir.mkdir(parents=True, exist_ok=True)
        log_path = self.log_dir / f"{name}.log"
        with log_path.open("wb") as log:
            process = subprocess.Popen(
                list(args),
                cwd=REPO,
                env=dict(env),
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        service = Service(name, port, process, log_path)
        self._running.append(service)
        self._wait_ready(service, ready_path, timeout_s, poll_s)
        return service

    def stop(self, service: Service) -> None:
        """Stop one service now."""
        service.stop()
        if service in self._running:
            self._running.remove(service)

    def _wait_ready(
        self, service: Service, ready_path: str | None, timeout_s: float, poll_s: float
    ) -> None:
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            service.check_alive()
            if _port_open(service.port) and (
                ready_path is None or _http_ok(service.base_url + ready_path)
            ):
                return
            time.sleep(poll_s)
        raise ServiceError(
            f"{service.name} not ready after {timeout_s:.0f} s:\n{log_tail(service.log_path)}"
        )

    def __exit__(self, *exc_info: object) -> None:
        while self._running:
            self._running.pop().stop()
