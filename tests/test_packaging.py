"""The wheel the Docker image installs, built from exactly what the Dockerfile's build
stage copies: it carries the templates, the bundled fixtures, the specs, the workflows
and the license, and the image's own entry point serves them. Docker itself cannot run
here (base images cannot be pulled), so the image's setting that opens the control API
(TIKTOK_MOCK_CONTROL_TOKEN) is tested through the command and the ASGI app."""

from __future__ import annotations

import json
import os
import shlex
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import httpx
import pytest
from starlette.testclient import TestClient

from mock_server import cli, specs
from tests.conftest import free_port

ROOT = Path(__file__).resolve().parent.parent
DOCKERFILE = (ROOT / "Dockerfile").read_text(encoding="utf-8")
REMOTE = ("192.0.2.10", 40000)  # a client that is not loopback, as the host is to a container


def build_stage_copies() -> list[tuple[list[str], str]]:
    """(sources, destination) of every COPY in the Dockerfile's first (build) stage."""
    copies, stage = [], 0
    for line in DOCKERFILE.splitlines():
        stage += line.startswith("FROM ")
        if stage == 1 and line.startswith("COPY "):
            *sources, destination = shlex.split(line)[1:]
            copies.append((sources, destination))
    return copies


def entrypoint() -> list[str]:
    line = next(line for line in DOCKERFILE.splitlines() if line.startswith("ENTRYPOINT "))
    return json.loads(line.removeprefix("ENTRYPOINT "))


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """`pip wheel .` in a folder holding only what the build stage copies, as `docker build` does."""
    context = tmp_path_factory.mktemp("docker-build-context")
    for sources, destination in build_stage_copies():
        for source in sources:
            target = context / destination / source if destination.endswith("/") else context / destination
            if (ROOT / source).is_dir():
                shutil.copytree(ROOT / source, target, ignore=shutil.ignore_patterns("__pycache__"))
            else:
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(ROOT / source, target)
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(out), str(context)],
        check=True,
        timeout=300,
    )
    return next(out.glob("tiktok_mock-*.whl"))


def test_the_build_stage_copies_the_project_and_the_image_serves_on_every_interface():
    copied = {source for sources, _ in build_stage_copies() for source in sources}

    assert {"pyproject.toml", "README.md", "LICENSE", "mock_server", "fixtures", "openapi", "arazzo"} <= copied
    assert entrypoint() == ["tiktok-mock", "--host", "0.0.0.0", "--port", "8000"]


def test_wheel_carries_templates_and_bundled_fixtures(wheel):
    names = zipfile.ZipFile(wheel).namelist()

    assert "mock_server/_bundled_fixtures/default.yaml" in names
    assert "mock_server/templates/consent.html" in names


def test_wheel_carries_every_published_spec_and_workflow(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())

    wanted = {f"mock_server/_specs/{name}" for name in specs.published() if not name.startswith("contract/")}
    wanted |= {f"mock_server/{name}" for name in specs.published() if name.startswith("contract/")}
    assert wanted <= names
    assert "mock_server/_specs/openapi/bundled-tiktok-openapi.yml" in names


def test_wheel_carries_the_mit_license(wheel):
    archive = zipfile.ZipFile(wheel)
    licence = next(name for name in archive.namelist() if name.endswith(".dist-info/licenses/LICENSE"))

    assert archive.read(licence).decode().startswith("MIT License")
    assert "License-Expression: MIT" in archive.read(licence.replace("licenses/LICENSE", "METADATA")).decode()


@pytest.fixture(scope="module")
def installed(wheel, tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("site")
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "--quiet", "--target", str(site), str(wheel)],
        check=True,
        timeout=300,
    )
    return site


