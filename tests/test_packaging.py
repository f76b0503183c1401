"""The wheel the Docker image installs: it carries the templates and the bundled
fixtures, and its `tiktok-mock --host 0.0.0.0` command serves them."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import httpx
import pytest

from tests.conftest import free_port

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(out), str(ROOT)],
        check=True,
        timeout=300,
    )
    return next(out.glob("tiktok_mock-*.whl"))


def test_wheel_carries_templates_and_bundled_fixtures(wheel):
    names = zipfile.ZipFile(wheel).namelist()

    assert "mock_server/_bundled_fixtures/default.yaml" in names
    assert "mock_server/templates/consent.html" in names


def test_installed_wheel_serves_the_bundled_fixtures_like_the_docker_image(wheel, tmp_path):
    site = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "--quiet", "--target", str(site), str(wheel)],
        check=True,
        timeout=300,
    )
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(site)}
    # The image's entry point: `tiktok-mock --host 0.0.0.0 --port 8000`.
    process = subprocess.Popen(
        [str(site / "bin" / "tiktok-mock"), "--host", "0.0.0.0", "--port", str(port)],
        env=env,
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        health = _wait_for_health(f"http://127.0.0.1:{port}")
        token = httpx.post(
            f"http://127.0.0.1:{port}/v2/oauth/token/",
            data={"client_key": "sbawdemo000001", "client_secret": "demo-secret", "grant_type": "client_credentials"},
        )
    finally:
        process.terminate()
        output = process.communicate(timeout=10)[0]

    assert health == 200, output
    assert token.json()["access_token"].startswith("clt.")
    assert str(site / "mock_server" / "_bundled_fixtures" / "default.yaml") in output


def _wait_for_health(origin: str) -> int:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            return httpx.get(f"{origin}/_mock/health", timeout=0.5).status_code
        except httpx.HTTPError:
            time.sleep(0.05)
    return 0


def test_wheel_carries_the_mit_license(wheel):
    archive = zipfile.ZipFile(wheel)
    licence = next(name for name in archive.namelist() if name.endswith(".dist-info/licenses/LICENSE"))

    assert archive.read(licence).decode().startswith("MIT License")
    assert "License-Expression: MIT" in archive.read(licence.replace("licenses/LICENSE", "METADATA")).decode()
