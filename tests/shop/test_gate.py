"""Every Partner API call passes one gate (§4.3): a signed call passes, each single
tamper is refused with TikTok's code."""

from __future__ import annotations

import json

from tests.shop.conftest import APP_KEY, GB_CIPHER, US_CIPHER, ShopClient

SEARCH = "/order/202309/orders/search"
WAREHOUSES = "/logistics/202309/warehouses"


def error(response):
    body = response.json()
    return response.status_code, body["code"], body["data"]


def base_query(shop, **extra):
    return {"app_key": APP_KEY, "timestamp": str(shop.now), "shop_cipher": GB_CIPHER, **extra}


def test_a_signed_call_passes(shop):
    response = shop.post(SEARCH, {"order_status": "COMPLETED"}, params={"page_size": 5})
    assert response.status_code == 200 and response.json()["code"] == 0


def test_a_changed_query_value_is_a_bad_sign(shop):
    response = shop.post(SEARCH, {}, params={"page_size": 5}, page_size=6)
    assert error(response) == (401, 106001, None)
    assert "'sign' query parameter is invalid" in response.json()["message"]


def test_a_changed_body_is_a_bad_sign(shop):
    sent, signed = json.dumps({"order_status": "CANCELLED"}), json.dumps({"order_status": "COMPLETED"})
    response = shop.send("POST", SEARCH, base_query(shop, page_size="5"), sent, signed_body=signed)
    assert error(response)[:2] == (401, 106001)


def test_a_sign_made_for_another_path_is_a_bad_sign(shop):
    response = shop.get(WAREHOUSES, sign_path="/logistics/202309/global_warehouses")
    assert error(response)[:2] == (401, 106001)


def test_a_changed_timestamp_is_a_bad_sign(shop):
    assert error(shop.get(WAREHOUSES, timestamp=shop.now - 1))[:2] == (401, 106001)


def test_a_changed_token_is_refused(shop):
    shop.token = "ROW_someone_else"
    assert error(shop.get(WAREHOUSES))[:2] == (401, 36009004)


def test_a_stale_timestamp_is_an_invalid_credential(shop):
    response = shop.send("GET", WAREHOUSES, base_query(shop, timestamp=str(shop.now - 301)))
    assert error(response)[:2] == (401, 36009004)
    assert "earlier than 5 minutes before the current time" in response.json()["message"]


def test_a_future_timestamp_is_an_invalid_credential(shop):
    response = shop.send("GET", WAREHOUSES, base_query(shop, timestamp=str(shop.now + 301)))
    assert error(response)[:2] == (401, 36009004)


def test_a_timestamp_at_the_edge_of_the_tolerance_passes(shop):
    response = shop.send("GET", WAREHOUSES, base_query(shop, timestamp=str(shop.now - 300)))
    assert response.json()["code"] == 0


def test_a_tolerance_set_in_the_fixture_is_used(make_client):
    client = make_client("settings: {shop_timestamp_tolerance: 10}\n" + OTHER_SELLER)
    alice = ShopClient(client, token="ROW_alice", secret="s1", app_key="k1")
    query = {"app_key": "k1", "timestamp": str(alice.now - 11), "shop_cipher": "GCP_alice"}
    assert error(alice.send("GET", WAREHOUSES, query))[:2] == (401, 36009004)


def test_an_unknown_access_token_is_refused(client):
    response = ShopClient(client, token="ROW_not-a-token").get(WAREHOUSES)
    assert error(response)[:2] == (401, 36009004)
    assert "x-tts-access-token" in response.json()["message"]


def test_an_expired_access_token_is_refused_with_105002(shop):
    shop.client.app.state.mock.clock.advance(7 * 86400)
    assert error(shop.get(WAREHOUSES))[:2] == (401, 105002)


def test_a_missing_sign_is_an_invalid_credential(shop):
    response = shop.client.get(WAREHOUSES, params={"app_key": APP_KEY, "timestamp": shop.now})
    assert error(response)[:2] == (401, 36009004) and "signature" in response.json()["message"]


def test_an_unknown_app_key_is_refused(shop):
    assert error(shop.get(WAREHOUSES, app_key="nope"))[:2] == (400, 36009004)


def test_the_debug_header_shows_the_string_the_mock_signed(shop):
    response = shop.get(WAREHOUSES, headers={"x-mock-debug": "1"}, timestamp=shop.now - 1)
    signed = f"app_key{APP_KEY}shop_cipher{GB_CIPHER}timestamp{shop.now - 1}"
    assert f"demo-shop-secret{WAREHOUSES}{signed}demo-shop-secret" in response.json()["message"]


def test_without_the_debug_header_the_signed_string_stays_hidden(shop):
    response = shop.get(WAREHOUSES, timestamp=shop.now - 1)
    assert "demo-shop-secret" not in response.json()["message"]


def test_an_empty_object_body_signed_without_it_passes_as_the_n8n_node_sends_it(shop):
    response = shop.send("POST", SEARCH, base_query(shop, page_size="3"), "{}", signed_body="")
    assert response.json()["code"] == 0


def test_a_missing_shop_cipher_is_refused(shop):
    response = shop.get(WAREHOUSES, cipher=None)
    assert error(response)[:2] == (400, 36009004) and "shop_cipher" in response.json()["message"]


def test_a_shop_cipher_on_a_seller_api_is_refused(shop):
    response = shop.get("/seller/202309/shops")
    assert error(response)[:2] == (400, 36009004) and "not required" in response.json()["message"]


def test_an_unknown_shop_cipher_is_refused(shop):
    assert error(shop.get(WAREHOUSES, cipher="GCP_nobody"))[:2] == (400, 36009010)


OTHER_SELLER = """
shop:
  apps:
    - {app_key: k1, app_secret: s1, redirect_uri: "http://localhost/cb"}
  sellers:
    - {name: Alice, shops: [{name: A, cipher: GCP_alice, orders: 2, products: 2}]}
    - {name: Bob, shops: [{name: B, cipher: GCP_bob, orders: 2, products: 2}]}
  tokens:
    - {app: k1, seller: Alice, access_token: ROW_alice, refresh_token: ROW_alice_r}
"""


def test_the_token_sellers_own_shop_cipher_passes(make_client):
    alice = ShopClient(make_client(OTHER_SELLER), token="ROW_alice", secret="s1", app_key="k1")
    assert alice.get(WAREHOUSES, cipher="GCP_alice").json()["code"] == 0


def test_another_sellers_shop_cipher_is_refused(make_client):
    alice = ShopClient(make_client(OTHER_SELLER), token="ROW_alice", secret="s1", app_key="k1")
    assert error(alice.get(WAREHOUSES, cipher="GCP_bob"))[:2] == (400, 36009010)


def test_a_token_without_the_scope_is_denied(client):
    body = ShopClient(client, token="ROW_demo_orders_only").get(WAREHOUSES).json()
    assert (body["code"], body["data"]) == (105005, None)


def test_an_unknown_shop_path_is_36009009_not_found(shop):
    assert error(shop.get("/order/202309/nothing_here")) == (404, 36009009, None)


def test_the_second_shop_of_the_seller_is_served(shop):
    data = shop.data(shop.post(SEARCH, {}, params={"page_size": 50}, cipher=US_CIPHER))
    assert data["total_count"] == 15