def test_installed_wheel_serves_the_bundled_fixtures_like_the_docker_image(installed, tmp_path):
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(installed), "TIKTOK_MOCK_CONTROL_TOKEN": "s3cret"}
    # The image's entry point, on a free port instead of 8000.
    command = [str(installed / "bin" / entrypoint()[0]), *entrypoint()[1:-1], str(port)]
    process = subprocess.Popen(command, env=env, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        health = _wait_for_health(f"http://127.0.0.1:{port}")
        token = httpx.post(
            f"http://127.0.0.1:{port}/v2/oauth/token/",
            data={"client_key": "sbawdemo000001", "client_secret": "demo-secret", "grant_type": "client_credentials"},
        )
        state = httpx.get(f"http://127.0.0.1:{port}/_mock/state", headers={"Authorization": "Bearer s3cret"})
        spec = httpx.get(f"http://127.0.0.1:{port}/_mock/specs/openapi/tiktok-display-openapi.yml")
    finally:
        process.terminate()
        output = process.communicate(timeout=10)[0].decode()

    assert health == 200, output
    assert token.json()["access_token"].startswith("clt.")
    assert state.status_code == 200
    assert spec.status_code == 200 and spec.text.startswith("openapi: 3.1.0")
    assert str(installed / "mock_server" / "_bundled_fixtures" / "default.yaml") in output
    assert f"origin: http://127.0.0.1:{port}  (listening on 0.0.0.0:{port})" in output


def test_installed_wheel_lists_its_own_specs(installed, tmp_path):
    env = {**os.environ, "PYTHONPATH": str(installed)}
    result = subprocess.run(
        [str(installed / "bin" / "tiktok-mock"), "specs", str(tmp_path / "out")],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert result.returncode == 0, result.stderr
    names = {Path(line).relative_to(tmp_path / "out").as_posix() for line in result.stdout.splitlines()}
    assert {"openapi/tiktok-login-kit-openapi.yml", "openapi/bundled-tiktok-openapi.yml"} <= names
    assert any(name.startswith("arazzo/") for name in names)
    assert "contract/schemathesis.toml" in names


def _wait_for_health(origin: str) -> int:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            return httpx.get(f"{origin}/_mock/health", timeout=0.5).status_code
        except httpx.HTTPError:
            time.sleep(0.05)
    return 0


# -- the image's setting, through the command and the ASGI app -------------------------


@pytest.fixture
def image_app(monkeypatch, capsys):
    """`cli.main` with the image's entry point arguments; the app it would serve, and its output."""
    served = []
    monkeypatch.setattr(cli, "listen", lambda host, port: (host, port))
    monkeypatch.setattr(cli, "run_server", lambda app, sock, log_level: served.append(app))

    def start(env: dict[str, str]):
        for name in (cli.CONTROL_TOKEN_ENV, cli.PUBLIC_URL_ENV):
            monkeypatch.delenv(name, raising=False)
        for name, value in env.items():
            monkeypatch.setenv(name, value)
        assert cli.main(entrypoint()[1:]) == 0
        out = capsys.readouterr()
        return served[-1], out.out, out.err

    return start


def test_in_the_image_the_control_token_variable_opens_the_control_api_to_the_host(image_app):
    app, banner, warnings = image_app({"TIKTOK_MOCK_CONTROL_TOKEN": "s3cret"})

    with TestClient(app, client=REMOTE) as host:
        assert host.get("/_mock/state").status_code == 401
        assert host.get("/_mock/state", headers={"Authorization": "Bearer wrong"}).status_code == 401
        assert host.get("/_mock/state", headers={"Authorization": "Bearer s3cret"}).status_code == 200
        assert host.get("/_mock/?control_token=s3cret").status_code == 200
    assert warnings == ""
    assert "origin: http://127.0.0.1:8000  (listening on 0.0.0.0:8000)" in banner
    assert "dashboard: http://127.0.0.1:8000/_mock/?control_token=s3cret" in banner


def test_in_the_image_without_the_variable_the_host_is_refused_and_told_how_to_open_it(image_app):
    app, _, warnings = image_app({})

    with TestClient(app, client=REMOTE) as host:
        refused = host.get("/_mock/state")
        assert host.get("/v2/user/info/?fields=open_id", headers={"Authorization": "Bearer act.demo-tiktoker"}).json()
    assert refused.status_code == 403 and "TIKTOK_MOCK_CONTROL_TOKEN" in refused.json()["error"]
    assert "TIKTOK_MOCK_CONTROL_TOKEN" in warnings


def test_the_public_url_variable_is_the_origin_the_banner_shows(image_app):
    _, banner, _ = image_app({"TIKTOK_MOCK_PUBLIC_URL": "http://localhost:9000/"})

    assert "origin: http://localhost:9000  (listening on 0.0.0.0:8000)" in banner
    assert "dashboard: http://localhost:9000/_mock/\n" in banner
