"""GET /v2/user/info/: only the asked fields, TikTok's types, scope gating per field."""

from __future__ import annotations

import pytest

from tests.display.helpers import BASIC_ONLY, SEED_TOKEN, bearer, data_of, error_of, user_info

BASIC = ["open_id", "union_id", "avatar_url", "avatar_url_100", "avatar_large_url", "display_name"]
PROFILE = ["bio_description", "profile_deep_link", "profile_web_link", "is_verified", "username"]
STATS = ["follower_count", "following_count", "likes_count", "video_count"]


def test_only_the_asked_fields_come_back(client):
    user = data_of(user_info(client, "display_name,open_id"))["user"]

    assert user == {"display_name": "Dance Queen", "open_id": user["open_id"]}


def test_every_field_has_tiktoks_type(client):
    user = data_of(user_info(client, ",".join(BASIC + PROFILE + STATS)))["user"]

    assert set(user) == set(BASIC + PROFILE + STATS)
    assert all(isinstance(user[name], str) for name in BASIC + PROFILE if name != "is_verified")
    assert isinstance(user["is_verified"], bool)
    assert all(isinstance(user[name], int) and not isinstance(user[name], bool) for name in STATS)


def test_the_values_are_the_fixture_users(client, mock):
    accounts = mock.login_kit
    dancequeen, app = accounts.users["dancequeen"], accounts.apps["sbawdemo000001"]

    user = data_of(user_info(client, "open_id,union_id,username,follower_count"))["user"]

    assert user == {
        "open_id": accounts.open_id(dancequeen, app),  # this app's own open_id for her
        "union_id": accounts.union_id(dancequeen, app),
        "username": "dancequeen",
        "follower_count": 250000,
    }


def test_video_count_counts_only_public_videos(client):
    # dancequeen has three videos, one of them private.
    assert data_of(user_info(client, "video_count"))["user"]["video_count"] == 2


def test_spaces_and_repeats_in_fields_are_tolerated(client):
    user = data_of(user_info(client, " open_id , display_name,open_id"))["user"]

    assert list(user) == ["open_id", "display_name"]


@pytest.mark.parametrize("fields", [None, "", " , "])
def test_missing_or_empty_fields_is_invalid_params_naming_fields(client, fields):
    response = user_info(client, fields)

    assert response.status_code == 400
    error = error_of(response)
    assert error["code"] == "invalid_params"
    assert "fields" in error["message"]


def test_an_unknown_field_is_invalid_params_naming_it(client):
    response = user_info(client, "open_id,avatar_url_200")  # a v1-only field

    assert response.status_code == 400
    error = error_of(response)
    assert error["code"] == "invalid_params"
    assert "avatar_url_200" in error["message"]


@pytest.mark.parametrize(("field", "scope"), [("username", "user.info.profile"), ("likes_count", "user.info.stats")])
def test_a_field_of_an_ungranted_scope_is_scope_permission_missed(client, field, scope):
    response = user_info(client, f"open_id,{field}", token=SEED_TOKEN)

    assert response.status_code == 400
    error = error_of(response)
    assert error["code"] == "scope_permission_missed"
    assert field in error["message"] and scope in error["message"]


def test_without_user_info_basic_the_endpoint_is_scope_not_authorized(client, mock):
    app = mock.login_kit.apps["sbawdemo000001"]
    newbie = mock.login_kit.open_id(mock.login_kit.users["newbie"], app)
    token = mock.login_kit.issue_tokens(app, newbie, ["video.list"]).access.token

    response = client.get("/v2/user/info/", params={"fields": "open_id"}, headers=bearer(token))

    assert response.status_code == 401
    assert error_of(response)["code"] == "scope_not_authorized"


def test_basic_fields_need_only_the_basic_scope(client):
    user = data_of(user_info(client, ",".join(BASIC), token=BASIC_ONLY))["user"]

    assert user["display_name"] == "New Creator"
