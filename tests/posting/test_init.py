"""The video inits: Direct Post (/video/init/) and inbox upload (/inbox/video/init/), FILE_UPLOAD
and PULL_FROM_URL; the check order (401, 401, 429, 400, then the 403 business rules)."""

from __future__ import annotations

import re

import pytest

from tests.posting.helpers import (
    INBOX_INIT,
    NO_POSTING,
    POSTER,
    PRIVATE_POSTER,
    UNAUDITED_PRIVATE,
    UNAUDITED_PUBLIC,
    UPLOADER,
    VERIFIED_URL,
    VIDEO_INIT,
    call,
    data_of,
    direct,
    error_of,
    file_source,
    inbox,
    small_world,
    url_source,
)

PUBLISH_ID = {
    "direct-file": r"^v_pub_file~v2-1\.\d{19}$",
    "direct-url": r"^v_pub_url~v2\.\d{19}$",
    "inbox-file": r"^v_inbox_file~v2\.\d{19}$",
    "inbox-url": r"^v_inbox_url~v2\.\d{19}$",
}
UPLOAD_URL = re.compile(r"^http://127\.0\.0\.1:8000/video/\?upload_id=\d{19}&upload_token=[0-9a-f-]{36}$")


def test_direct_post_file_upload_answers_a_publish_id_and_an_upload_url(client):
    data = data_of(direct(client, file_source(4_194_304)))

    assert re.match(PUBLISH_ID["direct-file"], data["publish_id"])
    assert UPLOAD_URL.match(data["upload_url"]) and len(data["upload_url"]) <= 256


def test_direct_post_pull_from_url_answers_only_a_publish_id(client):
    data = data_of(direct(client, url_source()))

    assert re.match(PUBLISH_ID["direct-url"], data["publish_id"]) and set(data) == {"publish_id"}


def test_inbox_uploads_have_their_own_prefixes(client):
    assert re.match(PUBLISH_ID["inbox-file"], data_of(inbox(client, file_source(1000)))["publish_id"])
    assert re.match(PUBLISH_ID["inbox-url"], data_of(inbox(client, url_source(), UPLOADER))["publish_id"])


def test_inbox_init_accepts_and_ignores_post_info_and_unknown_keys(client):
    body = {
        "post_info": {"title": "draft", "video_cover_timestamp_ms": 1000, "is_aigc": False},
        "source_info": {**file_source(1000), "video_cover_timestamp_ms": 0, "extra": [1]},
        "whatever": True,
    }
    assert "upload_url" in data_of(call(client, INBOX_INIT, POSTER, body))


def test_the_upload_origin_can_be_tiktoks_upload_host(make_client):
    client = make_client(small_world(settings="upload_origin: https://open-upload.tiktokapis.com"))

    url = data_of(direct(client, file_source(1000), token="act.u0"))["upload_url"]

    assert url.startswith("https://open-upload.tiktokapis.com/video/?upload_id=")


def test_both_slash_forms_answer(client):
    response = call(
        client,
        VIDEO_INIT.rstrip("/"),
        POSTER,
        {"post_info": {"privacy_level": "SELF_ONLY"}, "source_info": file_source(10)},
    )
    assert "publish_id" in data_of(response)


# -- 401, 401, 429 ----------------------------------------------------------------------------


def test_a_missing_or_unknown_token_is_401(client):
    for token in (None, "act.nope"):
        response = direct(client, file_source(10), token=token) if token else call(client, VIDEO_INIT, None, {})
        assert response.status_code == 401 and error_of(response)["code"] == "access_token_invalid"


def test_direct_post_needs_video_publish_and_inbox_needs_video_upload(client):
    assert error_of(direct(client, file_source(10), token=UPLOADER))["code"] == "scope_not_authorized"
    assert error_of(inbox(client, file_source(10), NO_POSTING))["code"] == "scope_not_authorized"
    assert "publish_id" in data_of(inbox(client, file_source(10), UPLOADER))


def test_the_scope_is_checked_before_the_body(client):
    response = call(client, VIDEO_INIT, UPLOADER, content=b"not json")
    assert response.status_code == 401 and error_of(response)["code"] == "scope_not_authorized"


def test_six_inits_a_minute_per_endpoint_then_429_before_the_body_is_read(client, clock):
    assert [direct(client, file_source(10)).status_code for _ in range(6)] == [200] * 6
    response = call(client, VIDEO_INIT, POSTER, content=b"not json")
    assert response.status_code == 429 and error_of(response)["code"] == "rate_limit_exceeded"
    assert inbox(client, file_source(10)).status_code == 200  # another endpoint, another window
    clock.advance(60)
    assert direct(client, file_source(10)).status_code == 200


def test_the_init_limit_may_be_shared_by_the_three_endpoints(make_client):
    client = make_client(small_world(settings="shared_init_limit: true\npending_share_cap: 100"))
    for _ in range(6):
        data_of(inbox(client, file_source(10), "act.u0"))

    assert direct(client, file_source(10), token="act.u0").status_code == 429


