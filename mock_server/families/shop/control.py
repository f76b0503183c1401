"""TikTok Shop's /_mock/ endpoints: minting tokens and auth codes at run time,
so a test can skip the seller authorization page."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from mock_server.families.shop import rules
from mock_server.families.shop.models import ORDER_STATUSES, Seller, ShopApp
from mock_server.families.shop.state import ShopState
from mock_server.kernel.yaml_source import Fields
from mock_server.web.control_plumbing import ControlError, ControlJSON, body_of, control_route, fields_of


def _shop(request: Request) -> ShopState:
    return request.app.state.mock.shop


def _app_and_seller(shop: ShopState, body: dict[str, Any]) -> tuple[ShopApp, Seller, Fields]:
    fields = fields_of(body)
    app_key = fields.text("app_key", required=True)
    name = fields.text("seller", required=True)
    app = shop.app(app_key)
    if app is None:
        raise ControlError(f"no Shop app with app_key '{app_key}' (known: {', '.join(sorted(shop.apps))})", "app_key")
    seller = shop.seller(name)
    if seller is None:
        raise ControlError(f"no seller named or with open_id '{name}'", "seller")
    return app, seller, fields


async def mint_shop_tokens(request: Request) -> Response:
    """A Shop token pair for app_key + seller (name or open_id); TikTok's token/get `data` shape."""
    shop = _shop(request)
    app, seller, fields = _app_and_seller(shop, await body_of(request))
    scopes = fields.text_list("scopes") or None
    for scope in app.not_allowed(scopes or ()):
        raise ControlError(f"the app '{app.app_key}' is not allowed the scope '{scope}'", "scopes")
    tokens = shop.issue_tokens(
        app,
        seller,
        tuple(scopes) if scopes else None,
        access_token=fields.text("access_token"),
        refresh_token=fields.text("refresh_token"),
        access_ttl=fields.seconds("expires_in", minimum=1),
        refresh_ttl=fields.seconds("refresh_expires_in", minimum=1),
    )
    fields.check_unknown()
    return ControlJSON(rules.token_data(tokens, seller), status_code=201)


async def mint_shop_code(request: Request) -> Response:
    """A single-use Shop auth code, as the seller authorization page would redirect with."""
    shop = _shop(request)
    app, seller, fields = _app_and_seller(shop, await body_of(request))
    fields.check_unknown()
    code = rules.issue_auth_code(shop, app, seller)
    reply = {"code": code.code, "app_key": app.app_key, "open_id": code.open_id, "expires_at": int(code.expires_at)}
    return ControlJSON(reply, status_code=201)


async def order_status(request: Request) -> Response:
    """Move an order as the world would: the buyer cancels, the carrier delivers, the order
    completes. `{"status": "CANCEL" | "DELIVERED" | ...}`; the seller's apps hear of it."""
    shop = _shop(request)
    order_id = request.path_params["order_id"]
    records = next((r for r in shop.records.values() if order_id in r.orders), None)
    if records is None:
        raise ControlError(f"no order '{order_id}' in any shop", "order_id", status=404)
    fields = fields_of(await body_of(request))
    status = fields.choice("status", tuple(s.lower() for s in ORDER_STATUSES), "").upper()
    fields.check_unknown()
    order = replace(records.orders[order_id], status=status, update_time=shop.clock.now_s())
    records.put_order(order)
    return ControlJSON({"order_id": order.id, "order_status": order.status, "update_time": order.update_time})


routes = [
    control_route("/_mock/shop/tokens", mint_shop_tokens, ["POST"]),
    control_route("/_mock/shop/codes", mint_shop_code, ["POST"]),
    control_route("/_mock/shop/orders/{order_id}/status", order_status, ["POST"]),
]
