"""Signed webhook deliveries, made by real state changes, retried on the mock clock."""

from __future__ import annotations

import pytest

from mock_server.kernel.events import DEVELOPER_EVENT
from mock_server.webhooks import WebhookReceiver, verify_shop_signature, verify_tiktok_signature
from tests.login_kit.helpers import WEB_APP
from tests.shop.conftest import APP_KEY, APP_SECRET, ShopClient

T0_S = 1772366400  # tests/conftest.py T0


def hook(client, app: str, url: str) -> None:
    assert client.post("/_mock/webhooks/url", json={"app": app, "url": url}).status_code == 200


def deliver(client) -> int:
    return client.post("/_mock/webhooks/deliver").json()["attempted"]


def deliveries(client, **filters) -> list[dict]:
    return client.get("/_mock/webhooks", params=filters).json()["deliveries"]


def test_revoking_a_token_sends_a_signed_authorization_removed(client, receiver):
    hook(client, WEB_APP["client_key"], receiver.url)

    client.post("/v2/oauth/revoke/", data={**WEB_APP, "token": "act.demo-tiktoker"})
    deliver(client)  # or the background sender already has: either way it arrives once

    [received] = receiver.wait_for("authorization.removed")
    payload = received.json
    assert payload == {
        "client_key": "sbawdemo000001",
        "event": "authorization.removed",
        "create_time": T0_S,
        "user_openid": "-000Tiktoker0pen1dDemo00000000000000",
        "content": '{"reason":5}',  # a JSON string, as TikTok sends it; 5: the developer revoked
    }
    assert verify_tiktok_signature("demo-secret", received.headers["tiktok-signature"], received.body, now=T0_S)
    assert not verify_tiktok_signature("wrong-secret", received.headers["tiktok-signature"], received.body, now=T0_S)
    assert not verify_tiktok_signature("demo-secret", received.headers["tiktok-signature"], received.body)  # real now


def test_the_user_disconnecting_the_app_ends_the_grant_and_tells_the_app(client, receiver):
    hook(client, WEB_APP["client_key"], receiver.url)

    reply = client.post("/_mock/users/tiktoker/disconnect", json={"client_key": WEB_APP["client_key"]})
    deliver(client)

    assert reply.json()["had_grant"] is True
    [received] = receiver.wait_for("authorization.removed")
    assert received.content == {"reason": 1}
    info = client.get(
        "/v2/user/info/", params={"fields": "open_id"}, headers={"Authorization": "Bearer act.demo-tiktoker"}
    )
    assert info.status_code == 401


def test_shipping_a_package_sends_a_signed_shop_order_status_change(client, receiver):
    hook(client, APP_KEY, receiver.url)
    shop = ShopClient(client)
    order = next(
        o
        for o in shop.data(shop.post("/order/202309/orders/search", {}, params={"page_size": 50}))["orders"]
        if o["status"] == "AWAITING_SHIPMENT"
    )
    package = shop.data(shop.post("/fulfillment/202309/packages", {"order_id": order["id"]}))
    shop.data(shop.post(f"/fulfillment/202309/packages/{package['package_id']}/ship", {"handover_method": "PICKUP"}))
    deliver(client)

    [received] = receiver.wait_for("1")  # ORDER_STATUS_CHANGE
    payload = received.json
    assert payload["type"] == 1 and payload["shop_id"] and payload["timestamp"] == T0_S
    assert payload["data"]["order_id"] == order["id"]
    assert payload["data"]["order_status"] in ("AWAITING_COLLECTION", "IN_TRANSIT")
    assert verify_shop_signature(APP_KEY, APP_SECRET, received.headers["authorization"], received.body)


def test_a_control_action_moves_an_order_and_the_seller_apps_hear_of_it(client, receiver):
    hook(client, APP_KEY, receiver.url)
    shop = ShopClient(client)
    order_id = shop.data(shop.post("/order/202309/orders/search", {}, params={"page_size": 1}))["orders"][0]["id"]

    assert client.post(f"/_mock/shop/orders/{order_id}/status", json={"status": "CANCELLED"}).status_code == 200
    deliver(client)

    [received] = receiver.wait_for("1")
    assert received.json["data"]["order_status"] == "CANCEL"  # the webhook's word; the Order API says CANCELLED
    listed = shop.data(shop.get("/order/202309/orders", params={"ids": order_id}))["orders"][0]
    assert listed["status"] == "CANCELLED"


