"""TikTok Shop's /_mock/ endpoints: minting tokens and auth codes at run time, so a test can
skip the seller authorization page; and what the world does to a shop (shop/world.py), each
raising the webhooks TikTok sends for it.

    POST /_mock/shop/orders/{order_id}/status        {"status"}: the order moves (ORDER_STATUS_CHANGE)
    POST /_mock/shop/orders/{order_id}/cancellation  {"status", "role"}: CANCELLATION_STATUS_CHANGE
    POST /_mock/shop/orders/{order_id}/return        {"status", "role", "return_type"}: RETURN_STATUS_CHANGE
    POST /_mock/shop/orders/{order_id}/address       the buyer's new address: RECIPIENT_ADDRESS_UPDATE
    POST /_mock/shop/products/{product_id}/status    {"status", "reason"}: audit or moderation
                                                     (PRODUCT_STATUS_CHANGE, PRODUCT_AUDIT_STATUS_CHANGE)
    POST /_mock/shop/products/{product_id}/edit      the seller edits it in Seller Center
                                                     (PRODUCT_INFORMATION_CHANGE, PRODUCT_CATEGORY_CHANGE)
    POST /_mock/shop/sellers/{seller}/deauthorize    {"app_key"}: SELLER_DEAUTHORIZATION, once per shop
    POST /_mock/shop/sellers/{seller}/authorization  {"app_key", "expires_in"}: the authorization ends then
                                                     (UPCOMING_AUTHORIZATION_EXPIRATION from 30 days before)
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from mock_server.families.shop import rules, world
from mock_server.families.shop.models import (
    AFTER_SALE_ROLES,
    CANCEL_STATUSES,
    CANCELLATION,
    ORDER_STATUSES,
    RETURN,
    RETURN_STATUSES,
    RETURN_TYPES,
    AfterSale,
    Order,
    Product,
    Seller,
    ShopApp,
)
from mock_server.families.shop.state import ShopRecords, ShopState
from mock_server.kernel.yaml_source import Fields, shorten
from mock_server.web.control_plumbing import ControlError, ControlJSON, body_of, control_route, fields_of


def _shop(request: Request) -> ShopState:
    return request.app.state.mock.shop


def _app_and_seller(shop: ShopState, body: dict[str, Any]) -> tuple[ShopApp, Seller, Fields]:
    fields = fields_of(body)
    app_key = fields.text("app_key", required=True)
    name = fields.text("seller", required=True)
    app = shop.app(app_key)
    if app is None:
        raise ControlError(
            f"no Shop app with app_key '{shorten(app_key)}' (known: {', '.join(sorted(shop.apps))})", "app_key"
        )
    seller = shop.seller(name)
    if seller is None:
        raise ControlError(f"no seller named or with open_id '{shorten(name)}'", "seller")
    return app, seller, fields


async def mint_shop_tokens(request: Request) -> Response:
    """A Shop token pair for app_key + seller (name or open_id); TikTok's token/get `data` shape."""
    shop = _shop(request)
    app, seller, fields = _app_and_seller(shop, await body_of(request))
    scopes = fields.text_list("scopes") or None
    for scope in app.not_allowed(scopes or ()):
        raise ControlError(f"the app '{app.app_key}' is not allowed the scope '{scope}'", "scopes")
    given = {"access_token": fields.text("access_token"), "refresh_token": fields.text("refresh_token")}
    ttls = {"access_ttl": fields.seconds("expires_in", minimum=1)}
    ttls["refresh_ttl"] = fields.seconds("refresh_expires_in", minimum=1)
    fields.check_unknown()  # before anything is issued: a refused call changes nothing
    tokens = shop.issue_tokens(app, seller, tuple(scopes) if scopes else None, **given, **ttls)
    return ControlJSON(rules.token_data(tokens, seller), status_code=201)


async def mint_shop_code(request: Request) -> Response:
    """A single-use Shop auth code, as the seller authorization page would redirect with."""
    shop = _shop(request)
    app, seller, fields = _app_and_seller(shop, await body_of(request))
    fields.check_unknown()
    code = rules.issue_auth_code(shop, app, seller)
    reply = {"code": code.code, "app_key": app.app_key, "open_id": code.open_id, "expires_at": int(code.expires_at)}
    return ControlJSON(reply, status_code=201)


def _one_of(fields: Fields, key: str, options: tuple[str, ...], default: str | None = None) -> str:
    """One of TikTok's upper-case names (given in any case); required unless there is a default."""
    lowered = default.lower() if default is not None else None
    return fields.choice(key, tuple(o.lower() for o in options), lowered).upper()


