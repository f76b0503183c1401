"""TikTok's v2 error codes with their HTTP status and default message
(tiktok-api.md §3.1): the Display API's one error table, read by its rules,
the v2 envelope builder, fault injection and the spec checks. Every
open.tiktokapis.com v2 path (and any path TikTok does not have) answers in
this envelope: `{"error": {"code", "message", "log_id"}}`."""

from __future__ import annotations

from mock_server.kernel.envelopes import Envelope, V2Error

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

V2_ENVELOPE = Envelope("v2", ("/v2/",), frozenset(V2_ERRORS), bad_input="invalid_params")
