"""The seller authorization pages: legacy /oauth/authorize?app_key= and current
/open/authorize?service_id=, on the same consent-page machinery as Login Kit."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from tests.shop.conftest import APP_KEY, APP_SECRET

SELLER_OPEN_ID = "demoSellerOpenId00000000000000000000000000000000000000"
FORM = {"content-type": "application/x-www-form-urlencoded"}


def redirect_query(response):
    assert response.status_code == 302
    return {key: values[0] for key, values in parse_qs(urlsplit(response.headers["location"]).query).items()}


def test_the_legacy_page_lists_the_sellers_and_their_shops(client):
    page = client.get("/oauth/authorize", params={"app_key": APP_KEY, "state": "s1"})
    assert page.status_code == 200
    assert "Demo Seller" in page.text and "Demo Shop GB" in page.text and "Demo Shop US" in page.text


def test_authorize_redirects_with_a_code_and_the_state(client):
    form = {"app_key": APP_KEY, "state": "s1", "seller": SELLER_OPEN_ID, "action": "authorize"}
    query = redirect_query(client.post("/oauth/authorize", data=form, headers=FORM))
    assert query["state"] == "s1" and query["code"].startswith("ROW_")


def test_the_code_from_the_page_gets_a_token(client):
    form = {"app_key": APP_KEY, "seller": SELLER_OPEN_ID, "action": "authorize"}
    code = redirect_query(client.post("/oauth/authorize", data=form, headers=FORM))["code"]
    params = {"app_key": APP_KEY, "app_secret": APP_SECRET, "auth_code": code, "grant_type": "authorized_code"}
    assert client.get("/api/v2/token/get", params=params).json()["data"]["open_id"] == SELLER_OPEN_ID


def test_the_current_page_takes_a_service_id(client):
    page = client.get("/open/authorize", params={"service_id": "7000000000000000001", "state": "s2"})
    assert page.status_code == 200 and 'action="/open/authorize"' in page.text


def test_cancel_redirects_with_access_denied(client):
    form = {"app_key": APP_KEY, "state": "s3", "action": "cancel"}
    query = redirect_query(client.post("/oauth/authorize", data=form, headers=FORM))
    assert query == {
        "error": "access_denied",
        "error_description": "The seller denied the authorization.",
        "state": "s3",
    }


def test_an_auto_approve_app_redirects_at_once(client):
    query = redirect_query(client.get("/open/authorize", params={"service_id": "7000000000000000002", "state": "z"}))
    assert query["state"] == "z" and query["code"]


def test_an_unknown_app_key_shows_an_error_page(client):
    page = client.get("/oauth/authorize", params={"app_key": "nope"})
    assert page.status_code == 400 and "nope" in page.text
