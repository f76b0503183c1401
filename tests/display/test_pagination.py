"""Walking video/list from the first page to the last yields every public video once, newest first."""

from __future__ import annotations

import pytest

from tests.display.helpers import data_of, video_list, video_query, walk

T = 1_760_000_000  # a create_time (s) to date the explicit videos from


def explicit_videos() -> str:
    """13 videos: every third one private, and two pairs posted in the same second."""
    times = [T - 100 * i for i in range(13)]
    times[4] = times[3]  # a tie among public videos
    times[8] = times[7]  # a tie with a private video
    lines = []
    for i, when in enumerate(times):
        privacy = "SELF_ONLY" if i % 3 == 2 else "PUBLIC_TO_EVERYONE"
        lines.append(f'      - {{id: "73100000000000000{i:02d}", create_time: {when}, privacy_level: {privacy}}}')
    return "\n".join(lines)


FIXTURE = f"""
seed: 7
apps:
  - client_key: pagingapp00001
    client_secret: paging-secret
    redirect_uris: [https://example.com/callback]
    scopes: [user.info.basic, user.info.stats, video.list]
users:
  - username: prolific
    videos: 53
  - username: mixed
    videos:
{explicit_videos()}
tokens:
  - {{app: pagingapp00001, user: prolific, access_token: act.prolific}}
  - {{app: pagingapp00001, user: mixed, access_token: act.mixed}}
"""

PRIVATE_IDS = {f"73100000000000000{i:02d}" for i in range(13) if i % 3 == 2}


@pytest.fixture
def paging(make_client):
    return make_client(FIXTURE)


def walked_ids(pages) -> list[str]:
    return [video["id"] for page in pages for video in page["videos"]]


@pytest.mark.parametrize("max_count", [1, 7, 10, 20])
def test_walking_every_page_yields_each_public_video_once_newest_first(paging, max_count):
    pages = walk(paging, "act.prolific", max_count)

    videos = [video for page in pages for video in page["videos"]]
    assert len(videos) == 53
    assert len({video["id"] for video in videos}) == 53
    times = [video["create_time"] for video in videos]
    assert all(newer > older for newer, older in zip(times, times[1:], strict=False))


def test_every_page_but_the_last_has_more_and_the_last_does_not(paging):
    pages = walk(paging, "act.prolific", 20)

    assert [page["has_more"] for page in pages] == [True, True, False]
    assert [len(page["videos"]) for page in pages] == [20, 20, 13]


def test_private_videos_never_appear_in_the_walk(paging):
    ids = walked_ids(walk(paging, "act.mixed", 2))

    assert len(ids) == 9
    assert not PRIVATE_IDS & set(ids)


# A tie longer than a page (two videos of one second, max_count 1) cannot be kept whole: see the README.
@pytest.mark.parametrize("max_count", [2, 3, 4, 20])
def test_videos_of_the_same_second_are_never_split_across_pages(paging, max_count):
    ids = walked_ids(walk(paging, "act.mixed", max_count))

    public = [f"73100000000000000{i:02d}" for i in range(13) if i % 3 != 2]
    assert sorted(ids) == sorted(public)
    assert len(ids) == len(set(ids))


def test_a_page_that_would_split_a_tie_stops_before_it_with_has_more(paging):
    # Public videos, newest first: 0, 1, 3 and 4 (same second), 6, ...
    data = data_of(video_list(paging, {"max_count": 3}, token="act.mixed", fields="id"))

    assert [video["id"] for video in data["videos"]] == ["7310000000000000000", "7310000000000000001"]
    assert data["has_more"] is True


def test_private_videos_are_left_out_of_video_query(paging):
    data = data_of(video_query(paging, sorted(PRIVATE_IDS) + ["7310000000000000000"], token="act.mixed"))

    assert [video["id"] for video in data["videos"]] == ["7310000000000000000"]


def test_the_video_index_is_built_once_per_user(paging):
    mock = paging.app.state.mock
    user = mock.login_kit.users["prolific"]
    walk(paging, "act.prolific", 5)

    assert mock.display.index(user) is mock.display.index(user)
