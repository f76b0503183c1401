"""Shop bugs the contract run found, each pinned by a test."""

from __future__ import annotations

import pytest

from mock_server.families.shop import errors as codes
from tests.shop.conftest import GB_CIPHER


def test_a_known_shop_path_with_a_wrong_method_answers_405_with_allow(shop):
    response = shop.request("PUT", "/order/202309/orders/search")

    assert response.status_code == 405
    assert response.headers["allow"] == "POST"
    assert response.json()["code"] == 36009009


def test_an_unknown_shop_path_still_answers_404(shop):
    response = shop.get("/order/202309/no_such_thing")

    assert response.status_code == 404
    assert response.json()["code"] == 36009009


@pytest.mark.parametrize(
    ("start", "end"),
    [("0001-01-01", "0001-01-05"), ("2025-01-01", "2027-01-01")],
)
def test_shop_performance_refuses_out_of_range_dates_with_invalid_params(shop, start, end):
    response = shop.get(
        "/analytics/202405/shop/performance",
        params={"start_date_ge": start, "end_date_lt": end, "with_comparison": "true", "granularity": "1D"},
    )

    assert response.status_code == 400
    assert response.json()["code"] == codes.INVALID_REQUEST
    assert "date" in response.json()["message"] or "start_date_ge" in response.json()["message"]


# -- found by the schemathesis run of the Shop spec -------------------------------------

STATEMENTS = "/finance/202309/statements"
PAYMENTS = "/finance/202309/payments"
PRODUCTS = "/product/202309/products"
PRODUCT_SEARCH = "/product/202309/products/search"
SHIP_UNKNOWN = "/fulfillment/202309/packages/0/ship"


def refused(response):
    """(HTTP status, Shop code) of a reply."""
    return response.status_code, response.json()["code"]


def new_product(amount="9.99", quantity=1):
    sku = {"price": {"amount": amount}, "inventory": [{"quantity": quantity}]}
    return {"title": "T", "description": "", "category_id": "1", "main_images": [{"uri": "u"}], "skus": [sku]}


def test_a_superscript_digit_page_size_is_invalid_not_a_500(shop):
    response = shop.get(STATEMENTS, params={"sort_field": "statement_time", "page_size": "²"})
    assert refused(response) == (400, codes.INVALID_REQUEST)


def test_a_superscript_digit_time_filter_is_invalid_not_a_500(shop):
    response = shop.get(PAYMENTS, params={"sort_field": "create_time", "create_time_ge": "²"})
    assert refused(response) == (400, codes.INVALID_REQUEST)


def test_a_negative_time_filter_is_invalid(shop):
    response = shop.get(STATEMENTS, params={"sort_field": "statement_time", "statement_time_ge": "-5"})
    assert refused(response) == (400, codes.INVALID_REQUEST)


@pytest.mark.parametrize("timestamp", ["²", "--5"])
def test_a_timestamp_int_cannot_read_is_an_invalid_credential_not_a_500(shop, timestamp):
    response = shop.get("/seller/202309/shops", cipher=None, timestamp=timestamp)
    assert refused(response) == (401, codes.INVALID_REQUEST)


def test_a_superscript_digit_price_is_invalid_not_a_500(shop):
    assert refused(shop.post(PRODUCTS, new_product(amount="²"))) == (400, codes.INVALID_REQUEST)


@pytest.mark.parametrize("quantity", ["a", None, -1, True])
def test_an_inventory_quantity_that_is_not_a_whole_number_is_invalid_not_a_500(shop, quantity):
    assert refused(shop.post(PRODUCTS, new_product(quantity=quantity))) == (400, codes.INVALID_REQUEST)


def test_a_json_null_body_is_not_an_object(shop):
    query = {"app_key": shop.app_key, "timestamp": str(shop.now), "shop_cipher": GB_CIPHER, "page_size": "5"}
    assert refused(shop.send("POST", PRODUCT_SEARCH, query, "null")) == (400, codes.INVALID_REQUEST)


def test_an_explicit_null_in_a_typed_body_field_is_invalid(shop):
    response = shop.post(PRODUCT_SEARCH, {"seller_skus": None}, params={"page_size": 5})
    assert refused(response) == (400, codes.INVALID_REQUEST)


