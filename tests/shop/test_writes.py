"""Writes change state that later reads see; reset puts the fixture back."""

from __future__ import annotations

import struct
import zlib

NEW_PRODUCT = {
    "title": "Mock Linen Apron",
    "description": "<p>Sturdy.</p>",
    "category_id": "600001",
    "main_images": [{"uri": "tos-maliva-i-o3syd03w52-us/abc"}],
    "skus": [
        {
            "seller_sku": "APRON-1",
            "price": {"amount": "19.90", "currency": "GBP"},
            "inventory": [{"warehouse_id": "1", "quantity": 5}],
        }
    ],
}


def first_order(shop, status):
    body = {"order_status": status}
    return shop.data(shop.post("/order/202309/orders/search", body, params={"page_size": 1}))["orders"][0]


def test_a_created_product_is_read_back(shop):
    created = shop.data(shop.post("/product/202309/products", NEW_PRODUCT))
    product = shop.data(shop.get(f"/product/202309/products/{created['product_id']}"))
    assert (product["title"], product["status"]) == ("Mock Linen Apron", "PENDING")
    assert product["skus"][0]["price"]["sale_price"] == "19.90"


def test_an_inventory_quantity_written_as_5_0_is_the_integer_5(shop):
    sku = {**NEW_PRODUCT["skus"][0], "inventory": [{"warehouse_id": "1", "quantity": 5.0}]}
    created = shop.data(shop.post("/product/202309/products", {**NEW_PRODUCT, "skus": [sku]}))
    product = shop.data(shop.get(f"/product/202309/products/{created['product_id']}"))
    assert product["skus"][0]["inventory"][0]["quantity"] == 5


def test_a_product_without_skus_is_refused(shop):
    body = shop.post("/product/202309/products", {**NEW_PRODUCT, "skus": []}).json()
    assert body["code"] == 36009004 and "skus" in body["message"]


def test_a_deleted_product_leaves_the_search(shop):
    product = shop.data(shop.post("/product/202309/products/search", {}, params={"page_size": 1}))["products"][0]
    body = {"product_ids": [product["id"], "404"]}
    errors = shop.data(shop.request("DELETE", "/product/202309/products", body=body))["errors"]
    assert [e["detail"]["product_id"] for e in errors] == ["404"]
    assert shop.data(shop.get(f"/product/202309/products/{product['id']}"))["status"] == "DELETED"
    after = shop.data(shop.post("/product/202309/products/search", {}, params={"page_size": 100}))["products"]
    assert product["id"] not in {p["id"] for p in after}


def test_shipping_a_package_moves_the_order(shop):
    order = first_order(shop, "AWAITING_SHIPMENT")
    package_id = order["packages"][0]["id"]
    assert shop.data(shop.post(f"/fulfillment/202309/packages/{package_id}/ship", {"handover_method": "PICKUP"})) == {}
    after = shop.data(shop.get("/order/202507/orders", params={"ids": order["id"]}))["orders"][0]
    assert after["status"] == "AWAITING_COLLECTION" and after["tracking_number"].startswith("TT")
    assert after["line_items"][0]["package_status"] == "FULFILLING"


def test_self_shipment_puts_the_order_in_transit_with_its_tracking_number(shop):
    order = first_order(shop, "AWAITING_SHIPMENT")
    ship = {"self_shipment": {"tracking_number": "RM123456789GB", "shipping_provider_id": "6900000000000000001"}}
    shop.data(shop.post(f"/fulfillment/202309/packages/{order['packages'][0]['id']}/ship", ship))
    after = shop.data(shop.get("/order/202309/orders", params={"ids": order["id"]}))["orders"][0]
    assert (after["status"], after["tracking_number"]) == ("IN_TRANSIT", "RM123456789GB")


def test_a_shipped_package_cannot_ship_again(shop):
    package_id = first_order(shop, "AWAITING_SHIPMENT")["packages"][0]["id"]
    shop.post(f"/fulfillment/202309/packages/{package_id}/ship", {"handover_method": "DROP_OFF"})
    again = shop.post(f"/fulfillment/202309/packages/{package_id}/ship", {"handover_method": "DROP_OFF"}).json()
    assert again["code"] == 36009012


def test_a_shipping_label_exists_once_shipped(shop):
    package_id = first_order(shop, "AWAITING_SHIPMENT")["packages"][0]["id"]
    path = f"/fulfillment/202309/packages/{package_id}/shipping_documents"
    assert shop.get(path, params={"document_type": "SHIPPING_LABEL"}).json()["code"] == 36009012
    shop.post(f"/fulfillment/202309/packages/{package_id}/ship", {"handover_method": "DROP_OFF"})
    assert shop.data(shop.get(path, params={"document_type": "SHIPPING_LABEL"}))["doc_url"].endswith(".pdf")


def test_a_created_package_replaces_the_orders_open_package(shop):
    order = first_order(shop, "AWAITING_SHIPMENT")
    created = shop.data(shop.post("/fulfillment/202309/packages", {"order_id": order["id"]}))
    after = shop.data(shop.get("/order/202309/orders", params={"ids": order["id"]}))["orders"][0]
    assert [p["id"] for p in after["packages"]] == [created["package_id"]]


