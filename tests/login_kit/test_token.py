"""POST /v2/oauth/token/: the three grants, and every error TikTok gives."""

from __future__ import annotations

import pytest

from mock_server.families.login_kit.rules import pkce_challenges
from tests.login_kit.helpers import (
    DESKTOP_APP,
    DESKTOP_REDIRECT,
    WEB_APP,
    consent,
    exchange,
    refresh,
    token_call,
)

VERIFIER = "dBjftJeZ4CVP-mJ92K9mN8QeJ3nDhL9wZvA1bC2dE3fG4hI5jK6lM7nO8pQ9"


def test_code_exchange_returns_tiktoks_flat_token_reply(client, mock):
    code = consent(client)["code"]

    response = exchange(client, code)

    assert response.status_code == 200
    body = response.json()
    assert set(body) == {
        "access_token",
        "expires_in",
        "open_id",
        "refresh_expires_in",
        "refresh_token",
        "scope",
        "token_type",
    }
    assert body["access_token"].startswith("act.") and body["access_token"].endswith(".va")
    assert body["refresh_token"].startswith("rft.")
    assert body["expires_in"] == 86400
    assert body["refresh_expires_in"] == 31536000
    assert body["open_id"] == "-000Tiktoker0pen1dDemo00000000000000"  # pinned for sbawdemo000001
    assert body["scope"] == "user.info.basic,video.list"
    assert body["token_type"] == "Bearer"
    assert response.headers["cache-control"] == "no-store"


def test_whole_dance_authorize_exchange_refresh_revoke_then_refresh_refused(client):
    code = consent(client)["code"]
    first = exchange(client, code).json()

    refreshed = refresh(client, first["refresh_token"]).json()
    assert refreshed["access_token"] != first["access_token"]
    assert refreshed["open_id"] == first["open_id"]

    revoked = token_call(client, "/v2/oauth/revoke/", token=refreshed["access_token"], **WEB_APP)
    assert revoked.status_code == 200
    assert revoked.json() == {}

    after = refresh(client, refreshed["refresh_token"]).json()
    assert after["error"] == "invalid_grant"


@pytest.mark.parametrize("path", ["/v2/oauth/token/", "/v2/oauth/token"])
def test_token_endpoint_answers_with_and_without_trailing_slash(client, path):
    response = token_call(client, path, grant_type="client_credentials", **WEB_APP)

    assert response.json()["access_token"].startswith("clt.")


def test_client_credentials_gives_a_two_hour_client_token_without_user_fields(client):
    body = token_call(client, grant_type="client_credentials", **WEB_APP).json()

    assert body["access_token"].startswith("clt.")
    assert body == {"access_token": body["access_token"], "expires_in": 7200, "token_type": "Bearer"}


@pytest.mark.parametrize("encoding", ["hex", "base64url"])
def test_pkce_challenge_in_hex_or_base64url_is_accepted(client, encoding):
    challenge = pkce_challenges(VERIFIER)[encoding]
    code = consent(client, code_challenge=challenge, code_challenge_method="S256")["code"]

    body = exchange(client, code, code_verifier=VERIFIER).json()

    assert body["access_token"].startswith("act.")


def test_wrong_pkce_verifier_is_refused(client):
    code = consent(client, code_challenge=pkce_challenges(VERIFIER)["hex"])["code"]

    body = exchange(client, code, code_verifier=VERIFIER + "x").json()

    assert body["error"] == "invalid_request"
    assert body["error_description"] == "Code verifier or code challenge is invalid."


def test_missing_pkce_verifier_is_refused_when_the_code_had_a_challenge(client):
    code = consent(client, code_challenge=pkce_challenges(VERIFIER)["hex"])["code"]

    assert exchange(client, code).json()["error"] == "invalid_request"


def test_stray_verifier_for_a_code_without_challenge_is_ignored(client):
    code = consent(client)["code"]

    assert exchange(client, code, code_verifier=VERIFIER).json()["access_token"].startswith("act.")


