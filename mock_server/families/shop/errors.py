"""TikTok Shop's one error table: the codes the mock answers with, and where each comes from.

TikTok's own (seen in real responses; tiktok-api.md §4.3 and the sources named):
- 106001  bad `sign`, HTTP 401 (captured responses)
- 36009004  TikTok's overloaded "invalid request" code; its documented messages
            (partner.tiktokshop.com common-errors, "message keyword index") cover a
            missing sign, a bad timestamp, a bad x-tts-access-token, a bad app_key and
            an unexpected shop_cipher. The mock uses TikTok's wording for those.
- 105002  "access token is expired, please refresh it" (captured response)
- 105005  missing scope: "Access denied. This app has not been granted any access
          scope required by this endpoint." (captured message)
- 36004004  token/get: "invalid auth code": wrong, reused or expired (seen live, third party)
- 36004005  token/refresh: "can not find related auth record": unknown refresh token (seen live)
- 36004001  token/refresh: "rt has expired" (EcomPHP/tiktokshop-php PR #15)
- 36009009  an unknown path, HTTP 404 (seen live, third party)

The mock's own choices (no real code found; chosen from TikTok's 3600400x token family
and its "invalid params" code so clients classify them the same way):
- 36004006  token endpoints: unknown app_key or wrong app_secret
- 36004007  token endpoints: a grant_type other than the endpoint's own
- 36009010  a shop_cipher that is unknown or not the token's seller's
- 36009011  a resource id (order, product, package, statement, warehouse, ...) not in the shop
- 36009012  a write the resource's state does not allow (ship a shipped package, ...)
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import NamedTuple, TypeVar

from mock_server.kernel.envelopes import Envelope
from mock_server.kernel.errors import ShopError

T = TypeVar("T")

BAD_SIGN = 106001
INVALID_REQUEST = 36009004
TOKEN_EXPIRED = 105002
SCOPE_DENIED = 105005
BAD_AUTH_CODE = 36004004
UNKNOWN_REFRESH_TOKEN = 36004005
REFRESH_TOKEN_EXPIRED = 36004001
UNKNOWN_PATH = 36009009
BAD_APP_CREDENTIALS = 36004006
BAD_GRANT_TYPE = 36004007
BAD_SHOP_CIPHER = 36009010
NOT_FOUND = 36009011
BAD_STATE = 36009012

SIGN_HELP = "For more details: https://m.tiktok.shop/s/AIu6dbFhs2XW"


def bad_sign(signed: str | None = None) -> ShopError:
    message = f"Invalid credentials. The 'sign' query parameter is invalid. {SIGN_HELP}"
    if signed is not None:
        message += f" The mock signed this string (app_secret + ... + app_secret): {signed}"
    return ShopError(BAD_SIGN, message, 401)


def invalid_params(message: str) -> ShopError:
    return ShopError(INVALID_REQUEST, message, 400)


def bad_credential(message: str) -> ShopError:
    return ShopError(INVALID_REQUEST, message, 401)


def not_found(kind: str, value: str) -> ShopError:
    return ShopError(NOT_FOUND, f"The {kind} '{value}' does not exist in this shop.", 200)


def found(table: Mapping[str, T], kind: str, key: str) -> T:
    """`table[key]`, or the Shop "does not exist" error naming the kind of record."""
    record = table.get(key)
    if record is None:
        raise not_found(kind, key)
    return record


def bad_state(message: str) -> ShopError:
    return ShopError(BAD_STATE, message, 200)


class ShopErrorName(NamedTuple):
    code: int
    status: int
    message: str


# Names for the codes above, so a fault can say `error: access_token_expired`
# on a Shop path; any other int code works too.
SHOP_ERRORS: dict[str, ShopErrorName] = {
    "invalid_sign": ShopErrorName(
        BAD_SIGN, 401, f"Invalid credentials. The 'sign' query parameter is invalid. {SIGN_HELP}"
    ),
    "access_token_invalid": ShopErrorName(
        INVALID_REQUEST, 401, "Invalid credentials. The `x-tts-access-token` header is invalid."
    ),
    "access_token_expired": ShopErrorName(TOKEN_EXPIRED, 401, "access token is expired, please refresh it"),
    "scope_not_authorized": ShopErrorName(
        SCOPE_DENIED, 200, "Access denied. This app has not been granted any access scope required by this endpoint."
    ),
    "invalid_auth_code": ShopErrorName(BAD_AUTH_CODE, 200, "invalid auth code"),
    "invalid_refresh_token": ShopErrorName(UNKNOWN_REFRESH_TOKEN, 200, "can not find related auth record"),
    "refresh_token_expired": ShopErrorName(REFRESH_TOKEN_EXPIRED, 200, "rt has expired"),
}


def named(name: str) -> ShopError:
    """The error a name of SHOP_ERRORS stands for."""
    code, status, message = SHOP_ERRORS[name]
    return ShopError(code, message, status)


# The first path segment of every Partner API group, and the token paths' folder:
# every path under them answers in the Shop envelope `{"code", "message", "request_id", "data"}`.
SHOP_PREFIXES = (
    "/api/v2/token/",
    "/analytics/",
    "/authorization/",
    "/event/",
    "/finance/",
    "/fulfillment/",
    "/logistics/",
    "/order/",
    "/product/",
    "/seller/",
)
SHOP_ENVELOPE = Envelope("shop", SHOP_PREFIXES, frozenset(SHOP_ERRORS), bad_input=INVALID_REQUEST, int_codes=True)
