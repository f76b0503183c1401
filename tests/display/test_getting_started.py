"""The example requests of TikTok's Display API "Get Started" guide (shared/seeds/003_*), replayed
against the mock with a fixture token holding the guide's scopes (user.info.basic, video.list).
Each reply must have the shape of the guide's example reply."""

from __future__ import annotations

import re

from tests.display.helpers import SEED_TOKEN, bearer, data_of

# The guide's signed cover link: .../tos-alisg-p-0037/<hex>~tplv-noop.image?x-expires=<s>&x-signature=<b64>%3D
COVER = re.compile(
    r"/tos-alisg-p-0037/[0-9a-f]{32}~tplv-noop\.image\?x-expires=\d{10}&x-signature=[A-Za-z0-9%]{20,}%3D$"
)
EMBED_LINK = re.compile(
    r"^https://www\.tiktok\.com/static/profile-video\?id=\d{19}&hide_author=1"
    r"&utm_campaign=tt4d_open_api&utm_source=sbawdemo000001$"
)


def test_the_guides_user_info_request(client):
    # curl -L -X GET 'https://open.tiktokapis.com/v2/user/info/?fields=open_id,union_id,avatar_url,display_name'
    response = client.get("/v2/user/info/?fields=open_id,union_id,avatar_url,display_name", headers=bearer(SEED_TOKEN))

    user = data_of(response)["user"]
    assert set(user) == {"open_id", "union_id", "avatar_url", "display_name"}
    assert user["display_name"] == "Tik Toker"
    assert user["union_id"] == "c9c60f44-a68e-4f5d-84dd-ce22faeb0ba1"
    assert "~c5_168x168.jpeg?x-expires=" in user["avatar_url"]  # signed, served by the mock


def test_the_guides_video_list_request(client):
    # curl -L -X POST '.../v2/video/list/?fields=id,title,video_description,duration,cover_image_url,embed_link'
    #   --data-raw '{"max_count": 20}'
    response = client.post(
        "/v2/video/list/?fields=id,title,video_description,duration,cover_image_url,embed_link",
        headers={**bearer(SEED_TOKEN), "Content-Type": "application/json"},
        content=b'{\n    "max_count": 20\n}',
    )

    data = data_of(response)
    assert set(data) == {"videos", "cursor", "has_more"}
    assert len(data["videos"]) == 20 and data["has_more"] is True
    assert isinstance(data["cursor"], int) and data["cursor"] % 1000 == 0
    for video in data["videos"]:
        assert set(video) == {"id", "title", "video_description", "duration", "cover_image_url", "embed_link"}
        assert COVER.search(video["cover_image_url"])
        assert EMBED_LINK.match(video["embed_link"])


def test_the_guides_video_query_request_with_its_own_ids(client):
    # The guide's ids belong to a real TikTok user, so the mock leaves them out, as TikTok would.
    response = client.post(
        "/v2/video/query/?fields=id,cover_image_url,embed_link",
        headers={**bearer(SEED_TOKEN), "Content-Type": "application/json"},
        content=b'{"filters": {"video_ids": ["7077642457847994444", "7080217258529732386"]}}',
    )

    assert data_of(response) == {"videos": [], "cursor": 0, "has_more": False}


def test_the_guides_video_query_request_with_the_users_ids(client):
    listed = client.post("/v2/video/list/?fields=id", headers=bearer(SEED_TOKEN), json={"max_count": 2})
    ids = [video["id"] for video in data_of(listed)["videos"]]

    response = client.post(
        "/v2/video/query/?fields=id,cover_image_url,embed_link",
        headers={**bearer(SEED_TOKEN), "Content-Type": "application/json"},
        json={"filters": {"video_ids": ids}},
    )

    data = data_of(response)
    assert (data["cursor"], data["has_more"]) == (0, False)
    assert [video["id"] for video in data["videos"]] == ids
    assert all(set(video) == {"id", "cover_image_url", "embed_link"} for video in data["videos"])
