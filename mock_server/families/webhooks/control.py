"""Webhooks' /_mock/ endpoints: see the deliveries and their attempts, send what is due now,
redeliver one, send a test event of any type to an app, pause and resume delivery, and set an
app's callback URL at run time."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from mock_server.families.shop.models import WEBHOOK_TYPES
from mock_server.families.webhooks import rules, sender
from mock_server.families.webhooks.errors import OUTCOMES
from mock_server.families.webhooks.state import WebhookState
from mock_server.kernel.yaml_source import shorten
from mock_server.web.control_plumbing import ControlError, ControlJSON, body_of, control_route, fields_of, mock_of


def _state(request: Request) -> WebhookState:
    return mock_of(request).webhooks


async def deliveries(request: Request) -> Response:
    state = _state(request)
    params = request.query_params
    if params.get("state") not in (None, *OUTCOMES):
        raise ControlError(f"state is one of {', '.join(OUTCOMES)}, got '{params['state'][:40]}'", "state")
    listed = [
        rules.describe(delivery)
        for delivery in state.deliveries.values()
        if all(
            params.get(key) in (None, value)
            for key, value in (("app", delivery.app_key), ("event", delivery.event), ("state", delivery.state))
        )
    ]
    return ControlJSON({"deliveries": listed, "paused": state.paused})


async def deliver_now(request: Request) -> Response:
    """Attempt every due delivery now and answer when done (tests need not wait for the sender)."""
    return ControlJSON({"attempted": await sender.deliver_due(_state(request))})


async def redeliver(request: Request) -> Response:
    state = _state(request)
    delivery = state.deliveries.get(request.path_params["delivery_id"])
    if delivery is None:
        raise ControlError(f"no delivery '{shorten(request.path_params['delivery_id'])}'", "id", status=404)
    rules.redeliver(state, delivery)
    return ControlJSON(rules.describe(delivery))


async def pause(request: Request) -> Response:
    state = _state(request)
    state.paused = request.url.path.endswith("/pause")
    if not state.paused:
        state.wake()
    return ControlJSON({"paused": state.paused})


def _app_of(mock: Any, key: str) -> tuple[str, Any]:
    app = mock.login_kit.app(key)
    if app is not None:
        return "tiktok", app
    shop_app = mock.shop.app(key)
    if shop_app is not None:
        return "shop", shop_app
    raise ControlError(f"no app with client_key or app_key '{shorten(key)}'", "app")


async def set_url(request: Request) -> Response:
    """`{"app": KEY, "url": URL}` (or url null): where the app's webhooks go from now on, until a reset."""
    mock = mock_of(request)
    fields = fields_of(await body_of(request))
    key = fields.text("app", required=True)
    url = fields.http_url("url")
    fields.check_unknown()
    kind, _ = _app_of(mock, key)
    (mock.login_kit if kind == "tiktok" else mock.shop).set_webhook_url(key, url)
    return ControlJSON({"app": key, "url": url})


async def send_test(request: Request) -> Response:
    """A test event of any type: TikTok's (`event`, `content`, `user` for user_openid) or the
    Shop's (`event` a type name such as ORDER_STATUS_CHANGE, `content` the data, `shop_id`)."""
    mock = mock_of(request)
    state = _state(request)
    fields = fields_of(await body_of(request))
    key = fields.text("app", required=True)
    kind, app = _app_of(mock, key)
    event = fields.text("event", required=True)
    content = fields.raw("content", {})
    if not isinstance(content, dict):
        raise ControlError("content is a JSON object", "content")
    content = _plain(content)
    if kind == "tiktok":
        username = fields.text("user")
        user = mock.login_kit.users.get(username) if username else None
        if username and user is None:
            raise ControlError(f"no user '{shorten(username)}'", "user")
        fields.check_unknown()
        delivery = rules.tiktok_event(state, app, event, mock.login_kit.open_id(user, app) if user else None, content)
    else:
        if event not in WEBHOOK_TYPES:
            raise ControlError(f"a Shop event is one of {', '.join(WEBHOOK_TYPES)}", "event")
        shop_id = fields.text("shop_id", "")
        fields.check_unknown()
        delivery = rules.shop_event(state, app, event, shop_id, content)
    if delivery is None:
        raise ControlError(f"the app '{key}' has no webhook URL: set one (POST /_mock/webhooks/url)", "app")
    return ControlJSON(rules.describe(delivery), status_code=201)


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value


routes = [
    control_route("/_mock/webhooks", deliveries, ["GET"]),
    control_route("/_mock/webhooks/deliver", deliver_now, ["POST"]),
    control_route("/_mock/webhooks/pause", pause, ["POST"]),
    control_route("/_mock/webhooks/resume", pause, ["POST"]),
    control_route("/_mock/webhooks/url", set_url, ["POST"]),
    control_route("/_mock/webhooks/test", send_test, ["POST"]),
    control_route("/_mock/webhooks/{delivery_id}/redeliver", redeliver, ["POST"]),
]
