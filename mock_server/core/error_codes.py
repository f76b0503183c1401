"""TikTok's v2 error codes with their HTTP status and default message
(tiktok-api.md §3.1). One table, read by the core and the HTTP layer."""

from __future__ import annotations

from typing import NamedTuple


class V2Error(NamedTuple):
    status: int
    message: str


V2_ERRORS: dict[str, V2Error] = {
    "access_token_invalid": V2Error(401, "The access token is invalid or not found in the request."),
    "internal_error": V2Error(500, "Something went wrong. Please try again later."),
    "invalid_file_upload": V2Error(400, "The file cannot be uploaded for one or more reasons."),
    "invalid_params": V2Error(400, "One or more of the request fields are invalid."),
    "rate_limit_exceeded": V2Error(429, "The API rate limit was exceeded. Please try again later."),
    "scope_not_authorized": V2Error(401, "The user did not authorize the scope required for completing this request."),
    "scope_permission_missed": V2Error(400, "Some fields in the request need additional scopes."),
    "not_found": V2Error(404, "The requested path was not found."),
    "method_not_allowed": V2Error(405, "The request method is not allowed for this path."),
}

# The OAuth error categories of tiktok-api.md §1.3, and the HTTP status each
# gets when an app chooses `oauth_error_status: rfc6749` (TikTok itself: 200).
OAUTH_ERRORS: dict[str, int] = {
    "access_denied": 400,
    "invalid_client": 401,
    "invalid_grant": 400,
    "invalid_request": 400,
    "invalid_scope": 400,
    "unauthorized_client": 400,
    "unsupported_grant_type": 400,
    "unsupported_response_type": 400,
    "server_error": 500,
    "temporarily_unavailable": 503,
}

# The default error_description of each OAuth category: TikTok's error table
# (tiktok-api.md §1.3) repeats RFC 6749's wording. Used when a fault names a
# category without a description of its own.
OAUTH_DESCRIPTIONS: dict[str, str] = {
    "access_denied": "The resource owner or authorization server denied the request.",
    "invalid_client": "Client authentication failed.",
    "invalid_grant": "The authorization code or refresh token is invalid, expired, or revoked.",
    "invalid_request": "The request parameters are malformed.",
    "invalid_scope": "The requested scope is invalid, unknown, or malformed.",
    "unauthorized_client": "The client is not authorized to request an authorization code using this method.",
    "unsupported_grant_type": "The authorization grant type is not supported by the authorization server.",
    "unsupported_response_type": "The authorization server does not support obtaining an authorization code this way.",
    "server_error": "The authorization server encountered an unexpected condition.",
    "temporarily_unavailable": "The authorization server is temporarily unable to handle the request.",
}
