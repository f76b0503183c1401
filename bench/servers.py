"""Start a server process, time it to its first 200, read its memory, stop it."""

from __future__ import annotations

import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOGS = Path(__file__).resolve().parent / "generated"


@dataclass
class Server:
    name: str
    port: int
    process: subprocess.Popen
    startup_s: float = 0.0
    rss_samples: list[tuple[float, float]] = field(default_factory=list)

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def rss_mb(self) -> float:
        """Resident memory of the process and its children (Prism runs under node)."""
        return sum(_rss_kb(pid) for pid in [self.process.pid, *_children(self.process.pid)]) / 1024

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def _rss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def _children(pid: int) -> list[int]:
    found: list[int] = []
    try:
        for task in Path(f"/proc/{pid}/task").iterdir():
            text = (task / "children").read_text().split()
            for child in map(int, text):
                found += [child, *_children(child)]
    except OSError:
        pass
    return found


def start(
    name: str, command: list[str], port: int, ready_path: str = "/_mock/health", any_status: bool = False
) -> Server:
    """Run `command`; startup_s is the time from spawning it to the first 200 on `ready_path`
    (or to any HTTP answer at all with `any_status`, for Prism, which has no health path)."""
    timeout = 120
    log = open(LOGS / f"{name}.log", "wb")  # open as long as the process runs
    began = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
    server = Server(name, port, process)
    deadline = began + timeout
    while time.perf_counter() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{name} exited with {process.returncode}; see {log.name}")
        if _answers(server.origin + ready_path, any_status):
            server.startup_s = time.perf_counter() - began
            return server
        time.sleep(0.005)
    server.stop()
    raise RuntimeError(f"{name} did not answer on {ready_path} within {timeout} s; see {log.name}")


def _answers(url: str, any_status: bool) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=1) as response:
            return response.status == 200
    except urllib.error.HTTPError:
        return any_status
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return False


def mock_command(fixture: Path, port: int) -> list[str]:
    port_args = ["--port", str(port), "--log-level", "warning"]
    return [sys.executable, "-m", "mock_server", "--fixtures", str(fixture), *port_args]


def floor_command(bodies: Path, port: int) -> list[str]:
    return [sys.executable, "-m", "bench.floor", "--port", str(port), "--bodies", str(bodies), "--log-level", "warning"]
