"""The `tiktok-mock` command, run as a newcomer runs it."""

from __future__ import annotations

import socket
import subprocess
import sys
import time

import httpx
import pytest

from tests.conftest import free_port


def run_cli(*args: str, timeout: float = 30) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "mock_server", *args], capture_output=True, text=True, timeout=timeout)


def test_a_wrong_fixture_stops_start_up_with_one_line_and_exit_code_2(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("apps:\n  - client_key: a\n    redirect_uris: [https://a.example/cb]\n    scopes: [nope]\n")

    result = run_cli("--fixtures", str(bad))

    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"{bad}:4: apps[0].scopes: unknown scope 'nope' (known: ")
    assert "Traceback" not in result.stderr


def test_bad_yaml_stops_start_up_without_a_traceback(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("apps: [\n")

    result = run_cli("--fixtures", str(bad))

    assert result.returncode == 2
    assert result.stderr.startswith(f"{bad}:") and "Traceback" not in result.stderr


def start_cli(*args: str) -> tuple[subprocess.Popen[str], str]:
    """`tiktok-mock` on a free loopback port, once /_mock/health answers; stdout and stderr piped."""
    port = free_port()
    command = [sys.executable, "-m", "mock_server", "--port", str(port), *args]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    origin = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and process.poll() is None:
        try:
            if httpx.get(f"{origin}/_mock/health", timeout=0.5).status_code == 200:
                break
        except httpx.HTTPError:
            time.sleep(0.05)
    return process, origin


@pytest.fixture
def running_cli():
    process, origin = start_cli("--log-level", "warning")
    yield process, origin
    process.terminate()
    process.wait(timeout=10)


def test_cli_serves_the_bundled_fixtures_and_prints_what_a_newcomer_needs(running_cli):
    process, origin = running_cli

    response = httpx.post(
        f"{origin}/v2/oauth/token/",
        data={"client_key": "sbawdemo000001", "client_secret": "demo-secret", "grant_type": "client_credentials"},
    )
    process.terminate()
    banner = process.communicate(timeout=10)[0]

    assert response.json()["access_token"].startswith("clt.")
    assert f"origin: {origin}" in banner
    assert "sbawdemo000001 (secret demo-secret, web) -> https://app.example.com/auth/tiktok/callback" in banner
    assert "http://127.0.0.1:*/callback/" in banner
    assert "act.demo-tiktoker  tiktoker@sbawdemo000001  [user.info.basic,video.list]" in banner
    assert "curl -H 'Authorization: Bearer act.demo-tiktoker'" in banner
    assert "6demo00shop (secret demo-shop-secret)" in banner
    assert "ROW_demo_access  Demo Seller@6demo00shop" in banner
    assert "Demo Shop GB GCP_demoShopGB00000000000000000001" in banner


def test_the_access_log_shows_every_request_with_its_secrets_masked():
    process, origin = start_cli()
    try:
        query = "app_key=6demo00shop&app_secret=demo-shop-secret&auth_code=ROW_verysecretcode&grant_type=x"
        httpx.get(f"{origin}/api/v2/token/get?{query}")
        httpx.get(f"{origin}/_mock/state?control_token=hunter2-control")
    finally:
        process.terminate()
        log = process.communicate(timeout=10)[1]

    lines = [line for line in log.splitlines() if "/api/v2/token/get" in line]
    assert len(lines) == 1 and '"GET /api/v2/token/get?app_key=6demo00shop&app_secret=•••' in lines[0]
    assert " 200 " in lines[0] and lines[0].endswith("ms")
    # The log is stderr; the banner (stdout) shows the demo credentials on purpose.
    assert "demo-shop-secret" not in log and "ROW_verysecretcode" not in log and "hunter2-control" not in log


def test_a_half_sent_request_head_gets_408_after_the_read_timeout(tmp_path):
    fixture = tmp_path / "slow.yaml"
    fixture.write_text(
        "settings:\n  limits: {read_timeout: 0.5}\n"
        "apps: [{client_key: k1, client_secret: s1, redirect_uris: ['https://a.example/cb']}]\nusers: [{username: a}]\n"
    )
    process, origin = start_cli("--fixtures", str(fixture), "--log-level", "warning")
    port = int(origin.rsplit(":", 1)[1])
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
            sock.sendall(b"GET /v2/user/info/ HTTP/1.1\r\nHost: 127.0.0.1\r\n")  # and never the blank line
            began = time.monotonic()
            answer = sock.recv(1024)
        assert answer.startswith(b"HTTP/1.1 408") and time.monotonic() - began < 5
        assert httpx.get(f"{origin}/_mock/health").status_code == 200
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_the_limits_can_be_set_on_the_command_line_and_are_checked():
    result = run_cli("--max-body", "0")

    assert result.returncode == 2 and result.stderr.strip() == "--max-body: from 1 to 1073741824 bytes, got 0"
    assert run_cli("--read-timeout", "nan").returncode == 2