# -- 400: the body --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "named"),
    [
        (None, "empty"),
        ([], "JSON object"),
        ({"post_info": {"privacy_level": "SELF_ONLY"}}, "source_info"),
        ({"source_info": "FILE_UPLOAD"}, "source_info"),
        ({"source_info": {"source": "FROM_SPACE"}}, "source_info.source"),
        ({"source_info": {"source": "FILE_UPLOAD", "video_size": 10, "chunk_size": 10}}, "total_chunk_count"),
        ({"source_info": {**file_source(10), "video_size": "10"}}, "video_size"),
        ({"source_info": {**file_source(10), "video_size": 10.0}}, "video_size"),
        ({"source_info": {**file_source(10), "chunk_size": True}}, "chunk_size"),
        ({"source_info": {**file_source(10), "video_size": 0}}, "video_size"),
        ({"source_info": {"source": "PULL_FROM_URL"}}, "video_url"),
        ({"source_info": url_source("http://media.example.com/a.mp4")}, "https"),
        ({"source_info": url_source("https://")}, "https"),
        ({"post_info": [], "source_info": file_source(10)}, "post_info"),
        ({"post_info": {"privacy_level": 3}, "source_info": file_source(10)}, "privacy_level"),
        ({"post_info": {"title": 7}, "source_info": file_source(10)}, "title"),
        ({"post_info": {"title": "x" * 2201}, "source_info": file_source(10)}, "2200"),
        ({"post_info": {"title": "😀" * 1101}, "source_info": file_source(10)}, "UTF-16"),
        ({"post_info": {"disable_duet": "no"}, "source_info": file_source(10)}, "disable_duet"),
        ({"post_info": {"video_cover_timestamp_ms": "1"}, "source_info": file_source(10)}, "video_cover_timestamp_ms"),
    ],
)
def test_a_bad_body_is_400_invalid_params_naming_the_field(client, body, named):
    response = (
        call(client, VIDEO_INIT, POSTER, body) if body is not None else call(client, VIDEO_INIT, POSTER, content=b"")
    )

    assert response.status_code == 400, response.text
    error = error_of(response)
    assert error["code"] == "invalid_params" and named in error["message"]


def test_nan_deep_json_and_huge_numbers_are_400_not_500(client):
    for content in (
        b'{"source_info": NaN}',
        b"[" * 100 + b"]" * 100,
        b'{"source_info": {"video_size": 1' + b"0" * 400 + b"}}",
    ):
        response = call(client, VIDEO_INIT, POSTER, content=content)
        assert response.status_code == 400 and error_of(response)["code"] == "invalid_params"


def test_a_title_of_2200_utf16_units_is_fine(client):
    assert data_of(direct(client, file_source(10), title="😀" * 1100))


def test_invalid_param_can_be_spelled_as_tiktoks_tables_do(make_client):
    client = make_client(small_world(settings="invalid_param_code: invalid_param"))

    response = call(client, VIDEO_INIT, "act.u0", {"source_info": {}})

    assert response.status_code == 400 and error_of(response)["code"] == "invalid_param"


def test_brand_content_toggle_may_be_required(make_client):
    client = make_client(small_world(settings="require_brand_content_toggle: true"))

    assert "brand_content_toggle" in error_of(direct(client, file_source(10), token="act.u0"))["message"]
    assert data_of(direct(client, file_source(10), token="act.u0", brand_content_toggle=False))


# -- 403: the business rules, in order -------------------------------------------------------


def test_a_privacy_level_missing_or_not_among_the_options_is_403_mismatch(client):
    for token, privacy in (
        (POSTER, None),
        (POSTER, "FOLLOWER_OF_CREATOR"),
        (PRIVATE_POSTER, "PUBLIC_TO_EVERYONE"),
        (POSTER, "EVERYONE"),
    ):
        response = direct(client, file_source(10), privacy, token)
        assert response.status_code == 403, (token, privacy)
        assert error_of(response)["code"] == "privacy_level_option_mismatch"


def test_an_unaudited_app_may_not_post_to_a_public_account_even_self_only(client):
    response = direct(client, file_source(10), "SELF_ONLY", UNAUDITED_PUBLIC)

    assert response.status_code == 403
    assert error_of(response)["code"] == "unaudited_client_can_only_post_to_private_accounts"


def test_an_unaudited_app_posting_to_a_private_account_is_forced_to_self_only(client):
    publish_id = data_of(direct(client, file_source(10), "FOLLOWER_OF_CREATOR", UNAUDITED_PRIVATE))["publish_id"]

    task = client.get(f"/_mock/posts/{publish_id}").json()
    assert task["privacy_level"] == "SELF_ONLY" and task["requested_privacy_level"] == "FOLLOWER_OF_CREATOR"


def test_or_rejected_when_the_setting_says_so(make_client):
    client = make_client(
        small_world(settings="unaudited_private_posts: reject", posting="creators: {user0: {account_privacy: private}}")
    )

    response = direct(client, file_source(10), "FOLLOWER_OF_CREATOR", "act.x0")

    assert error_of(response)["code"] == "privacy_level_option_mismatch"
    assert data_of(direct(client, file_source(10), "SELF_ONLY", "act.x0"))


