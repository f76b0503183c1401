"""GET /api/v2/token/get and /api/v2/token/refresh (§4.2): envelope, absolute expiries,
single-use codes, rotation, and a distinct code for each way to be wrong."""

from __future__ import annotations

from tests.shop.conftest import APP_KEY, APP_SECRET, REFRESH_TOKEN, SELLER, mint_code, mint_tokens

WEEK = 7 * 86400


def token_get(client, code, **params):
    query = {"app_key": APP_KEY, "app_secret": APP_SECRET, "auth_code": code, "grant_type": "authorized_code"}
    return client.get("/api/v2/token/get", params={**query, **params}, headers={"content-type": "application/json"})


def token_refresh(client, refresh_token, **params):
    query = {
        "app_key": APP_KEY,
        "app_secret": APP_SECRET,
        "refresh_token": refresh_token,
        "grant_type": "refresh_token",
    }
    return client.get("/api/v2/token/refresh", params={**query, **params})


def test_an_auth_code_gets_tokens_with_absolute_expiries(client, shop_state):
    code = mint_code(client, SELLER)
    body = token_get(client, code).json()
    now = shop_state.clock.now_s()
    assert body["code"] == 0 and body["message"] == "success" and len(body["request_id"]) == 34
    data = body["data"]
    assert data["access_token_expire_in"] == now + WEEK
    assert data["refresh_token_expire_in"] > now + 50 * 365 * 86400
    assert data["seller_name"] == SELLER and data["seller_base_region"] == "GB" and data["user_type"] == 0
    assert "seller.order.info" in data["granted_scopes"]


def test_the_new_access_token_works_on_the_partner_api(client, shop_state, shop):
    code = mint_code(client, SELLER)
    shop.token = token_get(client, code).json()["data"]["access_token"]
    assert shop.get("/seller/202309/shops", cipher=None).json()["code"] == 0


def test_an_auth_code_works_once(client, shop_state):
    code = mint_code(client, SELLER)
    token_get(client, code)
    body = token_get(client, code).json()
    assert (body["code"], body["message"], body["data"]) == (36004004, "invalid auth code", None)


def test_an_expired_auth_code_is_refused(client, shop_state):
    code = mint_code(client, SELLER)
    shop_state.clock.advance(601)
    assert token_get(client, code).json()["code"] == 36004004


def test_an_unknown_auth_code_is_refused_with_http_200(client):
    response = token_get(client, "ROW_not-a-code")
    assert response.status_code == 200 and response.json()["code"] == 36004004


def test_a_code_of_another_app_is_refused(client, shop_state):
    code = mint_code(client, SELLER, app_key="6demo00auto")
    assert token_get(client, code).json()["code"] == 36004004


def test_a_wrong_app_secret_is_refused(client, shop_state):
    code = mint_code(client, SELLER)
    assert token_get(client, code, app_secret="wrong").json()["code"] == 36004006


def test_an_unknown_app_key_is_refused(client):
    assert token_get(client, "x", app_key="nope").json()["code"] == 36004006


def test_a_missing_auth_code_is_an_invalid_parameter(client):
    body = token_get(client, "").json()
    assert body["code"] == 36009004 and "auth_code" in body["message"]


def test_the_wrong_grant_type_is_refused(client, shop_state):
    code = mint_code(client, SELLER)
    assert token_get(client, code, grant_type="authorization_code").json()["code"] == 36004007


def test_refresh_rotates_and_the_old_refresh_token_dies(client):
    first = token_refresh(client, REFRESH_TOKEN).json()
    assert first["code"] == 0 and first["data"]["refresh_token"] != REFRESH_TOKEN
    again = token_refresh(client, REFRESH_TOKEN).json()
    assert (again["code"], again["message"]) == (36004005, "can not find related auth record")


def test_the_rotated_refresh_token_refreshes(client):
    new = token_refresh(client, REFRESH_TOKEN).json()["data"]["refresh_token"]
    assert token_refresh(client, new).json()["code"] == 0


def test_an_unknown_refresh_token_is_refused(client):
    assert token_refresh(client, "ROW_junk").json()["code"] == 36004005


def test_an_expired_refresh_token_is_refused(client, shop_state):
    pair = mint_tokens(client, SELLER, refresh_expires_in=60)
    shop_state.clock.advance(61)
    body = token_refresh(client, pair["refresh_token"]).json()
    assert (body["code"], body["message"]) == (36004001, "rt has expired")


def test_refresh_with_a_wrong_app_secret_is_refused(client):
    assert token_refresh(client, REFRESH_TOKEN, app_secret="nope").json()["code"] == 36004006
