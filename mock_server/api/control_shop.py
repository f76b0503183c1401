"""Minting TikTok Shop tokens and auth codes at run time (the Shop core's
control functions), so a test can skip the seller authorization page."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from mock_server.api.control_http import ControlError, body_of, control_route, fields_of, store_of
from mock_server.api.shop.auth import token_data
from mock_server.core.shop.state import ShopState


def _shop(request: Request) -> ShopState:
    return store_of(request).shop  # type: ignore[attr-defined]


def _app_and_seller(shop: ShopState, body: dict[str, Any]) -> tuple[str, str, Any]:
    fields = fields_of(body)
    app_key = fields.text("app_key", required=True)
    seller = fields.text("seller", required=True)
    if shop.app(app_key) is None:
        raise ControlError(f"no Shop app with app_key '{app_key}' (known: {', '.join(sorted(shop.apps))})", "app_key")
    found = shop.seller(seller)
    if found is None:
        raise ControlError(f"no seller named or with open_id '{seller}'", "seller")
    return app_key, seller, fields


async def mint_shop_tokens(request: Request) -> Response:
    """A Shop token pair for app_key + seller (name or open_id); TikTok's token/get `data` shape."""
    shop = _shop(request)
    app_key, seller, fields = _app_and_seller(shop, await body_of(request))
    scopes = fields.text_list("scopes") or None
    options = {key: fields.text(key) for key in ("access_token", "refresh_token")}
    ttls = {key: fields.integer(key, minimum=1) for key in ("expires_in", "refresh_expires_in")}
    fields.check_unknown()
    try:
        token = shop.issue_tokens(app_key, seller, scopes, **options, **ttls)
    except ValueError as exc:
        raise ControlError(str(exc), "scopes") from None
    return JSONResponse(token_data(token, shop.seller(seller)), status_code=201)


async def mint_shop_code(request: Request) -> Response:
    """A single-use Shop auth code, as the seller authorization page would redirect with."""
    shop = _shop(request)
    app_key, seller, fields = _app_and_seller(shop, await body_of(request))
    fields.check_unknown()
    code = shop.issue_auth_code(app_key, seller)
    reply = {"code": code.code, "app_key": app_key, "open_id": code.open_id, "expires_at": code.expires_at}
    return JSONResponse(reply, status_code=201)


routes = [
    control_route("/_mock/shop/tokens", mint_shop_tokens, ["POST"]),
    control_route("/_mock/shop/codes", mint_shop_code, ["POST"]),
]