def test_desktop_app_flow_with_hex_pkce_on_a_wildcard_port(client):
    challenge = pkce_challenges(VERIFIER)["hex"]
    code = consent(
        client,
        client_key=DESKTOP_APP["client_key"],
        redirect_uri=DESKTOP_REDIRECT,
        code_challenge=challenge,
        code_challenge_method="S256",
    )["code"]

    body = exchange(client, code, app=DESKTOP_APP, redirect_uri=DESKTOP_REDIRECT, code_verifier=VERIFIER).json()

    assert body["access_token"].startswith("act.")


def test_pkce_encoding_setting_hex_refuses_base64url(make_client):
    client = make_client("""
        apps:
          - {client_key: k1, client_secret: s1, pkce_encoding: hex, redirect_uris: ["https://a.example/cb"]}
        users: [{username: ann}]
    """)
    challenge = pkce_challenges(VERIFIER)["base64url"]
    code = consent(
        client,
        client_key="k1",
        redirect_uri="https://a.example/cb",
        scope="user.info.basic",
        user="ann",
        code_challenge=challenge,
    )["code"]

    body = exchange(
        client,
        code,
        app={"client_key": "k1", "client_secret": "s1"},
        redirect_uri="https://a.example/cb",
        code_verifier=VERIFIER,
    ).json()

    assert body["error"] == "invalid_request"


def test_code_is_single_use(client):
    code = consent(client)["code"]
    assert exchange(client, code).status_code == 200

    body = exchange(client, code).json()

    assert body["error"] == "invalid_grant"


def test_code_expires_after_code_ttl(client, clock):
    code = consent(client)["code"]
    clock.advance(600)

    assert exchange(client, code).json()["error"] == "invalid_grant"


def test_code_is_still_good_just_before_code_ttl(client, clock):
    code = consent(client)["code"]
    clock.advance(599)

    assert exchange(client, code).json()["access_token"].startswith("act.")


def test_code_issued_to_another_app_is_refused(client):
    code = consent(client)["code"]

    body = exchange(client, code, app={"client_key": "sbawautoapprove", "client_secret": "auto-secret"}).json()

    assert body["error"] == "invalid_grant"


def test_redirect_uri_mismatch_uses_tiktoks_wording(client):
    code = consent(client)["code"]

    body = exchange(client, code, redirect_uri="http://localhost:3000/api/auth/callback/tiktok").json()

    assert body["error"] == "invalid_request"
    assert body["error_description"] == "Redirect_uri is not matched with the uri when requesting code."


def test_refresh_rotates_and_the_old_refresh_token_dies(client):
    first = refresh(client, "rft.demo-tiktoker").json()
    assert first["refresh_token"] != "rft.demo-tiktoker"

    again = refresh(client, "rft.demo-tiktoker").json()

    assert again["error"] == "invalid_grant"
    assert refresh(client, first["refresh_token"]).json()["access_token"].startswith("act.")


def test_refresh_keeps_the_token_when_rotation_is_off(make_client):
    client = make_client("""
        apps: [{client_key: k1, client_secret: s1, rotate_refresh_token: false, redirect_uris: ["https://a.example/cb"]}]
        users: [{username: ann}]
        tokens: [{app: k1, user: ann, access_token: act.a, refresh_token: rft.a}]
    """)
    app = {"client_key": "k1", "client_secret": "s1"}

    assert refresh(client, "rft.a", app=app).json()["refresh_token"] == "rft.a"
    assert refresh(client, "rft.a", app=app).json()["refresh_token"] == "rft.a"


def test_refresh_token_expires_by_the_clock(client, clock):
    clock.advance(31536000)

    assert refresh(client, "rft.demo-tiktoker").json()["error"] == "invalid_grant"


def test_access_token_expires_by_the_clock(client, clock):
    def user_info():
        return client.get(
            "/v2/user/info/", params={"fields": "open_id"}, headers={"Authorization": "Bearer act.demo-tiktoker"}
        )

    clock.advance(86399)
    assert user_info().status_code == 200
    clock.advance(1)

    response = user_info()
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "access_token_invalid"


def test_refresh_token_of_another_app_is_refused(client):
    body = refresh(client, "rft.demo-tiktoker", app={"client_key": "sbawautoapprove", "client_secret": "auto-secret"})

    assert body.json()["error"] == "invalid_grant"


