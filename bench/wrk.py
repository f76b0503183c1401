"""Drive a server with wrk and read the summary line bench/lua/common.lua prints."""

from __future__ import annotations

import json
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

LUA = Path(__file__).resolve().parent / "lua"
INSTALL_HINT = "wrk is not installed: run `sudo apt-get install wrk` (Debian/Ubuntu) and try again."


@dataclass(frozen=True)
class Load:
    threads: int = 2
    connections: int = 50
    duration: int = 10


@dataclass
class Result:
    requests: int
    seconds: float
    p50_ms: float
    p99_ms: float
    errors: int  # socket errors and timeouts
    bad_status: int  # answers outside 2xx/3xx
    invalid: int  # answers the script judged wrong (refresh chain broken)

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    @property
    def clean(self) -> bool:
        return not (self.errors or self.bad_status or self.invalid)


def available() -> bool:
    return shutil.which("wrk") is not None


def run(url: str, script: str, args: list[str], load: Load, duration: int | None = None) -> Result:
    command = [
        "wrk",
        f"-t{load.threads}",
        f"-c{load.connections}",
        f"-d{duration or load.duration}s",
        "--timeout",
        "5s",
        "-s",
        script,
        url,
        "--",
        *args,
    ]
    # From lua/ so the scripts' dofile("common.lua") finds it.
    done = subprocess.run(command, cwd=LUA, capture_output=True, text=True, check=False)
    for line in done.stdout.splitlines():
        if line.startswith("BENCH "):
            data = json.loads(line[len("BENCH ") :])
            return Result(
                requests=data["requests"],
                seconds=data["duration_us"] / 1e6,
                p50_ms=data["p50_us"] / 1000,
                p99_ms=data["p99_us"] / 1000,
                errors=data["connect"] + data["read"] + data["write"] + data["timeout"],
                bad_status=data["status"],
                invalid=data["invalid"],
            )
    raise RuntimeError(f"wrk gave no summary for {url}:\n{done.stdout}\n{done.stderr}")
