"""The control client's webhook and world methods (`tiktok_mock.disconnect(...)`, ...) against
a live mock, with the plugin's `tiktok_webhooks` receiver."""

from __future__ import annotations

import pytest

from mock_server.client import MockControlError
from tests.shop.conftest import APP_KEY, SELLER

WEB_APP = "sbawdemo000001"


def shop_records(tiktok_mock):
    return next(iter(tiktok_mock.app.state.mock.shop.records.values()))


def an_order(tiktok_mock, status: str) -> str:
    return next(o.id for o in shop_records(tiktok_mock).orders.values() if o.status == status)


def test_paused_deliveries_wait_and_go_out_on_resume(tiktok_mock, tiktok_webhooks):
    assert tiktok_mock.pause_webhooks() is True
    tiktok_mock.disconnect("tiktoker", WEB_APP, reason=4)

    [pending] = tiktok_mock.deliveries(app=WEB_APP, state="pending")
    assert pending["event"] == "authorization.removed" and pending["attempts"] == []

    assert tiktok_mock.pause_webhooks(False) is False
    tiktok_mock.deliver()
    [received] = tiktok_webhooks.wait_for("authorization.removed")
    assert received.content == {"reason": 4}
    again = tiktok_mock.redeliver(pending["id"])
    assert again["state"] == "pending"


def test_each_shop_action_reaches_the_receiver(tiktok_mock, tiktok_webhooks):
    awaiting, delivered = an_order(tiktok_mock, "AWAITING_SHIPMENT"), an_order(tiktok_mock, "DELIVERED")
    product = next(p.id for p in shop_records(tiktok_mock).products.values() if p.status == "ACTIVATE")

    tiktok_mock.change_address(awaiting, city="Leeds")
    tiktok_mock.cancellation(awaiting, "CANCELLATION_REQUEST_PENDING")
    tiktok_mock.order_return(delivered, "RETURN_OR_REFUND_REQUEST_PENDING", return_type="REPLACEMENT")
    tiktok_mock.move_order(delivered, "COMPLETED")
    tiktok_mock.edit_product(product, title="Edited")
    tiktok_mock.move_product(product, "FREEZE", reason="IP complaint")
    assert tiktok_mock.end_authorization_in(SELLER, APP_KEY, 2 * 86400)["expires_in"] == 2 * 86400
    tiktok_mock.advance("24h")  # past a 0:00 UTC before the end: a warning
    tiktok_mock.deliver()
    tiktok_webhooks.wait_for("7")
    tiktok_mock.deauthorize(SELLER, APP_KEY)
    tiktok_mock.deliver()

    for shop_type in ("3", "11", "12", "1", "15", "5", "37", "6"):
        tiktok_webhooks.wait_for(shop_type)
    assert tiktok_webhooks.wait_for("12")[0].json["data"]["return_type"] == "REPLACEMENT"


def test_a_test_event_and_a_refused_action_through_the_client(tiktok_mock, tiktok_webhooks):
    sent = tiktok_mock.send_test_event(APP_KEY, "NEW_MESSAGE", {"conversation_id": "1"}, shop_id="7494000000000000001")
    tiktok_mock.deliver()

    assert sent["event"] == "NEW_MESSAGE"
    assert tiktok_webhooks.wait_for("14")[0].json["data"] == {"conversation_id": "1"}
    with pytest.raises(MockControlError) as refused:
        tiktok_mock.order_return(an_order(tiktok_mock, "AWAITING_SHIPMENT"), "RETURN_OR_REFUND_REQUEST_PENDING")
    assert refused.value.status == 409
