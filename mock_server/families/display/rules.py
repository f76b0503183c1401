"""The Display API v2 (tiktok-api.md §2, Part 1), pure: user info, video list
and video query, for the user behind a bearer access token.

Order of checks, the same for every endpoint: the token (401
access_token_invalid), the rate limit (429), the endpoint's own scope (401
scope_not_authorized), the `fields` (400 invalid_params), the scopes of the
asked fields (400 scope_permission_missed), then the body.

Video replies come back as `Videos` (plain records and the context to render
them); turning them into JSON, with its caches, is the routes' job.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from mock_server.families.display import avatars
from mock_server.families.display.requests import field_names, video_list_request, video_query_request
from mock_server.families.display.scopes import ENDPOINT_FIELD_SCOPES, ENDPOINT_SCOPES
from mock_server.families.display.state import DisplayState
from mock_server.families.display.video_object import VideoContext
from mock_server.families.login_kit.models import App, User, Video
from mock_server.kernel.errors import ApiError
from mock_server.kernel.grants import AccessToken

USER_INFO, VIDEO_LIST, VIDEO_QUERY = "user.info", "video.list", "video.query"


@dataclass(slots=True)  # not frozen: a frozen __init__ costs 3x, on every call
class Call:
    """One checked Display API call: who, for which app, and the fields asked for."""

    token: AccessToken
    user: User
    app: App
    fields: tuple[str, ...]


@dataclass(slots=True)
class Videos:
    """A video/list or video/query reply before it is encoded."""

    videos: tuple[Video, ...] | list[Video]
    fields: tuple[str, ...]
    context: VideoContext
    cursor: int
    has_more: bool


def check(state: DisplayState, endpoint: str, bearer: str | None, fields: str | None) -> Call:
    token = state.accounts.user_token(bearer) if bearer else None
    # A client (clt.) token has no user behind it; TikTok refuses it here.
    if token is None or token.open_id is None:
        raise ApiError("access_token_invalid")
    app = state.accounts.app(token.client_key)
    limit = app.rate_limit if app is not None else state.settings.rate_limit
    if not state.limiter.allow((token.client_key, endpoint, token.token), limit):
        raise ApiError("rate_limit_exceeded")
    if ENDPOINT_SCOPES[endpoint] not in token.scopes:
        raise ApiError("scope_not_authorized")
    user = state.accounts.user(token.open_id)
    assert user is not None and app is not None  # user_token() checked both
    return Call(token, user, app, asked_fields(endpoint, fields, token.scopes, app.unknown_fields))


@lru_cache(maxsize=1024)  # a client sends the same few `fields` again and again; bounded
def asked_fields(
    endpoint: str, text: str | None, granted: tuple[str, ...], unknown_fields: str = "reject"
) -> tuple[str, ...]:
    """The known fields asked for, each checked against the granted scopes. A name TikTok's v2
    does not define is `invalid_params`, or (the app's `unknown_fields: ignore`) left out."""
    table = ENDPOINT_FIELD_SCOPES[endpoint]
    names = field_names(text)
    if not names:
        raise ApiError("invalid_params", "Invalid parameter: fields is required, e.g. ?fields=" + ",".join(table))
    unknown = [name for name in names if name not in table]
    if unknown and unknown_fields == "reject":
        raise ApiError("invalid_params", f"Invalid parameter: fields has unknown field(s): {', '.join(unknown)}.")
    names = [name for name in names if name in table]
    needed: dict[str, list[str]] = {}
    for name in names:
        if table[name] not in granted:
            needed.setdefault(table[name], []).append(name)
    if needed:
        detail = "; ".join(f"{', '.join(asked)} need(s) {scope}" for scope, asked in needed.items())
        raise ApiError("scope_permission_missed", f"Some fields need scopes the user did not authorize: {detail}.")
    return tuple(names)


def user_info(state: DisplayState, call: Call, origin: str) -> dict[str, Any]:
    """The asked fields, in the order asked. Who the user is depends on the app asking:
    its own open_id, its developer's union_id; avatars are signed links on `origin`."""
    user = call.user
    values = {}
    for name in call.fields:
        computed = PER_CALL_FIELDS.get(name)
        values[name] = computed(state, call, origin) if computed is not None else getattr(user, name)
    return {"user": values}


def _avatar(field: str) -> Callable[[DisplayState, Call, str], str]:
    def value(state: DisplayState, call: Call, origin: str) -> str:
        given = getattr(call.user, field)  # a URL the fixture gives is returned as written
        if given is not None:
            return given
        expires = state.clock.now_s() + state.settings.avatar_ttl
        return avatars.avatar_url(state.covers, origin, call.user.username, field, expires)

    return value


PER_CALL_FIELDS: dict[str, Callable[[DisplayState, Call, str], Any]] = {
    "open_id": lambda state, call, origin: state.accounts.open_id(call.user, call.app),
    "union_id": lambda state, call, origin: state.accounts.union_id(call.user, call.app),
    "video_count": lambda state, call, origin: state.index(call.user).public_count,
    **{field: _avatar(field) for field in avatars.AVATAR_SIZES},
}


def video_list(state: DisplayState, call: Call, body: dict[str, Any], origin: str) -> Videos:
    cursor, max_count = video_list_request(body)
    page = state.index(call.user).public.page(cursor, max_count)
    return Videos(page.items, call.fields, _context(state, call, origin), page.cursor, page.has_more)


def video_query(state: DisplayState, call: Call, body: dict[str, Any], origin: str) -> Videos:
    """The asked videos that are the user's and public; others are left out silently (Part 1)."""
    ids = video_query_request(body)
    index = state.index(call.user)
    found = [video for video in map(index.public_video, ids) if video is not None]
    return Videos(found, call.fields, _context(state, call, origin), 0, False)


def _context(state: DisplayState, call: Call, origin: str) -> VideoContext:
    expires = state.clock.now_s() + state.settings.cover_ttl
    return VideoContext(call.user, call.token.client_key, state.covers, origin, expires)


def cover_refusal(state: DisplayState, name: str, expires: str | None, signature: str | None) -> str | None:
    """None when the cover link may be served now, else why not."""
    return state.covers.check(name, expires, signature, state.clock.now())


def avatar_refusal(state: DisplayState, name: str, expires: str | None, signature: str | None) -> str | None:
    """None when the avatar link may be served now, else why not."""
    return avatars.refusal(state.covers, name, expires, signature, state.clock.now())
