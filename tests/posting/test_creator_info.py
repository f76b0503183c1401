"""POST /v2/post/publish/creator_info/query/: who the creator is and what they may post."""

from __future__ import annotations

import httpx

from tests.posting.helpers import (
    CREATOR_INFO,
    NO_POSTING,
    POSTER,
    PRIVATE_POSTER,
    UPLOADER,
    call,
    data_of,
    direct,
    error_of,
    file_source,
    small_world,
)


def test_a_public_creator_may_post_publicly(client):
    data = data_of(call(client, CREATOR_INFO, POSTER, {}))

    assert data["creator_username"] == "tiktoker"
    assert data["creator_nickname"] == "Tik Toker"
    assert data["privacy_level_options"] == ["PUBLIC_TO_EVERYONE", "MUTUAL_FOLLOW_FRIENDS", "SELF_ONLY"]
    assert data["comment_disabled"] is False and data["duet_disabled"] is False and data["stitch_disabled"] is False
    assert data["max_video_post_duration_sec"] == 600


def test_a_private_creator_gets_followers_instead_of_public_and_no_duets(client):
    data = data_of(call(client, CREATOR_INFO, PRIVATE_POSTER))  # no body at all, as Postiz sends

    assert data["privacy_level_options"] == ["FOLLOWER_OF_CREATOR", "MUTUAL_FOLLOW_FRIENDS", "SELF_ONLY"]
    assert data["duet_disabled"] is True and data["stitch_disabled"] is True
    assert data["comment_disabled"] is False
    assert data["max_video_post_duration_sec"] == 300


def test_no_one_may_comment_disables_comments(make_client):
    client = make_client(small_world(posting="creators: {user0: {comment: no_one, duet: no_one}}"))

    data = data_of(call(client, CREATOR_INFO, "act.u0"))

    assert data["comment_disabled"] is True and data["duet_disabled"] is True and data["stitch_disabled"] is False


def test_the_avatar_is_a_signed_link_served_for_two_hours(client, clock):
    url = data_of(call(client, CREATOR_INFO, POSTER))["creator_avatar_url"]
    path = httpx.URL(url).raw_path.decode()

    assert client.get(path).headers["content-type"] == "image/jpeg"
    clock.advance(7200)
    assert client.get(path).status_code == 403


def test_both_slash_forms_answer(client):
    assert data_of(call(client, CREATOR_INFO.rstrip("/"), POSTER, {}))["creator_username"] == "tiktoker"


def test_without_a_token_it_is_401(client):
    response = call(client, CREATOR_INFO, None, {})

    assert response.status_code == 401 and error_of(response)["code"] == "access_token_invalid"


def test_without_video_publish_it_is_401_scope_not_authorized(client):
    for token in (NO_POSTING, UPLOADER):
        response = call(client, CREATOR_INFO, token, {})
        assert response.status_code == 401, token
        assert error_of(response)["code"] == "scope_not_authorized"
        assert "video.publish" in error_of(response)["message"]


def test_twenty_calls_a_minute_then_429(client, clock):
    assert [call(client, CREATOR_INFO, POSTER).status_code for _ in range(21)] == [200] * 20 + [429]
    assert error_of(call(client, CREATOR_INFO, POSTER))["code"] == "rate_limit_exceeded"
    clock.advance(60)
    assert call(client, CREATOR_INFO, POSTER).status_code == 200


def test_a_body_that_is_not_a_json_object_is_400(client):
    for content in (b"[1]", b"{", b'"x"'):
        response = call(client, CREATOR_INFO, POSTER, content=content)
        assert response.status_code == 400 and error_of(response)["code"] == "invalid_params", content


def test_a_banned_creator_gets_http_200_with_the_ban(make_client):
    client = make_client(small_world(posting="creators: {user1: {banned: true}}"))

    response = call(client, CREATOR_INFO, "act.u1")

    assert response.status_code == 200
    assert error_of(response)["code"] == "spam_risk_user_banned_from_posting"


def test_the_daily_cap_shows_as_http_200_spam_risk_too_many_posts(make_client):
    client = make_client(small_world(settings="daily_post_cap: 2"))
    for _ in range(2):
        data_of(direct(client, file_source(1000), token="act.u0"))

    response = call(client, CREATOR_INFO, "act.u0")

    assert response.status_code == 200 and error_of(response)["code"] == "spam_risk_too_many_posts"


def test_the_refusal_can_carry_data_too(make_client):
    client = make_client(
        small_world(settings="creator_info_data_on_refusal: true", posting="creators: {user1: {banned: true}}")
    )

    body = call(client, CREATOR_INFO, "act.u1").json()

    assert body["error"]["code"] == "spam_risk_user_banned_from_posting"
    assert body["data"]["creator_username"] == "user1"


def test_an_unaudited_app_at_its_five_creators_refuses_a_sixth(make_client):
    client = make_client(
        small_world(posting="creators: {" + ", ".join(f"user{i}: {{account_privacy: private}}" for i in range(7)) + "}")
    )
    for i in range(5):
        data_of(direct(client, file_source(1000), "SELF_ONLY", f"act.x{i}"))

    assert data_of(call(client, CREATOR_INFO, "act.x4"))  # an active creator may go on
    response = call(client, CREATOR_INFO, "act.x5")
    assert response.status_code == 200 and error_of(response)["code"] == "reached_active_user_cap"
