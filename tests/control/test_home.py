"""What a newcomer finds at the mock's origin: `GET /` points at the dashboard, the docs
and the specs; `/_mock/docs` is the README; `/_mock/specs` serves the published files.
None of it needs the control token (it shows no state)."""

from __future__ import annotations

import yaml
from starlette.testclient import TestClient

from mock_server import specs
from mock_server.app import create_app

REMOTE = ("192.0.2.10", 40000)


def test_the_root_answers_a_program_with_the_links_as_json(client):
    body = client.get("/").json()

    assert body["dashboard"] == "/_mock/" and body["docs"] == "/_mock/docs" and body["specs"] == "/_mock/specs"
    assert client.get(body["control_spec"]).text.startswith("openapi: 3.1.0\ninfo:\n  title: tiktok-mock control API")


def test_the_root_answers_a_browser_with_a_page_linking_the_dashboard_and_docs(client):
    response = client.get("/", headers={"Accept": "text/html,application/xhtml+xml"})

    assert response.headers["content-type"].startswith("text/html")
    assert 'href="/_mock/"' in response.text and 'href="/_mock/docs"' in response.text


def test_the_docs_are_the_readme(client):
    response = client.get("/_mock/docs")

    assert response.status_code == 200
    assert response.text.startswith("# tiktok-mock\n") and "## Control API" in response.text


def test_every_published_file_is_served(client):
    listed = client.get("/_mock/specs").json()["specs"]

    assert listed == [f"/_mock/specs/{name}" for name in specs.published()]
    for url in listed:
        response = client.get(url)
        assert response.status_code == 200
        if url.endswith(".toml"):
            assert response.headers["content-type"] == "application/toml" and "[generation]" in response.text
        else:
            assert response.headers["content-type"] == "application/yaml"
            assert "openapi" in yaml.safe_load(response.text) or "arazzo" in yaml.safe_load(response.text)


def test_an_unknown_spec_is_a_404_naming_the_known_ones(client):
    response = client.get("/_mock/specs/openapi/nope.yml")

    assert response.status_code == 404
    assert response.json()["field"] == "name" and "openapi/tiktok-display-openapi.yml" in response.json()["error"]


def test_a_remote_client_without_the_control_token_reaches_the_links_docs_and_specs(clock):
    with TestClient(create_app(clock=clock, control_token="s3cret"), client=REMOTE) as remote:
        assert remote.get("/").status_code == 200
        assert remote.get("/_mock/docs").status_code == 200
        assert remote.get("/_mock/specs/openapi/tiktok-display-openapi.yml").status_code == 200
        assert remote.get("/_mock/state").status_code == 401