def test_an_external_order_reference_is_found_again(shop):
    order = first_order(shop, "COMPLETED")
    references = [{"id": order["id"], "external_order": {"platform": "SHOPIFY", "id": "#1001"}}]
    assert shop.data(shop.post("/order/202406/orders/external_orders", references)) == {"errors": []}
    found = shop.data(shop.get(f"/order/202406/orders/{order['id']}/external_orders", params={"platform": "SHOPIFY"}))
    assert found["external_orders"][0]["id"] == "#1001"
    params = {"platform": "SHOPIFY", "external_order_id": "#1001"}
    searched = shop.data(shop.post("/order/202406/orders/external_order_search", {}, params=params))
    assert [o["id"] for o in searched["orders"]] == [order["id"]]


def test_reset_restores_the_fixture(shop, mock):
    order = first_order(shop, "AWAITING_SHIPMENT")
    shop.post(f"/fulfillment/202309/packages/{order['packages'][0]['id']}/ship", {"handover_method": "PICKUP"})
    mock.reset()
    after = shop.data(shop.get("/order/202309/orders", params={"ids": order["id"]}))["orders"][0]
    assert after["status"] == "AWAITING_SHIPMENT"


def png(width, height):
    chunk = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    ihdr = struct.pack(">I", len(chunk)) + b"IHDR" + chunk + struct.pack(">I", zlib.crc32(b"IHDR" + chunk))
    return b"\x89PNG\r\n\x1a\n" + ihdr


def test_an_uploaded_image_reports_its_size(shop):
    from mock_server.families.shop import signing
    from tests.shop.conftest import APP_KEY

    path = "/product/202309/images/upload"
    query = {"app_key": APP_KEY, "timestamp": str(shop.now)}
    query["sign"] = signing.sign(shop.secret, path, query)  # multipart: the body is not signed
    response = shop.client.post(
        path,
        params=query,
        headers={"x-tts-access-token": shop.token},
        files={"data": ("a.png", png(640, 480), "image/png")},
        data={"use_case": "MAIN_IMAGE"},
    )
    data = shop.data(response)
    assert (data["width"], data["height"], data["use_case"]) == (640, 480, "MAIN_IMAGE")


def test_create_packages_takes_tiktoks_published_shape_ship_type_and_order_line_item(shop):
    search = {"order_status": "AWAITING_SHIPMENT"}
    orders = shop.data(shop.post("/order/202309/orders/search", search, params={"page_size": 50}))["orders"]
    order = next(o for o in orders if len(o["line_items"]) > 1)
    first = order["line_items"][0]["id"]

    split = {"ship_type": "2", "order_id": order["id"], "order_line_item": [{"order_line_id": first}]}
    created = shop.data(shop.post("/fulfillment/202512/packages", split))

    assert created["order_line_item_ids"] == [first]
    combined = shop.post("/fulfillment/202309/packages", {"ship_type": "3", "order_list_ids": ["1", "2"]}).json()
    assert combined["code"] == 36009004 and "ship_type 3" in combined["message"]
    bad = shop.post(
        "/fulfillment/202309/packages", {"order_id": order["id"], "order_line_item": [{"id": first}]}
    ).json()
    assert bad["code"] == 36009004 and "order_line_item" in bad["message"]


def test_create_packages_refuses_a_line_item_twice_two_lists_or_ship_type_2_without_items(shop):
    order = first_order(shop, "AWAITING_SHIPMENT")
    item = order["line_items"][0]["id"]
    bodies = [
        {"ship_type": "2", "order_id": order["id"], "order_line_item": [{"order_line_id": item}] * 2},
        {"order_id": order["id"], "order_line_item_ids": [item, item]},
        {"order_id": order["id"], "order_line_item_ids": [item], "order_line_item": [{"order_line_id": item}]},
        {"ship_type": "2", "order_id": order["id"]},
    ]
    for body in bodies:
        reply = shop.post("/fulfillment/202512/packages", body)
        assert (reply.status_code, reply.json()["code"]) == (400, 36009004), body
    after = shop.data(shop.get("/order/202309/orders", params={"ids": order["id"]}))["orders"][0]
    assert [i["package_id"] for i in after["line_items"]] == [i["package_id"] for i in order["line_items"]]


def test_a_split_in_the_same_second_as_a_whole_order_package_gets_a_new_package_id(client, shop):
    search = {"order_status": "AWAITING_SHIPMENT"}
    orders = shop.data(shop.post("/order/202309/orders/search", search, params={"page_size": 50}))["orders"]
    order = next(o for o in orders if len(o["line_items"]) > 2)
    whole = shop.data(shop.post("/fulfillment/202512/packages", {"ship_type": "1", "order_id": order["id"]}))
    first = order["line_items"][0]["id"]

    part = {"ship_type": "2", "order_id": order["id"], "order_line_item": [{"order_line_id": first}]}
    split = shop.data(shop.post("/fulfillment/202512/packages", part))

    assert split["package_id"] != whole["package_id"]
    after = shop.data(shop.get("/order/202309/orders", params={"ids": order["id"]}))["orders"][0]
    packages = {i["id"]: i["package_id"] for i in after["line_items"]}
    assert packages[first] == split["package_id"]
    assert {p for i, p in packages.items() if i != first} == {whole["package_id"]}