def test_the_shop_signature_matches_tiktoks_published_sample():
    body = (
        b'{"type":1,"tts_notification_id":"7380066284010030890","shop_id":"7495540735365777507","timestamp":1718305585,'
        b'"data":{"is_on_hold_order":true,"order_id":"576653688135258178","order_status":"UNPAID","update_time":1718305585}}'
    )
    sample = "5dec0f11ec2f6783b8deee53c9ffbf8d024302f7c7e7fa55a35d17629031ac05"

    assert verify_shop_signature("abcdef", "123", sample, body)


def test_a_failing_receiver_is_retried_with_backoff_on_the_mock_clock_until_it_answers_200(client, clock):
    failing = WebhookReceiver(status=500)
    try:
        hook(client, WEB_APP["client_key"], failing.url)
        client.post("/_mock/users/tiktoker/disconnect", json={"client_key": WEB_APP["client_key"]})
        deliver(client)
        [delivery] = deliveries(client)
        assert delivery["state"] == "pending" and [a["status"] for a in delivery["attempts"]] == [500]
        assert delivery["next_attempt_at"] == T0_S + 60

        assert deliver(client) == 0  # not due yet
        clock.advance(60)
        deliver(client)
        assert deliveries(client)[0]["next_attempt_at"] == T0_S + 60 + 120  # the gap doubles

        failing.status = 200
        clock.advance(120)
        deliver(client)
        [delivery] = deliveries(client)
        assert delivery["state"] == "delivered" and [a["status"] for a in delivery["attempts"]] == [500, 500, 200]
        # At least once: every attempt carried the event (in-process, a background attempt whose
        # request loop ended can arrive without its answer being recorded: one more, never fewer).
        assert len(failing.received) >= 3 and {r.body for r in failing.received} == {failing.received[0].body}
    finally:
        failing.close()


def test_only_200_counts_as_delivered_by_default(client):
    accepted = WebhookReceiver(status=204)
    try:
        hook(client, WEB_APP["client_key"], accepted.url)
        client.post("/_mock/users/tiktoker/disconnect", json={"client_key": WEB_APP["client_key"]})
        deliver(client)
        assert deliveries(client)[0]["state"] == "pending"
    finally:
        accepted.close()


def test_after_72_hours_of_failures_the_delivery_is_dropped(client, clock):
    failing = WebhookReceiver(status=503)
    try:
        hook(client, WEB_APP["client_key"], failing.url)
        client.post("/_mock/users/tiktoker/disconnect", json={"client_key": WEB_APP["client_key"]})
        for _ in range(40):
            deliver(client)
            clock.advance(3 * 3600)
        [delivery] = deliveries(client)
        assert delivery["state"] == "dropped"
        assert delivery["attempts"][-1]["at"] - delivery["created_at"] <= 72 * 3600
        attempts = len(delivery["attempts"])
        clock.advance(24 * 3600)
        deliver(client)
        assert len(deliveries(client)[0]["attempts"]) == attempts  # dropped: never tried again
    finally:
        failing.close()


def test_a_refused_connection_is_an_attempt_that_failed_and_the_api_goes_on(client):
    hook(client, WEB_APP["client_key"], "http://127.0.0.1:9/nobody-listens")
    client.post("/_mock/users/tiktoker/disconnect", json={"client_key": WEB_APP["client_key"]})

    deliver(client)

    [attempt] = deliveries(client)[0]["attempts"]
    assert attempt["status"] is None and "Connect" in attempt["error"]
    info = client.get(
        "/v2/user/info/", params={"fields": "open_id"}, headers={"Authorization": "Bearer act.demo-dancequeen-full"}
    )
    assert info.status_code == 200


def test_pause_holds_deliveries_and_resume_sends_them(client, receiver):
    hook(client, WEB_APP["client_key"], receiver.url)
    client.post("/_mock/webhooks/pause")
    client.post("/_mock/users/tiktoker/disconnect", json={"client_key": WEB_APP["client_key"]})

    assert deliver(client) == 0
    assert deliveries(client)[0]["attempts"] == []
    client.post("/_mock/webhooks/resume")
    deliver(client)
    receiver.wait_for("authorization.removed")


def test_a_delivery_can_be_sent_again_as_a_duplicate(client, receiver):
    hook(client, WEB_APP["client_key"], receiver.url)
    client.post("/_mock/users/tiktoker/disconnect", json={"client_key": WEB_APP["client_key"]})
    deliver(client)
    [delivery] = deliveries(client)

    client.post(f"/_mock/webhooks/{delivery['id']}/redeliver")
    deliver(client)

    first, second = receiver.wait_for("authorization.removed", count=2)
    assert first.body == second.body  # the same event, delivered twice