def test_a_negative_body_time_is_invalid(shop):
    response = shop.post(PRODUCT_SEARCH, {"update_time_le": -1}, params={"page_size": 5})
    assert refused(response) == (400, codes.INVALID_REQUEST)


@pytest.mark.parametrize("body", [{}, {"self_shipment": None}, {"self_shipment": {"tracking_number": ""}}])
def test_a_ship_body_is_checked_before_the_package_is_looked_up(shop, body):
    assert refused(shop.post(SHIP_UNKNOWN, body)) == (400, codes.INVALID_REQUEST)


def test_package_line_items_are_checked_before_the_order_is_looked_up(shop):
    response = shop.post("/fulfillment/202309/packages", {"order_id": "0", "order_line_item_ids": [{}]})
    assert refused(response) == (400, codes.INVALID_REQUEST)


def test_the_document_type_is_checked_before_the_package_is_looked_up(shop):
    response = shop.get("/fulfillment/202309/packages/0/shipping_documents", params={"document_type": "NOPE"})
    assert refused(response) == (400, codes.INVALID_REQUEST)


def test_statement_transaction_paging_is_checked_before_the_statement_is_looked_up(shop):
    response = shop.get("/finance/202501/statements/0/statement_transactions", params={"page_size": "5#"})
    assert refused(response) == (400, codes.INVALID_REQUEST)


@pytest.mark.parametrize("ids", ["1,,2", ",", ",".join(["1"] * 51)])
def test_order_ids_need_one_to_fifty_non_empty_ids(shop, ids):
    assert refused(shop.get("/order/202507/orders", params={"ids": ids})) == (400, codes.INVALID_REQUEST)


@pytest.mark.parametrize("types", ["withdraw", "WITHDRAW, SETTLE"])
def test_withdrawal_types_are_spelled_exactly(shop, types):
    response = shop.get("/finance/202309/withdrawals", params={"types": types})
    assert refused(response) == (400, codes.INVALID_REQUEST)


def test_shop_performance_dates_are_yyyy_mm_dd_only(shop):
    params = {"start_date_ge": "20250101", "end_date_lt": "2025-01-05"}
    response = shop.get("/analytics/202405/shop/performance", params=params)
    assert refused(response) == (400, codes.INVALID_REQUEST)


def test_an_external_order_reference_needs_its_own_platform(shop):
    body = [{"id": "1", "external_order": {"id": "#1"}}]
    response = shop.post("/order/202406/orders/external_orders", body, params={"platform": "SHOPIFY"})
    assert refused(response) == (400, codes.INVALID_REQUEST)


def test_external_order_search_refuses_a_body_that_is_not_an_object(shop):
    params = {"platform": "SHOPIFY", "external_order_id": "#1"}
    response = shop.post("/order/202406/orders/external_order_search", [None], params=params)
    assert refused(response) == (400, codes.INVALID_REQUEST)


@pytest.mark.parametrize("method", ["PUT", "OPTIONS"])
def test_a_405_on_a_path_with_two_methods_allows_both_in_the_shop_envelope(shop, method):
    response = shop.request(method, PRODUCTS)
    assert refused(response) == (405, codes.UNKNOWN_PATH)
    assert response.headers["allow"] == "DELETE, POST"


def test_a_wrong_method_on_a_literal_path_is_a_405_not_a_templated_lookup(shop):
    response = shop.get(PRODUCT_SEARCH)
    assert refused(response) == (405, codes.UNKNOWN_PATH)
    assert response.headers["allow"] == "POST"


@pytest.mark.parametrize("path", ["/oauth/authorize", "/open/authorize"])
def test_the_seller_authorization_page_405_allows_get_and_post(client, path):
    allowed = client.put(path).headers["allow"].split(", ")
    assert {"GET", "POST"} <= set(allowed)


def test_an_empty_enum_value_is_invalid_before_the_record_is_looked_up(shop):
    response = shop.get(
        "/finance/202501/statements/00/statement_transactions", params={"sort_field": ""}, cipher=GB_CIPHER
    )

    assert response.status_code == 400
    assert response.json()["code"] == codes.INVALID_REQUEST
    assert "sort_field" in response.json()["message"]
