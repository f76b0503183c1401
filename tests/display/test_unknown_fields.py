"""user/info fields in the wild: `profile_web_link`, and the `unknown_fields` setting
(server-wide or per app) that rejects (default) or ignores a name TikTok's v2 does not
define, such as v1's `avatar_url_200` that passport-tiktok-auth asks for."""

from __future__ import annotations

import pytest

from mock_server.kernel.errors import FixtureError
from tests.display.helpers import SEED_TOKEN, bearer, data_of, error_of, user_info

# passport-tiktok-auth 1.0.12's profile call (tiktok-api.md Part 2), stats fields left out:
# its default scope is user.info.basic only.
PASSPORT_FIELDS = "open_id,union_id,avatar_url,avatar_url_100,avatar_url_200,avatar_large_url,display_name"


def test_profile_web_link_is_the_profiles_web_page(client):
    user = data_of(user_info(client, "username,profile_web_link,profile_deep_link"))["user"]

    assert user["profile_web_link"] == "https://www.tiktok.com/@dancequeen"
    assert user["profile_deep_link"].startswith("https://vm.tiktok.com/")


def test_profile_web_link_needs_user_info_profile(client):
    response = user_info(client, "open_id,profile_web_link", token=SEED_TOKEN)

    assert response.status_code == 400
    error = error_of(response)
    assert error["code"] == "scope_permission_missed"
    assert "profile_web_link" in error["message"] and "user.info.profile" in error["message"]


def test_by_default_an_unknown_field_is_invalid_params_naming_it(client):
    response = user_info(client, PASSPORT_FIELDS, token=SEED_TOKEN)

    assert response.status_code == 400
    assert error_of(response)["code"] == "invalid_params"
    assert "avatar_url_200" in error_of(response)["message"]


IGNORE_EVERYWHERE = """
settings:
  unknown_fields: ignore
apps:
  - client_key: anyapp
    redirect_uris: [https://a.example/cb]
    scopes: [user.info.basic, video.list]
users: [{username: alice, videos: 2}]
tokens: [{app: anyapp, user: alice, access_token: act.alice}]
"""


def test_with_the_setting_on_unknown_fields_are_left_out_and_the_rest_answered(make_client):
    client = make_client(IGNORE_EVERYWHERE)

    user = data_of(user_info(client, PASSPORT_FIELDS, token="act.alice"))["user"]

    assert list(user) == [name for name in PASSPORT_FIELDS.split(",") if name != "avatar_url_200"]


def test_with_the_setting_on_only_unknown_fields_answer_an_empty_user(make_client):
    client = make_client(IGNORE_EVERYWHERE)

    assert data_of(user_info(client, "avatar_url_200", token="act.alice")) == {"user": {}}


def test_the_setting_applies_to_video_fields_too(make_client):
    client = make_client(IGNORE_EVERYWHERE)

    response = client.post("/v2/video/list/", params={"fields": "id,play_count"}, headers=bearer("act.alice"), json={})

    assert [set(video) for video in data_of(response)["videos"]] == [{"id"}, {"id"}]


def test_ignoring_an_unknown_field_still_checks_the_scopes_of_known_ones(make_client):
    response = user_info(make_client(IGNORE_EVERYWHERE), "avatar_url_200,username", token="act.alice")

    assert error_of(response)["code"] == "scope_permission_missed"


PER_APP = """
apps:
  - client_key: passportapp
    redirect_uris: [https://a.example/cb]
    unknown_fields: ignore
  - client_key: strictapp
    redirect_uris: [https://b.example/cb]
users: [{username: alice}]
tokens:
  - {app: passportapp, user: alice, access_token: act.passport}
  - {app: strictapp, user: alice, access_token: act.strict}
"""


def test_the_setting_is_per_app(make_client):
    client = make_client(PER_APP)

    assert data_of(user_info(client, "display_name,avatar_url_200", token="act.passport"))["user"] == {
        "display_name": user_info(client, "display_name", token="act.strict").json()["data"]["user"]["display_name"]
    }
    assert error_of(user_info(client, "display_name,avatar_url_200", token="act.strict"))["code"] == "invalid_params"


@pytest.mark.parametrize(
    "where",
    [
        "settings:\n  unknown_fields: drop\n",
        "apps:\n  - {client_key: a, redirect_uris: [https://a.example/cb], unknown_fields: 1}\n",
    ],
)
def test_a_wrong_setting_value_is_a_fixture_error_naming_it(make_client, where):
    with pytest.raises(FixtureError, match=r"unknown_fields: must be one of reject, ignore"):
        make_client(where)
