"""POST /v2/oauth/revoke/: kills the whole app+user grant."""

from __future__ import annotations

import pytest

from tests.login_kit.helpers import WEB_APP, consent, exchange, refresh, token_call


@pytest.mark.parametrize("path", ["/v2/oauth/revoke/", "/v2/oauth/revoke"])
def test_revoke_answers_200_with_an_empty_object(client, path):
    response = token_call(client, path, token="act.demo-tiktoker", **WEB_APP)

    assert response.status_code == 200
    assert response.json() == {}


def test_revoke_kills_every_token_of_the_grant(client, mock):
    code = consent(client)["code"]
    tokens = exchange(client, code).json()
    second = refresh(client, tokens["refresh_token"]).json()

    token_call(client, "/v2/oauth/revoke/", token=tokens["access_token"], **WEB_APP)

    assert mock.login_kit.grants.live_access_token(tokens["access_token"]) is None
    assert mock.login_kit.grants.live_access_token(second["access_token"]) is None
    assert mock.login_kit.grants.live_access_token("act.demo-tiktoker") is None  # same app, same user
    assert refresh(client, second["refresh_token"]).json()["error"] == "invalid_grant"


def test_revoke_leaves_other_users_tokens_alone(client, mock):
    token_call(client, "/v2/oauth/revoke/", token="act.demo-tiktoker", **WEB_APP)

    assert mock.login_kit.grants.live_access_token("act.demo-dancequeen-full") is not None


def test_revoke_accepts_a_refresh_token_as_arctic_sends_one(client):
    token_call(client, "/v2/oauth/revoke/", token="rft.demo-tiktoker", **WEB_APP)

    assert refresh(client, "rft.demo-tiktoker").json()["error"] == "invalid_grant"


def test_revoking_an_unknown_token_is_invalid_request(client):
    body = token_call(client, "/v2/oauth/revoke/", token="act.never-issued", **WEB_APP).json()

    assert body["error"] == "invalid_request"


def test_revoking_another_apps_token_is_refused_and_the_token_lives(client, mock):
    other = {"client_key": "sbawautoapprove", "client_secret": "auto-secret"}

    body = token_call(client, "/v2/oauth/revoke/", token="act.demo-tiktoker", **other).json()

    assert body["error"] == "invalid_request"
    assert mock.login_kit.grants.live_access_token("act.demo-tiktoker") is not None


@pytest.mark.parametrize(
    ("form", "error"),
    [
        ({"client_key": "sbawdemo000001", "client_secret": "bad", "token": "act.demo-tiktoker"}, "invalid_client"),
        ({**WEB_APP}, "invalid_request"),
    ],
)
def test_revoke_errors(client, form, error):
    body = token_call(client, "/v2/oauth/revoke/", **form).json()

    assert body["error"] == error
    assert set(body) == {"error", "error_description", "log_id"}
