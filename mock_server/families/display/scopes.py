"""The Display API's scope table: which scope every endpoint, user field and
video field needs (tiktok-api.md §2). The scopes themselves are Login Kit's."""

from __future__ import annotations

USER_FIELD_SCOPES: dict[str, str] = {
    "open_id": "user.info.basic",
    "union_id": "user.info.basic",
    "avatar_url": "user.info.basic",
    "avatar_url_100": "user.info.basic",
    "avatar_large_url": "user.info.basic",
    "display_name": "user.info.basic",
    "bio_description": "user.info.profile",
    "profile_deep_link": "user.info.profile",
    "profile_web_link": "user.info.profile",  # https://www.tiktok.com/@<username>
    "is_verified": "user.info.profile",
    "username": "user.info.profile",
    "follower_count": "user.info.stats",
    "following_count": "user.info.stats",
    "likes_count": "user.info.stats",
    "video_count": "user.info.stats",
}

VIDEO_FIELDS: tuple[str, ...] = (
    "id",
    "create_time",
    "cover_image_url",
    "share_url",
    "video_description",
    "duration",
    "height",
    "width",
    "title",
    "embed_html",
    "embed_link",
    "like_count",
    "comment_count",
    "share_count",
    "view_count",
)
VIDEO_FIELD_SCOPES: dict[str, str] = dict.fromkeys(VIDEO_FIELDS, "video.list")

# The scope an endpoint needs before any field is looked at.
ENDPOINT_SCOPES: dict[str, str] = {
    "user.info": "user.info.basic",
    "video.list": "video.list",
    "video.query": "video.list",
}

# The fields each endpoint can return, with the scope each field needs.
ENDPOINT_FIELD_SCOPES: dict[str, dict[str, str]] = {
    "user.info": USER_FIELD_SCOPES,
    "video.list": VIDEO_FIELD_SCOPES,
    "video.query": VIDEO_FIELD_SCOPES,
}
