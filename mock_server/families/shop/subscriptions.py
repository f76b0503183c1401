"""The Event API: a shop's webhooks, one address per event type (Partner Center
"Get/Update/Delete Shop Webhooks", /event/202309/webhooks). An address set here wins over
the app's own webhook URL for that shop and type (ShopState.webhook_address)."""

from __future__ import annotations

from typing import Any

from mock_server.families.shop.errors import invalid_params
from mock_server.families.shop.models import WEBHOOK_TYPES, Subscription
from mock_server.families.shop.requests import Call, body_field
from mock_server.families.shop.state import ShopRecords, ShopState
from mock_server.kernel.yaml_source import is_http_url

MAX_ADDRESS = 255  # "Max length: 255 characters"


def _event_type(body: dict[str, Any]) -> str:
    event_type = body_field(body, "event_type", str, required=True)
    if event_type not in WEBHOOK_TYPES:
        raise invalid_params(f"Invalid parameter. event_type must be one of {', '.join(WEBHOOK_TYPES)}.")
    return event_type


def listed(state: ShopState, app_key: str, records: ShopRecords) -> dict[str, Any]:
    subscriptions = state.subscriptions.get((app_key, records.shop.id), {})
    webhooks = [
        {"address": s.address, "create_time": s.create_time, "event_type": s.event_type, "update_time": s.update_time}
        for s in subscriptions.values()
    ]
    return {"total_count": len(webhooks), "webhooks": webhooks}


def update(state: ShopState, app_key: str, records: ShopRecords, call: Call) -> dict[str, Any]:
    body = call.json_object()
    address = body_field(body, "address", str, required=True)
    event_type = _event_type(body)
    if len(address) > MAX_ADDRESS or not is_http_url(address):
        raise invalid_params(f"Invalid parameter. address must be an http(s) URL of at most {MAX_ADDRESS} characters.")
    subscriptions = state.subscriptions.setdefault((app_key, records.shop.id), {})
    before = subscriptions.get(event_type)
    created = before.create_time if before is not None else call.now
    subscriptions[event_type] = Subscription(event_type, address, created, call.now)
    return {}


def delete(state: ShopState, app_key: str, records: ShopRecords, call: Call) -> dict[str, Any]:
    """Success whether or not the type had a webhook, as TikTok documents."""
    event_type = _event_type(call.json_object())
    state.subscriptions.get((app_key, records.shop.id), {}).pop(event_type, None)
    return {}
