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