@pytest.mark.parametrize(
    ("url", "owned"),
    [
        ("https://media.example.com/a.mp4", True),
        ("https://video.media.example.com/a.mp4", True),  # a subdomain of a verified domain
        ("https://example.com/a.mp4", False),  # not its parent
        ("https://evilmedia.example.com/a.mp4", False),
        ("https://cdn.example.org/tiktok/a.mp4", True),  # under the verified URL prefix
        ("https://cdn.example.org/tiktokx/a.mp4", False),
        ("https://cdn.example.org/a.mp4", False),
    ],
)
def test_pull_from_url_needs_a_verified_domain_or_url_prefix(client, url, owned):
    response = direct(client, url_source(url))

    if owned:
        assert "publish_id" in data_of(response)
    else:
        assert response.status_code == 403 and error_of(response)["code"] == "url_ownership_unverified"


def test_inbox_pull_from_url_checks_ownership_too(client):
    assert (
        error_of(inbox(client, url_source("https://elsewhere.example.net/a.mp4")))["code"] == "url_ownership_unverified"
    )


def test_url_ownership_comes_before_the_privacy_level(client):
    response = direct(client, url_source("https://elsewhere.example.net/a.mp4"), "NOPE")
    assert error_of(response)["code"] == "url_ownership_unverified"


def test_the_unaudited_rule_comes_before_url_ownership(client):
    response = direct(client, url_source("https://elsewhere.example.net/a.mp4"), "SELF_ONLY", UNAUDITED_PUBLIC)
    assert error_of(response)["code"] == "unaudited_client_can_only_post_to_private_accounts"


def test_a_banned_creator_is_refused_first_on_every_init(make_client):
    client = make_client(small_world(posting="creators: {user1: {banned: true}}"))

    for response in (
        direct(client, url_source("https://elsewhere.example.net/a.mp4"), "NOPE", "act.u1"),
        inbox(client, file_source(10), "act.u1"),
    ):
        assert response.status_code == 403 and error_of(response)["code"] == "spam_risk_user_banned_from_posting"


def test_the_daily_cap_is_per_creator_across_apps_and_lasts_24_hours(make_client, clock):
    client = make_client(
        small_world(settings="daily_post_cap: 3", posting="creators: {user0: {account_privacy: private}}")
    )
    data_of(direct(client, file_source(10), "SELF_ONLY", "act.u0"))
    data_of(direct(client, file_source(10), "SELF_ONLY", "act.x0"))  # another app, the same creator
    clock.advance(60)
    data_of(direct(client, file_source(10), "SELF_ONLY", "act.u0"))

    response = direct(client, file_source(10), "SELF_ONLY", "act.u0")
    assert response.status_code == 403 and error_of(response)["code"] == "spam_risk_too_many_posts"
    assert data_of(direct(client, file_source(10), "SELF_ONLY", "act.u1"))  # another creator
    assert data_of(inbox(client, file_source(10), "act.u0"))  # inbox uploads are not direct posts
    clock.advance(86400 - 59)
    assert data_of(direct(client, file_source(10), "SELF_ONLY", "act.u0"))


def test_an_unaudited_app_reaches_its_cap_of_five_creators_a_day(make_client, clock):
    private = ", ".join(f"user{i}: {{account_privacy: private}}" for i in range(7))
    client = make_client(small_world(posting=f"creators: {{{private}}}"))
    for i in range(5):
        data_of(direct(client, file_source(10), "SELF_ONLY", f"act.x{i}"))

    response = direct(client, file_source(10), "SELF_ONLY", "act.x5")
    assert response.status_code == 403 and error_of(response)["code"] == "reached_active_user_cap"
    assert data_of(direct(client, file_source(10), "SELF_ONLY", "act.x0"))  # an active creator goes on
    assert data_of(direct(client, file_source(10), "SELF_ONLY", "act.u5"))  # the audited app has no cap
    clock.advance(86400)
    assert data_of(direct(client, file_source(10), "SELF_ONLY", "act.x5"))


def test_an_audited_app_may_have_a_cap_of_its_own(make_client):
    client = make_client(
        small_world(posting="apps_unused: {}".replace("apps_unused: {}", "")).replace(
            "sbawpost1: {verified_domains: [media.example.com]}", "sbawpost1: {active_creator_cap: 1}"
        )
    )
    data_of(direct(client, file_source(10), token="act.u0"))

    assert error_of(direct(client, file_source(10), token="act.u1"))["code"] == "reached_active_user_cap"


def test_at_most_five_pending_inbox_shares_per_creator(client, clock):
    ids = [data_of(inbox(client, file_source(10)))["publish_id"] for _ in range(5)]

    response = inbox(client, file_source(10), POSTER)
    assert response.status_code == 403 and error_of(response)["code"] == "spam_risk_too_many_pending_share"
    client.post(f"/_mock/posts/{ids[0]}/fail", json={"fail_reason": "internal"})
    clock.advance(60)  # past the rate limit's minute
    assert data_of(inbox(client, file_source(10)))  # a failed share no longer waits


def test_a_verified_url_pulls_without_any_network(client):
    assert data_of(direct(client, url_source(VERIFIED_URL)))
