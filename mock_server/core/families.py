"""Which TikTok API family a path belongs to, and which error names each family knows.

The one map from path to family: a fault answers "a TikTok error by name" in the
envelope of the request's family (`mock_server.api.families` renders it):
- `oauth`: /v2/oauth/ (token, revoke): `{"error", "error_description", "log_id"}`
- `authorize`: /v2/auth/ (the consent page): OAuth errors, sent back by redirect
- `v2`: every other /v2/ path, and any path TikTok does not have: `{"error": {code, message, log_id}}`
- `shop`: TikTok Shop's auth and Partner API paths: `{"code": <int>, "message", "request_id", "data": null}`
"""

from __future__ import annotations

from typing import NamedTuple

from mock_server.core.error_codes import OAUTH_ERRORS, V2_ERRORS
from mock_server.core.shop import codes as shop_codes

OAUTH = "oauth"
AUTHORIZE = "authorize"
V2 = "v2"
SHOP = "shop"
FAMILIES = (OAUTH, AUTHORIZE, V2, SHOP)

SHOP_PREFIXES = (
    "/api/v2/token/",
    "/authorization/",
    "/seller/",
    "/order/",
    "/product/",
    "/finance/",
    "/logistics/",
    "/fulfillment/",
    "/analytics/",
    "/event/",
)


def family_of(path: str) -> str:
    if path.startswith("/v2/oauth/") or path == "/v2/oauth":
        return OAUTH
    if path.startswith("/v2/auth/"):
        return AUTHORIZE
    if path.startswith("/v2/"):
        return V2
    if path.startswith(SHOP_PREFIXES):
        return SHOP
    return V2  # TikTok's unknown paths answer in the v2 shape (app.py's 404)


class ShopErrorName(NamedTuple):
    code: int
    status: int
    message: str


# Names for the Shop codes core/shop/codes.py documents, so a fault can say
# `error: access_token_expired` on a Shop path; any other int code works too.
SHOP_ERRORS: dict[str, ShopErrorName] = {
    "invalid_sign": ShopErrorName(
        shop_codes.BAD_SIGN, 401, f"Invalid credentials. The 'sign' query parameter is invalid. {shop_codes.SIGN_HELP}"
    ),
    "access_token_invalid": ShopErrorName(
        shop_codes.INVALID_REQUEST, 401, "Invalid credentials. The `x-tts-access-token` header is invalid."
    ),
    "access_token_expired": ShopErrorName(shop_codes.TOKEN_EXPIRED, 401, "access token is expired, please refresh it"),
    "scope_not_authorized": ShopErrorName(
        shop_codes.SCOPE_DENIED,
        200,
        "Access denied. This app has not been granted any access scope required by this endpoint.",
    ),
    "invalid_auth_code": ShopErrorName(shop_codes.BAD_AUTH_CODE, 200, "invalid auth code"),
    "invalid_refresh_token": ShopErrorName(shop_codes.UNKNOWN_REFRESH_TOKEN, 200, "can not find related auth record"),
    "refresh_token_expired": ShopErrorName(shop_codes.REFRESH_TOKEN_EXPIRED, 200, "rt has expired"),
}

_KNOWN_NAMES: dict[str, frozenset[str]] = {
    OAUTH: frozenset(OAUTH_ERRORS),
    AUTHORIZE: frozenset(OAUTH_ERRORS),
    V2: frozenset(V2_ERRORS),
    SHOP: frozenset(SHOP_ERRORS),
}


def families_knowing(error: str | int) -> frozenset[str]:
    """The families that have this error: a name is per family; an int is a Shop code."""
    if isinstance(error, int):
        return frozenset({SHOP})
    return frozenset(family for family, names in _KNOWN_NAMES.items() if error in names)


def known_error_names() -> dict[str, list[str]]:
    return {family: sorted(names) for family, names in _KNOWN_NAMES.items()}
