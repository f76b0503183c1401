"""The contract runs: schemathesis's own CLI, with the shipped configuration and hooks,
against a mock at a given URL or one started here (bundled fixtures, frozen clock).

- `tiktok`: the TikTok specs asked for, in one document (the shipped bundle when all
  three are asked for, else merged: schemathesis follows links within one file only);
- `tiktok-rfc6749`: the token and revoke endpoints once more, on a mock started with
  `oauth_error_status: rfc6749`, where their errors carry 4xx statuses (started here only);
- `control`: the control API's spec, on a mock of its own (its calls reset the mock and
  move its clock); against `--url` it runs last and the mock is reset after it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from mock_server import specs
from mock_server.contract.session import control_headers
from mock_server.fixtures import Fixture, bundled_fixture_path, load_fixture_text
from mock_server.kernel.clock import Clock

HERE = Path(__file__).resolve().parent
CONFIG = HERE / "schemathesis.toml"
RFC6749_CONFIG = HERE / "schemathesis-rfc6749.toml"
HOOKS = "mock_server.contract.hooks"
FROZEN_AT = "2026-03-01T12:00:00Z"  # the mock the command starts: its clock, so a seed repeats a run
RFC6749_ARGS: tuple[str, ...] = ("--include-operation-id", "exchangeToken", "--include-operation-id", "revokeToken")
RFC6749_ARGS += ("--phases", "examples,coverage,fuzzing")


# A mock started here lifts Content Posting's caps and rate limits, so its inits keep starting
# tasks for the links (init -> status, init -> cancel) to follow.
POSTING_UNCAPPED = """  posting:
    daily_post_cap: 1000000
    pending_share_cap: 1000000
    creator_info_limit: {requests: 1000000, window: 60}
    init_limit: {requests: 1000000, window: 60}
    status_limit: {requests: 1000000, window: 60}
    cancel_limit: {requests: 1000000, window: 60}
"""


@dataclass
class Run:
    name: str
    spec: Path
    config: Path
    settings: str = ""  # more `settings:` lines for a mock started here
    args: tuple[str, ...] = ()


@dataclass
class Outcome:
    run: Run
    origin: str
    exit_code: int
    report: dict[str, Any] = field(default_factory=dict)

    @property
    def passed(self) -> bool:
        return self.exit_code == 0


def plan(names: list[str], own_server: bool, workdir: Path) -> list[Run]:
    """The runs for the specs asked for (short names, in SHORT_NAMES order)."""
    tiktok = [specs.openapi_dir() / specs.SHORT_NAMES[name] for name in names if name != "control"]
    runs = []
    if tiktok:
        spec = specs.bundle_path()
        if len(tiktok) != len(specs.tiktok_spec_paths()):
            spec = workdir / "tiktok-openapi.yml"
            spec.write_text(specs.dump(specs.merged(tiktok, specs.MOCK_ORIGIN)), encoding="utf-8")
        runs.append(Run("tiktok", spec, CONFIG, POSTING_UNCAPPED))
    if own_server and "login-kit" in names:
        rfc6749 = "  oauth_error_status: rfc6749\n"
        runs.append(Run("tiktok-rfc6749", runs[0].spec, RFC6749_CONFIG, rfc6749, RFC6749_ARGS))
    if "control" in names:
        runs.append(Run("control", specs.openapi_dir() / specs.CONTROL_SPEC, CONFIG))
    return runs


def command(run: Run, origin: str, report: Path | None, extra: list[str]) -> list[str]:
    """The schemathesis command line of a run: what the README's plain command spells out."""
    line = [sys.executable, "-m", "schemathesis.cli", "--config-file", str(run.config), "run", str(run.spec)]
    line += ["--url", origin, "--checks", "all", *run.args]
    if report is not None:
        line += ["--report", "json", "--report-json-path", str(report)]
    return line + extra


def environment(origin: str) -> dict[str, str]:
    package_root = str(HERE.parents[1])  # so the hooks import from a checkout too
    path = os.pathsep.join(filter(None, [package_root, os.environ.get("PYTHONPATH")]))
    return {**os.environ, "SCHEMATHESIS_HOOKS": HOOKS, "TIKTOK_MOCK_ORIGIN": origin, "PYTHONPATH": path}


def execute(run: Run, origin: str, workdir: Path, extra: list[str], quiet: bool = False) -> Outcome:
    report = workdir / f"{run.name}.json"
    report.unlink(missing_ok=True)
    output = subprocess.DEVNULL if quiet else None
    # cwd: schemathesis keeps a cache directory in the working directory.
    done = subprocess.run(command(run, origin, report, extra), cwd=workdir, env=environment(origin), stdout=output)
    data = json.loads(report.read_text(encoding="utf-8")) if report.exists() else {}
    return Outcome(run, origin, done.returncode, data)


def contract_app_fixture(settings: str = "") -> Fixture:
    """The bundled fixtures, with more `settings:` lines when a run needs them."""
    text = bundled_fixture_path().read_text(encoding="utf-8")
    if settings:
        if "\nsettings:" in text:
            raise RuntimeError("the bundled fixture has settings: merge the contract run's into them")
        text += "\nsettings:\n" + settings
    return load_fixture_text(text, "bundled fixtures (contract run)")


@contextmanager
def own_mock(settings: str = "") -> Iterator[str]:
    """A fresh mock on a free loopback port, its clock frozen; its origin."""
    from mock_server.app import create_app
    from mock_server.live import LiveMock

    app = create_app(contract_app_fixture(settings), clock=Clock.frozen_at(FROZEN_AT))
    server = LiveMock(app, log_level="error").start()  # schemathesis sends malformed requests on purpose
    try:
        yield server.origin
    finally:
        server.stop()


def reset(origin: str) -> None:
    httpx.post(f"{origin}/_mock/reset", headers=control_headers(), timeout=30)


def run_all(
    runs: list[Run], url: str | None, workdir: Path, extra: list[str], say: Callable[[str], None]
) -> list[Outcome]:
    outcomes = []
    for run in runs:
        if url is None:
            with own_mock(run.settings) as origin:
                say(f"== tiktok-mock contract: {run.name} ({run.spec.name}) against a mock of its own at {origin}")
                outcomes.append(execute(run, origin, workdir, extra))
            continue
        say(f"== tiktok-mock contract: {run.name} ({run.spec.name}) against {url}")
        outcomes.append(execute(run, url, workdir, extra))
        if run.name == "control":
            reset(url)  # its calls moved the clock and switched scenarios on
    return outcomes
