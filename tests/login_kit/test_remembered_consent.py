"""TikTok skips the consent page for a browser whose user already approved the app with
the same scopes, unless the authorize URL says `disable_auto_auth=1` (tiktok-api.md §1.1)."""

from __future__ import annotations

from tests.login_kit.helpers import authorize_query, consent, exchange, redirect_params

SESSION = "tiktok_mock_session"


def authorize(client, **query):
    return client.get("/v2/auth/authorize/", params=authorize_query(**query))


def test_approving_once_lets_the_next_authorize_redirect_at_once_with_a_new_code(client):
    first = consent(client)["code"]
    assert SESSION in client.cookies

    again = redirect_params(authorize(client, state="second"))
    assert again["state"] == "second" and again["code"] != first
    assert again["scopes"] == "user.info.basic,video.list"
    assert exchange(client, again["code"]).json()["open_id"] == "-000Tiktoker0pen1dDemo00000000000000"


def test_fewer_scopes_than_approved_also_skip_the_page(client):
    consent(client)

    assert redirect_params(authorize(client, scope="user.info.basic"))["scopes"] == "user.info.basic"


def test_disable_auto_auth_1_always_shows_the_page(client):
    consent(client)

    page = authorize(client, disable_auto_auth="1")
    assert page.status_code == 200 and "Authorize" in page.text
    assert authorize(client, disable_auto_auth="0").status_code == 302


def test_asking_for_a_new_scope_shows_the_page_with_the_granted_ones_marked(client):
    consent(client)

    page = authorize(client, scope="user.info.basic,video.list,user.info.stats")
    assert page.status_code == 200
    assert page.text.count("(granted before)") == 2  # user.info.basic and video.list
    assert 'value="tiktoker" checked' in page.text  # the browser's user is chosen


def test_another_browser_without_the_session_sees_the_page(client, make_client):
    consent(client)
    client.cookies.clear()

    assert authorize(client).status_code == 200


def test_the_consent_is_per_app(client):
    consent(client)

    other_app = authorize(client, client_key="sbawautoapprove")  # auto-approve app: redirects as tiktoker anyway
    assert other_app.status_code == 302
    desktop = client.get(
        "/v2/auth/authorize/",
        params=authorize_query(
            client_key="sbawdesktop001", redirect_uri="http://127.0.0.1:5000/callback/", code_challenge="x" * 43
        ),
    )
    assert desktop.status_code == 200


def test_the_control_api_forgets_a_users_consents(client):
    consent(client)
    assert client.get("/_mock/consents").json()["consents"] == [
        {"user": "tiktoker", "client_key": "sbawdemo000001", "scopes": ["user.info.basic", "video.list"]}
    ]

    assert client.delete("/_mock/consents", params={"user": "tiktoker"}).json() == {"forgotten": 1}
    assert authorize(client).status_code == 200
    assert client.delete("/_mock/consents", params={"user": "nobody"}).status_code == 400


def test_a_reset_forgets_every_consent(client):
    consent(client)
    client.post("/_mock/reset")

    assert authorize(client).status_code == 200
    assert client.get("/_mock/consents").json()["consents"] == []
