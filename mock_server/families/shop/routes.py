"""TikTok Shop over HTTP: seller authorization and token get/refresh (`auth.py`), the
signed Partner API (`partner.py`'s gate, `endpoints.py`'s table), fault answers.

`routes` is every Shop route, then one catch-all per Shop path prefix so an
unknown Shop path gets TikTok's own 36009009 / 404 in the Shop envelope.
"""

from __future__ import annotations

import re

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route, compile_path

from mock_server.families.shop import auth, errors as codes
from mock_server.families.shop.endpoints import ENDPOINTS
from mock_server.families.shop.errors import SHOP_PREFIXES
from mock_server.families.shop.partner import method_not_allowed, partner_routes
from mock_server.kernel.errors import ShopError
from mock_server.kernel.faults import Respond
from mock_server.web.envelopes import shop_error

# OPTIONS too: else a Shop path would answer OPTIONS with the app-wide (v2-shaped) 405.
ALL_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]


async def unknown_path(request: Request) -> Response:
    """A Shop path no route took: 405 when the path exists for other methods, else
    TikTok's 36009009 / 404 (codes.py). The catch-all would otherwise hide a 405."""
    path = request.url.path
    # A literal path (/product/202309/products/search) is not also a templated one ({product_id}).
    allowed = sorted(LITERAL_PATHS.get(path, ())) or sorted({m for pattern, m in KNOWN_PATHS if pattern.match(path)})
    if allowed:
        return method_not_allowed(request, allowed)
    message = f"Invalid path. No TikTok Shop API answers {request.method} {request.url.path}."
    return shop_error(request, ShopError(codes.UNKNOWN_PATH, message, 404))


routes = [
    *auth.routes,
    *partner_routes(ENDPOINTS),
    *(Route(prefix + "{rest:path}", unknown_path, methods=ALL_METHODS) for prefix in SHOP_PREFIXES),
]

# (path pattern, method) of every Shop route, so the catch-all can tell a wrong
# method (405) from an unknown path (404). Built once, read only on that error path.
KNOWN_PATHS: list[tuple[re.Pattern[str], str]] = [
    (compile_path(route.path)[0], method)
    for route in routes[: -len(SHOP_PREFIXES)]
    for method in route.methods or ()
    if method != "HEAD"
]
LITERAL_PATHS: dict[str, set[str]] = {}
for _known in routes[: -len(SHOP_PREFIXES)]:
    if "{" not in _known.path:
        LITERAL_PATHS.setdefault(_known.path, set()).update(m for m in _known.methods or () if m != "HEAD")


def fault_response(request: Request, envelope: str, respond: Respond, client_key: str | None) -> Response:
    """An injected Shop error: a name from SHOP_ERRORS, or any int code."""
    error, message, status = respond.error, respond.message, respond.status
    if isinstance(error, int):
        exc = ShopError(error, message or f"Error {error} (injected by tiktok-mock).", status or 200)
    else:
        named = codes.named(str(error))
        exc = ShopError(named.code, message or named.message, status or named.http_status)
    return shop_error(request, exc)
