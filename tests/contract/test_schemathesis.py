"""Schemathesis against a live mock: every operation of the shipped specs, every
check, positive and negative data, stateful links, a fixed seed. Zero failures.

Runs schemathesis's own CLI (config in tests/contract/schemathesis*.toml, hooks
in tests/contract/hooks.py) exactly as a user would run it, so a failure here
reproduces with the command it prints.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from mock_server.kernel.clock import Clock
from tests.conftest import LiveServer
from tests.contract.contract import ContractRun, RenameField, contract_app, run_schemathesis
from tests.contract.specs import OPENAPI_DIR

LOGIN_KIT = OPENAPI_DIR / "tiktok-login-kit-openapi.yml"
DISPLAY = OPENAPI_DIR / "tiktok-display-openapi.yml"
SHOP = OPENAPI_DIR / "tiktok-shop-openapi.yml"
POSTING = OPENAPI_DIR / "tiktok-content-posting-openapi.yml"


@pytest.fixture
def contract_server(clock: Clock) -> Iterator[LiveServer]:
    server = LiveServer(contract_app(clock)).start()
    yield server
    server.stop()


def assert_clean(run: ContractRun) -> None:
    assert run.report, run.summary()
    assert run.exit_code == 0 and run.failures == [] and run.report["errors"] == [], run.summary()
    operations = run.report["operations"]
    assert operations["tested"] == operations["total"], run.summary()
    assert {name: phase["status"] for name, phase in run.report["phases"].items()} == {
        "examples": "success",
        "coverage": "success",
        "fuzzing": "success",
        "stateful": "success",
    }, run.summary()


def test_every_operation_of_every_spec_passes_every_check(contract_server: LiveServer, tmp_path: Path) -> None:
    # Login Kit, Display, TikTok Shop (its Partner API calls signed by the hooks) and Content Posting.
    run = run_schemathesis([LOGIN_KIT, DISPLAY, SHOP, POSTING], contract_server.origin, tmp_path)
    assert_clean(run)


def test_token_errors_with_rfc6749_statuses_pass_every_check(clock: Clock, tmp_path: Path) -> None:
    server = LiveServer(contract_app(clock, "  oauth_error_status: rfc6749\n")).start()
    try:
        run = run_schemathesis(
            [LOGIN_KIT],
            server.origin,
            tmp_path,
            "schemathesis-rfc6749.toml",
            "--include-operation-id",
            "exchangeToken",
            "--include-operation-id",
            "revokeToken",
            "--phases",
            "examples,coverage,fuzzing",
        )
    finally:
        server.stop()
    assert run.exit_code == 0 and run.failures == [], run.summary()
    assert run.report["operations"]["tested"] == 2, run.summary()


def test_a_server_with_one_reply_field_renamed_fails_the_contract(clock: Clock, tmp_path: Path) -> None:
    broken = RenameField(contract_app(clock), "open_id", "openid")
    server = LiveServer(broken).start()
    try:
        run = run_schemathesis(
            [LOGIN_KIT, DISPLAY],
            server.origin,
            tmp_path,
            "schemathesis.toml",
            *("--include-operation-id", "getUserInfo", "--include-operation-id", "exchangeToken"),
            *("--phases", "examples,fuzzing", "-n", "10"),
        )
    finally:
        server.stop()
    assert run.exit_code != 0, run.summary()
    violated = {
        operation
        for failure in run.failures
        if failure["type"] == "JsonSchemaError"
        for operation in failure["operations"]
    }
    # Both replies that carry open_id are caught: the profile and the token reply.
    assert {"GET /v2/user/info/", "POST /v2/oauth/token/"} <= violated, run.summary()
    assert "openid" in run.output, run.summary()
