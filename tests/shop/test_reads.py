"""Searches, filters and paging over a stable order; the other reads."""

from __future__ import annotations

import pytest

SEARCH = "/order/202309/orders/search"


def all_pages(shop, path, body, **params):
    seen, token, pages = [], "", 0
    while True:
        query = {**params, **({"page_token": token} if token else {})}
        data = shop.data(shop.post(path, body, params=query))
        seen.extend(data["orders"] if "orders" in data else data["products"])
        token, pages = data["next_page_token"], pages + 1
        if not token:
            return seen, data["total_count"], pages


def test_paging_order_search_to_the_end_yields_every_order_once(shop):
    orders, total, pages = all_pages(shop, SEARCH, {}, page_size=7)
    ids = [order["id"] for order in orders]
    assert len(ids) == len(set(ids)) == total == 120 and pages == 18


def test_paging_a_filtered_search_yields_every_match_once_newest_first(shop):
    orders, total, _ = all_pages(shop, SEARCH, {"order_status": "COMPLETED"}, page_size=5)
    times = [order["create_time"] for order in orders]
    assert {order["status"] for order in orders} == {"COMPLETED"}
    assert len({order["id"] for order in orders}) == total == len(orders) and times == sorted(times, reverse=True)


def test_ascending_update_time_order(shop):
    data = shop.data(shop.post(SEARCH, {}, params={"page_size": 50, "sort_field": "update_time", "sort_order": "ASC"}))
    times = [order["update_time"] for order in data["orders"]]
    assert times == sorted(times)


def test_a_create_time_window_filters(shop):
    everything = shop.data(shop.post(SEARCH, {}, params={"page_size": 100}))["orders"]
    cut = sorted(order["create_time"] for order in everything)[60]
    data = shop.data(shop.post(SEARCH, {"create_time_ge": cut}, params={"page_size": 100}))
    assert data["total_count"] == sum(order["create_time"] >= cut for order in everything)
    assert all(order["create_time"] >= cut for order in data["orders"])


def test_a_time_filter_written_with_a_zero_fraction_is_that_integer(shop):
    everything = shop.data(shop.post(SEARCH, {}, params={"page_size": 100}))["orders"]
    cut = sorted(order["create_time"] for order in everything)[60]
    as_int = shop.data(shop.post(SEARCH, {"create_time_ge": cut}, params={"page_size": 100}))
    as_float = shop.data(shop.post(SEARCH, {"create_time_ge": float(cut)}, params={"page_size": 100}))

    assert as_float["total_count"] == as_int["total_count"] < len(everything)


def test_a_time_filter_with_a_fraction_is_refused(shop):
    body = shop.post(SEARCH, {"create_time_ge": 1.5}, params={"page_size": 5}).json()
    assert body["code"] == 36009004 and "create_time_ge" in body["message"]


def test_order_search_needs_a_page_size(shop):
    body = shop.post(SEARCH, {}).json()
    assert body["code"] == 36009004 and "page_size" in body["message"]


def test_an_unknown_order_status_is_refused(shop):
    assert shop.post(SEARCH, {"order_status": "LOST"}, params={"page_size": 5}).json()["code"] == 36009004


def test_a_foreign_page_token_is_refused(shop):
    assert shop.post(SEARCH, {}, params={"page_size": 5, "page_token": "nope!"}).json()["code"] == 36009004


@pytest.mark.parametrize("version", ["202309", "202507"])
def test_orders_by_ids_in_both_versions(shop, version):
    ids = [o["id"] for o in shop.data(shop.post(SEARCH, {}, params={"page_size": 3}))["orders"]]
    data = shop.data(shop.get(f"/order/{version}/orders", params={"ids": ",".join(ids)}))
    assert [order["id"] for order in data["orders"]] == ids
    assert data["orders"][0]["line_items"][0]["seller_sku"]


def test_paging_product_search_yields_every_active_product_once(shop):
    products, total, _ = all_pages(shop, "/product/202502/products/search", {"status": "ACTIVATE"}, page_size=9)
    assert len({p["id"] for p in products}) == len(products) == total > 0
    assert {p["status"] for p in products} == {"ACTIVATE"}


def test_product_search_filters_by_seller_sku(shop):
    first = shop.data(shop.post("/product/202309/products/search", {}, params={"page_size": 1}))["products"][0]
    sku = first["skus"][0]["seller_sku"]
    data = shop.data(shop.post("/product/202309/products/search", {"seller_skus": [sku]}, params={"page_size": 10}))
    assert [p["id"] for p in data["products"]] == [first["id"]]


def test_statements_need_sort_field_statement_time(shop):
    assert shop.get("/finance/202309/statements").json()["code"] == 36009004


def test_statement_transactions_add_up_to_the_statement(shop):
    statement = shop.data(shop.get("/finance/202309/statements", params={"sort_field": "statement_time"}))[
        "statements"
    ][0]
    path = f"/finance/202501/statements/{statement['id']}/statement_transactions"
    lines = shop.data(shop.get(path, params={"page_size": 100}))["transactions"]
    total = sum(round(float(line["settlement_amount"]) * 100) for line in lines)
    assert total == round(float(statement["settlement_amount"]) * 100)


def test_delivery_options_and_shipping_providers_chain(shop):
    warehouse = shop.data(shop.get("/logistics/202309/warehouses"))["warehouses"][0]
    options = shop.data(shop.get(f"/logistics/202309/warehouses/{warehouse['id']}/delivery_options"))
    option = options["delivery_options"][0]
    providers = shop.data(shop.get(f"/logistics/202309/delivery_options/{option['id']}/shipping_providers"))
    assert providers["shipping_providers"][0]["name"]


def test_an_unknown_warehouse_is_not_found(shop):
    assert shop.get("/logistics/202309/warehouses/1/delivery_options").json()["code"] == 36009011


def test_shop_performance_per_day(shop):
    params = {"start_date_ge": "2025-12-01", "end_date_lt": "2025-12-04", "granularity": "1D"}
    intervals = shop.data(shop.get("/analytics/202405/shop/performance", params=params))["performance"]["intervals"]
    assert [i["start_date"] for i in intervals] == ["2025-12-01", "2025-12-02", "2025-12-03"]
    assert intervals[0]["gmv"]["currency"] == "GBP"
