"""Content Posting's error codes, with their HTTP status and TikTok's message
(tiktok-content-posting.md §1.1), merged into the shared v2 table in
`families/__init__.py`: Content Posting answers in TikTok's v2 envelope like
Display, so fault rules may name these codes on any `/v2/` path.

The three "cannot post now" codes are 403 at init; creator_info answers them
with HTTP 200, as TikTok documents (the rules pass that status)."""

from __future__ import annotations

from mock_server.kernel.envelopes import V2Error

POSTING_ERRORS: dict[str, V2Error] = {
    # TikTok's Content Posting tables spell it singular; live replies (and the mock's
    # default, `settings.posting.invalid_param_code`) say `invalid_params`.
    "invalid_param": V2Error(400, "Check error message for details."),
    "invalid_publish_id": V2Error(400, "The publish_id does not exist."),
    "token_not_authorized_for_specified_publish_id": V2Error(
        400, "The access token is not authorized to read or change this publish_id."
    ),
    "publish_not_cancellable": V2Error(400, "The publish task is already in a final state and cannot be cancelled."),
    "app_version_check_failed": V2Error(
        400, "The creator's TikTok app is too old for this feature; version 31.8 or later is needed."
    ),
    "spam_risk_too_many_posts": V2Error(403, "The daily post cap from the API is reached for the current user."),
    "spam_risk_user_banned_from_posting": V2Error(403, "The user is banned from making new posts."),
    "spam_risk_too_many_pending_share": V2Error(
        403, "To prevent spam, at most 5 shares may wait in the creator's inbox within 24 hours."
    ),
    "reached_active_user_cap": V2Error(
        403, "The daily quota of active publishing creators for your API client is reached."
    ),
    "unaudited_client_can_only_post_to_private_accounts": V2Error(
        403, "Unaudited clients can only post to a private account."
    ),
    "url_ownership_unverified": V2Error(
        403, "The domain or URL prefix of the media URL is not verified for this API client."
    ),
    "privacy_level_option_mismatch": V2Error(
        403, "The privacy_level is not one of the creator's privacy_level_options (query creator_info)."
    ),
}

# fail_reason values of status/fetch (tiktok-content-posting.md §3), in TikTok's order.
FAIL_REASONS: tuple[str, ...] = (
    "file_format_check_failed",
    "duration_check_failed",
    "frame_rate_check_failed",
    "picture_size_check_failed",
    "internal",
    "video_pull_failed",
    "photo_pull_failed",
    "publish_cancelled",
    "auth_removed",
    "spam_risk_too_many_posts",
    "spam_risk_user_banned_from_posting",
    "spam_risk_text",
    "spam_risk",
)
