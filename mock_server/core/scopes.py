"""The one scope table: which scopes exist, what the consent page says of
each, and which scope every user and video field needs (tiktok-api.md §2)."""

from __future__ import annotations

# user.info.basic is added to every Login Kit authorization (tiktok-api.md Part 1).
DEFAULT_SCOPE = "user.info.basic"

SCOPE_DESCRIPTIONS: dict[str, str] = {
    "user.info.basic": "Read your profile info (avatar, display name)",
    "user.info.profile": "Read your profile details (bio, profile link, verification, username)",
    "user.info.stats": "Read your profile stats (likes, followers, following, video count)",
    "video.list": "Read your public videos on TikTok",
    "video.upload": "Share content to TikTok as a draft",
    "video.publish": "Directly post content to your TikTok profile",
    "research.data.basic": "Access public TikTok data for research (client token)",
    "research.adlib.basic": "Access the commercial content library (client token)",
}

KNOWN_SCOPES = frozenset(SCOPE_DESCRIPTIONS)

USER_FIELD_SCOPES: dict[str, str] = {
    "open_id": "user.info.basic",
    "union_id": "user.info.basic",
    "avatar_url": "user.info.basic",
    "avatar_url_100": "user.info.basic",
    "avatar_large_url": "user.info.basic",
    "display_name": "user.info.basic",
    "bio_description": "user.info.profile",
    "profile_deep_link": "user.info.profile",
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


def parse_scope_list(text: str) -> list[str]:
    """TikTok scope lists are comma-separated; tolerate spaces around commas."""
    return [part.strip() for part in text.split(",") if part.strip()]


def unknown_scopes(scopes: list[str]) -> list[str]:
    return [scope for scope in scopes if scope not in KNOWN_SCOPES]


def with_default_scope(scopes: list[str]) -> list[str]:
    """The scopes a Login Kit grant ends up with: basic first, no duplicates."""
    ordered = [DEFAULT_SCOPE, *scopes]
    return list(dict.fromkeys(ordered))
