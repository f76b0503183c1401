"""TikTok's v2 video object (tiktok-api.md §2.2), with only the asked fields.

Links carry `utm_campaign=tt4d_open_api&utm_source=<client_key>` as TikTok's
do; `embed_html` is TikTok's blockquote embed code with its embed.js tag.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property
from html import escape
from typing import Any
from urllib.parse import urlencode

import orjson

from mock_server.families.display.covers import CoverSigner
from mock_server.families.login_kit.models import User, Video

TIKTOK = "https://www.tiktok.com"
EMBED_SCRIPT = f'<script async src="{TIKTOK}/embed.js"></script>'


@dataclass(frozen=True)
class VideoContext:
    """What a video object needs besides the video: whose it is, for which app, and its cover URL."""

    user: User
    client_key: str
    covers: CoverSigner
    origin: str  # the mock's own, as the client reached it
    cover_expires: int  # unix s

    def cover_url(self, video: Video) -> str:
        return self.covers.url(self.origin, video.id, self.cover_expires)

    @cached_property
    def utm(self) -> str:
        # Once per context, not per link: urlencode was a quarter of a video/list call.
        return urlencode({"utm_campaign": "tt4d_open_api", "utm_source": self.client_key})


def page_url(user: User, video: Video) -> str:
    return f"{TIKTOK}/@{user.username}/video/{video.id}"


def share_url(video: Video, ctx: VideoContext) -> str:
    return f"{page_url(ctx.user, video)}?{ctx.utm}"


def embed_link(video: Video, ctx: VideoContext) -> str:
    return f"{TIKTOK}/static/profile-video?id={video.id}&hide_author=1&{ctx.utm}"


def embed_html(video: Video, ctx: VideoContext) -> str:
    """The embed code TikTok's share menu and oEmbed give: a blockquote that embed.js turns into a player."""
    author = escape(f"@{ctx.user.username}")
    sound = escape(f"♬ original sound - {ctx.user.username}")
    profile = escape(f"{TIKTOK}/@{ctx.user.username}?refer=embed")
    music = f"{TIKTOK}/music/original-sound-{video.id}?refer=embed"
    return (
        f'<blockquote class="tiktok-embed" cite="{escape(page_url(ctx.user, video))}" '
        f'data-video-id="{video.id}" style="max-width: 605px;min-width: 325px;" > <section> '
        f'<a target="_blank" title="{author}" href="{profile}">{author}</a> '
        f"{escape(video.video_description)} "
        f'<a target="_blank" title="{sound}" href="{music}">{sound}</a> </section> </blockquote> {EMBED_SCRIPT}'
    )


FIELD_VALUES: dict[str, Callable[[Video, VideoContext], Any]] = {
    "id": lambda video, ctx: video.id,
    "create_time": lambda video, ctx: video.create_time,
    "cover_image_url": lambda video, ctx: ctx.cover_url(video),
    "share_url": share_url,
    "video_description": lambda video, ctx: video.video_description,
    "duration": lambda video, ctx: video.duration,
    "height": lambda video, ctx: video.height,
    "width": lambda video, ctx: video.width,
    "title": lambda video, ctx: video.title,
    "embed_html": embed_html,
    "embed_link": embed_link,
    "like_count": lambda video, ctx: video.like_count,
    "comment_count": lambda video, ctx: video.comment_count,
    "share_count": lambda video, ctx: video.share_count,
    "view_count": lambda video, ctx: video.view_count,
}


def video_object(video: Video, fields: Sequence[str], ctx: VideoContext) -> dict[str, Any]:
    return {field: FIELD_VALUES[field](video, ctx) for field in fields}


COVER = "cover_image_url"
STATIC_PARTS_LIMIT = 4096
# Where the cover URL goes in an encoded object. Inside a JSON string every `"` is escaped, so this
# exact text can only be the real key and its placeholder value (a lone NUL character).
_COVER_SLOT = b'"cover_image_url":"\\u0000"'
_COVER_KEY = b'"cover_image_url":'

EncodedParts = tuple[bytes, bytes]  # an object's JSON before and after its cover URL's value


class VideoObjects:
    """Builds the video objects of a reply, as JSON. All but the cover URL (signed, and expiring
    with the clock) is the same on every request for a (video, user, app, fields), so those parts
    are kept already encoded, a bounded number of them: a page then costs one signature and one
    join per video, and the reply's encoder copies each object in as is (an `orjson.Fragment`).
    Videos and users are frozen; a replaced one misses the identity check and is encoded again."""

    def __init__(self, limit: int = STATIC_PARTS_LIMIT) -> None:
        self.limit = limit
        self._parts: dict[tuple[str, str, tuple[str, ...]], tuple[Video, User, EncodedParts]] = {}

    def build(self, videos: Sequence[Video], fields: tuple[str, ...], ctx: VideoContext) -> list[Any]:
        encoded = [self._encoded(video, fields, ctx) for video in videos]
        parts = [part for part in encoded if part is not None]
        if len(parts) != len(encoded):  # a value orjson cannot encode (an int beyond 64 bits): plain objects
            return [video_object(video, fields, ctx) for video in videos]
        if COVER not in fields:
            return [orjson.Fragment(head) for head, _ in parts]
        origin = orjson.dumps(ctx.origin.rstrip("/"))[:-1]  # `"http://host:port` without its closing quote
        signed_path, expires = ctx.covers.signed_path, ctx.cover_expires
        # A signed path is letters, digits and `/~-.?&=%` only (covers.py): as JSON text it is itself.
        return [
            orjson.Fragment(b"".join((head, origin, signed_path(video.id, expires).encode(), b'"', tail)))
            for video, (head, tail) in zip(videos, parts, strict=True)
        ]

    def _encoded(self, video: Video, fields: tuple[str, ...], ctx: VideoContext) -> EncodedParts | None:
        key = (video.id, ctx.client_key, fields)
        kept = self._parts.get(key)
        if kept is not None and kept[0] is video and kept[1] is ctx.user:
            return kept[2]
        values = {field: "\0" if field == COVER else FIELD_VALUES[field](video, ctx) for field in fields}
        try:
            encoded = orjson.dumps(values)
        except orjson.JSONEncodeError:
            return None
        head, _, tail = encoded.partition(_COVER_SLOT)
        parts = (head + _COVER_KEY, tail) if tail else (head, b"")
        if len(self._parts) >= self.limit:
            del self._parts[next(iter(self._parts))]  # the oldest
        self._parts[key] = (video, ctx.user, parts)
        return parts

    def clear(self) -> None:
        self._parts.clear()

    def __len__(self) -> int:
        return len(self._parts)
