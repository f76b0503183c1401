"""TikTok's v2 video object (tiktok-api.md §2.2), with only the asked fields.

Links carry `utm_campaign=tt4d_open_api&utm_source=<client_key>` as TikTok's
do; `embed_html` is TikTok's blockquote embed code with its embed.js tag.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from html import escape
from typing import Any
from urllib.parse import urlencode

from mock_server.core.models import User, Video

TIKTOK = "https://www.tiktok.com"
EMBED_SCRIPT = f'<script async src="{TIKTOK}/embed.js"></script>'


@dataclass(frozen=True)
class VideoContext:
    """What a video object needs besides the video: whose it is, for which app, and its cover URL."""

    user: User
    client_key: str
    cover_url: Callable[[Video], str]

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


def video_object(video: Video, fields: list[str], ctx: VideoContext) -> dict[str, Any]:
    return {field: FIELD_VALUES[field](video, ctx) for field in fields}
