"""GET /v2/auth/authorize/ and its consent form, as TikTok's authorize page behaves."""

from __future__ import annotations

import pytest

from tests.login_kit.helpers import (
    DESKTOP_APP,
    DESKTOP_REDIRECT,
    WEB_REDIRECT,
    authorize_query,
    consent,
    redirect_params,
)


@pytest.mark.parametrize("path", ["/v2/auth/authorize/", "/v2/auth/authorize"])
def test_consent_page_shows_app_scopes_users_and_both_buttons(client, path):
    response = client.get(path, params=authorize_query(scope="user.info.basic,user.info.profile,video.list"))

    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    page = response.text
    assert "Demo Web App" in page
    assert "Read your public videos on TikTok" in page
    assert "Read your profile details" in page
    assert 'value="tiktoker"' in page and 'value="dancequeen"' in page
    assert '<button type="submit" name="action" value="authorize" class="primary">Authorize</button>' in page
    assert '<button type="submit" name="action" value="cancel">Cancel</button>' in page


def test_consent_page_offers_checkboxes_only_for_optional_scopes(client):
    page = client.get("/v2/auth/authorize/", params=authorize_query(scope="user.info.basic,video.list")).text

    assert '<input type="checkbox" name="scopes" value="video.list" checked>' in page
    assert 'name="scopes" value="user.info.basic"' in page  # sent as hidden: it cannot be unticked
    assert '<input type="checkbox" name="scopes" value="user.info.basic"' not in page


def test_authorize_redirects_with_code_granted_scopes_and_state(client):
    params = consent(client)

    assert set(params) == {"code", "scopes", "state"}
    assert params["scopes"] == "user.info.basic,video.list"
    assert params["state"] == "state-123"
    assert params["code"].split("*0!")[1].isdigit()


def test_code_in_redirect_is_percent_encoded(client):
    response = client.get("/v2/auth/authorize/", params=authorize_query(client_key="sbawautoapprove"))

    location = response.headers["location"]
    assert "%2A0%21" in location and "*0!" not in location


def test_unticked_optional_scope_is_not_granted(client):
    params = consent(client, scope="user.info.basic,user.info.profile,video.list", ticked=["video.list"])

    assert params["scopes"] == "user.info.basic,video.list"


def test_user_info_basic_is_granted_even_when_not_requested(client):
    params = consent(client, scope="user.info.profile")

    assert params["scopes"] == "user.info.basic,user.info.profile"


def test_cancel_redirects_with_access_denied_and_state(client):
    params = consent(client, action="cancel")

    assert params["error"] == "access_denied"
    assert params["error_description"]
    assert params["state"] == "state-123"
    assert "code" not in params


def test_state_is_optional_and_not_invented(client):
    params = consent(client, state=None)

    assert "state" not in params and "code" in params


def test_extra_client_id_and_client_secret_params_are_ignored(client):
    query = authorize_query(client_id="undefined", client_secret="leaked", disable_auto_auth="0")
    response = client.get("/v2/auth/authorize/", params=query)

    assert response.status_code == 200


def test_unknown_client_key_shows_an_error_page(client):
    response = client.get("/v2/auth/authorize/", params=authorize_query(client_key="nope"))

    assert response.status_code == 400
    assert response.headers["content-type"].startswith("text/html")
    assert "No app with client_key" in response.text


def test_unregistered_redirect_uri_shows_an_error_page_and_never_redirects(client):
    response = client.get("/v2/auth/authorize/", params=authorize_query(redirect_uri="https://evil.example/cb"))

    assert response.status_code == 400
    assert "location" not in response.headers
    assert "is not registered" in response.text


def test_error_page_escapes_what_the_client_sent(client):
    response = client.get("/v2/auth/authorize/", params=authorize_query(client_key="<script>alert(1)</script>"))

    assert "<script>alert(1)</script>" not in response.text
    assert "&lt;script&gt;" in response.text


@pytest.mark.parametrize(
    ("override", "error"),
    [
        ({"response_type": "token"}, "unsupported_response_type"),
        ({"response_type": None}, "unsupported_response_type"),
        ({"scope": "user.info.basic,video.delete"}, "invalid_scope"),
        ({"scope": ""}, "invalid_scope"),
        ({"scope": "user.info.basic video.list"}, "invalid_scope"),
        ({"scope": "video.publish"}, "invalid_scope"),  # known, but not allowed for this app
        ({"code_challenge": "abc", "code_challenge_method": "plain"}, "invalid_request"),
    ],
)
def test_bad_requests_redirect_back_with_error_and_state(client, override, error):
    response = client.get("/v2/auth/authorize/", params=authorize_query(**override))

    params = redirect_params(response)
    assert response.headers["location"].startswith(WEB_REDIRECT + "?")
    assert params["error"] == error
    assert params["error_description"]
    assert params["state"] == "state-123"


def test_desktop_app_requires_pkce(client):
    query = authorize_query(client_key=DESKTOP_APP["client_key"], redirect_uri=DESKTOP_REDIRECT)
    params = redirect_params(client.get("/v2/auth/authorize/", params=query))

    assert params["error"] == "invalid_request"
    assert "code_challenge" in params["error_description"]


@pytest.mark.parametrize("port", ["1", "53117", "65535"])
def test_desktop_wildcard_port_accepts_any_loopback_port(client, port):
    query = authorize_query(
        client_key=DESKTOP_APP["client_key"],
        redirect_uri=f"http://127.0.0.1:{port}/callback/",
        code_challenge="x" * 64,
        code_challenge_method="S256",
    )

    assert client.get("/v2/auth/authorize/", params=query).status_code == 200


@pytest.mark.parametrize(
    "uri",
    [
        "http://127.0.0.1/callback/",
        "http://127.0.0.1:8080/other/",
        "http://localhost:8080/callback/",
        "https://127.0.0.1:8080/callback/",
    ],
)
def test_desktop_wildcard_port_matches_nothing_else(client, uri):
    query = authorize_query(client_key=DESKTOP_APP["client_key"], redirect_uri=uri, code_challenge="x" * 64)

    assert client.get("/v2/auth/authorize/", params=query).status_code == 400


def test_auto_approve_skips_the_page_and_logs_in_as_the_configured_user(client, mock):
    response = client.get("/v2/auth/authorize", params=authorize_query(client_key="sbawautoapprove"))

    params = redirect_params(response)
    code = mock.login_kit.grants.codes[params["code"]]
    accounts = mock.login_kit
    assert code.open_id == accounts.open_id(accounts.users["tiktoker"], accounts.apps["sbawautoapprove"])
    assert params["scopes"] == "user.info.basic,video.list"


def test_server_wide_auto_approve_setting(make_client):
    client = make_client("""
        settings: {auto_approve: ann}
        users: [{username: ann}]
        apps: [{client_key: k1, client_secret: s1, redirect_uris: ["https://a.example/cb"]}]
    """)
    query = authorize_query(client_key="k1", redirect_uri="https://a.example/cb", scope="user.info.basic")

    assert "code" in redirect_params(client.get("/v2/auth/authorize/", params=query))


def test_consent_post_with_unknown_user_shows_an_error_page(client):
    from urllib.parse import urlencode

    form = urlencode([*authorize_query().items(), ("user", "ghost"), ("action", "authorize")])
    response = client.post(
        "/v2/auth/authorize/", content=form, headers={"content-type": "application/x-www-form-urlencoded"}
    )

    assert response.status_code == 400
    assert "Choose a TikTok account" in response.text
