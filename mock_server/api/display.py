"""Display API v2 over HTTP: `/v2/user/info/`, `/v2/video/list/`, `/v2/video/query/`,
and the signed cover images their `cover_image_url` points at.

Thin: the rules live in `mock_server.core.display`; errors are raised as
`ApiError` and rendered by the app's one v2 error handler.
"""

from __future__ import annotations

from functools import lru_cache

from starlette.datastructures import QueryParams
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route
from starlette.types import Scope

from mock_server.api.errors import v2_ok
from mock_server.api.routing import both_slashes
from mock_server.core.covers import COVER_PREFIX, cover_png
from mock_server.core.display import USER_INFO, VIDEO_LIST, VIDEO_QUERY, Call, DisplayApi
from mock_server.core.display_requests import decode_json_body


def _display(request: Request) -> DisplayApi:
    return request.app.state.display


def _check(request: Request, endpoint: str) -> tuple[DisplayApi, Call]:
    scope, display = request.scope, _display(request)
    return display, display.check(endpoint, _header(scope, b"authorization"), _fields(scope["query_string"]))


def _header(scope: Scope, name: bytes) -> str | None:
    """What `request.headers.get(name)` gives, without building a Headers object per request."""
    for key, value in scope["headers"]:
        if key == name:
            return value.decode("latin-1")
    return None


@lru_cache(maxsize=256)  # a client sends the same query again and again; parsing it was a tenth of user/info
def _fields(query_string: bytes) -> str | None:
    return QueryParams(query_string).get("fields")


def _origin(request: Request) -> str:
    """The mock's own origin as the client reached it, so cover URLs work on any host and port."""
    scope = request.scope
    root = scope.get("app_root_path", scope.get("root_path", ""))
    server = scope.get("server")  # a list under Starlette's TestClient: made hashable for the cache
    return _origin_of(scope.get("scheme", "http"), server and tuple(server), root, _header(scope, b"host"))


@lru_cache(maxsize=64)  # `request.base_url` builds a URL per request (4 us); its inputs hardly ever change
def _origin_of(scheme: str, server: tuple[str, int] | None, root_path: str, host: str | None) -> str:
    headers = [(b"host", host.encode("latin-1"))] if host is not None else []
    scope = {"type": "http", "scheme": scheme, "server": server, "root_path": root_path, "headers": headers}
    return str(Request({**scope, "path": "/", "query_string": b""}).base_url).rstrip("/")


async def user_info(request: Request) -> Response:
    display, call = _check(request, USER_INFO)
    return v2_ok(request, display.user_info(call))


async def video_list(request: Request) -> Response:
    display, call = _check(request, VIDEO_LIST)
    body = decode_json_body(await request.body())
    return v2_ok(request, display.video_list(call, body, _origin(request)))


async def video_query(request: Request) -> Response:
    display, call = _check(request, VIDEO_QUERY)
    body = decode_json_body(await request.body())
    return v2_ok(request, display.video_query(call, body, _origin(request)))


async def cover_image(request: Request) -> Response:
    """The CDN side of `cover_image_url`: the image until `x-expires`, 403 after or when tampered with."""
    name = request.path_params["name"]
    refusal = _display(request).cover_refusal(
        name, request.query_params.get("x-expires"), request.query_params.get("x-signature")
    )
    if refusal is not None:
        return PlainTextResponse(f"403 Forbidden: {refusal}", status_code=403, headers={"Cache-Control": "no-store"})
    return Response(cover_png(name), media_type="image/png", headers={"Cache-Control": "no-store"})


routes = [
    *both_slashes("/v2/user/info/", user_info, ["GET"]),
    *both_slashes("/v2/video/list/", video_list, ["POST"]),
    *both_slashes("/v2/video/query/", video_query, ["POST"]),
    Route(COVER_PREFIX + "{name}", cover_image, methods=["GET"]),
]
