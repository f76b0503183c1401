"""Server-wide settings from the fixture's `settings:`; every family reads the ones it needs,
and every Login Kit app may override the per-app ones."""

from __future__ import annotations

from dataclasses import dataclass, field

from mock_server.kernel.inputs import InputLimits
from mock_server.kernel.limits import RateLimit


@dataclass(frozen=True)
class Settings:
    """Server-wide defaults; every app may override the per-app ones."""

    access_token_ttl: int = 86400
    refresh_token_ttl: int = 31536000
    client_token_ttl: int = 7200
    code_ttl: int = 600
    rotate_refresh_token: bool = True
    oauth_error_status: str = "200"  # "200" as TikTok does, or "rfc6749" (400, 401 for invalid_client)
    pkce_encoding: str = "either"  # either / hex / base64url
    auto_approve: str | None = None  # a username: skip the consent page and log in as them
    # A Display `fields` name TikTok's v2 does not define (v1's avatar_url_200): "reject" it with
    # invalid_params (the stricter reading: TikTok's answer is undocumented), or "ignore" it.
    unknown_fields: str = "reject"
    rate_limit: RateLimit = field(default_factory=RateLimit)
    cover_ttl: int = 21600
    # Avatar links: TikTok documents 2 h for Content Posting's creator_avatar_url; user/info's is undocumented.
    avatar_ttl: int = 7200
    shop_timestamp_tolerance: int = 300
    journal_size: int = 1000
    limits: InputLimits = field(default_factory=InputLimits)
