"""The contract run, through the entry point users and CI run: `tiktok-mock contract`.

Every operation of every spec (Login Kit, Display, TikTok Shop, the control API), every
check, positive and negative data, all four phases, the shipped seed; zero failures.
The default test run uses a smaller example budget (CI_MAX_EXAMPLES); the full budget is
`tiktok-mock contract` itself, or `pytest -m contract_full`.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from mock_server.app import create_app
from mock_server.contract import command
from mock_server.kernel.clock import Clock
from tests.conftest import LiveServer
from tests.contract.broken import RenameField

CI_MAX_EXAMPLES = "20"  # the full budget, 100 per operation (60 per Shop one), takes ~2.5 minutes on two cores
ALL_PHASES = {"examples": "success", "coverage": "success", "fuzzing": "success", "stateful": "success"}


def contract(*args: str, workdir: Path) -> tuple[int, str, dict[str, dict]]:
    """`tiktok-mock contract ARGS` as a user runs it: its exit code, output and each run's JSON report."""
    done = subprocess.run(
        [sys.executable, "-m", "mock_server", "contract", "--report-dir", str(workdir), *args],
        capture_output=True,
        text=True,
        timeout=900,
        cwd=workdir,
    )
    reports = {path.stem: json.loads(path.read_text()) for path in workdir.glob("*.json")}
    return done.returncode, done.stdout[-8000:] + done.stderr[-4000:], reports


def assert_clean(report: dict, output: str, phases: dict[str, str] = ALL_PHASES) -> None:
    assert report["failures"] == [] and report["errors"] == [], output
    assert report["operations"]["tested"] == report["operations"]["selected"], output
    assert {name: phase["status"] for name, phase in report["phases"].items()} == phases, output


def check_every_spec(tmp_path: Path, *budget: str) -> None:
    exit_code, output, reports = contract(*budget, workdir=tmp_path)

    assert exit_code == 0, output
    assert set(reports) == {"tiktok", "tiktok-rfc6749", "control"}, output
    assert_clean(reports["tiktok"], output)
    assert_clean(reports["control"], output)
    rfc6749 = {"examples": "success", "coverage": "success", "fuzzing": "success", "stateful": "skip"}
    assert_clean(reports["tiktok-rfc6749"], output, rfc6749)
    assert reports["tiktok-rfc6749"]["operations"]["tested"] == 2, output
    # 44 TikTok operations (Login Kit, Display, Shop) and Content Posting's; the control API's, but GET /.
    assert reports["tiktok"]["operations"]["tested"] >= 50, output
    assert reports["control"]["operations"]["tested"] >= 25, output
    assert "tiktok-mock contract: all 3 runs passed" in output


def test_every_spec_passes_every_check_at_the_ci_budget(tmp_path: Path) -> None:
    check_every_spec(tmp_path, "--max-examples", CI_MAX_EXAMPLES)


@pytest.mark.contract_full
def test_every_spec_passes_every_check_at_the_full_budget(tmp_path: Path) -> None:
    check_every_spec(tmp_path)


def test_against_a_running_mock_with_a_control_token_and_a_real_clock(tmp_path: Path) -> None:
    server = LiveServer(create_app(clock=Clock(), control_token="s3cret")).start()
    try:
        exit_code, output, reports = contract(
            "display", "control", "--url", server.origin, "--control-token", "s3cret", "--max-examples", "5",
            "--seed", "7", workdir=tmp_path,
        )  # fmt: skip
        apps = httpx.get(f"{server.origin}/_mock/state", headers={"Authorization": "Bearer s3cret"}).json()["apps"]
    finally:
        server.stop()

    assert exit_code == 0, output
    assert set(reports) == {"tiktok", "control"}, output
    assert_clean(reports["tiktok"], output)
    assert_clean(reports["control"], output)
    assert "tiktokmockcontract" not in apps  # the control run is last, and the mock is reset after it
    assert reports["tiktok"]["seed"] == reports["control"]["seed"] == 7  # passed through


def test_a_server_with_one_reply_field_renamed_fails_the_contract(clock: Clock, tmp_path: Path) -> None:
    server = LiveServer(RenameField(create_app(clock=clock), "open_id", "openid")).start()
    try:
        exit_code, output, reports = contract(
            "login-kit", "display", "--url", server.origin, "--",
            "--include-operation-id", "getUserInfo", "--include-operation-id", "exchangeToken",
            "--phases", "examples,fuzzing", "-n", "10",
            workdir=tmp_path,
        )  # fmt: skip
    finally:
        server.stop()

    assert exit_code == 1, output
    violated = {
        operation
        for failure in reports["tiktok"]["failures"]
        if failure["type"] == "JsonSchemaError"
        for operation in failure["operations"]
    }
    # Both replies that carry open_id are caught: the profile and the token reply.
    assert {"GET /v2/user/info/", "POST /v2/oauth/token/"} <= violated, output
    assert "openid" in output and "tiktok-mock contract: FAILED: tiktok" in output


# -- what the command refuses, before anything runs --------------------------------------


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["nope"], "unknown spec 'nope' (known: login-kit, display, shop, posting, control)"),
        (["--max-examples", "0"], "argument --max-examples: must be a whole number from 1, got '0'"),
        (["--workers", "two"], "argument --workers: must be a whole number from 1, got 'two'"),
        (["--seed", "x"], "argument --seed: must be a whole number, got 'x'"),
    ],
)
def test_a_bad_argument_exits_2_naming_it(capsys, args, message):
    with pytest.raises(SystemExit) as exited:
        command.main(args)

    assert exited.value.code == 2
    assert message in capsys.readouterr().err


def test_the_budget_seed_workers_and_everything_after_dashes_go_to_schemathesis(monkeypatch, live_server):
    given = {}

    def run_all(plan, url, workdir, extra, say):
        given.update(plan=[run.name for run in plan], url=url, extra=extra)
        return []

    monkeypatch.setattr(command.runs, "run_all", run_all)
    argv = ["shop", "--url", live_server.origin, "--max-examples", "3", "--seed", "7", "--workers", "2"]

    assert command.main([*argv, "--", "--include-tag", "partner"]) == 0
    assert given == {
        "plan": ["tiktok"],
        "url": live_server.origin,
        "extra": ["--max-examples", "3", "--seed", "7", "--workers", "2", "--include-tag", "partner"],
    }


def test_a_url_where_no_mock_answers_exits_2_saying_so(capsys):
    assert command.main(["--url", "http://127.0.0.1:9"]) == 2

    assert "no tiktok-mock answers at http://127.0.0.1:9" in capsys.readouterr().err


def test_without_schemathesis_it_names_the_extra_to_install(monkeypatch, capsys):
    monkeypatch.setattr(command.importlib.util, "find_spec", lambda name: None)

    assert command.main([]) == 2
    assert "pip install 'tiktok-mock[contract]'" in capsys.readouterr().err
