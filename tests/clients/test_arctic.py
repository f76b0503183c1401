"""arctic (npm), TikTok provider, unchanged but for the origin, against a live mock."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from mock_server.app import create_app
from mock_server.fixtures import bundled_fixture_path, load_fixture_file
from mock_server.kernel.clock import Clock
from tests.conftest import LiveServer

HERE = Path(__file__).resolve().parent


@pytest.fixture(scope="module")
def node_modules(tmp_path_factory) -> Path:
    """arctic installed from the npm registry into a scratch folder (nothing lands in the tree)."""
    if not (shutil.which("node") and shutil.which("npm")):
        if os.environ.get("CI"):
            pytest.fail("node and npm are needed for the client tests")
        pytest.skip("node and npm are needed for the client tests")
    folder = tmp_path_factory.mktemp("clients")
    shutil.copy(HERE / "package.json", folder)
    shutil.copy(HERE / "arctic_flow.mjs", folder)
    subprocess.run(
        ["npm", "install", "--no-audit", "--no-fund", "--silent"],
        cwd=folder,
        check=True,
        timeout=300,
        capture_output=True,
    )
    return folder


def run_arctic(folder: Path, origin: str) -> dict:
    env = {
        **os.environ,
        "MOCK_ORIGIN": origin,
        "CLIENT_KEY": "sbawautoapprove",
        "CLIENT_SECRET": "auto-secret",
        "REDIRECT_URI": "http://localhost:3000/callback",
    }
    result = subprocess.run(
        ["node", "arctic_flow.mjs"], cwd=folder, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.fixture
def live(request) -> LiveServer:
    fixture = load_fixture_file(bundled_fixture_path())
    # A real clock: arctic computes expiry from Date.now().
    server = LiveServer(create_app(fixture, clock=Clock())).start()
    request.addfinalizer(server.stop)
    return server


def test_arctic_logs_in_refreshes_and_revokes_against_the_mock(node_modules, live):
    seen = run_arctic(node_modules, live.origin)

    assert seen["authorizePath"] == "/v2/auth/authorize"  # arctic's URL has no trailing slash
    assert seen["stateEchoed"] is True
    assert seen["grantedScopes"] == "user.info.basic,video.list"
    assert seen["accessToken"].startswith("act.")
    assert 86_000_000 < seen["expiresInMs"] <= 86_400_000
    assert seen["refreshToken"].startswith("rft.")
    assert seen["refreshExpiresIn"] == 31536000
    assert seen["tokenType"] == "Bearer"
    assert seen["refreshedAccessToken"] != seen["accessToken"]
    assert seen["revokeError"] is None


def test_arctic_sees_tiktoks_200_error_body_as_a_parse_error_not_an_oauth_error(node_modules, live):
    # TikTok answers token errors with HTTP 200; arctic only parses 400/401 as OAuth errors.
    seen = run_arctic(node_modules, live.origin)

    assert seen["afterRevoke"]["type"] != "OAuth2RequestError"
    assert "access_token" in seen["afterRevoke"]["message"]


def test_arctic_gets_an_oauth2_request_error_in_rfc6749_mode(node_modules, live):
    live.app.state.mock.login_kit.apps["sbawautoapprove"].oauth_error_status = "rfc6749"

    seen = run_arctic(node_modules, live.origin)

    assert seen["afterRevoke"] == {
        "type": "OAuth2RequestError",
        "code": "invalid_grant",
        "message": seen["afterRevoke"]["message"],
    }
