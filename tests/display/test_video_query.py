"""POST /v2/video/query/: up to 20 ids; unknown, foreign and non-public ids are left out silently."""

from __future__ import annotations

import pytest

from tests.display.helpers import FULL, SEED_TOKEN, bearer, data_of, error_of, video_list, video_query

OWN = ["7300000000000000001", "7300000000000000003"]  # dancequeen's public videos
PRIVATE = "7300000000000000002"


def ids_of(response) -> list[str]:
    return [video["id"] for video in data_of(response)["videos"]]


def test_own_videos_come_back_in_the_order_asked(client):
    assert ids_of(video_query(client, list(reversed(OWN)))) == list(reversed(OWN))


def test_the_reply_has_cursor_zero_and_no_more(client):
    data = data_of(video_query(client, OWN))

    assert (data["cursor"], data["has_more"]) == (0, False)


def test_another_users_video_is_left_out(client):
    foreign = data_of(video_list(client, {"max_count": 1}, token=SEED_TOKEN))["videos"][0]["id"]

    assert ids_of(video_query(client, [foreign, OWN[0]])) == [OWN[0]]


def test_an_unknown_video_id_is_left_out(client):
    assert ids_of(video_query(client, ["7999999999999999999", OWN[1]])) == [OWN[1]]


def test_only_unknown_ids_give_an_empty_list(client):
    assert data_of(video_query(client, ["7999999999999999999"]))["videos"] == []


def test_an_own_private_video_is_left_out(client):
    assert ids_of(video_query(client, [PRIVATE, OWN[0]])) == [OWN[0]]


def test_a_repeated_id_comes_back_once(client):
    assert ids_of(video_query(client, [OWN[0], OWN[0]])) == [OWN[0]]


def test_twenty_ids_are_accepted(client):
    assert ids_of(video_query(client, OWN + [f"79999999999999999{i:02d}" for i in range(18)])) == OWN


@pytest.mark.parametrize("count", [0, 21])
def test_no_ids_or_more_than_twenty_is_invalid_params(client, count):
    response = video_query(client, [f"79999999999999999{i:02d}" for i in range(count)])

    assert response.status_code == 400
    error = error_of(response)
    assert error["code"] == "invalid_params"
    assert "video_ids" in error["message"]


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"filters": None},
        {"filters": []},
        {"filters": {}},
        {"filters": {"video_ids": "7300000000000000001"}},
        {"filters": {"video_ids": [7300000000000000001]}},
        {"video_ids": OWN},
    ],
)
def test_a_malformed_filter_is_invalid_params_naming_it(client, body):
    response = client.post("/v2/video/query/", params={"fields": "id"}, headers=bearer(FULL), json=body)

    assert response.status_code == 400
    error = error_of(response)
    assert error["code"] == "invalid_params"
    assert "filters" in error["message"]


def test_an_empty_body_is_invalid_params(client):
    response = client.post("/v2/video/query/", params={"fields": "id"}, headers=bearer(FULL))

    assert response.status_code == 400
    assert "filters" in error_of(response)["message"]


def test_only_the_asked_fields_come_back(client):
    videos = data_of(video_query(client, OWN, fields="embed_link,id"))["videos"]

    assert [list(video) for video in videos] == [["embed_link", "id"], ["embed_link", "id"]]
