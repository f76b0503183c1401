"""passport-tiktok-auth (npm), unchanged, against a live mock.

It asks user/info for v1's `avatar_url_200` (tiktok-api.md Part 2), which TikTok's v2
does not define: with `unknown_fields: ignore` (server-wide or for its app) the login
completes; by default the mock refuses the field and passport fails.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from mock_server.app import create_app
from mock_server.fixtures import bundled_fixture_path, load_fixture_text
from mock_server.kernel.clock import Clock
from tests.conftest import LiveServer

HERE = Path(__file__).resolve().parent
# Installed into an ignored folder of the worktree (.gitignore: tests/clients/.cache/), kept between runs.
INSTALL = HERE / ".cache" / "passport"
AUTO_APP = {"CLIENT_KEY": "sbawautoapprove", "CLIENT_SECRET": "auto-secret"}
REDIRECT_URI = "http://localhost:3000/callback"


@pytest.fixture(scope="module")
def passport() -> Path:
    if not (shutil.which("node") and shutil.which("npm")):
        if os.environ.get("CI"):
            pytest.fail("node and npm are needed for the client tests")
        pytest.skip("node and npm are needed for the client tests")
    INSTALL.mkdir(parents=True, exist_ok=True)
    for name in ("package.json", "passport_flow.cjs"):
        shutil.copy(HERE / "passport" / name, INSTALL)
    subprocess.run(
        ["npm", "install", "--no-audit", "--no-fund", "--silent", "--no-package-lock"],
        cwd=INSTALL,
        check=True,
        timeout=300,
        capture_output=True,
    )
    return INSTALL


def serve(settings: str = "") -> LiveServer:
    text = bundled_fixture_path().read_text(encoding="utf-8") + settings
    return LiveServer(create_app(load_fixture_text(text, "bundled.yaml"), clock=Clock())).start()


@pytest.fixture
def live(request) -> LiveServer:
    server = serve()
    request.addfinalizer(server.stop)
    return server


def run_passport(folder: Path, origin: str, app: dict[str, str] = AUTO_APP) -> dict:
    env = {**os.environ, **app, "MOCK_ORIGIN": origin, "REDIRECT_URI": REDIRECT_URI}
    result = subprocess.run(
        ["node", "passport_flow.cjs"], cwd=folder, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_with_unknown_fields_ignored_server_wide_passport_logs_in_and_reads_the_profile(passport, request):
    server = serve("\nsettings:\n  unknown_fields: ignore\n")
    request.addfinalizer(server.stop)

    seen = run_passport(passport, server.origin)

    assert seen["error"] is None
    authorize = urlsplit(seen["authorizeUrl"])
    query = parse_qs(authorize.query)
    assert authorize.path == "/v2/auth/authorize/"
    assert query["client_key"] == ["sbawautoapprove"] and query["disable_auto_auth"] == ["0"]
    assert query["scope"] == ["user.info.basic,user.info.profile,user.info.stats"]
    assert seen["accessToken"].startswith("act.") and seen["refreshToken"].startswith("rft.")
    profile = seen["profile"]
    assert (profile["provider"], profile["displayName"], profile["username"]) == ("tiktok", "Tik Toker", "tiktoker")
    assert profile["followerCount"] == 1200 and profile["likes_count"] == 48000
    assert profile["profileImage"].startswith(f"{server.origin}/tos-maliva-avt-0068/")
    assert "avatar_url_200" not in seen["user"]  # left out of the reply, the other ten answered
    assert len(seen["user"]) == 10


def test_with_unknown_fields_ignored_for_its_app_only_passport_logs_in(passport, live):
    app = {
        "client_key": "passportapp",
        "client_secret": "passport-secret",
        "redirect_uris": [REDIRECT_URI],
        "scopes": ["user.info.basic", "user.info.profile", "user.info.stats"],
        "platform": "web",  # a localhost redirect, but no PKCE: passport sends none by default
        "auto_approve": "dancequeen",
        "unknown_fields": "ignore",
    }
    assert httpx.post(f"{live.origin}/_mock/apps", json=app).status_code == 201

    seen = run_passport(passport, live.origin, {"CLIENT_KEY": "passportapp", "CLIENT_SECRET": "passport-secret"})

    assert seen["error"] is None
    assert seen["profile"]["displayName"] == "Dance Queen"


def test_by_default_the_mock_refuses_avatar_url_200_and_passport_fails(passport, live):
    seen = run_passport(passport, live.origin)

    assert seen["profile"] is None and seen["error"]  # passport reads data.user from an error body
    calls = httpx.get(f"{live.origin}/_mock/requests", params={"path": "/v2/user/info/"}).json()["requests"]
    assert [call["status"] for call in calls] == [400]
    assert calls[0]["reply"]["error"]["code"] == "invalid_params"
    assert "avatar_url_200" in calls[0]["reply"]["error"]["message"]
