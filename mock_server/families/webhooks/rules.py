"""Webhooks' behaviour, pure: the payloads and signatures TikTok sends, which deliveries
are due, and what an attempt's answer means (retry with backoff on the mock clock, or give up).

- TikTok for Developers (§4): POST JSON `{client_key, event, create_time, user_openid,
  content}` with `content` a JSON *string*, header `TikTok-Signature: t=<s>,s=<hex
  HMAC-SHA256(client_secret, "t.body")>`; `t` and `create_time` read the mock clock.
- TikTok Shop (§6): POST JSON `{type, tts_notification_id, shop_id, timestamp, data}`
  with `data` an object, header `Authorization: <hex HMAC-SHA256(app_secret, app_key + body)>`.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import replace
from typing import Any

from mock_server.families.login_kit.models import App
from mock_server.families.shop.models import WEBHOOK_TYPES, ShopApp
from mock_server.families.webhooks.errors import DELIVERED, DROPPED, PENDING
from mock_server.families.webhooks.state import SHOP, TIKTOK, Attempt, Delivery, WebhookState


def tiktok_signature(secret: str, timestamp: int, body: bytes) -> str:
    digest = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()
    return f"t={timestamp},s={digest}"


def shop_signature(app_key: str, secret: str, body: bytes) -> str:
    return hmac.new(secret.encode(), app_key.encode() + body, hashlib.sha256).hexdigest()


def _encode(payload: dict[str, Any]) -> bytes:
    return json.dumps(payload, separators=(",", ":"), ensure_ascii=False).encode()


def tiktok_event(
    state: WebhookState, app: App, event: str, open_id: str | None, content: dict[str, Any]
) -> Delivery | None:
    """Queue a developer webhook for `app`, if it has a callback URL."""
    if not app.webhook_url:
        return None
    now = state.clock.now_s()
    payload: dict[str, Any] = {"client_key": app.client_key, "event": event, "create_time": now}
    if open_id is not None:
        payload["user_openid"] = open_id
    payload["content"] = json.dumps(content, separators=(",", ":"))  # a JSON string, parsed twice
    body = _encode(payload)
    headers = (
        ("content-type", "application/json"),
        ("tiktok-signature", tiktok_signature(app.client_secret, now, body)),
    )
    return _queue(state, _delivery(state, TIKTOK, app.client_key, app.webhook_url, event, body, headers))


def shop_event(
    state: WebhookState, app: ShopApp, kind: str, shop_id: str, data: dict[str, Any], url: str | None = None
) -> Delivery | None:
    """Queue a TikTok Shop webhook for `app` to `url` (default: the app's webhook URL), if there is one."""
    url = url or app.webhook_url
    if not url:
        return None
    now = state.clock.now_s()
    notification = str(7_300_000_000_000_000_000 + int(state.new_id()[1:]))
    payload = {"type": WEBHOOK_TYPES[kind], "tts_notification_id": notification, "shop_id": shop_id, "timestamp": now}
    body = _encode({**payload, "data": data})
    headers = (
        ("content-type", "application/json"),
        ("authorization", shop_signature(app.app_key, app.app_secret, body)),
    )
    return _queue(state, _delivery(state, SHOP, app.app_key, url, kind, body, headers))


def _queue(state: WebhookState, delivery: Delivery) -> Delivery:
    """Queue a delivery, and with `webhooks.duplicate` on for its app a second, identical
    one: TikTok's delivery is at least once, so a receiver must cope with a repeat."""
    state.add(delivery)
    if state.duplicates(delivery.app_key):
        state.add(replace(delivery, id=state.new_id(), attempts=[]))
    return delivery


def _delivery(
    state: WebhookState,
    kind: str,
    app_key: str,
    url: str,
    event: str,
    body: bytes,
    headers: tuple[tuple[str, str], ...],
) -> Delivery:
    now = state.clock.now()
    return Delivery(state.new_id(), kind, app_key, url, event, body, headers, created_at=now, next_at=now)


def due(state: WebhookState) -> list[Delivery]:
    """The deliveries to attempt now (none while paused); past the window they are dropped instead."""
    if state.paused:
        return []
    now = state.clock.now()
    ready = []
    for delivery in state.deliveries.values():
        if delivery.state != PENDING or delivery.sending or delivery.next_at > now:
            continue
        if now - delivery.created_at > state.spec.give_up_after:
            delivery.state = DROPPED
            continue
        ready.append(delivery)
    return ready


def record(state: WebhookState, delivery: Delivery, status: int | None, error: str | None = None) -> None:
    """An attempt's answer: a success status delivers; anything else retries with a doubling
    gap on the mock clock, until the window (72 h) is over."""
    now = state.clock.now()
    delivery.attempts.append(Attempt(now, status, error))
    if status in state.spec.success_statuses:
        delivery.state = DELIVERED
        return
    gap = min(state.spec.first_retry * 2 ** (len(delivery.attempts) - 1), state.spec.max_gap)
    delivery.next_at = now + gap
    if delivery.next_at - delivery.created_at > state.spec.give_up_after:
        delivery.state = DROPPED


def redeliver(state: WebhookState, delivery: Delivery) -> None:
    """Send again now (a forced duplicate, as TikTok's at-least-once delivery may send one)."""
    delivery.state = PENDING
    delivery.next_at = state.clock.now()
    delivery.created_at = state.clock.now()  # a fresh 72 h window
    state.wake()


def describe(delivery: Delivery) -> dict[str, Any]:
    return {
        "id": delivery.id,
        "kind": delivery.kind,
        "app": delivery.app_key,
        "url": delivery.url,
        "event": delivery.event,
        "state": delivery.state,
        "body": json.loads(delivery.body),
        "headers": dict(delivery.headers),
        "created_at": delivery.created_at,
        "next_attempt_at": delivery.next_at if delivery.state == PENDING else None,
        "attempts": [{"at": a.at, "status": a.status, "error": a.error} for a in delivery.attempts],
    }
