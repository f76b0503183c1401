"""The Event API (/event/202309/webhooks): a shop's webhook address per event type, set and
read through signed Partner calls, and where the Shop's webhooks then go."""

from __future__ import annotations

import pytest

from mock_server.webhooks import WebhookReceiver
from tests.shop.conftest import APP_KEY, US_CIPHER
from tests.shop.test_writes import first_order

PATH = "/event/202309/webhooks"


def put(shop, body) -> dict:
    return shop.request("PUT", PATH, body=body).json()


def listed(shop, cipher=None) -> dict:
    return shop.data(shop.get(PATH, **({"cipher": cipher} if cipher else {})))


def test_a_shop_has_no_webhooks_until_one_is_set(shop):
    assert listed(shop) == {"total_count": 0, "webhooks": []}


def test_setting_a_webhook_lists_it_and_setting_it_again_moves_only_update_time(shop, clock):
    assert put(shop, {"address": "https://example.com/a", "event_type": "ORDER_STATUS_CHANGE"})["code"] == 0
    clock.advance(60)
    put(shop, {"address": "https://example.com/b", "event_type": "ORDER_STATUS_CHANGE"})

    [webhook] = listed(shop)["webhooks"]
    assert webhook == {
        "address": "https://example.com/b",
        "create_time": shop.now - 60,
        "event_type": "ORDER_STATUS_CHANGE",
        "update_time": shop.now,
    }
    assert listed(shop, cipher=US_CIPHER)["total_count"] == 0  # each shop has its own


def test_deleting_a_webhook_removes_it_and_deleting_none_is_a_success(shop):
    put(shop, {"address": "https://example.com/a", "event_type": "PACKAGE_UPDATE"})

    for _ in range(2):
        assert shop.request("DELETE", PATH, body={"event_type": "PACKAGE_UPDATE"}).json()["code"] == 0
    assert listed(shop)["total_count"] == 0


@pytest.mark.parametrize(
    ("body", "word"),
    [
        ({"address": "https://example.com/a", "event_type": "ORDER_CREATED"}, "event_type"),
        ({"address": "https://example.com/a"}, "event_type"),
        ({"event_type": "ORDER_STATUS_CHANGE"}, "address"),
        ({"address": "ftp://example.com/a", "event_type": "ORDER_STATUS_CHANGE"}, "address"),
        ({"address": "https://example.com/a\r\nX-Evil: 1", "event_type": "ORDER_STATUS_CHANGE"}, "address"),
        ({"address": "https://example.com/" + "a" * 236, "event_type": "ORDER_STATUS_CHANGE"}, "address"),
        ({"address": ["https://example.com/a"], "event_type": "ORDER_STATUS_CHANGE"}, "address"),
    ],
)
def test_a_bad_webhook_is_refused_naming_the_field_and_nothing_is_set(shop, body, word):
    reply = shop.request("PUT", PATH, body=body)

    assert reply.status_code == 400 and reply.json()["code"] == 36009004 and word in reply.json()["message"]
    assert listed(shop)["total_count"] == 0


def test_an_event_goes_to_the_shops_address_for_its_type_and_others_to_the_apps_url(client, shop):
    app_wide, order_hook = WebhookReceiver(), WebhookReceiver()
    try:
        client.post("/_mock/webhooks/url", json={"app": APP_KEY, "url": app_wide.url})
        put(shop, {"address": order_hook.url, "event_type": "ORDER_STATUS_CHANGE"})
        order_id = first_order(shop, "AWAITING_SHIPMENT")["id"]

        client.post(f"/_mock/shop/orders/{order_id}/status", json={"status": "ON_HOLD"})
        client.post(f"/_mock/shop/orders/{order_id}/address", json={"city": "Leeds"})
        client.post("/_mock/webhooks/deliver")

        assert order_hook.wait_for("1")[0].json["data"]["order_id"] == order_id
        assert app_wide.wait_for("3")[0].json["data"]["order_id"] == order_id
        assert {r.event for r in order_hook.received} == {"1"} and "1" not in {r.event for r in app_wide.received}
    finally:
        app_wide.close()
        order_hook.close()


def test_a_reset_forgets_the_shops_webhooks(client, shop):
    put(shop, {"address": "https://example.com/a", "event_type": "ORDER_STATUS_CHANGE"})

    client.post("/_mock/reset", json={"client_key": APP_KEY})

    assert listed(shop)["total_count"] == 0
