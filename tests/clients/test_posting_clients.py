"""Two real Content Posting clients from PyPI, unchanged but for their TikTok origin, against a
live mock: reeln-plugin-tiktok (reeln-cli's TikTok uploader) and tiktok-studio-mcp (an MCP
server that posts videos). Each is installed from the registry into a scratch folder and run
in a subprocess, so nothing lands in the tree or the project's environment."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from mock_server.app import create_app
from mock_server.client import sample_mp4
from mock_server.fixtures import bundled_fixture_path, load_fixture_text
from mock_server.kernel.clock import Clock
from tests.conftest import LiveServer

HERE = Path(__file__).resolve().parent
CLIENTS = {
    "reeln": ["reeln-plugin-tiktok==0.4.0", "reeln==0.0.39"],
    "studio": ["tiktok-studio-mcp==0.1.4", "mcp==1.30.0"],
}
# A real clock (the clients poll with time.sleep) and TikTok's waits cut short.
FAST = """
settings:
  posting:
    processing_time: 0.3s
    download_time: 0.3s
    moderation_time: 0.3s
"""


def installed(tmp_path_factory, name: str) -> Path:
    folder = tmp_path_factory.mktemp(name)
    done = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--target", str(folder), *CLIENTS[name]],
        capture_output=True,
        text=True,
        timeout=600,
    )
    if done.returncode != 0:
        message = f"could not install {' '.join(CLIENTS[name])} from PyPI: {done.stderr[-800:]}"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return folder


@pytest.fixture(scope="module")
def reeln(tmp_path_factory) -> Path:
    return installed(tmp_path_factory, "reeln")


@pytest.fixture(scope="module")
def studio(tmp_path_factory) -> Path:
    return installed(tmp_path_factory, "studio")


@pytest.fixture
def live(request) -> LiveServer:
    text = bundled_fixture_path().read_text(encoding="utf-8") + FAST
    server = LiveServer(create_app(load_fixture_text(text, "bundled+fast.yaml"), clock=Clock())).start()
    request.addfinalizer(server.stop)
    return server


def run(folder: Path, script: str, *args: str, home: Path | None = None) -> dict:
    env = {**os.environ, "PYTHONPATH": str(folder), "PYTHONNOUSERSITE": "1"}
    if home is not None:
        env["HOME"] = str(home)
    done = subprocess.run(
        [sys.executable, str(HERE / script), *args], capture_output=True, text=True, timeout=120, env=env
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout)


def test_reeln_plugin_posts_pulls_and_hears_tiktoks_refusals(reeln, live, tmp_path):
    video = tmp_path / "clip.mp4"
    video.write_bytes(sample_mp4(300_000, 20))

    seen = run(reeln, "reeln_flow.py", live.origin, str(tmp_path), str(video))

    # Its credentials cache was refreshed through the mock's token endpoint (rotated refresh token).
    assert seen["refreshed_cache"]["access_token"].startswith("act.")
    assert seen["refreshed_cache"]["refresh_token"] not in ("", "rft.demo-poster")
    assert seen["direct_creator"]["creator_username"] == "tiktoker"
    # A 300 KB file in one 10 MiB chunk, its total_chunk_count from ceil: accepted by the lenient default.
    assert seen["direct_result"]["status"] == "PUBLISH_COMPLETE"
    assert seen["direct"].startswith("tiktok:v_pub_file~v2-1.")
    assert seen["private"].startswith("tiktok:v_pub_file~v2-1.")
    assert seen["pulled"].startswith("tiktok:v_inbox_url~v2.") and seen["pulled_status"] == "SEND_TO_USER_INBOX"
    assert seen["unaudited_error"].startswith("HTTP 403: unaudited_client_can_only_post_to_private_accounts")
    posts = {post["publish_id"]: post for post in httpx.get(f"{live.origin}/_mock/posts").json()["posts"]}
    private = posts[seen["private"].removeprefix("tiktok:")]
    assert private["privacy_level"] == "FOLLOWER_OF_CREATOR"  # its fallback to the first option offered
    direct = posts[seen["direct"].removeprefix("tiktok:")]
    assert direct["privacy_level"] == "PUBLIC_TO_EVERYONE" and direct["uploaded_bytes"] == 300_000


def write_credentials(home: Path, client_key: str, secret: str, refresh_token: str) -> None:
    folder = home / ".config" / "tiktok-studio-mcp"
    folder.mkdir(parents=True)
    creds = {"client_key": client_key, "client_secret": secret, "refresh_token": refresh_token}
    (folder / "credentials.json").write_text(json.dumps(creds))


def test_tiktok_studio_mcp_direct_posts_and_reads_the_post_back(studio, live, tmp_path, monkeypatch):
    video = tmp_path / "clip.mp4"
    video.write_bytes(sample_mp4(200_000, 12))
    write_credentials(tmp_path, "sbawpost000001", "post-secret", "rft.demo-poster")
    monkeypatch.setenv("TIKTOK_MCP_MODE", "publish")

    seen = run(studio, "studio_flow.py", live.origin, str(video), "publish", home=tmp_path)

    assert seen["health"]["auth"] == "ok" and seen["health"]["mode"] == "publish"
    assert seen["health"]["privacy_options"] == ["PUBLIC_TO_EVERYONE", "MUTUAL_FOLLOW_FRIENDS", "SELF_ONLY"]
    assert seen["posted"]["publish_id"].startswith("v_pub_file~v2-1.") and seen["posted"]["chunks_sent"] == 1
    assert seen["statuses"][0] == "PROCESSING_UPLOAD" and seen["statuses"][-1] == "PUBLISH_COMPLETE"
    [post_id] = seen["last_status"]["publicaly_available_post_id"]
    assert seen["videos"][0]["id"] == str(post_id)
    assert seen["videos"][0]["title"] == "Studio upload #fyp" and seen["videos"][0]["duration"] == 12
    # It rotated the refresh token and wrote it back to its credentials file.
    saved = json.loads((tmp_path / ".config" / "tiktok-studio-mcp" / "credentials.json").read_text())
    assert saved["refresh_token"] != "rft.demo-poster"


def test_tiktok_studio_mcp_uploads_to_the_inbox_in_upload_mode(studio, live, tmp_path, monkeypatch):
    video = tmp_path / "clip.mp4"
    video.write_bytes(sample_mp4(100_000))
    write_credentials(tmp_path, "sbawpost000001", "post-secret", "rft.demo-uploader")
    monkeypatch.setenv("TIKTOK_MCP_MODE", "upload")

    seen = run(studio, "studio_flow.py", live.origin, str(video), "upload", home=tmp_path)

    assert seen["health"]["auth"] == "ok" and "posting" in seen["health"]
    assert seen["posted"]["publish_id"].startswith("v_inbox_file~v2.")
    assert seen["statuses"][-1] == "SEND_TO_USER_INBOX"
