"""Login Kit's scope table: which scopes exist and what the consent page says
of each (tiktok-api.md Part 1). Which scope each endpoint and field of the
Display API needs is Display's table (`families/display/scopes.py`)."""

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


def parse_scope_list(text: str) -> list[str]:
    """TikTok scope lists are comma-separated; tolerate spaces around commas."""
    return [part.strip() for part in text.split(",") if part.strip()]


def unknown_scopes(scopes: list[str]) -> list[str]:
    return [scope for scope in scopes if scope not in KNOWN_SCOPES]


def with_default_scope(scopes: list[str]) -> list[str]:
    """The scopes a Login Kit grant ends up with: basic first, no duplicates."""
    ordered = [DEFAULT_SCOPE, *scopes]
    return list(dict.fromkeys(ordered))