def _holding(shop: ShopState, table: str, key: str) -> ShopRecords:
    """The shop whose `table` ("orders", "products") holds `key`; a 404 naming it if none does."""
    records = next((r for r in shop.records.values() if key in getattr(r, table)), None)
    if records is None:
        kind = table.removesuffix("s")
        raise ControlError(f"no {kind} '{shorten(key)}' in any shop", f"{kind}_id", status=404)
    return records


def _order(shop: ShopState, order_id: str) -> tuple[ShopRecords, Order]:
    records = _holding(shop, "orders", order_id)
    return records, records.orders[order_id]


async def order_status(request: Request) -> Response:
    """Move an order as the world would: the buyer cancels, the carrier delivers, the order
    completes. `{"status": "CANCELLED" | "DELIVERED" | ...}`; the seller's apps hear of it."""
    shop = _shop(request)
    records, order = _order(shop, request.path_params["order_id"])
    fields = fields_of(await body_of(request))
    status = _one_of(fields, "status", ORDER_STATUSES)
    fields.check_unknown()
    order = replace(order, status=status, update_time=shop.clock.now_s())
    records.put_order(order)
    return ControlJSON({"order_id": order.id, "order_status": order.status, "update_time": order.update_time})


def _after_sale_json(request: AfterSale) -> dict[str, Any]:
    body: dict[str, Any] = {"id": request.id, "order_id": request.order_id, "role": request.role}
    body |= {"status": request.status, "create_time": request.create_time, "update_time": request.update_time}
    return body | ({"return_type": request.return_type} if request.kind == RETURN else {})


async def after_sale(request: Request) -> Response:
    """Open or move the order's cancellation (`.../cancellation`) or return (`.../return`)
    request: `{"status", "role": who opens it (BUYER, SELLER, SYSTEM), "return_type" (returns:
    REFUND by default)}`; a later call moves the same request (its role stays)."""
    shop = _shop(request)
    records, order = _order(shop, request.path_params["order_id"])
    kind = CANCELLATION if request.url.path.endswith("/cancellation") else RETURN
    fields = fields_of(await body_of(request))
    status = _one_of(fields, "status", CANCEL_STATUSES if kind == CANCELLATION else RETURN_STATUSES)
    role = _one_of(fields, "role", AFTER_SALE_ROLES, "BUYER")
    return_type = _one_of(fields, "return_type", RETURN_TYPES, "") if kind == RETURN else ""
    fields.check_unknown()
    try:
        moved = world.after_sale(records, order, kind, status, role, return_type, shop.clock.now_s())
    except ValueError as exc:
        raise ControlError(str(exc), "order_id", 409) from None
    return ControlJSON(_after_sale_json(moved))


ADDRESS_FIELDS = ("name", "phone_number", "address_line1", "city", "postal_code", "region_code")


async def change_address(request: Request) -> Response:
    """The buyer changes an unshipped order's delivery address (any of ADDRESS_FIELDS)."""
    shop = _shop(request)
    records, order = _order(shop, request.path_params["order_id"])
    fields = fields_of(await body_of(request))
    changes = {key: fields.text(key) for key in ADDRESS_FIELDS if fields.text(key) is not None}
    fields.check_unknown()
    for key, value in changes.items():
        if not 1 <= len(value) <= 255:
            raise ControlError(f"{key} is 1 to 255 characters", key)
    try:
        moved = world.change_address(records, order, replace(order.recipient_address, **changes), shop.clock.now_s())
    except ValueError as exc:
        raise ControlError(str(exc), "order_id", 409) from None
    address = moved.recipient_address
    reply = {key: getattr(address, key) for key in ADDRESS_FIELDS}
    return ControlJSON({"order_id": moved.id, "recipient_address": reply, "update_time": moved.update_time})


def _product(shop: ShopState, product_id: str) -> tuple[ShopRecords, Product]:
    records = _holding(shop, "products", product_id)
    return records, records.products[product_id]


async def product_status(request: Request) -> Response:
    """TikTok's audit or moderation moves a product: `{"status": ACTIVATE | FAILED |
    PLATFORM_DEACTIVATED | FREEZE, "reason": why (the webhook's suspended_reason)}`."""
    shop = _shop(request)
    records, product = _product(shop, request.path_params["product_id"])
    fields = fields_of(await body_of(request))
    status = _one_of(fields, "status", tuple(world.PRODUCT_MOVES))
    reason = fields.text("reason", "")
    fields.check_unknown()
    if len(reason) > 255:
        raise ControlError("reason is at most 255 characters", "reason")
    try:
        moved = world.move_product(records, product, status, reason, shop.clock.now_s())
    except ValueError as exc:
        raise ControlError(str(exc), "product_id", 409) from None
    return ControlJSON({"product_id": moved.id, "status": moved.status, "update_time": moved.update_time})


