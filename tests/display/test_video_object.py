"""The video object: every field of tiktok-api.md §2.2, TikTok's link shapes and embed code."""

from __future__ import annotations

import re

import pytest

from mock_server.families.display.scopes import VIDEO_FIELDS
from mock_server.families.display.video_object import FIELD_VALUES
from mock_server.fixtures import load_fixture_text
from mock_server.kernel.errors import FixtureError
from tests.display.helpers import ALL_VIDEO_FIELDS, data_of, video_list, video_query

INTS = ("create_time", "duration", "height", "width", "like_count", "comment_count", "share_count", "view_count")
STRINGS = ("id", "cover_image_url", "share_url", "video_description", "title", "embed_html", "embed_link")


def first_video(client) -> dict:
    return data_of(video_list(client, {"max_count": 1}, fields=ALL_VIDEO_FIELDS))["videos"][0]


def test_the_renderer_covers_exactly_the_scope_tables_video_fields():
    assert set(FIELD_VALUES) == set(VIDEO_FIELDS)


def test_every_field_is_present_with_tiktoks_type(client):
    video = first_video(client)

    assert set(video) == set(VIDEO_FIELDS)
    assert all(isinstance(video[name], int) and not isinstance(video[name], bool) for name in INTS)
    assert all(isinstance(video[name], str) for name in STRINGS)


def test_a_generated_id_is_a_19_digit_number_and_create_time_is_in_seconds(client):
    video = first_video(client)

    assert re.fullmatch(r"\d{19}", video["id"])
    assert 1_500_000_000 < video["create_time"] < 2_000_000_000


def test_share_url_is_tiktoks_with_the_apps_client_key(client):
    video = first_video(client)

    assert video["share_url"] == (
        f"https://www.tiktok.com/@tiktoker/video/{video['id']}?utm_campaign=tt4d_open_api&utm_source=sbawdemo000001"
    )


def test_embed_link_is_tiktoks_profile_video_player(client):
    video = data_of(video_query(client, ["7300000000000000001"], fields="embed_link"))["videos"][0]

    assert video["embed_link"] == (
        "https://www.tiktok.com/static/profile-video?id=7300000000000000001"
        "&hide_author=1&utm_campaign=tt4d_open_api&utm_source=sbawdemo000001"
    )


def test_embed_html_is_tiktoks_blockquote_embed_code(client):
    html = data_of(video_query(client, ["7300000000000000001"], fields="embed_html"))["videos"][0]["embed_html"]

    assert html.startswith(
        '<blockquote class="tiktok-embed" cite="https://www.tiktok.com/@dancequeen/video/7300000000000000001"'
    )
    assert 'data-video-id="7300000000000000001"' in html
    assert "<section>" in html and "</section> </blockquote>" in html
    assert html.endswith('<script async src="https://www.tiktok.com/embed.js"></script>')


def test_embed_html_escapes_the_description(client):
    html = data_of(video_query(client, ["7300000000000000001"], fields="embed_html"))["videos"][0]["embed_html"]

    assert "New routine, who&#x27;s in? #dance #fyp" in html


def test_values_come_from_the_fixture(client):
    video = data_of(video_query(client, ["7300000000000000003"], fields="title,view_count"))["videos"][0]

    assert video == {"title": "Trend remix", "view_count": 1500000}


def test_fields_come_back_in_the_asked_order_with_the_cover_in_its_place(client):
    video = data_of(video_list(client, {"max_count": 1}, fields="title,cover_image_url,id"))["videos"][0]

    assert list(video) == ["title", "cover_image_url", "id"]


def test_the_same_video_carries_each_apps_own_client_key(client):
    fields = "share_url,embed_link"
    data_of(video_list(client, {"max_count": 1}, fields=fields))  # the demo app's object first
    client.post(
        "/_mock/apps",
        json={"client_key": "sbawother0001", "redirect_uris": ["https://o.example/cb"], "scopes": ["video.list"]},
    )
    minted = client.post(
        "/_mock/tokens", json={"client_key": "sbawother0001", "user": "tiktoker", "scope": "video.list"}
    )
    reply = video_list(client, {"max_count": 1}, fields=fields, token=minted.json()["access_token"])

    video = data_of(reply)["videos"][0]

    assert video["share_url"].endswith("utm_source=sbawother0001")
    assert video["embed_link"].endswith("utm_source=sbawother0001")


HUGE_COUNT_FIXTURE = """
seed: 7
apps:
  - client_key: hugeapp0000001
    client_secret: huge-secret
    redirect_uris: [https://example.com/callback]
    scopes: [user.info.basic, video.list]
users:
  - username: viral
    videos:
      - {id: "7320000000000000001", create_time: 1760000000, view_count: 123456789012345678901234}
tokens:
  - {app: hugeapp0000001, user: viral, access_token: act.viral}
"""


def test_a_count_beyond_tiktoks_int64_is_refused_with_file_and_line():
    # TikTok's counts are int64; a fixture cannot hold one TikTok could not send.
    with pytest.raises(
        FixtureError, match=r"^huge.yaml:11: users\[0\].videos\[0\].view_count: must be at most 9223372036854775807"
    ):
        load_fixture_text(HUGE_COUNT_FIXTURE, "huge.yaml")
