"""The /_mock/ control API: reset, state, clock, and adding state at run time."""

from __future__ import annotations

import base64
import hashlib


def user_info(client, token="act.demo-tiktoker"):
    return client.get("/v2/user/info/?fields=open_id", headers={"Authorization": f"Bearer {token}"})


def test_health_answers_ok(client):
    assert client.get("/_mock/health").json() == {"status": "ok"}


def test_state_counts_things_and_lists_live_tokens(client):
    body = client.get("/_mock/state").json()

    assert body["counts"]["apps"] == len(body["apps"]) == 5  # three Login Kit apps, two posting apps
    assert body["counts"]["live_access_tokens"] == 8
    assert {token["access_token"] for token in body["tokens"]} >= {"act.demo-tiktoker"}
    assert body["tokens"][0]["expires_in"] == 86400


def test_state_leaves_out_expired_tokens(client):
    client.post("/_mock/tokens/act.demo-tiktoker/expire")

    tokens = client.get("/_mock/state").json()["tokens"]

    assert "act.demo-tiktoker" not in {token["access_token"] for token in tokens}


def test_reset_goes_back_to_the_fixture(client):
    client.post("/_mock/tokens/act.demo-tiktoker/revoke")
    client.post("/_mock/clock", json={"advance": "2d"})

    client.post("/_mock/reset")

    assert user_info(client).status_code == 200
    assert client.get("/_mock/clock").json()["now"].startswith("2026-03-01T12:00:00")


def test_reset_of_one_app_restores_only_that_app(client):
    client.post("/_mock/tokens/act.demo-tiktoker/revoke")
    minted = client.post("/_mock/tokens", json={"client_key": "sbawautoapprove", "user": "newbie"}).json()

    client.post("/_mock/reset", json={"client_key": "sbawdemo000001"})

    assert user_info(client).status_code == 200
    assert user_info(client, minted["access_token"]).status_code == 200


def test_the_clock_reads_frozen_time(client):
    assert client.get("/_mock/clock").json()["frozen"] is True


def test_advancing_the_clock_expires_tokens(client):
    response = client.post("/_mock/clock", json={"advance": "25h"})

    assert response.json()["now"].startswith("2026-03-02T13:00:00")
    assert user_info(client).status_code == 401


def test_setting_the_clock_to_an_iso_time(client):
    body = client.post("/_mock/clock", json={"set": "2026-03-01T13:30:00Z"}).json()

    assert body["now"].startswith("2026-03-01T13:30:00")


def test_unfreezing_the_clock_lets_it_run(client):
    assert client.post("/_mock/clock", json={"freeze": False}).json()["frozen"] is False


def test_a_bad_duration_is_a_400_naming_the_field(client):
    response = client.post("/_mock/clock", json={"advance": "soon"})

    assert (response.status_code, response.json()["field"]) == (400, "advance")


def test_an_unknown_clock_field_is_a_400_naming_it(client):
    response = client.post("/_mock/clock", json={"rewind": "1h"})

    assert (response.status_code, response.json()["field"]) == (400, "rewind")


def test_minting_a_token_set_answers_in_tiktoks_token_shape(client):
    response = client.post(
        "/_mock/tokens", json={"client_key": "sbawdemo000001", "user": "newbie", "scopes": ["video.list"]}
    )

    assert response.status_code == 201
    body = response.json()
    assert body["scope"] == "user.info.basic,video.list"
    assert (body["expires_in"], body["token_type"]) == (86400, "Bearer")
    assert user_info(client, body["access_token"]).status_code == 200


def test_minting_for_an_unknown_user_is_a_400_naming_user(client):
    response = client.post("/_mock/tokens", json={"client_key": "sbawdemo000001", "user": "ghost"})

    assert (response.status_code, response.json()["field"]) == (400, "user")


def test_minting_a_scope_the_app_lacks_is_a_400_naming_scopes(client):
    response = client.post(
        "/_mock/tokens", json={"client_key": "sbawdesktop001", "user": "newbie", "scopes": ["user.info.stats"]}
    )

    assert (response.status_code, response.json()["field"]) == (400, "scopes")


def test_a_minted_code_with_a_pkce_challenge_exchanges_with_its_verifier(client):
    verifier = "v" * 50
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
    code = client.post(
        "/_mock/codes",
        json={
            "client_key": "sbawdesktop001",
            "user": "tiktoker",
            "redirect_uri": "http://127.0.0.1:5555/callback/",
            "code_challenge": challenge,
        },
    ).json()

    response = client.post(
        "/v2/oauth/token/",
        data={
            "client_key": "sbawdesktop001",
            "client_secret": "desktop-secret",
            "grant_type": "authorization_code",
            "code": code["code"],
            "redirect_uri": "http://127.0.0.1:5555/callback/",
            "code_verifier": verifier,
        },
    )

    assert response.json()["open_id"] == code["open_id"]


