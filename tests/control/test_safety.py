"""The control API answers loopback clients only, unless a control token is set;
then it wants the token from everyone. TikTok's own paths are not affected."""

from __future__ import annotations

import pytest
from starlette.testclient import TestClient

from mock_server import cli
from mock_server.app import create_app

REMOTE = ("192.0.2.10", 40000)


@pytest.fixture
def remote(clock):
    with TestClient(create_app(clock=clock), client=REMOTE) as client:
        yield client


@pytest.fixture
def guarded(clock):
    app = create_app(clock=clock, control_token="s3cret")
    with TestClient(app, client=REMOTE) as client:
        yield client


def test_a_remote_client_is_refused_the_control_api(remote):
    response = remote.post("/_mock/reset")

    assert response.status_code == 403
    assert "--control-token" in response.json()["error"]


def test_a_remote_client_is_refused_the_dashboard(remote):
    assert remote.get("/_mock/").status_code == 403


def test_a_remote_client_still_reaches_tiktoks_paths_and_health(remote):
    headers = {"Authorization": "Bearer act.demo-tiktoker"}

    assert remote.get("/v2/user/info/?fields=open_id", headers=headers).status_code == 200
    assert remote.get("/_mock/health").status_code == 200


def test_an_ipv6_loopback_client_is_allowed(clock):
    with TestClient(create_app(clock=clock), client=("::1", 1)) as client:
        assert client.get("/_mock/state").status_code == 200


def test_with_a_control_token_a_call_without_it_is_refused(guarded):
    response = guarded.get("/_mock/state")

    assert (response.status_code, response.json()["field"]) == (401, "authorization")


def test_with_a_control_token_a_wrong_token_is_refused(guarded):
    assert guarded.get("/_mock/state", headers={"Authorization": "Bearer nope"}).status_code == 401


def test_with_a_control_token_any_client_with_it_is_served(guarded):
    assert guarded.get("/_mock/state", headers={"Authorization": "Bearer s3cret"}).status_code == 200


def test_with_a_control_token_a_loopback_client_needs_it_too(clock):
    app = create_app(clock=clock, control_token="s3cret")
    with TestClient(app, client=("127.0.0.1", 1)) as client:
        assert client.get("/_mock/state").status_code == 401


def test_the_dashboard_takes_the_token_in_its_url(guarded):
    assert guarded.get("/_mock/?control_token=s3cret").status_code == 200


@pytest.fixture
def served(monkeypatch):
    """Run `cli.main` without binding or serving, keeping the app it would serve."""
    calls: list[tuple] = []
    monkeypatch.delenv(cli.CONTROL_TOKEN_ENV, raising=False)
    monkeypatch.setattr(cli, "listen", lambda host, port: (host, port))
    monkeypatch.setattr(cli, "run_server", lambda app, sock, log_level: calls.append((app, sock)))
    return calls


def test_serving_on_a_public_interface_without_a_token_warns_that_control_is_off(served, capsys):
    assert cli.main(["--host", "0.0.0.0"]) == 0

    assert "control API (/_mock/) is off" in capsys.readouterr().err


def test_serving_on_loopback_does_not_warn(served, capsys):
    assert cli.main([]) == 0

    assert "control API" not in capsys.readouterr().err


def test_serving_with_a_token_does_not_warn_and_passes_the_token_on(served, capsys):
    assert cli.main(["--host", "0.0.0.0", "--control-token", "s3cret"]) == 0

    assert "control API" not in capsys.readouterr().err
    assert served[0][0].state.control_token == "s3cret"


def test_the_scenario_option_switches_the_scenario_on(served):
    cli.main(["--scenario", "rate-limited"])

    assert served[0][0].state.mock.active == ["rate-limited"]


def test_an_unknown_scenario_option_exits_2_naming_the_known_ones(served, capsys):
    assert cli.main(["--scenario", "nope"]) == 2

    assert "rate-limited" in capsys.readouterr().err
    assert served == []
