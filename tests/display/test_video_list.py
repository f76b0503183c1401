"""POST /v2/video/list/: body rules, defaults and cursor semantics of tiktok-api.md Part 1."""

from __future__ import annotations

import pytest

from tests.display.helpers import BASIC_ONLY, SEED_TOKEN, data_of, error_of, video_list, walk


def newest_first(client) -> list[dict]:
    """All 45 public videos of tiktoker, newest first."""
    return [video for page in walk(client, SEED_TOKEN, 20) for video in page["videos"]]


@pytest.mark.parametrize("body", [None, {}])
def test_an_empty_body_gives_the_ten_newest_videos(client, body):
    data = data_of(video_list(client, body))

    assert len(data["videos"]) == 10
    times = [video["create_time"] for video in data["videos"]]
    assert times == sorted(times, reverse=True)
    assert data["has_more"] is True


def test_an_empty_body_sent_without_json_is_allowed(client):
    response = client.post(
        "/v2/video/list/", params={"fields": "id"}, headers={"Authorization": "Bearer act.demo-tiktoker"}
    )

    assert len(data_of(response)["videos"]) == 10


def test_max_count_sets_the_page_size(client):
    assert len(data_of(video_list(client, {"max_count": 20}))["videos"]) == 20


def test_a_zero_cursor_starts_at_the_newest_video_like_no_cursor(client):
    assert data_of(video_list(client, {"cursor": 0})) == data_of(video_list(client, {}))


def test_the_reply_cursor_is_the_oldest_returned_create_time_in_ms(client):
    data = data_of(video_list(client, {"max_count": 5}))

    assert data["cursor"] == data["videos"][-1]["create_time"] * 1000


def test_a_cursor_returns_only_videos_created_strictly_before_it(client):
    videos = newest_first(client)
    pivot = videos[7]["create_time"] * 1000

    assert data_of(video_list(client, {"cursor": pivot}))["videos"][0] == videos[8]
    assert data_of(video_list(client, {"cursor": pivot + 1}))["videos"][0] == videos[7]


def test_a_cursor_older_than_every_video_gives_an_empty_last_page(client):
    data = data_of(video_list(client, {"cursor": 1000}))

    assert data == {"videos": [], "cursor": 1000, "has_more": False}


def test_has_more_is_false_when_the_page_ends_on_the_oldest_video(client):
    # tiktoker has 45 public videos: 20 + 20 + 5.
    first = data_of(video_list(client, {"max_count": 20}))
    second = data_of(video_list(client, {"max_count": 20, "cursor": first["cursor"]}))
    third = data_of(video_list(client, {"max_count": 20, "cursor": second["cursor"]}))

    assert (first["has_more"], second["has_more"], third["has_more"]) == (True, True, False)
    assert len(third["videos"]) == 5


def test_has_more_is_false_when_a_full_page_takes_the_last_video(client):
    first = data_of(video_list(client, {"max_count": 15}))
    second = data_of(video_list(client, {"max_count": 15, "cursor": first["cursor"]}))
    third = data_of(video_list(client, {"max_count": 15, "cursor": second["cursor"]}))

    assert len(third["videos"]) == 15
    assert third["has_more"] is False


def test_only_the_asked_video_fields_come_back(client):
    videos = data_of(video_list(client, {"max_count": 3}, fields="title,id"))["videos"]

    assert all(list(video) == ["title", "id"] for video in videos)


def test_without_video_list_scope_it_is_scope_not_authorized(client):
    response = video_list(client, {}, token=BASIC_ONLY)

    assert response.status_code == 401
    assert error_of(response)["code"] == "scope_not_authorized"


def test_an_unknown_video_field_is_invalid_params_naming_it(client):
    response = video_list(client, {}, fields="id,play_url")

    assert response.status_code == 400
    assert error_of(response)["code"] == "invalid_params"
    assert "play_url" in error_of(response)["message"]


def test_missing_fields_is_invalid_params(client):
    response = client.post("/v2/video/list/", headers={"Authorization": "Bearer act.demo-tiktoker"}, json={})

    assert response.status_code == 400
    assert "fields" in error_of(response)["message"]


@pytest.mark.parametrize(
    ("raw", "named"),
    [
        (b"{not json", "JSON"),
        (b"[1, 2]", "object"),
        (b'"max_count"', "object"),
        (b'{"max_count": true}', "max_count"),
        (b'{"max_count": "10"}', "max_count"),
        (b'{"max_count": 10.5}', "max_count"),
        (b'{"max_count": 0}', "max_count"),
        (b'{"max_count": 21}', "max_count"),
        (b'{"max_count": 21.0}', "max_count"),
        (b'{"max_count": -1}', "max_count"),
        (b'{"cursor": -1}', "cursor"),
        (b'{"cursor": false}', "cursor"),
        (b'{"cursor": "1646883959000"}', "cursor"),
        (b'{"cursor": 1.5}', "cursor"),
        (b'{"cursor": 9223372036854775808}', "cursor"),
    ],
)
def test_a_bad_body_is_invalid_params_naming_the_field(client, raw, named):
    response = client.post(
        "/v2/video/list/",
        params={"fields": "id"},
        headers={"Authorization": "Bearer act.demo-tiktoker", "Content-Type": "application/json"},
        content=raw,
    )

    assert response.status_code == 400
    error = error_of(response)
    assert error["code"] == "invalid_params"
    assert named in error["message"]


def test_a_whole_number_written_with_a_fraction_is_that_integer(client):
    # JSON Schema's integer includes 6.0, so the spec calls it valid: the server takes it as 6.
    first = data_of(video_list(client, {"max_count": 6.0}))
    second = data_of(video_list(client, {"max_count": 6e0, "cursor": float(first["cursor"])}))

    assert len(first["videos"]) == len(second["videos"]) == 6
    assert second["videos"][0]["create_time"] * 1000 < first["cursor"]


def test_max_count_bounds_one_and_twenty_are_accepted(client):
    assert len(data_of(video_list(client, {"max_count": 1}))["videos"]) == 1
    assert len(data_of(video_list(client, {"max_count": 20}))["videos"]) == 20