def test_a_code_for_a_redirect_uri_the_app_lacks_is_a_400(client):
    response = client.post(
        "/_mock/codes", json={"client_key": "sbawdemo000001", "user": "tiktoker", "redirect_uri": "https://x.test/"}
    )

    assert (response.status_code, response.json()["field"]) == (400, "redirect_uri")


def test_expiring_a_token_makes_tiktok_refuse_it(client):
    assert client.post("/_mock/tokens/act.demo-tiktoker/expire").status_code == 200

    assert user_info(client).json()["error"]["code"] == "access_token_invalid"


def test_revoking_a_token_kills_its_refresh_token_too(client):
    client.post("/_mock/tokens/act.demo-tiktoker/revoke")

    response = client.post(
        "/v2/oauth/token/",
        data={
            "client_key": "sbawdemo000001",
            "client_secret": "demo-secret",
            "grant_type": "refresh_token",
            "refresh_token": "rft.demo-tiktoker",
        },
    )

    assert response.json()["error"] == "invalid_grant"


def test_expiring_an_unknown_token_is_a_404(client):
    response = client.post("/_mock/tokens/act.nope/expire")

    assert (response.status_code, response.json()["field"]) == (404, "token")


def test_an_app_added_at_run_time_can_get_tokens(client):
    app = client.post(
        "/_mock/apps", json={"client_key": "sbawworker01", "redirect_uris": ["https://w.example/cb"]}
    ).json()

    minted = client.post("/_mock/tokens", json={"client_key": app["client_key"], "user": "tiktoker"})

    assert minted.status_code == 201
    assert app["client_secret"]  # Faker filled it


def test_an_app_with_a_bad_redirect_uri_is_a_400_naming_the_field(client):
    response = client.post("/_mock/apps", json={"client_key": "x", "redirect_uris": ["ftp://w.example/cb"]})

    assert (response.status_code, response.json()["field"]) == (400, "redirect_uris")


def test_an_app_whose_client_key_exists_is_a_400(client):
    response = client.post("/_mock/apps", json={"client_key": "sbawdemo000001", "redirect_uris": ["https://a.b/"]})

    assert (response.status_code, response.json()["field"]) == (400, "client_key")


def test_a_user_added_at_run_time_has_generated_videos(client):
    user = client.post("/_mock/users", json={"username": "runtime", "videos": 4}).json()
    token = client.post("/_mock/tokens", json={"client_key": "sbawdemo000001", "user": "runtime"}).json()

    listed = client.post(
        "/v2/video/list/?fields=id", headers={"Authorization": f"Bearer {token['access_token']}"}, json={}
    ).json()

    assert user["videos"] == 4
    assert len(listed["data"]["videos"]) == 4


def test_a_fixture_document_adds_apps_users_tokens_and_scenarios(client):
    document = """
apps:
  - client_key: sbawextra0001
    redirect_uris: [https://extra.example/cb]
users:
  - username: extra
tokens:
  - app: sbawextra0001
    user: extra
    access_token: act.extra
scenarios:
  extra-down:
    - match: {client_key: sbawextra0001}
      respond: {error: internal_error}
"""
    response = client.post("/_mock/fixtures", content=document, headers={"content-type": "application/yaml"})

    assert response.status_code == 201
    assert user_info(client, "act.extra").status_code == 200
    client.post("/_mock/scenarios/extra-down")
    assert user_info(client, "act.extra").status_code == 500


def test_a_bad_fixture_document_is_a_400_with_field_and_line(client):
    response = client.post("/_mock/fixtures", content="users:\n  - username: a\n    videos: many\n")

    assert response.status_code == 400
    assert response.json()["field"] == "users[0].videos"
    assert response.json()["line"] == 3


def test_run_time_additions_are_gone_after_a_reset(client):
    client.post("/_mock/users", json={"username": "runtime"})
    client.post("/_mock/reset")

    assert "runtime" not in client.get("/_mock/state").json()["users"]


def test_an_unknown_control_path_is_a_json_404(client):
    response = client.get("/_mock/nothing")

    assert response.status_code == 404
    assert response.json()["field"] == "path"
