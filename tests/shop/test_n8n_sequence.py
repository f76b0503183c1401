"""The n8n "TikTok Shop" node's everyday run (tiktok-api.md §4.5), end to end:
token get -> seller shops -> order search -> order detail -> statements -> warehouses."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from tests.shop.conftest import APP_KEY, APP_SECRET, ShopClient, mint_code


def test_an_n8n_like_sequence(client, shop_state):
    code = mint_code(client, "Demo Seller")
    params = {"app_key": APP_KEY, "app_secret": APP_SECRET, "auth_code": code, "grant_type": "authorized_code"}
    tokens = client.get("/api/v2/token/get", params=params, headers={"Content-Type": "application/json"}).json()
    shop = ShopClient(client, token=tokens["data"]["access_token"])

    shops = shop.data(shop.get("/seller/202309/shops", cipher=None))["shops"]
    cipher = next(s["cipher"] for s in shops if s["region"] == "GB")
    found = shop.data(shop.post("/order/202309/orders/search", {}, params={"page_size": 20}, cipher=cipher))
    ids = [order["id"] for order in found["orders"]]
    detail = shop.data(shop.get("/order/202507/orders", params={"ids": ",".join(ids)}, cipher=cipher))
    statements = shop.data(
        shop.get("/finance/202309/statements", params={"sort_field": "statement_time", "page_size": 20}, cipher=cipher)
    )
    warehouses = shop.data(shop.get("/logistics/202309/warehouses", cipher=cipher))

    assert found["total_count"] == 120 and len(ids) == 20 and found["next_page_token"]
    assert [order["id"] for order in detail["orders"]] == ids
    assert statements["statements"] and all(isinstance(s["settlement_amount"], str) for s in statements["statements"])
    assert any(w["is_default"] for w in warehouses["warehouses"])


def test_the_auto_approve_page_starts_the_same_run_without_a_browser(client):
    location = client.get("/oauth/authorize", params={"app_key": "6demo00auto", "state": "n8n"}).headers["location"]
    code = parse_qs(urlsplit(location).query)["code"][0]
    params = {
        "app_key": "6demo00auto",
        "app_secret": "demo-auto-secret",
        "auth_code": code,
        "grant_type": "authorized_code",
    }
    data = client.get("/api/v2/token/get", params=params).json()["data"]
    shop = ShopClient(client, token=data["access_token"], secret="demo-auto-secret", app_key="6demo00auto")
    assert shop.data(shop.get("/authorization/202309/shops", cipher=None))["shops"][0]["name"] == "Demo Shop GB"
