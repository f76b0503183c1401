"""Minting TikTok Shop tokens and auth codes through the control API."""

from __future__ import annotations


def test_a_minted_shop_code_exchanges_at_token_get(client):
    code = client.post("/_mock/shop/codes", json={"app_key": "6demo00shop", "seller": "Demo Seller"}).json()

    response = client.get(
        "/api/v2/token/get",
        params={
            "app_key": "6demo00shop",
            "app_secret": "demo-shop-secret",
            "auth_code": code["code"],
            "grant_type": "authorized_code",
        },
    )

    assert response.json()["code"] == 0
    assert response.json()["data"]["open_id"] == code["open_id"]


def test_minted_shop_tokens_come_in_token_gets_data_shape(client):
    response = client.post(
        "/_mock/shop/tokens", json={"app_key": "6demo00shop", "seller": "Demo Seller", "scopes": ["seller.shop.info"]}
    )

    assert response.status_code == 201
    body = response.json()
    assert body["granted_scopes"] == ["seller.shop.info"]
    assert body["seller_name"] == "Demo Seller"
    assert body["access_token_expire_in"] > 0


def test_an_unknown_shop_app_is_a_400_naming_app_key(client):
    response = client.post("/_mock/shop/tokens", json={"app_key": "nope", "seller": "Demo Seller"})

    assert (response.status_code, response.json()["field"]) == (400, "app_key")


def test_a_scope_the_shop_app_lacks_is_a_400_naming_scopes(client):
    response = client.post(
        "/_mock/shop/tokens", json={"app_key": "6demo00shop", "seller": "Demo Seller", "scopes": ["nope.scope"]}
    )

    assert (response.status_code, response.json()["field"]) == (400, "scopes")


def test_a_shop_token_can_be_expired_through_the_common_endpoint(client):
    token = client.post("/_mock/shop/tokens", json={"app_key": "6demo00shop", "seller": "Demo Seller"}).json()

    assert client.post(f"/_mock/tokens/{token['access_token']}/expire").status_code == 200


def test_a_shop_fault_matches_on_the_app_key_of_the_token(client):
    token = client.post("/_mock/shop/tokens", json={"app_key": "6demo00shop", "seller": "Demo Seller"}).json()
    client.post("/_mock/faults", json={"match": {"client_key": "6demo00shop"}, "respond": {"error": "invalid_sign"}})

    response = client.get("/authorization/202309/shops", headers={"x-tts-access-token": token["access_token"]})

    assert (response.status_code, response.json()["code"]) == (401, 106001)