def test_token_ttls_follow_the_app_settings(make_client):
    client = make_client("""
        apps: [{client_key: k1, client_secret: s1, access_token_ttl: 7200, refresh_token_ttl: 15552000,
                redirect_uris: ["https://a.example/cb"]}]
        users: [{username: ann}]
        tokens: [{app: k1, user: ann, access_token: act.a, refresh_token: rft.a}]
    """)

    body = refresh(client, "rft.a", app={"client_key": "k1", "client_secret": "s1"}).json()

    assert (body["expires_in"], body["refresh_expires_in"]) == (7200, 15552000)


# -- every failure of point 5, with the exact `error` and status --------------

CODE_FORM = {"grant_type": "refresh_token", "refresh_token": "rft.demo-tiktoker"}


@pytest.mark.parametrize(
    ("form", "error", "rfc_status"),
    [
        ({"client_key": "nope", "client_secret": "x", **CODE_FORM}, "invalid_client", 401),
        ({"client_key": "sbawdemo000001", "client_secret": "wrong", **CODE_FORM}, "invalid_client", 401),
        ({"client_secret": "demo-secret", **CODE_FORM}, "invalid_request", 400),
        ({"client_key": "sbawdemo000001", **CODE_FORM}, "invalid_request", 400),
        ({**WEB_APP}, "invalid_request", 400),
        ({**WEB_APP, "grant_type": "password"}, "unsupported_grant_type", 400),
        ({**WEB_APP, "grant_type": "authorization_code", "redirect_uri": "x"}, "invalid_request", 400),
        ({**WEB_APP, "grant_type": "authorization_code", "code": "nope", "redirect_uri": "x"}, "invalid_grant", 400),
        ({**WEB_APP, "grant_type": "refresh_token"}, "invalid_request", 400),
        ({**WEB_APP, "grant_type": "refresh_token", "refresh_token": "rft.nope"}, "invalid_grant", 400),
    ],
)
@pytest.mark.parametrize("mode", ["200", "rfc6749"])
def test_token_errors_have_tiktoks_body_and_the_configured_status(make_client, form, error, rfc_status, mode):
    client = make_client() if mode == "200" else _rfc_client(make_client)

    response = token_call(client, **form)

    body = response.json()
    assert set(body) == {"error", "error_description", "log_id"}
    assert body["error"] == error
    assert body["error_description"]
    assert response.status_code == (200 if mode == "200" else rfc_status)
    assert response.headers["x-tt-logid"] == body["log_id"]


def _rfc_client(make_client):
    return make_client("""
        settings: {oauth_error_status: rfc6749}
        apps: [{client_key: sbawdemo000001, client_secret: demo-secret, redirect_uris: ["https://a.example/cb"]}]
        users: [{username: ann}]
        tokens: [{app: sbawdemo000001, user: ann, access_token: act.a, refresh_token: rft.demo-tiktoker}]
    """)


def test_missing_parameter_is_named_in_tiktoks_words(client):
    body = token_call(client, client_key="sbawdemo000001", grant_type="client_credentials").json()

    assert body["error_description"] == "Client secret is missed in request."


@pytest.mark.parametrize(
    ("content", "content_type"),
    [
        ('{"client_key": "sbawdemo000001"}', "application/json"),
        ("client_key=sbawdemo000001", "text/plain"),
        (b"client_key=\xff\xfe", "application/x-www-form-urlencoded"),
        ("a=b&&&==&%zz", "application/x-www-form-urlencoded"),
    ],
)
def test_wrong_content_type_or_unparseable_body_is_invalid_request(client, content, content_type):
    response = client.post("/v2/oauth/token/", content=content, headers={"content-type": content_type})

    assert response.status_code == 200
    assert response.json()["error"] == "invalid_request"


def test_unknown_form_fields_are_ignored(client):
    body = token_call(client, grant_type="client_credentials", client_id="undefined", extra="1", **WEB_APP).json()

    assert body["access_token"].startswith("clt.")


def test_secrets_are_compared_as_bytes_even_when_not_ascii(client):
    body = token_call(
        client, client_key="sbawdemo000001", client_secret="dëmo-secret", grant_type="client_credentials"
    ).json()

    assert body["error"] == "invalid_client"