def test_a_test_event_of_any_type_goes_to_the_app(client, receiver):
    hook(client, WEB_APP["client_key"], receiver.url)

    reply = client.post(
        "/_mock/webhooks/test",
        json={"app": WEB_APP["client_key"], "event": "portability.download.ready", "content": {"request_id": 7}},
    )
    deliver(client)

    assert reply.status_code == 201
    [received] = receiver.wait_for("portability.download.ready")
    assert received.content == {"request_id": 7} and "user_openid" not in received.json


@pytest.mark.parametrize(("kind", "number"), [("PRODUCT_STATUS_CHANGE", 5), ("RETURN_STATUS_CHANGE", 12)])
def test_a_shop_test_event_carries_tiktoks_type_number_and_is_signed(client, receiver, kind, number):
    hook(client, APP_KEY, receiver.url)
    data = {"product_id": "1729587969425343", "status": "ACTIVATE"}

    reply = client.post("/_mock/webhooks/test", json={"app": APP_KEY, "event": kind, "content": data})
    deliver(client)

    assert reply.status_code == 201
    [received] = receiver.wait_for(str(number))  # a Shop delivery is known by its type number
    assert received.json["type"] == number and received.json["data"] == data
    assert verify_shop_signature(APP_KEY, APP_SECRET, received.headers["authorization"], received.body)


def test_an_app_without_a_callback_url_gets_nothing(client):
    client.post("/_mock/users/tiktoker/disconnect", json={"client_key": WEB_APP["client_key"]})

    assert deliveries(client) == []
    assert client.post("/_mock/webhooks/test", json={"app": "sbawdemo000001", "event": "x"}).status_code == 400


def test_a_reset_forgets_deliveries_and_run_time_urls(client, receiver):
    hook(client, WEB_APP["client_key"], receiver.url)
    client.post("/_mock/users/tiktoker/disconnect", json={"client_key": WEB_APP["client_key"]})
    client.post("/_mock/reset")

    assert deliveries(client) == []
    client.post("/_mock/users/tiktoker/disconnect", json={"client_key": WEB_APP["client_key"]})
    assert deliveries(client) == []  # the URL set at run time went with the reset


def test_the_background_sender_delivers_without_being_asked(tiktok_mock, tiktok_webhooks):
    tiktok_mock.call("POST", "/users/tiktoker/disconnect", {"client_key": "sbawdemo000001"})

    [received] = tiktok_webhooks.wait_for("authorization.removed", timeout=5)
    assert received.content == {"reason": 1}


def test_a_family_can_raise_any_developer_event_and_it_is_delivered_signed(client, receiver):
    hook(client, WEB_APP["client_key"], receiver.url)
    mock = client.app.state.mock
    app = mock.login_kit.app(WEB_APP["client_key"])
    content = {"publish_id": "v_pub_file~v2.123", "publish_type": "DIRECT_POST"}
    mock.events.emit(DEVELOPER_EVENT, app=app, open_id="-000x", event="post.publish.complete", content=content)
    deliver(client)

    [received] = receiver.wait_for("post.publish.complete")
    assert received.content == content and received.json["user_openid"] == "-000x"
    assert verify_tiktok_signature("demo-secret", received.headers["tiktok-signature"], received.body, now=T0_S)


def test_a_scenario_can_force_the_at_least_once_duplicate(client, receiver):
    document = "scenarios:\n  twice:\n    - {action: set, setting: webhooks.duplicate, value: true}\n"
    assert client.post("/_mock/fixtures", content=document).status_code == 201
    assert client.post("/_mock/scenarios/twice", json={"client_key": WEB_APP["client_key"]}).status_code == 200
    hook(client, WEB_APP["client_key"], receiver.url)

    client.post("/v2/oauth/revoke/", data={**WEB_APP, "token": "act.demo-tiktoker"})
    deliver(client)

    first, second = receiver.wait_for("authorization.removed", count=2)
    assert first.body == second.body and first.headers["tiktok-signature"] == second.headers["tiktok-signature"]
    assert [d["event"] for d in deliveries(client)] == ["authorization.removed", "authorization.removed"]
    client.post("/_mock/reset")  # forgets the setting
    hook(client, WEB_APP["client_key"], receiver.url)
    client.post("/v2/oauth/revoke/", data={**WEB_APP, "token": "act.demo-tiktoker"})
    assert [d["event"] for d in deliveries(client)] == ["authorization.removed"]
