"""Helpers for calling the Display API over HTTP in tests."""

from __future__ import annotations

from typing import Any

from starlette.testclient import TestClient

FULL = "act.demo-dancequeen-full"  # dancequeen: basic, profile, stats, video.list
SEED_TOKEN = "act.demo-tiktoker"  # tiktoker: user.info.basic + video.list, as the getting-started guide
BASIC_ONLY = "act.demo-newbie-basic"  # newbie: user.info.basic only

ALL_VIDEO_FIELDS = (
    "id,create_time,cover_image_url,share_url,video_description,duration,height,width,title,"
    "embed_html,embed_link,like_count,comment_count,share_count,view_count"
)


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def user_info(client: TestClient, fields: str | None, token: str = FULL, path: str = "/v2/user/info/"):
    params = {} if fields is None else {"fields": fields}
    return client.get(path, params=params, headers=bearer(token))


def video_list(
    client: TestClient,
    body: Any = None,
    fields: str = "id,create_time",
    token: str = SEED_TOKEN,
    path: str = "/v2/video/list/",
):
    return client.post(path, params={"fields": fields}, headers=bearer(token), json=body)


def video_query(
    client: TestClient, ids: list[Any], fields: str = "id", token: str = FULL, path: str = "/v2/video/query/"
):
    return client.post(path, params={"fields": fields}, headers=bearer(token), json={"filters": {"video_ids": ids}})


def error_of(response) -> dict[str, str]:
    """The v2 error object, after checking the error envelope has no `data`."""
    body = response.json()
    assert "data" not in body, body
    return body["error"]


def data_of(response) -> dict[str, Any]:
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["error"]["code"] == "ok" and body["error"]["message"] == "", body
    return body["data"]


def walk(client: TestClient, token: str, max_count: int, fields: str = "id,create_time") -> list[dict[str, Any]]:
    """Every page from the newest to the last, following `cursor` while `has_more`."""
    pages, body = [], {"max_count": max_count}
    while True:
        page = data_of(video_list(client, body, fields=fields, token=token))
        pages.append(page)
        if not page["has_more"]:
            return pages
        body = {"max_count": max_count, "cursor": page["cursor"]}
        assert len(pages) < 1000, "the walk does not end"
