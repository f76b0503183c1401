"""The `tiktok-mock` command, run as a newcomer runs it."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
import yaml

from mock_server import cli, specs
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


def test_the_banner_points_at_the_dashboard_and_the_docs(running_cli):
    process, origin = running_cli
    process.terminate()
    banner = process.communicate(timeout=10)[0]

    assert f"dashboard: {origin}/_mock/\n" in banner
    assert f"docs: {origin}/_mock/docs" in banner and f"specs: {origin}/_mock/specs" in banner


def test_a_port_in_use_stops_before_the_banner_naming_the_fix():
    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen()
    port = taken.getsockname()[1]
    try:
        result = run_cli("--port", str(port))
    finally:
        taken.close()

    assert result.returncode == 2
    assert result.stdout == ""  # no banner, no "startup complete"
    message = result.stderr.strip()
    assert message.startswith(f"tiktok-mock: cannot listen on 127.0.0.1:{port}: the port is already in use")
    assert "--port" in message and len(message.splitlines()) == 1 and "Traceback" not in message


@pytest.mark.parametrize("port", ["99999", "0", "-1", "http", "65536"])
def test_a_port_outside_1_to_65535_is_refused_at_once(port):
    result = run_cli("--port", port)

    assert result.returncode == 2
    assert f"argument --port: must be a whole number from 1 to 65535, got '{port}'" in result.stderr
    assert result.stdout == "" and "Traceback" not in result.stderr


def test_a_host_that_is_not_this_machines_is_refused_with_what_to_use_instead():
    result = run_cli("--host", "192.0.2.1", "--port", str(free_port()))

    assert result.returncode == 2 and result.stdout == ""
    assert "'192.0.2.1' is not an address of this machine; use --host 127.0.0.1" in result.stderr


def test_the_specs_command_prints_every_published_file(capsys):
    assert cli.main(["specs"]) == 0

    paths = [Path(line) for line in capsys.readouterr().out.splitlines()]
    assert paths == list(specs.published().values())
    assert all(path.is_file() for path in paths)
    assert {"bundled-tiktok-openapi.yml", "tiktok-display-openapi.yml"} <= {path.name for path in paths}
    assert any(path.parent.name == "arazzo" for path in paths)
    assert "schemathesis.toml" in {path.name for path in paths}


def test_the_specs_command_copies_them_so_the_workflows_links_still_resolve(tmp_path, capsys):
    assert cli.main(["specs", str(tmp_path / "out")]) == 0

    copied = capsys.readouterr().out.splitlines()
    assert len(copied) == len(specs.published())
    workflow = next((tmp_path / "out" / "arazzo").glob("*login*.yml"))
    for source in yaml.safe_load(workflow.read_text())["sourceDescriptions"]:
        assert (workflow.parent / source["url"]).resolve().is_file()


def test_the_specs_command_says_why_it_cannot_copy(tmp_path, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("")

    assert cli.main(["specs", str(blocker)]) == 2
    assert capsys.readouterr().err.startswith(f"tiktok-mock specs: cannot copy into {blocker}:")
