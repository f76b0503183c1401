"""Running schemathesis (its CLI, exactly as a user would) against a live mock."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from starlette.applications import Starlette
from starlette.types import ASGIApp

from mock_server.app import create_app
from mock_server.fixtures import bundled_fixture_path, load_fixture_text
from mock_server.kernel.clock import Clock
from tests.contract.specs import write_merged

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]

# The bundled fixtures, with rate limits schemathesis cannot reach: it calls
# each endpoint far more than 600 times a minute with the same token. Content
# Posting's caps are lifted too, so its inits keep starting tasks for the links
# (init -> status, init -> cancel) to follow.
CONTRACT_SETTINGS = """
settings:
  rate_limit: {requests: 1000000, window: 60}
  posting:
    daily_post_cap: 1000000
    pending_share_cap: 1000000
    creator_info_limit: {requests: 1000000, window: 60}
    init_limit: {requests: 1000000, window: 60}
    status_limit: {requests: 1000000, window: 60}
    cancel_limit: {requests: 1000000, window: 60}
"""


def contract_app(clock: Clock, settings: str = "") -> Starlette:
    text = bundled_fixture_path().read_text(encoding="utf-8")
    assert "\nsettings:" not in text, "the bundled fixture grew settings: merge CONTRACT_SETTINGS into them"
    extra = CONTRACT_SETTINGS + settings  # `settings`: more lines under `settings:`, indented two spaces
    return create_app(load_fixture_text(text + extra, "bundled+contract.yaml"), clock=clock)


@dataclass
class ContractRun:
    exit_code: int
    output: str
    report: dict

    @property
    def failures(self) -> list[dict]:
        return self.report.get("failures", [])

    def summary(self) -> str:
        """What a failing assertion shows: the tail of schemathesis's own output."""
        return f"schemathesis exit code {self.exit_code}\n" + self.output[-6000:]


def run_schemathesis(
    specs: list[Path], origin: str, workdir: Path, config: str = "schemathesis.toml", *args: str
) -> ContractRun:
    spec = write_merged(specs, origin, workdir / "contract-openapi.yml")
    report = workdir / "report.json"
    command = [
        sys.executable,
        "-m",
        "schemathesis.cli",
        "--config-file",
        str(HERE / config),
        "run",
        str(spec),
        "--url",
        origin,
        "--checks",
        "all",
        "--report",
        "json",
        "--report-json-path",
        str(report),
        *args,
    ]
    env = {
        **os.environ,
        "SCHEMATHESIS_HOOKS": "tests.contract.hooks",
        "TIKTOK_MOCK_ORIGIN": origin,
        "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
        "NO_COLOR": "1",
    }
    # cwd: schemathesis keeps a cache directory in the working directory.
    done = subprocess.run(command, cwd=workdir, env=env, capture_output=True, text=True, timeout=600)
    data = json.loads(report.read_text()) if report.exists() else {}
    return ContractRun(done.returncode, done.stdout + done.stderr, data)


class RenameField:
    """A deliberately wrong server: renames one key in every JSON reply (pure ASGI)."""

    def __init__(self, app: ASGIApp, old: str, new: str) -> None:
        self.app = app
        self.old = f'"{old}":'.encode()
        self.new = f'"{new}":'.encode()

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        start: dict = {}

        async def rename(message) -> None:
            if message["type"] == "http.response.start":
                start.update(message)  # held back: the body length changes
                return
            if message["type"] == "http.response.body":
                body = message.get("body", b"").replace(self.old, self.new)
                headers = [(k, v) for k, v in start.get("headers", []) if k.lower() != b"content-length"]
                headers.append((b"content-length", str(len(body)).encode()))
                await send({**start, "headers": headers})
                await send({**message, "body": body})
                return
            await send(message)

        await self.app(scope, receive, rename)
