"""The two seed Arazzo workflows in arazzo/, run by arazzo-runner against a live mock.

arazzo-runner calls the first `servers` entry of each OpenAPI source (TikTok's
own host); the test points those at the live mock, as a user does for a local run.
It also does not fill inputs from their schema `default`s, so the test passes
the workflow's own defaults explicitly.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from arazzo_runner import ArazzoRunner

from mock_server.app import create_app
from mock_server.contract.session import AUTO_APP, AUTO_REDIRECT, authorization_code
from mock_server.kernel.clock import Clock
from mock_server.specs import arazzo_dir, operations
from tests.conftest import LiveServer

ARAZZO_DIR = arazzo_dir()
LOGIN = ARAZZO_DIR / "tiktok-for-developers-oauth-login-and-profile-workflow.yml"
REFRESH = ARAZZO_DIR / "tiktok-for-developers-refresh-token-and-list-videos-workflow.yml"


@pytest.fixture
def mock(clock: Clock) -> Iterator[LiveServer]:
    server = LiveServer(create_app(clock=clock)).start()
    yield server
    server.stop()


def run_workflow(path: Path, workflow_id: str, origin: str, inputs: dict[str, Any]) -> Any:
    runner = ArazzoRunner.from_arazzo_path(str(path))
    for source in runner.source_descriptions.values():
        source["servers"] = [{"url": origin}]
    workflow = next(w for w in runner.arazzo_doc["workflows"] if w["workflowId"] == workflow_id)
    defaults = {
        name: schema["default"] for name, schema in workflow["inputs"]["properties"].items() if "default" in schema
    }
    result = runner.execute_workflow(workflow_id, {**defaults, **inputs})
    assert result.status == "workflow_complete", (result.error, result.step_outputs)
    return result.outputs


def test_the_workflows_name_only_operations_the_specs_have() -> None:
    for path in (LOGIN, REFRESH):
        runner = ArazzoRunner.from_arazzo_path(str(path))
        sources = runner.source_descriptions
        assert set(sources) == {"loginKitApi", "displayApi"}
        known = {op["operationId"] for spec in sources.values() for _, _, op in operations(spec)}
        used = {step["operationId"] for workflow in runner.arazzo_doc["workflows"] for step in workflow["steps"]}
        assert used <= known, used - known


def test_oauth_login_and_profile_bootstraps_tiktoker(mock: LiveServer) -> None:
    inputs = {
        "clientKey": AUTO_APP["client_key"],
        "clientSecret": AUTO_APP["client_secret"],
        "code": authorization_code(mock.origin),  # the auto-approve app: no browser
        "redirectUri": AUTO_REDIRECT,
    }
    outputs = run_workflow(LOGIN, "oauth-login-and-profile", mock.origin, inputs)
    assert outputs["accessToken"].startswith("act.")
    assert outputs["refreshToken"].startswith("rft.")
    accounts = mock.app.state.mock.login_kit  # tiktoker as the auto-approve app sees them: its own open_id
    assert outputs["openId"] == accounts.open_id(accounts.users["tiktoker"], accounts.apps[AUTO_APP["client_key"]])
    assert outputs["displayName"] == "Tik Toker"


def test_refresh_token_and_list_videos_lists_tiktokers_videos(mock: LiveServer) -> None:
    inputs = {"clientKey": "sbawdemo000001", "clientSecret": "demo-secret", "refreshToken": "rft.demo-tiktoker"}
    outputs = run_workflow(REFRESH, "refresh-token-and-list-videos", mock.origin, inputs)
    assert outputs["accessToken"].startswith("act.")
    assert outputs["newRefreshToken"].startswith("rft.") and outputs["newRefreshToken"] != "rft.demo-tiktoker"
    videos = outputs["videos"]
    assert len(videos) == 20  # the workflow's default maxCount; the fixture gives tiktoker 45
    assert all(video["id"].isdigit() and "share_url" in video for video in videos)
