"""Login Kit's one error table: the OAuth error categories of tiktok-api.md §1.3,
with their RFC 6749 status and default description, and the two envelopes
they answer in (the token endpoints' JSON, the authorize page's redirect)."""

from __future__ import annotations

from mock_server.kernel.envelopes import Envelope

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

# The token and revoke endpoints answer `{"error", "error_description", "log_id"}`;
# the authorize page sends the same categories back to the redirect URI.
OAUTH_ENVELOPE = Envelope("oauth", ("/v2/oauth/",), frozenset(OAUTH_ERRORS), bad_input="invalid_request")
AUTHORIZE_ENVELOPE = Envelope("authorize", ("/v2/auth/",), frozenset(OAUTH_ERRORS), bad_input="invalid_request")
