"""The things the mock knows about, named as TikTok names them.

Users and videos are frozen: they come from fixtures and are shared between
resets. Apps are plain records copied on every reset, so a run-time change
never leaks into the fixture they came from.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from mock_server.kernel.limits import RateLimit
from mock_server.kernel.net import is_loopback_uri


@dataclass
class App:
    client_key: str
    client_secret: str
    name: str
    redirect_uris: list[str]
    scopes: list[str]
    platform: str = "web"  # web / desktop
    pkce: str = "optional"  # optional / required
    pkce_encoding: str = "either"
    access_token_ttl: int = 86400
    refresh_token_ttl: int = 31536000
    client_token_ttl: int = 7200
    code_ttl: int = 600
    rotate_refresh_token: bool = True
    oauth_error_status: str = "200"
    unknown_fields: str = "reject"  # a Display `fields` name TikTok's v2 does not define: reject / ignore
    auto_approve: str | None = None
    rate_limit: RateLimit = field(default_factory=RateLimit)
    developer: str = "default"  # apps of one developer see one union_id per user
    webhook_url: str | None = None  # the Developer Portal's callback URL: signed event deliveries go here

    def matches_redirect_uri(self, uri: str) -> bool:
        return any(redirect_uri_matches(registered, uri) for registered in self.redirect_uris)

    def not_allowed(self, scopes: Iterable[str]) -> list[str]:
        """The scopes this app was not granted in the developer portal: the one check for
        the authorize page, fixture tokens and minted tokens and codes."""
        return [scope for scope in scopes if scope not in self.scopes]

    @property
    def requires_pkce(self) -> bool:
        """Desktop apps default to `pkce: required` (TikTok's desktop doc), web apps to optional."""
        return self.pkce == "required"


def redirect_uri_matches(registered: str, uri: str) -> bool:
    """Exact match, character for character, except that a registered desktop URI's port `*`
    matches a port of 1 to 5 digits (not the literal `*`). A URI with a fragment, or with a
    control character or space anywhere, never matches."""
    if "#" in uri or not _PLAIN.fullmatch(uri):
        return False
    if ":*" not in registered:
        return registered == uri
    return _wildcard(registered).fullmatch(uri) is not None and is_loopback_uri(uri)


_PLAIN = re.compile(r"[\x21-\x7e]+")  # visible ASCII: no CR, LF, TAB, space or anything beyond


@lru_cache(maxsize=256)
def _wildcard(registered: str) -> re.Pattern[str]:
    before, _, after = registered.partition(":*")
    return re.compile(re.escape(before) + ":[0-9]{1,5}" + re.escape(after))


@dataclass(frozen=True)
class Video:
    id: str
    create_time: int
    title: str
    video_description: str
    duration: int
    height: int
    width: int
    like_count: int
    comment_count: int
    share_count: int
    view_count: int
    # TikTok's privacy levels (PUBLIC_TO_EVERYONE, MUTUAL_FOLLOW_FRIENDS, FOLLOWER_OF_CREATOR,
    # SELF_ONLY); the Display API lists only public ones.
    privacy_level: str = "PUBLIC_TO_EVERYONE"

    @property
    def is_public(self) -> bool:
        return self.privacy_level == "PUBLIC_TO_EVERYONE"


@dataclass(frozen=True)
class User:
    username: str
    display_name: str
    # Pinned ids (identity.py derives the rest): (client_key, open_id) pairs, "" meaning the
    # first app; (developer, union_id) pairs.
    open_ids: tuple[tuple[str, str], ...]
    union_ids: tuple[tuple[str, str], ...]
    # None: a signed, expiring avatar URL on the mock's own origin (the usual case); a given URL is
    # returned as written.
    avatar_url: str | None
    avatar_url_100: str | None
    avatar_large_url: str | None
    bio_description: str
    profile_deep_link: str
    is_verified: bool
    follower_count: int
    following_count: int
    likes_count: int
    videos: tuple[Video, ...] = ()  # newest first

    @property
    def profile_web_link(self) -> str:
        """The profile's web page, as user/info's `profile_web_link` gives it."""
        return f"https://www.tiktok.com/@{self.username}"

    @property
    def public_videos(self) -> tuple[Video, ...]:
        return tuple(video for video in self.videos if video.is_public)
