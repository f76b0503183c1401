"""tiktok-shop-api (PyPI, an unofficial TikTok Shop SDK generated from TikTok's published
OpenAPI), unchanged but for its base URLs, against a live mock: OAuth, the Event API, and its
strict webhook parser (one generated model per type) over every webhook the Shop raises."""

from __future__ import annotations

import os
import subprocess
import sys

import httpx
import pytest

from mock_server.app import create_app
from mock_server.fixtures import bundled_fixture_path, load_fixture_file
from mock_server.kernel.clock import Clock
from mock_server.webhooks import WebhookReceiver
from tests.conftest import LiveServer
from tests.shop.conftest import APP_KEY, APP_SECRET, SELLER
from tests.shop.test_writes import NEW_PRODUCT

SDK = "tiktok-shop-api==0.1.0"


@pytest.fixture(scope="module")
def sdk(tmp_path_factory):
    """The SDK installed from PyPI into a scratch folder (nothing lands in the tree or the venv);
    --no-deps: its dependencies (httpx, attrs) are the suite's own."""
    folder = tmp_path_factory.mktemp("shop-sdk")
    install = [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(folder), SDK]
    result = subprocess.run(install, capture_output=True, text=True, timeout=300)
    if result.returncode != 0:
        if os.environ.get("CI"):
            pytest.fail(f"pip could not install {SDK}: {result.stderr[-500:]}")
        pytest.skip(f"pip could not install {SDK}")
    sys.path.insert(0, str(folder))
    import tiktok_shop_api

    yield tiktok_shop_api
    sys.path.remove(str(folder))


@pytest.fixture
def live():
    server = LiveServer(create_app(load_fixture_file(bundled_fixture_path()), clock=Clock())).start()
    yield server
    server.stop()


def control(live: LiveServer, path: str, body: dict) -> dict:
    reply = httpx.post(f"{live.origin}/_mock/{path}", json=body)
    assert reply.status_code < 300, reply.text
    return reply.json()


def test_the_sdk_logs_in_registers_a_webhook_and_parses_every_webhook_the_shop_sends(sdk, live):
    from tiktok_shop_api import TikTokShop, TikTokShopAuth
    from tiktok_shop_api.generated.models import UpdateShopWebhookRequest, UpdateShopWebhookRequestEventType
    from tiktok_shop_api.webhooks import UnknownWebhookEvent, Webhooks

    code = control(live, "shop/codes", {"app_key": APP_KEY, "seller": SELLER})["code"]
    tokens = TikTokShopAuth(APP_KEY, APP_SECRET, base_url=live.origin).exchange_code(code)
    client = TikTokShop(APP_KEY, APP_SECRET, tokens.access_token, base_url=live.origin)
    shops = client.authorization.get_authorized_shops().data.shops
    gb = next(shop for shop in shops if shop.region == "GB")
    in_gb = client.with_shop(shop_cipher=gb.cipher)
    receiver = WebhookReceiver()
    try:
        for event_type in ("ORDER_STATUS_CHANGE", "PRODUCT_CREATION", "PRODUCT_AUDIT_STATUS_CHANGE"):
            request = UpdateShopWebhookRequest(
                address=receiver.url, event_type=UpdateShopWebhookRequestEventType(event_type)
            )
            in_gb.event.update_shop_webhook(body=request)
        listed = in_gb.event.get_shop_webhooks().data.webhooks
        assert {w.event_type for w in listed} == {
            "ORDER_STATUS_CHANGE",
            "PRODUCT_CREATION",
            "PRODUCT_AUDIT_STATUS_CHANGE",
        }
        control(live, "webhooks/url", {"app": APP_KEY, "url": receiver.url})  # every other type: the app's URL

        raise_every_shop_webhook(live, in_gb)
        control(live, "webhooks/deliver", {})
        wanted = {"1", "3", "4", "5", "6", "7", "11", "12", "15", "16", "18", "37"}
        for type_number in sorted(wanted):
            receiver.wait_for(type_number)

        parsed = {
            item.event: Webhooks.verify_and_parse(
                app_key=APP_KEY, app_secret=APP_SECRET, raw_body=item.body, signature=item.headers["authorization"]
            )
            for item in receiver.received
        }
    finally:
        receiver.close()
    assert set(parsed) >= wanted
    assert not [event for event in parsed.values() if isinstance(event, UnknownWebhookEvent)]
    assert parsed["1"].data.order_id and parsed["16"].data.product_id  # typed fields, as TikTok's spec names them


def raise_every_shop_webhook(live: LiveServer, in_gb) -> None:
    """The Partner API and the control API's world actions, each raising its webhook."""
    from tiktok_shop_api.generated.models import CreatePackagesRequest, CreateProductRequest

    created = in_gb.products.create_product(body=CreateProductRequest.from_dict(NEW_PRODUCT))  # 16, 37
    product_id = created.data.product_id
    records = live.app.state.mock.shop.records["7494000000000000001"]  # the GB shop
    waiting = [o for o in records.orders.values() if o.status == "AWAITING_SHIPMENT" and len(o.line_items) > 1]
    delivered = next(o.id for o in records.orders.values() if o.status == "DELIVERED")
    control(live, f"shop/products/{product_id}/status", {"status": "ACTIVATE"})  # 5, 37
    control(live, f"shop/products/{product_id}/edit", {"title": "Edited", "category_id": "600002"})  # 15, 18
    control(live, f"shop/orders/{waiting[0].id}/address", {"city": "Leeds"})  # 3
    control(live, f"shop/orders/{waiting[1].id}/cancellation", {"status": "CANCELLATION_REQUEST_SUCCESS"})  # 11, 1
    control(live, f"shop/orders/{delivered}/return", {"status": "RETURN_OR_REFUND_REQUEST_PENDING"})  # 12
    part = {
        "ship_type": "2",
        "order_id": waiting[2].id,
        "order_line_item": [{"order_line_id": waiting[2].line_items[0].id}],
    }
    in_gb.fulfillment.create_packages(body=CreatePackagesRequest.from_dict(part))  # 4
    control(live, f"shop/sellers/{SELLER}/authorization", {"app_key": APP_KEY, "expires_in": 3 * 86400})
    control(live, "clock", {"advance": "24h"})  # past 0:00 UTC: 7
    control(live, f"shop/sellers/{SELLER}/deauthorize", {"app_key": APP_KEY})  # 6