async def edit_product(request: Request) -> Response:
    """The seller edits a product in Seller Center: `{"title"?, "description"?, "main_images"?:
    [uri, ...], "category_id"?}`; what changed is announced."""
    shop = _shop(request)
    records, product = _product(shop, request.path_params["product_id"])
    fields = fields_of(await body_of(request))
    changes: dict[str, Any] = {key: fields.text(key) for key in ("title", "description", "category_id")}
    images = fields.text_list("main_images") if fields.raw("main_images") is not None else None
    fields.check_unknown()
    for key, value in changes.items():
        if value is not None and not 1 <= len(value) <= (255 if key == "title" else 10_000):
            raise ControlError(f"{key} is 1 to {255 if key == 'title' else 10_000} characters", key)
    if images is not None:
        if not 1 <= len(images) <= 9 or not all(images):
            raise ControlError("main_images lists 1 to 9 image URIs", "main_images")
        changes["main_images"] = tuple(images)
    changes = {key: value for key, value in changes.items() if value is not None}
    try:
        moved = world.edit_product(records, product, changes, shop.clock.now_s())
    except ValueError as exc:
        raise ControlError(str(exc), "product_id", 409) from None
    reply = {"product_id": moved.id, "title": moved.title, "category_id": moved.category_id}
    return ControlJSON(reply | {"main_images": list(moved.main_images), "update_time": moved.update_time})


def _seller_in_path(shop: ShopState, request: Request) -> Seller:
    name = request.path_params["seller"]
    seller = shop.seller(name)
    if seller is None:
        raise ControlError(f"no seller named or with open_id '{shorten(name)}'", "seller", status=404)
    return seller


async def deauthorize(request: Request) -> Response:
    """The seller removes an app in Seller Center: the grant ends and the app hears of it."""
    shop = _shop(request)
    seller = _seller_in_path(shop, request)
    fields = fields_of(await body_of(request))
    app_key = fields.text("app_key", required=True)
    fields.check_unknown()
    app = shop.app(app_key)
    if app is None:
        raise ControlError(f"no Shop app with app_key '{shorten(app_key)}'", "app_key")
    had_grant = world.deauthorize(shop, app, seller)
    reply = {"seller": seller.name, "app_key": app.app_key, "open_id": seller.open_id, "had_grant": had_grant}
    return ControlJSON(reply)


async def authorization(request: Request) -> Response:
    """Set when the seller's authorization of an app ends, `expires_in` seconds from now: the
    customer whose connection is about to lapse, without moving the clock past every token."""
    shop = _shop(request)
    seller = _seller_in_path(shop, request)
    fields = fields_of(await body_of(request))
    app_key = fields.text("app_key", required=True)
    expires_in = fields.seconds("expires_in", minimum=1)
    if expires_in is None:
        raise ControlError("expires_in is required: seconds from now", "expires_in")
    fields.check_unknown()
    if (app_key, seller.open_id) not in shop.grants.grants:
        raise ControlError(f"the seller has not authorized '{shorten(app_key)}'", "app_key", 409)
    shop.authorizations.start((app_key, seller.open_id), shop.clock.now(), expires_in)
    [view] = [v for v in shop.authorization_views(shop.clock.now(), app_key) if v["open_id"] == seller.open_id]
    return ControlJSON(view)


routes = [
    control_route("/_mock/shop/tokens", mint_shop_tokens, ["POST"]),
    control_route("/_mock/shop/codes", mint_shop_code, ["POST"]),
    control_route("/_mock/shop/orders/{order_id}/status", order_status, ["POST"]),
    control_route("/_mock/shop/orders/{order_id}/cancellation", after_sale, ["POST"]),
    control_route("/_mock/shop/orders/{order_id}/return", after_sale, ["POST"]),
    control_route("/_mock/shop/orders/{order_id}/address", change_address, ["POST"]),
    control_route("/_mock/shop/products/{product_id}/status", product_status, ["POST"]),
    control_route("/_mock/shop/products/{product_id}/edit", edit_product, ["POST"]),
    control_route("/_mock/shop/sellers/{seller}/deauthorize", deauthorize, ["POST"]),
    control_route("/_mock/shop/sellers/{seller}/authorization", authorization, ["POST"]),
]
