"""Display API v2 over HTTP: `/v2/user/info/`, `/v2/video/list/`, `/v2/video/query/`,
and the signed cover images their `cover_image_url` points at.

Thin: the rules live in `rules.py`; errors are raised as `ApiError` and
rendered by the app's one v2 error handler. The video objects are encoded
here, through the family's bounded cache of encoded parts (`state.encoded`).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from starlette.datastructures import QueryParams
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route
from starlette.types import Scope

from mock_server.families.display import rules
from mock_server.families.display.avatars import AVATAR_PREFIX, avatar_jpeg
from mock_server.families.display.covers import COVER_PREFIX, cover_png
from mock_server.families.display.requests import decode_json_body
from mock_server.families.display.state import DisplayState
from mock_server.kernel.net import bearer_token
from mock_server.web.envelopes import v2_ok
from mock_server.web.http import header
from mock_server.web.routing import both_slashes

Refusal = Callable[[DisplayState, str, "str | None", "str | None"], "str | None"]


def _state(request: Request) -> DisplayState:
    return request.app.state.mock.display


def _check(request: Request, endpoint: str) -> tuple[DisplayState, rules.Call]:
    scope, state = request.scope, _state(request)
    bearer = bearer_token(header(scope["headers"], b"authorization"))
    return state, rules.check(state, endpoint, bearer, _fields(scope["query_string"]))


@lru_cache(maxsize=256)  # a client sends the same query again and again; parsing it was a tenth of user/info
def _fields(query_string: bytes) -> str | None:
    return QueryParams(query_string).get("fields")


def origin(scope: Scope) -> str:
    """The mock's own origin as the client reached it, so cover URLs work on any host and port."""
    server = scope.get("server")  # a list under Starlette's TestClient: made hashable for the cache
    root = scope.get("app_root_path", scope.get("root_path", ""))
    return _origin_of(scope.get("scheme", "http"), server and tuple(server), root, header(scope["headers"], b"host"))


@lru_cache(maxsize=64)  # its inputs hardly ever change; building it was 4 us per request
def _origin_of(scheme: str, server: tuple[str, int] | None, root_path: str, host: str | None) -> str:
    """What Starlette's `request.base_url` gives (without its final slash)."""
    if host:
        netloc = host
    elif server is not None:
        name, port = server
        default = {"http": 80, "https": 443, "ws": 80, "wss": 443}.get(scheme)
        netloc = name if port == default else f"{name}:{port}"
    else:
        netloc = "localhost"
    return f"{scheme}://{netloc}{root_path}".rstrip("/")


def _videos_reply(request: Request, state: DisplayState, reply: rules.Videos) -> Response:
    return v2_ok(
        request,
        {
            "videos": state.encoded.build(reply.videos, reply.fields, reply.context),
            "cursor": reply.cursor,
            "has_more": reply.has_more,
        },
    )


async def user_info(request: Request) -> Response:
    state, call = _check(request, rules.USER_INFO)
    return v2_ok(request, rules.user_info(state, call, origin(request.scope)))


async def video_list(request: Request) -> Response:
    state, call = _check(request, rules.VIDEO_LIST)
    body = decode_json_body(await request.body(), state.settings.limits.max_json_depth)
    return _videos_reply(request, state, rules.video_list(state, call, body, origin(request.scope)))


async def video_query(request: Request) -> Response:
    state, call = _check(request, rules.VIDEO_QUERY)
    body = decode_json_body(await request.body(), state.settings.limits.max_json_depth)
    return _videos_reply(request, state, rules.video_query(state, call, body, origin(request.scope)))


NO_STORE = {"Cache-Control": "no-store"}


def _signed_image(request: Request, check: Refusal, image: Callable[[str], bytes], media_type: str) -> Response:
    """The CDN side of a signed link: the image until `x-expires`, 403 after or when tampered with."""
    name = request.path_params["name"]
    params = request.query_params
    refusal = check(_state(request), name, params.get("x-expires"), params.get("x-signature"))
    if refusal is not None:
        return PlainTextResponse(f"403 Forbidden: {refusal}", status_code=403, headers=NO_STORE)
    return Response(image(name), media_type=media_type, headers=NO_STORE)


async def cover_image(request: Request) -> Response:
    """`cover_image_url`'s image (a PNG: TikTok's `.image` names say nothing of the format)."""
    return _signed_image(request, rules.cover_refusal, cover_png, "image/png")


async def avatar_image(request: Request) -> Response:
    """The avatar fields' image: a JPEG of the size its name says."""
    return _signed_image(request, rules.avatar_refusal, avatar_jpeg, "image/jpeg")


routes = [
    *both_slashes("/v2/user/info/", user_info, ["GET"]),
    *both_slashes("/v2/video/list/", video_list, ["POST"]),
    *both_slashes("/v2/video/query/", video_query, ["POST"]),
    Route(COVER_PREFIX + "{name}", cover_image, methods=["GET"]),
    Route(AVATAR_PREFIX + "{name}", avatar_image, methods=["GET"]),
]
