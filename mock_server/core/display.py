"""The Display API v2 (tiktok-api.md §2, Part 1): user info, video list and
video query, for the user behind a bearer access token.

Order of checks, the same for every endpoint: the token (401
access_token_invalid), the rate limit (429), the endpoint's own scope (401
scope_not_authorized), the `fields` (400 invalid_params), the scopes of the
asked fields (400 scope_permission_missed), then the body.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from mock_server.core.covers import CoverSigner
from mock_server.core.display_requests import bearer_token, field_names, video_list_request, video_query_request
from mock_server.core.errors import ApiError
from mock_server.core.pagination import VideoIndex
from mock_server.core.ratelimit import RateLimiter
from mock_server.core.scopes import ENDPOINT_FIELD_SCOPES, ENDPOINT_SCOPES
from mock_server.core.store import Store
from mock_server.core.tokens import AccessToken
from mock_server.core.video_object import VideoContext, VideoObjects

USER_INFO, VIDEO_LIST, VIDEO_QUERY = "user.info", "video.list", "video.query"


@dataclass(slots=True)  # not frozen: a frozen __init__ costs 3x, on every call
class Call:
    """One checked Display API call: who, for which app, and the fields asked for."""

    token: AccessToken
    user_key: str  # open_id
    fields: tuple[str, ...]


class DisplayApi:
    def __init__(self, store: Store) -> None:
        self.store = store
        self.limiter = RateLimiter(store.clock)
        self.covers = CoverSigner(store.fixture.seed)
        self.videos = VideoObjects()
        # open_id -> (the User it was built from, its index); rebuilt if the user is replaced.
        self._indexes: dict[str, tuple[Any, VideoIndex]] = {}
        store.reset_hooks.append(self._on_reset)

    def _on_reset(self, store: Store, client_key: str | None) -> None:
        if client_key is None:
            self.limiter.clear()
            self._indexes.clear()
            self.videos.clear()
        else:
            self.limiter.forget(lambda key: key[0] == client_key)

    # -- checks ------------------------------------------------------------------

    def check(self, endpoint: str, authorization: str | None, fields: str | None) -> Call:
        token = self._live_user_token(authorization)
        app = self.store.apps.get(token.client_key)
        limit = app.rate_limit if app is not None else self.store.settings.rate_limit
        if not self.limiter.allow((token.client_key, endpoint, token.token), limit):
            raise ApiError("rate_limit_exceeded")
        if ENDPOINT_SCOPES[endpoint] not in token.scopes:
            raise ApiError("scope_not_authorized")
        return Call(token, token.open_id or "", self._fields(endpoint, fields, token.scopes))

    def _live_user_token(self, authorization: str | None) -> AccessToken:
        value = bearer_token(authorization)
        token = self.store.tokens.live_access_token(value) if value else None
        # A client (clt.) token has no user behind it; TikTok refuses it here.
        if token is None or token.is_client_token or token.open_id not in self.store.users_by_open_id:
            raise ApiError("access_token_invalid")
        return token

    @staticmethod
    @lru_cache(maxsize=1024)  # a client sends the same few `fields` again and again; bounded
    def _fields(endpoint: str, text: str | None, granted: tuple[str, ...]) -> tuple[str, ...]:
        table = ENDPOINT_FIELD_SCOPES[endpoint]
        names = field_names(text)
        if not names:
            raise ApiError("invalid_params", "Invalid parameter: fields is required, e.g. ?fields=" + ",".join(table))
        unknown = [name for name in names if name not in table]
        if unknown:
            raise ApiError("invalid_params", f"Invalid parameter: fields has unknown field(s): {', '.join(unknown)}.")
        needed: dict[str, list[str]] = {}
        for name in names:
            if table[name] not in granted:
                needed.setdefault(table[name], []).append(name)
        if needed:
            detail = "; ".join(f"{', '.join(asked)} need(s) {scope}" for scope, asked in needed.items())
            raise ApiError("scope_permission_missed", f"Some fields need scopes the user did not authorize: {detail}.")
        return tuple(names)

    # -- endpoints ---------------------------------------------------------------

    def user_info(self, call: Call) -> dict[str, Any]:
        user = self.store.users_by_open_id[call.user_key]
        count = self.index(call.user_key).public_count if "video_count" in call.fields else None
        return {"user": {name: count if name == "video_count" else getattr(user, name) for name in call.fields}}

    def video_list(self, call: Call, body: dict[str, Any], origin: str) -> dict[str, Any]:
        cursor, max_count = video_list_request(body)
        page = self.index(call.user_key).page(cursor, max_count)
        ctx = self._context(call, origin)
        return {
            "videos": self.videos.build(page.videos, call.fields, ctx),
            "cursor": page.cursor,
            "has_more": page.has_more,
        }

    def video_query(self, call: Call, body: dict[str, Any], origin: str) -> dict[str, Any]:
        """The asked videos that are the user's and public; others are left out silently (Part 1)."""
        ids = video_query_request(body)
        index = self.index(call.user_key)
        found = [video for video in map(index.public_video, ids) if video is not None]
        ctx = self._context(call, origin)
        return {"videos": self.videos.build(found, call.fields, ctx), "cursor": 0, "has_more": False}

    # -- helpers -----------------------------------------------------------------

    def index(self, open_id: str) -> VideoIndex:
        user = self.store.users_by_open_id[open_id]
        cached = self._indexes.get(open_id)
        if cached is None or cached[0] is not user:
            cached = self._indexes[open_id] = (user, VideoIndex(user.videos))
        return cached[1]

    def _context(self, call: Call, origin: str) -> VideoContext:
        expires = self.store.clock.now_s() + self.store.settings.cover_ttl
        user = self.store.users_by_open_id[call.user_key]
        return VideoContext(user, call.token.client_key, self.covers, origin, expires)

    def cover_refusal(self, name: str, expires: str | None, signature: str | None) -> str | None:
        return self.covers.check(name, expires, signature, self.store.clock.now())
