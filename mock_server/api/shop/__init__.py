"""TikTok Shop over HTTP: seller authorization, token get/refresh, the signed Partner API.

`routes` is every Shop route, then one catch-all per Shop path prefix so an
unknown Shop path gets TikTok's own 36009009 / 404 in the Shop envelope.
"""

from __future__ import annotations

from starlette.routing import Route

from mock_server.api.shop import auth
from mock_server.api.shop.endpoints import ENDPOINTS
from mock_server.api.shop.partner import partner_route, unknown_path

ALL_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"]
# The first path segment of every Partner API endpoint, and the token paths' folder.
SHOP_PREFIXES = ("/api/v2/token/", *sorted({"/" + e.path.split("/")[1] + "/" for e in ENDPOINTS}))

routes = [
    *auth.routes,
    *(partner_route(endpoint) for endpoint in ENDPOINTS),
    *(Route(prefix + "{rest:path}", unknown_path, methods=ALL_METHODS) for prefix in SHOP_PREFIXES),
]
